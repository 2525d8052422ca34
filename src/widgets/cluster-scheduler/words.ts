// The cluster scheduler's result in words: the summary the live region
// speaks, and each step's reason for the host the core chose.
import { policyOption } from './params.ts';
import type { ClusterResult, Side, StepSide } from './result.ts';

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

function appText(side: Side, i: number, apps: number[]): string {
  const fp = `${cpuText(side.footprint[2 * i])}, ${side.footprint[2 * i + 1]} MiB`;
  const needs = `${cpuText(apps[2 * i])}, ${apps[2 * i + 1]} MiB`;
  return side.id === 'vm' ? `app ${i + 1} (needs ${needs}; as a VM ${fp})` : `app ${i + 1} (${fp})`;
}

export function binPackingWords(
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

export function kubeWords(
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
