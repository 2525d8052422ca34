// Loads the wasm core's parts on demand, each once per JavaScript realm (page,
// worker or Node process), and hands the same instance of a part to every
// caller. A page with a placement widget fetches only the placement part; a
// traffic-spike page only the scenarios part, inside its worker. Each .wasm
// URL is resolved relative to its package module, so any base path works.
import * as placementPkg from '../../wasm-core/pkg/virtlab_core_placement.js';
import type { CoreExports as PlacementExports } from '../../wasm-core/pkg/virtlab_core_placement.js';
import * as scenariosPkg from '../../wasm-core/pkg/virtlab_core_scenarios.js';
import type { CoreExports as ScenariosExports } from '../../wasm-core/pkg/virtlab_core_scenarios.js';
import type { CoreExports as DatacenterExports } from '../../wasm-core/pkg/virtlab_core_datacenter.js';
import { SimError } from './errors.ts';

/** Must equal `ABI_VERSION` in wasm-core/src/abi/mod.rs. */
export const ABI_VERSION = 3;

/**
 * The core's wasm modules (Cargo features of wasm-core): `placement` for
 * profiles, density, bin packing and Kubernetes scoring; `scenarios` for the
 * event engine with the traffic spike, live migration and patch day;
 * `datacenter` for the CloudSim-shaped run (command line only).
 */
export type CorePart = 'placement' | 'scenarios' | 'datacenter';
export const CORE_PARTS: readonly CorePart[] = ['placement', 'scenarios', 'datacenter'];

/** The raw exports of each part. */
export interface PartExports {
  placement: PlacementExports;
  scenarios: ScenariosExports;
  datacenter: DatacenterExports;
}

export type CoreSource = URL | string | Response | BufferSource | WebAssembly.Module;

interface PartPackage {
  compile(source?: CoreSource): Promise<WebAssembly.Module>;
  instantiate(module: WebAssembly.Module): Promise<unknown>;
}

/** `vl_parts()` bits (wasm-core/src/abi/mod.rs). */
const PART_BITS: Record<CorePart, number> = { placement: 1, scenarios: 2, datacenter: 4 };

// No widget uses the datacenter part (the command line does): its loader is
// imported through a variable, which bundlers leave alone, so the site and
// the embed bundle carry neither its module nor its 200 KiB .wasm.
const DATACENTER_PKG = '../../wasm-core/pkg/virtlab_core_datacenter.js';
const PACKAGES: Record<CorePart, () => Promise<PartPackage>> = {
  placement: () => Promise.resolve(placementPkg),
  scenarios: () => Promise.resolve(scenariosPkg),
  datacenter: () => import(/* @vite-ignore */ DATACENTER_PKG) as Promise<PartPackage>,
};

// Node (the CLI, tests, benchmarks, scripts) runs placement at sizes up to
// millions of workloads, so it loads the speed-tuned build of that part; the
// size-tuned one beside the package module is what browsers fetch (see
// scripts/build-wasm.mjs). A variable keeps bundlers from copying this file
// into the site. Astro's build-time rendering passes its own source.
const NODE_PLACEMENT_WASM = '../../wasm-core/pkg/virtlab_core_placement_node_bg.wasm';
const inNode =
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

function defaultSource(part: CorePart): CoreSource | undefined {
  return inNode && part === 'placement' ? new URL(NODE_PLACEMENT_WASM, import.meta.url) : undefined;
}

const modules = new Map<CorePart, Promise<WebAssembly.Module>>();
const instances = new Map<CorePart, Promise<unknown>>();

function checkPart(part: string): CorePart {
  if (!(CORE_PARTS as readonly string[]).includes(part)) {
    throw SimError.outOfRange('part', `unknown core part "${part}"; the parts are ${CORE_PARTS.join(', ')}`);
  }
  return part as CorePart;
}

/** Compiles a part once; later calls get the same module (even if they pass a source). */
export function compileCore(part: CorePart, source?: CoreSource): Promise<WebAssembly.Module> {
  checkPart(part);
  let p = modules.get(part);
  if (!p) {
    p = PACKAGES[part]()
      .then((pkg) => pkg.compile(source ?? defaultSource(part)))
      .catch((err: unknown) => {
        modules.delete(part); // let a later call retry, e.g. after a network blip
        throw SimError.loadFailed(
          'wasm',
          `The simulation core (${part}) could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
    modules.set(part, p);
  }
  return p;
}

/** The raw exports of the one instance of `part` in this realm. */
export function loadCoreExports<P extends CorePart>(part: P, source?: CoreSource): Promise<PartExports[P]> {
  checkPart(part);
  let p = instances.get(part);
  if (!p) {
    p = Promise.all([PACKAGES[part](), compileCore(part, source)])
      .then(([pkg, module]) => pkg.instantiate(module))
      .then((raw) => {
        const exports = raw as PlacementExports & { vl_parts?: () => number };
        const version = exports.vl_abi_version();
        if (version !== ABI_VERSION) {
          throw SimError.loadFailed(
            'wasm',
            `The simulation core speaks ABI ${version}, this page expects ${ABI_VERSION}; reload the page.`,
          );
        }
        if (!exports.vl_parts || (exports.vl_parts() & PART_BITS[part]) === 0) {
          throw SimError.loadFailed(
            'wasm',
            `The file loaded as the core's ${part} part is another part; reload the page.`,
          );
        }
        return exports;
      })
      .catch((err: unknown) => {
        instances.delete(part);
        throw err;
      });
    instances.set(part, p);
  }
  return p as Promise<PartExports[P]>;
}
