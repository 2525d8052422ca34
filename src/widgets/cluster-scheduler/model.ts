// The cluster scheduler as core calls: one seeded workload, placed once as
// VMs and once as containers on the same hosts with the same policy. Each
// app's footprint comes from its side's profile (guest OS, VMM, CPU
// efficiency); VMs may also be rounded up to instance sizes. Bin-packing
// policies run in the core's placement engine, Kubernetes strategies in its
// kube-scheduler model; both are explained step by step by the core.
// The result's shape is in result.ts, its words in words.ts, its tables in
// tables.ts.
import type { Core } from '../../sim/core.ts';
import { SimError } from '../../sim/errors.ts';
import {
  assessPlacement,
  explainPlacement,
  place,
  placementDetail,
  UNPLACED,
  type FootprintParams,
  type PlacementInput,
} from '../../sim/placement.ts';
import {
  type KubeCpuMemory,
  kubeExplainPacked,
  kubeSchedulePacked,
  type PackedKube,
  packCpuMemory,
} from '../../sim/kube.ts';
import { generateWorkloads } from '../../sim/workloads.ts';
import { GENERATORS, policyOption, type ClusterValues } from './params.ts';
import type { ClusterResult, Side, SideId, StepSide, StepView } from './result.ts';
import { binPackingWords, kubeWords } from './words.ts';

const MIB = 1024 * 1024;

/** The smallest VM instance size's memory (the DSLab menu's smallest, 512 MB taken as MiB). */
const MIN_INSTANCE_MEM_MIB = 512;

function fail(field: string, message: string): never {
  throw SimError.outOfRange(field, message);
}

/** Power-of-two vCPUs (in millicores) and power-of-two memory of at least 512 MiB. */
export function instanceSize(cpuMillis: number, memMiB: number): [number, number] {
  let cpu = 1000;
  while (cpu < cpuMillis) cpu *= 2;
  let mem = MIN_INSTANCE_MEM_MIB;
  while (mem < memMiB) mem *= 2;
  return [cpu, mem];
}

function hostsInput(v: ClusterValues) {
  const cpu = v.hostCpuCores * 1000;
  const mem = v.hostMemGiB * 1024;
  if (v.hostReserveCpuMillis > cpu)
    fail(
      'hostReserveCpuMillis',
      `CPU reserved for the host (hostReserveCpuMillis) must be at most the host's ${cpu} millicores; got ${v.hostReserveCpuMillis}.`,
    );
  if (v.hostReserveMemMiB > mem)
    fail(
      'hostReserveMemMiB',
      `Memory reserved for the host (hostReserveMemMiB) must be at most the host's ${mem} MiB; got ${v.hostReserveMemMiB}.`,
    );
  return { cpu, mem, usable: [cpu - v.hostReserveCpuMillis, mem - v.hostReserveMemMiB] as [number, number] };
}

function workloads(core: Core, v: ClusterValues): Uint32Array {
  const kind = GENERATORS.find((g) => g.value === v.generator)?.kind;
  if (!kind) fail('generator', `Workload mix (generator) must be one of 1, 2, 3; got ${v.generator}.`);
  if (kind !== 'dslab') {
    if (v.appCpuMinMillis > v.appCpuMaxMillis)
      fail(
        'appCpuMaxMillis',
        `Largest app CPU (appCpuMaxMillis) must be at least the smallest app CPU, ${v.appCpuMinMillis} millicores; got ${v.appCpuMaxMillis}.`,
      );
    if (v.appMemMinMiB > v.appMemMaxMiB)
      fail(
        'appMemMaxMiB',
        `Largest app memory (appMemMaxMiB) must be at least the smallest app memory, ${v.appMemMinMiB} MiB; got ${v.appMemMaxMiB}.`,
      );
  }
  const cpuMillis: [number, number] = [v.appCpuMinMillis, v.appCpuMaxMillis];
  const memMiB: [number, number] = [v.appMemMinMiB, v.appMemMaxMiB];
  if (kind === 'uniform') return generateWorkloads(core, { kind, count: v.appCount, seed: v.seed, cpuMillis, memMiB });
  if (kind === 'dslab') return generateWorkloads(core, { kind, count: v.appCount, seed: v.seed });
  return generateWorkloads(core, {
    kind,
    count: v.appCount,
    seed: v.seed,
    cpuMillis,
    memMiB,
    doublingProbability: v.tailDoublingProbability,
  });
}

function footprintParams(id: SideId, v: ClusterValues): FootprintParams {
  return id === 'vm'
    ? {
        memOverheadMiB: v.vmGuestOsMemMiB + v.vmVmmMemMiB,
        cpuOverheadMillis: v.vmCpuOverheadMillis,
        cpuEfficiency: v.vmCpuEfficiency,
        diskOverheadMiB: 0,
      }
    : { memOverheadMiB: v.containerRuntimeMemMiB, cpuOverheadMillis: 0, cpuEfficiency: 1, diskOverheadMiB: 0 };
}

interface Setup {
  usable: [number, number];
  hostCount: number;
  policy: ReturnType<typeof policyOption>;
  balancedWeight: number;
}

function packedHosts(s: Setup): Uint32Array {
  // Reserve already taken off: the core sees usable capacity, dims cpu and memory only.
  const out = new Uint32Array(6 * s.hostCount);
  for (let h = 0; h < s.hostCount; h++) out.set([s.usable[0], s.usable[1], 0, 0, 0, 0], 6 * h);
  return out;
}

function placementInput(s: Setup, side: Pick<Side, 'request' | 'footprintParams'>): PlacementInput {
  return {
    // Kubernetes pods go in input order, as first-fit takes them (only the order and footprints are read then).
    policy: s.policy.kind === 'bin-packing' ? s.policy.core : 'first-fit',
    hosts: packedHosts(s),
    workloads: Uint32Array.from(side.request),
    dims: 2,
    profile: side.footprintParams,
  };
}

function kubeInput(s: Setup, side: Pick<Side, 'footprint'>): PackedKube {
  const allocatable: number[] = [];
  for (let h = 0; h < s.hostCount; h++) allocatable.push(s.usable[0], s.usable[1] * MIB);
  const pods: number[] = [];
  // The VM's whole footprint is its pod request, as the pod overhead of a sandboxed runtime class is (Kubernetes documentation, pod overhead).
  for (let i = 0; i < side.footprint.length; i += 2) pods.push(side.footprint[i], side.footprint[i + 1] * MIB);
  return packCpuMemory({
    strategy: s.policy.core as KubeCpuMemory['strategy'],
    allocatable,
    pods,
    balancedWeight: s.balancedWeight,
  });
}

/** 3 per item (cpu, memory, disk) → 2 per item (cpu, memory): the widget has no disk. */
function cpuMem(v: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.length; i += 3) out.push(v[i], v[i + 1]);
  return out;
}

function pair(v: number[]): [number, number] {
  return [v[0], v[1]];
}

function computeSide(core: Core, s: Setup, id: SideId, apps: Uint32Array, v: ClusterValues): Side {
  const f = footprintParams(id, v);
  const n = apps.length / 2;
  const request: number[] = [];
  for (let i = 0; i < n; i++) {
    const [c, m] =
      id === 'vm' && v.vmInstanceSizes === 1
        ? instanceSize(apps[2 * i], apps[2 * i + 1])
        : [apps[2 * i], apps[2 * i + 1]];
    request.push(c, m);
  }
  // Footprints and the placement order are the core's, as is every sum below.
  const input = placementInput(s, { request, footprintParams: f });
  const detail = placementDetail(core, input);
  const footprint = cpuMem(detail.footprint);
  const r =
    s.policy.kind === 'bin-packing'
      ? place(core, input)
      : assessPlacement(core, input, kubeSchedulePacked(core, kubeInput(s, { footprint })).assignment);
  const assignment = Array.from(r.assignment, (a) => (a === UNPLACED ? -1 : a));
  // What the apps themselves need; the rest of the core's request sum is instance-size slack.
  const app: [number, number] = [0, 0];
  assignment.forEach((h, i) => {
    if (h >= 0) for (let k = 0; k < 2; k++) app[k] += apps[2 * i + k];
  });
  const requested = pair(r.summary.app);
  return {
    id,
    label: id === 'vm' ? 'VMs' : 'Containers',
    noun: id === 'vm' ? 'VM' : 'container',
    footprintParams: f,
    request,
    footprint,
    assignment,
    order: Array.from(detail.order),
    hostUsed: cpuMem(r.hostUsed),
    placed: r.summary.placed,
    unplaced: r.summary.unplaced,
    hostsUsed: r.summary.hostsUsed,
    app,
    sizing: [requested[0] - app[0], requested[1] - app[1]],
    overhead: pair(r.summary.overhead),
    usableOnUsedHosts: pair(r.summary.usableOnUsedHosts),
    stranded: pair(r.summary.stranded),
  };
}

function setupOf(v: ClusterValues): Setup {
  const policy = policyOption(v.policy);
  const { usable } = hostsInput(v);
  return { usable, hostCount: v.hostCount, policy, balancedWeight: v.balancedWeight };
}

export function computeCluster(core: Core, v: ClusterValues): ClusterResult {
  const s = setupOf(v);
  const apps = workloads(core, v);
  const sides: [Side, Side] = [computeSide(core, s, 'vm', apps, v), computeSide(core, s, 'container', apps, v)];
  const base = {
    policy: s.policy.value,
    policyLabel: s.policy.label,
    kube: s.policy.kind === 'kube',
    hostCount: s.hostCount,
    hostUsable: s.usable,
    apps: Array.from(apps),
    sides,
    balancedWeight: s.balancedWeight,
  };
  return { ...base, lastStep: explainStep(core, base, v.appCount - 1) };
}

function bareSetup(r: Pick<ClusterResult, 'policy' | 'hostUsable' | 'hostCount' | 'balancedWeight'>): Setup {
  return {
    usable: r.hostUsable,
    hostCount: r.hostCount,
    policy: policyOption(r.policy),
    balancedWeight: r.balancedWeight,
  };
}

/** Step `step` (0-based, placement order) of both sides: the core's explanation, in words. */
export function explainStep(core: Core, r: Omit<ClusterResult, 'lastStep'>, step: number): StepView {
  const s = bareSetup(r);
  const sides = r.sides.map((side): StepSide => {
    let st: Omit<StepSide, 'words'>;
    if (!r.kube) {
      const e = explainPlacement(core, placementInput(s, side), step);
      st = {
        side: side.id,
        app: e.workload,
        chosen: e.chosen,
        footprint: [e.footprint[0], e.footprint[1]],
        hosts: e.hosts.map((h, i) => ({
          host: i,
          free: [h.free[0], h.free[1]],
          fits: h.fits,
          fit: null,
          balanced: null,
          total: null,
        })),
      };
      return { ...st, words: binPackingWords(r, side, st, e.cursor) };
    }
    const e = kubeExplainPacked(core, kubeInput(s, side), step);
    st = {
      side: side.id,
      app: step,
      chosen: e.chosen,
      footprint: [side.footprint[2 * step], side.footprint[2 * step + 1]],
      hosts: e.nodes.map((nd, h) => ({
        host: h,
        // Free before the step: allocatable minus the core's requests (memory in bytes).
        free: [r.hostUsable[0] - nd.requested[0], r.hostUsable[1] - nd.requested[1] / MIB],
        fits: nd.feasible,
        fit: nd.scored ? nd.fit : null,
        balanced: nd.scored ? nd.balancedAllocation : null,
        total: nd.scored ? nd.total : null,
      })),
    };
    return { ...st, words: kubeWords(r, side, st, e.kubeVersion) };
  }) as [StepSide, StepSide];
  return { step, sides };
}
