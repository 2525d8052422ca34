// The core for code that runs at build time inside Astro (server rendering
// of widgets' first results). Bundled server chunks lose the .wasm that sits
// beside the package module, so the file comes from VIRTLAB_CORE_WASM, which
// astro.config.mjs sets to the committed package.
import { pathToFileURL } from 'node:url';
import { loadCore, type Core } from './core.ts';

export function loadCoreAtBuildTime(): Promise<Core> {
  const file = process.env.VIRTLAB_CORE_WASM;
  return loadCore(file ? pathToFileURL(file) : undefined);
}
