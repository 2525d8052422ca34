// The traffic-spike widget's registry entry (see src/widgets/registry.ts). A module of
// its own, so an embed page can load just this widget (src/widgets/entry-loaders.ts).
import { entry } from '../widget-entry.ts';
import { computeTrafficSpike, type TrafficSpikeResult } from './model.ts';
import * as params from './params.ts';

export default entry<params.ParamName, TrafficSpikeResult>({
  id: params.WIDGET_ID,
  title: 'Traffic spike',
  order: 5,
  page: 'widgets/traffic-spike/',
  load: () => import('./TrafficSpike.tsx').then((m) => m.default),
  params: params.PARAMS,
  presets: params.PRESETS,
  core: 'scenarios',
  compute: computeTrafficSpike,
  numbers: (r) =>
    Object.fromEntries(
      r.profiles.flatMap((p) => [
        [`${p.id}DroppedRequests`, p.droppedRequests],
        [`${p.id}SloViolationS`, p.sloViolationS],
        [`${p.id}PeakInstances`, p.peakInstances],
      ]),
    ),
  timeline: true,
  height: 1400,
});
