#!/usr/bin/env node
// Builds the site and runs the browser tests in the system Chromium.
// Without a Chromium it says loudly that e2e was skipped; under CI=true a
// missing browser is a failure.
//   node scripts/e2e.mjs [--no-build] [playwright args...]
// The test site is built into a folder of its own (testSiteDir: .test-sites/root
// or .test-sites/sub-path), never dist/, so a running `npm start` keeps its
// site; VIRTLAB_DIST names another folder (with --no-build, `dist` tests the
// site `npm run build` made).
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { chromiumPath } from './chromium.mjs';
import { testSiteDir } from './test-site.mjs';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const rest = args.filter((a) => a !== '--no-build');

if (!chromiumPath()) {
  const banner = [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!! E2E TESTS SKIPPED: no Chromium found (looked at $CHROME_PATH,      !!',
    '!! /usr/bin/chromium, /usr/bin/chromium-browser). Install your        !!',
    "!! distribution's chromium or set CHROME_PATH to a Chromium binary.   !!",
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
  console.error(banner);
  process.exit(process.env.CI === 'true' ? 1 : 0);
}

const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'inherit', shell: false }).status ?? 1;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
process.env.VIRTLAB_DIST ??= testSiteDir(process.env.VIRTLAB_BASE);
if (!noBuild) {
  const status = run(npx, ['astro', 'build', '--outDir', process.env.VIRTLAB_DIST]);
  if (status !== 0) process.exit(status);
}
// A free port, chosen once here so every Playwright worker agrees on it.
if (!process.env.VIRTLAB_E2E_PORT) {
  process.env.VIRTLAB_E2E_PORT = String(
    await new Promise((ok, fail) => {
      const srv = createServer();
      srv.once('error', fail);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => ok(port));
      });
    }),
  );
}
// Smoothness while dragging is a measurement in `npm run budgets` (4x CPU
// slowdown), not a timed test here: a test must not depend on a quiet machine.
const config = ['playwright', 'test', '--config', 'test/e2e/playwright.config.ts'];
process.exit(run(npx, [...config, ...rest]));
