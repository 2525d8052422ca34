// What the registry knows of each widget (src/widgets/registry.ts): the type
// and the helper that lets entries of different parameter names share a list.
import type { FunctionComponent } from 'preact';
import type { Core, CorePart } from '../sim/core.ts';
import type { Preset } from './kit/model.ts';
import type { ParamTable, Values } from './kit/params.ts';

export interface WidgetEntry<N extends string = string, R = unknown> {
  /** Kebab-case id: `/embed/<id>/`, `<virtlab-<id>>`, the model's id. */
  id: string;
  title: string;
  /** Its place in the course (1 = first): the order of every list of widgets. */
  order: number;
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
export function entry<N extends string, R>(e: WidgetEntry<N, R>): WidgetEntry {
  return e as unknown as WidgetEntry;
}

/** The id of the widget whose entry is at `path` (`./<id>/entry.ts`): its folder's name. */
export function widgetIdOf(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/entry\.ts$/, '');
}
