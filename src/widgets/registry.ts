// Every widget that can be embedded, in one list: the embed pages
// (src/pages/embed/), the <virtlab-…> elements (src/embed/elements.ts), the
// oEmbed responses and the embedding reference are all generated from it, so
// adding a widget is one entry here.
import type { FunctionComponent } from 'preact';
import type { Core, CorePart } from '../sim/core.ts';
import type { Preset } from './kit/model.ts';
import type { ParamTable, Values } from './kit/params.ts';
import { computeCluster, type ClusterResult } from './cluster-scheduler/model.ts';
import * as cluster from './cluster-scheduler/params.ts';
import { computeMigration, type MigrationResult } from './live-migration/model.ts';
import * as migration from './live-migration/params.ts';
import { computeOneHost, type OneHostResult } from './one-host/model.ts';
import * as oneHost from './one-host/params.ts';
import { computePatchDay, type PatchDayResult } from './patch-day/model.ts';
import * as patchDay from './patch-day/params.ts';
import { computeStacks, type StackResult } from './stack-explorer/model.ts';
import * as stacks from './stack-explorer/params.ts';
import { computeTrafficSpike, type TrafficSpikeResult } from './traffic-spike/model.ts';
import * as traffic from './traffic-spike/params.ts';

export interface WidgetEntry<N extends string = string, R = unknown> {
  /** Kebab-case id: `/embed/<id>/`, `<virtlab-<id>>`, the model's id. */
  id: string;
  title: string;
  /** The widget's page in the course, relative to the site base (for "Open in VirtLab"). */
  page: string;
  /** The island, loaded on demand so an embed page downloads only its own widget. */
  load: () => Promise<FunctionComponent<{ initial: R }>>;
  params: ParamTable<N>;
  presets: readonly Preset<N>[];
  /** The part of the core `compute` needs (src/sim/loader.ts): an element loads only that. */
  core: CorePart;
  /** The result for the defaults: computed at build time for embed pages, in the browser for elements. */
  compute: (core: Core, values: Values<N>) => R;
  /** Key numbers of a result, sent to the host page with its summary in words. */
  numbers?: (result: R) => Record<string, number>;
  /** The widget has a timeline, so the `paused` option matters. */
  timeline?: boolean;
  /** The iframe's height (px) before its first resize message, and oEmbed's height. */
  height: number;
}

/** Erases an entry's own parameter names and result type, so all entries share one list. */
function entry<N extends string, R>(e: WidgetEntry<N, R>): WidgetEntry {
  return e as unknown as WidgetEntry;
}

export const REGISTRY: readonly WidgetEntry[] = [
  entry<oneHost.ParamName, OneHostResult>({
    id: oneHost.WIDGET_ID,
    title: 'One host, many apps',
    page: 'widgets/one-host-many-apps/',
    load: () => import('./one-host/OneHost.tsx').then((m) => m.default),
    params: oneHost.PARAMS,
    presets: oneHost.PRESETS,
    core: 'placement',
    compute: computeOneHost,
    numbers: (r) => Object.fromEntries(r.profiles.map((p) => [`${p.id}Apps`, p.apps])),
    height: 900,
  }),
  entry<stacks.ParamName, StackResult>({
    id: stacks.WIDGET_ID,
    title: 'Stack explorer: VMs and containers, layer by layer',
    page: 'widgets/stack-explorer/',
    load: () => import('./stack-explorer/StackExplorer.tsx').then((m) => m.default),
    params: stacks.PARAMS,
    presets: stacks.PRESETS,
    core: 'placement',
    compute: computeStacks,
    numbers: (r) =>
      Object.fromEntries(r.stacks.flatMap((s) => [[`${s.id}Placed`, s.placed], [`${s.id}Kernels`, s.kernels], [`${s.id}AboveHostMemMiB`, s.aboveHostMemMiB]])),
    height: 1200,
  }),
  entry<cluster.ParamName, ClusterResult>({
    id: cluster.WIDGET_ID,
    title: 'Cluster scheduler',
    page: 'widgets/cluster-scheduler/',
    load: () => import('./cluster-scheduler/ClusterScheduler.tsx').then((m) => m.default),
    params: cluster.PARAMS,
    presets: cluster.PRESETS,
    core: 'placement',
    compute: computeCluster,
    numbers: (r) =>
      Object.fromEntries(r.sides.flatMap((s) => [[`${s.id}Placed`, s.placed], [`${s.id}Unplaced`, s.unplaced], [`${s.id}HostsUsed`, s.hostsUsed]])),
    timeline: true,
    height: 1400,
  }),
  entry<patchDay.ParamName, PatchDayResult>({
    id: patchDay.WIDGET_ID,
    title: 'Patch day: one fleet as VMs, containers and microVMs',
    page: 'widgets/patch-day/',
    load: () => import('./patch-day/PatchDay.tsx').then((m) => m.default),
    params: patchDay.PARAMS,
    presets: patchDay.PRESETS,
    core: 'scenarios',
    compute: computePatchDay,
    numbers: (r) =>
      Object.fromEntries(r.designs.flatMap((d) => [[`${d.id}TotalS`, d.totalS], [`${d.id}MaxAppsDown`, d.maxAppsDown], [`${d.id}KernelsToPatch`, d.kernelsToPatch]])),
    timeline: true,
    height: 1300,
  }),
  entry<traffic.ParamName, TrafficSpikeResult>({
    id: traffic.WIDGET_ID,
    title: 'Traffic spike',
    page: 'widgets/traffic-spike/',
    load: () => import('./traffic-spike/TrafficSpike.tsx').then((m) => m.default),
    params: traffic.PARAMS,
    presets: traffic.PRESETS,
    core: 'scenarios',
    compute: computeTrafficSpike,
    numbers: (r) =>
      Object.fromEntries(
        r.profiles.flatMap((p) => [[`${p.id}DroppedRequests`, p.droppedRequests], [`${p.id}SloViolationS`, p.sloViolationS], [`${p.id}PeakInstances`, p.peakInstances]]),
      ),
    timeline: true,
    height: 1400,
  }),
  entry<migration.ParamName, MigrationResult>({
    id: migration.WIDGET_ID,
    title: 'Live migration: VM pre-copy against container checkpoint/restore',
    page: 'widgets/live-migration/',
    load: () => import('./live-migration/LiveMigration.tsx').then((m) => m.default),
    params: migration.PARAMS,
    presets: migration.PRESETS,
    core: 'scenarios',
    compute: computeMigration,
    numbers: (r) => ({
      vmTotalS: r.vm.totalS,
      vmDowntimeMs: r.vm.downtimeMs,
      vmPreCopyRounds: r.vm.preCopyRounds,
      containerTotalS: r.container.totalS,
      containerDowntimeMs: r.container.downtimeMs,
    }),
    height: 1200,
  }),
];

export function findWidget(id: string): WidgetEntry | undefined {
  return REGISTRY.find((e) => e.id === id);
}
