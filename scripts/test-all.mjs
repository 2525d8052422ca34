#!/usr/bin/env node
// `npm test` (the default, under 10 minutes on a quiet 2-core machine) and
// `npm test -- --full` (`npm run test:full`: every suite; CI runs it).
//
// Default: the Rust core's cargo tests, the Vitest unit tests and the
// two site builds (under the sub-path, then at the root) run side by side; then every browser test against the
// site under /some/sub/path/ (links, islands, wasm, search and the service
// worker must work under a sub-path, and that build is what most hosts
// serve), the browser tests whose behaviour depends on the base path
// (tagged @base) against a root build, and Firefox over the root build.
// --full adds every browser test at the root, the size and smoothness
// budgets and Lighthouse.
//
// Test sites are built into .test-sites/ (scripts/test-site.mjs), never
// dist/, so a running `npm start` keeps its site. A build that prints a
// warning fails. A suite that cannot run here (no Rust toolchain, no
// Chromium) is reported as skipped, loudly; under CI=true that is a failure.
import { spawn, spawnSync } from 'node:child_process';
import { toolchain } from './cargo.mjs';
import { testSiteDir } from './test-site.mjs';

const ci = process.env.CI === 'true';
const started = Date.now();
const full = process.argv.includes('--full');
const results = [];
const SUB = '/some/sub/path/';

/** Runs one suite; with `quiet` its output is held and printed whole when it ends (suites running side by side). */
function suite(name, cmd, args, { env = {}, quiet = false, check } = {}) {
  const start = Date.now();
  if (!quiet) console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      stdio: quiet || check ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    let out = '';
    const keep = (stream, sink) =>
      stream?.on('data', (b) => {
        out += b;
        if (!quiet) sink.write(b);
      });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('close', (code) => {
      if (quiet) console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}\n${out}`);
      const problem = code === 0 && check ? check(out) : undefined;
      if (problem) console.error(`\n!!! ${name}: ${problem}`);
      const r = { name, ok: code === 0 && !problem, s: (Date.now() - start) / 1000 };
      results.push(r);
      done(r);
    });
  });
}

/** A site build into its own folder; any warning it prints fails it (the build is kept clean, issue 19). */
function build(name, base) {
  return suite(name, 'npx', ['astro', 'build', '--outDir', testSiteDir(base)], {
    env: { VIRTLAB_BASE: base },
    check: (out) => {
      const warnings = out.split('\n').filter((l) => /\[WARN\]|\(!\)/.test(l));
      return warnings.length ? `the build printed ${warnings.length} warning(s):\n${warnings.join('\n')}` : undefined;
    },
  });
}

const hasCargo = spawnSync(toolchain().cargo, ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasCargo) {
  console.error('\n!!! RUST TESTS SKIPPED: no cargo found. Install rustc and cargo (see README) to run them.\n');
  results.push({ name: 'rust', ok: !ci, skipped: true });
}
// Side by side: each is mostly one core's work, and the machine has two or more.
await Promise.all([
  hasCargo && suite('rust', process.execPath, ['scripts/cargo.mjs', 'test', '--locked'], { quiet: true }),
  suite('unit', 'npx', ['vitest', 'run', '--config', 'test/vitest.config.ts'], { quiet: true }),
  // The two builds one after the other (each is itself parallel), beside the tests.
  build(`build under ${SUB}`, SUB).then(() => build('build at the root', '/')),
]);

// Both browser passes serve the build's content security policy (its
// _headers, sent by scripts/serve.mjs as for `npm start` and the offline
// bundle), and any violation fails a test: what is tested is what ships.
const e2e = (name, base, extra = []) =>
  suite(name, process.execPath, ['scripts/e2e.mjs', '--no-build', ...extra], {
    env: { VIRTLAB_BASE: base, VIRTLAB_DIST: testSiteDir(base) },
  });
await e2e(`e2e under ${SUB}`, SUB);
await e2e(full ? 'e2e at the root' : 'e2e at the root (@base tests)', '/', full ? [] : ['--grep', '@base']);
const root = ['--dir', testSiteDir('/')];
const atRoot = { env: { VIRTLAB_BASE: '/' } };
await suite('firefox', process.execPath, ['scripts/firefox.mjs', '--no-build', ...root], atRoot);
if (full) {
  // Quality gates over the root build.
  await suite('budgets', process.execPath, ['scripts/budgets.mjs', ...root], atRoot);
  await suite('lighthouse', process.execPath, ['scripts/lighthouse.mjs', ...root], atRoot);
}

console.log(
  `\n=== summary (${full ? 'npm run test:full' : 'npm test; npm run test:full adds the root e2e, budgets and Lighthouse'})`,
);
// Each suite's wall time, so a slow one shows (the machine's load inflates all of them).
const time = (s) =>
  s === undefined ? '' : s < 60 ? ` (${s.toFixed(0)} s)` : ` (${Math.floor(s / 60)} min ${Math.round(s % 60)} s)`;
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.skipped ? ' (skipped)' : time(r.s)}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed, in${time((Date.now() - started) / 1000)}`);
process.exit(failed ? 1 : 0);
