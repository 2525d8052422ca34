// Kubernetes-style scoring and scheduling over the core (wasm-core/src/kube/):
// NodeResourcesFit strategies, BalancedAllocation, sampling, over any
// resource (cpu, memory, ephemeral-storage, extended and hugepages). Inputs
// are checked here first so messages name the JSON-style field
// (`nodes[2].allocatable.cpu`).
import { numInRange, u32Arg } from './checks.ts';
import type { Core } from './core.ts';
import { describeValue, ERROR_CODES, SimError } from './errors.ts';
import { check, outU32, resultF64, withBuffers } from './wasm-abi.ts';

function fail(field: string, message: string, code: number = ERROR_CODES.OutOfRange): never {
  throw new SimError(code, field, message);
}

export const STRATEGIES = [
  'LeastAllocated',
  'MostAllocated',
  'RequestedToCapacityRatio',
  'BalancedAllocation',
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** Amounts per resource: cpu in millicores, memory and ephemeral-storage in bytes, others as counted. */
export type KubeResources = Record<string, number>;

export interface KubeNode {
  name: string;
  allocatable: KubeResources;
  requested?: KubeResources;
}
/** A pod's requests. An omitted cpu / memory is unset: it counts as 100m / 200 MiB in the fit scores only. */
export type KubePod = KubeResources;

export interface KubeScoring {
  strategy: StrategyName;
  /** Default cpu 1, memory 1. Any resource; fit strategies may repeat one. */
  resources?: { name: string; weight?: number }[];
  shape?: { utilization: number; score: number }[];
  /** "1.35", "1.36" or "1.37" (also with a patch number); default the newest modelled. */
  kubeVersion?: string;
}

const MAX_Q = Number.MAX_SAFE_INTEGER;
const KIND = { cpu: 0, memory: 1, 'ephemeral-storage': 2 } as Record<string, number>;
const SCALAR = 3;
// A qualified name (optional DNS-subdomain prefix and '/'), as Kubernetes resource names are.
const RESOURCE_NAME =
  /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The kind of a resource name, as kube-scheduler tells them apart
 * (pkg/scheduler/util/utils.go IsScalarResourceName): cpu, memory,
 * ephemeral-storage, or a scalar resource: an extended resource
 * (`<domain>/<name>`, e.g. nvidia.com/gpu), `hugepages-<size>` or
 * `attachable-volumes-<kind>`. Other names never reach kube's scores or
 * filter, so they are rejected as likely typos.
 */
export function resourceKind(field: string, name: unknown): number {
  if (typeof name !== 'string') fail(field, `${field} must be a resource name, got ${describeValue(name)}`);
  if (Object.hasOwn(KIND, name)) return KIND[name];
  const scalar =
    name.length <= 253 &&
    RESOURCE_NAME.test(name) &&
    !name.startsWith('requests.') &&
    (name.includes('/') || /^hugepages-./.test(name) || /^attachable-volumes-./.test(name));
  if (!scalar)
    fail(
      field,
      `${field} must be cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu, got ${describeValue(name)}`,
    );
  return SCALAR;
}

function qty(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_Q)
    fail(field, `${field} must be a number (a whole number ≥ 0), got ${describeValue(v)}`);
  return v;
}

/** The resources of one request, numbered: cpu 0, memory 1, the others in order of first appearance. */
class ResourceIndex {
  names: string[] = ['cpu', 'memory'];
  kinds: number[] = [0, 1];
  private at = new Map<string, number>([
    ['cpu', 0],
    ['memory', 1],
  ]);
  add(field: string, name: unknown): number {
    const k = resourceKind(field, name);
    const n = name as string;
    let i = this.at.get(n);
    if (i === undefined) {
      i = this.names.length;
      if (i >= 64) fail(field, `${field}: a request may use at most 64 distinct resources`, ERROR_CODES.LimitExceeded);
      this.at.set(n, i);
      this.names.push(n);
      this.kinds.push(k);
    }
    return i;
  }
  addAll(field: string, amounts: unknown): void {
    if (amounts === undefined) return;
    if (typeof amounts !== 'object' || amounts === null || Array.isArray(amounts))
      fail(field, `${field} must be an object of amounts per resource`);
    for (const name of Object.keys(amounts)) this.add(`${field}.${name}`, name);
  }
}

function amountsOf(
  field: string,
  amounts: KubeResources | undefined,
  idx: ResourceIndex,
  out: Float64Array,
  at: number,
  unset: number,
): void {
  for (let r = 0; r < idx.names.length; r++) out[at + r] = unset;
  if (amounts === undefined) return;
  for (const name of Object.keys(amounts)) {
    out[at + idx.add(`${field}.${name}`, name)] = qty(`${field}.${name}`, amounts[name]);
  }
}

function checkNodes(nodes: KubeNode[], idx: ResourceIndex): void {
  if (!Array.isArray(nodes)) fail('nodes', 'nodes must be an array');
  const seen = new Set<string>();
  nodes.forEach((n, i) => {
    if (typeof n !== 'object' || n === null) fail(`nodes[${i}]`, `nodes[${i}] must be an object`);
    if (typeof n.name !== 'string' || n.name === '')
      fail(`nodes[${i}].name`, `nodes[${i}].name must be a non-empty string`);
    if (seen.has(n.name))
      fail(`nodes[${i}].name`, `nodes[${i}].name ${describeValue(n.name)} is used twice`, ERROR_CODES.Inconsistent);
    seen.add(n.name);
    if (typeof n.allocatable !== 'object' || n.allocatable === null)
      fail(`nodes[${i}].allocatable`, `nodes[${i}].allocatable must be an object of amounts per resource`);
    idx.addAll(`nodes[${i}].allocatable`, n.allocatable);
    idx.addAll(`nodes[${i}].requested`, n.requested);
  });
}

function packNodes(nodes: KubeNode[], idx: ResourceIndex): Float64Array {
  const k = idx.names.length;
  const out = new Float64Array(nodes.length * 2 * k);
  nodes.forEach((n, i) => {
    amountsOf(`nodes[${i}].allocatable`, n.allocatable, idx, out, 2 * k * i, 0);
    amountsOf(`nodes[${i}].requested`, n.requested, idx, out, 2 * k * i + k, 0);
  });
  return out;
}

function checkPod(field: string, p: unknown, idx: ResourceIndex): void {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) fail(field, `${field} must be an object`);
  idx.addAll(field, p);
}

/** "1.37" -> 37; undefined -> 0 (the core's newest). The core checks the range. */
function kubeMinor(v: unknown): number {
  if (v === undefined) return 0;
  const m = typeof v === 'string' ? /^v?1\.(\d{1,3})(?:\.\d{1,4})?$/.exec(v) : null;
  if (!m) fail('kubeVersion', `kubeVersion must be a Kubernetes version such as "1.37", got ${describeValue(v)}`);
  return Number(m[1]);
}

function entries(field: string, list: unknown, idx: ResourceIndex, strictWeight: boolean): number[] {
  const resources = list ?? [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ];
  if (!Array.isArray(resources)) fail(field, `${field} must be an array`);
  const out: number[] = [];
  resources.forEach((r, i) => {
    if (typeof r !== 'object' || r === null) fail(`${field}[${i}]`, `${field}[${i}] must be an object {name, weight}`);
    const at = idx.add(`${field}[${i}].name`, r.name);
    const w = r.weight ?? 1;
    if (strictWeight) {
      if (w !== 1)
        fail(
          `${field}[${i}].weight`,
          `${field}[${i}].weight must be 1 for BalancedAllocation, got ${describeValue(w)}`,
        );
    } else {
      numInRange(`${field}[${i}].weight`, w, 1, 100);
      if (!Number.isInteger(w))
        fail(`${field}[${i}].weight`, `${field}[${i}].weight must be a whole number from 1 to 100`);
    }
    out.push(at, w);
  });
  return out;
}

function scoringConfig(
  s: KubeScoring & { balancedResources?: { name: string; weight?: number }[] },
  idx: ResourceIndex,
  fitWeight = 1,
  balancedWeight = 1,
  percentage = 100,
): Float64Array {
  const strategy = STRATEGIES.indexOf(s.strategy);
  if (strategy < 0)
    fail('strategy', `strategy must be one of ${STRATEGIES.join(', ')}, got ${describeValue(s.strategy)}`);
  const fit = entries('resources', s.resources, idx, s.strategy === 'BalancedAllocation');
  const bal = entries('balancedResources', s.balancedResources, idx, true);
  const shape: number[] = [];
  if (s.strategy === 'RequestedToCapacityRatio') {
    const pts = s.shape ?? [
      { utilization: 0, score: 0 },
      { utilization: 100, score: 10 },
    ];
    if (!Array.isArray(pts) || pts.length === 0)
      fail('shape', 'shape must be a non-empty array of {utilization, score}');
    if (pts.length > 101) fail('shape', 'shape has more than 101 points', ERROR_CODES.LimitExceeded);
    pts.forEach((p, i) => {
      const u = numInRange(`shape[${i}].utilization`, p?.utilization, 0, 100);
      const sc = numInRange(`shape[${i}].score`, p?.score, 0, 10);
      if (!Number.isInteger(u) || !Number.isInteger(sc))
        fail(`shape[${i}]`, `shape[${i}] utilization and score must be whole numbers`);
      shape.push(u, sc);
    });
  }
  return new Float64Array([
    strategy,
    kubeMinor(s.kubeVersion),
    fitWeight,
    balancedWeight,
    percentage,
    fit.length / 2,
    bal.length / 2,
    shape.length / 2,
    ...fit,
    ...bal,
    ...shape,
  ]);
}

function podsOf(pods: KubePod[], idx: ResourceIndex): Float64Array {
  const k = idx.names.length;
  const out = new Float64Array(pods.length * k);
  pods.forEach((p, i) => {
    amountsOf(`pods[${i}]`, p, idx, out, i * k, -1);
  });
  return out;
}

export interface KubeScoreInput extends KubeScoring {
  nodes: KubeNode[];
  pod: KubePod;
}

/** Scores every node for one pod with one plugin (no filtering), plus which nodes fail the fit filter. */
export function kubeScore(
  core: Core,
  input: KubeScoreInput,
): { scores: Record<string, number>; unschedulable: string[] } {
  const idx = new ResourceIndex();
  checkNodes(input.nodes, idx);
  const pod = input.pod ?? {};
  checkPod('pod', pod, idx);
  const cfg = scoringConfig(input, idx);
  const nodes = packNodes(input.nodes, idx);
  const podBuf = new Float64Array(idx.names.length);
  amountsOf('pod', pod, idx, podBuf, 0, -1);
  const x = core.exports;
  // Only the Node build of the placement part has it (browsers never score one pod).
  const score = x.vl_kube_score;
  if (!score)
    throw SimError.loadFailed('wasm', 'kubeScore needs the Node build of the core (the CLI and tests use it)');
  check(
    x,
    withBuffers(x, [new Float64Array(idx.kinds), nodes, podBuf, cfg], ([a, al], [b, bl], [c, cl], [d, dl]) =>
      score(a, al, b, bl, c, cl, d, dl),
    ),
  );
  const r = resultF64(x);
  const scores: Record<string, number> = {};
  const unschedulable: string[] = [];
  input.nodes.forEach((n, i) => {
    // defineProperty: a node called `__proto__` is a key like any other.
    Object.defineProperty(scores, n.name, {
      value: r[2 * i + 1],
      enumerable: true,
      configurable: true,
      writable: true,
    });
    if (r[2 * i] !== 1) unschedulable.push(n.name);
  });
  return { scores, unschedulable };
}

export interface KubeScheduleInput extends KubeScoring {
  nodes: KubeNode[];
  pods: KubePod[];
  /** BalancedAllocation's resources (weight 1 each); default cpu and memory. */
  balancedResources?: { name: string; weight?: number }[];
  /** Plugin weights (kube defaults 1 and 1); 0 disables a plugin. */
  fitWeight?: number;
  balancedWeight?: number;
  /** 0 = kube's adaptive default, 100 = score every node (default here). */
  percentageOfNodesToScore?: number;
}

function scheduleArgs(input: KubeScheduleInput) {
  if (input.strategy === 'BalancedAllocation')
    fail(
      'strategy',
      'strategy must be a NodeResourcesFit strategy (LeastAllocated, MostAllocated, RequestedToCapacityRatio); BalancedAllocation is a separate plugin, weighted by balancedWeight',
      ERROR_CODES.Inconsistent,
    );
  const idx = new ResourceIndex();
  checkNodes(input.nodes, idx);
  if (!Array.isArray(input.pods)) fail('pods', 'pods must be an array');
  input.pods.forEach((p, i) => {
    checkPod(`pods[${i}]`, p, idx);
  });
  const cfg = scoringConfig(
    input,
    idx,
    numInRange('fitWeight', input.fitWeight ?? 1, 0, 100),
    numInRange('balancedWeight', input.balancedWeight ?? 1, 0, 100),
    numInRange('percentageOfNodesToScore', input.percentageOfNodesToScore ?? 100, 0, 100),
  );
  return {
    kinds: new Float64Array(idx.kinds),
    nodes: packNodes(input.nodes, idx),
    pods: podsOf(input.pods, idx),
    cfg,
    idx,
  };
}

/** A request packed for the core: resource kinds, nodes, pods and configuration (see wasm-core/src/abi/kube.rs). */
export interface PackedKube {
  kinds: Float64Array;
  nodes: Float64Array;
  pods: Float64Array;
  cfg: Float64Array;
}

/** A cpu-and-memory cluster as the widgets hold it, in kube-scheduler's default scoring (both resources weight 1). */
export interface KubeCpuMemory {
  strategy: Exclude<StrategyName, 'BalancedAllocation'>;
  /** 2 per node: allocatable cpu (millicores) and memory (bytes); nothing requested yet. */
  allocatable: ArrayLike<number>;
  /** 2 per pod: cpu (millicores) and memory (bytes) requested. */
  pods: ArrayLike<number>;
  balancedWeight: number;
}

/**
 * Packs a cpu-and-memory cluster without the field-by-field checks of
 * {@link kubeSchedule}'s JSON-style input (the widgets build their input from
 * checked parameters; the core still refuses a bad buffer or amount).
 */
export function packCpuMemory(input: KubeCpuMemory): PackedKube {
  const n = input.allocatable.length / 2;
  const nodes = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) nodes.set([input.allocatable[2 * i], input.allocatable[2 * i + 1]], 4 * i);
  return {
    kinds: new Float64Array([0, 1]),
    nodes,
    pods: Float64Array.from(input.pods),
    // Newest version, fit weight 1, every node scored; cpu and memory weight 1 in both plugins.
    cfg: new Float64Array([
      STRATEGIES.indexOf(input.strategy),
      0,
      1,
      input.balancedWeight,
      100,
      2,
      2,
      0,
      0,
      1,
      1,
      1,
      0,
      1,
      1,
      1,
    ]),
  };
}

/** Schedules packed pods in order: per pod the node index or UNPLACED, and the core's result (scheduled, requested, totals). */
export function kubeSchedulePacked(core: Core, p: PackedKube): { assignment: Uint32Array; result: Float64Array } {
  const x = core.exports;
  check(
    x,
    withBuffers(x, [p.kinds, p.nodes, p.pods, p.cfg], ([a, al], [b, bl], [c, cl], [d, dl]) =>
      x.vl_kube_schedule(a, al, b, bl, c, cl, d, dl),
    ),
  );
  return { result: resultF64(x), assignment: outU32(x, 0) };
}

/** Schedules pods in order. assignment[i] = node index or UNPLACED; total[i] = the node's total score (-1 = none). */
export function kubeSchedule(
  core: Core,
  input: KubeScheduleInput,
): { assignment: Uint32Array; scheduled: number; requested: Float64Array; total: Float64Array; resources: string[] } {
  const { idx, ...packed } = scheduleArgs(input);
  const { assignment, result: r } = kubeSchedulePacked(core, packed);
  const k = idx.names.length;
  const n = input.nodes.length;
  return {
    assignment,
    scheduled: r[0],
    requested: r.slice(1, 1 + k * n),
    total: r.slice(1 + k * n),
    resources: idx.names,
  };
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
  /** The node's requests before the pod, one per resource of the request (cpu, memory, then the others in order of first appearance). */
  requested: number[];
}

/** Pod `step` (of a packed request) seen from every node: per-plugin scores, the node chosen (-1 = none) and the Kubernetes version modelled. */
export function kubeExplainPacked(
  core: Core,
  p: PackedKube,
  step: number,
): { chosen: number; kubeVersion: string; nodes: Omit<KubeNodeView, 'name'>[] } {
  const st = u32Arg('step', step);
  const x = core.exports;
  check(
    x,
    withBuffers(x, [p.kinds, p.nodes, p.pods, p.cfg], ([a, al], [b, bl], [c, cl], [d, dl]) =>
      x.vl_kube_explain(a, al, b, bl, c, cl, d, dl, st),
    ),
  );
  const r = resultF64(x);
  // Per node: feasible, scored, fit, balanced, total, then one request per resource kind.
  const stride = 5 + p.kinds.length;
  const nodes: Omit<KubeNodeView, 'name'>[] = [];
  for (let o = 1; o + stride <= r.length - 1; o += stride)
    nodes.push({
      feasible: r[o] === 1,
      scored: r[o + 1] === 1,
      fit: r[o + 2],
      balancedAllocation: r[o + 3],
      total: r[o + 4],
      requested: Array.from(r.subarray(o + 5, o + stride)),
    });
  return { chosen: r[0], kubeVersion: `1.${r[r.length - 1]}`, nodes };
}

/** Pod `step` seen from every node: per-plugin scores, the node chosen (-1 = none) and the Kubernetes version modelled. */
export function kubeExplain(
  core: Core,
  input: KubeScheduleInput,
  step: number,
): { chosen: number; kubeVersion: string; nodes: KubeNodeView[] } {
  const { idx: _, ...packed } = scheduleArgs(input);
  const e = kubeExplainPacked(core, packed, step);
  return { ...e, nodes: e.nodes.map((v, i) => ({ name: input.nodes[i].name, ...v })) };
}
