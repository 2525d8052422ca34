// The embed binding over a real kit model: settings applied, ready before
// the first result, duplicate results not re-sent, requests queued until the
// widget binds, bad requests answered with errors, reset back to the embed's
// own settings.
import { describe, expect, it } from 'vitest';
import { createEmbedBinding } from '../../src/embed/binding.ts';
import { parseEmbedConfig } from '../../src/embed/config.ts';
import type { OutgoingMessage } from '../../src/embed/messages.ts';
import { createWidgetModel, type WidgetModel } from '../../src/widgets/kit/model.ts';
import type { ParamTable } from '../../src/widgets/kit/params.ts';
import type { WidgetEntry } from '../../src/widgets/registry.ts';

const PARAMS = [
  { name: 'a', label: 'A', unit: '', default: 2, min: 0, max: 100, step: 1, help: 'h', source: 's' },
  { name: 'b', label: 'B', unit: '', default: 3, min: 0, max: 100, step: 1, help: 'h', source: 's' },
] as const satisfies ParamTable;
type R = { product: number };
const ENTRY = {
  id: 'demo',
  title: 'Demo',
  page: 'widgets/demo/',
  load: async () => () => null,
  params: PARAMS,
  presets: [{ id: 'ten', label: 'Ten', values: { a: 10 }, source: 's' }],
  compute: (_: unknown, v: Record<string, number>) => ({ product: v.a * v.b }),
  numbers: (r: unknown) => ({ product: (r as R).product }),
  height: 300,
} as unknown as WidgetEntry;

function setup(query: string) {
  const out: OutgoingMessage[] = [];
  const host = createEmbedBinding(ENTRY, parseEmbedConfig(ENTRY, query), (m) => out.push(m));
  const model = createWidgetModel<'a' | 'b', R, null>({
    id: 'demo',
    params: PARAMS,
    presets: ENTRY.presets,
    initial: { product: 6 },
    engine: async () => null,
    compute: (_, v) => ({ product: v.a * v.b }),
  });
  const report = () =>
    host.report(model as unknown as WidgetModel, {
      summary: `product ${model.result.value.product}`,
      run: { caption: '', columns: [], rows: [] },
      result: model.result.value,
      values: model.resultValues.value,
      status: model.status.value,
    });
  return { out, host, model, report };
}

describe('embed binding', () => {
  it('applies the settings, sends ready once, then each new result once', async () => {
    const { out, host, model, report } = setup('?preset=ten&b=4&bogus=1');
    host.receive({ type: 'virtlab:set', values: { b: 5 } }); // before binding: queued
    host.bind(model as unknown as WidgetModel);
    await model.start();
    report();
    report();
    const types = out.map((m) => m.type);
    expect(types.filter((t) => t === 'virtlab:ready')).toHaveLength(1);
    expect(types.indexOf('virtlab:ready')).toBe(0);
    expect(out.find((m) => m.type === 'virtlab:error')).toMatchObject({
      source: 'config',
      message: expect.stringMatching(/bogus/),
    });
    const results = out.filter((m) => m.type === 'virtlab:result');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      version: 1,
      widget: 'demo',
      values: { a: 10, b: 5 },
      numbers: { product: 50 },
      summary: 'product 50',
    });
  });

  it('answers get with the state, errors for bad requests, and resets to the embed settings', async () => {
    const { out, host, model, report } = setup('?a=7&lock=a');
    host.bind(model as unknown as WidgetModel);
    await model.start();
    report();
    host.receive({ type: 'virtlab:set', values: { a: 1 }, requestId: 1 });
    expect(out.at(-1)).toMatchObject({ type: 'virtlab:error', source: 'message', param: 'a', requestId: 1 });
    host.receive({ type: 'virtlab:set', values: { b: 10 } });
    expect(model.values.value).toEqual({ a: 7, b: 10 });
    host.receive({ type: 'virtlab:get', requestId: 'q' });
    expect(out.at(-1)).toMatchObject({
      type: 'virtlab:state',
      requestId: 'q',
      status: 'ready',
      values: { a: 7, b: 10 },
    });
    host.receive({ type: 'virtlab:reset' });
    expect(model.values.value).toEqual({ a: 7, b: 3 });
    host.receive('not for us');
    expect(out.at(-1)?.type).toBe('virtlab:state');
  });
});
