// Benchmarks of the event engine and the scenarios, in wasm under Node and
// natively (wasm-core/examples/bench_engine.rs, same Rust code), measured in
// the same run. Medians of at least 5 runs.
//
//   node test/bench/engine.bench.ts           (prints JSON)
//   node test/bench/engine.bench.ts --write   (also records test/bench/engine.results.json)
//
// Each case also stands alone for a harness: `cases` lists them with their
// targets from issue 3.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../src/sim/core.ts';
import { simulate } from '../../src/sim/scenarios.ts';
import { judge, median, timeMs, type BenchCase, type BenchResult } from './harness.ts';

export type { BenchCase, BenchResult } from './harness.ts';

const HOLD_EVENTS = 5_000_000;
const HOLD_ENTITIES = 1000;

let nativeCache: Record<string, unknown> | null | undefined;

/** The native baseline: the example binary, built with the pinned cargo. Null when no cargo. */
function native(runs: number): Record<string, unknown> | null {
  if (nativeCache !== undefined) return nativeCache;
  const crate = fileURLToPath(new URL('../../wasm-core/', import.meta.url));
  const cargo = existsSync('/usr/bin/cargo') ? '/usr/bin/cargo' : 'cargo';
  const env = { ...process.env, ...(existsSync('/usr/bin/rustc') ? { RUSTC: '/usr/bin/rustc' } : {}) };
  const r = spawnSync(
    cargo,
    ['run', '--quiet', '--release', '--example', 'bench_engine', '--', String(HOLD_EVENTS), String(runs)],
    {
      cwd: crate,
      env,
      encoding: 'utf8',
    },
  );
  nativeCache =
    r.status === 0 ? (JSON.parse(r.stdout.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>) : null;
  return nativeCache;
}

export const cases: BenchCase[] = [
  {
    name: 'engine: hold model events/s (wasm)',
    async run(runs) {
      const core = await loadCore();
      const rates: number[] = [];
      core.engineHold(HOLD_EVENTS / 10, HOLD_ENTITIES, 42); // warm-up
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const r = core.engineHold(HOLD_EVENTS, HOLD_ENTITIES, 42);
        rates.push(r.events / ((performance.now() - t) / 1000));
      }
      const n = native(runs);
      const wasm = median(rates);
      const nativeRate = typeof n?.eventsPerSecond === 'number' ? n.eventsPerSecond : undefined;
      return judge({
        name: this.name,
        value: Math.round(wasm),
        unit: 'events/s',
        target: { op: '>=', value: 5_000_000 },
        runs,
        details: {
          events: HOLD_EVENTS,
          entities: HOLD_ENTITIES,
          nativeEventsPerSecond: nativeRate ?? 'not measured (no cargo)',
          nativeOverWasm: nativeRate ? +(nativeRate / wasm).toFixed(2) : undefined,
        },
      });
    },
  },
  {
    name: 'traffic spike: default scenario (wasm)',
    async run(runs) {
      const core = await loadCore();
      const t = timeMs(() => simulate(core, 'traffic-spike'), runs);
      const n = native(runs);
      return judge({
        name: this.name,
        value: +t.median.toFixed(3),
        unit: 'ms',
        target: { op: '<=', value: 50 },
        runs,
        details: { nativeMs: n?.trafficSpikeDefaultMs ?? 'not measured (no cargo)' },
      });
    },
  },
  {
    name: 'datacenter: CloudSim Plus shape, placement + simulation to completion (wasm)',
    async run(runs) {
      const core = await loadCore();
      let summary: Record<string, number> = {};
      const t = timeMs(() => {
        summary = simulate(core, 'datacenter').summary;
      }, runs);
      const n = native(runs);
      return judge({
        name: this.name,
        value: +t.median.toFixed(1),
        unit: 'ms',
        target: { op: '<=', value: 1000 },
        runs,
        details: {
          hosts: 20000,
          vms: 40000,
          cloudlets: 50000,
          vmsPlaced: summary.vmsPlaced,
          cloudletsRun: summary.cloudletsRun,
          events: summary.events,
          nativeMs: n?.datacenterCloudsimShapeMs ?? 'not measured (no cargo)',
        },
      });
    },
  },
];

export async function runAll(runs = 5): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const c of cases) out.push(await c.run(Math.max(5, runs)));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await runAll(Number(process.env.BENCH_RUNS ?? 5));
  const record = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    results,
  };
  const text = `${JSON.stringify(record, null, 2)}\n`;
  if (process.argv.includes('--write')) writeFileSync(new URL('./engine.results.json', import.meta.url), text);
  console.log(text);
  process.exitCode = results.every((r) => r.pass !== false) ? 0 : 1;
}
