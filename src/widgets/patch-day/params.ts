// Parameter table and presets of "Patch day". Units, defaults, ranges,
// steps, scales and sources are the core's (wasm-core/src/scenarios/patch_day.rs
// PARAMS and OVERRIDES, via params.generated.ts); this file adds presentation
// only: names, labels, help, groups. One restart time per design, because
// each design restarts an app differently (guest reboot, container start,
// microVM boot): the core's instanceRestartS of each preset.
import { PATCH_DAY_TABLE } from '../../sim/params.generated.ts';
import { paramsFromCore, type Presentation, presetsFromCore } from '../kit/core-params.ts';
import type { Preset } from '../kit/model.ts';
import type { Values } from '../kit/params.ts';

export const WIDGET_ID = 'patch-day';

const RESTART = 'Restart and reboot times';

/** Presentation of the core's patch-day parameters (the figures are the core's: params.generated.ts). */
export const PRESENTATION = {
  apps: {
    core: 'apps',
    label: 'Apps in the fleet',
    group: 'Fleet',
    help: 'How many apps run, one per VM, per container or per microVM.',
  },
  hosts: {
    core: 'hosts',
    label: 'Hosts',
    group: 'Fleet',
    help: 'Physical hosts the apps are spread over evenly; each has a kernel (or hypervisor) to patch.',
  },
  maxUnavailable: {
    core: 'maxUnavailable',
    label: 'Max unavailable',
    group: 'Rolling waves',
    help: 'At most this many apps may be out of service at once; a wave is filled up to it.',
  },
  maxHostsRebooting: {
    core: 'maxHostsRebooting',
    label: 'Hosts rebooting at once',
    group: 'Rolling waves',
    help: 'How many hosts may reboot into a patched kernel at the same time.',
  },
  drainBeforeReboot: {
    core: 'drainBeforeReboot',
    label: 'Drain a host before its reboot',
    group: 'Rolling waves',
    help: 'On: a host’s apps restart elsewhere first, then the empty host reboots. Off: its apps are down for the whole reboot.',
  },
  vmRestartS: {
    core: 'instanceRestartS',
    presets: ['vm'],
    step: 0.1,
    label: 'VM: guest reboot',
    group: RESTART,
    advanced: true,
    help: 'How long one app in a VM is down while its guest reboots into a patched kernel (or it moves to another host).',
  },
  containerRestartS: {
    core: 'instanceRestartS',
    presets: ['container'],
    label: 'Container: restart on the rebuilt image',
    group: RESTART,
    advanced: true,
    help: 'How long one app in a container is down while it is replaced by one started from the rebuilt image (docker run to its first command).',
  },
  microvmRestartS: {
    core: 'instanceRestartS',
    presets: ['microvm'],
    label: 'MicroVM: restart',
    group: RESTART,
    advanced: true,
    help: 'How long one app in a microVM is down while a new one with the patched guest kernel starts. The default is a Kata sandbox measured like the container (docker run to the first command); a bare Firecracker boot without container tooling is under 125 ms.',
  },
  hostRebootS: {
    core: 'hostRebootS',
    label: 'Host reboot',
    group: RESTART,
    advanced: true,
    help: 'How long a host takes to reboot into its patched kernel or hypervisor.',
  },
  strictWaves: {
    core: 'strictWaves',
    label: 'Strict waves',
    group: 'Run',
    advanced: true,
    help: 'On: a wave starts only when every task of the previous wave has finished. Off: a new task starts as soon as there is room.',
  },
  jitter: {
    core: 'jitter',
    label: 'Duration jitter',
    group: 'Run',
    advanced: true,
    help: 'Each restart and reboot takes its time ± this fraction, drawn from the seed.',
  },
  seed: {
    core: 'seed',
    label: 'Seed',
    seed: true,
    group: 'Run',
    advanced: true,
    help: 'The random seed of the jitter: the same seed gives the same run.',
  },
} as const satisfies Record<string, Presentation>;

/**
 * Core parameters the widget sets itself: the design (each run's preset) and
 * the sampling interval (sized to the run, model.ts `sampleIntervalS`).
 */
export const SET_BY_WIDGET = ['mode', 'sampleS'] as const;

/** Patch day's controls: the core's parameters with this presentation. */
export const PARAMS = paramsFromCore(PATCH_DAY_TABLE, PRESENTATION, SET_BY_WIDGET);

export type ParamName = (typeof PARAMS)[number]['name'];
export type PatchDayValues = Values<ParamName>;

/** Labels of the core's lesson presets (patch_day.rs LESSONS: values and sources). */
const PRESET_LABELS = {
  article: '200 apps on 10 hosts',
  quiz: '120 apps on 8 hosts',
  'k8s-25': 'Kubernetes default: 25 % unavailable (200 apps)',
  'one-at-a-time': 'One app at a time',
  'no-drain': 'Reboot hosts without draining',
  jittered: 'Uneven durations, strict waves',
};

export const PRESETS: readonly Preset<ParamName>[] = presetsFromCore(PATCH_DAY_TABLE, PARAMS, PRESET_LABELS);
