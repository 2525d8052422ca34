// Parameter table and presets of "Live migration". Units, defaults, ranges,
// steps, scales and sources are the core's (wasm-core/src/scenarios/migration.rs
// PARAMS and OVERRIDES, via params.generated.ts), each citing its published
// source or labelled a modelling choice; this file
// adds presentation only. The VM and the container share the link and the
// dirty rate (the VM preset's defaults), so the comparison is on equal terms.
import { MIGRATION_TABLE } from '../../sim/params.generated.ts';
import { paramsFromCore, type Presentation } from '../kit/core-params.ts';
import type { Preset } from '../kit/model.ts';
import type { Param, Values } from '../kit/params.ts';

export const WIDGET_ID = 'live-migration';

const CHOICE = 'modelling choice';

/** Presentation of the core's migration parameters (the figures are the core's: params.generated.ts). */
export const PRESENTATION = {
  memMiB: {
    core: 'memMiB',
    presets: ['vm'],
    label: 'VM memory',
    group: 'Workload and link',
    help: 'Guest memory; pre-copy round 1 sends all of it while the VM runs.',
  },
  dirtyRateMiBps: {
    core: 'dirtyRateMiBps',
    label: 'Dirty rate',
    group: 'Workload and link',
    help: 'How fast the workload writes memory while it runs (the VM between rounds, the container during a pre-dump).',
  },
  bandwidthMbps: {
    core: 'bandwidthMbps',
    label: 'Link bandwidth',
    group: 'Workload and link',
    help: 'Migration bandwidth between the two hosts, for both the VM and the container.',
  },
  maxRounds: {
    core: 'maxRounds',
    presets: ['vm'],
    label: 'Most pre-copy rounds',
    group: 'VM stop conditions',
    help: 'Pre-copy gives up after this many rounds and pauses the VM to send the rest.',
  },
  stopDirtyMiB: {
    core: 'stopDirtyMiB',
    presets: ['vm'],
    label: 'Stop when dirty memory is at most',
    group: 'VM stop conditions',
    help: 'Pre-copy stops after the first round that leaves this little memory dirty; the rest is the stop-and-copy.',
  },
  switchoverMs: {
    core: 'switchoverMs',
    presets: ['vm'],
    label: 'Switch-over',
    group: 'VM stop conditions',
    advanced: true,
    help: 'Extra pause for CPU and device state and redirecting traffic; 0 leaves it out.',
  },
  containerMemMiB: {
    core: 'memMiB',
    presets: ['container'],
    step: 0.1,
    label: 'Container memory',
    group: 'Container checkpoint and restore (CRIU)',
    help: 'The memory CRIU dumps and restores; a container has no guest OS to copy. Dump time grows with it linearly, restore time less than linearly.',
  },
  preDump: {
    core: 'criu.preDump',
    presets: ['container'],
    toggle: true,
    label: 'Pre-dump while running',
    group: 'Container checkpoint and restore (CRIU)',
    help: 'Dump and send the memory once while the container runs; the final, frozen dump then carries only what was dirtied meanwhile (at most the working set). Restore still rebuilds all of the memory.',
  },
  dumpMs: {
    core: 'criu.dumpMs',
    presets: ['container'],
    label: 'Dump at 6.2 MiB',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'Freezing and dumping the process tree, measured at the reference size; other sizes add or remove memory at the dump rate.',
  },
  dumpRateMiBps: {
    core: 'criu.dumpRateMiBps',
    presets: ['container'],
    label: 'Dump rate',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'How fast memory is written to the checkpoint: dump time grows linearly with memory.',
  },
  transferFixedMs: {
    core: 'criu.transferFixedMs',
    presets: ['container'],
    label: 'Transfer (fixed part)',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'Per-migration transfer cost; the checkpoint’s bytes are added at the link bandwidth.',
  },
  restoreMs: {
    core: 'criu.restoreMs',
    presets: ['container'],
    label: 'Restore at 6.2 MiB',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'Rebuilding the processes on the destination, measured at the reference size.',
  },
  restoreGiBMs: {
    core: 'criu.restoreGiBMs',
    presets: ['container'],
    label: 'Restore time added by 1 GiB',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'Restore grows with the square root of memory (less than linearly): this much for 1 GiB, twice as much for 4 GiB.',
  },
  switchMs: {
    core: 'criu.switchMs',
    presets: ['container'],
    label: 'Network switch-over',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'Pointing traffic at the new host.',
  },
  resumeGapMs: {
    core: 'criu.resumeGapMs',
    presets: ['container'],
    label: 'Unexplained client-visible pause',
    group: 'Container checkpoint and restore (CRIU)',
    advanced: true,
    help: 'Clients in the experiment saw more downtime than the measured phases add up to; 0 leaves it out.',
  },
} as const satisfies Record<string, Presentation>;

/**
 * Core parameters the widget sets itself or leaves at the core's value: the
 * design (each run's preset), the working set (from the widget's share of
 * memory, wwsPct), CRIU's reference size (the calibration point of the
 * measured phase times) and the restore curve's exponent.
 */
export const SET_BY_WIDGET = ['mode', 'wwsMiB', 'criu.refMiB', 'criu.restoreExponent'] as const;

/** The controls that set core parameters. */
export const CORE_PARAMS = paramsFromCore(MIGRATION_TABLE, PRESENTATION, SET_BY_WIDGET);

/** The working set as a share of memory, so it follows the memory size (the core takes MiB). */
const WWS_PCT: Param<'wwsPct'> = {
  name: 'wwsPct',
  label: 'Writable working set',
  unit: '% of memory',
  default: 100,
  min: 0,
  max: 100,
  step: 0.1,
  group: 'VM stop conditions',
  advanced: true,
  help: 'The pages the workload keeps rewriting cap what one round (or pre-dump) can dirty, as a share of its memory; 100 % means only the memory size caps it.',
  source: `${CHOICE} (Clark et al.'s writable working set; its size is workload-specific; 100 % is the core's default of working set = all memory)`,
};

const SWITCHOVER = CORE_PARAMS.findIndex((p) => p.name === 'switchoverMs') + 1;

export const PARAMS: readonly Param<keyof typeof PRESENTATION | 'wwsPct'>[] = [
  ...CORE_PARAMS.slice(0, SWITCHOVER),
  WWS_PCT,
  ...CORE_PARAMS.slice(SWITCHOVER),
];

export type ParamName = (typeof PARAMS)[number]['name'];
export type MigrationValues = Values<ParamName>;

/** The core's default of a control (presets that restore a measured setup). */
function coreDefault(name: keyof typeof PRESENTATION): number {
  return CORE_PARAMS.find((p) => p.name === name)?.default ?? Number.NaN;
}

/** The container preset's default of a core parameter the two runs share (its own testbed). */
function containerDefault(core: string): number {
  const p = MIGRATION_TABLE.params.find((q) => q.name === core) as
    | { default: number; presets?: Record<string, { default: number }> }
    | undefined;
  return p?.presets?.container?.default ?? p?.default ?? Number.NaN;
}

export const PRESETS: readonly Preset<ParamName>[] = [
  {
    id: 'kvm-8g',
    label: 'KVM guest, 8 GiB',
    values: { memMiB: coreDefault('memMiB') },
    source: 'OPNFV KVM for NFV live migration guide: an 8 GiB guest (measured there: 2271 ms total, 26 ms downtime)',
  },
  {
    id: 'busy-guest',
    label: 'Busy guest (dirties 1100 MiB/s)',
    values: { dirtyRateMiBps: 1100 },
    source: 'modelling choice: just under a 10 Gbit/s link (1192 MiB/s), so rounds shrink slowly',
  },
  {
    id: 'podman-criu',
    label: 'Podman + CRIU testbed (25 GbE)',
    values: {
      bandwidthMbps: containerDefault('bandwidthMbps'),
      containerMemMiB: coreDefault('containerMemMiB'),
      dumpMs: coreDefault('dumpMs'),
      transferFixedMs: coreDefault('transferFixedMs'),
      restoreMs: coreDefault('restoreMs'),
      switchMs: coreDefault('switchMs'),
      preDump: 0,
    },
    source:
      'P4ContainerFlow experiment report: 25 GbE direct link, 6–7 MB checkpoint, checkpoint 1550 ms, transfer 430 ms, restore 3270 ms, switch 26–31 ms (secondary-experimental)',
  },
  {
    id: 'lxc-predump',
    label: 'LXC pre-dump (229 MiB)',
    // A 90 MiB working set, refilled during the pre-dump, gives the 90 MiB final dump.
    values: { containerMemMiB: 229, preDump: 1, wwsPct: Math.round((90 / 229) * 1000) / 10 },
    source:
      'LXC commit "lxc-checkpoint: enable dirty memory tracking in criu": first pre-dump 229 MiB, final dump 90 MiB (du -h); the working set is set to 90 MiB so the model reproduces it',
  },
];
