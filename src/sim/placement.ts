// Typed bin-packing placement over the core (wasm-core/src/placement/, ABI
// in wasm-core/src/abi/placement.rs). Profiles are in profiles.ts, workload
// generators in workloads.ts, Kubernetes-style scoring in kube.ts.
// Inputs are checked here first so messages name the JSON-style field
// (`hosts[3].cpuMillis`); the core checks again and names its own fields.
// Bulk data crosses the boundary as one typed array each way.
import type { Core } from './core.ts';
import { numInRange, U32_MAX, u32Arg } from './checks.ts';
import { describeValue, SimError } from './errors.ts';
import { type Amounts, type FootprintParams, presets, resolveFootprint } from './profiles.ts';
import { PLACEMENT_POLICIES } from './profiles.generated.ts';
import { check, outU32, resultF64, withBuffers } from './wasm-abi.ts';

export type { Amounts, FootprintParams } from './profiles.ts';

/** The core's policies; a policy's number in the ABI is its index (generated from PolicyKind). */
export const POLICIES = PLACEMENT_POLICIES;
export type PolicyName = (typeof POLICIES)[number];
export const DIMS = ['cpuMillis', 'memMiB', 'diskMiB'] as const;
export type DimName = (typeof DIMS)[number];

/** Most workloads one placement takes (`placement::MAX_WORKLOADS`). */
export const MAX_WORKLOADS = 10_000_000;

export interface HostSpec extends Amounts {
  /** Host OS / hypervisor reserve, taken off before overcommit. */
  reserve?: Partial<Amounts>;
}

export interface PlacementInput {
  policy: PolicyName;
  /** Hosts as objects, or packed: 6 u32 per host [cpu, mem, disk, reserve cpu, mem, disk]. */
  hosts: HostSpec[] | Uint32Array;
  /** Workloads as objects, or packed with `dims` u32 per workload (cpu, mem, disk order). */
  workloads: Amounts[] | Uint32Array;
  dims?: 1 | 2 | 3;
  /** Dimension best-fit / worst-fit rank by; default memMiB. */
  primary?: DimName;
  overcommit?: { cpu?: number; mem?: number; disk?: number };
  /** A profile id from `presets()` (with optional overrides), or explicit footprint parameters. */
  profile?: string | FootprintParams;
  profileOverrides?: Record<string, number>;
}

export const UNPLACED = U32_MAX;
export const REASONS = ['', 'TooLarge', 'NoRoom', 'Fragmented', 'PassedByNextFit'] as const;

export interface PlacementSummary {
  placed: number;
  unplaced: number;
  hostsUsed: number;
  /** Per dimension [cpuMillis, memMiB, diskMiB]. */
  app: number[];
  /** Footprint minus request: guest OSes, VMMs, CPU efficiency loss. */
  overhead: number[];
  rawCapacity: number[];
  reserve: number[];
  usable: number[];
  usableOnUsedHosts: number[];
  /** Free capacity on used hosts that can no longer take the smallest workload of the input. */
  stranded: number[];
}

export interface PlacementResult {
  /** Host index per workload, UNPLACED if none. */
  assignment: Uint32Array;
  /** Triples (workload, reason code → REASONS, dims mask: bit 0 cpu, 1 mem, 2 disk), in placement order. */
  unplaced: Uint32Array;
  /** 3 per host: usable capacity after reserve and overcommit. */
  hostUsable: Uint32Array;
  /** 3 per host: footprint placed. */
  hostUsed: Uint32Array;
  summary: PlacementSummary;
  /** Where the footprint parameters came from. */
  footprint: FootprintParams & { sources?: Record<string, string> };
}

export function packHosts(hosts: HostSpec[]): Uint32Array {
  if (!Array.isArray(hosts)) throw SimError.outOfRange('hosts', 'hosts must be an array');
  const out = new Uint32Array(hosts.length * 6);
  hosts.forEach((h, i) => {
    if (typeof h !== 'object' || h === null) throw SimError.outOfRange(`hosts[${i}]`, `hosts[${i}] must be an object`);
    out[6 * i] = u32Arg(`hosts[${i}].cpuMillis`, h.cpuMillis);
    out[6 * i + 1] = u32Arg(`hosts[${i}].memMiB`, h.memMiB);
    out[6 * i + 2] = u32Arg(`hosts[${i}].diskMiB`, h.diskMiB ?? 0);
    const r = h.reserve ?? {};
    DIMS.forEach((d, k) => {
      const v = u32Arg(`hosts[${i}].reserve.${d}`, r[d] ?? 0);
      if (v > out[6 * i + k])
        throw SimError.outOfRange(
          `hosts[${i}].reserve.${d}`,
          `hosts[${i}].reserve.${d} must be at most hosts[${i}].${d} (${out[6 * i + k]}), got ${v}`,
        );
      out[6 * i + 3 + k] = v;
    });
  });
  return out;
}

export function packWorkloads(workloads: Amounts[], dims: 1 | 2 | 3 = 3): Uint32Array {
  if (!Array.isArray(workloads)) throw SimError.outOfRange('workloads', 'workloads must be an array');
  if (workloads.length > MAX_WORKLOADS)
    throw SimError.limitExceeded(
      'workloads',
      `workloads has ${workloads.length} entries; the limit is ${MAX_WORKLOADS}`,
    );
  const out = new Uint32Array(workloads.length * dims);
  workloads.forEach((w, i) => {
    if (typeof w !== 'object' || w === null)
      throw SimError.outOfRange(`workloads[${i}]`, `workloads[${i}] must be an object`);
    for (let k = 0; k < dims; k++) out[dims * i + k] = u32Arg(`workloads[${i}].${DIMS[k]}`, w[DIMS[k]] ?? 0);
  });
  return out;
}

function placeArgs(core: Core, input: PlacementInput) {
  const policy = POLICIES.indexOf(input.policy);
  if (policy < 0)
    throw SimError.outOfRange(
      'policy',
      `policy must be one of ${POLICIES.join(', ')}, got ${describeValue(input.policy)}`,
    );
  const hosts = input.hosts instanceof Uint32Array ? input.hosts : packHosts(input.hosts);
  const dims = input.dims ?? 3;
  if (dims !== 1 && dims !== 2 && dims !== 3)
    throw SimError.outOfRange('dims', `dims must be 1, 2 or 3, got ${describeValue(dims)}`);
  const workloads = input.workloads instanceof Uint32Array ? input.workloads : packWorkloads(input.workloads, dims);
  if (workloads.length % dims !== 0)
    throw SimError.badBuffer('workloads', `workloads has ${workloads.length} values, not a multiple of dims = ${dims}`);
  const primary = DIMS.indexOf(input.primary ?? 'memMiB');
  if (primary < 0)
    throw SimError.outOfRange(
      'primary',
      `primary must be one of ${DIMS.join(', ')}, got ${describeValue(input.primary)}`,
    );
  const oc = input.overcommit ?? {};
  const overcommit = (['cpu', 'mem', 'disk'] as const).map((k) => numInRange(`overcommit.${k}`, oc[k] ?? 1, 1, 64));
  let footprint: FootprintParams & { sources?: Record<string, string> };
  if (
    input.profile !== undefined &&
    typeof input.profile !== 'string' &&
    (typeof input.profile !== 'object' || input.profile === null || Array.isArray(input.profile))
  ) {
    throw SimError.outOfRange(
      'profile',
      `profile must be a profile id (${presets(core)
        .profiles.map((q) => q.id)
        .join(', ')}) or an object of footprint parameters, got ${describeValue(input.profile)}`,
    );
  }
  if (input.profile === undefined)
    footprint = { memOverheadMiB: 0, cpuOverheadMillis: 0, cpuEfficiency: 1, diskOverheadMiB: 0 };
  else if (typeof input.profile === 'string') footprint = resolveFootprint(core, input.profile, input.profileOverrides);
  else {
    const f = input.profile;
    footprint = {
      memOverheadMiB: u32Arg('profile.memOverheadMiB', f.memOverheadMiB),
      cpuOverheadMillis: u32Arg('profile.cpuOverheadMillis', f.cpuOverheadMillis),
      cpuEfficiency: numInRange('profile.cpuEfficiency', f.cpuEfficiency, 0.01, 1),
      diskOverheadMiB: u32Arg('profile.diskOverheadMiB', f.diskOverheadMiB),
    };
  }
  const params = new Float64Array([
    ...overcommit,
    footprint.memOverheadMiB,
    footprint.cpuOverheadMillis,
    footprint.cpuEfficiency,
    footprint.diskOverheadMiB,
    primary,
  ]);
  return { policy, hosts, workloads, dims, params, footprint };
}

function call3(
  core: Core,
  a: ReturnType<typeof placeArgs>,
  fn: (h: number, hl: number, w: number, wl: number, p: number, pl: number) => number,
): void {
  const x = core.exports;
  check(
    x,
    withBuffers(x, [a.hosts, a.workloads, a.params], ([hp, hl], [wp, wl], [pp, pl]) => fn(hp, hl, wp, wl, pp, pl)),
  );
}

/** The outcome the core wrote after vl_place or vl_place_assess: result buffer and slots 0–3. */
function outcome(x: Core['exports'], footprint: PlacementResult['footprint']): PlacementResult {
  const s = resultF64(x);
  const v = (i: number) => Array.from(s.subarray(3 + 3 * i, 6 + 3 * i));
  const summary: PlacementSummary = {
    placed: s[0],
    unplaced: s[1],
    hostsUsed: s[2],
    app: v(0),
    overhead: v(1),
    rawCapacity: v(2),
    reserve: v(3),
    usable: v(4),
    usableOnUsedHosts: v(5),
    stranded: v(6),
  };
  return {
    assignment: outU32(x, 0),
    unplaced: outU32(x, 1),
    hostUsable: outU32(x, 2),
    hostUsed: outU32(x, 3),
    summary,
    footprint,
  };
}

/** Places every workload; one call into wasm, results as typed arrays. */
export function place(core: Core, input: PlacementInput): PlacementResult {
  const a = placeArgs(core, input);
  const x = core.exports;
  call3(core, a, (hp, hl, wp, wl, pp, pl) => x.vl_place(a.policy, hp, hl, wp, wl, a.dims, pp, pl));
  return outcome(x, a.footprint);
}

export interface PlacementDetail {
  /** 3 per workload (input order): the footprint the core places, [cpuMillis, memMiB, diskMiB]. */
  footprint: Uint32Array;
  /** Workload indices in the order the policy places them (decreasing policies sort; the others keep input order). */
  order: Uint32Array;
}

/** The footprint of every workload and the policy's placement order, as the core computes them. */
export function placementDetail(core: Core, input: PlacementInput): PlacementDetail {
  const a = placeArgs(core, input);
  const x = core.exports;
  call3(core, a, (hp, hl, wp, wl, pp, pl) => x.vl_place_detail(a.policy, hp, hl, wp, wl, a.dims, pp, pl));
  return { footprint: outU32(x, 0), order: outU32(x, 1) };
}

/**
 * The outcome of an assignment made elsewhere (a Kubernetes schedule, say),
 * summed by the core as it sums its own placements. `assignment` holds a host
 * index or UNPLACED per workload; a host it overfills is an error naming
 * `assignment[i]`. `unplaced` comes back empty (no policy gave reasons);
 * `input.policy` is not used.
 */
export function assessPlacement(core: Core, input: PlacementInput, assignment: Uint32Array): PlacementResult {
  if (!(assignment instanceof Uint32Array))
    throw SimError.badBuffer(
      'assignment',
      `assignment must be a Uint32Array (a host index or UNPLACED per workload), got ${describeValue(assignment)}`,
    );
  const a = placeArgs(core, input);
  const x = core.exports;
  check(
    x,
    withBuffers(x, [a.hosts, a.workloads, a.params, assignment], ([hp, hl], [wp, wl], [pp, pl], [sp, sl]) =>
      x.vl_place_assess(hp, hl, wp, wl, a.dims, pp, pl, sp, sl),
    ),
  );
  return outcome(x, a.footprint);
}

export interface PlacementStep {
  workload: number;
  /** Host chosen, or -1. */
  chosen: number;
  /** Next-fit's current host before the step. */
  cursor: number;
  app: number[];
  footprint: number[];
  /** Per host, before the step: free amounts and whether the footprint fits. */
  hosts: { free: number[]; fits: boolean }[];
  /** Why the chosen host, in words. */
  rule: string;
}

const RULES: Record<PolicyName, string> = {
  'first-fit': 'the lowest-index host that fits',
  'next-fit': 'the first host at or after the current one that fits',
  'best-fit': 'the fitting host with the least free PRIMARY (ties: lowest index)',
  'worst-fit': 'the fitting host with the most free PRIMARY (ties: lowest index)',
  'first-fit-decreasing': 'largest workloads first; the lowest-index host that fits',
  'best-fit-decreasing': 'largest workloads first; the fitting host with the least free PRIMARY (ties: lowest index)',
  'first-fit-wrap':
    'the first host that fits, searching from the host that took the previous workload to the last host, then from host 0 (CloudSim Plus first-fit)',
};

/** Step `step` (0-based, placement order) seen from every host (at most 100,000 hosts). */
export function explainPlacement(core: Core, input: PlacementInput, step: number): PlacementStep {
  const a = placeArgs(core, input);
  const st = u32Arg('step', step);
  const workloads = a.workloads.length / a.dims;
  // Said here: the core's range check reads "from 0 to -1" when there is nothing to explain.
  if (st >= workloads) {
    throw SimError.outOfRange(
      'step',
      workloads
        ? `step must be a whole number from 0 to ${workloads - 1} (one per workload), got ${st}`
        : 'step cannot be explained: there are no workloads',
    );
  }
  const x = core.exports;
  call3(core, a, (hp, hl, wp, wl, pp, pl) => x.vl_place_explain(a.policy, hp, hl, wp, wl, a.dims, pp, pl, st));
  const r = resultF64(x);
  const hosts: PlacementStep['hosts'] = [];
  for (let i = 9; i + 3 < r.length; i += 4) hosts.push({ free: [r[i], r[i + 1], r[i + 2]], fits: r[i + 3] === 1 });
  return {
    workload: r[0],
    chosen: r[1],
    cursor: r[2],
    app: Array.from(r.subarray(3, 6)),
    footprint: Array.from(r.subarray(6, 9)),
    hosts,
    rule: RULES[input.policy].replace('PRIMARY', input.primary ?? 'memMiB'),
  };
}
