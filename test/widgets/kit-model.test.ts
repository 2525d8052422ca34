import { describe, expect, it } from 'vitest';
import { SimError } from '../../src/sim/errors.ts';
import { createWidgetModel, renameFields, type ComputeContext } from '../../src/widgets/kit/model.ts';
import type { ParamTable, Values } from '../../src/widgets/kit/params.ts';

const TABLE = [
  { name: 'aMiB', label: 'A', unit: 'MiB', default: 10, min: 1, max: 100, step: 1, help: 'h', source: 's' },
  { name: 'bMiB', label: 'B', unit: 'MiB', default: 5, min: 0, max: 100, step: 1, help: 'h', source: 's' },
] as const satisfies ParamTable;
type N = (typeof TABLE)[number]['name'];

/** A fake engine: sum, but b may not exceed a (a cross-field rule, like the core's). */
function sum(_e: null, v: Values<N>): number {
  if (v.bMiB > v.aMiB) throw new SimError(5, 'bMiB', `bMiB must be a number from 0 to ${v.aMiB}, got ${v.bMiB}`);
  return v.aMiB + v.bMiB;
}

function model(compute: (e: null, v: Values<N>, ctx: ComputeContext) => number | Promise<number> = sum) {
  return createWidgetModel<N, number, null>({
    id: 't',
    params: TABLE,
    presets: [{ id: 'big', label: 'Big', values: { aMiB: 90, bMiB: 9 }, source: 'figures §0' }],
    // The defaults' result, as a build-time render would compute it.
    initial: 15,
    engine: () => Promise.resolve(null),
    compute,
  });
}

describe('widget model', () => {
  it('shows the build-time result until the engine is ready, then computes', async () => {
    const m = model();
    expect(m.result.value).toBe(15);
    expect(m.status.value).toBe('loading');
    m.set('aMiB', 11);
    await m.start();
    expect(m.status.value).toBe('ready');
    expect(m.result.value).toBe(16);
    m.set('aMiB', 20);
    expect(m.result.value).toBe(25);
    expect(m.resultValues.value).toEqual({ aMiB: 20, bMiB: 5 });
  });

  it('does not compute the defaults again while their build-time result is shown', async () => {
    const calls: Values<N>[] = [];
    const initial = { total: 15 };
    const m = createWidgetModel<N, { total: number }, null>({
      id: 't',
      params: TABLE,
      initial,
      engine: () => Promise.resolve(null),
      compute: (_e, v) => {
        calls.push(v);
        return { total: v.aMiB + v.bMiB };
      },
    });
    await m.start();
    expect(m.status.value).toBe('ready');
    expect(m.result.value).toBe(initial);
    expect(calls).toEqual([]);
    m.set('aMiB', 20);
    expect(m.result.value).toEqual({ total: 25 });
    // Back at the defaults, but the build-time result is no longer shown: compute.
    m.reset();
    expect(calls).toHaveLength(2);
    expect(m.result.value).toEqual({ total: 15 });
  });

  it('drops a run still in flight when the settings go back to the defaults', async () => {
    const pending: { v: Values<N>; ctx: ComputeContext; resolve: (r: number) => void }[] = [];
    const m = model((_e, v, ctx) => new Promise<number>((resolve) => pending.push({ v, ctx, resolve })));
    await m.start();
    expect(pending).toHaveLength(0);
    m.set('aMiB', 50);
    expect(m.status.value).toBe('computing');
    m.set('aMiB', 10);
    expect(pending).toHaveLength(1);
    expect(pending[0].ctx.signal.aborted).toBe(true);
    expect(m.status.value).toBe('ready');
    pending[0].resolve(55);
    await Promise.resolve();
    await Promise.resolve();
    expect(m.result.value).toBe(15);
    expect(m.resultValues.value).toEqual({ aMiB: 10, bMiB: 5 });
  });

  it('keeps the last good result and the settings on an invalid value, with the message at its control', async () => {
    const m = model();
    await m.start();
    m.set('aMiB', 0);
    expect(m.result.value).toBe(15);
    expect(m.values.value.aMiB).toBe(0);
    expect(m.issueFor('aMiB')?.message).toBe('A (aMiB) must be a number from 1 to 100 MiB; got 0.');
    m.set('aMiB', 3);
    expect(m.issueFor('bMiB')).toMatchObject({ from: 'core', message: 'bMiB must be a number from 0 to 3, got 5' });
    expect(m.result.value).toBe(15);
    m.set('bMiB', 2);
    expect(m.result.value).toBe(5);
    m.set('bMiB', 50);
    expect(m.issueFor('bMiB')?.message).toContain('got 50');
    expect(m.result.value).toBe(5);
    m.set('bMiB', 1);
    expect(m.issues.value).toEqual([]);
  });

  it('applies presets, reports which are active, and resets', async () => {
    const m = model();
    await m.start();
    m.applyPreset('big');
    expect(m.activePresets.value).toEqual(['big']);
    expect(m.result.value).toBe(99);
    m.set('bMiB', 8);
    expect(m.activePresets.value).toEqual([]);
    // The same array while no preset's state changes: a dragged slider does
    // not redraw the presets at every input.
    const none = m.activePresets.value;
    m.set('bMiB', 7);
    expect(m.activePresets.value).toBe(none);
    m.set('bMiB', 9);
    m.set('aMiB', 90);
    expect(m.activePresets.value).toEqual(['big']);
    m.reset();
    expect(m.values.value).toEqual({ aMiB: 10, bMiB: 5 });
    expect(m.result.value).toBe(15);
  });

  it('shows link problems until the reader touches that control or resets', async () => {
    const m = model();
    m.loadUrl({ values: { bMiB: 2 }, issues: [{ param: 'aMiB', message: 'bad link' }] });
    await m.start();
    expect(m.result.value).toBe(12);
    expect(m.issueFor('aMiB')).toMatchObject({ from: 'url', message: 'bad link' });
    m.set('aMiB', 11);
    expect(m.issueFor('aMiB')).toBeUndefined();
  });

  it('runs async computes latest-wins with progress, aborting the stale one', async () => {
    const pending: { v: Values<N>; ctx: ComputeContext; resolve: (r: number) => void }[] = [];
    const m = model((_e, v, ctx) => new Promise<number>((resolve) => pending.push({ v, ctx, resolve })));
    m.set('aMiB', 40);
    void m.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(m.status.value).toBe('computing');
    m.set('aMiB', 50);
    expect(pending).toHaveLength(2);
    expect(pending[0].ctx.signal.aborted).toBe(true);
    pending[1].ctx.progress(0.5);
    expect(m.progress.value).toBe(0.5);
    pending[0].resolve(1);
    pending[1].resolve(55);
    await Promise.resolve();
    await Promise.resolve();
    expect(m.result.value).toBe(55);
    expect(m.status.value).toBe('ready');
    expect(m.progress.value).toBeNull();
  });

  it('keeps the build-time result and says why when the engine cannot load', async () => {
    const m = createWidgetModel<N, number, null>({
      id: 't',
      params: TABLE,
      initial: -1,
      engine: () => Promise.reject(new Error('no wasm.')),
      compute: sum,
    });
    await m.start();
    expect(m.status.value).toBe('failed');
    expect(m.result.value).toBe(-1);
    expect(m.issues.value[0]).toMatchObject({ param: null, message: expect.stringContaining('no wasm.') });
  });

  it('runs once per animation frame, just after it, with the latest values, however many changes the frame got', async () => {
    const frames: (() => void)[] = [];
    const g = globalThis as { requestAnimationFrame?: (fn: () => void) => number };
    const saved = g.requestAnimationFrame;
    g.requestAnimationFrame = (fn) => frames.push(fn);
    try {
      const calls: Values<N>[] = [];
      const m = model((e, v) => {
        calls.push(v);
        return sum(e, v);
      });
      await m.start();
      // A drag: many input events before the next frame.
      for (let a = 11; a <= 40; a++) m.set('aMiB', a);
      expect(calls).toEqual([]);
      expect(frames).toHaveLength(1);
      frames.shift()!();
      // The run is a task of its own right after the frame, not part of it.
      expect(calls).toEqual([]);
      await new Promise((ok) => setTimeout(ok, 0));
      expect(calls).toEqual([{ aMiB: 40, bMiB: 5 }]);
      // Its result is shown a task later: computing and redrawing are two tasks.
      expect(m.result.value).not.toBe(45);
      await new Promise((ok) => setTimeout(ok, 0));
      expect(m.result.value).toBe(45);
      // The timer that backs the frame up finds nothing left to run.
      await new Promise((ok) => setTimeout(ok, 150));
      expect(calls).toHaveLength(1);
      // Where frames are paused (a hidden tab), the timer runs the change.
      m.set('aMiB', 50);
      await new Promise((ok) => setTimeout(ok, 150));
      expect(calls).toEqual([
        { aMiB: 40, bMiB: 5 },
        { aMiB: 50, bMiB: 5 },
      ]);
      expect(m.result.value).toBe(55);
      frames.shift()!();
      await new Promise((ok) => setTimeout(ok, 0));
      expect(calls).toHaveLength(2);
    } finally {
      g.requestAnimationFrame = saved;
    }
  });

  it("renames core fields to the widget's parameters", () => {
    expect(() =>
      renameFields({ hostMemMiB: 'hostMemGiB' }, () => {
        throw new SimError(1, 'hostMemMiB', 'x');
      }),
    ).toThrowError(expect.objectContaining({ field: 'hostMemGiB', message: 'x' }));
  });
});
