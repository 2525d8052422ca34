// The island's compute: the three runs go to the simulation worker. A run's
// cost grows with run length ÷ sample interval and with the fleet, both under
// the reader's control (a day at 1 s samples is 86 401 samples per profile),
// so every run goes to the worker: the page never blocks, shows progress, and
// keeps one code path. The main thread never loads the wasm for this widget.
import type { SimWorkerClient } from '../../sim/worker-client.ts';
import type { ComputeContext } from '../kit/model.ts';
import { runInWorker } from '../kit/worker.ts';
import { assemble, PROFILES, renameError, scenarioInput, type TrafficSpikeResult } from './model.ts';
import { WIDGET_ID, type TrafficSpikeValues } from './params.ts';

export function computeInWorker(
  client: SimWorkerClient,
  v: TrafficSpikeValues,
  ctx: ComputeContext,
): Promise<TrafficSpikeResult> {
  // Inputs first: a bad demand point throws here, before anything is sent.
  const inputs = PROFILES.map((p) => scenarioInput(v, p.id));
  const done = PROFILES.map(() => 0);
  const runs = PROFILES.map((p, i) => {
    const sub: ComputeContext = {
      signal: ctx.signal,
      progress: (f) => {
        done[i] = f;
        ctx.progress(done.reduce((a, b) => a + b, 0) / done.length);
      },
    };
    return runInWorker(`${WIDGET_ID}-${p.id}`, 'traffic-spike', inputs[i], sub, client).catch((err: unknown) => {
      throw renameError(err, p.id);
    });
  });
  return Promise.all(runs).then(assemble);
}
