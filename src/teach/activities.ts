// Predict-observe-explain activities: a question, a way to answer, the widget
// state that shows the answer, and an explanation. Every number an activity
// states comes from the widget's own computation for that state (see
// evaluate.ts): the question and explanation are functions of the settings
// and of the widget's result, never typed-in figures, so they follow the core
// when its model or the widgets' defaults change. Numbers in questions are the
// settings the reader is asked to imagine (inputs, not results).
import type { Values } from '../widgets/kit/params.ts';
import type { ClusterResult } from '../widgets/cluster-scheduler/result.ts';
import { gib as clusterGib } from '../widgets/cluster-scheduler/words.ts';
import type { ParamName as ClusterParam } from '../widgets/cluster-scheduler/params.ts';
import { durationText, type MigrationResult, sizeText } from '../widgets/live-migration/model.ts';
import type { ParamName as MigrationParam } from '../widgets/live-migration/params.ts';
import { gib, type OneHostResult, type ProfileFit } from '../widgets/one-host/model.ts';
import type { ParamName as OneHostParam } from '../widgets/one-host/params.ts';
import { duration, type DesignId, type DesignRun, type PatchDayResult } from '../widgets/patch-day/model.ts';
import type { ParamName as PatchDayParam } from '../widgets/patch-day/params.ts';
import { size, type Stack, type StackResult } from '../widgets/stack-explorer/model.ts';
import { PRESETS as STACK_PRESETS, type ParamName as StackParam } from '../widgets/stack-explorer/params.ts';
import {
  droppedPct,
  pctText,
  type ProfileId,
  type ProfileRun,
  secondsText,
  type TrafficSpikeResult,
} from '../widgets/traffic-spike/model.ts';
import type { ParamName as TrafficParam } from '../widgets/traffic-spike/params.ts';
import type { CourseSlug } from './course.ts';

/** Misconceptions the teacher's page lists, each answered by one or more activities. */
export const MISCONCEPTIONS = {
  'lightweight-vms': 'Containers are lightweight VMs.',
  'no-overhead': 'Containers have no overhead at all.',
  'vms-slower': 'VMs are always slower.',
  'image-kernel': 'A container image includes an OS kernel.',
  'microvms-containers': 'MicroVMs are containers.',
} as const;
export type MisconceptionId = keyof typeof MISCONCEPTIONS;

export interface ChoiceAnswer<R> {
  kind: 'choice';
  choices: readonly string[];
  /** Index of the right choice for the widget's result (and the baseline's, if any). */
  correct: (r: R, base: R | undefined) => number;
}

export interface NumberAnswer<R> {
  kind: 'number';
  /** Unit of the number the reader types, e.g. "apps". */
  unit: string;
  value: (r: R, base: R | undefined) => number;
}

export interface Activity<N extends string = string, R = unknown> {
  /** Unique, kebab-case: the element id is `predict-<id>`. */
  id: string;
  /** Registry id of the widget that shows the answer. */
  widget: string;
  /** The article the activity appears in; without one it is a teacher's exercise only. */
  article?: CourseSlug;
  /** The state the link sets, on top of the widget's defaults. */
  values: Partial<Values<N>>;
  /** A state to compare with (the defaults when `{}`), computed as well. */
  baseline?: Partial<Values<N>>;
  question: (v: Values<N>, base: Values<N> | undefined) => string;
  answer: ChoiceAnswer<R> | NumberAnswer<R>;
  /** Why, with the numbers the widget shows. */
  explain: (r: R, v: Values<N>, base: R | undefined) => string;
  addresses?: readonly MisconceptionId[];
}

function define<N extends string, R>(widget: string, list: Omit<Activity<N, R>, 'widget'>[]): Activity[] {
  return list.map((a) => ({ ...a, widget }) as unknown as Activity);
}

const need = <T>(x: T | undefined, what: string): T => {
  if (x === undefined) throw new Error(`activity needs ${what}`);
  return x;
};

const fit = (r: OneHostResult, id: ProfileFit['id']): ProfileFit =>
  need(
    r.profiles.find((p) => p.id === id),
    id,
  );
const stack = (r: StackResult, id: Stack['id']): Stack =>
  need(
    r.stacks.find((s) => s.id === id),
    id,
  );
const design = (r: PatchDayResult, id: DesignId): DesignRun =>
  need(
    r.designs.find((d) => d.id === id),
    id,
  );
const profile = (r: TrafficSpikeResult, id: ProfileId): ProfileRun =>
  need(
    r.profiles.find((p) => p.id === id),
    id,
  );
const apps = (n: number): string => (n === 1 ? '1 app' : `${n} apps`);
const hosts = (n: number): string => (n === 1 ? '1 host' : `${n} hosts`);
const share = (part: number, whole: number): number => Math.round((part / whole) * 100);
/** 0: fewer, 1: the same, 2: more. */
const direction = (now: number, before: number): number => (now < before ? 0 : now === before ? 1 : 2);

const oneHost = define<OneHostParam, OneHostResult>('one-host', [
  {
    id: 'why-consolidate',
    article: 'why-virtualize',
    values: {},
    question: (v) =>
      `A server with ${v.hostMemGiB} GiB of memory keeps ${v.hostReserveMiB} MiB for itself. Every app needs ${v.appMemMiB} MiB, and each app gets its own virtual machine, which also needs memory for its guest OS (${v.vmGuestOsMemMiB} MiB) and its hypervisor process (${v.vmVmmMemMiB} MiB). How many apps fit as VMs?`,
    answer: { kind: 'number', unit: 'apps', value: (r) => fit(r, 'vm').apps },
    explain: (r) =>
      `${apps(fit(r, 'vm').apps)} fit as VMs: one server now does the work of many, which is what consolidation bought. But the VMs spend ${gib(fit(r, 'vm').overheadMemMiB)} on guest OSes and VMMs, and the same server holds ${apps(fit(r, 'container').apps)} when the apps share one kernel as containers. That gap is the bill the rest of the course examines.`,
  },
  {
    id: 'vmh-heavy-guest',
    article: 'virtual-machines-and-hypervisors',
    values: { vmGuestOsMemMiB: 1024 },
    baseline: {},
    question: (v, b) =>
      `Each VM's guest OS grows from ${need(b, 'baseline').vmGuestOsMemMiB} MiB to ${v.vmGuestOsMemMiB} MiB, still inside the published range for a Linux distribution. The apps stay at ${v.appMemMiB} MiB each on a ${v.hostMemGiB} GiB host. How many apps fit as VMs now?`,
    answer: { kind: 'number', unit: 'apps', value: (r) => fit(r, 'vm').apps },
    explain: (r, _v, b) =>
      `Only ${apps(fit(r, 'vm').apps)}, down from ${fit(need(b, 'baseline'), 'vm').apps}. The guest OS is paid once per VM, whatever the app does, so its size divides the host directly: the VMs now spend ${gib(fit(r, 'vm').overheadMemMiB)} on guest OSes and VMMs. The containers, which bring no guest OS, still fit ${fit(r, 'container').apps}.`,
  },
  {
    id: 'vmh-vmm',
    article: 'virtual-machines-and-hypervisors',
    values: { vmVmmMemMiB: 0 },
    baseline: {},
    question: (_v, b) =>
      `Besides the guest OS, each VM costs the host a hypervisor process (its VMM, here ${need(b, 'baseline').vmVmmMemMiB} MiB). Suppose the VMM cost nothing at all. Would VMs then fit as many apps as containers do?`,
    answer: {
      kind: 'choice',
      choices: ['Yes, as many', 'More VMs than before, but still fewer than containers', 'No change'],
      correct: (r, b) => {
        const vm = fit(r, 'vm').apps;
        if (vm >= fit(r, 'container').apps) return 0;
        return vm > fit(need(b, 'baseline'), 'vm').apps ? 1 : 2;
      },
    },
    explain: (r, _v, b) =>
      `With no VMM, ${apps(fit(r, 'vm').apps)} fit as VMs (${fit(need(b, 'baseline'), 'vm').apps} with it), against ${fit(r, 'container').apps} as containers. The guest OS alone still costs ${gib(fit(r, 'vm').overheadMemMiB)} of the host: each VM runs a whole operating system, and that, not the hypervisor process, is most of the gap.`,
  },
  {
    id: 'scale-small-apps',
    article: 'vms-at-scale',
    values: { appMemMiB: 128 },
    question: (v) =>
      `Shrink every app to ${v.appMemMiB} MiB on the same ${v.hostMemGiB} GiB host. What share of the host do the VMs now spend on guest OSes and VMMs?`,
    answer: {
      kind: 'choice',
      choices: ['Less than a quarter', 'A quarter to a half', 'More than half'],
      correct: (r) => {
        const s = share(fit(r, 'vm').overheadMemMiB, r.hostMemMiB);
        return s < 25 ? 0 : s <= 50 ? 1 : 2;
      },
    },
    explain: (r) =>
      `${share(fit(r, 'vm').overheadMemMiB, r.hostMemMiB)} % of the host (${gib(fit(r, 'vm').overheadMemMiB)}) goes to guest OSes and VMMs, while ${apps(fit(r, 'vm').apps)} fit as VMs and ${fit(r, 'container').apps} as containers. The guest OS costs the same per VM however small the app is, so the smaller the apps, the larger the share of the host that runs copies of an operating system.`,
  },
  {
    id: 'scale-big-apps',
    article: 'vms-at-scale',
    values: { appMemMiB: 2048 },
    baseline: {},
    question: (v, b) =>
      `Now make every app large: ${v.appMemMiB} MiB instead of ${need(b, 'baseline').appMemMiB} MiB. Do containers keep their large lead over VMs in apps per host?`,
    answer: {
      kind: 'choice',
      choices: ['The lead grows', 'The lead stays about the same', 'The lead shrinks'],
      correct: (r, b) => {
        const ratio = (x: OneHostResult) => fit(x, 'container').apps / Math.max(1, fit(x, 'vm').apps);
        const now = ratio(r);
        const before = ratio(need(b, 'baseline'));
        return now > before * 1.1 ? 0 : now < before / 1.1 ? 2 : 1;
      },
    },
    explain: (r, _v, b) => {
      const base = need(b, 'baseline');
      return `With large apps, ${apps(fit(r, 'container').apps)} fit as containers and ${fit(r, 'vm').apps} as VMs (with the smaller apps: ${fit(base, 'container').apps} and ${fit(base, 'vm').apps}). The guest OS and VMM are a fixed cost per instance: next to a large app they are a small share, so the VMs spend only ${gib(fit(r, 'vm').overheadMemMiB)} on them here.`;
    },
  },
  {
    id: 'scale-microvm',
    article: 'vms-at-scale',
    values: {},
    question: () =>
      'A microVM keeps a guest kernel of its own but strips it down and uses a tiny VMM. On the same host, does the number of microVMs that fit come closer to the VMs or to the containers?',
    answer: {
      kind: 'choice',
      choices: ['Closer to the VMs', 'About halfway', 'Closer to the containers'],
      correct: (r) => {
        const vm = fit(r, 'vm').apps;
        const ct = fit(r, 'container').apps;
        const m = (fit(r, 'microvm').apps - vm) / Math.max(1, ct - vm);
        return m < 1 / 3 ? 0 : m <= 2 / 3 ? 1 : 2;
      },
    },
    explain: (r) =>
      `${apps(fit(r, 'microvm').apps)} fit as microVMs, against ${fit(r, 'vm').apps} as VMs and ${fit(r, 'container').apps} as containers. The memory a VM spends per instance is mostly its general-purpose guest OS; a minimal guest kernel and a small VMM cost a fraction of that, while each microVM still has its own kernel.`,
    addresses: ['microvms-containers'],
  },
  {
    id: 'iso-kata',
    article: 'isolation-and-security',
    values: { microvmGuestOsMemMiB: 120, microvmVmmMemMiB: 0 },
    question: (v) =>
      `A Kata Containers pod runs its containers inside a lightweight VM of its own. Model it as a microVM whose guest side costs ${v.microvmGuestOsMemMiB} MiB, the pod overhead that the Kubernetes documentation's example declares for Kata on Firecracker. How many ${v.appMemMiB} MiB apps fit this way on a ${v.hostMemGiB} GiB host?`,
    answer: { kind: 'number', unit: 'apps', value: (r) => fit(r, 'microvm').apps },
    explain: (r) =>
      `${apps(fit(r, 'microvm').apps)} fit, against ${fit(r, 'container').apps} as plain containers and ${fit(r, 'vm').apps} as full VMs. The pod still looks like a container to Kubernetes, but each one boots a guest kernel of its own: the stronger boundary costs memory per pod. A microVM is a VM, not a container.`,
    addresses: ['microvms-containers', 'lightweight-vms'],
  },
]);

const stacks = define<StackParam, StackResult>('stack-explorer', [
  {
    id: 'why-kernels',
    article: 'why-virtualize',
    values: { apps: 20 },
    question: (v) =>
      `${v.apps} apps run on one host, each in its own VM. Counting the host's own kernel (or hypervisor), how many kernels run on that host?`,
    answer: { kind: 'number', unit: 'kernels', value: (r) => stack(r, 'vm').kernels },
    explain: (r) =>
      `${stack(r, 'vm').kernels} kernels: one per VM plus the host's. Each is an operating system to boot, to keep in memory (here ${size(stack(r, 'vm').repeatedOverheadMemMiB)} of guest OSes and VMMs) and to patch. The same apps as containers run on ${stack(r, 'container').kernels} kernel.`,
    addresses: ['lightweight-vms'],
  },
  {
    id: 'ct-kernels',
    article: 'containers',
    values: { apps: 20 },
    question: (v) => `Raise the number of apps to ${v.apps}. How many kernels run in the container stack?`,
    answer: { kind: 'number', unit: 'kernels', value: (r) => stack(r, 'container').kernels },
    explain: (r) =>
      `${stack(r, 'container').kernels}, the host's own, however many containers run: a container is a group of processes on the host kernel, not a machine with an OS of its own. The VM stack runs ${stack(r, 'vm').kernels} kernels for the same apps.`,
    addresses: ['lightweight-vms'],
  },
  {
    id: 'ct-base-layer',
    article: 'containers',
    values: { apps: 20, baseLayerDiskMiB: 64 },
    baseline: { apps: 20 },
    question: (v, b) =>
      `Keep ${v.apps} apps, but build every image on an Ubuntu base layer (${v.baseLayerDiskMiB} MiB) instead of Alpine (${need(b, 'baseline').baseLayerDiskMiB} MiB). How much does the containers' disk grow?`,
    answer: {
      kind: 'choice',
      choices: ['By the base layer once', 'By the base layer once per container', 'By a guest kernel per container'],
      correct: (r, b) => {
        const base = need(b, 'baseline');
        const layer = r.baseLayerDiskMiB - base.baseLayerDiskMiB;
        const grew = stack(r, 'container').aboveHostDiskMiB - stack(base, 'container').aboveHostDiskMiB;
        return grew === layer ? 0 : grew === layer * r.apps ? 1 : 2;
      },
    },
    explain: (r, _v, b) =>
      `The widget stores the ${size(r.baseLayerDiskMiB)} of base layers once for the host (${size(need(b, 'baseline').baseLayerDiskMiB)} with Alpine), shared by all ${r.apps} containers through the union filesystem, and the containers still run on ${stack(r, 'container').kernels} kernel. A base image holds a distribution's user-space files, not a kernel: the container uses the host's.`,
    addresses: ['image-kernel'],
  },
  {
    id: 'vmh-disk',
    article: 'virtual-machines-and-hypervisors',
    values: { apps: 20 },
    question: (v) =>
      `${v.apps} apps as VMs: each VM disk carries a guest OS image (${v.vmGuestOsDiskMiB} MiB) besides its app (${v.appDiskMiB} MiB). How much disk do the VMs use above the hypervisor, in GiB?`,
    answer: { kind: 'number', unit: 'GiB', value: (r) => Number((stack(r, 'vm').aboveHostDiskMiB / 1024).toFixed(1)) },
    explain: (r) =>
      `${size(stack(r, 'vm').aboveHostDiskMiB)}, of which ${size(stack(r, 'vm').repeatedOverheadDiskMiB)} are copies of the guest OS. The containers need ${size(stack(r, 'container').aboveHostDiskMiB)} above the host OS for the same apps, with the base layers stored once.`,
  },
  {
    id: 'vmh-docker-desktop',
    article: 'virtual-machines-and-hypervisors',
    values: presetValues(STACK_PRESETS, 'docker-desktop'),
    question: (v) =>
      `On a Windows laptop, Docker Desktop runs ${v.apps} Linux containers. Counting the laptop's own kernel, how many kernels run?`,
    answer: { kind: 'number', unit: 'kernels', value: (r) => stack(r, 'container').kernels },
    explain: (r) => {
      const vm = stack(r, 'container').layers.find((l) => l.id === 'linux-vm');
      return `${stack(r, 'container').kernels}: the laptop's, and the kernel of the one Linux VM that all ${r.apps} containers share, because Linux containers need a Linux kernel. That VM's guest OS and VMM take ${size(vm?.memMiB ?? 0)} once, not once per container; as ${r.apps} VMs the same apps would run ${stack(r, 'vm').kernels} kernels.`;
    },
    addresses: ['lightweight-vms'],
  },
]);

/** A preset's values, so an activity starts from exactly what its button sets. */
function presetValues<N extends string>(list: readonly { id: string; values: Partial<Values<N>> }[], id: string) {
  const p = list.find((x) => x.id === id);
  if (!p) throw new Error(`activities: no preset ${id}`);
  return p.values;
}

const cluster = define<ClusterParam, ClusterResult>('cluster-scheduler', [
  {
    id: 'ds-hosts',
    article: 'density-and-scheduling',
    values: {},
    question: (v) =>
      `${v.appCount} apps of mixed sizes are placed first-fit on hosts with ${v.hostCpuCores} cores and ${v.hostMemGiB} GiB each, once as containers and once as VMs (each with a guest OS, and rounded up to an instance size). How many hosts do the VMs need?`,
    answer: { kind: 'number', unit: 'hosts', value: (r) => r.sides[0].hostsUsed },
    explain: (r) =>
      `${hosts(r.sides[0].hostsUsed)} for the VMs, ${hosts(r.sides[1].hostsUsed)} for the containers. The VMs spend ${clusterGib(r.sides[0].overhead[1])} on guest OSes and VMMs and ${clusterGib(r.sides[0].sizing[1])} on rounding each app up to an instance size, next to ${clusterGib(r.sides[0].app[1])} for the apps themselves.`,
  },
  {
    id: 'ds-spread',
    article: 'density-and-scheduling',
    values: { policy: 7 },
    baseline: {},
    question: () =>
      "Switch the placement policy from first-fit to Kubernetes' default scoring (LeastAllocated). Will the containers use fewer hosts, the same number, or more?",
    answer: {
      kind: 'choice',
      choices: ['Fewer hosts', 'The same number', 'More hosts'],
      correct: (r, b) => direction(r.sides[1].hostsUsed, need(b, 'baseline').sides[1].hostsUsed),
    },
    explain: (r, _v, b) =>
      `The containers now use ${hosts(r.sides[1].hostsUsed)} instead of ${need(b, 'baseline').sides[1].hostsUsed}. LeastAllocated scores the emptiest node highest, so it spreads pods to keep headroom on every node; packing tightly needs a bin-packing score such as MostAllocated.`,
  },
  {
    id: 'eco-most-allocated',
    article: 'ecosystem-today',
    values: { policy: 8 },
    question: (v) =>
      `A cluster operator who pays per node switches kube-scheduler to the MostAllocated score. How many of the ${v.hostCount} hosts do the ${v.appCount} containers use?`,
    answer: { kind: 'number', unit: 'hosts', value: (r) => r.sides[1].hostsUsed },
    explain: (r) =>
      `${hosts(r.sides[1].hostsUsed)}. MostAllocated favours the fullest node that still fits, so the containers pack onto few hosts and the rest stay empty (they could be scaled down); the VMs need ${hosts(r.sides[0].hostsUsed)} with the same score.`,
  },
  {
    id: 'eco-kata-pods',
    article: 'ecosystem-today',
    values: { vmGuestOsMemMiB: 120, vmVmmMemMiB: 0, vmCpuEfficiency: 1, vmCpuOverheadMillis: 250, vmInstanceSizes: 0 },
    question: (v) =>
      `A RuntimeClass runs every pod in a Kata Containers VM and declares a pod overhead of ${v.vmGuestOsMemMiB} MiB and ${v.vmCpuOverheadMillis} millicores, which the scheduler adds to each pod's requests. Set the widget's VM side to that overhead. How many hosts do the ${v.appCount} sandboxed pods need?`,
    answer: { kind: 'number', unit: 'hosts', value: (r) => r.sides[0].hostsUsed },
    explain: (r) =>
      `${hosts(r.sides[0].hostsUsed)}, against ${hosts(r.sides[1].hostsUsed)} for plain containers. The sandboxed pods spend ${clusterGib(r.sides[0].overhead[1])} of memory on their VMs' overhead. Kubernetes still schedules them as pods, but each runs in a VM: the RuntimeClass buys a stronger boundary with capacity.`,
    addresses: ['microvms-containers'],
  },
  {
    id: 'ds-firecracker',
    article: 'density-and-scheduling',
    values: { vmGuestOsMemMiB: 20, vmVmmMemMiB: 5, vmCpuEfficiency: 0.95, vmCpuOverheadMillis: 0, vmInstanceSizes: 0 },
    question: () =>
      'Replace the VMs with Firecracker microVMs: a minimal guest kernel, a small VMM, and no rounding up to instance sizes. How many hosts do they need?',
    answer: { kind: 'number', unit: 'hosts', value: (r) => r.sides[0].hostsUsed },
    explain: (r) =>
      `${hosts(r.sides[0].hostsUsed)} for the microVMs and ${hosts(r.sides[1].hostsUsed)} for the containers: the microVMs spend only ${clusterGib(r.sides[0].overhead[1])} on guest kernels and VMMs. Most of a VM's packing penalty came from the general-purpose guest OS and instance sizes, not from having a hypervisor.`,
  },
]);

const traffic = define<TrafficParam, TrafficSpikeResult>('traffic-spike', [
  {
    id: 'dep-step',
    article: 'deployment-speed-and-scaling',
    values: {},
    question: (v) =>
      `Demand jumps from ${v.baseRps} to ${v.peakRps} requests per second in an instant. The autoscaler adds instances as VMs, as microVMs or as containers. Which drops the largest share of requests?`,
    answer: {
      kind: 'choice',
      choices: ['VMs', 'MicroVMs', 'Containers', 'All drop the same share'],
      correct: (r) => {
        const d = (['vm', 'microvm', 'container'] as const).map((id) => profile(r, id).droppedRequests);
        const max = Math.max(...d);
        return d.every((x) => x === max) ? 3 : d.indexOf(max);
      },
    },
    explain: (r) => {
      const vm = profile(r, 'vm');
      const ct = profile(r, 'container');
      return `The VMs dropped ${pctText(droppedPct(vm))} of requests, the containers ${pctText(droppedPct(ct))}. A new VM took ${secondsText(vm.instanceStartS)} to become ready, a container ${secondsText(ct.instanceStartS)}: every second of start-up is a second in which the instances already running carry the spike alone.${ct.droppedRequests > 0 ? ' Containers drop requests too, because the autoscaler only reacts after it measures the load.' : ''}`;
    },
    addresses: ['no-overhead'],
  },
  {
    id: 'dep-cold',
    article: 'deployment-speed-and-scaling',
    values: { containerImageMiB: 114, layerCache: 0 },
    question: (v) =>
      `Now the hosts are cold: no layer is cached, and the container image is ${v.containerImageMiB} MiB, debian-sized. How many seconds does a new container take to become ready?`,
    answer: { kind: 'number', unit: 's', value: (r) => Number(profile(r, 'container').instanceStartS.toFixed(1)) },
    explain: (r) =>
      `${secondsText(profile(r, 'container').instanceStartS)}: the image must be downloaded before the process starts, so a cold host turns a sub-second start into a longer one (a VM still took ${secondsText(profile(r, 'vm').instanceStartS)}). The containers dropped ${pctText(droppedPct(profile(r, 'container')))} of requests. Start-up is fast only when the layers are already on the host.`,
    addresses: ['no-overhead'],
  },
  {
    id: 'dep-target',
    article: 'deployment-speed-and-scaling',
    values: { demandShape: 1, rampS: 120, holdS: 360, targetUtilisationPct: 90 },
    baseline: { demandShape: 1, rampS: 120, holdS: 360 },
    question: (v, b) =>
      `Demand ramps up over ${v.rampS} s. To save money, the autoscaler's target utilisation is raised from ${need(b, 'baseline').targetUtilisationPct} % to ${v.targetUtilisationPct} %, so there is less spare capacity. Do the VMs drop a larger or smaller share of requests than before?`,
    answer: {
      kind: 'choice',
      choices: ['Smaller', 'The same', 'Larger'],
      correct: (r, b) =>
        direction(profile(r, 'vm').droppedRequests, profile(need(b, 'baseline'), 'vm').droppedRequests),
    },
    explain: (r, _v, b) =>
      `The VMs dropped ${pctText(droppedPct(profile(r, 'vm')))} of requests instead of ${pctText(droppedPct(profile(need(b, 'baseline'), 'vm')))}. Headroom is what carries the load while new instances start; with less of it, the ${secondsText(profile(r, 'vm').instanceStartS)} a VM needs to become ready costs more requests. The containers dropped ${pctText(droppedPct(profile(r, 'container')))}.`,
  },
  {
    id: 'ch-diurnal',
    article: 'choosing',
    values: { demandShape: 2, durationS: 1200 },
    question: () =>
      'A service’s demand follows a smooth daily cycle (the widget compresses it into minutes) rather than sudden spikes. Will VMs, with their slower start, drop requests on it?',
    answer: {
      kind: 'choice',
      choices: ['Yes, more than containers', 'No, or hardly any', 'Only microVMs keep up'],
      correct: (r) => (droppedPct(profile(r, 'vm')) < 0.1 ? 1 : 0),
    },
    explain: (r) =>
      `In this run: ${pctText(droppedPct(profile(r, 'vm')))} dropped as VMs, ${pctText(droppedPct(profile(r, 'container')))} as containers. When demand changes slowly compared with start-up time, the autoscaler adds capacity as the load grows, and a start of ${secondsText(profile(r, 'vm').instanceStartS)} matters little. Fast start matters for spikes, not for every workload.`,
    addresses: ['vms-slower'],
  },
]);

const migration = define<MigrationParam, MigrationResult>('live-migration', [
  {
    id: 'mig-downtime',
    article: 'portability-and-migration',
    values: {},
    question: (v) =>
      `Move a running ${v.memMiB / 1024} GiB VM to another host with pre-copy live migration, and a container with checkpoint and restore. Which one is unavailable for longer?`,
    answer: {
      kind: 'choice',
      choices: ['The VM', 'The container', 'About the same'],
      correct: (r) =>
        r.vm.downtimeMs * 2 < r.container.downtimeMs ? 1 : r.container.downtimeMs * 2 < r.vm.downtimeMs ? 0 : 2,
    },
    explain: (r) =>
      `The container's checkpoint and restore took ${durationText(r.container.totalS)}, all of it downtime, while the VM was paused for only ${durationText(r.vm.downtimeMs / 1000)} after ${r.vm.preCopyRounds} pre-copy rounds. Pre-copy copies memory while the guest keeps running; plain checkpoint/restore freezes the processes first.`,
    addresses: ['vms-slower', 'no-overhead'],
  },
  {
    id: 'mig-dirty',
    article: 'portability-and-migration',
    values: { dirtyRateMiBps: 1100 },
    question: (v) =>
      `Make the guest busy: it now dirties ${v.dirtyRateMiBps} MiB of memory per second on a ${v.bandwidthMbps / 1000} Gbit/s link. Will pre-copy still converge to a short pause?`,
    answer: {
      kind: 'choice',
      choices: ['Yes, in a few rounds', 'No: it runs out of rounds and pauses longer'],
      correct: (r) => (r.vm.converged ? 0 : 1),
    },
    explain: (r) =>
      `The guest dirties memory at ${Math.round(r.vm.dirtyRatio * 100)} % of the link's speed, so each round has almost as much to resend as the one before. After ${r.vm.preCopyRounds} rounds the VM paused for ${durationText(r.vm.downtimeMs / 1000)}, and the move took ${durationText(r.vm.totalS)} in total. Pre-copy works when the link is much faster than the guest writes.`,
  },
  {
    id: 'ch-slow-link',
    article: 'choosing',
    values: { bandwidthMbps: 1000 },
    question: (v) =>
      `A stateful service must move hosts for maintenance, but the hosts share only a ${v.bandwidthMbps / 1000} Gbit/s link. Which move has the shorter downtime?`,
    answer: {
      kind: 'choice',
      choices: ['VM live migration', 'Container checkpoint and restore', 'About the same'],
      correct: (r) =>
        r.vm.downtimeMs * 2 < r.container.downtimeMs ? 0 : r.container.downtimeMs * 2 < r.vm.downtimeMs ? 1 : 2,
    },
    explain: (r) =>
      `The VM had ${durationText(r.vm.downtimeMs / 1000)} of downtime, the container ${durationText(r.container.downtimeMs / 1000)}. The slow link stretches the VM's move to ${durationText(r.vm.totalS)} in total, over ${r.vm.preCopyRounds} rounds, and every gigabyte of guest memory is copied, guest OS included.`,
    addresses: ['vms-slower'],
  },
  {
    id: 'mig-predump',
    article: 'portability-and-migration',
    values: { containerMemMiB: 16384, wwsPct: 3.125, preDump: 1 },
    baseline: { containerMemMiB: 16384, wwsPct: 3.125, preDump: 0 },
    question: (v) =>
      `A container with ${sizeText(v.containerMemMiB)} of memory, of which it keeps rewriting ${v.wwsPct} %, is moved with a pre-dump: its memory is copied once while it still runs, then only what changed is dumped while it is frozen. Does the container's downtime fall below the VM's?`,
    answer: {
      kind: 'choice',
      choices: ['Yes', 'No'],
      correct: (r) => (r.container.downtimeMs < r.vm.downtimeMs ? 0 : 1),
    },
    explain: (r, _v, b) =>
      `The container was down for ${durationText(r.container.downtimeMs / 1000)} with the pre-dump (${durationText(need(b, 'baseline').container.downtimeMs / 1000)} without), against ${durationText(r.vm.downtimeMs / 1000)} for the VM. The pre-dump takes most of the dump out of the frozen window, but restore still rebuilds all of the memory on the destination while the container is stopped; VM pre-copy has no such step, the guest's memory is already in place when it resumes.`,
  },
]);

const patch = define<PatchDayParam, PatchDayResult>('patch-day', [
  {
    id: 'pd-kernels',
    article: 'maintenance-and-patching',
    values: {},
    question: (v) =>
      `A kernel security update must reach every running kernel in a fleet of ${v.apps} apps on ${v.hosts} hosts. As VMs, each app has a guest kernel. How many running kernels must be restarted?`,
    answer: { kind: 'number', unit: 'kernels', value: (r) => design(r, 'vm').kernelsToRestart },
    explain: (r) =>
      `${design(r, 'vm').kernelsToRestart}: one per VM plus one per host. As containers it is ${design(r, 'container').kernelsToRestart}, the hosts' own; the microVM design, with a guest kernel per app, has ${design(r, 'microvm').kernelsToRestart} like the VMs, although its microVMs usually boot one shared guest image, so there are ${design(r, 'microvm').imagesToRebuild} images to rebuild against ${design(r, 'vm').imagesToRebuild} for the VMs. Fewer running kernels is fewer things to reboot and verify.`,
    addresses: ['microvms-containers'],
  },
  {
    id: 'pd-one-at-a-time',
    article: 'maintenance-and-patching',
    values: { maxUnavailable: 1 },
    baseline: {},
    question: (v, b) =>
      `To be careful, only ${v.maxUnavailable} app may be down at a time instead of ${need(b, 'baseline').maxUnavailable}. Which design's patch day grows the most?`,
    answer: {
      kind: 'choice',
      choices: ['VMs', 'Containers', 'Neither changes'],
      correct: (r, b) => {
        const grow = (id: DesignId) => design(r, id).totalS - design(need(b, 'baseline'), id).totalS;
        if (grow('vm') <= 0 && grow('container') <= 0) return 2;
        return grow('vm') >= grow('container') ? 0 : 1;
      },
    },
    explain: (r, _v, b) =>
      `The VMs' patch day takes ${duration(design(r, 'vm').totalS)} instead of ${duration(design(need(b, 'baseline'), 'vm').totalS)}. The containers take ${duration(design(r, 'container').totalS)}. Each VM must reboot its own guest kernel, one after another; a container restarts its process on a rebuilt image in a fraction of that time, so the host reboots dominate its day.`,
  },
  {
    id: 'iso-blast',
    article: 'isolation-and-security',
    values: { hosts: 4 },
    question: (v) =>
      `${v.apps} apps run on ${v.hosts} hosts. An attacker inside one app exploits a kernel vulnerability. In the container design, how many apps share the kernel they now control?`,
    answer: { kind: 'number', unit: 'apps', value: (r) => design(r, 'container').blastRadiusApps },
    explain: (r) =>
      `All ${design(r, 'container').blastRadiusApps} apps on that host share its one kernel. In the VM or microVM design the same exploit reaches ${apps(design(r, 'vm').blastRadiusApps)}, because each guest has a kernel of its own and the hypervisor is the next boundary. Containers are isolated processes, not small VMs: the denser the host, the larger the blast radius.`,
    addresses: ['lightweight-vms'],
  },
  {
    id: 'pd-k8s-25',
    values: { maxUnavailable: 50 },
    baseline: {},
    question: (v, b) =>
      `A Kubernetes Deployment lets a quarter of its pods be unavailable during a rollout by default. Allow ${v.maxUnavailable} of the ${v.apps} apps down at once instead of ${need(b, 'baseline').maxUnavailable}. How does the container design's patch day change?`,
    answer: {
      kind: 'choice',
      choices: ['Much shorter', 'About the same', 'Longer'],
      correct: (r, b) => {
        const now = design(r, 'container').totalS;
        const before = design(need(b, 'baseline'), 'container').totalS;
        return now < before * 0.9 ? 0 : now > before * 1.1 ? 2 : 1;
      },
    },
    explain: (r, v, b) => {
      const now = design(r, 'container').totalS;
      const before = design(need(b, 'baseline'), 'container').totalS;
      const pace =
        now >= before * 0.9
          ? `With ${v.maxHostsRebooting === 1 ? 'one host' : `${v.maxHostsRebooting} hosts`} rebooting at a time, the ${r.hosts} host reboots set the pace; more app restarts in parallel cannot shorten them.`
          : 'More apps down at once means more restarts in parallel, and here the app restarts, not the host reboots, set the pace.';
      return `The containers take ${duration(now)}, against ${duration(before)} before. ${pace}`;
    },
  },
]);

/** Every activity: articles pick theirs by id, the teacher's page lists them by widget. */
/** In the registry's order of widgets, so exercise numbers on the teacher's page run in order. */
export const ACTIVITIES: readonly Activity[] = [...oneHost, ...stacks, ...cluster, ...patch, ...traffic, ...migration];

export function findActivity(id: string): Activity {
  const a = ACTIVITIES.find((x) => x.id === id);
  if (!a)
    throw new Error(`No activity "${id}" (src/teach/activities.ts has ${ACTIVITIES.map((x) => x.id).join(', ')}).`);
  return a;
}
