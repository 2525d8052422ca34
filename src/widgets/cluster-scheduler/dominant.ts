// What sets the VMs' host count, in words for the caption: CPU or memory,
// and which part of the VMs' extra footprint (instance-size rounding, guest
// OS and VMM memory, CPU efficiency) makes it. At the widget's defaults it is
// CPU rounded up to instance sizes, not guest-OS memory; the caption says so
// rather than let the reader credit the guest OS with the whole gap.
import type { ClusterResult } from './result.ts';
import { gib } from './words.ts';

/** Millicores as CPUs with one decimal: "40.8 CPU". */
function cpuText(millis: number): string {
  return `${Number((millis / 1000).toFixed(1))} CPU`;
}

export interface VmBinding {
  /** The resource that needs more hosts for the VMs (ties: memory). */
  binding: 'cpu' | 'memory';
  /** Lower bounds on hosts from each resource's total footprint over the usable capacity of one host. */
  hostsByCpu: number;
  hostsByMem: number;
  text: string;
}

export function vmBinding(r: ClusterResult): VmBinding {
  const vm = r.sides[0];
  const [usableCpu, usableMem] = r.hostUsable;
  const cpu = vm.app[0] + vm.sizing[0] + vm.overhead[0];
  const mem = vm.app[1] + vm.sizing[1] + vm.overhead[1];
  const hostsByCpu = usableCpu > 0 ? Math.ceil(cpu / usableCpu) : 0;
  const hostsByMem = usableMem > 0 ? Math.ceil(mem / usableMem) : 0;
  const binding = hostsByCpu > hostsByMem ? 'cpu' : 'memory';
  const cpuPart =
    `their CPU (${cpuText(cpu)}: ${cpuText(vm.app[0])} for the apps, ${cpuText(vm.sizing[0])} from rounding up to instance sizes, ` +
    `${cpuText(vm.overhead[0])} from CPU efficiency and per-VM overhead) needs at least ${hostsByCpu} ${hostsByCpu === 1 ? 'host' : 'hosts'}`;
  const memPart =
    `their memory (${gib(mem)}: ${gib(vm.app[1])} for the apps, ${gib(vm.overhead[1])} for guest OSes and VMMs, ${gib(vm.sizing[1])} from instance sizes) ` +
    `needs at least ${hostsByMem} ${hostsByMem === 1 ? 'host' : 'hosts'}`;
  const lead =
    binding === 'cpu'
      ? `For the VMs, CPU runs out first: ${cpuPart}; ${memPart}.`
      : `For the VMs, memory runs out first (or as soon as CPU): ${memPart}; ${cpuPart}.`;
  const hint =
    binding === 'cpu' && vm.sizing[0] > vm.overhead[0]
      ? ' Here the gap comes mostly from instance-size rounding, not from guest OSes; switch off “VMs come in instance sizes” to see what the guest OS alone costs.'
      : '';
  return { binding, hostsByCpu, hostsByMem, text: `${lead}${hint}` };
}
