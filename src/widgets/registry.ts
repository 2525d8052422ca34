// Every widget that can be embedded: each folder src/widgets/<id>/ with an
// entry.ts (its id is the folder's name). The embed pages (src/pages/embed/),
// the <virtlab-…> elements (src/embed/elements.ts), the oEmbed responses and
// the embedding reference are all generated from this list; the embed page
// loads one entry at a time through ./entry-loaders.ts, from the same folders.
import type { WidgetEntry } from './widget-entry.ts';
import { widgetIdOf } from './widget-entry.ts';

export type { WidgetEntry } from './widget-entry.ts';

const ENTRIES = import.meta.glob<WidgetEntry>('./*/entry.ts', { eager: true, import: 'default' });

/** In course order (each entry's `order`). */
export const REGISTRY: readonly WidgetEntry[] = Object.entries(ENTRIES)
  .map(([path, entry]) => {
    if (entry.id !== widgetIdOf(path))
      throw new Error(`${path}: its entry's id is "${entry.id}", not its folder's name`);
    return entry;
  })
  .sort((a, b) => a.order - b.order);

export function findWidget(id: string): WidgetEntry | undefined {
  return REGISTRY.find((e) => e.id === id);
}
