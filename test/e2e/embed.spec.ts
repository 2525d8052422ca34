// Embedding (issue 6): a page on a second local origin, with a strict
// content security policy of its own (issue 7), embeds a widget by iframe
// and by script tag; the embed pages' URL options, messages, oEmbed
// responses, the embed builder, and accessibility of every embed page.
import type { Browser, BrowserContext, Frame, Page } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { scanHtml } from '../../src/integrations/csp.ts';
import { expect, guardPage, test } from './fixtures.ts';
import { distDir } from './site-pages.ts';
import { expectNoAxeViolations } from './widget-checks.ts';

/** Every embed page of the build (one per registry entry). */
const WIDGETS = readdirSync(join(distDir, 'embed'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

// One host, many apps with its defaults: 32 GiB host, 3584 MiB reserved.
const USABLE = 32 * 1024 - 3584;

interface Servers {
  site: Server;
  host: Server;
  /** The site (dist under the base), with the CORS header a module script and its wasm need. */
  siteUrl: string;
  hostUrl: string;
  /** The host page's own content security policy. */
  hostPolicy: string;
  dir: string;
}

/**
 * A strict policy such as an embedding site might send: its own inline
 * scripts and style attributes by hash, and for VirtLab's origin only what
 * content/reference/security.mdx tells embedders to allow.
 */
function embedderPolicy(html: string, siteOrigin: string): string {
  const own = scanHtml(html);
  return [
    "default-src 'self'",
    `script-src 'self' ${siteOrigin} 'wasm-unsafe-eval' ${own.scripts.join(' ')}`,
    `style-src 'self' 'unsafe-hashes' ${own.styles.join(' ')}`,
    `connect-src 'self' ${siteOrigin}`,
    // The script-tag embed starts its simulation worker from a blob: URL
    // (createSimWorker in src/sim/worker-client.ts) that imports the worker script from VirtLab's origin.
    `worker-src blob: ${siteOrigin}`,
    `frame-src ${siteOrigin}`,
    // PNG export draws the chart from a blob: URL; data: is this page's own favicon.
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

async function startServers(base: string, hostHtml: (siteUrl: string) => string): Promise<Servers> {
  // The site as built: its _headers (policy, CORS for /embed/) apply.
  const { server: site, url: siteUrl } = await serve({ dir: distDir, port: 0, base });
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-host-'));
  const html = hostHtml(siteUrl);
  writeFileSync(join(dir, 'index.html'), html);
  const hostPolicy = embedderPolicy(html, new URL(siteUrl).origin);
  const { server: host, url: hostUrl } = await serve({
    dir,
    port: 0,
    headers: { 'Content-Security-Policy': hostPolicy },
  });
  return { site, host, siteUrl, hostUrl, hostPolicy, dir };
}

/** Opens the host page and checks that its strict policy came with it. */
async function openHost(page: Page, s: Servers): Promise<void> {
  const res = await page.goto(s.hostUrl);
  expect(res?.headers()['content-security-policy']).toBe(s.hostPolicy);
}

async function stopServers(s: Servers): Promise<void> {
  await Promise.all([new Promise((ok) => s.site.close(ok)), new Promise((ok) => s.host.close(ok))]);
  rmSync(s.dir, { recursive: true, force: true });
}

/** A course page of another site: one iframe, two elements, and listeners that record every event. */
function hostPage(siteUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Another course</title><link rel="icon" href="data:,">
<script>
  // Recorded before the bundle loads: the globals it must not add to.
  var vlBefore = Object.getOwnPropertyNames(window);
  var vlEvents = [];
  addEventListener('message', function (e) {
    var frame = document.getElementById('frame');
    if (e.source !== frame.contentWindow) return;
    vlEvents.push({ via: 'message', data: e.data });
    if (e.data && e.data.type === 'virtlab:resize') frame.style.height = e.data.height + 'px';
  });
  ['virtlab:ready', 'virtlab:result', 'virtlab:error'].forEach(function (t) {
    document.addEventListener(t, function (e) { vlEvents.push({ via: 'event', id: e.target.id, data: e.detail }); });
  });
</script>
</head>
<body>
<h1>Another course</h1>
<p><button id="host-button">A button of the host page</button></p>
<iframe id="frame" src="${siteUrl}embed/one-host/?preset=heavy-vm" title="One host, many apps (VirtLab)" style="width:100%;height:200px;border:0"></iframe>
<virtlab-one-host id="el1" appMemMiB="64" theme="dark"></virtlab-one-host>
<virtlab-one-host id="el2" preset="firecracker" lock="appMemMiB"></virtlab-one-host>
<script type="module" src="${siteUrl}embed/virtlab.js"></script>
</body>
</html>`;
}

interface Recorded {
  via: 'message' | 'event';
  id?: string;
  data: { type?: string; [k: string]: unknown } | string;
}

async function events(page: Page): Promise<Recorded[]> {
  return page.evaluate(() => (window as unknown as { vlEvents: Recorded[] }).vlEvents);
}

async function waitForEvent(page: Page, pred: (e: Recorded) => boolean): Promise<Recorded> {
  await expect.poll(async () => (await events(page)).some(pred), { timeout: 15_000 }).toBe(true);
  return (await events(page)).find(pred)!;
}

const typed = (type: string, via: Recorded['via'], id?: string) => (e: Recorded) =>
  e.via === via && typeof e.data === 'object' && e.data.type === type && (id === undefined || e.id === id);

/** Counts compilations of WebAssembly modules in every frame of the context. */
async function countCompiles(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    // Stored on the wrapper itself, so the count adds no global of its own.
    const wrap = <A extends unknown[], R>(fn: (...a: A) => R) => {
      const w = Object.assign(
        (...a: A) => {
          w.calls++;
          return fn(...a);
        },
        { calls: 0 },
      );
      return w;
    };
    WebAssembly.compileStreaming = wrap(WebAssembly.compileStreaming.bind(WebAssembly));
    WebAssembly.compile = wrap(WebAssembly.compile.bind(WebAssembly));
  });
}

async function compiles(page: Page | Frame): Promise<number> {
  return page.evaluate(() => {
    const calls = (f: unknown) => (f as { calls?: number }).calls ?? 0;
    return calls(WebAssembly.compileStreaming) + calls(WebAssembly.compile);
  });
}

async function withHost(
  browser: Browser,
  baseURL: string | undefined,
  fn: (page: Page, s: Servers, wasmRequests: string[]) => Promise<void>,
): Promise<void> {
  const base = new URL(baseURL!).pathname;
  const s = await startServers(base, hostPage);
  const context = await browser.newContext();
  await countCompiles(context);
  const problems: string[] = [];
  const wasmRequests: string[] = [];
  try {
    const page = await context.newPage();
    await guardPage(page, [new URL(s.siteUrl).origin, new URL(s.hostUrl).origin], problems);
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
    });
    await openHost(page, s);
    await fn(page, s, wasmRequests);
  } finally {
    await context.close();
    await stopServers(s);
  }
  expect(problems, problems.join('\n')).toEqual([]);
}

test('a page of another origin embeds a widget by iframe and by script tag; both run, focus stays on the host page', {
  tag: '@base',
}, async ({ browser, baseURL }) => {
  await withHost(browser, baseURL, async (page, s, wasmRequests) => {
    const frame = page.frameLocator('#frame');
    // The iframe: heavy-vm preset (a 1 GiB guest OS + 131 MiB VMM per VM).
    await expect(frame.getByTestId('vm-apps')).toHaveText(String(Math.floor(USABLE / (256 + 1024 + 131))));
    // The elements, in Shadow DOM (Playwright's locators pierce open shadow roots).
    await expect(page.locator('#el1').getByTestId('container-apps')).toHaveText(String(Math.floor(USABLE / 64)));
    await expect(page.locator('#el2').getByTestId('microvm-apps')).toHaveText(
      String(Math.floor(USABLE / (256 + 20 + 5))),
    );

    // Events: ready and result from the iframe (postMessage) and from each element (DOM events).
    const ready = await waitForEvent(page, typed('virtlab:ready', 'message'));
    expect(ready.data).toMatchObject({ version: 1, widget: 'one-host', preset: 'heavy-vm' });
    const result = await waitForEvent(page, typed('virtlab:result', 'message'));
    expect(result.data).toMatchObject({
      version: 1,
      widget: 'one-host',
      numbers: { vmApps: Math.floor(USABLE / 1411) },
    });
    expect((result.data as { summary: string }).summary).toMatch(/fit as containers/);
    await waitForEvent(page, typed('virtlab:ready', 'event', 'el1'));
    const r1 = await waitForEvent(page, typed('virtlab:result', 'event', 'el1'));
    expect(r1.data).toMatchObject({ values: { appMemMiB: 64 }, numbers: { containerApps: Math.floor(USABLE / 64) } });
    await waitForEvent(page, typed('virtlab:result', 'event', 'el2'));
    // The LTI-style height message arrives too (as a JSON string).
    await waitForEvent(page, (e) => typeof e.data === 'string' && JSON.parse(e.data).subject === 'lti.frameResize');

    // Focus never left the host page.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    // Styles stay in the Shadow DOM; the theme attribute applies there.
    expect(await page.locator('#el1 .vl-theme').getAttribute('data-theme')).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    // Locked by attribute: the element's memory-per-app control is disabled.
    await expect(page.locator('#el2 input[name="appMemMiB"]')).toBeDisabled();

    // Nothing leaks into the page's globals; both elements share one compiled module.
    // (Numeric names are the page's frames: the iframe is window[0].)
    const added = await page.evaluate(() =>
      Object.getOwnPropertyNames(window).filter(
        (n) => !/^\d+$/.test(n) && !(window as unknown as { vlBefore: string[] }).vlBefore.includes(n),
      ),
    );
    expect(added).toEqual([]);
    expect(await page.evaluate(() => ['virtlab-one-host'].every((t) => !!customElements.get(t)))).toBe(true);
    expect(await compiles(page)).toBe(1);
    expect(wasmRequests.filter((u) => u.startsWith(`${s.siteUrl}embed/`))).toHaveLength(1);
  });
});

test('a widget that runs in the simulation worker works as an element on another origin', { tag: '@base' }, async ({
  browser,
  baseURL,
}) => {
  const base = new URL(baseURL!).pathname;
  const s = await startServers(
    base,
    (
      siteUrl,
    ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Patching course</title><link rel="icon" href="data:,">
<script>var vlEvents = []; document.addEventListener('virtlab:result', function (e) { vlEvents.push({ via: 'event', id: e.target.id, data: e.detail }); });</script>
</head><body><h1>Patching course</h1><virtlab-patch-day id="pd" paused="1"></virtlab-patch-day>
<script type="module" src="${siteUrl}embed/virtlab.js"></script></body></html>`,
  );
  const context = await browser.newContext();
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await guardPage(page, [new URL(s.siteUrl).origin, new URL(s.hostUrl).origin], problems);
    await openHost(page, s);
    // Change a value so the run goes to the worker (the first result is computed in the page).
    await waitForEvent(page, typed('virtlab:result', 'event', 'pd'));
    await page.evaluate(() =>
      (document.getElementById('pd') as HTMLElement & { send(m: unknown): void }).send({
        type: 'virtlab:set',
        values: { apps: 40 },
      }),
    );
    const r = await waitForEvent(
      page,
      (e) =>
        typed('virtlab:result', 'event', 'pd')(e) && (e.data as { values: Record<string, number> }).values.apps === 40,
    );
    expect((r.data as { numbers: Record<string, number> }).numbers.vmTotalS).toBeGreaterThan(0);
    await expect(page.locator('#pd').getByTestId('patch-day-summary')).toHaveText(
      (r.data as { summary: string }).summary,
    );
    await expect(page.locator('#pd [data-widget="patch-day"]')).toHaveAttribute('data-ready', 'true');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  } finally {
    await context.close();
    await stopServers(s);
  }
  expect(problems, problems.join('\n')).toEqual([]);
});

test('the iframe follows the widget height, takes validated messages and keeps the keyboard working', async ({
  browser,
  baseURL,
}) => {
  await withHost(browser, baseURL, async (page) => {
    const frame = page.frameLocator('#frame');
    await waitForEvent(page, typed('virtlab:result', 'message'));
    const height = async () => page.evaluate(() => document.getElementById('frame')!.getBoundingClientRect().height);
    // The host's listener applied the first height message.
    await expect.poll(height).toBeGreaterThan(400);
    const before = await height();

    // Keyboard inside the iframe: Enter on "Show as table" grows the widget; the frame follows.
    await frame.getByRole('button', { name: 'Show as table' }).press('Enter');
    await expect(frame.getByRole('table').first()).toBeVisible();
    await expect.poll(height).toBeGreaterThan(before + 50);
    // Arrow keys on a slider change the result.
    const slider = frame.locator('input[type="range"][data-param="hostMemGiB"]');
    await slider.focus();
    await page.keyboard.press('End');
    await expect(frame.locator('input[name="hostMemGiB"]')).toHaveValue('4096');

    // A valid request from the host page: the result event follows.
    const post = (msg: unknown) =>
      page.evaluate(
        (m) => (document.getElementById('frame') as HTMLIFrameElement).contentWindow!.postMessage(m, '*'),
        msg,
      );
    await post({ type: 'virtlab:set', version: 1, values: { hostMemGiB: 16, appMemMiB: 128 }, requestId: 'a' });
    const set = await waitForEvent(
      page,
      (e) =>
        typed('virtlab:result', 'message')(e) &&
        (e.data as { values: Record<string, number> }).values.appMemMiB === 128,
    );
    expect((set.data as { numbers: Record<string, number> }).numbers.containerApps).toBe(
      Math.floor((16 * 1024 - 3584) / 128),
    );
    await post({ type: 'virtlab:get', requestId: 7 });
    const state = await waitForEvent(page, typed('virtlab:state', 'message'));
    expect(state.data).toMatchObject({ requestId: 7, values: { hostMemGiB: 16 } });

    // Invalid requests get an error event back, naming the field, and change nothing.
    await post({ type: 'virtlab:set', values: { noSuchParam: 1 }, requestId: 'b' });
    const err = await waitForEvent(
      page,
      (e) => typed('virtlab:error', 'message')(e) && (e.data as { requestId?: string }).requestId === 'b',
    );
    expect((err.data as { message: string }).message).toMatch(/noSuchParam is not a parameter/);
    await post({ type: 'virtlab:set', values: { appMemMiB: 'lots' }, requestId: 'c' });
    await waitForEvent(
      page,
      (e) =>
        typed('virtlab:error', 'message')(e) &&
        /must be a number/.test(String((e.data as { message: string }).message)),
    );
    await post({ type: 'virtlab:frobnicate' });
    await waitForEvent(
      page,
      (e) => typed('virtlab:error', 'message')(e) && /frobnicate/.test(String((e.data as { message: string }).message)),
    );
    await expect(frame.locator('input[name="appMemMiB"]')).toHaveValue('128');

    // Elements take the same messages through send().
    await page.evaluate(() =>
      (document.getElementById('el1') as HTMLElement & { send(m: unknown): void }).send({
        type: 'virtlab:set',
        values: { appMemMiB: 512 },
      }),
    );
    await expect(page.locator('#el1').getByTestId('container-apps')).toHaveText(String(Math.floor(USABLE / 512)));
  });
});

test('an embed page with invalid options says so, still works, and hides and locks controls', async ({ page }) => {
  await page.goto(
    'embed/one-host/?appMemMiB=lots&bogus=1&theme=purple&preset=nope&hide=hostReserveMiB,nosuch&lock=hostMemGiB&vmGuestOsMemMiB=1024',
  );
  const w = page.locator('[data-widget="one-host"]');
  await expect(w).toHaveAttribute('data-ready', 'true');
  const alerts = w.locator('.vl-error');
  await expect(alerts.filter({ hasText: 'bogus' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: 'theme "purple"' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: 'preset "nope"' })).toHaveCount(1);
  await expect(alerts.filter({ hasText: '"nosuch"' })).toHaveCount(1);
  await expect(w.locator('[data-param="appMemMiB"] .vl-error')).toContainText('appMemMiB');
  // Valid options still apply: the VM guest OS is 1 GiB, so fewer VMs fit.
  await expect(w.getByTestId('vm-apps')).toHaveText(String(Math.floor(USABLE / (256 + 1024 + 131))));
  // hide: no control; lock: shown but disabled; the rest work by keyboard.
  await expect(w.locator('[data-param="hostReserveMiB"]')).toHaveCount(0);
  await expect(w.locator('input[name="hostMemGiB"]')).toBeDisabled();
  await expect(w.locator('input[type="range"][data-param="hostMemGiB"]')).toBeDisabled();
  await w.locator('input[type="range"][data-param="appMemMiB"]').focus();
  await page.keyboard.press('Home');
  await expect(w.getByTestId('container-apps')).toHaveText(String(USABLE));
  // No Embed button inside an embed, and nothing took focus on load.
  await expect(w.getByRole('button', { name: /Embed/ })).toHaveCount(0);
});

test('a locked parameter keeps presets that would change it unavailable', async ({ page }) => {
  await page.goto('embed/one-host/?lock=appMemMiB&appMemMiB=100');
  const w = page.locator('[data-widget="one-host"]');
  await expect(w).toHaveAttribute('data-ready', 'true');
  await expect(w.getByRole('button', { name: 'Kubernetes default app request (200 MiB)' })).toBeDisabled();
  await expect(w.getByRole('button', { name: 'Full distro VM (1 GiB guest)' })).toBeEnabled();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
});

test('each widget page links its oEmbed response, which embeds the embed page', { tag: '@base' }, async ({
  page,
  request,
  baseURL,
}) => {
  for (const id of WIDGETS) {
    const res = await request.get(`embed/${id}/oembed.json`);
    expect(res.status()).toBe(200);
    const o = await res.json();
    expect(o).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'VirtLab' });
    expect(typeof o.title).toBe('string');
    expect(Number.isInteger(o.width) && Number.isInteger(o.height)).toBe(true);
    const src = /<iframe[^>]* src="([^"]+)"/.exec(o.html)![1];
    expect(new URL(src, baseURL).href).toBe(new URL(`embed/${id}/`, baseURL).href);
  }
  await page.goto('widgets/one-host-many-apps/');
  const href = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
  expect(new URL(href!, page.url()).href).toBe(new URL('embed/one-host/oembed.json', baseURL).href);
});

test('the Embed button opens a panel that previews the embed and copies absolute snippets', { tag: '@base' }, async ({
  page,
  baseURL,
}) => {
  await page.goto('widgets/one-host-many-apps/');
  const w = page.locator('[data-widget="one-host"]');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-ready', 'true');
  const open = w.getByRole('button', { name: 'Embed this widget…' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Embed/ });
  await expect(dialog).toBeVisible();
  // Focus moved into the dialog.
  expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
  await dialog.getByLabel('Start from preset').selectOption('firecracker');
  await dialog.getByLabel('Dark').check();
  await dialog.getByLabel('Lock Memory per app').check();
  const iframeSnippet = await dialog.getByLabel('iframe snippet').inputValue();
  const expectedSrc = new URL('embed/one-host/?preset=firecracker&lock=appMemMiB&theme=dark', baseURL).href;
  expect(iframeSnippet).toContain(`src="${expectedSrc.replace(/&/g, '&amp;')}"`);
  const scriptSnippet = await dialog.getByLabel('Script-tag snippet').inputValue();
  expect(scriptSnippet).toContain(`src="${new URL('embed/virtlab.js', baseURL).href}"`);
  expect(scriptSnippet).toContain(
    '<virtlab-one-host preset="firecracker" lock="appMemMiB" theme="dark"></virtlab-one-host>',
  );
  // The preview runs the embed page with these settings.
  const preview = page.frameLocator('iframe.vl-embed-preview');
  await expect(preview.locator('input[name="appMemMiB"]')).toBeDisabled();
  // Copy: the clipboard, or (without permission) the text selected for the keyboard.
  await dialog.getByRole('button', { name: 'Copy iframe snippet' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText(/Copied|Selected/);
  // Escape closes; focus returns to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

// The builder's dialog at a phone's, a tablet's and a desktop's width, on the
// widget with the most (and longest-named) parameters: it fits the viewport,
// nothing in it sticks out sideways, and its switches line up (each table
// column of checkboxes centred on one line; each checkbox or radio beside the
// first line of its label).
for (const width of [320, 768, 1280]) {
  test(`the embed builder lays out at ${width} px: it fits, nothing overflows, its switches line up`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('widgets/cluster-scheduler/');
    const w = page.locator('[data-widget="cluster-scheduler"]');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-ready', 'true');
    await w.getByRole('button', { name: 'Embed this widget…' }).click();
    const dialog = page.getByRole('dialog', { name: /Embed/ });
    await expect(dialog).toBeVisible();
    const layout = await dialog.evaluate((d) => {
      const box = d.getBoundingClientRect();
      const sticking = [...d.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.getClientRects().length > 0 && !el.closest('option'))
        .filter((el) => el.getBoundingClientRect().right > box.right - d.clientLeft + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      const centre = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      const offCentre = [...d.querySelectorAll<HTMLInputElement>('table input[type="checkbox"]')]
        .map((c) => {
          const cell = c.closest('td')!.getBoundingClientRect();
          const r = c.getBoundingClientRect();
          return Math.max(Math.abs(centre(r).x - centre(cell).x), Math.abs(centre(r).y - centre(cell).y));
        })
        .filter((off) => off > 1.5);
      const columns = [1, 2].map(
        (n) =>
          new Set(
            [...d.querySelectorAll(`tbody td:nth-of-type(${n}) input`)].map((c) =>
              Math.round(c.getBoundingClientRect().left),
            ),
          ).size,
      );
      // A switch beside its label: centred on the label's first line, before its text.
      const besideLabel = [
        ...d.querySelectorAll<HTMLInputElement>('label input[type="checkbox"], label input[type="radio"]'),
      ]
        .filter((input) => {
          const label = input.closest('label')!;
          const text = document.createRange();
          text.selectNodeContents(label);
          text.setStartAfter(input);
          const firstLine = [...text.getClientRects()].find((q) => q.width > 1);
          const r = input.getBoundingClientRect();
          if (!firstLine) return false;
          return Math.abs(centre(r).y - centre(firstLine).y) > 3 || r.right > firstLine.left + 0.5;
        })
        .map((input) => input.closest('label')!.textContent!.trim());
      return {
        left: box.left,
        right: box.right,
        viewport: document.documentElement.clientWidth,
        scroll: d.scrollWidth - d.clientWidth,
        sticking,
        offCentre: offCentre.length,
        columns,
        besideLabel,
      };
    });
    expect(layout.left).toBeGreaterThanOrEqual(0);
    expect(layout.right).toBeLessThanOrEqual(layout.viewport);
    expect(layout.scroll, 'the dialog scrolls sideways').toBeLessThanOrEqual(0);
    expect(layout.sticking, 'elements wider than the dialog').toEqual([]);
    expect(layout.offCentre, 'table checkboxes off the centre of their cells').toBe(0);
    expect(layout.columns, 'each column of checkboxes on one line').toEqual([1, 1]);
    expect(layout.besideLabel, 'switches not beside the first line of their label').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
}

for (const id of WIDGETS) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`embed page ${id} has no axe violations (${scheme}, set by the system and by theme=)`, async ({
      browser,
      baseURL,
    }) => {
      test.setTimeout(90_000);
      const context = await browser.newContext({ baseURL, colorScheme: scheme });
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        await guardPage(page, new URL(baseURL!).origin, problems);
        // theme=auto follows the system; theme=<scheme> is forced (the other scheme's system setting is overridden).
        for (const query of ['', `?theme=${scheme}`]) {
          await page.emulateMedia({ colorScheme: query ? (scheme === 'light' ? 'dark' : 'light') : scheme });
          await page.goto(`embed/${id}/${query}`);
          await expect(page.locator(`[data-widget="${id}"]`)).toHaveAttribute('data-ready', 'true');
          const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
          expect(background === 'rgb(255, 255, 255)', `${query || 'auto'} background ${background}`).toBe(
            scheme === 'light',
          );
          await expectNoAxeViolations(page, `embed/${id}/${query} (${query ? 'theme=' : 'system'} ${scheme})`);
          // Text for screen readers only stays hidden without Starlight's stylesheet (the embed theme carries .sr-only).
          const shown = await page
            .locator('.sr-only, .vl-sr-only')
            .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 1).map((e) => e.textContent));
          expect(shown, 'screen-reader-only text drawn on the page').toEqual([]);
          // The licence travels with the widget: a visible line linking CC BY 4.0, inside the embed.
          const licence = page.locator('#vl-embed [data-vl-licence]');
          await expect(licence).toBeVisible();
          await expect(licence).toContainText('CC BY 4.0');
          await expect(licence.locator('a[rel~="license"]')).toHaveAttribute(
            'href',
            'https://creativecommons.org/licenses/by/4.0/',
          );
        }
      } finally {
        await context.close();
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
}

// A terminal lab embedded by a teacher: the lab's embed page in an iframe of
// another origin whose page has a strict policy of its own. Nothing of the
// emulator loads before "Start the lab"; then the guest runs inside the
// frame, from VirtLab's origin, and a guided step works. Emulation is slow on
// a busy machine: the waits are on conditions, with generous limits.
test('a page of another origin embeds a terminal lab by iframe; it starts and runs a step', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(480_000);
  const base = new URL(baseURL!).pathname;
  const s = await startServers(
    base,
    (siteUrl) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Another course</title><link rel="icon" href="data:,">
<script>
  var vlEvents = [];
  addEventListener('message', function (e) {
    var frame = document.getElementById('frame');
    if (e.source !== frame.contentWindow) return;
    vlEvents.push({ via: 'message', data: e.data });
    if (e.data && e.data.type === 'virtlab:resize') frame.style.height = e.data.height + 'px';
  });
</script>
</head>
<body>
<h1>Another course</h1>
<iframe id="frame" src="${siteUrl}embed/lab-namespaces/" title="Lab: Namespaces (VirtLab)" style="width:100%;height:600px;border:0" allow="clipboard-write"></iframe>
</body>
</html>`,
  );
  const context = await browser.newContext();
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await guardPage(page, [new URL(s.siteUrl).origin, new URL(s.hostUrl).origin], problems);
    const emulatorRequests: string[] = [];
    page.on('request', (r) => {
      if (/v86|\/labs\/state\./.test(r.url())) emulatorRequests.push(r.url());
    });
    await openHost(page, s);
    const frame = page.frameLocator('#frame');
    const lab = frame.locator('[data-vl-lab="namespaces"]');
    await lab.scrollIntoViewIfNeeded();
    await expect(lab).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
    await waitForEvent(page, (e) => typeof e.data === 'object' && e.data.type === 'virtlab:ready');
    const resize = await waitForEvent(page, (e) => typeof e.data === 'object' && e.data.type === 'virtlab:resize');
    expect((resize.data as { widget: string }).widget).toBe('lab-namespaces');
    expect(emulatorRequests).toEqual([]);
    await lab.getByRole('button', { name: 'Start the lab' }).click();
    await expect(lab).toHaveAttribute('data-phase', 'ready', { timeout: 240_000 });
    expect(emulatorRequests.every((u) => u.startsWith(s.siteUrl))).toBe(true);
    await lab.getByRole('button', { name: 'Run step 2' }).click();
    await expect(lab.locator('[data-step="pid"]')).toHaveAttribute('data-status', 'pass', { timeout: 240_000 });
    await expect
      .poll(async () => (await lab.locator('[data-vl-lab-log]').textContent()) ?? '')
      .toMatch(/^inside: PID=1$/m);
  } finally {
    await context.close();
    await stopServers(s);
  }
  expect(problems, problems.join('\n')).toEqual([]);
});
