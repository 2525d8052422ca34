// The kit's EmbedBinding for one embedded widget: applies the embed's
// settings to the model, tells the host page what happens (ready, result,
// error, state) and carries out validated requests from it. Used by the
// embed page (messages by postMessage) and by the elements (DOM events).
import type { EmbedBinding, ShownResult } from '../widgets/kit/embed-context.ts';
import type { WidgetModel } from '../widgets/kit/model.ts';
import type { Values } from '../widgets/kit/params.ts';
import type { WidgetEntry } from '../widgets/registry.ts';
import type { EmbedConfig } from './config.ts';
import { parseIncoming, VERSION, type ErrorMessage, type OutgoingMessage } from './messages.ts';

export interface EmbedHost extends EmbedBinding {
  /** A message from the host page (already known to come from it). */
  receive(data: unknown): void;
}

export function createEmbedBinding(
  entry: WidgetEntry,
  config: EmbedConfig,
  post: (m: OutgoingMessage) => void,
): EmbedHost {
  let model: WidgetModel | null = null;
  let readySent = false;
  let lastResult = '';
  let summary = '';
  const queue: unknown[] = [];
  const hide = new Set(config.hide);
  const lock = new Set(config.lock);

  const base = { version: VERSION, widget: entry.id } as const;
  const numbers = (m: WidgetModel): Record<string, number> => (entry.numbers ? entry.numbers(m.result.value) : {});
  const error = (
    message: string,
    source: ErrorMessage['source'],
    extra: { param?: string; requestId?: string | number } = {},
  ): void => post({ type: 'virtlab:error', ...base, message, source, ...extra });

  function sendReady(m: WidgetModel): void {
    if (readySent) return;
    readySent = true;
    post({
      type: 'virtlab:ready',
      ...base,
      values: { ...m.values.value },
      preset: config.preset,
      hide: config.hide,
      lock: config.lock,
      theme: config.theme,
      paused: config.paused,
    });
    // Problems with the embed's own settings, for a wrapper that records them.
    for (const i of config.issues) error(i.message, 'config', i.param ? { param: i.param } : {});
  }

  function handle(data: unknown): void {
    const m = model;
    if (!m) {
      queue.push(data);
      return;
    }
    const parsed = parseIncoming(data, entry, lock);
    if (parsed.kind === 'ignore') return;
    if (parsed.kind === 'error') {
      error(parsed.message, 'message', {
        ...(parsed.param ? { param: parsed.param } : {}),
        ...(parsed.requestId !== undefined ? { requestId: parsed.requestId } : {}),
      });
      return;
    }
    const msg = parsed.message;
    if (msg.type === 'virtlab:get') {
      post({
        type: 'virtlab:state',
        ...base,
        ...(msg.requestId !== undefined ? { requestId: msg.requestId } : {}),
        status: m.status.value,
        summary,
        values: { ...m.resultValues.value },
        numbers: numbers(m),
      });
    } else if (msg.type === 'virtlab:reset') {
      reset(m);
    } else {
      const preset = msg.preset ? entry.presets.find((p) => p.id === msg.preset) : undefined;
      m.setMany({ ...(preset?.values ?? {}), ...msg.values });
    }
  }

  function reset(m: WidgetModel): void {
    m.reset();
    m.loadUrl({ values: config.values, issues: [] });
  }

  return {
    hide,
    lock,
    paused: config.paused,
    bind(m) {
      model = m;
      m.loadUrl({ values: config.values, issues: config.issues });
      const stop = m.status.subscribe((s) => {
        if (s === 'loading') return;
        sendReady(m);
        if (s === 'failed')
          error(
            m.issues.value.find((i) => i.from === 'core')?.message ?? 'The simulation core could not be loaded.',
            'widget',
          );
      });
      for (const data of queue.splice(0)) handle(data);
      return () => {
        stop();
        model = null;
      };
    },
    report(m: WidgetModel, shown: ShownResult) {
      summary = shown.summary;
      if (shown.status === 'loading' || shown.status === 'computing') return;
      sendReady(m);
      const values: Values = { ...shown.values };
      const key = JSON.stringify([shown.summary, values]);
      if (key === lastResult) return;
      lastResult = key;
      post({
        type: 'virtlab:result',
        ...base,
        summary: shown.summary,
        values,
        numbers: entry.numbers ? entry.numbers(shown.result) : {},
      });
    },
    reset,
    receive: handle,
  };
}
