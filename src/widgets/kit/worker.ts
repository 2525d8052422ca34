// The kit's path to the simulation worker (src/sim/worker-client.ts) for runs
// that take longer than a frame. A widget's `compute` returns
// `runInWorker(…)`; the model then shows progress and keeps the latest result.
// Kept out of index.ts so widgets that never use the worker do not bundle it.
import type { ScenarioInput, ScenarioName, ScenarioResult } from '../../sim/scenarios.ts';
import { createSimWorker, type SimWorkerClient } from '../../sim/worker-client.ts';
import type { ComputeContext } from './model.ts';

let shared: SimWorkerClient | undefined;

/** One worker per page, started on first use. */
export function simWorker(): SimWorkerClient {
  shared ??= createSimWorker();
  return shared;
}

/**
 * Runs `scenario` in the worker for the widget `key`, reporting progress to
 * the model. When the model moves on (a newer value, an invalid value,
 * dispose), the run is cancelled in the worker.
 */
export function runInWorker(
  key: string,
  scenario: ScenarioName,
  input: ScenarioInput,
  ctx: ComputeContext,
  client: SimWorkerClient = simWorker(),
): Promise<ScenarioResult> {
  const run = client.run(key, scenario, input, { onProgress: (p) => ctx.progress(p.progress), cancelRunning: true });
  // The model aborts before it starts the next run, so this never cancels a newer one.
  ctx.signal.addEventListener('abort', () => client.cancel(key), { once: true });
  return run;
}
