// Build-time runs of the core's CPU-throttling model (wasm-core/src/scenarios/
// cpu_throttle.rs) for the prose and the chart: every number a reader sees
// about throttling is read from these runs, never typed in.
import { loadCoreAtBuildTime } from '../sim/build-time.ts';
import { type ScenarioResult, type SCENARIOS, simulate } from '../sim/scenarios.ts';

export type ThrottlePreset = (typeof SCENARIOS)['cpu-throttle']['presets'][number];

const runs = new Map<ThrottlePreset, Promise<ScenarioResult>>();

/** The preset's run (cached for the build). */
export function throttleRun(preset: ThrottlePreset): Promise<ScenarioResult> {
  let r = runs.get(preset);
  if (!r) {
    r = loadCoreAtBuildTime('scenarios').then((core) => simulate(core, 'cpu-throttle', { preset }));
    runs.set(preset, r);
  }
  return r;
}

/**
 * One number of a run: a summary value (`wallMs`), a parameter (`quotaMs`), or
 * a period's column value (`runMs` with `row`). An unknown name fails the build.
 */
export function throttleValue(r: ScenarioResult, of: string, row?: number): number {
  if (row !== undefined) {
    const col = r.columns[of];
    if (!col || row < 0 || row >= col.length) throw new Error(`cpu-throttle: no column ${of} row ${row}`);
    return col[row];
  }
  if (Object.hasOwn(r.summary, of)) return r.summary[of];
  if (Object.hasOwn(r.params, of)) return r.params[of];
  throw new Error(`cpu-throttle: unknown value ${of}`);
}

/** Milliseconds and CPUs as prose writes them: at most two decimals, no trailing zeros. */
export function numberText(v: number): string {
  return String(Math.round(v * 100) / 100);
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** 1 → "first" … 10 → "tenth", then "11th", "12th", "21st"… */
export function ordinalText(n: number): string {
  if (Number.isInteger(n) && n >= 1 && n <= ORDINALS.length) return ORDINALS[n - 1];
  const teen = Math.floor(n / 10) % 10 === 1;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
