// The live-migration widget's registry entry (see src/widgets/registry.ts). A module of
// its own, so an embed page can load just this widget (src/widgets/entry-loaders.ts).
import { entry } from '../widget-entry.ts';
import { computeMigration, type MigrationResult } from './model.ts';
import * as params from './params.ts';

export default entry<params.ParamName, MigrationResult>({
  id: params.WIDGET_ID,
  title: 'Live migration: VM pre-copy against container checkpoint/restore',
  order: 6,
  page: 'widgets/live-migration/',
  load: () => import('./LiveMigration.tsx').then((m) => m.default),
  params: params.PARAMS,
  presets: params.PRESETS,
  core: 'scenarios',
  compute: computeMigration,
  numbers: (r) => ({
    vmTotalS: r.vm.totalS,
    vmDowntimeMs: r.vm.downtimeMs,
    vmPreCopyRounds: r.vm.preCopyRounds,
    containerTotalS: r.container.totalS,
    containerDowntimeMs: r.container.downtimeMs,
  }),
  height: 1200,
});
