import { defineConfig } from '@playwright/test';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromiumPath, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.VIRTLAB_E2E_PORT ?? 4329);
// The site must be built with the same base (VIRTLAB_BASE) that it is served under.
const base = process.env.VIRTLAB_BASE || '/';
const baseURL = `http://127.0.0.1:${port}${base.endsWith('/') ? base : `${base}/`}`;
// The built site under test (scripts/e2e.mjs builds it into .test-sites/, not dist/).
const dist = process.env.VIRTLAB_DIST ?? 'dist';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  // Tests of one file spread over the workers too: the accessibility spec
  // alone is a third of the suite, and in one worker it set the run's length.
  // No test depends on another's order or state.
  fullyParallel: true,
  // One worker per core (VIRTLAB_E2E_WORKERS overrides): each drives a
  // Chromium that is busy while a page hydrates or axe runs.
  workers: Number(process.env.VIRTLAB_E2E_WORKERS) || Math.max(1, availableParallelism()),
  forbidOnly: !!process.env.CI,
  // One retry in CI: a test that fails and then passes is reported as
  // "flaky" in the log (see the closing notes for the known one), but does
  // not sink the run. Locally, every failure shows.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath() ?? undefined, args: CHROMIUM_ARGS },
  },
  // serve.mjs sends what the build's _headers says: its content security policy.
  webServer: {
    command: `node scripts/serve.mjs ${JSON.stringify(dist)} --port ${port} --base ${base}`,
    cwd: root,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
