// Each widget's registry entry, loaded on demand: the embed page
// (src/embed/page.ts) fetches only its own widget's parameters, presets and
// model, not all six (about 20 KB gzipped). The same folders as the registry
// (./registry.ts): src/widgets/<id>/entry.ts.
import { type WidgetEntry, widgetIdOf } from './widget-entry.ts';

export const ENTRY_LOADERS: Readonly<Record<string, () => Promise<WidgetEntry>>> = Object.fromEntries(
  Object.entries(import.meta.glob<WidgetEntry>('./*/entry.ts', { import: 'default' })).map(([path, load]) => [
    widgetIdOf(path),
    load,
  ]),
);

/** The entry for `id`, or undefined for an unknown id (never throws for a bad id). */
export function loadEntry(id: string): Promise<WidgetEntry | undefined> {
  return Object.hasOwn(ENTRY_LOADERS, id) ? ENTRY_LOADERS[id]() : Promise.resolve(undefined);
}
