// Every widget that can be embedded, in one list: the embed pages
// (src/pages/embed/), the <virtlab-…> elements (src/embed/elements.ts), the
// oEmbed responses and the embedding reference are all generated from it.
// Each entry lives beside its widget (<widget>/entry.ts); adding a widget means
// adding it here and in entry-loaders.ts.
import type { WidgetEntry } from './widget-entry.ts';
import oneHost from './one-host/entry.ts';
import stacks from './stack-explorer/entry.ts';
import cluster from './cluster-scheduler/entry.ts';
import patchDay from './patch-day/entry.ts';
import traffic from './traffic-spike/entry.ts';
import migration from './live-migration/entry.ts';

export type { WidgetEntry } from './widget-entry.ts';

export const REGISTRY: readonly WidgetEntry[] = [oneHost, stacks, cluster, patchDay, traffic, migration];

export function findWidget(id: string): WidgetEntry | undefined {
  return REGISTRY.find((e) => e.id === id);
}
