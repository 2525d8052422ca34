// Parameter table and presets of "Traffic spike". The same demand curve and
// autoscaler drive three runs of the core's traffic-spike scenario, one per
// isolation profile; only the start-up parameters differ between them.
// Units, defaults, ranges, steps and sources are the core's
// (wasm-core/src/scenarios/traffic_spike.rs, via params.generated.ts); this
// file adds presentation only: names, labels, help, groups. The demand-points
// editor's rows are the widget's own (the core takes the points as a list).
import { TRAFFIC_SPIKE_TABLE } from '../../sim/params.generated.ts';
import { paramsFromCore, type Presentation, presetsFromCore } from '../kit/core-params.ts';
import type { Preset } from '../kit/model.ts';
import type { Param, Values } from '../kit/params.ts';

export const WIDGET_ID = 'traffic-spike';

/** Most demand points the editor holds (a small table stays readable at 320 px). */
export const MAX_POINTS = 8;
export const MIN_POINTS = 2;

const CHOICE = 'modelling choice';
const START_UP = 'Start-up per profile';

/** Demand shapes, in the core's order (`demand.shape`). */
export const SHAPES = [
  { value: 0, label: 'Step' },
  { value: 1, label: 'Ramp' },
  { value: 2, label: 'Daily cycle (diurnal)' },
  { value: 3, label: 'Your points (table below)' },
] as const;
export const SHAPE_POINTS = 3;

/** The editable curve's default: a spike that builds, holds and fades (a modelling choice). */
const DEFAULT_POINTS: readonly (readonly [number, number])[] = [
  [0, 100],
  [60, 100],
  [90, 1000],
  [300, 1000],
  [420, 300],
  [900, 100],
  [900, 100],
  [900, 100],
];

type PointName = `point${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}${'TimeS' | 'Rps'}`;

function pointParams(): Param<PointName>[] {
  return DEFAULT_POINTS.flatMap(([t, rps], i) => [
    {
      name: `point${i + 1}TimeS` as PointName,
      label: `Point ${i + 1}: time`,
      unit: 's',
      default: t,
      min: 0,
      max: 86400,
      step: 1,
      group: 'Demand points',
      hidden: true,
      help: `When point ${i + 1} of your demand curve applies; times must not decrease from one point to the next.`,
      source: `${CHOICE}: an example spike (points 1–6 used by default)`,
    },
    {
      name: `point${i + 1}Rps` as PointName,
      label: `Point ${i + 1}: demand`,
      unit: 'req/s',
      default: rps,
      min: 0,
      max: 1e6,
      step: 1,
      group: 'Demand points',
      hidden: true,
      help: `Requests per second at point ${i + 1}; demand is interpolated linearly between points and constant outside them.`,
      source: `${CHOICE}: an example spike`,
    },
  ]);
}

/** Presentation of the core's traffic-spike parameters (the figures are the core's: params.generated.ts). */
export const PRESENTATION = {
  demandShape: {
    core: 'demand.shape',
    label: 'Demand shape',
    optionLabels: SHAPES.map((s) => s.label),
    group: 'Demand',
    help: 'Step: base, then peak for the hold time. Ramp: climbs to the peak and back. Daily cycle: a cosine wave. Your points: the table of points.',
  },
  baseRps: {
    core: 'demand.baseRps',
    label: 'Base demand',
    group: 'Demand',
    help: 'Requests per second before and after the spike.',
  },
  peakRps: {
    core: 'demand.peakRps',
    label: 'Peak demand',
    group: 'Demand',
    help: 'Requests per second at the top of the spike.',
  },
  startS: {
    core: 'demand.startS',
    label: 'Spike starts at',
    group: 'Demand',
    help: 'When demand starts to rise (step and ramp).',
  },
  rampS: {
    core: 'demand.rampS',
    label: 'Ramp time',
    group: 'Demand',
    help: 'How long the ramp takes to climb to the peak (and to fall back).',
  },
  holdS: {
    core: 'demand.holdS',
    label: 'Peak lasts',
    group: 'Demand',
    help: 'How long demand stays at the peak (step and ramp).',
  },
  periodS: {
    core: 'demand.periodS',
    label: 'Cycle length',
    group: 'Demand',
    advanced: true,
    help: 'Length of one daily cycle (diurnal shape), shortened so a run shows whole cycles.',
  },
  noisePct: {
    core: 'demand.noise',
    label: 'Demand noise',
    percent: true,
    group: 'Demand',
    advanced: true,
    help: 'Random variation around the curve, drawn from the seed; 0 for a smooth curve.',
  },
  seed: {
    core: 'seed',
    label: 'Random seed',
    seed: true,
    group: 'Demand',
    advanced: true,
    help: 'Picks the noise; the same seed and settings give the same run.',
  },
  durationS: {
    core: 'durationS',
    label: 'Run length',
    group: 'Demand',
    advanced: true,
    help: 'Simulated time of the run.',
  },
  sampleS: {
    core: 'sampleS',
    label: 'Sample every',
    group: 'Demand',
    advanced: true,
    help: 'How often demand, capacity, drops and latency are measured (also the autoscaler’s metrics lag).',
  },
  capacityRpsPerInstance: {
    core: 'capacityRpsPerInstance',
    label: 'Capacity per instance',
    group: 'Autoscaler',
    help: 'Requests per second one ready instance serves (the same app in every profile).',
  },
  targetUtilisationPct: {
    core: 'autoscaler.targetUtilisation',
    label: 'Target utilisation',
    percent: true,
    group: 'Autoscaler',
    help: 'The autoscaler asks for ceil(demand ÷ (capacity per instance × target)) instances; lower keeps more headroom.',
  },
  scaleUpDelayS: {
    core: 'autoscaler.scaleUpDelayS',
    label: 'Scale-up delay',
    group: 'Autoscaler',
    help: 'How long the wish for more instances must persist before the autoscaler acts.',
  },
  scaleDownDelayS: {
    core: 'autoscaler.scaleDownDelayS',
    label: 'Scale-down delay',
    group: 'Autoscaler',
    help: 'How long the wish for fewer instances must persist (a stabilisation window, as in Kubernetes’ HPA).',
  },
  cooldownS: {
    core: 'autoscaler.cooldownS',
    label: 'Cooldown',
    group: 'Autoscaler',
    help: 'Least time between two scaling actions.',
  },
  minInstances: {
    core: 'autoscaler.minInstances',
    label: 'Minimum instances',
    group: 'Autoscaler',
    help: 'The autoscaler never goes below this.',
  },
  maxInstances: {
    core: 'autoscaler.maxInstances',
    label: 'Maximum instances',
    group: 'Autoscaler',
    help: 'The autoscaler never goes above this.',
  },
  evalIntervalS: {
    core: 'autoscaler.evalIntervalS',
    label: 'Evaluate every',
    group: 'Autoscaler',
    advanced: true,
    help: 'How often the autoscaler looks at demand.',
  },
  drainS: {
    core: 'instance.drainS',
    label: 'Drain time',
    group: 'Autoscaler',
    advanced: true,
    help: 'How long a removed instance finishes its requests before it stops.',
  },
  hosts: {
    core: 'hosts',
    label: 'Hosts',
    group: 'Autoscaler',
    advanced: true,
    help: 'New instances go to the hosts in turn; a host pulls an image once and later instances on it reuse it.',
  },
  sloLatencyMs: {
    core: 'slo.latencyMs',
    label: 'Latency objective',
    group: 'Autoscaler',
    advanced: true,
    help: 'A sample misses the objective if mean latency is above this or any request is dropped.',
  },
  timeoutMs: {
    core: 'slo.timeoutMs',
    label: 'Client timeout',
    group: 'Autoscaler',
    advanced: true,
    help: 'Latency shown while requests are being dropped; no queue waits longer.',
  },
  vmImageMiB: {
    core: 'profile.baseImageMiB',
    presets: ['vm'],
    label: 'VM: disk image',
    group: START_UP,
    advanced: true,
    help: 'What a host without the VM image downloads first (no layers: the app is inside the disk image).',
    // Named in MB (and MB/s) until the units became binary, with the same numbers.
    formerly: ['vmImageMB'],
  },
  vmBootS: {
    core: 'profile.bootS',
    presets: ['vm'],
    step: 0.1,
    label: 'VM: boot',
    group: START_UP,
    advanced: true,
    help: 'From starting the VM to the app being ready.',
  },
  containerImageMiB: {
    core: 'profile.baseImageMiB',
    presets: ['container'],
    label: 'Container: base image',
    group: START_UP,
    advanced: true,
    help: 'The shared base layers of the container image (already on every host with the layer cache on).',
    formerly: ['containerImageMB'],
  },
  containerStartS: {
    core: 'profile.bootS',
    presets: ['container'],
    // Milliseconds: the default, 607 ms, must lie on the slider's grid.
    step: 0.001,
    label: 'Container: start',
    group: START_UP,
    advanced: true,
    help: 'From the start command to the app running: docker run with runc by default, client and daemon included.',
  },
  microvmRootfsMiB: {
    core: 'profile.baseImageMiB',
    presets: ['microvm'],
    label: 'MicroVM: base root filesystem',
    group: START_UP,
    advanced: true,
    help: 'The shared base of the microVM’s root filesystem (already on every host with the layer cache on).',
    formerly: ['microvmRootfsMB'],
  },
  microvmVmmStartS: {
    core: 'profile.vmmStartS',
    presets: ['microvm'],
    label: 'MicroVM: VMM start',
    group: START_UP,
    advanced: true,
    help: 'The VMM process’s own start before the boot, as with Firecracker alone. 0 by default: the start below, docker run with Kata, already includes it.',
  },
  microvmBootS: {
    core: 'profile.bootS',
    presets: ['microvm'],
    label: 'MicroVM: boot',
    group: START_UP,
    advanced: true,
    help: 'From the start command to the app running: docker run with Kata Containers by default, measured like the container’s start. The Firecracker alone preset uses Firecracker’s own figures: boot to the guest’s init, no container tooling.',
  },
  appLayerMiB: {
    core: 'profile.appLayerMiB',
    presets: ['container', 'microvm'],
    label: 'Container and microVM: app layer',
    group: START_UP,
    advanced: true,
    help: 'The app’s own layer, which a host downloads even with the base cached.',
    formerly: ['appLayerMB'],
  },
  layerCache: {
    core: 'profile.baseCached',
    presets: ['container', 'microvm'],
    label: 'Base layers cached on every host',
    group: START_UP,
    advanced: true,
    help: 'Containers and microVMs share base layers, so hosts usually have them; VM disk images share none.',
  },
  pullMiBps: {
    core: 'profile.pullMiBps',
    label: 'Image download speed',
    group: START_UP,
    advanced: true,
    help: 'Download speed of images and layers to a host.',
    formerly: ['pullMBps'],
  },
} as const satisfies Record<string, Presentation>;

/** The traffic spike's controls: the core's parameters with this presentation. */
export const CORE_PARAMS = paramsFromCore(TRAFFIC_SPIKE_TABLE, PRESENTATION);

type CoreName = keyof typeof PRESENTATION;

export const PARAMS: readonly Param<CoreName | PointName | 'pointCount'>[] = [
  ...CORE_PARAMS,
  {
    name: 'pointCount',
    label: 'Number of demand points',
    unit: 'points',
    default: 6,
    min: MIN_POINTS,
    max: MAX_POINTS,
    step: 1,
    kind: 'integer',
    group: 'Demand points',
    hidden: true,
    help: 'How many rows of the points table are used (with the “Your points” shape).',
    source: `${CHOICE}: an example spike`,
  },
  ...pointParams(),
];

export type ParamName = (typeof PARAMS)[number]['name'];
export type TrafficSpikeValues = Values<ParamName>;

export function pointNames(i: number): { time: ParamName; rps: ParamName } {
  return { time: `point${i + 1}TimeS` as ParamName, rps: `point${i + 1}Rps` as ParamName };
}

/** Labels of the core's lesson presets (traffic_spike.rs LESSONS: values and sources). */
const PRESET_LABELS = {
  step: 'Step: 10× in an instant',
  ramp: 'Ramp over 2 minutes',
  diurnal: 'Daily cycle, compressed',
  points: 'Your points',
  'cloud-vm': 'Ubuntu cloud VM',
  firecracker: 'Firecracker alone (no container tooling)',
  'cold-debian': 'Cold hosts, debian-sized image',
  'fast-loop': 'Fast control loop',
  'kata-like-microvm': 'Kata pod start for microVMs',
};

export const PRESETS: readonly Preset<ParamName>[] = presetsFromCore(TRAFFIC_SPIKE_TABLE, CORE_PARAMS, PRESET_LABELS);
