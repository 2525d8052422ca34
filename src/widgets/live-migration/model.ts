// "Live migration" as core calls: the core's migration scenario twice, once
// as VM pre-copy and once as container checkpoint/restore, on the same link
// and dirty rate. A migration is a handful of events, so it runs on the page
// thread (well under a frame).
import type { Core } from '../../sim/core.ts';
import { SimError } from '../../sim/errors.ts';
import { MIGRATION_PHASES, simulateMigration, type ScenarioInput, type ScenarioResult } from '../../sim/scenarios.ts';
import type { DataTable } from '../kit/export.ts';
import { coreInput } from '../kit/core-params.ts';
import { CORE_PARAMS, type MigrationValues, type ParamName } from './params.ts';

export type Phase = (typeof MIGRATION_PHASES)[number];

export interface PhaseRow {
  phase: Phase;
  startS: number;
  durationS: number;
  sentMiB: number;
  dirtyAfterMiB: number;
  /** Whether the workload kept running during the phase (not downtime). */
  running: boolean;
}

export interface Side {
  phases: PhaseRow[];
  totalS: number;
  downtimeMs: number;
  sentMiB: number;
}

export interface MigrationResult {
  vm: Side & { preCopyRounds: number; converged: boolean; dirtyRatio: number };
  container: Side;
  memMiB: number;
  /** The link in MiB/s (the core's unit for bytes over time). */
  bandwidthMiBps: number;
}

/** Core fields → widget parameters, so a core message lands next to its control. */
const FIELDS: Readonly<Record<string, ParamName>> = {
  memMiB: 'memMiB',
  dirtyRateMiBps: 'dirtyRateMiBps',
  wwsMiB: 'wwsPct',
  bandwidthMbps: 'bandwidthMbps',
  maxRounds: 'maxRounds',
  stopDirtyMiB: 'stopDirtyMiB',
  switchoverMs: 'switchoverMs',
  'criu.dumpMs': 'dumpMs',
  'criu.dumpRateMiBps': 'dumpRateMiBps',
  'criu.transferFixedMs': 'transferFixedMs',
  'criu.restoreMs': 'restoreMs',
  'criu.restoreGiBMs': 'restoreGiBMs',
  'criu.switchMs': 'switchMs',
  'criu.resumeGapMs': 'resumeGapMs',
  'criu.preDump': 'preDump',
};

export function vmInput(v: MigrationValues): ScenarioInput {
  // The working set is a share of memory, so it follows the memory size.
  return { preset: 'vm', ...coreInput(CORE_PARAMS, v, 'vm'), wwsMiB: (v.memMiB * v.wwsPct) / 100 };
}

/** The container's run: its own memory and CRIU controls; the link and dirty rate are the VM's (the reader's link, not the container preset's 25 GbE). */
export function containerInput(v: MigrationValues): ScenarioInput {
  return {
    preset: 'container',
    ...coreInput(CORE_PARAMS, v, 'container'),
    wwsMiB: (v.containerMemMiB * v.wwsPct) / 100,
  };
}

/** The container's run takes its memory from its own control. */
const CONTAINER_FIELDS: Readonly<Record<string, ParamName>> = { ...FIELDS, memMiB: 'containerMemMiB' };

function run(core: Core, input: ScenarioInput, fields = FIELDS): ScenarioResult {
  try {
    return simulateMigration(core, input);
  } catch (err) {
    if (err instanceof SimError && fields[err.field]) throw err.withField(fields[err.field]);
    throw err;
  }
}

function side(r: ScenarioResult): Side {
  const c = r.columns;
  const phases = Array.from(c.phase, (code, i) => ({
    phase: MIGRATION_PHASES[code],
    startS: c.startS[i],
    durationS: c.durationS[i],
    sentMiB: c.sentMiB[i],
    dirtyAfterMiB: c.dirtyAfterMiB[i],
    running: c.running[i] === 1,
  }));
  return { phases, totalS: r.summary.totalS, downtimeMs: r.summary.downtimeMs, sentMiB: r.summary.sentMiB };
}

export function computeMigration(core: Core, v: MigrationValues): MigrationResult {
  const vm = run(core, vmInput(v));
  const container = run(core, containerInput(v), CONTAINER_FIELDS);
  return {
    vm: {
      ...side(vm),
      preCopyRounds: vm.summary.preCopyRounds,
      converged: vm.summary.converged === 1,
      dirtyRatio: vm.summary.dirtyRatio,
    },
    container: side(container),
    memMiB: v.memMiB,
    bandwidthMiBps: (v.bandwidthMbps * 1e6) / 8 / 1048576,
  };
}

/** "48 ms", "7.5 s", "2 min 5 s". */
export function durationText(seconds: number): string {
  if (seconds < 1) return `${Number((seconds * 1000).toPrecision(seconds < 0.01 ? 2 : 3))} ms`;
  if (seconds < 120) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

export function sizeText(mib: number): string {
  if (mib >= 1024) return `${Number((mib / 1024).toFixed(mib >= 10240 ? 1 : 2))} GiB`;
  return `${Number(mib.toPrecision(mib >= 100 ? 4 : 3))} MiB`;
}

/** Bar labels of the VM's rounds: "Round 1 (all memory)", …, "Stop-and-copy (paused)". */
export function roundLabel(row: PhaseRow, i: number): string {
  if (row.phase === 'stop-and-copy') return 'Stop-and-copy (paused)';
  return i === 0 ? 'Round 1 (all memory)' : `Round ${i + 1}`;
}

const PHASE_LABELS: Record<Phase, string> = {
  precopy: 'Pre-copy round',
  'stop-and-copy': 'Stop-and-copy',
  'pre-dump': 'Pre-dump (running)',
  dump: 'Dump (frozen)',
  transfer: 'Transfer',
  restore: 'Restore',
  switch: 'Switch-over',
  resume: 'Clients reconnect (unexplained rest)',
};

export function phaseLabel(row: PhaseRow, i: number, vm: boolean): string {
  return vm ? roundLabel(row, i) : PHASE_LABELS[row.phase];
}

/** The result in words, for the live region and the captions. */
export function summary(r: MigrationResult): string {
  const vm = r.vm;
  const rounds = vm.preCopyRounds === 1 ? '1 pre-copy round' : `${vm.preCopyRounds} pre-copy rounds`;
  let first: string;
  if (vm.converged) {
    first = `The VM moved in ${durationText(vm.totalS)} with ${durationText(vm.downtimeMs / 1000)} of downtime after ${rounds} (${sizeText(vm.sentMiB)} sent for ${sizeText(r.memMiB)} of memory).`;
  } else {
    first = `Pre-copy did not converge: the guest dirties memory at ${Math.round(vm.dirtyRatio * 100)} % of the link's speed, so after ${rounds} the VM paused for ${durationText(vm.downtimeMs / 1000)} to send the rest (${durationText(vm.totalS)} in total).`;
  }
  const c = r.container;
  const pre = c.phases.some((p) => p.phase === 'pre-dump');
  const second = pre
    ? `The container's checkpoint and restore with a pre-dump took ${durationText(c.totalS)}, ${durationText(c.downtimeMs / 1000)} of it downtime.`
    : `The container's checkpoint and restore took ${durationText(c.totalS)}, all of it downtime.`;
  return `${first} ${second}`;
}

/** Every phase of both migrations (the CSV/JSON export and the phases table). */
export function runTable(r: MigrationResult): DataTable {
  const rows = [
    ...r.vm.phases.map((p, i) => ({ workload: 'VM', phase: phaseLabel(p, i, true), ...numbers(p) })),
    ...r.container.phases.map((p, i) => ({ workload: 'Container', phase: phaseLabel(p, i, false), ...numbers(p) })),
  ];
  return {
    caption: 'Live migration: every phase of the VM and the container',
    columns: [
      { key: 'workload', label: 'Workload' },
      { key: 'phase', label: 'Phase' },
      { key: 'startS', label: 'Starts at', unit: 's' },
      { key: 'durationS', label: 'Duration', unit: 's' },
      { key: 'sentMiB', label: 'Sent', unit: 'MiB' },
      { key: 'dirtyAfterMiB', label: 'Dirty afterwards', unit: 'MiB' },
      { key: 'running', label: 'Workload running' },
    ],
    rows,
  };
}

function numbers(p: PhaseRow): {
  startS: number;
  durationS: number;
  sentMiB: number;
  dirtyAfterMiB: number;
  running: string;
} {
  return {
    startS: p.startS,
    durationS: p.durationS,
    sentMiB: p.sentMiB,
    dirtyAfterMiB: p.dirtyAfterMiB,
    running: p.running ? 'yes' : 'no (downtime)',
  };
}

/** The VM's rounds as a table (behind the bytes-per-round chart). */
export function roundsTable(r: MigrationResult): DataTable {
  return {
    caption: 'Bytes sent in each pre-copy round of the VM',
    columns: [
      { key: 'round', label: 'Round' },
      { key: 'sentMiB', label: 'Sent', unit: 'MiB' },
      { key: 'durationS', label: 'Duration', unit: 's' },
      { key: 'dirtyAfterMiB', label: 'Dirty afterwards', unit: 'MiB' },
    ],
    rows: r.vm.phases.map((p, i) => ({
      round: roundLabel(p, i),
      sentMiB: round3(p.sentMiB),
      durationS: round3(p.durationS),
      dirtyAfterMiB: round3(p.dirtyAfterMiB),
    })),
  };
}

/** Running and paused time of each (behind the side-by-side chart). */
export function timesTable(r: MigrationResult): DataTable {
  const row = (workload: string, s: Side) => ({
    workload,
    runningS: round3(s.totalS - s.downtimeMs / 1000),
    downtimeS: round3(s.downtimeMs / 1000),
    totalS: round3(s.totalS),
  });
  return {
    caption: 'Migration time of the VM and the container, running and paused',
    columns: [
      { key: 'workload', label: 'Workload' },
      { key: 'runningS', label: 'Copying while running', unit: 's' },
      { key: 'downtimeS', label: 'Paused (downtime)', unit: 's' },
      { key: 'totalS', label: 'Total', unit: 's' },
    ],
    rows: [row('VM (pre-copy)', r.vm), row('Container (CRIU)', r.container)],
  };
}

/** Tables show what a reader can use: a thousandth of a second or MiB. */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
