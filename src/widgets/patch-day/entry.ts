// The patch-day widget's registry entry (see src/widgets/registry.ts). A module of
// its own, so an embed page can load just this widget (src/widgets/entry-loaders.ts).
import { entry } from '../widget-entry.ts';
import { computePatchDay, type PatchDayResult } from './model.ts';
import * as params from './params.ts';

export default entry<params.ParamName, PatchDayResult>({
  id: params.WIDGET_ID,
  title: 'Patch day: one fleet as VMs, containers and microVMs',
  order: 4,
  page: 'widgets/patch-day/',
  load: () => import('./PatchDay.tsx').then((m) => m.default),
  params: params.PARAMS,
  presets: params.PRESETS,
  core: 'scenarios',
  compute: computePatchDay,
  numbers: (r) =>
    Object.fromEntries(
      r.designs.flatMap((d) => [
        [`${d.id}TotalS`, d.totalS],
        [`${d.id}MaxAppsDown`, d.maxAppsDown],
        [`${d.id}KernelsToRestart`, d.kernelsToRestart],
      ]),
    ),
  timeline: true,
  height: 1300,
});
