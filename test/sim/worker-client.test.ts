// The worker client's protocol logic with a fake worker, then client and
// worker host joined in-process over the real .wasm (no browser needed).
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import type { ScenarioResult } from '../../src/sim/scenarios.ts';
import { RunCancelledError, SimWorkerClient, type WorkerLike } from '../../src/sim/worker-client.ts';
import { createWorkerHost } from '../../src/sim/worker-host.ts';
import type { FromWorker, ToWorker } from '../../src/sim/worker-protocol.ts';

class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  terminated = false;
  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }
  reply(data: FromWorker): void {
    this.onmessage?.({ data });
  }
  terminate(): void {
    this.terminated = true;
  }
  runs(): Extract<ToWorker, { type: 'run' }>[] {
    return this.sent.filter((m): m is Extract<ToWorker, { type: 'run' }> => m.type === 'run');
  }
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
const fakeResult = (tag: number) => ({ summary: { tag } }) as unknown as ScenarioResult;

describe('SimWorkerClient with a fake worker', () => {
  it('sends only the last request of a burst', async () => {
    const w = new FakeWorker();
    const c = new SimWorkerClient(w);
    const a = c.run('w1', 'traffic-spike', { durationS: 100 });
    const b = c.run('w1', 'traffic-spike', { durationS: 200 });
    const d = c.run('w1', 'traffic-spike', { durationS: 300 });
    await expect(a).rejects.toBeInstanceOf(RunCancelledError);
    await expect(b).rejects.toMatchObject({ reason: 'superseded' });
    await tick();
    expect(w.runs().map((m) => m.input.durationS)).toEqual([300]);
    w.reply({ type: 'result', id: w.runs()[0].id, result: fakeResult(3) });
    expect((await d).summary.tag).toBe(3);
  });

  it('while a run is in flight, only the latest waiting request survives and runs next', async () => {
    const w = new FakeWorker();
    const c = new SimWorkerClient(w);
    const first = c.run('k', 'migration', { memMiB: 1 });
    await tick();
    const second = c.run('k', 'migration', { memMiB: 2 });
    const secondOutcome = second.catch((e: unknown) => e); // it is rejected before anyone awaits it
    await tick();
    const third = c.run('k', 'migration', { memMiB: 3 });
    await tick();
    expect(w.runs()).toHaveLength(1); // nothing new is sent while one runs
    expect(await secondOutcome).toMatchObject({ reason: 'superseded' });
    w.reply({ type: 'result', id: w.runs()[0].id, result: fakeResult(1) });
    expect((await first).summary.tag).toBe(1);
    expect(w.runs().map((m) => m.input.memMiB)).toEqual([1, 3]);
    w.reply({ type: 'result', id: w.runs()[1].id, result: fakeResult(3) });
    expect((await third).summary.tag).toBe(3);
    expect(c.inFlight).toBe(0);
  });

  it('keys are independent', async () => {
    const w = new FakeWorker();
    const c = new SimWorkerClient(w);
    const a = c.run('a', 'patch-day');
    const b = c.run('b', 'patch-day');
    await tick();
    expect(w.runs()).toHaveLength(2);
    const [ra, rb] = w.runs();
    w.reply({ type: 'result', id: rb.id, result: fakeResult(2) });
    w.reply({ type: 'result', id: ra.id, result: fakeResult(1) });
    expect([(await a).summary.tag, (await b).summary.tag]).toEqual([1, 2]);
  });

  it('cancelRunning cancels the in-flight run and drops its late result', async () => {
    const w = new FakeWorker();
    const c = new SimWorkerClient(w);
    const first = c.run('k', 'traffic-spike', {}, { cancelRunning: true });
    await tick();
    const firstId = w.runs()[0].id;
    const second = c.run('k', 'traffic-spike', { seed: 2 }, { cancelRunning: true });
    await expect(first).rejects.toMatchObject({ reason: 'superseded' });
    expect(w.sent).toContainEqual({ type: 'cancel', id: firstId });
    await tick();
    expect(w.runs()).toHaveLength(2); // the new one starts at once
    w.reply({ type: 'result', id: firstId, result: fakeResult(1) }); // late: dropped
    w.reply({ type: 'result', id: w.runs()[1].id, result: fakeResult(2) });
    expect((await second).summary.tag).toBe(2);
  });

  it('reports progress, passes errors as SimErrors, and cancel() rejects everything for the key', async () => {
    const w = new FakeWorker();
    const c = new SimWorkerClient(w);
    const seen: number[] = [];
    const p = c.run('k', 'traffic-spike', {}, { onProgress: (s) => seen.push(s.progress) });
    await tick();
    const id = w.runs()[0].id;
    w.reply({ type: 'progress', id, progress: 0.25, events: 10 });
    w.reply({ type: 'progress', id, progress: 0.5, events: 20 });
    w.reply({ type: 'error', id, error: { code: 1, field: 'durationS', message: 'durationS must be …' } });
    await expect(p).rejects.toBeInstanceOf(SimError);
    await expect(p).rejects.toMatchObject({ field: 'durationS', codeName: 'OutOfRange' });
    expect(seen).toEqual([0.25, 0.5]);

    const q = c.run('k', 'traffic-spike');
    await tick();
    const r = c.run('k', 'traffic-spike');
    const outcomes = Promise.all([q.catch((e: unknown) => e), r.catch((e: unknown) => e)]);
    c.cancel('k');
    const [eq, er] = await outcomes;
    expect([eq, er]).toMatchObject([{ reason: 'cancelled' }, { reason: 'cancelled' }]);
    expect(w.sent.at(-1)).toEqual({ type: 'cancel', id: w.runs()[1].id });
    expect(er).toBeInstanceOf(RunCancelledError);
    c.terminate();
    expect(w.terminated).toBe(true);
  });
});

/** Joins a client to a real worker host in this process; messages cross asynchronously like postMessage. */
function loopback(): { client: SimWorkerClient; toWorker: ToWorker[] } {
  const toWorker: ToWorker[] = [];
  const fake: WorkerLike = {
    onmessage: null,
    postMessage(message: ToWorker) {
      toWorker.push(message);
      setTimeout(() => void host.onMessage(structuredClone(message)), 0);
    },
  };
  const host = createWorkerHost({
    loadCore,
    post: (message, transfer) => {
      const copy = structuredClone(message, { transfer: transfer ?? [] });
      setTimeout(() => fake.onmessage?.({ data: copy }), 0);
    },
  });
  return { client: new SimWorkerClient(fake), toWorker };
}

describe('client and worker host over the real core', () => {
  it('a long run reports progress in chunks and returns the same result as a direct run', async () => {
    const { client } = loopback();
    const progress: number[] = [];
    const input = { preset: 'container', durationS: 20000, sampleS: 0.5 };
    const r = await client.run('w', 'traffic-spike', input, {
      chunkEvents: 2000,
      onProgress: (p) => progress.push(p.progress),
    });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(r.rows).toBe(40001);
    // Views survive the transfer and still share one buffer.
    expect(r.columns.demandRps.buffer).toBe(r.packed.buffer);
    const { simulate } = await import('../../src/sim/scenarios.ts');
    expect(r.traceHash).toBe(simulate(await loadCore(), 'traffic-spike', input).traceHash);
  });

  it('cancelling a long run stops the worker between chunks', async () => {
    const { client, toWorker } = loopback();
    const seen: number[] = [];
    const p = client.run(
      'w',
      'traffic-spike',
      { durationS: 600000, sampleS: 1 },
      {
        chunkEvents: 1000,
        onProgress: (s) => {
          seen.push(s.progress);
          if (seen.length === 3) client.cancel('w');
        },
      },
    );
    await expect(p).rejects.toMatchObject({ reason: 'cancelled' });
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.length).toBeLessThan(10);
    expect(toWorker.some((m) => m.type === 'cancel')).toBe(true);
    // The worker is free for the next request.
    const r = await client.run('w', 'migration');
    expect(r.summary.preCopyRounds).toBe(2);
  });

  it('core errors arrive as SimErrors naming the field', async () => {
    const { client } = loopback();
    await expect(client.run('w', 'patch-day', { apps: 0 })).rejects.toMatchObject({
      field: 'apps',
      codeName: 'OutOfRange',
    });
  });
});
