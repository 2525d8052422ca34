// Typed functions over the core's C ABI. This folder is the only code that
// touches wasm; widgets call these functions (or the worker client).
//
// A `Core` holds one or more parts of the core (see loader.ts): a widget asks
// for the part it needs (`loadCore('placement')`), and each method uses the
// part that holds its export, with a clear error when that part was not loaded.
import { SimError } from './errors.ts';
import { numberArg, u32Arg } from './checks.ts';
import { check, f64Array, resultF64, resultText, withBuffers } from './wasm-abi.ts';
import { CORE_PARTS, loadCoreExports, type CorePart, type CoreSource, type PartExports } from './loader.ts';

export { CORE_PARTS, type CorePart } from './loader.ts';

/** Scenario kind 4 (the datacenter run) lives in its own part; the others in `scenarios`. */
export function partForKind(kind: number): 'scenarios' | 'datacenter' {
  return kind === 4 ? 'datacenter' : 'scenarios';
}

export interface HostFitInput {
  hostMemMiB: number;
  hostReserveMiB: number;
  appMemMiB: number;
  /** Memory each instance needs besides the app: a guest OS, a VMM, a runtime shim. */
  overheadMiB: number;
}

export interface HostFit {
  apps: number;
  appMemMiB: number;
  overheadMemMiB: number;
  freeMemMiB: number;
}

/** Values per parameter in the core's numeric scenario spec (wasm-core/src/scenarios/mod.rs `SPEC_STRIDE`). */
export const SPEC_STRIDE = 8;

export class Core {
  readonly #parts: Partial<PartExports>;
  /** Stepped runs: this Core's handle → the part and that part's own handle. */
  readonly #runs = new Map<number, { x: PartExports['scenarios'] | PartExports['datacenter']; handle: number }>();
  #nextRun = 1;

  constructor(parts: Partial<PartExports>) {
    this.#parts = parts;
  }

  /** The parts this Core holds. */
  get parts(): CorePart[] {
    return CORE_PARTS.filter((p) => this.#parts[p]);
  }

  #part<P extends CorePart>(part: P): PartExports[P] {
    const x = this.#parts[part];
    if (!x)
      throw SimError.inconsistent(
        'part',
        `this core was loaded without its ${part} part; load it with loadCore('${part}')`,
      );
    return x as PartExports[P];
  }

  /** How many identical apps fit in one host's memory. */
  hostFit(input: HostFitInput): HostFit {
    const x = this.#part('placement');
    const [a, b, c, d] = (['hostMemMiB', 'hostReserveMiB', 'appMemMiB', 'overheadMiB'] as const).map((f) =>
      numberArg(f, input[f]),
    );
    check(x, x.vl_host_fit(a, b, c, d));
    const [apps, appMemMiB, overheadMemMiB, freeMemMiB] = resultF64(x);
    return { apps, appMemMiB, overheadMemMiB, freeMemMiB };
  }

  /** The placement part's raw exports, for the typed modules of src/sim (placement.ts). */
  get exports(): PartExports['placement'] {
    return this.#part('placement');
  }

  // ---- Event engine and scenarios (layouts: wasm-core/src/scenarios/mod.rs) ----

  /** The part that runs scenario `kind`. */
  #scenarioPart(kind: number): PartExports['scenarios'] | PartExports['datacenter'] {
    return this.#part(partForKind(kind));
  }

  /** The core's error codes by name (wasm-core/src/error.rs `ErrorCode`). */
  errorCodes(): Record<string, number> {
    const x = this.#parts[this.parts[0]] as PartExports['placement'];
    check(x, x.vl_error_codes());
    const out: Record<string, number> = {};
    for (const line of resultText(x).split('\n')) {
      const [code, name] = line.split('\t');
      if (name) out[name] = Number(code);
    }
    return out;
  }

  /** Numeric spec (per parameter `[default, min, max, integer, step, log, sliderMin, sliderMax]`)
   * and text spec of a scenario preset. */
  scenarioSpec(kind: number, variant: number): { numbers: Float64Array; text: string } {
    const x = this.#scenarioPart(u32Arg('scenario', kind));
    check(x, x.vl_scenario_spec(kind, u32Arg('variant', variant)));
    return { numbers: resultF64(x), text: resultText(x) };
  }

  /** Runs a scenario to completion; returns a copy of the packed result. */
  scenarioRun(kind: number, params: ArrayLike<number>): Float64Array {
    const x = this.#scenarioPart(u32Arg('scenario', kind));
    check(
      x,
      withBuffers(x, [f64Array('params', params)], ([p, n]) => x.vl_scenario_run(kind, p, n)),
    );
    return resultF64(x);
  }

  /** Starts a stepped run; returns its handle. */
  simCreate(kind: number, params: ArrayLike<number>): number {
    const x = this.#scenarioPart(u32Arg('scenario', kind));
    check(
      x,
      withBuffers(x, [f64Array('params', params)], ([p, n]) => x.vl_sim_create(kind, p, n)),
    );
    const handle = this.#nextRun++;
    this.#runs.set(handle, { x, handle: resultF64(x)[0] });
    return handle;
  }

  /** The part and part-local handle of a live run. */
  #run(handle: number): { x: PartExports['scenarios'] | PartExports['datacenter']; handle: number } {
    const r = this.#runs.get(u32Arg('handle', handle));
    if (!r) throw SimError.badHandle('handle', `handle ${handle} does not refer to a live run`);
    return r;
  }

  /** Runs at most `budget` events of a run. */
  simStep(handle: number, budget: number): { done: boolean; progress: number; events: number } {
    const { x, handle: h } = this.#run(handle);
    check(x, x.vl_sim_step(h, numberArg('budget', budget)));
    const [done, progress, events] = resultF64(x);
    return { done: done === 1, progress, events };
  }

  /** A copy of a finished run's packed result. */
  simResult(handle: number): Float64Array {
    const { x, handle: h } = this.#run(handle);
    check(x, x.vl_sim_result(h));
    return resultF64(x);
  }

  simFree(handle: number): void {
    const { x, handle: h } = this.#run(handle);
    this.#runs.delete(handle);
    check(x, x.vl_sim_free(h));
  }

  /** The engine benchmark: `events` events of the hold model (in the scenarios part). */
  engineHold(
    events: number,
    entities: number,
    seed: number,
  ): { events: number; traceHashHi: number; traceHashLo: number; endTimeS: number } {
    const x = this.#parts.scenarios ?? this.#part('datacenter');
    check(x, x.vl_engine_hold(numberArg('events', events), numberArg('entities', entities), numberArg('seed', seed)));
    const [n, traceHashHi, traceHashLo, endTimeS] = resultF64(x);
    return { events: n, traceHashHi, traceHashLo, endTimeS };
  }
}

const cores = new Map<string, Promise<Core>>();

/**
 * The typed core for this realm with the given parts (default: all, which
 * suits Node and tests; a page asks only for what its widgets use). Each part
 * is compiled and instantiated once per realm and shared by every Core that
 * holds it. `sources` overrides where a part's .wasm comes from (build time).
 */
export function loadCore(
  parts: CorePart | readonly CorePart[] = CORE_PARTS,
  sources: Partial<Record<CorePart, CoreSource>> = {},
): Promise<Core> {
  const list = CORE_PARTS.filter((p) => (typeof parts === 'string' ? [parts] : parts).includes(p));
  for (const p of typeof parts === 'string' ? [parts] : parts) {
    if (!(CORE_PARTS as readonly string[]).includes(p))
      return Promise.reject(
        SimError.outOfRange('part', `unknown core part "${p}"; the parts are ${CORE_PARTS.join(', ')}`),
      );
  }
  const key = list.join('+');
  let core = cores.get(key);
  if (!core) {
    core = Promise.all(list.map((p) => loadCoreExports(p, sources[p]))).then(
      (xs) => new Core(Object.fromEntries(list.map((p, i) => [p, xs[i]])) as Partial<PartExports>),
      (err: unknown) => {
        cores.delete(key);
        throw err;
      },
    );
    cores.set(key, core);
  }
  return core;
}
