// Parameter table and presets of "One host, many apps". Every default cites
// its published source (the same sources as the core's isolation profiles in
// wasm-core/src/profiles.rs) or is labelled a modelling choice.
import type { Preset } from '../kit/model.ts';
import type { ParamTable, Values } from '../kit/params.ts';
import { coreFigure, figureValues, hostFigure, hostValues } from '../kit/core-figures.ts';
import {
  container_guestOsMemMiB,
  kataFc_guestOsMemMiB,
  kataFc_vmmOverheadMiB,
  microvm_guestOsMemMiB,
  microvm_vmmOverheadMiB,
  vm_guestOsMemMiB,
  vm_vmmOverheadMiB,
} from '../../sim/profiles.generated.ts';

export const WIDGET_ID = 'one-host';

/** What every per-instance overhead control shares; each row sets its own range's top. */
const OVERHEAD_MIB = {
  unit: 'MiB',
  min: 0,
  step: 1,
  scale: 'log',
  group: 'Overhead per instance',
  advanced: true,
} as const;

export const PARAMS = [
  {
    name: 'hostMemGiB',
    label: 'Host memory',
    unit: 'GiB',
    min: 1,
    max: 4096,
    step: 1,
    scale: 'log',
    group: 'Host',
    help: 'Physical memory of the one host.',
    ...hostFigure('capacity', 'memMiB', 1024),
  },
  {
    name: 'hostReserveMiB',
    label: 'Reserved for the host',
    unit: 'MiB',
    min: 0,
    max: 65536,
    step: 64,
    group: 'Host',
    help: 'Memory kept for the host OS, its agents and eviction headroom; no app may use it.',
    ...hostFigure('reserve', 'memMiB', 1, 'kube-reserved, system-reserved and the eviction threshold together'),
  },
  {
    name: 'appMemMiB',
    label: 'Memory per app',
    unit: 'MiB',
    default: 256,
    min: 1,
    max: 65536,
    step: 1,
    scale: 'log',
    group: 'Apps',
    help: 'What one app needs, the same whether it runs in a VM, a microVM or a container.',
    source: 'modelling choice: a small service; try the Kubernetes default request preset (200 MiB) or larger apps',
  },
  {
    name: 'vmGuestOsMemMiB',
    label: 'VM: guest OS',
    ...OVERHEAD_MIB,
    max: 16384,
    help: 'Memory each VM spends on its own kernel and OS services.',
    ...coreFigure(vm_guestOsMemMiB),
  },
  {
    name: 'vmVmmMemMiB',
    label: 'VM: hypervisor process (VMM)',
    ...OVERHEAD_MIB,
    max: 4096,
    help: 'Memory the host spends on each VM’s emulator process (QEMU).',
    ...coreFigure(vm_vmmOverheadMiB),
  },
  {
    name: 'microvmGuestOsMemMiB',
    label: 'MicroVM: guest kernel',
    ...OVERHEAD_MIB,
    max: 4096,
    help: 'Memory each microVM spends on its minimal guest kernel and init.',
    ...coreFigure(microvm_guestOsMemMiB),
  },
  {
    name: 'microvmVmmMemMiB',
    label: 'MicroVM: VMM',
    ...OVERHEAD_MIB,
    max: 1024,
    help: 'Memory the host spends on each microVM’s Firecracker process.',
    ...coreFigure(microvm_vmmOverheadMiB),
  },
  {
    name: 'containerRuntimeMemMiB',
    label: 'Container: runtime shim',
    ...OVERHEAD_MIB,
    max: 1024,
    help: 'Memory each container costs besides its app; no guest OS, the host kernel is shared.',
    ...coreFigure(container_guestOsMemMiB),
  },
] as const satisfies ParamTable;

export type ParamName = (typeof PARAMS)[number]['name'];
export type OneHostValues = Values<ParamName>;

export const PRESETS: readonly Preset<ParamName>[] = [
  {
    id: 'cloud-vm',
    label: 'Typical cloud VM',
    values: figureValues({ vmGuestOsMemMiB: vm_guestOsMemMiB, vmVmmMemMiB: vm_vmmOverheadMiB }),
    source:
      "guest OS 256 MiB: modelling choice in Manco et al. 2017 (LightVM) range 'hundreds of MB to several GB'; VMM 131 MB: QEMU as measured by Agache et al. 2020 (via a secondary summary)",
  },
  {
    id: 'heavy-vm',
    label: 'Full distro VM (1 GiB guest)',
    values: { vmGuestOsMemMiB: 1024, ...figureValues({ vmVmmMemMiB: vm_vmmOverheadMiB }) },
    source:
      "guest OS 1 GiB: modelling choice in Manco et al. 2017 (LightVM) range 'hundreds of MB to several GB'; VMM 131 MB: QEMU as measured by Agache et al. 2020 (via a secondary summary)",
  },
  {
    id: 'firecracker',
    label: 'Firecracker microVM',
    values: figureValues({ microvmGuestOsMemMiB: microvm_guestOsMemMiB, microvmVmmMemMiB: microvm_vmmOverheadMiB }),
    source:
      'VMM ≤ 5 MiB: Firecracker specification; guest kernel ~20 MB: Intel Clear Containers demo (Jones 2016, secondary), a modelling choice',
  },
  {
    id: 'kata-fc',
    label: 'Kata pod on Firecracker',
    values: figureValues({ microvmGuestOsMemMiB: kataFc_guestOsMemMiB, microvmVmmMemMiB: kataFc_vmmOverheadMiB }),
    source: "Kubernetes documentation (pod overhead): 'around 120MiB per Pod for the virtual machine and the guest OS'",
  },
  {
    id: 'runc',
    label: 'runc container',
    values: figureValues({ containerRuntimeMemMiB: container_guestOsMemMiB }),
    source:
      'Felter et al. 2014: no guest OS, shared host kernel; runtime-shim overhead not in our sources, so 0 (modelling choice)',
  },
  {
    id: 'k8s-default-request',
    label: 'Kubernetes default app request (200 MiB)',
    values: { appMemMiB: 200 },
    source:
      'kube-scheduler source (pod_resources.go) DefaultMemoryRequest = 200 MiB (the scheduler assumes it for pods without a memory request, for scoring only)',
  },
  {
    id: 'worked-example',
    label: 'Worked example (VMs at scale)',
    values: {
      hostMemGiB: 64,
      hostReserveMiB: 0,
      appMemMiB: 256,
      vmGuestOsMemMiB: 256,
      vmVmmMemMiB: 0,
      containerRuntimeMemMiB: 0,
    },
    source:
      'modelling choice: the worked example of the VMs-at-scale article (64 GiB for workloads, 256 MiB apps, 256 MiB of guest OS per VM, no VMM or runtime overhead), picked for round arithmetic',
  },
  {
    id: 'k8s-node',
    label: 'Kubernetes example node',
    values: hostValues({ hostMemGiB: ['capacity', 'memMiB', 1024], hostReserveMiB: ['reserve', 'memMiB'] }),
    source:
      'Kubernetes documentation, reserve compute resources (example scenario): 32 Gi node, 2 Gi + 1 Gi + 500 Mi reserved',
  },
];
