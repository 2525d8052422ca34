// Each widget's registry entry, loaded on demand: the embed page
// (src/embed/page.ts) fetches only its own widget's parameters, presets and
// model, not all six (about 20 KB gzipped). The ids must match REGISTRY's
// (test/embed/entry-loaders.test.ts checks that).
import type { WidgetEntry } from './widget-entry.ts';

export const ENTRY_LOADERS: Readonly<Record<string, () => Promise<WidgetEntry>>> = {
  'one-host': () => import('./one-host/entry.ts').then((m) => m.default),
  'stack-explorer': () => import('./stack-explorer/entry.ts').then((m) => m.default),
  'cluster-scheduler': () => import('./cluster-scheduler/entry.ts').then((m) => m.default),
  'patch-day': () => import('./patch-day/entry.ts').then((m) => m.default),
  'traffic-spike': () => import('./traffic-spike/entry.ts').then((m) => m.default),
  'live-migration': () => import('./live-migration/entry.ts').then((m) => m.default),
};

/** The entry for `id`, or undefined for an unknown id (never throws for a bad id). */
export function loadEntry(id: string): Promise<WidgetEntry | undefined> {
  return Object.hasOwn(ENTRY_LOADERS, id) ? ENTRY_LOADERS[id]() : Promise.resolve(undefined);
}
