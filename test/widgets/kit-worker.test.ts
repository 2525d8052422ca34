// The kit's async path over the real worker client, with a fake worker.
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/sim/scenarios.ts';
import { SimWorkerClient, type WorkerLike } from '../../src/sim/worker-client.ts';
import type { FromWorker, ToWorker } from '../../src/sim/worker-protocol.ts';
import { createWidgetModel } from '../../src/widgets/kit/model.ts';
import type { ParamTable } from '../../src/widgets/kit/params.ts';
import { runInWorker } from '../../src/widgets/kit/worker.ts';

const TABLE = [
  { name: 'memMiB', label: 'Memory', unit: 'MiB', default: 8, min: 1, max: 64, step: 1, help: 'h', source: 's' },
] as const satisfies ParamTable;

class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  sent: ToWorker[] = [];
  postMessage(m: ToWorker): void {
    this.sent.push(m);
  }
  reply(m: FromWorker): void {
    this.onmessage?.({ data: m });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('runInWorker', () => {
  it('shows progress, keeps only the latest run and cancels the stale one in the worker', async () => {
    const worker = new FakeWorker();
    const client = new SimWorkerClient(worker);
    const m = createWidgetModel({
      id: 'w',
      params: TABLE,
      initial: -1,
      engine: () => Promise.resolve(client),
      compute: (c, v, ctx) => runInWorker('w', 'migration', { memMiB: v.memMiB }, ctx, c).then((r) => r.params.memMiB),
    });
    // Settings from a link (the defaults' result is the build-time one and is not run again).
    m.set('memMiB', 12);
    await m.start();
    await tick();
    expect(m.status.value).toBe('computing');
    const first = worker.sent[0] as Extract<ToWorker, { type: 'run' }>;
    expect(first).toMatchObject({ type: 'run', scenario: 'migration', input: { memMiB: 12 } });
    worker.reply({ type: 'progress', id: first.id, progress: 0.4, events: 10 });
    expect(m.progress.value).toBe(0.4);

    m.set('memMiB', 16);
    await tick();
    expect(worker.sent).toContainEqual({ type: 'cancel', id: first.id });
    const second = worker.sent.find((s) => s.type === 'run' && s.id !== first.id) as Extract<ToWorker, { type: 'run' }>;
    expect(second.input).toEqual({ memMiB: 16 });
    worker.reply({ type: 'result', id: second.id, result: { params: { memMiB: 16 } } as unknown as ScenarioResult });
    await tick();
    expect(m.result.value).toBe(16);
    expect(m.status.value).toBe('ready');
    expect(m.issues.value).toEqual([]);
  });
});
