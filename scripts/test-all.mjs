#!/usr/bin/env node
// `npm test`: every suite, in order: the Rust core's cargo tests, the Vitest
// unit tests (the real .wasm in Node), then a site build and the browser
// tests. A suite that cannot run here (no Rust toolchain, no Chromium) is
// reported as skipped, loudly; under CI=true that is a failure.
import { spawnSync } from 'node:child_process';
import { toolchain } from './cargo.mjs';

const ci = process.env.CI === 'true';
const results = [];

function suite(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const start = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ name, ok: r.status === 0, s: (Date.now() - start) / 1000 });
}

const hasCargo = spawnSync(toolchain().cargo, ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCargo) suite('rust', process.execPath, ['scripts/cargo.mjs', 'test', '--locked']);
else {
  console.error('\n!!! RUST TESTS SKIPPED: no cargo found. Install rustc and cargo (see README) to run them.\n');
  results.push({ name: 'rust', ok: !ci, skipped: true });
}
suite('unit', 'npx', ['vitest', 'run', '--config', 'test/vitest.config.ts']);
// The site must work under a sub-path too (links, islands, wasm, search,
// service worker). The root build runs last, so dist/ ends as `npm start` builds it.
// Both passes serve the build's content security policy (dist/_headers, sent
// by scripts/serve.mjs as it is for `npm start` and the offline bundle), and
// any violation fails a test: what is tested is what ships, at no extra time.
suite('e2e under /some/sub/path/', process.execPath, ['scripts/e2e.mjs'], { VIRTLAB_BASE: '/some/sub/path/' });
suite('e2e', process.execPath, ['scripts/e2e.mjs'], { VIRTLAB_BASE: '' });
suite('firefox', process.execPath, ['scripts/firefox.mjs', '--no-build']); // the root build e2e just left in dist/
// Quality gates over the root build that e2e just left in dist/.
suite('budgets', process.execPath, ['scripts/budgets.mjs']);
suite('lighthouse', process.execPath, ['scripts/lighthouse.mjs']);

console.log('\n=== summary');
// Each suite's wall time, so a slow one shows (the machine's load inflates all of them).
const time = (s) =>
  s === undefined ? '' : s < 60 ? ` (${s.toFixed(0)} s)` : ` (${Math.floor(s / 60)} min ${Math.round(s % 60)} s)`;
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.skipped ? ' (skipped)' : time(r.s)}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
