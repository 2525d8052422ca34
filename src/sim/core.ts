// Typed functions over the core's C ABI. This folder is the only code that
// touches wasm; widgets call these functions (or the worker client).
import type { CoreExports } from '../../wasm-core/pkg/virtlab_core.js';
import { describeValue, SimError } from './errors.ts';
import { loadCoreExports, type CoreSource } from './loader.ts';

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
  readonly #x: CoreExports;
  readonly #decoder = new TextDecoder();

  constructor(exports: CoreExports) {
    this.#x = exports;
  }

  #string(ptr: number, len: number): string {
    return this.#decoder.decode(new Uint8Array(this.#x.memory.buffer, ptr, len));
  }

  /** Turns a status code into a SimError carrying the core's message and field. */
  #check(status: number): void {
    if (status === 0) return;
    const x = this.#x;
    throw new SimError(
      status,
      this.#string(x.vl_error_field_ptr(), x.vl_error_field_len()),
      this.#string(x.vl_error_message_ptr(), x.vl_error_message_len()),
    );
  }

  /** A view of the core's result buffer; valid until the next core call. */
  #result(): Float64Array {
    return new Float64Array(this.#x.memory.buffer, this.#x.vl_result_ptr(), this.#x.vl_result_len());
  }

  /** How many identical apps fit in one host's memory. */
  hostFit(input: HostFitInput): HostFit {
    const args = (['hostMemMiB', 'hostReserveMiB', 'appMemMiB', 'overheadMiB'] as const).map((f) => numberArg(f, input[f]));
    this.#check(this.#x.vl_host_fit(args[0], args[1], args[2], args[3]));
    const [apps, appMemMiB, overheadMemMiB, freeMemMiB] = this.#result();
    return { apps, appMemMiB, overheadMemMiB, freeMemMiB };
  }

  /** The raw exports, for the typed modules of src/sim (placement.ts). */
  get exports(): CoreExports {
    return this.#x;
  }

  /** Throws the core's SimError for a non-zero status (for src/sim modules). */
  check(status: number): void {
    this.#check(status);
  }

  // ---- Event engine and scenarios (layouts: wasm-core/src/scenarios/mod.rs) ----

  /** Copies `values` into a core-allocated buffer, calls `fn(ptr, len)`, frees it. */
  #withF64(values: ArrayLike<number>, fn: (ptr: number, len: number) => number): number {
    const x = this.#x;
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
    this.#check(this.#x.vl_scenario_spec(u32Arg('scenario', kind), u32Arg('variant', variant)));
    const numbers = this.#result().slice();
    return { numbers, text: this.#string(this.#x.vl_text_ptr(), this.#x.vl_text_len()) };
  }

  /** Runs a scenario to completion; returns a copy of the packed result. */
  scenarioRun(kind: number, params: ArrayLike<number>): Float64Array {
    u32Arg('scenario', kind);
    this.#check(this.#withF64(params, (p, n) => this.#x.vl_scenario_run(kind, p, n)));
    return this.#result().slice();
  }

  /** Starts a stepped run; returns its handle. */
  simCreate(kind: number, params: ArrayLike<number>): number {
    u32Arg('scenario', kind);
    this.#check(this.#withF64(params, (p, n) => this.#x.vl_sim_create(kind, p, n)));
    return this.#result()[0];
  }

  /** Runs at most `budget` events of a run. */
  simStep(handle: number, budget: number): { done: boolean; progress: number; events: number } {
    this.#check(this.#x.vl_sim_step(u32Arg('handle', handle), numberArg('budget', budget)));
    const [done, progress, events] = this.#result();
    return { done: done === 1, progress, events };
  }

  /** A copy of a finished run's packed result. */
  simResult(handle: number): Float64Array {
    this.#check(this.#x.vl_sim_result(u32Arg('handle', handle)));
    return this.#result().slice();
  }

  simFree(handle: number): void {
    this.#check(this.#x.vl_sim_free(u32Arg('handle', handle)));
  }

  /** The engine benchmark: `events` events of the hold model. */
  engineHold(events: number, entities: number, seed: number): { events: number; traceHashHi: number; traceHashLo: number; endTimeS: number } {
    this.#check(this.#x.vl_engine_hold(numberArg('events', events), numberArg('entities', entities), numberArg('seed', seed)));
    const [n, traceHashHi, traceHashLo, endTimeS] = this.#result();
    return { events: n, traceHashHi, traceHashLo, endTimeS };
  }
}

let corePromise: Promise<Core> | undefined;

/** The typed core for this realm, loaded once. */
export function loadCore(source?: CoreSource): Promise<Core> {
  corePromise ??= loadCoreExports(source).then(
    (x) => new Core(x),
    (err: unknown) => {
      corePromise = undefined;
      throw err;
    },
  );
  return corePromise;
}
