// How an embedded widget (an embed page or a <virtlab-…> element, see
// src/embed/) reaches into the kit without the widgets knowing: the embed
// wraps the island in <EmbedContext.Provider>, and the kit's hooks and shell
// read it. Outside an embed the context is null and nothing changes.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DataTable } from './export.ts';
import type { Status, WidgetModel } from './model.ts';
import type { Values } from './params.ts';

/** One rendered result, as the shell showed it. */
export interface ShownResult {
  summary: string;
  run: DataTable;
  result: unknown;
  values: Values;
  status: Status;
}

export interface EmbedBinding {
  /** Parameters whose controls are not drawn. */
  readonly hide: ReadonlySet<string>;
  /** Parameters whose controls are shown but disabled (and that presets may not change). */
  readonly lock: ReadonlySet<string>;
  /** Timelines must not play until the reader starts them. */
  readonly paused: boolean;
  /** Used by `useWidgetModel` instead of binding the page URL: applies the
   * embed's settings and listens to the host page. Returns an unbind function. */
  bind(model: WidgetModel): () => void;
  /** Called by the shell whenever the shown result (and its words) change;
   * `shown` is what that render showed (the model may have moved on since). */
  report(model: WidgetModel, shown: ShownResult): void;
  /** Reset goes back to the embed's starting settings, not the table's defaults. */
  reset(model: WidgetModel): void;
}

export const EmbedContext = createContext<EmbedBinding | null>(null);

/** The embed the widget runs in, or null on the course's own pages. */
export function useEmbed(): EmbedBinding | null {
  return useContext(EmbedContext);
}
