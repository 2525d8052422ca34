// The stack-explorer widget's registry entry (see src/widgets/registry.ts). A module of
// its own, so an embed page can load just this widget (src/widgets/entry-loaders.ts).
import { entry } from '../widget-entry.ts';
import { computeStacks, type StackResult } from './model.ts';
import * as params from './params.ts';

export default entry<params.ParamName, StackResult>({
  id: params.WIDGET_ID,
  title: 'Stack explorer: VMs and containers, layer by layer',
  order: 2,
  page: 'widgets/stack-explorer/',
  load: () => import('./StackExplorer.tsx').then((m) => m.default),
  params: params.PARAMS,
  presets: params.PRESETS,
  core: 'placement',
  compute: computeStacks,
  numbers: (r) =>
    Object.fromEntries(
      r.stacks.flatMap((s) => [
        [`${s.id}Placed`, s.placed],
        [`${s.id}Kernels`, s.kernels],
        [`${s.id}AboveHostMemMiB`, s.aboveHostMemMiB],
      ]),
    ),
  height: 1200,
});
