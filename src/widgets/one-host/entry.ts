// The one-host widget's registry entry (see src/widgets/registry.ts). A module of
// its own, so an embed page can load just this widget (src/widgets/entry-loaders.ts).
import { entry } from '../widget-entry.ts';
import { computeOneHost, type OneHostResult } from './model.ts';
import * as params from './params.ts';

export default entry<params.ParamName, OneHostResult>({
  id: params.WIDGET_ID,
  title: 'One host, many apps',
  order: 1,
  page: 'widgets/one-host-many-apps/',
  load: () => import('./OneHost.tsx').then((m) => m.default),
  params: params.PARAMS,
  presets: params.PRESETS,
  core: 'placement',
  compute: computeOneHost,
  numbers: (r) => Object.fromEntries(r.profiles.map((p) => [`${p.id}Apps`, p.apps])),
  height: 900,
});
