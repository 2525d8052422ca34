// How long each widget's model takes to compute its result at the default
// settings, in wasm under Node: what one re-run costs while a reader drags a
// control. Issue 4: "the result updates within 100 ms at default sizes"; the
// details say whether a re-run also fits in one 60 Hz frame (16.7 ms).
// Medians of at least 5 runs after a warm-up. Run with `npm run bench -- widgets`.
import { existsSync, readdirSync } from 'node:fs';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import type { WidgetEntry } from '../../src/widgets/widget-entry.ts';
import { judge, timeMs, type BenchCase, type BenchResult } from './harness.ts';

const FRAME_MS = 1000 / 60;

// The registry's list comes from Vite's import.meta.glob, which plain Node
// (npm run bench) does not have: the same folders, read here.
const widgetsDir = new URL('../../src/widgets/', import.meta.url);
const entries: WidgetEntry[] = (
  await Promise.all(
    readdirSync(widgetsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/entry.ts`, widgetsDir)))
      .map(async (d) => (await import(new URL(`${d.name}/entry.ts`, widgetsDir).href)).default as WidgetEntry),
  )
).sort((a, b) => a.order - b.order);

export const cases: BenchCase[] = entries.map((entry) => ({
  name: `widget: ${entry.id}, one re-run at the defaults (wasm)`,
  async run(runs: number): Promise<BenchResult> {
    const core = await loadCore();
    const values = defaults(entry.params);
    // The warm-up call inside timeMs compiles the core and grows its memory.
    const t = timeMs(() => entry.compute(core, values), runs);
    return judge({
      name: this.name,
      value: +t.median.toFixed(3),
      unit: 'ms',
      target: { op: '<=', value: 100 },
      runs,
      details: { withinOneFrame: t.median <= FRAME_MS, slowestRunMs: +Math.max(...t.all).toFixed(3) },
    });
  },
}));
