// "Traffic spike" as core calls: one demand curve and one autoscaler, run
// three times by the core's traffic-spike scenario (presets vm, container,
// microvm), so only how fast new instances become ready differs. Pure: the
// .astro wrapper and the tests use it without Preact or a worker (see run.ts
// for the worker path).
import { SimError } from '../../sim/errors.ts';
import { simulateTrafficSpike, type ScenarioInput, type ScenarioResult } from '../../sim/scenarios.ts';
import type { Core } from '../../sim/core.ts';
import type { DataTable } from '../kit/export.ts';
import { formatNumber } from '../kit/params.ts';
import { controlFor, coreInput } from '../kit/core-params.ts';
import { CORE_PARAMS, pointNames, SHAPE_POINTS, type TrafficSpikeValues } from './params.ts';

export type ProfileId = 'vm' | 'microvm' | 'container';

export interface Profile {
  id: ProfileId;
  label: string;
  /** Plural noun for prose: "VMs dropped …". */
  noun: string;
}

// Display order as in "One host, many apps": heaviest isolation first.
export const PROFILES: readonly Profile[] = [
  { id: 'vm', label: 'VMs', noun: 'VMs' },
  { id: 'microvm', label: 'MicroVMs', noun: 'microVMs' },
  { id: 'container', label: 'Containers', noun: 'containers' },
];

/** The demand points in use (with the points shape), checked: times must not decrease. */
export function demandPoints(v: TrafficSpikeValues): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < v.pointCount; i++) {
    const n = pointNames(i);
    const t = v[n.time];
    if (i > 0 && t < out[i - 1][0]) {
      throw SimError.outOfRange(
        n.time,
        `Point ${i + 1}: time (${n.time}) must not be earlier than point ${i}'s time, ${formatNumber(out[i - 1][0])} s; got ${formatNumber(t)} s.`,
      );
    }
    out.push([t, v[n.rps]]);
  }
  return out;
}

/** The scenario input of one profile: the shared curve and autoscaler, the profile's start-up. */
export function scenarioInput(v: TrafficSpikeValues, id: ProfileId): ScenarioInput {
  // Each control goes to its core parameter in the runs it applies to (params.ts);
  // the others keep the preset's defaults (a VM has no layers and no VMM start).
  const input: ScenarioInput = { preset: id, ...coreInput(CORE_PARAMS, v, id) };
  if (v.demandShape === SHAPE_POINTS) input['demand.points'] = demandPoints(v);
  return input;
}

/** The core's error with its field renamed to the widget's parameter, so the message lands next to it. */
export function renameError(err: unknown, id: ProfileId): unknown {
  if (!(err instanceof SimError)) return err;
  const points = /^demand\.points\[(\d+)\]\.(tS|rps)$/.exec(err.field);
  const field = points
    ? pointNames(Number(points[1]))[points[2] === 'tS' ? 'time' : 'rps']
    : err.field === 'demand.points'
      ? 'pointCount'
      : controlFor(CORE_PARAMS, err.field, id);
  return field ? err.withField(field) : err;
}

export interface ProfileRun {
  id: ProfileId;
  label: string;
  noun: string;
  capacityRps: number[];
  readyInstances: number[];
  /** Instances pulling their image or booting. */
  startingInstances: number[];
  droppedRps: number[];
  latencyMs: number[];
  servedRequests: number;
  droppedRequests: number;
  sloViolationS: number;
  peakInstances: number;
  instanceSeconds: number;
  maxLatencyMs: number;
  /** Seconds from a scale-up decision to a ready instance on a host without the image. */
  instanceStartS: number;
  /** First and last sample time with dropped requests, or null. */
  firstDropS: number | null;
  lastDropS: number | null;
  /** The engine's trace hash (equal runs, equal hashes). */
  traceHash: string;
}

export interface TrafficSpikeResult {
  timeS: number[];
  demandRps: number[];
  sampleS: number;
  sloLatencyMs: number;
  timeoutMs: number;
  profiles: ProfileRun[];
}

/** The series travel in the page's HTML (the build-time result): 0.001 req/s or ms is far below what a chart or table shows. */
function thousandths(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * A column as a plain array (the result is also the build-time prop, written
 * as JSON). A loop rather than Array.from: once hot it costs next to nothing,
 * where Array.from over a result's 17 columns took about 10 ms at a phone's
 * speed, at every result of a dragged slider.
 */
function plain(column: Float64Array, f?: (x: number, k: number) => number): number[] {
  const out = new Array<number>(column.length);
  for (let k = 0; k < column.length; k++) out[k] = f ? f(column[k], k) : column[k];
  return out;
}

/** The widget's result from the three scenario results (in PROFILES order). */
export function assemble(runs: readonly ScenarioResult[]): TrafficSpikeResult {
  const first = runs[0];
  const profiles = PROFILES.map((p, i): ProfileRun => {
    const r = runs[i];
    const c = r.columns;
    const s = r.summary;
    let firstDropS: number | null = null;
    let lastDropS: number | null = null;
    for (let k = 0; k < r.rows; k++) {
      if (c.droppedRps[k] > 0) {
        firstDropS ??= c.timeS[k];
        lastDropS = c.timeS[k];
      }
    }
    return {
      id: p.id,
      label: p.label,
      noun: p.noun,
      capacityRps: plain(c.capacityRps),
      readyInstances: plain(c.ready),
      startingInstances: plain(c.pulling, (x, k) => x + c.booting[k]),
      droppedRps: plain(c.droppedRps, thousandths),
      latencyMs: plain(c.latencyMs, thousandths),
      servedRequests: s.servedRequests,
      droppedRequests: s.droppedRequests,
      sloViolationS: s.sloViolationS,
      peakInstances: s.peakInstances,
      instanceSeconds: s.instanceSeconds,
      maxLatencyMs: s.maxLatencyMs,
      instanceStartS: s.instanceStartS,
      firstDropS,
      lastDropS,
      traceHash: r.traceHash,
    };
  });
  return {
    timeS: plain(first.columns.timeS),
    demandRps: plain(first.columns.demandRps),
    sampleS: first.params.sampleS,
    sloLatencyMs: first.params['slo.latencyMs'],
    timeoutMs: first.params['slo.timeoutMs'],
    profiles,
  };
}

/** All three runs on the page's thread (build time and tests; the island uses run.ts). */
export function computeTrafficSpike(core: Core, v: TrafficSpikeValues): TrafficSpikeResult {
  return assemble(
    PROFILES.map((p) => {
      try {
        return simulateTrafficSpike(core, scenarioInput(v, p.id));
      } catch (err) {
        throw renameError(err, p.id);
      }
    }),
  );
}

/** Share of requests dropped, in percent. */
export function droppedPct(p: ProfileRun): number {
  const total = p.servedRequests + p.droppedRequests;
  return total > 0 ? (p.droppedRequests / total) * 100 : 0;
}

export function pctText(x: number): string {
  if (x === 0) return '0 %';
  if (x < 0.1) return 'under 0.1 %';
  return `${x < 10 ? Number(x.toFixed(1)) : Math.round(x)} %`;
}

export function secondsText(s: number): string {
  if (s < 1) return `${Number((s * 1000).toPrecision(3))} ms`;
  return `${s < 10 ? Number(s.toFixed(1)) : Math.round(s)} s`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The result in words, for the live region, the chart descriptions and the caption. */
export function summary(r: TrafficSpikeResult): string {
  const parts = r.profiles.map((p, i) => {
    const noun = i === 0 ? capital(p.noun) : p.noun;
    if (p.droppedRequests === 0) return `${noun} kept up with the demand`;
    const window =
      p.firstDropS === p.lastDropS
        ? `at ${formatNumber(p.firstDropS ?? 0)} s`
        : `between ${formatNumber(p.firstDropS ?? 0)} s and ${formatNumber(p.lastDropS ?? 0)} s`;
    return `${noun} dropped ${pctText(droppedPct(p))} of requests ${window}`;
  });
  const starts = r.profiles.map((p) => `${secondsText(p.instanceStartS)} as ${p.noun}`);
  const peak = r.profiles.map((p) => `${p.peakInstances}`).join(', ');
  return `${parts.slice(0, -1).join('; ')}; ${parts[parts.length - 1]}. A new instance took ${starts.slice(0, -1).join(', ')} and ${starts[starts.length - 1]} to become ready on a host without the image; peak instances ${peak}.`;
}

/** Every sample of the three runs (the CSV/JSON export). The rows are built
 * on first use: thousands of them, needed only when the reader downloads. */
export function runTable(r: TrafficSpikeResult): DataTable {
  let rows: Record<string, string | number>[] | undefined;
  const build = (): Record<string, string | number>[] => {
    const out: Record<string, string | number>[] = [];
    for (const p of r.profiles) {
      for (let k = 0; k < r.timeS.length; k++) {
        out.push({
          profile: p.label,
          timeS: r.timeS[k],
          demandRps: r.demandRps[k],
          capacityRps: p.capacityRps[k],
          readyInstances: p.readyInstances[k],
          startingInstances: p.startingInstances[k],
          droppedRps: p.droppedRps[k],
          latencyMs: p.latencyMs[k],
        });
      }
    }
    return out;
  };
  return {
    caption: 'Traffic spike: every sample of the three runs',
    columns: [
      { key: 'profile', label: 'Profile' },
      { key: 'timeS', label: 'Time', unit: 's' },
      { key: 'demandRps', label: 'Demand', unit: 'req/s' },
      { key: 'capacityRps', label: 'Capacity', unit: 'req/s' },
      { key: 'readyInstances', label: 'Ready instances' },
      { key: 'startingInstances', label: 'Starting instances' },
      { key: 'droppedRps', label: 'Dropped', unit: 'req/s' },
      { key: 'latencyMs', label: 'Mean latency', unit: 'ms' },
    ],
    get rows() {
      rows ??= build();
      return rows;
    },
  };
}

/** The per-profile totals (the figures above the charts). */
export function totalsTable(r: TrafficSpikeResult): DataTable {
  return {
    caption: 'Traffic spike: totals per profile',
    columns: [
      { key: 'profile', label: 'Profile' },
      { key: 'droppedPct', label: 'Dropped', unit: '%' },
      { key: 'droppedRequests', label: 'Dropped requests' },
      { key: 'servedRequests', label: 'Served requests' },
      { key: 'sloViolationS', label: 'Time over the objective', unit: 's' },
      { key: 'peakInstances', label: 'Peak instances' },
      { key: 'instanceStartS', label: 'Instance start', unit: 's' },
      { key: 'maxLatencyMs', label: 'Worst mean latency', unit: 'ms' },
    ],
    rows: r.profiles.map((p) => ({
      profile: p.label,
      droppedPct: Number(droppedPct(p).toFixed(3)),
      droppedRequests: p.droppedRequests,
      servedRequests: p.servedRequests,
      sloViolationS: p.sloViolationS,
      peakInstances: p.peakInstances,
      instanceStartS: p.instanceStartS,
      maxLatencyMs: p.maxLatencyMs,
    })),
  };
}

/** Most points a chart draws; longer runs are bucketed (see `chartSeries`). */
export const MAX_CHART_POINTS = 300;

export interface ChartData {
  /** Samples per drawn point. */
  stride: number;
  timeS: number[];
  demandRps: number[];
  profiles: { id: ProfileId; label: string; capacityRps: number[]; droppedRps: number[]; latencyMs: number[] }[];
}

function bucket(values: readonly number[], stride: number, pick: (a: number, b: number) => number): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k += stride) {
    let v = values[k];
    for (let j = k + 1; j < Math.min(values.length, k + stride); j++) v = pick(v, values[j]);
    out.push(v);
  }
  return out;
}

/**
 * What the charts draw (and "Show as table" lists). A 1000-px chart cannot
 * show more than a few hundred points, so longer runs are bucketed: each
 * point takes the bucket's highest demand, drops and latency and its lowest
 * capacity, so a short shortfall is never smoothed away.
 */
export function chartSeries(r: TrafficSpikeResult): ChartData {
  const stride = Math.max(1, Math.ceil(r.timeS.length / MAX_CHART_POINTS));
  return {
    stride,
    timeS: bucket(r.timeS, stride, Math.min),
    demandRps: bucket(r.demandRps, stride, Math.max),
    profiles: r.profiles.map((p) => ({
      id: p.id,
      label: p.label,
      capacityRps: bucket(p.capacityRps, stride, Math.min),
      droppedRps: bucket(p.droppedRps, stride, Math.max),
      latencyMs: bucket(p.latencyMs, stride, Math.max),
    })),
  };
}

/**
 * The part of the run worth looking at: from just before demand first rises
 * to a little after the last request is dropped (or, with no drops, a while
 * after the rise), so the reader sees how fast each profile catches up. The
 * charts open on it (on a whole-run axis a spike of a minute is a sliver);
 * undefined when it is most of the run anyway.
 */
export function interestingWindow(d: ChartData): { from: number; to: number } | undefined {
  const n = d.timeS.length;
  if (n < 3) return undefined;
  let rise = -1;
  for (let k = 1; k < n && rise < 0; k++) if (d.demandRps[k] > d.demandRps[k - 1] + 1e-9) rise = k;
  let lastDrop = -1;
  for (let k = 0; k < n; k++) if (d.profiles.some((p) => p.droppedRps[k] > 0)) lastDrop = k;
  if (rise < 0 && lastDrop < 0) return undefined;
  const t0 = d.timeS[Math.max(rise, 0)];
  const t1 = Math.max(t0 + 30, lastDrop >= 0 ? d.timeS[lastDrop] : t0 + 60);
  const start = d.timeS[0];
  const end = d.timeS[n - 1];
  const pad = Math.max(20, (t1 - t0) * 0.5);
  const from = Math.max(start, t0 - pad);
  const to = Math.min(end, t1 + pad);
  return to - from > 0.75 * (end - start) ? undefined : { from, to };
}

/** A chart's data as a table: time, demand, then one column per profile. */
export function chartTable(
  d: ChartData,
  what: 'capacityRps' | 'droppedRps' | 'latencyMs',
  caption: string,
  unit: string,
): DataTable {
  const cols = [{ key: 'timeS', label: 'Time', unit: 's' }];
  if (what === 'capacityRps') cols.push({ key: 'demandRps', label: 'Demand', unit });
  for (const p of d.profiles) cols.push({ key: p.id, label: p.label, unit });
  return {
    caption: d.stride > 1 ? `${caption} (each row covers ${d.stride} samples)` : caption,
    columns: cols,
    rows: d.timeS.map((t, k) => {
      const row: Record<string, number> = { timeS: t };
      if (what === 'capacityRps') row.demandRps = d.demandRps[k];
      for (const p of d.profiles) row[p.id] = Number(p[what][k].toFixed(2));
      return row;
    }),
  };
}
