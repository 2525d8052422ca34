#!/usr/bin/env node
// Lighthouse gate (issue 7): serves the built dist/ on 127.0.0.1 and runs
// Lighthouse (mobile form factor, default simulated throttling) in the system
// Chromium on the landing page, one article and the heaviest widget page.
// Prints a table, fails on the thresholds below that do not depend on the
// host's speed (all of them with --strict), and with --record writes the
// scores to test/quality/LIGHTHOUSE.md and lighthouse.json if every page
// meets every threshold.
//
//   node scripts/lighthouse.mjs [--dir dist] [--base /] [--runs 7] [--strict] [--record]
//
// Accessibility, best practices and SEO do not depend on how fast the host
// is: any miss fails. The performance score and total blocking time do:
// simulated throttling multiplies the CPU time each task took on this host
// by 4, so the same build reads 0 ms on one 2-core VM and up to 340 ms on
// another, or on the same one while it is busy. Those are speed goals, and
// speed goals are measured, not timed tests: a miss is printed as "slow*"
// with the host's BenchmarkIndex (the load is printed once for the run) and
// does not fail the run, unless --strict is given (for a quiet,
// desktop-class host; --record implies it).
// Each page runs --runs times and the run with the median performance score
// is the one reported and checked, as Lighthouse advises.
import lighthouse from 'lighthouse';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';
import { serve } from './serve.mjs';
import { siteDir } from './test-site.mjs';

export const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 95, tbtMs: 50 };

// The landing page; the longest article (with a widget); the widget page
// that loads the most (traffic spike: the most JavaScript and the largest
// page in `npm run budgets`).
const PAGES = [
  { name: 'landing page', path: '' },
  { name: 'article', path: 'course/deployment-speed-and-scaling/' },
  { name: 'widget page', path: 'widgets/traffic-spike/' },
];

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = siteDir(opt('--dir'));
const base = opt('--base', process.env.VIRTLAB_BASE || '/');
// Seven runs, not three or five: with three, one run on a busy CI machine (load
// average 3) was enough to make the reported median's blocking time 51 ms where it
// is 0–25 ms; on a noisier host one page's blocking time ran from 51 to 341 ms
// over eight runs of the same build.
const runs = Number(opt('--runs', '7'));
const record = args.includes('--record');
const strict = record || args.includes('--strict');
if (!Number.isInteger(runs) || runs < 1) {
  console.error('lighthouse: --runs must be a whole number of at least 1');
  process.exit(2);
}

/** Starts Chromium with a DevTools port of its own choosing; resolves to { proc, port, profile }. */
function launchChromium(exe) {
  const profile = mkdtempSync(join(tmpdir(), 'virtlab-lh-'));
  const proc = spawn(
    exe,
    [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((ok, fail) => {
    let err = '';
    const timer = setTimeout(() => fail(new Error(`Chromium printed no DevTools port:\n${err}`)), 30_000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        ok({ proc, port: Number(m[1]), profile });
      }
    });
    proc.once('exit', (code) => fail(new Error(`Chromium exited (${code}):\n${err}`)));
  });
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function summarize(lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
  const failing = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
        failing.push(`${c}: ${ref.id} (${a.displayValue ?? a.title})`);
    }
  }
  return {
    scores,
    tbtMs: Math.round(lhr.audits['total-blocking-time'].numericValue),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    fcpMs: Math.round(lhr.audits['first-contentful-paint'].numericValue),
    cls: Number(lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)),
    failing,
    lighthouseVersion: lhr.lighthouseVersion,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
  };
}

// What is measured on the host at hand: blocking time on load was 0 ms on
// every page on the 2-core Intel VM where the thresholds were set
// (BenchmarkIndex 2,000 to 2,300; test/quality/LIGHTHOUSE.md). On a 2-core AMD
// EPYC VM (BenchmarkIndex 1,000 to 2,000) the same pages block for longer:
// the page's style and layout, evaluating an island's modules and its
// hydration tasks take 10 to 60 ms there, 40 to 240 ms at Lighthouse's 4x.
// Measured there, 8 interleaved runs per build on a quiet host: the traffic
// spike's median 102 ms (51 to 341 per run), the article's 58 ms (0 to 271);
// in CI, after 40 minutes of browser suites, the landing page's has read 51 ms.
const TIMING = new Set(['performance', 'tbt']);

function check(s) {
  const misses = [];
  for (const c of CATEGORIES)
    if (s.scores[c] < THRESHOLDS[c]) misses.push({ what: c, text: `${c} ${s.scores[c]} < ${THRESHOLDS[c]}` });
  if (s.tbtMs > THRESHOLDS.tbtMs) misses.push({ what: 'tbt', text: `TBT ${s.tbtMs} ms > ${THRESHOLDS.tbtMs} ms` });
  const failing = strict ? misses : misses.filter((m) => !TIMING.has(m.what));
  const slow = strict ? [] : misses.filter((m) => TIMING.has(m.what));
  return { misses: failing.map((m) => m.text), slow: slow.map((m) => m.text) };
}

function table(results) {
  const head = ['', 'page', 'perf', 'a11y', 'best pr.', 'SEO', 'TBT ms', 'LCP ms', 'FCP ms', 'CLS', 'perf of runs'];
  const body = results.map((r) => [
    r.misses.length ? 'FAIL' : r.slow.length ? 'slow*' : 'ok',
    `${r.name} (/${r.path})`,
    ...CATEGORIES.map((c) => String(r.scores[c])),
    String(r.tbtMs),
    String(r.lcpMs),
    String(r.fcpMs),
    String(r.cls),
    r.runs.join(' '),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}

// Simulated throttling multiplies the CPU time each task took here, so a
// busy machine reads as a slow page: in CI, straight after the browser
// suites, one run started at a 1-minute load average of 3.9 on 2 cores
// (Lighthouse's BenchmarkIndex 970 to 1,180, against 1,500 to 2,000 when the
// same host is idle). A strict run, whose timing fails it, first waits for
// the work before to wind down: at most SETTLE_MAX_S, then goes on and says
// so. The table prints the load either way.
const SETTLE_LOAD = 1.5;
const SETTLE_MAX_S = 180;

async function settle() {
  const start = Date.now();
  const before = loadavg()[0];
  while (loadavg()[0] >= SETTLE_LOAD && Date.now() - start < SETTLE_MAX_S * 1000)
    await new Promise((resolve) => setTimeout(resolve, 5000));
  const waitedS = Math.round((Date.now() - start) / 1000);
  if (waitedS > 0)
    console.log(
      `lighthouse: waited ${waitedS} s for the 1-minute load average to fall below ${SETTLE_LOAD} (from ${before.toFixed(2)} to ${loadavg()[0].toFixed(2)}${loadavg()[0] >= SETTLE_LOAD ? `; gave up after ${SETTLE_MAX_S} s` : ''})`,
    );
}

async function main() {
  const exe = chromiumPath();
  if (!exe) {
    console.error('\n!!! LIGHTHOUSE SKIPPED: no Chromium found (set CHROME_PATH or install chromium).\n');
    process.exit(process.env.CI === 'true' ? 1 : 0);
  }
  // Only a strict run waits: its timing fails the run, so it should be the page's, not the suites' before it.
  if (strict) await settle();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  console.log(`lighthouse: load average before the runs: ${load}`);
  const { server, url } = await serve({ dir, port: 0, base });
  const chrome = await launchChromium(exe);
  const results = [];
  try {
    for (const p of PAGES) {
      const all = [];
      for (let i = 0; i < runs; i++) {
        const res = await lighthouse(url + p.path, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
        });
        if (!res?.lhr) throw new Error(`Lighthouse returned nothing for /${p.path}`);
        if (res.lhr.runtimeError)
          throw new Error(`/${p.path}: ${res.lhr.runtimeError.code} ${res.lhr.runtimeError.message}`);
        all.push(summarize(res.lhr));
      }
      const sorted = [...all].sort((a, b) => a.scores.performance - b.scores.performance || b.tbtMs - a.tbtMs);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      results.push({ ...p, ...median, runs: all.map((r) => r.scores.performance), ...check(median) });
    }
  } finally {
    // Chromium keeps writing its profile until it has exited: wait for that
    // before removing the folder, and never let cleanup hide a real error.
    const exited =
      chrome.proc.exitCode !== null ? Promise.resolve() : new Promise((resolve) => chrome.proc.once('exit', resolve));
    chrome.proc.kill();
    server.close();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try {
      rmSync(chrome.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      console.warn(`lighthouse: could not remove ${chrome.profile}: ${err instanceof Error ? err.message : err}`);
    }
  }
  const loadAfter = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  console.log(
    `\nLighthouse ${results[0].lighthouseVersion}, mobile, simulated throttling, median of ${runs} run(s) by performance score`,
  );
  console.log(
    `thresholds: performance ≥ ${THRESHOLDS.performance}, accessibility ${THRESHOLDS.accessibility}, best practices ≥ ${THRESHOLDS['best-practices']}, SEO ≥ ${THRESHOLDS.seo}, TBT ≤ ${THRESHOLDS.tbtMs} ms`,
  );
  console.log(
    `load average after: ${loadAfter}; Lighthouse benchmark index ${results.map((r) => r.benchmarkIndex).join(', ')}`,
  );
  console.log(
    strict
      ? 'timing (performance, TBT): checked (--strict)\n'
      : 'timing (performance, TBT): measured, not failing (slow*: over a threshold on this host; --strict fails)\n',
  );
  const text = table(results);
  console.log(text);
  for (const r of results) {
    for (const m of r.misses) console.error(`lighthouse: /${r.path}: ${m}`);
    if (r.slow.length)
      console.log(
        `lighthouse: /${r.path}: ${r.slow.join(', ')} (slow*: timing on this host, BenchmarkIndex ${r.benchmarkIndex}; not failing without --strict)`,
      );
    if (r.misses.length) for (const f of r.failing) console.error(`    not full marks: ${f}`);
  }
  const failed = results.filter((r) => r.misses.length).length;
  if (record && failed)
    console.error(
      '\nlighthouse: not recorded: a page missed a threshold (the record is of a run where every page meets every one)',
    );
  if (record && !failed) {
    const outDir = new URL('../test/quality/', import.meta.url);
    mkdirSync(outDir, { recursive: true });
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const json = {
      date,
      lighthouseVersion: results[0].lighthouseVersion,
      settings: 'mobile, simulated throttling',
      runs,
      loadBefore: load,
      loadAfter,
      thresholds: THRESHOLDS,
      pages: results.map(({ failing, ...r }) => r),
    };
    writeFileSync(new URL('lighthouse.json', outDir), `${JSON.stringify(json, null, 2)}\n`);
    const md = [
      '# Lighthouse scores',
      '',
      'Written by `npm run lighthouse -- --record` (`scripts/lighthouse.mjs`): Lighthouse in the',
      'system Chromium, mobile form factor, default simulated throttling, against the built',
      `site served on 127.0.0.1. Each page ran ${runs} times; the run with the median performance`,
      'score is shown. Scores depend on machine load (2 shared cores here).',
      '',
      `Recorded ${date} UTC with Lighthouse ${results[0].lighthouseVersion}; load average ${load} before, ${loadAfter} after;`,
      `Lighthouse benchmark index ${results.map((r) => r.benchmarkIndex).join(', ')}.`,
      '',
      `Thresholds: performance ≥ ${THRESHOLDS.performance}, accessibility ${THRESHOLDS.accessibility}, best practices ≥ ${THRESHOLDS['best-practices']}, SEO ≥ ${THRESHOLDS.seo}, total blocking time ≤ ${THRESHOLDS.tbtMs} ms.`,
      '',
      '```',
      text,
      '```',
      '',
    ].join('\n');
    writeFileSync(new URL('LIGHTHOUSE.md', outDir), md);
    console.log('\nlighthouse: wrote test/quality/LIGHTHOUSE.md and test/quality/lighthouse.json');
  }
  console.log(`\nlighthouse: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main().catch((err) => {
  console.error(`lighthouse: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
