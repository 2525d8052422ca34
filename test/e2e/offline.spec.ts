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
  // Pagefind and its UI load on demand: the first answer took over 5 s on a busy 2-core host.
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('Escape');
}

test('visited pages, the widget and search work offline', { tag: '@base' }, async ({ page, context }) => {
  await page.goto('');
  await controlled(page);
  const widgetPage = builtPages().find((p) => p.path.startsWith('widgets/'))!.path;
  await page.goto(widgetPage);
  await waitForWidgets(page);
  // The first wasm part the page loads stores every other part too, so each
  // widget works offline, whichever part it needs.
  const wasmParts = JSON.parse(
    /const WASM_FILES = (\[.*\]);/.exec(readFileSync(join(distDir, 'sw.js'), 'utf8'))![1],
  ) as string[];
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

// A terminal lab started once online works offline afterwards: the service
// worker kept the emulator, its wasm, the terminal and the saved VM as they
// were fetched. Emulation is slow on a busy machine: waits are on conditions.
test('a terminal lab started once works offline afterwards', async ({ page, context }) => {
  test.setTimeout(600_000);
  await page.goto('labs/namespaces/');
  await controlled(page);
  const start = async () => {
    const lab = page.locator('[data-vl-lab="namespaces"]');
    await lab.scrollIntoViewIfNeeded();
    await expect(lab).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
    await lab.getByRole('button', { name: 'Start the lab' }).click();
    await expect(lab).toHaveAttribute('data-phase', 'ready', { timeout: 240_000 });
    return lab;
  };
  await start();
  // What the lab fetched is in this build's cache: the saved state and the emulator's wasm.
  const kept = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(
    kept.some((u) => /\/labs\/state\.[^/]+$/.test(u)),
    kept.join('\n'),
  ).toBe(true);
  expect(
    kept.some((u) => /\/v86[^/]*\.wasm$/.test(u)),
    kept.join('\n'),
  ).toBe(true);

  await context.setOffline(true);
  await page.reload();
  const lab = await start();
  await lab.getByRole('button', { name: 'Run step 2' }).click();
  await expect(lab.locator('[data-step="pid"]')).toHaveAttribute('data-status', 'pass', { timeout: 240_000 });
  await expect
    .poll(async () => (await lab.locator('[data-vl-lab-log]').textContent()) ?? '')
    .toMatch(/^inside: PID=1$/m);
  await context.setOffline(false);
});

plain(
  'a page never visited, opened offline, shows the VirtLab offline page with the kept pages',
  { tag: '@base' },
  async ({ page, context, baseURL }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('');
    await controlled(page);
    const pages = builtPages().filter((p) => p.path.startsWith('course/'));
    const [visited, never] = [pages[0].path, pages[pages.length - 1].path];
    await page.goto(visited);
    const title = (await page.title()).replace(/ \| VirtLab$/, '');
    await context.setOffline(true);
    const res = await page.goto(never);
    expect(res?.status()).toBe(503);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await expect(page.locator('main')).toContainText(`/${never}`);
    await expect(page.locator('main')).toContainText('Search works offline');
    // The kept pages are listed and open offline.
    const link = page.getByRole('link', { name: title, exact: true });
    await expect(link).toHaveAttribute('href', new URL(visited, baseURL).pathname);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${visited}$`));
    await expect(page.locator('h1').first()).toHaveText(title);
    await context.setOffline(false);
    expect(errors).toEqual([]);
  },
);

plain('a new build replaces the old cache once no tab uses it', async ({ browser }) => {
  plain.setTimeout(180_000);
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
    // Condition waits with room for a busy machine: installing precaches the whole site.
    await expect
      .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting), {
        timeout: 60_000,
      })
      .toBe(true);
    expect(await page.evaluate(() => caches.keys())).toContain(oldCaches[0]);

    // Once every tab is closed, the next visit gets the new build and only its
    // cache. The worker learns of a closed tab asynchronously: a visit that
    // starts before it has is still served by the old worker (which then
    // keeps the new worker waiting), so a visit that finds the new worker
    // still waiting is closed and made again.
    await page.close();
    await expect
      .poll(
        async () => {
          page = await context.newPage();
          await page.goto(url);
          const activated = await page.evaluate(
            async () => !(await navigator.serviceWorker.getRegistration())?.waiting,
          );
          if (!activated) await page.close();
          return activated;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    await expect(page.locator('#new-build')).toBeVisible();
    // The old cache goes when the new worker activates, which a busy machine delays (CI once took over 5 s).
    await expect
      .poll(() => page.evaluate(() => caches.keys()), { timeout: 60_000 })
      .toEqual([oldCaches[0].replace(oldId, 'next-build')]);
    expect(foreign).toEqual([]);
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
