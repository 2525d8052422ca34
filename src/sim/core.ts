// Typed functions over the core's C ABI. This folder is the only code that
// touches wasm; widgets call these functions (or the worker client).
//
// A `Core` holds one or more parts of the core (see loader.ts): a widget asks
// for the part it needs (`loadCore('placement')`), and each method uses the
// part that holds its export, with a clear error when that part was not loaded.
import { describeValue, SimError } from './errors.ts';
import { CORE_PARTS, loadCoreExports, type CorePart, type CoreSource, type PartExports } from './loader.ts';

export { CORE_PARTS, type CorePart } from './loader.ts';

/** Exports every part has: memory, buffers, results and errors. */
type CommonExports = Pick<PartExports['placement'], keyof PartExports['placement'] & keyof PartExports['scenarios']>;

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

/** The wasm boundary coerces any value to a number, and throws a TypeError for
 * some (BigInt, objects without a prototype): non-numbers get a SimError instead. */
function numberArg(field: string, v: unknown): number {
  if (typeof v !== 'number') throw new SimError(1, field, `${field} must be a number, got ${describeValue(v)}`);
  return v;
}

/** u32 arguments (scenario kinds, variants, handles) would wrap silently (2^32 + 1 → 1, 1.5 → 1). */
function u32Arg(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new SimError(1, field, `${field} must be a whole number from 0 to 4294967295, got ${describeValue(v)}`);
  }
  return v;
}

export class Core {
  readonly #parts: Partial<PartExports>;
  readonly #decoder = new TextDecoder();
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
    if (!x) throw new SimError(0, 'part', `this core was loaded without its ${part} part; load it with loadCore('${part}')`);
    return x as PartExports[P];
  }

  #string(x: CommonExports, ptr: number, len: number): string {
    return this.#decoder.decode(new Uint8Array(x.memory.buffer, ptr, len));
  }

  /** Turns a status code of part `x` into a SimError carrying the core's message and field. */
  #check(x: CommonExports, status: number): void {
    if (status === 0) return;
    throw new SimError(
      status,
      this.#string(x, x.vl_error_field_ptr(), x.vl_error_field_len()),
      this.#string(x, x.vl_error_message_ptr(), x.vl_error_message_len()),
    );
  }

  /** A view of a part's result buffer; valid until the next call into that part. */
  #result(x: CommonExports): Float64Array {
    return new Float64Array(x.memory.buffer, x.vl_result_ptr(), x.vl_result_len());
  }

  /** How many identical apps fit in one host's memory. */
  hostFit(input: HostFitInput): HostFit {
    const x = this.#part('placement');
    const [a, b, c, d] = (['hostMemMiB', 'hostReserveMiB', 'appMemMiB', 'overheadMiB'] as const).map((f) => numberArg(f, input[f]));
    this.#check(x, x.vl_host_fit(a, b, c, d));
    const [apps, appMemMiB, overheadMemMiB, freeMemMiB] = this.#result(x);
    return { apps, appMemMiB, overheadMemMiB, freeMemMiB };
  }

  /** The placement part's raw exports, for the typed modules of src/sim (placement.ts). */
  get exports(): PartExports['placement'] {
    return this.#part('placement');
  }

  /** Throws the placement part's SimError for a non-zero status (for placement.ts). */
  check(status: number): void {
    this.#check(this.#part('placement'), status);
  }

  // ---- Event engine and scenarios (layouts: wasm-core/src/scenarios/mod.rs) ----

  /** The part that runs scenario `kind`. */
  #scenarioPart(kind: number): PartExports['scenarios'] | PartExports['datacenter'] {
    return this.#part(partForKind(kind));
  }

  /** Copies `values` into a buffer of part `x`, calls `fn(ptr, len)`, frees it. */
  #withF64(x: CommonExports, values: ArrayLike<number>, fn: (ptr: number, len: number) => number): number {
    const bytes = values.length * 8;
    const ptr = values.length ? x.vl_alloc(bytes) : 0;
    if (values.length && !ptr) throw new SimError(2, 'params', 'the simulation core is out of memory for the parameters');
    try {
      // DataView: correct at any alignment the allocator picks.
      const view = new DataView(x.memory.buffer, ptr, bytes);
      for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, numberArg(`params[${i}]`, values[i]), true);
      return fn(ptr, values.length);
    } finally {
      if (ptr) x.vl_free(ptr, bytes);
    }
  }

  /** Numeric spec (per parameter `[default, min, max, integer]`) and text spec of a scenario preset. */
  scenarioSpec(kind: number, variant: number): { numbers: Float64Array; text: string } {
    const x = this.#scenarioPart(u32Arg('scenario', kind));
    this.#check(x, x.vl_scenario_spec(kind, u32Arg('variant', variant)));
    const numbers = this.#result(x).slice();
    return { numbers, text: this.#string(x, x.vl_text_ptr(), x.vl_text_len()) };
  }

  /** Runs a scenario to completion; returns a copy of the packed result. */
  scenarioRun(kind: number, params: ArrayLike<number>): Float64Array {
    const x = this.#scenarioPart(u32Arg('scenario', kind));
    this.#check(x, this.#withF64(x, params, (p, n) => x.vl_scenario_run(kind, p, n)));
    return this.#result(x).slice();
  }

  /** Starts a stepped run; returns its handle. */
  simCreate(kind: number, params: ArrayLike<number>): number {
    const x = this.#scenarioPart(u32Arg('scenario', kind));
    this.#check(x, this.#withF64(x, params, (p, n) => x.vl_sim_create(kind, p, n)));
    const handle = this.#nextRun++;
    this.#runs.set(handle, { x, handle: this.#result(x)[0] });
    return handle;
  }

  /** The part and part-local handle of a live run. */
  #run(handle: number): { x: PartExports['scenarios'] | PartExports['datacenter']; handle: number } {
    const r = this.#runs.get(u32Arg('handle', handle));
    if (!r) throw new SimError(4, 'handle', `handle ${handle} does not refer to a live run`);
    return r;
  }

  /** Runs at most `budget` events of a run. */
  simStep(handle: number, budget: number): { done: boolean; progress: number; events: number } {
    const { x, handle: h } = this.#run(handle);
    this.#check(x, x.vl_sim_step(h, numberArg('budget', budget)));
    const [done, progress, events] = this.#result(x);
    return { done: done === 1, progress, events };
  }

  /** A copy of a finished run's packed result. */
  simResult(handle: number): Float64Array {
    const { x, handle: h } = this.#run(handle);
    this.#check(x, x.vl_sim_result(h));
    return this.#result(x).slice();
  }

  simFree(handle: number): void {
    const { x, handle: h } = this.#run(handle);
    this.#runs.delete(handle);
    this.#check(x, x.vl_sim_free(h));
  }

  /** The engine benchmark: `events` events of the hold model (in the scenarios part). */
  engineHold(events: number, entities: number, seed: number): { events: number; traceHashHi: number; traceHashLo: number; endTimeS: number } {
    const x = this.#parts.scenarios ?? this.#part('datacenter');
    this.#check(x, x.vl_engine_hold(numberArg('events', events), numberArg('entities', entities), numberArg('seed', seed)));
    const [n, traceHashHi, traceHashLo, endTimeS] = this.#result(x);
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
export function loadCore(parts: CorePart | readonly CorePart[] = CORE_PARTS, sources: Partial<Record<CorePart, CoreSource>> = {}): Promise<Core> {
  const list = CORE_PARTS.filter((p) => (typeof parts === 'string' ? [parts] : parts).includes(p));
  for (const p of typeof parts === 'string' ? [parts] : parts) {
    if (!(CORE_PARTS as readonly string[]).includes(p)) return Promise.reject(new SimError(0, 'part', `unknown core part "${p}"; the parts are ${CORE_PARTS.join(', ')}`));
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
