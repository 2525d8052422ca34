// How long each widget's model takes to compute its result at the default
// settings, in wasm under Node: what one re-run costs while a reader drags a
// control. Issue 4: "the result updates within 100 ms at default sizes"; the
// details say whether a re-run also fits in one 60 Hz frame (16.7 ms).
// Medians of at least 5 runs after a warm-up. Run with `npm run bench -- widgets`.
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';
import type { BenchCase, BenchResult } from './engine.bench.ts';

const FRAME_MS = 1000 / 60;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const cases: BenchCase[] = REGISTRY.map((entry) => ({
  name: `widget: ${entry.id}, one re-run at the defaults (wasm)`,
  async run(runs: number): Promise<BenchResult> {
    const core = await loadCore();
    const values = defaults(entry.params);
    entry.compute(core, values); // warm-up: compiles, grows memory
    const all: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      entry.compute(core, values);
      all.push(performance.now() - t);
    }
    const ms = median(all);
    return {
      name: this.name,
      value: +ms.toFixed(3),
      unit: 'ms',
      target: { op: '<=', value: 100 },
      pass: ms <= 100,
      runs,
      details: { withinOneFrame: ms <= FRAME_MS, slowestRunMs: +Math.max(...all).toFixed(3) },
    };
  },
}));
