// The three patch-day runs in the page's simulation worker, so a fleet of
// 100,000 apps (a second or more of simulation) never blocks the page.
// Progress is the mean of the three runs, reported in steps of 5 %; aborting the model's run cancels
// all three in the worker.
import type { SimWorkerClient } from '../../sim/worker-client.ts';
import type { ComputeContext } from '../kit/model.ts';
import { runInWorker } from '../kit/worker.ts';
import { DESIGNS, fromRuns, scenarioInput, type PatchDayResult } from './model.ts';
import { WIDGET_ID, type PatchDayValues } from './params.ts';

export function computePatchDayInWorker(
  client: SimWorkerClient,
  v: PatchDayValues,
  ctx: ComputeContext,
): Promise<PatchDayResult> {
  const progress = DESIGNS.map(() => 0);
  // Each report re-renders the widget's frame; a few steps are enough for a progress bar.
  let shown = 0;
  const runs = DESIGNS.map((d, i) =>
    runInWorker(
      `${WIDGET_ID}-${d.id}`,
      'patch-day',
      scenarioInput(v, d),
      {
        signal: ctx.signal,
        progress: (f) => {
          progress[i] = f;
          const mean = progress.reduce((a, b) => a + b, 0) / progress.length;
          if (mean - shown >= 0.05 || mean === 1) {
            shown = mean;
            ctx.progress(mean);
          }
        },
      },
      client,
    ),
  );
  return Promise.all(runs).then((rs) => fromRuns(v, rs));
}
