// Workload generators of the core (wasm-core/src/workloads.rs): uniform,
// the DSLab mix and heavy-tailed sizes, as packed app requests.
import { numInRange, u32Arg } from './checks.ts';
import type { Core } from './core.ts';
import { describeValue, SimError } from './errors.ts';
import { MAX_WORKLOADS } from './placement.ts';
import { check, outU32, withBuffers } from './wasm-abi.ts';

export type GeneratorSpec =
  | { kind: 'uniform'; count: number; seed: number; cpuMillis: [number, number]; memMiB: [number, number] }
  | { kind: 'dslab'; count: number; seed: number }
  | {
      kind: 'heavy-tailed';
      count: number;
      seed: number;
      cpuMillis: [number, number];
      memMiB: [number, number];
      doublingProbability: number;
    };

/** A `[min, max]` pair of whole numbers, checked here so the message names the input's field. */
function sizeRange(field: string, v: unknown, least: number): [number, number] {
  if (!Array.isArray(v) || v.length !== 2)
    throw SimError.outOfRange(field, `${field} must be [min, max], two whole numbers, got ${describeValue(v)}`);
  const lo = u32Arg(`${field}[0]`, v[0]);
  const hi = u32Arg(`${field}[1]`, v[1]);
  if (lo < least)
    throw SimError.outOfRange(`${field}[0]`, `${field}[0] must be at least ${least} for this kind, got ${lo}`);
  if (hi < lo) throw SimError.outOfRange(field, `${field} must be [min, max] with min ≤ max, got ${describeValue(v)}`);
  return [lo, hi];
}

/** Generated app requests, 2 u32 per workload [cpuMillis, memMiB] (dims = 2). */
export function generateWorkloads(core: Core, spec: GeneratorSpec): Uint32Array {
  if (typeof spec !== 'object' || spec === null)
    throw SimError.outOfRange(
      'spec',
      `a workload generator must be an object with kind, count and seed, got ${describeValue(spec)}`,
    );
  const kinds = ['uniform', 'dslab', 'heavy-tailed'];
  const kind = kinds.indexOf(spec.kind);
  if (kind < 0)
    throw SimError.outOfRange('kind', `kind must be one of ${kinds.join(', ')}, got ${describeValue(spec.kind)}`);
  const count = numInRange('count', spec.count, 0, MAX_WORKLOADS);
  if (!Number.isInteger(count))
    throw SimError.outOfRange('count', `count must be a whole number from 0 to ${MAX_WORKLOADS}, got ${count}`);
  const seed = numInRange('seed', spec.seed, 0, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(seed))
    throw SimError.outOfRange('seed', `seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  let p = [0, 0, 0, 0, 0];
  if (spec.kind !== 'dslab') {
    // Missing or malformed bounds would otherwise reach the core as NaN (or throw a TypeError here).
    const least = spec.kind === 'heavy-tailed' ? 1 : 0;
    const cpu = sizeRange('cpuMillis', spec.cpuMillis, least);
    const mem = sizeRange('memMiB', spec.memMiB, least);
    const q = spec.kind === 'heavy-tailed' ? numInRange('doublingProbability', spec.doublingProbability, 0, 0.95) : 0;
    p = [...cpu, ...mem, q];
  }
  const params = new Float64Array(p);
  const x = core.exports;
  check(
    x,
    withBuffers(x, [params], ([ptr, n]) => x.vl_workloads_generate(kind, count, seed, ptr, n)),
  );
  return outU32(x, 0);
}
