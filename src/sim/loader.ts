// Loads the wasm core once per JavaScript realm (page, worker or Node
// process) and hands out the same instance to every caller. The .wasm URL is
// resolved relative to the package module, so any base path works.
import { compile, instantiate } from '../../wasm-core/pkg/virtlab_core.js';
import type { CoreExports } from '../../wasm-core/pkg/virtlab_core.js';
import { SimError } from './errors.ts';

/** Must equal `ABI_VERSION` in wasm-core/src/abi.rs. */
export const ABI_VERSION = 1;

export type CoreSource = URL | string | Response | BufferSource | WebAssembly.Module;

let modulePromise: Promise<WebAssembly.Module> | undefined;
let exportsPromise: Promise<CoreExports> | undefined;

/** Compiles the core once; later calls get the same module (even if they pass a source). */
export function compileCore(source?: CoreSource): Promise<WebAssembly.Module> {
  if (!modulePromise) {
    modulePromise = compile(source).catch((err: unknown) => {
      modulePromise = undefined; // let a later call retry, e.g. after a network blip
      throw new SimError(0, 'wasm', `The simulation core could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
  return modulePromise;
}

/** The raw exports of the one core instance in this realm. */
export function loadCoreExports(source?: CoreSource): Promise<CoreExports> {
  if (!exportsPromise) {
    exportsPromise = compileCore(source)
      .then(instantiate)
      .then((exports) => {
        const version = exports.vl_abi_version();
        if (version !== ABI_VERSION) {
          throw new SimError(0, 'wasm', `The simulation core speaks ABI ${version}, this page expects ${ABI_VERSION}; reload the page.`);
        }
        return exports;
      })
      .catch((err: unknown) => {
        exportsPromise = undefined;
        throw err;
      });
  }
  return exportsPromise;
}
