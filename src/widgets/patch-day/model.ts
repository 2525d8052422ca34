// "Patch day" as core runs: the same fleet patched three times, as VMs, as
// containers and as microVMs (the core's patch-day scenario, presets vm,
// container, microvm). The three runs' sampled series are put on one time
// grid of at most MAX_FRAMES points for the chart and the timeline.
import type { Core } from '../../sim/core.ts';
import { simulatePatchDay, type ScenarioInput, type ScenarioResult } from '../../sim/scenarios.ts';
import type { DataTable } from '../kit/export.ts';
import { coreInput } from '../kit/core-params.ts';
import { PARAMS, type PatchDayValues } from './params.ts';

export type DesignId = 'vm' | 'container' | 'microvm';

export interface Design {
  id: DesignId;
  label: string;
  /** Plural noun for prose: "as VMs". */
  noun: string;
  restart: 'vmRestartS' | 'containerRestartS' | 'microvmRestartS';
}

export const DESIGNS: readonly Design[] = [
  { id: 'vm', label: 'VMs', noun: 'VMs', restart: 'vmRestartS' },
  { id: 'container', label: 'Containers', noun: 'containers', restart: 'containerRestartS' },
  { id: 'microvm', label: 'MicroVMs', noun: 'microVMs', restart: 'microvmRestartS' },
];

/** The chart and the timeline show at most this many points (each the worst of its samples). */
export const MAX_FRAMES = 400;

export interface DesignRun {
  id: DesignId;
  label: string;
  totalS: number;
  kernelsToRestart: number;
  imagesToRebuild: number;
  waves: number;
  maxAppsDown: number;
  appDowntimeS: number;
  restarts: number;
  /** Apps one kernel vulnerability exposes to an attacker inside one app. */
  blastRadiusApps: number;
  appsPerHost: number;
  traceHash: string;
}

export interface PatchDayResult {
  apps: number;
  hosts: number;
  maxUnavailable: number;
  /** How often each run recorded its state (s). */
  sampleS: number;
  designs: readonly DesignRun[];
  /** The common time grid (s). */
  timeS: readonly number[];
  /** Per design, apps out of service at each grid point (the worst sample since the previous point). */
  appsDown: Readonly<Record<DesignId, readonly number[]>>;
  /** Per design, kernels patched by each grid point. */
  kernelsPatched: Readonly<Record<DesignId, readonly number[]>>;
}

/** Samples per run the sampling interval aims at: fine enough to catch a
 * one-second restart at the default fleet, far below the core's limit. */
const TARGET_SAMPLES = 4000;

/**
 * How often the runs record their state: a round interval (1, 2 or 5 × 10^k s)
 * giving about TARGET_SAMPLES samples over a rough upper estimate of patch
 * day (every restart twice, in turns of maxUnavailable, then every host in
 * turns). One interval for all three designs keeps their samples aligned.
 */
export function sampleIntervalS(v: PatchDayValues): number {
  const restartS = Math.max(...DESIGNS.map((d) => v[d.restart]));
  const estimateS =
    Math.ceil((2 * v.apps) / v.maxUnavailable) * restartS +
    Math.ceil(v.hosts / v.maxHostsRebooting) * (v.hostRebootS + restartS);
  const raw = Math.max(0.01, (estimateS * (1 + v.jitter)) / TARGET_SAMPLES);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= raw - 1e-12) ?? 10 * mag;
  return Number(nice.toPrecision(6));
}

/** The core's scenario input for one design: each control that applies to it, and the sampling interval. */
export function scenarioInput(v: PatchDayValues, d: Design): ScenarioInput {
  return { preset: d.id, ...coreInput(PARAMS, v, d.id), sampleS: sampleIntervalS(v) };
}

/** The index of the first row after `from` whose time is above `limit` (rows are in time order). */
function rowsUpTo(t: Float64Array, limit: number, from: number): number {
  let lo = from;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] > limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Turns the three runs into the widget's result (plain arrays: it is also the island's build-time prop). */
export function fromRuns(v: PatchDayValues, runs: readonly ScenarioResult[]): PatchDayResult {
  const designs = DESIGNS.map((d, i) => {
    const s = runs[i].summary;
    return {
      id: d.id,
      label: d.label,
      totalS: s.totalS,
      kernelsToRestart: s.kernelsToRestart,
      imagesToRebuild: s.imagesToRebuild,
      waves: s.waves,
      maxAppsDown: s.maxAppsDown,
      appDowntimeS: s.appDowntimeS,
      restarts: s.restarts,
      blastRadiusApps: s.blastRadiusApps,
      appsPerHost: s.appsPerHost,
      traceHash: runs[i].traceHash,
    };
  });
  const endS = Math.max(...designs.map((d) => d.totalS));
  // Grid step: a whole number of samples, so every grid point is a sample time.
  const sampleS = sampleIntervalS(v);
  const samples = Math.ceil(endS / sampleS);
  const stepS = sampleS * Math.max(1, Math.ceil(samples / (MAX_FRAMES - 1)));
  const frames = Math.max(1, Math.ceil(endS / stepS - 1e-9)) + 1;
  // Typed arrays and one tight loop per grid point: the binning runs at every
  // result of a dragged slider, often before the browser has compiled it, and
  // a row-by-row loop with a call per row took up to 60 ms per result on a
  // slow phone.
  const grid = new Float64Array(frames);
  for (let j = 0; j < frames; j++) grid[j] = Number((j * stepS).toPrecision(12));
  const timeS = Array.from(grid);
  const appsDown = {} as Record<DesignId, number[]>;
  const kernelsPatched = {} as Record<DesignId, number[]>;
  DESIGNS.forEach((d, i) => {
    const t = runs[i].columns.timeS;
    const down = runs[i].columns.appsDown;
    const kernels = runs[i].columns.kernelsPatched;
    const outDown = new Float64Array(frames);
    const outKernels = new Float64Array(frames);
    // Rows are in time order; each falls into the first grid point at or
    // after it (the last point takes any rows after it). A point without rows
    // keeps the kernel count of the one before.
    let k = 0;
    for (let j = 0; j < frames; j++) {
      const end = j === frames - 1 ? t.length : rowsUpTo(t, grid[j] + 1e-9, k);
      let worst = 0;
      for (let r = k; r < end; r++) if (down[r] > worst) worst = down[r];
      outDown[j] = worst;
      outKernels[j] = end > k ? kernels[end - 1] : j > 0 ? outKernels[j - 1] : 0;
      k = end;
    }
    // Plain arrays in the result: it is also the island's build-time prop (JSON).
    appsDown[d.id] = Array.from(outDown);
    kernelsPatched[d.id] = Array.from(outKernels);
  });
  return {
    apps: v.apps,
    hosts: v.hosts,
    maxUnavailable: v.maxUnavailable,
    sampleS,
    designs,
    timeS,
    appsDown,
    kernelsPatched,
  };
}

/** The three runs in this thread: for the build-time render and tests. */
export function computePatchDay(core: Core, v: PatchDayValues): PatchDayResult {
  return fromRuns(
    v,
    DESIGNS.map((d) => simulatePatchDay(core, scenarioInput(v, d))),
  );
}

/** "45 s", "12 min", "3 h 20 min". */
export function duration(s: number): string {
  if (s < 10) return `${Number(s.toPrecision(2))} s`;
  if (s < 120) return `${Math.round(s)} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

function apps(n: number): string {
  return n === 1 ? '1 app' : `${n} apps`;
}

function kernels(n: number): string {
  return n === 1 ? '1 running kernel' : `${n} running kernels`;
}

function images(n: number): string {
  return n === 1 ? '1 image' : `${n} images`;
}

/** The result in words, for the live region and the chart's description. */
export function summary(r: PatchDayResult): string {
  const by = Object.fromEntries(r.designs.map((d) => [d.id, d])) as Record<DesignId, DesignRun>;
  const fleet = `Patching ${apps(r.apps)} on ${r.hosts === 1 ? '1 host' : `${r.hosts} hosts`}`;
  const each = DESIGNS.map(
    (d) =>
      `as ${d.noun} ${kernels(by[d.id].kernelsToRestart)} to restart and ${images(by[d.id].imagesToRebuild)} to rebuild, in ${duration(by[d.id].totalS)}`,
  );
  const ct = by.container.blastRadiusApps;
  return (
    `${fleet}: ${each[0]}, ${each[1]}, ${each[2]}. ` +
    `One kernel vulnerability exposes ${apps(by.vm.blastRadiusApps)} in a VM or microVM design (each has its own guest kernel), ` +
    `but ${ct === 1 ? 'the 1 app' : `all ${ct} apps`} on a host in the container design (one shared kernel).`
  );
}

/** One row per design: the run export and the comparison table. */
export function runTable(r: PatchDayResult): DataTable {
  return {
    caption: `Patch day for ${apps(r.apps)} on ${r.hosts} hosts, at most ${r.maxUnavailable} unavailable`,
    columns: [
      { key: 'design', label: 'Design' },
      { key: 'kernelsToRestart', label: 'Running kernels to restart' },
      { key: 'imagesToRebuild', label: 'Guest or base images to rebuild' },
      { key: 'waves', label: 'Waves, guests and hosts' },
      { key: 'totalS', label: 'Total', unit: 's' },
      { key: 'maxAppsDown', label: 'Most down', unit: 'apps' },
      { key: 'appDowntimeS', label: 'Downtime', unit: 'app·s' },
      { key: 'blastRadiusApps', label: 'Kernel bug exposes', unit: 'apps' },
    ],
    rows: r.designs.map((d) => ({
      design: d.label,
      kernelsToRestart: d.kernelsToRestart,
      imagesToRebuild: d.imagesToRebuild,
      waves: d.waves,
      totalS: round(d.totalS),
      maxAppsDown: d.maxAppsDown,
      appDowntimeS: round(d.appDowntimeS),
      blastRadiusApps: d.blastRadiusApps,
    })),
  };
}

function round(x: number): number {
  return Number(x.toFixed(3));
}

/** The chart's data: apps down over time per design. */
export function seriesTable(r: PatchDayResult): DataTable {
  return {
    caption: `Apps out of service over time (the worst sample in each interval)`,
    columns: [
      { key: 'timeS', label: 'Time', unit: 's' },
      ...DESIGNS.map((d) => ({ key: `${d.id}AppsDown`, label: `${d.label}: apps down` })),
    ],
    rows: r.timeS.map((t, j) => ({
      timeS: t,
      ...Object.fromEntries(DESIGNS.map((d) => [`${d.id}AppsDown`, r.appsDown[d.id][j]])),
    })),
  };
}
