// Parameter table and presets of the cluster scheduler. Every default cites
// its published source (most via the core's profiles in
// wasm-core/src/profiles.rs) or is labelled a modelling choice.
import { SimError } from '../../sim/errors.ts';
import type { Preset } from '../kit/model.ts';
import type { ParamTable, Values } from '../kit/params.ts';
import { coreFigure, type Figure, figureValues, hostFigure, hostValues } from '../kit/core-figures.ts';
import {
  container_guestOsMemMiB,
  kataFc_cpuEfficiency,
  kataFc_cpuOverheadMillis,
  kataFc_guestOsMemMiB,
  kataFc_vmmOverheadMiB,
  microvm_cpuEfficiency,
  microvm_cpuOverheadMillis,
  microvm_guestOsMemMiB,
  microvm_vmmOverheadMiB,
  vm_cpuEfficiency,
  vm_cpuOverheadMillis,
  vm_guestOsMemMiB,
  vm_vmmOverheadMiB,
} from '../../sim/profiles.generated.ts';

export const WIDGET_ID = 'cluster-scheduler';

/** Generator options: the values are the select's numbers (URL-stable). */
export const GENERATORS = [
  { value: 1, label: 'Uniform', kind: 'uniform' },
  { value: 2, label: 'DSLab mix', kind: 'dslab' },
  { value: 3, label: 'Heavy-tailed', kind: 'heavy-tailed' },
] as const;

/**
 * The policies offered: 1–6 the core's bin-packing heuristics, 7–9 Kubernetes
 * NodeResourcesFit strategies (`core` names each in the core). `spreads`: the
 * policy prefers the emptiest host, so it uses many hosts on purpose.
 */
export const POLICY_OPTIONS = [
  { value: 1, label: 'First-fit', kind: 'bin-packing', core: 'first-fit', spreads: false },
  { value: 2, label: 'Next-fit', kind: 'bin-packing', core: 'next-fit', spreads: false },
  { value: 3, label: 'Best-fit', kind: 'bin-packing', core: 'best-fit', spreads: false },
  { value: 4, label: 'Worst-fit (spread)', kind: 'bin-packing', core: 'worst-fit', spreads: true },
  { value: 5, label: 'First-fit decreasing', kind: 'bin-packing', core: 'first-fit-decreasing', spreads: false },
  { value: 6, label: 'Best-fit decreasing', kind: 'bin-packing', core: 'best-fit-decreasing', spreads: false },
  { value: 7, label: 'Kubernetes LeastAllocated (default)', kind: 'kube', core: 'LeastAllocated', spreads: true },
  { value: 8, label: 'Kubernetes MostAllocated', kind: 'kube', core: 'MostAllocated', spreads: false },
  {
    value: 9,
    label: 'Kubernetes RequestedToCapacityRatio (bin packing shape)',
    kind: 'kube',
    core: 'RequestedToCapacityRatio',
    spreads: false,
  },
] as const;

export type PolicyOption = (typeof POLICY_OPTIONS)[number];

/** The smallest and largest app size drawn are one quantity: their controls share unit and range. */
const APP_CPU = {
  unit: 'millicores',
  kind: 'integer',
  min: 1,
  max: 64000,
  step: 1,
  scale: 'log',
  group: 'Apps',
  advanced: true,
} as const;
const APP_MEM = { ...APP_CPU, unit: 'MiB', max: 262144 } as const;

export const PARAMS = [
  {
    name: 'hostCount',
    label: 'Hosts available',
    unit: 'hosts',
    kind: 'integer',
    default: 20,
    min: 1,
    max: 100,
    step: 1,
    group: 'Hosts',
    help: 'Identical hosts in the cluster; apps that fit on none of them stay unplaced.',
    source:
      'modelling choice: enough hosts for the default apps as VMs; at most 100, so every host is drawn and a re-run stays well under a frame',
  },
  {
    name: 'hostCpuCores',
    label: 'CPU per host',
    unit: 'cores',
    kind: 'integer',
    min: 1,
    max: 256,
    step: 1,
    group: 'Hosts',
    help: 'Physical CPU cores of each host (1 core = 1000 millicores).',
    ...hostFigure('capacity', 'cpuMillis', 1000),
  },
  {
    name: 'hostMemGiB',
    label: 'Memory per host',
    unit: 'GiB',
    kind: 'integer',
    min: 1,
    max: 2048,
    step: 1,
    scale: 'log',
    group: 'Hosts',
    help: 'Physical memory of each host.',
    ...hostFigure('capacity', 'memMiB', 1024),
  },
  {
    name: 'hostReserveCpuMillis',
    label: 'CPU reserved for the host',
    unit: 'millicores',
    kind: 'integer',
    min: 0,
    max: 64000,
    step: 100,
    group: 'Hosts',
    advanced: true,
    help: 'CPU kept for the host OS and its agents; no app may use it.',
    ...hostFigure('reserve', 'cpuMillis', 1, 'kube-reserved and system-reserved together'),
  },
  {
    name: 'hostReserveMemMiB',
    label: 'Memory reserved for the host',
    unit: 'MiB',
    kind: 'integer',
    min: 0,
    max: 65536,
    step: 64,
    group: 'Hosts',
    advanced: true,
    help: 'Memory kept for the host OS, its agents and eviction headroom; no app may use it.',
    ...hostFigure('reserve', 'memMiB', 1, 'kube-reserved, system-reserved and the eviction threshold together'),
  },
  {
    name: 'generator',
    label: 'Workload mix',
    unit: '',
    kind: 'select',
    options: GENERATORS.map(({ value, label }) => ({ value, label })),
    default: 1,
    min: 1,
    max: 3,
    step: 1,
    group: 'Apps',
    help: 'How app sizes are drawn: uniform between the smallest and largest size; the DSLab mix (1, 2, 4 or 8 vCPU with 512, 1024 or 2048 MiB); or heavy-tailed (mostly small apps, a few large ones).',
    source: "the core's seeded generators (wasm-core/src/workloads.rs; see About the simulations)",
  },
  {
    name: 'appCount',
    label: 'Apps',
    unit: 'apps',
    kind: 'integer',
    default: 40,
    min: 1,
    max: 500,
    step: 1,
    group: 'Apps',
    help: 'How many apps to place, each once as a VM and once as a container.',
    source:
      'modelling choice: a small cluster that re-runs instantly while you drag (at most 500 apps, so even Kubernetes scoring stays fast on the page)',
  },
  {
    name: 'seed',
    label: 'Random seed',
    unit: '',
    kind: 'integer',
    default: 1,
    min: 0,
    max: 999999,
    step: 1,
    seed: true,
    group: 'Apps',
    help: 'The same seed draws the same apps; change it to see another workload of the same mix.',
    source: 'modelling choice',
  },
  {
    name: 'appCpuMinMillis',
    label: 'Smallest app CPU',
    ...APP_CPU,
    default: 100,
    help: 'Smallest CPU request drawn (uniform and heavy-tailed mixes).',
    source: 'kube-scheduler source (pod_resources.go) DefaultMilliCPURequest = 100 millicores',
  },
  {
    name: 'appCpuMaxMillis',
    label: 'Largest app CPU',
    ...APP_CPU,
    default: 1000,
    help: 'Largest CPU request drawn (uniform and heavy-tailed mixes).',
    source: 'modelling choice: small services of up to one core',
  },
  {
    name: 'appMemMinMiB',
    label: 'Smallest app memory',
    ...APP_MEM,
    default: 200,
    help: 'Smallest memory request drawn (uniform and heavy-tailed mixes).',
    source: 'kube-scheduler source (pod_resources.go) DefaultMemoryRequest = 200 MiB',
  },
  {
    name: 'appMemMaxMiB',
    label: 'Largest app memory',
    ...APP_MEM,
    default: 1024,
    help: 'Largest memory request drawn (uniform and heavy-tailed mixes).',
    source: 'modelling choice: small services of up to 1 GiB',
  },
  {
    name: 'tailDoublingProbability',
    label: 'Heavy tail: chance a size doubles',
    unit: '',
    default: 0.5,
    min: 0,
    max: 0.95,
    step: 0.05,
    group: 'Apps',
    advanced: true,
    help: 'Heavy-tailed mix only: each time, a size doubles again with this probability (higher means a heavier tail).',
    source: 'modelling choice: a bounded Pareto with α = 1 (wasm-core/src/workloads.rs)',
  },
  {
    name: 'policy',
    label: 'Placement policy',
    unit: '',
    kind: 'select',
    options: POLICY_OPTIONS.map(({ value, label }) => ({ value, label })),
    default: 1,
    min: 1,
    max: 9,
    step: 1,
    group: 'Scheduler',
    help: 'A bin-packing heuristic, or a kube-scheduler strategy (fit filter, then NodeResourcesFit and BalancedAllocation scores).',
    source:
      'bin-packing heuristics: the core (wasm-core/src/placement); Kubernetes strategies: kube-scheduler source (noderesources plugins)',
  },
  {
    name: 'balancedWeight',
    label: 'Kubernetes: BalancedAllocation weight',
    unit: '',
    kind: 'integer',
    default: 1,
    min: 0,
    max: 100,
    step: 1,
    group: 'Scheduler',
    advanced: true,
    help: 'Plugin weight of BalancedAllocation next to NodeResourcesFit (weight 1); 0 turns it off. Kubernetes policies only.',
    source: 'kube-scheduler source (default_plugins.go): NodeResourcesFit 1, BalancedAllocation 1',
  },
  {
    name: 'vmGuestOsMemMiB',
    label: 'VM: guest OS memory',
    unit: 'MiB',
    kind: 'integer',
    min: 0,
    max: 16384,
    step: 1,
    scale: 'log',
    group: 'VM footprint',
    help: 'Memory each VM spends on its own kernel and OS services, on top of its app.',
    ...coreFigure(vm_guestOsMemMiB),
  },
  {
    name: 'vmVmmMemMiB',
    label: 'VM: hypervisor process (VMM)',
    unit: 'MiB',
    kind: 'integer',
    min: 0,
    max: 4096,
    step: 1,
    scale: 'log',
    group: 'VM footprint',
    advanced: true,
    help: 'Memory the host spends on each VM’s emulator process (QEMU).',
    ...coreFigure(vm_vmmOverheadMiB),
  },
  {
    name: 'vmCpuEfficiency',
    label: 'VM: CPU efficiency',
    unit: '',
    min: 0.5,
    max: 1,
    step: 0.01,
    group: 'VM footprint',
    advanced: true,
    help: 'Fraction of host CPU that reaches the app inside a VM; a VM reserves its app’s CPU divided by this.',
    ...coreFigure(vm_cpuEfficiency),
  },
  {
    name: 'vmCpuOverheadMillis',
    label: 'VM: CPU overhead',
    unit: 'millicores',
    kind: 'integer',
    min: 0,
    max: 4000,
    step: 10,
    group: 'VM footprint',
    advanced: true,
    help: 'CPU each VM reserves besides its app.',
    ...coreFigure(vm_cpuOverheadMillis, 'the Kata preset adds a per-pod CPU overhead'),
  },
  {
    name: 'vmInstanceSizes',
    label: 'VMs come in instance sizes',
    unit: '',
    kind: 'boolean',
    default: 1,
    min: 0,
    max: 1,
    step: 1,
    group: 'VM footprint',
    help: 'On: each VM is rounded up to a menu size (1, 2, 4, 8… vCPU; 512 MiB, 1, 2, 4… GiB), so an app that needs 1.2 vCPU gets 2. Off: VMs are sized exactly.',
    source: 'modelling choice: a power-of-two menu like the DSLab mix (1, 2, 4, 8 vCPU; 512, 1024, 2048 MB)',
  },
  {
    name: 'containerRuntimeMemMiB',
    label: 'Container: runtime shim memory',
    unit: 'MiB',
    kind: 'integer',
    min: 0,
    max: 1024,
    step: 1,
    group: 'Container footprint',
    advanced: true,
    help: 'Memory each container costs besides its app; there is no guest OS, the host kernel is shared.',
    ...coreFigure(container_guestOsMemMiB),
  },
] as const satisfies ParamTable;

export type ParamName = (typeof PARAMS)[number]['name'];
export type ClusterValues = Values<ParamName>;

/** The VM controls a profile preset sets, from that profile's figures. */
const vmControls = (guestOs: Figure, vmm: Figure, cpuEfficiency: Figure, cpuOverhead: Figure) =>
  figureValues({
    vmGuestOsMemMiB: guestOs,
    vmVmmMemMiB: vmm,
    vmCpuEfficiency: cpuEfficiency,
    vmCpuOverheadMillis: cpuOverhead,
  });

export const PRESETS: readonly Preset<ParamName>[] = [
  {
    id: 'k8s-node',
    label: 'Kubernetes example node',
    values: hostValues({
      hostCpuCores: ['capacity', 'cpuMillis', 1000],
      hostMemGiB: ['capacity', 'memMiB', 1024],
      hostReserveCpuMillis: ['reserve', 'cpuMillis'],
      hostReserveMemMiB: ['reserve', 'memMiB'],
    }),
    source:
      'Kubernetes documentation, reserve compute resources (example scenario): 16 CPU / 32 Gi node; 1.5 CPU and 2 Gi + 1 Gi + 500 Mi reserved',
  },
  {
    id: 'dslab',
    label: 'DSLab mix',
    values: { generator: 2 },
    source:
      'DSLab: VM placement benchmark: 1, 2, 4 or 8 vCPU × 512, 1024 or 2048 MB, each equally likely (the core’s workloads.rs)',
  },
  {
    id: 'k8s-default',
    label: 'Kubernetes default scoring',
    values: { policy: 7, balancedWeight: 1 },
    source:
      'kube-scheduler source (defaults.go): LeastAllocated, cpu:memory 1:1; kube-scheduler source (default_plugins.go): NodeResourcesFit 1, BalancedAllocation 1',
  },
  {
    id: 'k8s-pack',
    label: 'Kubernetes bin packing (MostAllocated)',
    values: { policy: 8 },
    source: 'kube-scheduler source (most_allocated.go); Kubernetes documentation (resource bin packing)',
  },
  {
    id: 'cloud-vm',
    label: 'Typical cloud VM',
    values: vmControls(vm_guestOsMemMiB, vm_vmmOverheadMiB, vm_cpuEfficiency, vm_cpuOverheadMillis),
    source:
      'guest OS 256 MiB: modelling choice in Manco et al. 2017 (LightVM) range; VMM 131 MB: QEMU as measured by Agache et al. 2020 (via a secondary summary); CPU 0.98: Felter et al. 2014, Linpack on tuned KVM',
  },
  {
    id: 'firecracker',
    label: 'Firecracker microVM',
    values: {
      ...vmControls(microvm_guestOsMemMiB, microvm_vmmOverheadMiB, microvm_cpuEfficiency, microvm_cpuOverheadMillis),
      vmInstanceSizes: 0,
    },
    source:
      'VMM ≤ 5 MiB and CPU > 95 %: Firecracker specification; guest kernel ~20 MB: Intel Clear Containers demo (Jones 2016, secondary), a modelling choice; sized exactly (modelling choice)',
  },
  {
    id: 'kata-fc',
    label: 'Kata pod on Firecracker',
    values: {
      ...vmControls(kataFc_guestOsMemMiB, kataFc_vmmOverheadMiB, kataFc_cpuEfficiency, kataFc_cpuOverheadMillis),
      vmInstanceSizes: 0,
    },
    source:
      "Kubernetes documentation (pod overhead): 'around 120MiB per Pod for the virtual machine and the guest OS', 250m CPU; sized exactly like pods (modelling choice)",
  },
];

/** The option of policy value `v`; an unknown value is an error naming the field. */
export function policyOption(v: number) {
  const o = POLICY_OPTIONS.find((p) => p.value === v);
  if (!o)
    throw SimError.outOfRange(
      'policy',
      `Placement policy (policy) must be one of ${POLICY_OPTIONS.map((p) => p.value).join(', ')}; got ${v}.`,
    );
  return o;
}
