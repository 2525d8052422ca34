#!/usr/bin/env node
// `npm run bench`: runs every benchmark module in test/bench/ (files named
// *.bench.ts exporting `cases: BenchCase[]`, see test/bench/harness.ts)
// and records medians, targets and verdicts in test/bench/RESULTS.md.
//
//   npm run bench                      all cases, 5 runs each
//   npm run bench -- placement         only modules whose name contains "placement"
//   VIRTLAB_BENCH_RUNS=7 npm run bench more runs (at least 5 are used)
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The modules are TypeScript: re-run with type stripping when Node needs the flag.
if (!process.features?.typescript) {
  const r = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--no-warnings=ExperimentalWarning',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const dir = new URL('../test/bench/', import.meta.url);
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const runs = Math.max(5, Number(process.env.VIRTLAB_BENCH_RUNS ?? 5));
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

const sections = [];
let failed = 0;
for (const file of modules) {
  const mod = await import(pathToFileURL(fileURLToPath(new URL(file, dir))).href);
  const results = [];
  for (const c of mod.cases ?? []) {
    process.stderr.write(`bench: ${c.name} ... `);
    try {
      const r = await c.run(runs);
      results.push(r);
      // The wasm/native ratio beside each wasm figure, where the case measured native code too.
      const ratio = r.details?.wasmOverNative;
      process.stderr.write(
        `${r.value} ${r.unit}${r.target ? ` (target ${r.target.op} ${r.target.value}: ${r.pass ? 'met' : 'NOT met'})` : ''}${typeof ratio === 'number' ? ` [wasm/native ${ratio}x${r.details.wasmMs ? ` of ${r.details.wasmMs} ms` : ''}]` : ''}\n`,
      );
      if (r.target && !r.pass) failed++;
    } catch (err) {
      results.push({
        name: c.name,
        value: NaN,
        unit: '',
        runs,
        error: err instanceof Error ? err.message : String(err),
      });
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      failed++;
    }
  }
  sections.push({ file, results });
}

const fmt = (v) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(v));
const lines = [
  '# Benchmark results',
  '',
  `Recorded by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.`,
  `Load average when the run ended: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ', ',
    )} (1, 5, 15 min) — other work on the machine slows every case, baselines included; ratios are more robust than absolute times.`,
  ...(loadavg()[1] > cpus().length
    ? [
        `**The machine was shared during this run** (5-minute load ${loadavg()[1].toFixed(1)} on ${cpus().length} cores): absolute times are inflated and vary; the wasm/native ratios are medians of pairs of runs taken a fraction of a second apart, so both sides of a pair see about the same load.`,
      ]
    : []),
  `Each value is the median of ${runs} runs after a warm-up; ratios are measured in the same run (wasm/native: rustup's cargo builds wasm-core/examples/bench_place.rs, same instance; in the placement and Kubernetes cases \`wasmOverNative\` is the median, over ${3 * runs} pairs of one wasm run and one native run right after it, of the pair's ratio (the host shifts between speeds in spells of up to a few seconds, which medians taken apart would compare), \`ratioOfMedians\` the ratio of the two sides' medians; \`nativeMs\` calls the same export as the wasm case with the same input buffers, \`nativeCoreMs\` the library function alone). Targets are issue 3's, 16's and 17's.`,
  '',
];
for (const s of sections) {
  lines.push(`## ${s.file}`, '', '| case | value | target | met | details |', '|---|---|---|---|---|');
  for (const r of s.results) {
    const details = r.error
      ? `error: ${r.error}`
      : Object.entries(r.details ?? {})
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}: ${fmt(v)}`)
          .join('; ');
    lines.push(
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ? `${r.target.op} ${fmt(r.target.value)}` : ''} | ${r.target ? (r.pass ? 'yes' : '**no**') : ''} | ${details.replace(/\|/g, '\\|')} |`,
    );
  }
  lines.push('');
}
const out = new URL('RESULTS.md', dir);
if (filter.length === 0) {
  writeFileSync(out, lines.join('\n'));
  // Biome formats Markdown too (npm run lint checks it): write the file as it would.
  spawnSync('npx', ['biome', 'format', '--write', fileURLToPath(out)], { stdio: 'ignore' });
} else process.stderr.write('bench: a filter was given, so RESULTS.md was not rewritten\n');
process.stdout.write(`${lines.join('\n')}\n`);
process.stderr.write(`bench: ${failed} case(s) missed a target or failed\n`);
