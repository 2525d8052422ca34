// Turns the widget's values into core calls: one host, the same apps, packed
// as VMs (app + guest OS each) and as containers (app only).
import type { Core, HostFit } from '../../sim/core.ts';
import type { Values } from './params.ts';

export interface Comparison {
  vm: HostFit;
  container: HostFit;
}

export function compare(core: Core, v: Values): Comparison {
  const hostMemMiB = v.hostMemGiB * 1024;
  const base = { hostMemMiB, hostReserveMiB: 0, appMemMiB: v.appMemMiB };
  return {
    vm: core.hostFit({ ...base, overheadMiB: v.guestOsMemMiB }),
    container: core.hostFit({ ...base, overheadMiB: 0 }),
  };
}

export function summary(c: Comparison): string {
  return `As containers, ${c.container.apps} apps fit on this host; as VMs, ${c.vm.apps} fit, because each VM also spends memory on its own guest OS.`;
}
