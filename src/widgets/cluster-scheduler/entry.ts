// The cluster-scheduler widget's registry entry (see src/widgets/registry.ts). A module of
// its own, so an embed page can load just this widget (src/widgets/entry-loaders.ts).
import { entry } from '../widget-entry.ts';
import { computeCluster } from './model.ts';
import type { ClusterResult } from './result.ts';
import * as params from './params.ts';

export default entry<params.ParamName, ClusterResult>({
  id: params.WIDGET_ID,
  title: 'Cluster scheduler',
  order: 3,
  page: 'widgets/cluster-scheduler/',
  load: () => import('./ClusterScheduler.tsx').then((m) => m.default),
  params: params.PARAMS,
  presets: params.PRESETS,
  core: 'placement',
  compute: computeCluster,
  numbers: (r) =>
    Object.fromEntries(
      r.sides.flatMap((s) => [
        [`${s.id}Placed`, s.placed],
        [`${s.id}Unplaced`, s.unplaced],
        [`${s.id}HostsUsed`, s.hostsUsed],
      ]),
    ),
  timeline: true,
  height: 1400,
});
