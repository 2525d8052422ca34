// The cluster scheduler's tables (export and "Show as table") and the
// per-host view after a step, from the core's result.
import type { DataTable } from '../kit/export.ts';
import type { ClusterResult, Side, SideId, StepSide, StepView } from './result.ts';
import { utilisation } from './words.ts';

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
