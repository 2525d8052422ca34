// Offline re-visits through the service worker, and a clean update when the
// site changes.
import { test as plain, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { builtPages, distDir } from './site-pages.ts';
import { expect, test, waitForWidgets } from './fixtures.ts';

/** Waits until the page is controlled by an active service worker. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

async function search(page: Page, word: string): Promise<void> {
  await page.locator('site-search button[data-open-modal]').click();
  await page.locator('#starlight__search .pagefind-ui__search-input').fill(word);
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible();
  await page.keyboard.press('Escape');
}

test('visited pages, the widget and search work offline', async ({ page, context }) => {
  await page.goto('');
  await controlled(page);
  const widgetPage = builtPages().find((p) => p.path.startsWith('widgets/'))!.path;
  await page.goto(widgetPage);
  await waitForWidgets(page);
  // The first wasm part the page loads stores every other part too, so each
  // widget works offline, whichever part it needs.
  const wasmParts = JSON.parse(/const WASM_FILES = (\[.*\]);/.exec(readFileSync(join(distDir, 'sw.js'), 'utf8'))![1]) as string[];
  expect(wasmParts.length).toBeGreaterThanOrEqual(2);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names[0]);
        return (await cache.keys()).filter((r) => r.url.endsWith('.wasm')).length;
      }),
    )
    .toBe(wasmParts.length);
  await search(page, 'hypervisor');
  // The first search stores the whole index in the background.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names[0]);
        return (await cache.keys()).filter((r) => r.url.includes('/pagefind/')).length;
      }),
    )
    .toBeGreaterThan(10);

  await context.setOffline(true);
  await page.goto(widgetPage);
  await waitForWidgets(page);
  await expect(page.locator('[data-widget][data-ready="true"]').first()).toBeVisible();
  await search(page, 'cgroups');
  await page.goto('');
  await expect(page.locator('h1').first()).toBeVisible();
  await context.setOffline(false);
});

plain('a new build replaces the old cache once no tab uses it', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-sw-'));
  cpSync(distDir, dir, { recursive: true });
  // Served under the same base the site was built for.
  const { server, url } = await serve({ dir, port: 0, base: process.env.VIRTLAB_BASE || '/' });
  const origin = new URL(url).origin;
  const foreign: string[] = [];
  const context = await browser.newContext();
  context.on('request', (r) => {
    if (!r.url().startsWith(origin)) foreign.push(r.url());
  });
  try {
    let page = await context.newPage();
    await page.goto(url);
    await controlled(page);
    const oldCaches = await page.evaluate(() => caches.keys());
    expect(oldCaches).toHaveLength(1);

    // Publish a "new build": new content and a new worker.
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const oldId = /const BUILD_ID = '([^']+)'/.exec(sw)![1];
    writeFileSync(join(dir, 'sw.js'), sw.replace(oldId, 'next-build'));
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    writeFileSync(join(dir, 'index.html'), index.replace('<h1', '<p id="new-build">new build</p><h1'));

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    // The new worker waits while this tab still uses the old one.
    await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
    expect(await page.evaluate(() => caches.keys())).toContain(oldCaches[0]);

    // Once every tab is closed, the next visit gets the new build and only its cache.
    await page.close();
    page = await context.newPage();
    await page.goto(url);
    await expect(page.locator('#new-build')).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => caches.keys()))
      .toEqual([oldCaches[0].replace(oldId, 'next-build')]);
    expect(foreign).toEqual([]);
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
