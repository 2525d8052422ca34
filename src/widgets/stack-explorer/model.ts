// The stack explorer as core calls: the same N apps placed on one host as
// VMs and as containers. The core's placement applies each stack's
// per-instance footprint (wasm-core/src/profiles.rs model) and sums app and
// overhead memory and disk; what a host holds once (host OS or hypervisor,
// and for containers the shared base layers) is the host's reserve, so the
// core also checks that everything fits.
import type { Core } from '../../sim/core.ts';
import { SimError } from '../../sim/errors.ts';
import { place, type PlacementResult } from '../../sim/placement.ts';
import type { DataTable } from '../kit/export.ts';
import type { StackValues } from './params.ts';

export type StackId = 'vm' | 'container';

export interface Layer {
  id: string;
  label: string;
  memMiB: number;
  diskMiB: number;
  /** 'host': once per host (shared by every app); 'app': repeated for every app. */
  scope: 'hardware' | 'host' | 'app' | 'free';
  /** For repeated layers, one app's share. */
  perApp?: { memMiB: number; diskMiB: number };
}

export interface Stack {
  id: StackId;
  label: string;
  /** Apps the core placed on the host, and those that did not fit. */
  placed: number;
  unplaced: number;
  kernels: number;
  /** Layers bottom-up, hardware first, free space last. */
  layers: Layer[];
  /** Memory and disk above the host's own layer (what the apps cost). */
  aboveHostMemMiB: number;
  aboveHostDiskMiB: number;
  /** Of that, what is repeated per app besides the apps themselves. */
  repeatedOverheadMemMiB: number;
  repeatedOverheadDiskMiB: number;
}

export interface StackResult {
  apps: number;
  hostMemMiB: number;
  hostDiskMiB: number;
  baseLayerDiskMiB: number;
  /** The containers share one Linux VM's kernel (Docker Desktop), not the host's. */
  containersInVm: boolean;
  stacks: readonly Stack[];
}

/** Checks what the core would reject with a host-array field name, naming the widget's own control. */
function checkHost(v: StackValues): void {
  const fail = (field: string, message: string): never => {
    throw SimError.inconsistent(field, message);
  };
  if (v.hostReserveMiB > v.hostMemGiB * 1024) {
    fail(
      'hostReserveMiB',
      `Host OS / hypervisor memory (hostReserveMiB, ${v.hostReserveMiB} MiB) must be at most the host memory (${v.hostMemGiB * 1024} MiB).`,
    );
  }
  if (v.hostReserveDiskMiB + v.baseLayerDiskMiB > v.hostDiskGiB * 1024) {
    fail(
      v.hostReserveDiskMiB > v.hostDiskGiB * 1024 ? 'hostReserveDiskMiB' : 'baseLayerDiskMiB',
      `Host OS disk (hostReserveDiskMiB, ${v.hostReserveDiskMiB} MiB) plus the shared base layers (baseLayerDiskMiB, ${v.baseLayerDiskMiB} MiB) must be at most the host disk (${v.hostDiskGiB * 1024} MiB).`,
    );
  }
  // Containers inside one Linux VM: that VM is held on the host next to its own OS.
  if (v.containersInVm === 1) {
    const vmMiB = v.vmGuestOsMemMiB + v.vmVmmMemMiB;
    if (v.hostReserveMiB + vmMiB > v.hostMemGiB * 1024)
      fail(
        'containersInVm',
        `With the containers inside one Linux VM (containersInVm), the host OS (${v.hostReserveMiB} MiB) and that VM's guest OS and VMM (${vmMiB} MiB) must fit in the host memory (${v.hostMemGiB * 1024} MiB).`,
      );
    if (v.hostReserveDiskMiB + v.baseLayerDiskMiB + v.vmGuestOsDiskMiB > v.hostDiskGiB * 1024)
      fail(
        'containersInVm',
        `With the containers inside one Linux VM (containersInVm), the host OS disk (${v.hostReserveDiskMiB} MiB), the shared base layers (${v.baseLayerDiskMiB} MiB) and the VM's guest OS disk (${v.vmGuestOsDiskMiB} MiB) must fit on the host disk (${v.hostDiskGiB * 1024} MiB).`,
      );
  }
}

function placeOn(
  core: Core,
  v: StackValues,
  sharedDiskMiB: number,
  memOverheadMiB: number,
  diskOverheadMiB: number,
): PlacementResult {
  const workloads = new Uint32Array(v.apps * 3);
  for (let i = 0; i < v.apps; i++) {
    // CPU is not part of this picture: 0 millicores fits any host.
    workloads[3 * i + 1] = v.appMemMiB;
    workloads[3 * i + 2] = v.appDiskMiB;
  }
  return place(core, {
    policy: 'first-fit',
    hosts: [
      {
        cpuMillis: 1,
        memMiB: v.hostMemGiB * 1024,
        diskMiB: v.hostDiskGiB * 1024,
        reserve: { memMiB: v.hostReserveMiB, diskMiB: v.hostReserveDiskMiB + sharedDiskMiB },
      },
    ],
    workloads,
    dims: 3,
    profile: { memOverheadMiB, cpuOverheadMillis: 0, cpuEfficiency: 1, diskOverheadMiB },
  });
}

const MEM = 1;
const DISK = 2;

export function computeStacks(core: Core, v: StackValues): StackResult {
  checkHost(v);
  const hostMemMiB = v.hostMemGiB * 1024;
  const hostDiskMiB = v.hostDiskGiB * 1024;
  const hardware: Layer = {
    id: 'hardware',
    label: 'Hardware',
    memMiB: hostMemMiB,
    diskMiB: hostDiskMiB,
    scope: 'hardware',
  };
  const free = (used: PlacementResult, reserveMem: number, reserveDisk: number): Layer => {
    const s = used.summary;
    return {
      id: 'free',
      label: 'Free',
      memMiB: hostMemMiB - reserveMem - s.app[MEM] - s.overhead[MEM],
      diskMiB: hostDiskMiB - reserveDisk - s.app[DISK] - s.overhead[DISK],
      scope: 'free',
    };
  };

  // VMs: every app brings a guest OS (memory and disk) and a VMM process.
  const vm = placeOn(core, v, 0, v.vmGuestOsMemMiB + v.vmVmmMemMiB, v.vmGuestOsDiskMiB);
  const n = vm.summary.placed;
  const vmStack: Stack = {
    id: 'vm',
    label: 'Virtual machines',
    placed: n,
    unplaced: vm.summary.unplaced,
    kernels: n + 1,
    layers: [
      hardware,
      {
        id: 'hypervisor',
        label: 'Hypervisor and host OS',
        memMiB: v.hostReserveMiB,
        diskMiB: v.hostReserveDiskMiB,
        scope: 'host',
      },
      // The core sums guest OS + VMM as one overhead; split it by the per-VM inputs.
      {
        id: 'vmm',
        label: 'VMM process',
        memMiB: n * v.vmVmmMemMiB,
        diskMiB: 0,
        scope: 'app',
        perApp: { memMiB: v.vmVmmMemMiB, diskMiB: 0 },
      },
      {
        id: 'guest-os',
        label: 'Guest OS',
        memMiB: vm.summary.overhead[MEM] - n * v.vmVmmMemMiB,
        diskMiB: vm.summary.overhead[DISK],
        scope: 'app',
        perApp: { memMiB: v.vmGuestOsMemMiB, diskMiB: v.vmGuestOsDiskMiB },
      },
      {
        id: 'apps',
        label: 'Libraries and app',
        memMiB: vm.summary.app[MEM],
        diskMiB: vm.summary.app[DISK],
        scope: 'app',
        perApp: { memMiB: v.appMemMiB, diskMiB: v.appDiskMiB },
      },
      free(vm, v.hostReserveMiB, v.hostReserveDiskMiB),
    ],
    aboveHostMemMiB: vm.summary.app[MEM] + vm.summary.overhead[MEM],
    aboveHostDiskMiB: vm.summary.app[DISK] + vm.summary.overhead[DISK],
    repeatedOverheadMemMiB: vm.summary.overhead[MEM],
    repeatedOverheadDiskMiB: vm.summary.overhead[DISK],
  };

  // Containers: the host kernel is shared; the base layers are stored once per host.
  // Inside one Linux VM (Docker Desktop), they share that VM's kernel instead,
  // and the VM's guest OS and VMM are held once, like the host's own OS.
  const inVm = v.containersInVm === 1;
  const linuxVm: Layer = {
    id: 'linux-vm',
    label: 'Linux VM: guest OS and VMM (one shared kernel)',
    memMiB: v.vmGuestOsMemMiB + v.vmVmmMemMiB,
    diskMiB: v.vmGuestOsDiskMiB,
    scope: 'host',
  };
  const vmOnce = inVm ? linuxVm : { ...linuxVm, memMiB: 0, diskMiB: 0 };
  const ct = placeOn(
    core,
    {
      ...v,
      hostReserveMiB: v.hostReserveMiB + vmOnce.memMiB,
      hostReserveDiskMiB: v.hostReserveDiskMiB + vmOnce.diskMiB,
    },
    v.baseLayerDiskMiB,
    v.containerRuntimeMemMiB,
    0,
  );
  const m = ct.summary.placed;
  const ctStack: Stack = {
    id: 'container',
    label: inVm ? 'Containers in a Linux VM' : 'Containers',
    placed: m,
    unplaced: ct.summary.unplaced,
    kernels: inVm ? 2 : 1,
    layers: [
      hardware,
      {
        id: 'host-os',
        label: inVm ? 'Host OS and hypervisor' : 'Host OS (one shared kernel)',
        memMiB: v.hostReserveMiB,
        diskMiB: v.hostReserveDiskMiB,
        scope: 'host',
      },
      ...(inVm ? [linuxVm] : []),
      {
        id: 'runtime',
        label: 'Container runtime shim',
        memMiB: ct.summary.overhead[MEM],
        diskMiB: 0,
        scope: 'app',
        perApp: { memMiB: v.containerRuntimeMemMiB, diskMiB: 0 },
      },
      { id: 'base-layers', label: 'Shared base layers', memMiB: 0, diskMiB: v.baseLayerDiskMiB, scope: 'host' },
      {
        id: 'apps',
        label: 'App layer: libraries and app',
        memMiB: ct.summary.app[MEM],
        diskMiB: ct.summary.app[DISK],
        scope: 'app',
        perApp: { memMiB: v.appMemMiB, diskMiB: v.appDiskMiB },
      },
      free(ct, v.hostReserveMiB + vmOnce.memMiB, v.hostReserveDiskMiB + vmOnce.diskMiB + v.baseLayerDiskMiB),
    ],
    aboveHostMemMiB: ct.summary.app[MEM] + ct.summary.overhead[MEM] + vmOnce.memMiB,
    aboveHostDiskMiB: ct.summary.app[DISK] + ct.summary.overhead[DISK] + v.baseLayerDiskMiB + vmOnce.diskMiB,
    repeatedOverheadMemMiB: ct.summary.overhead[MEM],
    repeatedOverheadDiskMiB: ct.summary.overhead[DISK],
  };
  return {
    apps: v.apps,
    hostMemMiB,
    hostDiskMiB,
    baseLayerDiskMiB: v.baseLayerDiskMiB,
    containersInVm: inVm,
    stacks: [vmStack, ctStack],
  };
}

/** "512 MiB", "3.8 GiB", "120 GiB". */
export function size(mib: number): string {
  if (Math.abs(mib) < 1024) return `${Number(mib.toFixed(mib < 10 ? 1 : 0))} MiB`;
  const g = mib / 1024;
  return `${g >= 100 ? Math.round(g) : Number(g.toFixed(1))} GiB`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The result in words, for the live region, the caption and the chart's description. */
export function summary(r: StackResult): string {
  const [vm, ct] = r.stacks;
  const apps = plural(r.apps, 'app', 'apps');
  const parts = [
    `${apps} as VMs: ${plural(vm.kernels, 'kernel', 'kernels')}, ${size(vm.aboveHostMemMiB)} of memory and ${size(vm.aboveHostDiskMiB)} of disk above the hypervisor, ${size(vm.repeatedOverheadMemMiB)} and ${size(vm.repeatedOverheadDiskMiB)} of it guest OSes and VMMs repeated per app.`,
    r.containersInVm
      ? `As containers inside one Linux VM, as Docker Desktop runs them: 2 kernels (the host's and the VM's, which all containers share), ${size(ct.aboveHostMemMiB)} of memory and ${size(ct.aboveHostDiskMiB)} of disk above the host OS, the VM's guest OS and the ${size(r.baseLayerDiskMiB)} of base layers held once.`
      : `As containers: 1 shared kernel, ${size(ct.aboveHostMemMiB)} of memory and ${size(ct.aboveHostDiskMiB)} of disk above the host OS, with the ${size(r.baseLayerDiskMiB)} of base layers stored once.`,
  ];
  for (const s of r.stacks) {
    if (s.unplaced > 0)
      parts.push(
        `Only ${s.placed} of ${apps} fit on the ${size(r.hostMemMiB)} host as ${s.id === 'vm' ? 'VMs' : 'containers'}; the figures are for those.`,
      );
  }
  return parts.join(' ');
}

/** The rows behind both diagrams and the run export: one per layer of each stack. */
export function runTable(r: StackResult): DataTable {
  return {
    caption: `Memory and disk per layer for ${plural(r.apps, 'app', 'apps')} on one host, as VMs and as containers`,
    columns: [
      { key: 'stack', label: 'Stack' },
      { key: 'layer', label: 'Layer' },
      { key: 'scope', label: 'Shared or per app' },
      { key: 'copies', label: 'Copies' },
      { key: 'memMiB', label: 'Memory', unit: 'MiB' },
      { key: 'diskMiB', label: 'Disk', unit: 'MiB' },
    ],
    rows: r.stacks.flatMap((s) => stackRows(s)),
  };
}

const SCOPE_WORDS: Record<Layer['scope'], string> = {
  hardware: 'the host',
  host: 'shared, once per host',
  app: 'repeated per app',
  free: 'unused',
};

export function stackRows(s: Stack): Record<string, string | number>[] {
  return s.layers.map((l) => ({
    stack: s.label,
    layer: l.label,
    scope: SCOPE_WORDS[l.scope],
    copies: l.scope === 'app' ? s.placed : 1,
    memMiB: l.memMiB,
    diskMiB: l.diskMiB,
  }));
}

export function stackTable(r: StackResult, s: Stack): DataTable {
  return {
    ...runTable(r),
    caption: `${s.label}: memory and disk per layer for ${plural(s.placed, 'app', 'apps')}`,
    rows: stackRows(s),
  };
}
