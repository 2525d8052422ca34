// Typed placement, profiles, workload generators and Kubernetes-style
// scoring over the core's ABI (wasm-core/src/abi.rs, "Placement" section).
// Inputs are checked here first so messages name the JSON-style field
// (`hosts[3].cpuMillis`); the core checks again and names its own fields.
// Bulk data crosses the boundary as one typed array each way.
import type { Core } from './core.ts';
import { describeValue, SimError, ERROR_CODES } from './errors.ts';

export const POLICIES = [
  'first-fit',
  'next-fit',
  'best-fit',
  'worst-fit',
  'first-fit-decreasing',
  'best-fit-decreasing',
] as const;
export type PolicyName = (typeof POLICIES)[number];
export const DIMS = ['cpuMillis', 'memMiB', 'diskMiB'] as const;
export type DimName = (typeof DIMS)[number];

const U32_MAX = 4294967295;
const MAX_WORKLOADS = 10_000_000;

export interface Amounts {
  cpuMillis: number;
  memMiB: number;
  diskMiB?: number;
}

export interface HostSpec extends Amounts {
  /** Host OS / hypervisor reserve, taken off before overcommit. */
  reserve?: Partial<Amounts>;
}

/** What a profile adds to each app request (see wasm-core/src/profiles.rs). */
export interface FootprintParams {
  memOverheadMiB: number;
  cpuOverheadMillis: number;
  /** Fraction of host CPU that reaches the app, (0, 1]. */
  cpuEfficiency: number;
  diskOverheadMiB: number;
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

function fail(field: string, message: string, code: number = ERROR_CODES.OutOfRange): never {
  throw new SimError(code, field, message);
}

function u32(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > U32_MAX) {
    fail(field, `${field} must be a whole number from 0 to ${U32_MAX}, got ${describeValue(v)}`);
  }
  return v;
}

function num(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    fail(field, `${field} must be a number from ${min} to ${max}, got ${describeValue(v)}`);
  }
  return v;
}

export function packHosts(hosts: HostSpec[]): Uint32Array {
  if (!Array.isArray(hosts)) fail('hosts', 'hosts must be an array');
  const out = new Uint32Array(hosts.length * 6);
  hosts.forEach((h, i) => {
    if (typeof h !== 'object' || h === null) fail(`hosts[${i}]`, `hosts[${i}] must be an object`);
    out[6 * i] = u32(`hosts[${i}].cpuMillis`, h.cpuMillis);
    out[6 * i + 1] = u32(`hosts[${i}].memMiB`, h.memMiB);
    out[6 * i + 2] = u32(`hosts[${i}].diskMiB`, h.diskMiB ?? 0);
    const r = h.reserve ?? {};
    DIMS.forEach((d, k) => {
      const v = u32(`hosts[${i}].reserve.${d}`, r[d] ?? 0);
      if (v > out[6 * i + k]) fail(`hosts[${i}].reserve.${d}`, `hosts[${i}].reserve.${d} must be at most hosts[${i}].${d} (${out[6 * i + k]}), got ${v}`);
      out[6 * i + 3 + k] = v;
    });
  });
  return out;
}

export function packWorkloads(workloads: Amounts[], dims: 1 | 2 | 3 = 3): Uint32Array {
  if (!Array.isArray(workloads)) fail('workloads', 'workloads must be an array');
  if (workloads.length > MAX_WORKLOADS) fail('workloads', `workloads has ${workloads.length} entries; the limit is ${MAX_WORKLOADS}`, ERROR_CODES.LimitExceeded);
  const out = new Uint32Array(workloads.length * dims);
  workloads.forEach((w, i) => {
    if (typeof w !== 'object' || w === null) fail(`workloads[${i}]`, `workloads[${i}] must be an object`);
    for (let k = 0; k < dims; k++) out[dims * i + k] = u32(`workloads[${i}].${DIMS[k]}`, w[DIMS[k]] ?? 0);
  });
  return out;
}

// ---- Buffers ----

function withBuffer<T>(core: Core, data: Uint32Array | Float64Array, fn: (ptr: number, len: number) => T): T {
  const x = core.exports;
  const bytes = data.byteLength;
  const ptr = bytes ? x.vl_alloc(bytes) : 0;
  if (bytes && !ptr) fail('input', 'the simulation core is out of memory for the input', ERROR_CODES.LimitExceeded);
  try {
    if (bytes) {
      // vl_alloc returns 8-aligned blocks; the core checks alignment again.
      const view = data instanceof Uint32Array ? new Uint32Array(x.memory.buffer, ptr, data.length) : new Float64Array(x.memory.buffer, ptr, data.length);
      view.set(data);
    }
    return fn(ptr, data.length);
  } finally {
    if (ptr) x.vl_free(ptr, bytes);
  }
}

function f64Result(core: Core): Float64Array {
  const x = core.exports;
  return new Float64Array(x.memory.buffer, x.vl_result_ptr(), x.vl_result_len()).slice();
}

function outSlot(core: Core, slot: number): Uint32Array {
  const x = core.exports;
  const len = x.vl_out_u32_len(slot);
  return len ? new Uint32Array(x.memory.buffer, x.vl_out_u32_ptr(slot), len).slice() : new Uint32Array(0);
}

// ---- Presets ----

export interface PresetParam {
  key: string;
  value: number;
  unit: string;
  source: string;
  modellingChoice: boolean;
  placement: boolean;
}
export interface Presets {
  profiles: { id: string; name: string; params: PresetParam[] }[];
  hosts: { id: string; capacity: Amounts; reserve: Amounts; source: string }[];
  kube: Record<string, unknown>;
}

const presetCache = new WeakMap<Core, Presets>();

/** Profiles (VM, container, microVM, Kata-FC), a host example and kube defaults, with sources. */
export function presets(core: Core): Presets {
  let p = presetCache.get(core);
  if (!p) {
    const x = core.exports;
    core.check(x.vl_presets());
    const text = new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.vl_place_text_ptr(), x.vl_place_text_len()));
    p = JSON.parse(text) as Presets;
    presetCache.set(core, p);
  }
  return p;
}

/** A profile's footprint parameters with overrides applied, and each value's source. */
export function resolveFootprint(core: Core, profile: string, overrides: Record<string, number> = {}): FootprintParams & { sources: Record<string, string> } {
  const pr = presets(core).profiles.find((q) => q.id === profile);
  if (!pr) fail('profile', `profile must be one of ${presets(core).profiles.map((q) => q.id).join(', ')}, got ${describeValue(profile)}`);
  const values: Record<string, number> = {};
  const sources: Record<string, string> = {};
  for (const q of pr.params) {
    values[q.key] = q.value;
    sources[q.key] = `${q.source}${q.modellingChoice ? ' (modelling choice)' : ''}`;
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    fail('profileOverrides', `profileOverrides must be an object of parameter names to numbers, got ${describeValue(overrides)}`);
  }
  for (const [k, v] of Object.entries(overrides)) {
    // Own keys only: `constructor` or `__proto__` are "in" every object.
    if (!Object.hasOwn(values, k)) fail(`profileOverrides.${k}`, `profileOverrides.${k} is not a parameter of profile ${profile}`);
    // The same bounds as an explicit footprint (`profile.cpuEfficiency`): a fraction of the host CPU.
    values[k] = k === 'cpuEfficiency' ? num(`profileOverrides.${k}`, v, 0.01, 1) : num(`profileOverrides.${k}`, v, 0, U32_MAX);
    sources[k] = 'user override';
  }
  return {
    memOverheadMiB: values.guestOsMemMiB + values.vmmOverheadMiB,
    cpuOverheadMillis: values.cpuOverheadMillis,
    cpuEfficiency: values.cpuEfficiency,
    diskOverheadMiB: values.diskOverheadMiB,
    sources,
  };
}

// ---- Placement ----

function placeArgs(core: Core, input: PlacementInput) {
  const policy = POLICIES.indexOf(input.policy);
  if (policy < 0) fail('policy', `policy must be one of ${POLICIES.join(', ')}, got ${describeValue(input.policy)}`);
  const hosts = input.hosts instanceof Uint32Array ? input.hosts : packHosts(input.hosts);
  const dims = input.dims ?? 3;
  if (dims !== 1 && dims !== 2 && dims !== 3) fail('dims', `dims must be 1, 2 or 3, got ${describeValue(dims)}`);
  const workloads = input.workloads instanceof Uint32Array ? input.workloads : packWorkloads(input.workloads, dims);
  if (workloads.length % dims !== 0) fail('workloads', `workloads has ${workloads.length} values, not a multiple of dims = ${dims}`, ERROR_CODES.BadBuffer);
  const primary = DIMS.indexOf(input.primary ?? 'memMiB');
  if (primary < 0) fail('primary', `primary must be one of ${DIMS.join(', ')}, got ${describeValue(input.primary)}`);
  const oc = input.overcommit ?? {};
  const overcommit = (['cpu', 'mem', 'disk'] as const).map((k) => num(`overcommit.${k}`, oc[k] ?? 1, 1, 64));
  let footprint: FootprintParams & { sources?: Record<string, string> };
  if (input.profile !== undefined && typeof input.profile !== 'string' && (typeof input.profile !== 'object' || input.profile === null || Array.isArray(input.profile))) {
    fail('profile', `profile must be a profile id (${presets(core).profiles.map((q) => q.id).join(', ')}) or an object of footprint parameters, got ${describeValue(input.profile)}`);
  }
  if (input.profile === undefined) footprint = { memOverheadMiB: 0, cpuOverheadMillis: 0, cpuEfficiency: 1, diskOverheadMiB: 0 };
  else if (typeof input.profile === 'string') footprint = resolveFootprint(core, input.profile, input.profileOverrides);
  else {
    const f = input.profile;
    footprint = {
      memOverheadMiB: u32('profile.memOverheadMiB', f.memOverheadMiB),
      cpuOverheadMillis: u32('profile.cpuOverheadMillis', f.cpuOverheadMillis),
      cpuEfficiency: num('profile.cpuEfficiency', f.cpuEfficiency, 0.01, 1),
      diskOverheadMiB: u32('profile.diskOverheadMiB', f.diskOverheadMiB),
    };
  }
  const params = new Float64Array([...overcommit, footprint.memOverheadMiB, footprint.cpuOverheadMillis, footprint.cpuEfficiency, footprint.diskOverheadMiB, primary]);
  return { policy, hosts, workloads, dims, params, footprint };
}

function call3(core: Core, a: ReturnType<typeof placeArgs>, fn: (h: number, hl: number, w: number, wl: number, p: number, pl: number) => number): void {
  const status = withBuffer(core, a.hosts, (hp, hl) => withBuffer(core, a.workloads, (wp, wl) => withBuffer(core, a.params, (pp, pl) => fn(hp, hl, wp, wl, pp, pl))));
  core.check(status);
}

/** Places every workload; one call into wasm, results as typed arrays. */
export function place(core: Core, input: PlacementInput): PlacementResult {
  const a = placeArgs(core, input);
  const x = core.exports;
  call3(core, a, (hp, hl, wp, wl, pp, pl) => x.vl_place(a.policy, hp, hl, wp, wl, a.dims, pp, pl));
  const s = f64Result(core);
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
  return { assignment: outSlot(core, 0), unplaced: outSlot(core, 1), hostUsable: outSlot(core, 2), hostUsed: outSlot(core, 3), summary, footprint: a.footprint };
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
};

/** Step `step` (0-based, placement order) seen from every host (at most 100,000 hosts). */
export function explainPlacement(core: Core, input: PlacementInput, step: number): PlacementStep {
  const a = placeArgs(core, input);
  const st = u32('step', step);
  const workloads = a.workloads.length / a.dims;
  // Said here: the core's range check reads "from 0 to -1" when there is nothing to explain.
  if (st >= workloads) {
    fail('step', workloads ? `step must be a whole number from 0 to ${workloads - 1} (one per workload), got ${st}` : 'step cannot be explained: there are no workloads');
  }
  const x = core.exports;
  call3(core, a, (hp, hl, wp, wl, pp, pl) => x.vl_place_explain(a.policy, hp, hl, wp, wl, a.dims, pp, pl, st));
  const r = f64Result(core);
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

// ---- Workload generators ----

export type GeneratorSpec =
  | { kind: 'uniform'; count: number; seed: number; cpuMillis: [number, number]; memMiB: [number, number] }
  | { kind: 'dslab'; count: number; seed: number }
  | { kind: 'heavy-tailed'; count: number; seed: number; cpuMillis: [number, number]; memMiB: [number, number]; doublingProbability: number };

/** A `[min, max]` pair of whole numbers, checked here so the message names the input's field. */
function sizeRange(field: string, v: unknown, least: number): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) fail(field, `${field} must be [min, max], two whole numbers, got ${describeValue(v)}`);
  const lo = u32(`${field}[0]`, v[0]);
  const hi = u32(`${field}[1]`, v[1]);
  if (lo < least) fail(`${field}[0]`, `${field}[0] must be at least ${least} for this kind, got ${lo}`);
  if (hi < lo) fail(field, `${field} must be [min, max] with min ≤ max, got ${describeValue(v)}`);
  return [lo, hi];
}

/** Generated app requests, 2 u32 per workload [cpuMillis, memMiB] (dims = 2). */
export function generateWorkloads(core: Core, spec: GeneratorSpec): Uint32Array {
  if (typeof spec !== 'object' || spec === null) fail('spec', `a workload generator must be an object with kind, count and seed, got ${describeValue(spec)}`);
  const kinds = ['uniform', 'dslab', 'heavy-tailed'];
  const kind = kinds.indexOf(spec.kind);
  if (kind < 0) fail('kind', `kind must be one of ${kinds.join(', ')}, got ${describeValue(spec.kind)}`);
  const count = num('count', spec.count, 0, MAX_WORKLOADS);
  if (!Number.isInteger(count)) fail('count', `count must be a whole number from 0 to ${MAX_WORKLOADS}, got ${count}`);
  const seed = num('seed', spec.seed, 0, Number.MAX_SAFE_INTEGER);
  if (!Number.isInteger(seed)) fail('seed', `seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  let p = [0, 0, 0, 0, 0];
  if (spec.kind !== 'dslab') {
    // Missing or malformed bounds would otherwise reach the core as NaN (or throw a TypeError here).
    const least = spec.kind === 'heavy-tailed' ? 1 : 0;
    const cpu = sizeRange('cpuMillis', spec.cpuMillis, least);
    const mem = sizeRange('memMiB', spec.memMiB, least);
    const q = spec.kind === 'heavy-tailed' ? num('doublingProbability', spec.doublingProbability, 0, 0.95) : 0;
    p = [...cpu, ...mem, q];
  }
  const params = new Float64Array(p);
  const x = core.exports;
  core.check(withBuffer(core, params, (ptr, n) => x.vl_workloads_generate(kind, count, seed, ptr, n)));
  return outSlot(core, 0);
}

// ---- Kubernetes-style scoring ----

export const STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio', 'BalancedAllocation'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export interface KubeNode {
  name: string;
  /** cpu in millicores, memory in bytes. */
  allocatable: { cpu: number; memory: number };
  requested?: { cpu?: number; memory?: number };
}
export interface KubePod {
  /** Omitted = unset: counts as 100m / 200 MiB for scoring only. */
  cpu?: number;
  memory?: number;
}
export interface KubeScoring {
  strategy: StrategyName;
  resources?: { name: 'cpu' | 'memory'; weight?: number }[];
  shape?: { utilization: number; score: number }[];
}

const MAX_Q = Number.MAX_SAFE_INTEGER;

function qty(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_Q) fail(field, `${field} must be a number (a whole number ≥ 0), got ${describeValue(v)}`);
  return v;
}

function packNodes(nodes: KubeNode[]): Float64Array {
  if (!Array.isArray(nodes)) fail('nodes', 'nodes must be an array');
  const out = new Float64Array(nodes.length * 4);
  const seen = new Set<string>();
  nodes.forEach((n, i) => {
    if (typeof n !== 'object' || n === null) fail(`nodes[${i}]`, `nodes[${i}] must be an object`);
    if (typeof n.name !== 'string' || n.name === '') fail(`nodes[${i}].name`, `nodes[${i}].name must be a non-empty string`);
    if (seen.has(n.name)) fail(`nodes[${i}].name`, `nodes[${i}].name ${describeValue(n.name)} is used twice`, ERROR_CODES.Inconsistent);
    seen.add(n.name);
    if (typeof n.allocatable !== 'object' || n.allocatable === null) fail(`nodes[${i}].allocatable`, `nodes[${i}].allocatable must be an object with cpu and memory`);
    out[4 * i] = qty(`nodes[${i}].allocatable.cpu`, n.allocatable.cpu);
    out[4 * i + 1] = qty(`nodes[${i}].allocatable.memory`, n.allocatable.memory);
    out[4 * i + 2] = qty(`nodes[${i}].requested.cpu`, n.requested?.cpu ?? 0);
    out[4 * i + 3] = qty(`nodes[${i}].requested.memory`, n.requested?.memory ?? 0);
  });
  return out;
}

function podPair(field: string, p: KubePod): [number, number] {
  if (typeof p !== 'object' || p === null) fail(field, `${field} must be an object`);
  return [p.cpu === undefined ? -1 : qty(`${field}.cpu`, p.cpu), p.memory === undefined ? -1 : qty(`${field}.memory`, p.memory)];
}

function scoringConfig(s: KubeScoring, fitWeight = 1, balancedWeight = 1, percentage = 100): Float64Array {
  const strategy = STRATEGIES.indexOf(s.strategy);
  if (strategy < 0) fail('strategy', `strategy must be one of ${STRATEGIES.join(', ')}, got ${describeValue(s.strategy)}`);
  const w = { cpu: 0, memory: 0 };
  const resources = s.resources ?? [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];
  if (!Array.isArray(resources)) fail('resources', 'resources must be an array');
  resources.forEach((r, i) => {
    if (r?.name !== 'cpu' && r?.name !== 'memory') fail(`resources[${i}].name`, `resources[${i}].name must be "cpu" or "memory", got ${describeValue(r?.name)}`);
    w[r.name] = num(`resources[${i}].weight`, r.weight ?? 1, 1, 100);
    if (!Number.isInteger(w[r.name])) fail(`resources[${i}].weight`, `resources[${i}].weight must be a whole number from 1 to 100`);
  });
  const shape: number[] = [];
  if (s.strategy === 'RequestedToCapacityRatio') {
    const pts = s.shape ?? [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
    if (!Array.isArray(pts) || pts.length === 0) fail('shape', 'shape must be a non-empty array of {utilization, score}');
    pts.forEach((p, i) => {
      const u = num(`shape[${i}].utilization`, p?.utilization, 0, 100);
      const sc = num(`shape[${i}].score`, p?.score, 0, 10);
      if (!Number.isInteger(u) || !Number.isInteger(sc)) fail(`shape[${i}]`, `shape[${i}] utilization and score must be whole numbers`);
      shape.push(u, sc);
    });
  }
  return new Float64Array([strategy, w.cpu, w.memory, fitWeight, balancedWeight, percentage, ...shape]);
}

export interface KubeScoreInput extends KubeScoring {
  nodes: KubeNode[];
  pod: KubePod;
}

/** Scores every node for one pod with one strategy (no filtering), plus which nodes fail the fit filter. */
export function kubeScore(core: Core, input: KubeScoreInput): { scores: Record<string, number>; unschedulable: string[] } {
  const nodes = packNodes(input.nodes);
  const [cpu, mem] = podPair('pod', input.pod ?? {});
  const cfg = scoringConfig(input);
  const x = core.exports;
  core.check(withBuffer(core, nodes, (np, nl) => withBuffer(core, cfg, (cp, cl) => x.vl_kube_score(np, nl, cpu, mem, cp, cl))));
  const r = f64Result(core);
  const scores: Record<string, number> = {};
  const unschedulable: string[] = [];
  input.nodes.forEach((n, i) => {
    // defineProperty: a node called `__proto__` is a key like any other.
    Object.defineProperty(scores, n.name, { value: r[2 * i + 1], enumerable: true, configurable: true, writable: true });
    if (r[2 * i] !== 1) unschedulable.push(n.name);
  });
  return { scores, unschedulable };
}

export interface KubeScheduleInput extends KubeScoring {
  nodes: KubeNode[];
  pods: KubePod[];
  /** Plugin weights (kube defaults 1 and 1); balancedWeight 0 disables BalancedAllocation. */
  fitWeight?: number;
  balancedWeight?: number;
  /** 0 = kube's adaptive default, 100 = score every node (default here). */
  percentageOfNodesToScore?: number;
}

function scheduleArgs(input: KubeScheduleInput) {
  if (input.strategy === 'BalancedAllocation') fail('strategy', 'strategy must be a NodeResourcesFit strategy (LeastAllocated, MostAllocated, RequestedToCapacityRatio); BalancedAllocation is a separate plugin, weighted by balancedWeight', ERROR_CODES.Inconsistent);
  const nodes = packNodes(input.nodes);
  if (!Array.isArray(input.pods)) fail('pods', 'pods must be an array');
  const pods = new Float64Array(input.pods.length * 2);
  input.pods.forEach((p, i) => pods.set(podPair(`pods[${i}]`, p), 2 * i));
  const cfg = scoringConfig(
    input,
    num('fitWeight', input.fitWeight ?? 1, 0, 100),
    num('balancedWeight', input.balancedWeight ?? 1, 0, 100),
    num('percentageOfNodesToScore', input.percentageOfNodesToScore ?? 100, 0, 100),
  );
  return { nodes, pods, cfg };
}

/** Schedules pods in order. assignment[i] = node index or UNPLACED. */
export function kubeSchedule(core: Core, input: KubeScheduleInput): { assignment: Uint32Array; scheduled: number; requested: Float64Array } {
  const { nodes, pods, cfg } = scheduleArgs(input);
  const x = core.exports;
  core.check(withBuffer(core, nodes, (np, nl) => withBuffer(core, pods, (pp, pl) => withBuffer(core, cfg, (cp, cl) => x.vl_kube_schedule(np, nl, pp, pl, cp, cl)))));
  const r = f64Result(core);
  return { assignment: outSlot(core, 0), scheduled: r[0], requested: r.slice(1) };
}

export interface KubeNodeView {
  name: string;
  feasible: boolean;
  scored: boolean;
  /** NodeResourcesFit's score with the chosen strategy. */
  fit: number;
  balancedAllocation: number;
  /** fitWeight·fit + balancedWeight·balancedAllocation. */
  total: number;
}

/** Pod `step` seen from every node: per-plugin scores and the node chosen (-1 = none). */
export function kubeExplain(core: Core, input: KubeScheduleInput, step: number): { chosen: number; nodes: KubeNodeView[] } {
  const { nodes, pods, cfg } = scheduleArgs(input);
  const st = u32('step', step);
  const x = core.exports;
  core.check(withBuffer(core, nodes, (np, nl) => withBuffer(core, pods, (pp, pl) => withBuffer(core, cfg, (cp, cl) => x.vl_kube_explain(np, nl, pp, pl, cp, cl, st)))));
  const r = f64Result(core);
  return {
    chosen: r[0],
    nodes: input.nodes.map((n, i) => {
      const o = 1 + 5 * i;
      return { name: n.name, feasible: r[o] === 1, scored: r[o + 1] === 1, fit: r[o + 2], balancedAllocation: r[o + 3], total: r[o + 4] };
    }),
  };
}
