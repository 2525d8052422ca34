// The core for code that runs at build time inside Astro (server rendering
// of widgets' first results). Bundled server chunks lose the .wasm files that
// sit beside the package modules, so they come from VIRTLAB_CORE_PKG, which
// astro.config.mjs sets to the committed package folder.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCore, type Core, type CorePart } from './core.ts';

export function loadCoreAtBuildTime(part: CorePart): Promise<Core> {
  const dir = process.env.VIRTLAB_CORE_PKG;
  // Placement: the Node build (same results as the browsers', tested; it also
  // has kubeScore, which the validation page uses).
  const file = part === 'placement' ? 'virtlab_core_placement_node_bg.wasm' : `virtlab_core_${part}_bg.wasm`;
  return loadCore(part, dir ? { [part]: pathToFileURL(join(dir, file)) } : {});
}
