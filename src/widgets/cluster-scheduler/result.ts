// The cluster scheduler's result: what the model computes (model.ts) and
// the words, tables and views read (words.ts, tables.ts, the island).
import type { FootprintParams } from '../../sim/placement.ts';

export type SideId = 'vm' | 'container';

export interface Side {
  id: SideId;
  /** "VMs" / "Containers". */
  label: string;
  /** "VM" / "container". */
  noun: string;
  footprintParams: FootprintParams;
  /** Per app in input order, 2 numbers each [cpuMillis, memMiB]: what is asked of the scheduler (after instance sizing) and the footprint on a host. */
  request: number[];
  footprint: number[];
  /** Host per app (input order), -1 when no host had room. */
  assignment: number[];
  /** App indices in placement order (decreasing policies sort; the others keep input order). */
  order: number[];
  /** Footprint placed per host, 2 per host [cpuMillis, memMiB]. */
  hostUsed: number[];
  placed: number;
  unplaced: number;
  hostsUsed: number;
  /** Sums over placed apps, [cpuMillis, memMiB]: what the apps need, instance-size slack, guest OS / VMM / CPU-efficiency overhead. */
  app: [number, number];
  sizing: [number, number];
  overhead: [number, number];
  usableOnUsedHosts: [number, number];
  /** Free capacity on used hosts that can no longer take even the smallest footprint of this workload (the core's definition). */
  stranded: [number, number];
}

export interface StepHost {
  /** 0-based host index. */
  host: number;
  /** Free before this step. */
  free: [number, number];
  fits: boolean;
  /** Kubernetes: per-plugin scores (null for hosts that failed the filter). */
  fit: number | null;
  balanced: number | null;
  total: number | null;
}

export interface StepSide {
  side: SideId;
  /** 0-based app index placed at this step. */
  app: number;
  /** 0-based host, -1 = none. */
  chosen: number;
  footprint: [number, number];
  hosts: StepHost[];
  words: string;
}

export interface StepView {
  step: number;
  sides: [StepSide, StepSide];
}

export interface ClusterResult {
  policy: number;
  policyLabel: string;
  kube: boolean;
  hostCount: number;
  /** Usable capacity of every host (they are identical), [cpuMillis, memMiB]. */
  hostUsable: [number, number];
  /** App needs, 2 per app [cpuMillis, memMiB], input order. */
  apps: number[];
  sides: [Side, Side];
  balancedWeight: number;
  /** The explanation of the last step, so the server render shows one. */
  lastStep: StepView;
}
