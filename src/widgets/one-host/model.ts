// "One host, many apps" as core calls: the same apps on one host as VMs,
// microVMs and containers; each profile adds its own per-instance overhead.
import type { Core } from '../../sim/core.ts';
import type { DataTable } from '../kit/export.ts';
import { renameFields } from '../kit/model.ts';
import type { OneHostValues, ParamName } from './params.ts';

export interface Profile {
  id: 'vm' | 'microvm' | 'container';
  label: string;
  /** Plural noun for prose: "as VMs". */
  noun: string;
  /** Parameters that add up to the per-instance overhead (the first takes the core's overhead errors). */
  overhead: readonly ParamName[];
  overheadLabel: string;
}

export const PROFILES: readonly Profile[] = [
  {
    id: 'vm',
    label: 'VMs',
    noun: 'VMs',
    overhead: ['vmGuestOsMemMiB', 'vmVmmMemMiB'],
    overheadLabel: 'guest OSes and VMMs',
  },
  {
    id: 'microvm',
    label: 'MicroVMs',
    noun: 'microVMs',
    overhead: ['microvmGuestOsMemMiB', 'microvmVmmMemMiB'],
    overheadLabel: 'guest kernels and VMMs',
  },
  {
    id: 'container',
    label: 'Containers',
    noun: 'containers',
    overhead: ['containerRuntimeMemMiB'],
    overheadLabel: 'runtime shims',
  },
];

export interface ProfileFit {
  id: Profile['id'];
  label: string;
  apps: number;
  /** Memory of one instance besides its app. */
  perInstanceOverheadMiB: number;
  appMemMiB: number;
  overheadMemMiB: number;
  freeMemMiB: number;
}

export interface OneHostResult {
  hostMemMiB: number;
  hostReserveMiB: number;
  profiles: readonly ProfileFit[];
}

export function computeOneHost(core: Core, v: OneHostValues): OneHostResult {
  const hostMemMiB = v.hostMemGiB * 1024;
  const profiles = PROFILES.map((p) => {
    const perInstanceOverheadMiB = p.overhead.reduce((s, k) => s + v[k], 0);
    const fit = renameFields({ hostMemMiB: 'hostMemGiB', overheadMiB: p.overhead[0] }, () =>
      core.hostFit({
        hostMemMiB,
        hostReserveMiB: v.hostReserveMiB,
        appMemMiB: v.appMemMiB,
        overheadMiB: perInstanceOverheadMiB,
      }),
    );
    return { id: p.id, label: p.label, perInstanceOverheadMiB, ...fit };
  });
  return { hostMemMiB, hostReserveMiB: v.hostReserveMiB, profiles };
}

export function gib(mib: number): string {
  const g = mib / 1024;
  return `${g >= 100 ? Math.round(g) : Number(g.toFixed(1))} GiB`;
}

function apps(n: number): string {
  return n === 1 ? '1 app' : `${n} apps`;
}

/** The result in words, e.g. for the live region and the caption. */
export function summary(r: OneHostResult): string {
  const by = Object.fromEntries(r.profiles.map((p) => [p.id, p])) as Record<Profile['id'], ProfileFit>;
  const host = gib(r.hostMemMiB);
  const vm = by.vm;
  const first = `On a ${host} host, ${apps(by.container.apps)} fit as containers, ${by.microvm.apps} as microVMs and ${vm.apps} as VMs.`;
  if (vm.apps === 0) return `${first} Not even one VM fits: its app and guest OS need more than the host has free.`;
  const share = Math.round((vm.overheadMemMiB / r.hostMemMiB) * 100);
  return `${first} The VMs spend ${gib(vm.overheadMemMiB)} (${share} % of the host) on guest OSes and VMMs.`;
}

/** The rows behind the chart and the run export. */
export function runTable(r: OneHostResult): DataTable {
  return {
    caption: `Memory of one ${gib(r.hostMemMiB)} host by isolation profile`,
    columns: [
      { key: 'profile', label: 'Profile' },
      { key: 'apps', label: 'Apps that fit' },
      { key: 'appMemMiB', label: 'Apps', unit: 'MiB' },
      { key: 'overheadMemMiB', label: 'Guest OS / VMM / shim', unit: 'MiB' },
      { key: 'freeMemMiB', label: 'Free', unit: 'MiB' },
      { key: 'hostReserveMiB', label: 'Host reserve', unit: 'MiB' },
      { key: 'perInstanceOverheadMiB', label: 'Overhead per instance', unit: 'MiB' },
      { key: 'hostMemMiB', label: 'Host memory', unit: 'MiB' },
    ],
    rows: r.profiles.map((p) => ({
      profile: p.label,
      apps: p.apps,
      appMemMiB: p.appMemMiB,
      overheadMemMiB: p.overheadMemMiB,
      freeMemMiB: p.freeMemMiB,
      hostReserveMiB: r.hostReserveMiB,
      perInstanceOverheadMiB: p.perInstanceOverheadMiB,
      hostMemMiB: r.hostMemMiB,
    })),
  };
}
