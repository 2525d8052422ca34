// What every benchmark module in test/bench/ shares: the result shape that
// scripts/bench.mjs records, the median, the verdict against a target, and
// the timing loop. Not a *.bench.ts file, so the runner does not load it.

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target, if any: value must be `op` target. */
  target?: { op: '>=' | '<='; value: number };
  pass?: boolean;
  runs: number;
  details?: Record<string, unknown>;
}

export interface BenchCase {
  name: string;
  run: (runs: number) => Promise<BenchResult>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Sets `pass` from the target. */
export function judge(r: BenchResult): BenchResult {
  if (r.target) r.pass = r.target.op === '>=' ? r.value >= r.target.value : r.value <= r.target.value;
  return r;
}

/** Times `fn` `runs` times after one warm-up call: the median and every run, in ms. */
export function timeMs(fn: () => void, runs: number): { median: number; all: number[] } {
  fn();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    all.push(performance.now() - t);
  }
  return { median: median(all), all };
}
