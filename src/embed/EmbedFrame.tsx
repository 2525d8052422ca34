// Renders a registry widget inside an embed: the kit's EmbedContext around
// the island. Server rendering uses a binding with no effects (so the first
// paint already has no "Embed" button); the browser passes the live one.
import type { FunctionComponent } from 'preact';
import { EmbedContext, type EmbedBinding } from '../widgets/kit/embed-context.ts';

export interface EmbedFrameProps {
  widget: FunctionComponent<{ initial: unknown }>;
  initial: unknown;
  binding: EmbedBinding;
}

export function EmbedFrame({ widget: Widget, initial, binding }: EmbedFrameProps) {
  return (
    <EmbedContext.Provider value={binding}>
      <Widget initial={initial} />
    </EmbedContext.Provider>
  );
}

/** The binding for server rendering: nothing hidden or locked yet, nothing to report. */
export const STATIC_BINDING: EmbedBinding = {
  hide: new Set(),
  lock: new Set(),
  paused: false,
  bind: () => () => undefined,
  report: () => undefined,
  reset: (m) => m.reset(),
};
