// Typed scenario runs over the core: traffic spike, live migration, patch day.
//
// Parameters cross the ABI as one f64 array in the order of the Rust table
// (wasm-core/src/scenarios/<name>.rs `PARAMS`); results come back as one f64
// array `[rows, cols, nSummary, summary…, column 0…, column 1…]` and are
// exposed as typed-array views per column (no per-item boundary crossing).
// The names, kinds, presets and outputs come from params.generated.ts, which
// `npm run generate` writes from the core's tables.
import type { Core } from './core.ts';
import { describeValue, SimError } from './errors.ts';
import { SCENARIO_TABLES } from './params.generated.ts';
import { parseScenarioSpec, type SpecParam } from './scenario-spec.ts';

export { SPEC_STRIDE } from './core.ts';

type Names<T extends { readonly params: readonly { readonly name: string }[] }> = T['params'][number]['name'];
type OutputNames<T extends readonly { readonly name: string }[]> = { [K in keyof T]: T[K]['name'] };

function names<T extends { readonly params: readonly { readonly name: string }[] }>(t: T): readonly Names<T>[] {
  return t.params.map((p) => p.name);
}

function scenarioDef<T extends (typeof SCENARIO_TABLES)[keyof typeof SCENARIO_TABLES]>(t: T) {
  return {
    kind: t.kind,
    presets: t.presets,
    params: names(t),
    columns: t.columns.map((c) => c.name) as unknown as OutputNames<T['columns']>,
    summary: t.summary.map((c) => c.name) as unknown as OutputNames<T['summary']>,
  };
}

export const TRAFFIC_SPIKE_PARAMS = names(SCENARIO_TABLES['traffic-spike']);
export const MIGRATION_PARAMS = names(SCENARIO_TABLES.migration);
export const PATCH_DAY_PARAMS = names(SCENARIO_TABLES['patch-day']);
export const DATACENTER_PARAMS = names(SCENARIO_TABLES.datacenter);
export const CPU_THROTTLE_PARAMS = names(SCENARIO_TABLES['cpu-throttle']);

export const SCENARIOS = {
  'traffic-spike': scenarioDef(SCENARIO_TABLES['traffic-spike']),
  migration: scenarioDef(SCENARIO_TABLES.migration),
  'patch-day': scenarioDef(SCENARIO_TABLES['patch-day']),
  /** CloudSim Plus's benchmark shape: VM placement, then cloudlets to completion. */
  datacenter: scenarioDef(SCENARIO_TABLES.datacenter),
  /** A CPU limit enforced by CFS bandwidth control: quota per period, throttled once spent. */
  'cpu-throttle': scenarioDef(SCENARIO_TABLES['cpu-throttle']),
} as const;

export type ScenarioName = keyof typeof SCENARIOS;
export type TrafficSpikeParam = (typeof TRAFFIC_SPIKE_PARAMS)[number];
export type MigrationParam = (typeof MIGRATION_PARAMS)[number];
export type PatchDayParam = (typeof PATCH_DAY_PARAMS)[number];
export type DatacenterParam = (typeof DATACENTER_PARAMS)[number];
export type CpuThrottleParam = (typeof CPU_THROTTLE_PARAMS)[number];

/** Phase codes of the migration `phase` column. */
export const MIGRATION_PHASES = [
  'precopy',
  'stop-and-copy',
  'pre-dump',
  'dump',
  'transfer',
  'restore',
  'switch',
  'resume',
] as const;

/**
 * Scenario input. Keys are the dotted parameter names (`'autoscaler.cooldownS'`)
 * or nested objects (`{ autoscaler: { cooldownS: 30 } }`); choice parameters
 * take their name (`'demand.shape': 'ramp'`) or index. `preset` picks the
 * defaults (`'vm'`, `'container'`, `'microvm'`). Traffic spikes take
 * `demand.points: [[tS, rps], …]` with `demand.shape: 'points'`.
 */
export type ScenarioInput = { preset?: string } & Record<string, unknown>;

/** One parameter of a preset, as the core declares it (see scenario-spec.ts). */
export type ParamInfo = SpecParam;

export interface ScenarioSpec {
  scenario: ScenarioName;
  preset: string;
  presets: string[];
  params: ParamInfo[];
  columns: { name: string; unit: string }[];
  summary: { name: string; unit: string }[];
}

export interface ScenarioResult {
  scenario: ScenarioName;
  preset: string;
  /** Every parameter value used, by name. */
  params: Record<string, number>;
  /** Where each value came from: the preset's source, or "input". */
  sources: Record<string, string>;
  rows: number;
  /** One view per column over a single buffer (`packed`). */
  columns: Record<string, Float64Array>;
  summary: Record<string, number>;
  units: Record<string, string>;
  /** The engine's trace hash, 16 hex digits: equal across native and wasm for equal inputs. */
  traceHash: string;
  /** The packed result the views point into (transferable). */
  packed: Float64Array;
}

const specCache = new WeakMap<Core, Map<string, ScenarioSpec>>();

/** The spec of a scenario preset, read from the core (cached per core). */
export function scenarioSpec(core: Core, scenario: ScenarioName, preset?: string): ScenarioSpec {
  // Own keys only: `__proto__` or `constructor` are not scenarios.
  const def = typeof scenario === 'string' && Object.hasOwn(SCENARIOS, scenario) ? SCENARIOS[scenario] : undefined;
  if (!def)
    throw SimError.outOfRange(
      'scenario',
      `scenario must be one of ${Object.keys(SCENARIOS).join(', ')}, got ${describeValue(scenario)}`,
    );
  const presets: readonly string[] = def.presets;
  const name = preset ?? presets[0];
  const variant = presets.indexOf(name);
  if (variant < 0)
    throw SimError.outOfRange('preset', `preset must be one of ${presets.join(', ')}, got ${describeValue(preset)}`);
  let cache = specCache.get(core);
  if (!cache) {
    cache = new Map();
    specCache.set(core, cache);
  }
  const key = `${scenario}/${name}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const { numbers, text } = core.scenarioSpec(def.kind, variant);
  const { variants, params, columns, summary } = parseScenarioSpec(numbers, text);
  const spec: ScenarioSpec = { scenario, preset: name, presets: variants, params, columns, summary };
  cache.set(key, spec);
  return spec;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Flattens nested objects into dotted keys; `demand.points` stays an array. */
export function flattenInput(input: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v)) Object.assign(out, flattenInput(v, key));
    // defineProperty: a `__proto__` key stays a key (and is then reported as unknown), not a prototype.
    else Object.defineProperty(out, key, { value: v, enumerable: true, configurable: true, writable: true });
  }
  return out;
}

/**
 * Builds the parameter array for the core: preset defaults, then the input's
 * values, checked for unknown names, types, choices and ranges (the core
 * checks again). Errors name the field as written in the input.
 */
export function buildParams(
  core: Core,
  scenario: ScenarioName,
  input: ScenarioInput = {},
  fieldPrefix = '',
): { values: Float64Array; spec: ScenarioSpec; sources: Record<string, string> } {
  if (!isPlainObject(input))
    throw SimError.outOfRange(fieldPrefix || 'input', `${fieldPrefix || 'input'} must be an object`);
  const { preset, ...rest } = input;
  if (preset !== undefined && typeof preset !== 'string') {
    throw SimError.outOfRange(`${fieldPrefix}preset`, `${fieldPrefix}preset must be a string`);
  }
  const spec = scenarioSpec(core, scenario, preset);
  const flat = flattenInput(rest);
  const index = new Map(spec.params.map((p, i) => [p.name, i]));
  const values = spec.params.map((p) => p.default);
  const sources: Record<string, string> = Object.fromEntries(spec.params.map((p) => [p.name, p.source]));
  let points: unknown;
  for (const [name, raw] of Object.entries(flat)) {
    const field = fieldPrefix + name;
    if (scenario === 'traffic-spike' && name === 'demand.points') {
      points = raw;
      continue;
    }
    const i = index.get(name);
    if (i === undefined) {
      const now = spec.params.find((p) => p.formerly?.includes(name));
      throw SimError.outOfRange(
        field,
        now
          ? `${field} is now ${fieldPrefix}${now.name} (renamed; the same number, in ${now.unit})`
          : `${field || '"" (an empty key)'} is not a parameter of ${scenario}; known: ${spec.params.map((p) => p.name).join(', ')}`,
      );
    }
    const p = spec.params[i];
    let v: number;
    if (typeof raw === 'string' && p.choices) {
      v = p.choices.indexOf(raw);
      if (v < 0) throw SimError.outOfRange(field, `${field} must be one of ${p.choices.join(', ')}, got ${raw}`);
    } else if (typeof raw === 'boolean' && p.unit === 'flag') {
      v = raw ? 1 : 0;
    } else if (typeof raw === 'number') {
      v = raw;
    } else {
      throw SimError.outOfRange(
        field,
        `${field} must be a number${p.choices ? ` or one of ${p.choices.join(', ')}` : ''}, got ${describeValue(raw)}`,
      );
    }
    if (!Number.isFinite(v) || v < p.min || v > p.max || (p.integer && !Number.isInteger(v))) {
      throw SimError.outOfRange(
        field,
        `${field} must be ${p.integer ? 'an integer' : 'a number'} from ${p.min} to ${p.max}, got ${v}`,
      );
    }
    values[i] = v;
    sources[name] = 'input';
  }
  const tail: number[] = [];
  if (points !== undefined) {
    const field = `${fieldPrefix}demand.points`;
    if (!Array.isArray(points) || points.length === 0)
      throw SimError.outOfRange(field, `${field} must be a non-empty array of [tS, rps] pairs`);
    tail.push(points.length);
    points.forEach((pt, k) => {
      const ok = Array.isArray(pt) && pt.length === 2 && pt.every((x) => typeof x === 'number');
      if (!ok) throw SimError.outOfRange(`${field}[${k}]`, `${field}[${k}] must be a [tS, rps] pair of numbers`);
      tail.push(pt[0], pt[1]);
    });
    const shape = index.get('demand.shape');
    if (shape !== undefined && flat['demand.shape'] === undefined) values[shape] = 3; // points imply the points shape
  } else if (scenario === 'traffic-spike' && values[index.get('demand.shape') ?? -1] === 3) {
    // Said here in the input's words; the core would say the points must "follow the parameters".
    const field = `${fieldPrefix}demand.points`;
    throw SimError.outOfRange(
      field,
      `${field} must be given when demand.shape is points: a non-empty array of [tS, rps] pairs`,
    );
  }
  return { values: Float64Array.from([...values, ...tail]), spec, sources };
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Turns a packed result into named views (no copy of the series). */
export function unpackResult(
  packed: Float64Array,
  spec: ScenarioSpec,
  params: Float64Array,
  sources: Record<string, string>,
): ScenarioResult {
  const rows = packed[0];
  const cols = packed[1];
  const ns = packed[2];
  if (
    !Number.isInteger(rows) ||
    rows < 0 ||
    cols !== spec.columns.length ||
    ns !== spec.summary.length ||
    packed.length !== 3 + ns + rows * cols
  ) {
    throw SimError.badBuffer(
      'result',
      `the core returned a result of unexpected shape (${rows}×${cols}, ${ns} summary values)`,
    );
  }
  const summary: Record<string, number> = {};
  spec.summary.forEach((s, i) => {
    summary[s.name] = packed[3 + i];
  });
  const columns: Record<string, Float64Array> = {};
  const base = 3 + ns;
  spec.columns.forEach((c, i) => {
    columns[c.name] = packed.subarray(base + i * rows, base + (i + 1) * rows);
  });
  const units: Record<string, string> = {};
  for (const o of [...spec.columns, ...spec.summary]) units[o.name] = o.unit;
  const named: Record<string, number> = {};
  spec.params.forEach((p, i) => {
    named[p.name] = params[i];
  });
  return {
    scenario: spec.scenario,
    preset: spec.preset,
    params: named,
    sources,
    rows,
    columns,
    summary,
    units,
    traceHash: hex32(summary.traceHashHi) + hex32(summary.traceHashLo),
    packed,
  };
}

/** Runs a scenario to completion in one call. */
export function simulate(core: Core, scenario: ScenarioName, input: ScenarioInput = {}): ScenarioResult {
  const { values, spec, sources } = buildParams(core, scenario, input);
  const packed = core.scenarioRun(SCENARIOS[scenario].kind, values);
  return unpackResult(packed, spec, values, sources);
}

export function simulateTrafficSpike(core: Core, input: ScenarioInput = {}): ScenarioResult {
  return simulate(core, 'traffic-spike', input);
}

export function simulateMigration(core: Core, input: ScenarioInput = {}): ScenarioResult {
  return simulate(core, 'migration', input);
}

export function simulatePatchDay(core: Core, input: ScenarioInput = {}): ScenarioResult {
  return simulate(core, 'patch-day', input);
}

/**
 * A run stepped a bounded number of events at a time, so a worker can report
 * progress and drop a superseded run between steps. Call `free()` when done.
 */
export class SteppedRun {
  readonly #core: Core;
  readonly #spec: ScenarioSpec;
  readonly #values: Float64Array;
  readonly #sources: Record<string, string>;
  #handle: number | undefined;

  constructor(core: Core, scenario: ScenarioName, input: ScenarioInput = {}) {
    const built = buildParams(core, scenario, input);
    this.#core = core;
    this.#spec = built.spec;
    this.#values = built.values;
    this.#sources = built.sources;
    this.#handle = core.simCreate(SCENARIOS[scenario].kind, built.values);
  }

  /** Processes up to `budget` events. */
  step(budget: number): { done: boolean; progress: number; events: number } {
    if (this.#handle === undefined) throw SimError.badHandle('handle', 'the run was freed');
    return this.#core.simStep(this.#handle, budget);
  }

  result(): ScenarioResult {
    if (this.#handle === undefined) throw SimError.badHandle('handle', 'the run was freed');
    return unpackResult(this.#core.simResult(this.#handle), this.#spec, this.#values, this.#sources);
  }

  free(): void {
    if (this.#handle !== undefined) this.#core.simFree(this.#handle);
    this.#handle = undefined;
  }
}
