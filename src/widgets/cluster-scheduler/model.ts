// The cluster scheduler as core calls: one seeded workload, placed once as
// VMs and once as containers on the same hosts with the same policy. Each
// app's footprint comes from its side's profile (guest OS, VMM, CPU
// efficiency); VMs may also be rounded up to instance sizes. Bin-packing
// policies run in the core's placement engine, Kubernetes strategies in its
// kube-scheduler model; both are explained step by step by the core.
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
import type { DataTable } from '../kit/export.ts';
import { GENERATORS, POLICY_OPTIONS, type ClusterValues } from './params.ts';

export type SideId = 'vm' | 'container';
const MIB = 1024 * 1024;

/** The smallest VM instance size's memory (the DSLab menu's smallest, 512 MB taken as MiB). */
const MIN_INSTANCE_MEM_MIB = 512;

export interface Side {
  id: SideId;
  /** "VMs" / "Containers". */
  label: string;
  /** "VM" / "container". */
  noun: string;
  footprintParams: FootprintParams;
  /** Per app in input order, 2 numbers each [cpuMillis, memMiB]: what is asked of the scheduler (after instance sizing) and the footprint on a host. */
  request: number[];
  footprint: number[];
  /** Host per app (input order), -1 when no host had room. */
  assignment: number[];
  /** App indices in placement order (decreasing policies sort; the others keep input order). */
  order: number[];
  /** Footprint placed per host, 2 per host [cpuMillis, memMiB]. */
  hostUsed: number[];
  placed: number;
  unplaced: number;
  hostsUsed: number;
  /** Sums over placed apps, [cpuMillis, memMiB]: what the apps need, instance-size slack, guest OS / VMM / CPU-efficiency overhead. */
  app: [number, number];
  sizing: [number, number];
  overhead: [number, number];
  usableOnUsedHosts: [number, number];
  /** Free capacity on used hosts that can no longer take even the smallest footprint of this workload (the core's definition). */
  stranded: [number, number];
}

export interface StepHost {
  /** 0-based host index. */
  host: number;
  /** Free before this step. */
  free: [number, number];
  fits: boolean;
  /** Kubernetes: per-plugin scores (null for hosts that failed the filter). */
  fit: number | null;
  balanced: number | null;
  total: number | null;
}

export interface StepSide {
  side: SideId;
  /** 0-based app index placed at this step. */
  app: number;
  /** 0-based host, -1 = none. */
  chosen: number;
  footprint: [number, number];
  hosts: StepHost[];
  words: string;
}

export interface StepView {
  step: number;
  sides: [StepSide, StepSide];
}

export interface ClusterResult {
  policy: number;
  policyLabel: string;
  kube: boolean;
  hostCount: number;
  /** Usable capacity of every host (they are identical), [cpuMillis, memMiB]. */
  hostUsable: [number, number];
  /** App needs, 2 per app [cpuMillis, memMiB], input order. */
  apps: number[];
  sides: [Side, Side];
  balancedWeight: number;
  /** The explanation of the last step, so the server render shows one. */
  lastStep: StepView;
}

function fail(field: string, message: string): never {
  throw SimError.outOfRange(field, message);
}

function policyOption(v: number) {
  const o = POLICY_OPTIONS.find((p) => p.value === v);
  if (!o)
    fail(
      'policy',
      `Placement policy (policy) must be one of ${POLICY_OPTIONS.map((p) => p.value).join(', ')}; got ${v}.`,
    );
  return o;
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

// ---- Words ----

export function gib(mib: number): string {
  const g = mib / 1024;
  return `${g >= 100 ? Math.round(g) : Number(g.toFixed(1))} GiB`;
}

export function cpuText(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000} CPU` : `${millis}m CPU`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function hostList(hosts: number[]): string {
  const names = hosts.map((h) => String(h + 1));
  if (names.length <= 1) return `host ${names.join('')}`;
  if (names.length <= 4) return `hosts ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.length} hosts`;
}

/** The result in words, for the live region and the caption. */
export function summary(r: ClusterResult): string {
  const [vm, ct] = r.sides;
  const n = r.apps.length / 2;
  const first = policyOption(r.policy).spreads
    ? `${r.policyLabel} spreads the apps: containers use ${count(ct.hostsUsed, 'host')} for ${count(ct.placed, 'app')}; VMs use ${count(vm.hostsUsed, 'host')}.`
    : `Containers fit ${count(ct.placed, 'app')} on ${count(ct.hostsUsed, 'host')}; VMs need ${count(vm.hostsUsed, 'host')} (${r.policyLabel}).`;
  const missing = r.sides.filter((s) => s.unplaced > 0).map((s) => `${s.unplaced} of ${n} ${s.label.toLowerCase()}`);
  const none = missing.length ? ` ${missing.join(' and ')} found no room on the ${count(r.hostCount, 'host')}.` : '';
  const overhead =
    vm.placed > 0
      ? ` The VMs spend ${gib(vm.overhead[1])} on guest OSes and VMMs${vm.sizing[1] > 0 ? ` and ${gib(vm.sizing[1])} on rounding up to instance sizes` : ''}, next to ${gib(vm.app[1])} for the apps.`
      : '';
  return first + none + overhead;
}

/** Utilisation of the used hosts' usable capacity by footprints, per dimension, in %. */
export function utilisation(s: Side): [number, number] {
  const u = (k: 0 | 1): number =>
    s.usableOnUsedHosts[k] ? Math.round(((s.app[k] + s.sizing[k] + s.overhead[k]) / s.usableOnUsedHosts[k]) * 100) : 0;
  return [u(0), u(1)];
}

// ---- Steps ----

function bareSetup(r: Pick<ClusterResult, 'policy' | 'hostUsable' | 'hostCount' | 'balancedWeight'>): Setup {
  return {
    usable: r.hostUsable,
    hostCount: r.hostCount,
    policy: policyOption(r.policy),
    balancedWeight: r.balancedWeight,
  };
}

function appText(side: Side, i: number, apps: number[]): string {
  const fp = `${cpuText(side.footprint[2 * i])}, ${side.footprint[2 * i + 1]} MiB`;
  const needs = `${cpuText(apps[2 * i])}, ${apps[2 * i + 1]} MiB`;
  return side.id === 'vm' ? `app ${i + 1} (needs ${needs}; as a VM ${fp})` : `app ${i + 1} (${fp})`;
}

function binPackingWords(
  r: Omit<ClusterResult, 'lastStep'>,
  side: Side,
  st: Omit<StepSide, 'words'>,
  cursor: number,
): string {
  const who = `${side.label}: ${appText(side, st.app, r.apps)}`;
  const fitting = st.hosts.filter((h) => h.fits).map((h) => h.host);
  if (st.chosen < 0) return `${who} found no host with room in both CPU and memory, so it stays unplaced.`;
  const to = `went to host ${st.chosen + 1}`;
  const after = (h: number): number => st.hosts[h].free[1] - st.footprint[1];
  // The option's core name says which rule chose the host (the result keeps the option's value).
  const policy = policyOption(r.policy).core;
  if (policy === 'first-fit' || policy === 'first-fit-decreasing') {
    const skipped = st.hosts.slice(0, st.chosen).map((h) => h.host);
    return `${who} ${to}, the lowest-numbered host with room${skipped.length ? `; ${hostList(skipped)} had too little CPU or memory left` : ''}.`;
  }
  if (policy === 'next-fit') {
    return st.chosen === cursor
      ? `${who} ${to}, the current host, which still had room.`
      : `${who} ${to}: the current host, host ${cursor + 1}, had too little left, and next-fit never goes back to a host it has left.`;
  }
  const others = fitting
    .filter((h) => h !== st.chosen)
    .sort((a, b) => (policy === 'worst-fit' ? after(b) - after(a) : after(a) - after(b)) || a - b);
  const which = policy === 'worst-fit' ? 'the most' : 'the least';
  const next = others.length ? ` (next: host ${others[0] + 1}, ${after(others[0])} MiB)` : '';
  return `${who} ${to}: of ${count(fitting.length, 'host')} with room, it leaves ${which} memory free, ${after(st.chosen)} MiB${next}.`;
}

function kubeWords(
  r: Omit<ClusterResult, 'lastStep'>,
  side: Side,
  st: Omit<StepSide, 'words'>,
  kubeVersion: string,
): string {
  const who = `${side.label}: the pod for ${appText(side, st.app, r.apps)}`;
  const infeasible = st.hosts.filter((h) => !h.fits).length;
  const filtered = infeasible ? ` ${count(infeasible, 'host')} failed the fit filter.` : '';
  if (st.chosen < 0) return `${who} fits on no host, so it stays pending.${filtered}`;
  const c = st.hosts[st.chosen];
  const strategy = policyOption(r.policy).core;
  const w = r.balancedWeight;
  const parts = `${strategy} ${c.fit} + BalancedAllocation ${c.balanced}${w === 1 ? '' : ` × ${w}`}, as kube-scheduler v${kubeVersion} scores`;
  const rivals = st.hosts
    .filter((h) => h.fits && h.host !== st.chosen)
    .sort((a, b) => (b.total ?? 0) - (a.total ?? 0) || a.host - b.host);
  const tie = rivals.length && rivals[0].total === c.total ? ', a tie won by the lower-numbered host' : '';
  const next = rivals.length ? `; the next best, host ${rivals[0].host + 1}, scored ${rivals[0].total}${tie}` : '';
  return `${who} went to host ${st.chosen + 1}, score ${c.total} (${parts})${next}.${filtered}`;
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

// ---- Per-host view ----

export interface HostState {
  host: number;
  apps: number;
  app: [number, number];
  sizing: [number, number];
  overhead: [number, number];
  used: [number, number];
  usable: [number, number];
}

/** Every host of `side` after the first `step + 1` placements (placement order). */
export function hostStates(
  r: Pick<ClusterResult, 'hostCount' | 'hostUsable' | 'apps'>,
  side: Side,
  step: number,
): HostState[] {
  const out: HostState[] = Array.from({ length: r.hostCount }, (_, host) => ({
    host,
    apps: 0,
    app: [0, 0],
    sizing: [0, 0],
    overhead: [0, 0],
    used: [0, 0],
    usable: r.hostUsable,
  }));
  const last = Math.min(step, side.order.length - 1);
  for (let j = 0; j <= last; j++) {
    const i = side.order[j];
    const h = side.assignment[i];
    if (h < 0) continue;
    const o = out[h];
    o.apps++;
    for (let k = 0; k < 2; k++) {
      o.app[k] += r.apps[2 * i + k];
      o.sizing[k] += side.request[2 * i + k] - r.apps[2 * i + k];
      o.overhead[k] += side.footprint[2 * i + k] - side.request[2 * i + k];
      o.used[k] += side.footprint[2 * i + k];
    }
  }
  return out;
}

// ---- Tables ----

/** The run export: one row per side with the shown figures. */
export function runTable(r: ClusterResult): DataTable {
  return {
    caption: `The same ${r.apps.length / 2} apps as VMs and as containers on ${r.hostCount} hosts (${r.policyLabel})`,
    columns: [
      { key: 'profile', label: 'Profile' },
      { key: 'hostsUsed', label: 'Hosts used' },
      { key: 'placed', label: 'Apps placed' },
      { key: 'unplaced', label: 'Apps without room' },
      { key: 'cpuUtilPct', label: 'CPU used on those hosts', unit: '%' },
      { key: 'memUtilPct', label: 'Memory used on those hosts', unit: '%' },
      { key: 'appMemMiB', label: 'Apps’ memory', unit: 'MiB' },
      { key: 'overheadMemMiB', label: 'Guest OS / VMM / shim memory', unit: 'MiB' },
      { key: 'sizingMemMiB', label: 'Instance-size slack, memory', unit: 'MiB' },
      { key: 'strandedCpuMillis', label: 'Stranded CPU', unit: 'millicores' },
      { key: 'strandedMemMiB', label: 'Stranded memory', unit: 'MiB' },
    ],
    rows: r.sides.map((s) => {
      const [cpuU, memU] = utilisation(s);
      return {
        profile: s.label,
        hostsUsed: s.hostsUsed,
        placed: s.placed,
        unplaced: s.unplaced,
        cpuUtilPct: cpuU,
        memUtilPct: memU,
        appMemMiB: s.app[1],
        overheadMemMiB: s.overhead[1],
        sizingMemMiB: s.sizing[1],
        strandedCpuMillis: s.stranded[0],
        strandedMemMiB: s.stranded[1],
      };
    }),
  };
}

/** The per-host view as a table (the chart's "Show as table"). */
export function hostTable(r: ClusterResult, step: number): DataTable {
  const rows: Record<string, string | number>[] = [];
  for (const side of r.sides) {
    for (const h of hostStates(r, side, step)) {
      if (h.apps === 0) continue;
      rows.push({
        host: `${side.label}, host ${h.host + 1}`,
        apps: h.apps,
        cpuUsedMillis: h.used[0],
        cpuUsableMillis: h.usable[0],
        memAppMiB: h.app[1],
        memOverheadMiB: h.overhead[1] + h.sizing[1],
        memUsedMiB: h.used[1],
        memUsableMiB: h.usable[1],
      });
    }
  }
  return {
    caption: `Hosts in use after step ${step + 1} of ${r.apps.length / 2}`,
    columns: [
      { key: 'host', label: 'Host' },
      { key: 'apps', label: 'Apps' },
      { key: 'cpuUsedMillis', label: 'CPU used', unit: 'millicores' },
      { key: 'cpuUsableMillis', label: 'CPU usable', unit: 'millicores' },
      { key: 'memAppMiB', label: 'Memory: apps', unit: 'MiB' },
      { key: 'memOverheadMiB', label: 'Memory: guest OS, VMM, slack', unit: 'MiB' },
      { key: 'memUsedMiB', label: 'Memory used', unit: 'MiB' },
      { key: 'memUsableMiB', label: 'Memory usable', unit: 'MiB' },
    ],
    rows,
  };
}

/** Every host at one step, as seen by the scheduler (free before the step, fit, scores). */
export function stepTable(r: ClusterResult, view: StepView): DataTable {
  const rows: Record<string, string | number>[] = [];
  const [vm, ct] = view.sides;
  for (let h = 0; h < r.hostCount; h++) {
    const cell = (s: StepSide): Record<string, string | number> => {
      const x = s.hosts[h];
      const p = s.side;
      const mark = s.chosen === h ? 'chosen' : x.fits ? 'has room' : 'no room';
      return r.kube
        ? { [`${p}Fit`]: mark, [`${p}Score`]: x.total ?? '–' }
        : { [`${p}Fit`]: mark, [`${p}FreeMemMiB`]: x.free[1], [`${p}FreeCpuMillis`]: x.free[0] };
    };
    rows.push({ host: `Host ${h + 1}`, ...cell(vm), ...cell(ct) });
  }
  const cols = (p: SideId, label: string) =>
    r.kube
      ? [
          { key: `${p}Fit`, label: `${label}: fit` },
          { key: `${p}Score`, label: `${label}: score` },
        ]
      : [
          { key: `${p}Fit`, label: `${label}: fit` },
          { key: `${p}FreeCpuMillis`, label: `${label}: free CPU before`, unit: 'millicores' },
          { key: `${p}FreeMemMiB`, label: `${label}: free memory before`, unit: 'MiB' },
        ];
  return {
    caption: `Every host at step ${view.step + 1}`,
    columns: [{ key: 'host', label: 'Host' }, ...cols('vm', 'VM'), ...cols('container', 'Container')],
    rows,
  };
}
