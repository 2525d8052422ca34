// Parameter table and presets of the stack explorer. Per-instance defaults
// are the core's isolation profiles (wasm-core/src/profiles.rs), the host is
// the core's Kubernetes example node; both cite their published sources.
// Sizes without a published figure are labelled modelling choices. MiB sizes
// are whole numbers (`integer`): the placement core counts whole MiB, and a
// fraction from a link was truncated or refused under a core field name.
import type { Preset } from '../kit/model.ts';
import { defaults, type ParamTable, type Values } from '../kit/params.ts';
import { coreFigure, figureValues, hostFigure, hostValues } from '../kit/core-figures.ts';
import {
  container_guestOsMemMiB,
  container_imageSizeMB,
  microvm_diskOverheadMiB,
  microvm_guestOsMemMiB,
  microvm_vmmOverheadMiB,
  vm_diskOverheadMiB,
  vm_guestOsMemMiB,
  vm_vmmOverheadMiB,
} from '../../sim/profiles.generated.ts';

export const WIDGET_ID = 'stack-explorer';

/** What the per-VM and per-container size controls share; each row sets its range's top and group. */
const SIZE_MIB = { unit: 'MiB', min: 0, step: 1, kind: 'integer', scale: 'log', advanced: true } as const;

export const PARAMS = [
  {
    name: 'apps',
    label: 'Apps',
    unit: 'apps',
    kind: 'integer',
    default: 6,
    min: 1,
    max: 1000,
    step: 1,
    scale: 'log',
    group: 'Apps',
    help: 'How many apps run on the host, one per VM or one per container.',
    source: 'modelling choice: six apps, as in the kernel figure of the patching article',
  },
  {
    name: 'appMemMiB',
    label: 'Memory per app (with its libraries)',
    unit: 'MiB',
    default: 256,
    min: 1,
    max: 65536,
    step: 1,
    kind: 'integer',
    scale: 'log',
    group: 'Apps',
    help: 'What one app and the libraries it loads need in memory, the same in a VM and in a container.',
    source: 'modelling choice: a small service (the same default as "One host, many apps")',
  },
  {
    name: 'appDiskMiB',
    label: 'App and libraries on disk',
    unit: 'MiB',
    default: 50,
    min: 0,
    max: 65536,
    step: 1,
    kind: 'integer',
    scale: 'log',
    group: 'Apps',
    help: 'Disk of one app with its libraries: the app’s own image layer, or the same files inside a VM’s disk.',
    source: 'modelling choice: no published figure for an app layer; try other sizes',
  },
  {
    name: 'hostMemGiB',
    label: 'Host memory',
    unit: 'GiB',
    kind: 'integer',
    min: 1,
    max: 4096,
    step: 1,
    scale: 'log',
    group: 'Host',
    advanced: true,
    help: 'Physical memory of the one host both stacks run on.',
    ...hostFigure('capacity', 'memMiB', 1024),
  },
  {
    name: 'hostDiskGiB',
    label: 'Host disk',
    unit: 'GiB',
    kind: 'integer',
    min: 1,
    max: 65536,
    step: 1,
    scale: 'log',
    group: 'Host',
    advanced: true,
    help: 'Local disk of the host.',
    ...hostFigure('capacity', 'diskMiB', 1024),
  },
  {
    name: 'hostReserveMiB',
    label: 'Host OS / hypervisor memory',
    unit: 'MiB',
    min: 0,
    max: 65536,
    step: 64,
    kind: 'integer',
    group: 'Host',
    advanced: true,
    help: 'Memory kept for the host kernel (or hypervisor), its agents and headroom: one per host in both stacks.',
    ...hostFigure('reserve', 'memMiB', 1, 'kube-reserved, system-reserved and the eviction threshold together'),
  },
  {
    name: 'hostReserveDiskMiB',
    label: 'Host OS / hypervisor disk',
    unit: 'MiB',
    min: 0,
    max: 1048576,
    step: 64,
    kind: 'integer',
    group: 'Host',
    advanced: true,
    help: 'Disk kept for the host OS and headroom.',
    ...hostFigure('reserve', 'diskMiB', 1, 'kube-reserved, system-reserved and the eviction threshold together'),
  },
  {
    name: 'vmGuestOsMemMiB',
    label: 'VM: guest OS memory',
    ...SIZE_MIB,
    max: 16384,
    group: 'Per VM',
    help: 'Memory each VM spends on its own kernel and OS services.',
    ...coreFigure(vm_guestOsMemMiB),
  },
  {
    name: 'vmGuestOsDiskMiB',
    label: 'VM: guest OS disk',
    ...SIZE_MIB,
    max: 65536,
    group: 'Per VM',
    help: 'Disk of each VM’s own OS image.',
    ...coreFigure(vm_diskOverheadMiB),
  },
  {
    name: 'vmVmmMemMiB',
    label: 'VM: hypervisor process (VMM)',
    ...SIZE_MIB,
    max: 4096,
    group: 'Per VM',
    help: 'Memory the host spends on each VM’s emulator process (QEMU).',
    ...coreFigure(vm_vmmOverheadMiB),
  },
  {
    name: 'containerRuntimeMemMiB',
    label: 'Container: runtime shim memory',
    ...SIZE_MIB,
    max: 1024,
    group: 'Containers',
    help: 'Memory each container costs besides its app: no guest OS, the host kernel is shared.',
    ...coreFigure(container_guestOsMemMiB),
  },
  {
    name: 'baseLayerDiskMiB',
    label: 'Container: shared base layers',
    ...SIZE_MIB,
    max: 16384,
    group: 'Containers',
    help: 'The base image layers every app image is built on; a host stores them once for all its containers.',
    ...coreFigure(container_imageSizeMB, 'MB taken as MiB, a modelling choice'),
  },
  {
    name: 'containersInVm',
    label: 'Containers run inside one Linux VM (as on Docker Desktop)',
    unit: '',
    kind: 'boolean',
    default: 0,
    min: 0,
    max: 1,
    step: 1,
    group: 'Containers',
    help: 'On: the containers share the kernel of one Linux VM that runs on the host, as Docker Desktop runs them on macOS and Windows; that VM’s guest OS and VMM are the VM settings’ per-VM values, counted once. The VM’s own memory limit is not modelled: the containers’ memory counts against the host.',
    source:
      'Docker Desktop on Windows runs its engine and the Linux containers in the Linux VM that WSL 2 provides (Docker Desktop: WSL 2 back end); sizing that VM like one of the VM stack’s guests is a modelling choice',
  },
] as const satisfies ParamTable;

export type ParamName = (typeof PARAMS)[number]['name'];
export type StackValues = Values<ParamName>;

const D = defaults(PARAMS);

// A laptop for the desktop presets; every size here is a modelling choice.
const LAPTOP = { hostMemGiB: 16, hostDiskGiB: 512, hostReserveMiB: 4096, hostReserveDiskMiB: 40960 } as const;
const LAPTOP_SOURCE = 'a 16 GiB, 512 GiB laptop with 4 GiB and 40 GiB for its own OS: modelling choices';

export const PRESETS: readonly Preset<ParamName>[] = [
  {
    id: 'cloud-vm',
    label: 'Typical cloud VM',
    values: figureValues({
      vmGuestOsMemMiB: vm_guestOsMemMiB,
      vmGuestOsDiskMiB: vm_diskOverheadMiB,
      vmVmmMemMiB: vm_vmmOverheadMiB,
    }),
    source:
      "guest OS 256 MiB and 600 MiB disk: modelling choices in Manco et al. 2017 (LightVM) range 'hundreds of MB to several GB'; VMM 131 MB: QEMU as measured by Agache et al. 2020 (via a secondary summary)",
  },
  {
    id: 'heavy-vm',
    label: 'Full distro VM (1 GiB guest)',
    values: {
      vmGuestOsMemMiB: 1024,
      vmGuestOsDiskMiB: 2048,
      ...figureValues({ vmVmmMemMiB: vm_vmmOverheadMiB }),
    },
    source:
      "guest OS 1 GiB memory and 2 GiB disk: modelling choices in Manco et al. 2017 (LightVM) range 'hundreds of MB to several GB'; VMM 131 MB: QEMU as measured by Agache et al. 2020 (via a secondary summary)",
  },
  {
    id: 'firecracker',
    label: 'Firecracker microVM as the VM',
    values: figureValues({
      vmGuestOsMemMiB: microvm_guestOsMemMiB,
      vmGuestOsDiskMiB: microvm_diskOverheadMiB,
      vmVmmMemMiB: microvm_vmmOverheadMiB,
    }),
    source:
      'VMM ≤ 5 MiB: Firecracker specification; guest kernel ~20 MB: Intel Clear Containers demo (Jones 2016, secondary); rootfs 5 MB: alpine, used as a minimal rootfs (modelling choices, as the core’s microvm profile)',
  },
  {
    id: 'alpine',
    label: 'Alpine base image',
    values: figureValues({ baseLayerDiskMiB: container_imageSizeMB }),
    source: "alpine 'only 5 MB' (Docker Official Images documentation: alpine), taken as 5 MiB",
  },
  {
    id: 'distroless',
    label: 'Distroless static base',
    values: { baseLayerDiskMiB: 2 },
    source: 'distroless README: static image ~2 MiB',
  },
  {
    id: 'ubuntu',
    label: 'Ubuntu base image',
    values: { baseLayerDiskMiB: 64 },
    source: 'Alpine Docker README: ubuntu 64.2 MB (docker images), rounded to 64 MiB',
  },
  {
    id: 'debian',
    label: 'Debian base image',
    values: { baseLayerDiskMiB: 114 },
    source: 'Alpine Docker README: debian 114 MB (docker images), taken as 114 MiB',
  },
  {
    id: 'windows-ubuntu',
    label: 'Windows laptop running Ubuntu',
    values: {
      ...LAPTOP,
      apps: 1,
      containersInVm: 0,
      vmGuestOsMemMiB: 1024,
      vmGuestOsDiskMiB: 2048,
      ...figureValues({ vmVmmMemMiB: vm_vmmOverheadMiB }),
    },
    source: `one app in a full-distribution guest (1 GiB memory, 2 GiB disk, as the full distro VM preset: modelling choices in Manco et al. 2017 (LightVM) range 'hundreds of MB to several GB'); VMM 131 MB: QEMU as measured by Agache et al. 2020 (via a secondary summary); ${LAPTOP_SOURCE}`,
  },
  {
    id: 'docker-desktop',
    label: 'Docker Desktop on a laptop',
    // The default apps and guest: pressed after the Windows/Ubuntu preset, it shows its own stack.
    values: {
      ...LAPTOP,
      containersInVm: 1,
      apps: D.apps,
      vmGuestOsMemMiB: D.vmGuestOsMemMiB,
      vmGuestOsDiskMiB: D.vmGuestOsDiskMiB,
      vmVmmMemMiB: D.vmVmmMemMiB,
    },
    source: `containers inside one Linux VM, as Docker Desktop on Windows runs them (Docker Desktop: WSL 2 back end); ${LAPTOP_SOURCE}`,
  },
  {
    id: 'k8s-node',
    label: 'Kubernetes example node',
    values: hostValues({
      hostMemGiB: ['capacity', 'memMiB', 1024],
      hostDiskGiB: ['capacity', 'diskMiB', 1024],
      hostReserveMiB: ['reserve', 'memMiB'],
      hostReserveDiskMiB: ['reserve', 'diskMiB'],
    }),
    source:
      'Kubernetes documentation, reserve compute resources (example scenario): 32 Gi / 100 Gi node; 2 Gi + 1 Gi + 500 Mi memory and 1 Gi + 1 Gi + 10 % disk reserved',
  },
];
