// "Traffic spike" in a browser: its runs go through the simulation Web Worker
// (the wasm loader inside a worker, under the site's base path), keyboard
// use, the points editor, links that reproduce a run, exports, bad links,
// axe in both themes, and no long main-thread tasks while dragging.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets } from './fixtures.ts';

const PAGE = 'widgets/traffic-spike/';
const W = '[data-widget="traffic-spike"]';
const IDS = ['vm', 'microvm', 'container'] as const;

type Shown = Record<(typeof IDS)[number], string>;

async function shown(page: Page): Promise<Shown> {
  const out = {} as Shown;
  for (const id of IDS) out[id] = (await page.getByTestId(`${id}-dropped`).textContent()) ?? '';
  return out;
}

/** Hydrated, and the worker's run for the current settings has arrived. */
async function ready(page: Page): Promise<void> {
  await waitForWidgets(page);
  await expect(page.locator(`${W}[data-ready="true"]`)).toHaveCount(1);
  await expect(page.locator(W)).toHaveAttribute('aria-busy', 'false');
}

async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('hydrates in parts, keeping every server-rendered node, and is ready only when all parts are live', async ({
  page,
}) => {
  // The charts and each group of controls hydrate in tasks of their own
  // (kit/HydrateLater.tsx): the nodes the server rendered must stay in place.
  await page.addInitScript((w) => {
    document.addEventListener('DOMContentLoaded', () => {
      const nodes = [
        ...document.querySelectorAll(
          `${w} figure.vl-chart svg, ${w} fieldset.vl-group input, ${w} fieldset.vl-group legend`,
        ),
      ];
      (window as unknown as { __ssrNodes: Element[] }).__ssrNodes = nodes;
    });
  }, W);
  await page.goto(PAGE);
  await ready(page);
  const kept = await page.evaluate(() => {
    const nodes = (window as unknown as { __ssrNodes: Element[] }).__ssrNodes;
    return { total: nodes.length, connected: nodes.filter((n) => n.isConnected).length };
  });
  expect(kept.total).toBeGreaterThan(30);
  expect(kept.connected).toBe(kept.total);
  // Those very nodes are live: a control in a group hydrated later drives the run.
  await page.locator(`${W} input[name="peakRps"]`).fill('150');
  await expect(page.getByTestId('traffic-spike-summary')).toContainText('VMs kept up with the demand');
});

test('the runs go through the simulation Web Worker, loaded under the base path', { tag: '@base' }, async ({
  page,
  baseURL,
}) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(PAGE);
  await ready(page);
  await expect(page.locator(`${W} [data-engine="worker"]`)).toHaveCount(1);
  // Hydration starts the worker (the defaults' result is the build-time one, not run again).
  await expect.poll(() => workers.length).toBe(1);
  const base = new URL(baseURL!).pathname;
  expect(new URL(workers[0]).pathname.startsWith(base), `${workers[0]} under ${base}`).toBe(true);
  const before = await page.getByTestId('traffic-spike-summary').textContent();
  expect(before).toMatch(/VMs dropped [\d.]+ % of requests/);

  // A change runs in the same worker; the main thread never loads the wasm.
  const wasmOnPage: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm') && r.frame()) wasmOnPage.push(r.url());
  });
  await page.locator(`${W} input[name="peakRps"]`).fill('150');
  await expect(page.getByTestId('traffic-spike-summary')).toContainText('VMs kept up with the demand');
  await expect(page.locator(W)).toHaveAttribute('aria-busy', 'false');
  expect(workers).toHaveLength(1);
  await expect.poll(() => shown(page)).toEqual({ vm: '0 %', microvm: '0 %', container: '0 %' });
});

test('keyboard-only use changes the result, including the points editor and the timeline', async ({ page }) => {
  // Many steps, each waiting for its result, and Tab walks of up to 400 presses: over 30 s on a busy 2-core host.
  test.slow();
  await page.goto(PAGE);
  await ready(page);
  const before = await shown(page);
  expect(before.vm).not.toBe('0 %');

  // The peak slider: Home drops the peak to 0, so nobody drops a request.
  await tabTo(page, `${W} input[type="range"][data-param="peakRps"]`);
  await page.keyboard.press('Home');
  await expect(page.locator(`${W} input[name="peakRps"]`)).toHaveValue('0');
  await expect(page.getByTestId('vm-dropped')).toHaveText('0 %');

  // The demand shape by keyboard: "Your points" shows the points table.
  await tabTo(page, `${W} select[name="demandShape"]`);
  await page.keyboard.press('End');
  await expect(page.locator(`${W} select[name="demandShape"]`)).toHaveValue('your-points');
  const points = page.getByTestId('traffic-spike-points');
  await expect(points).toBeVisible();
  // The run for the new shape starts a frame after the change, so aria-busy
  // can still read "false" over the old result: wait for the new numbers.
  await expect.poll(async () => (await shown(page)).vm).not.toBe('0 %');
  await expect(page.locator(W)).toHaveAttribute('aria-busy', 'false');

  // Edit a point: a gentler peak (200 req/s at point 3 and 4) is served by the two minimum instances' headroom… or not; either way the numbers follow.
  await tabTo(page, `${W} input[name="point3Rps"]`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('150');
  await tabTo(page, `${W} input[name="point4Rps"]`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('150');
  await expect(page.getByTestId('vm-dropped')).toHaveText('0 %');
  // Add a point by keyboard, then remove it again.
  await tabTo(page, `${W} .vl-points button:not([aria-label])`);
  await page.keyboard.press('Enter');
  await expect(points.locator('tbody tr')).toHaveCount(7);
  await tabTo(page, `${W} button[aria-label="Remove point 7"]`);
  await page.keyboard.press('Enter');
  await expect(points.locator('tbody tr')).toHaveCount(6);

  // The timeline: step forward moves the cursor and says where it is.
  await tabTo(page, `${W} .vl-timeline button:nth-of-type(3)`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} .vl-timeline output`)).toContainText('At 4 s: demand 100 req/s');
  await tabTo(page, `${W} input#traffic-spike-scrubber`);
  await page.keyboard.press('End');
  await expect(page.locator(`${W} .vl-timeline output`)).toContainText('At 900 s');

  // Reset by keyboard brings back the first numbers.
  await tabTo(page, `${W} .vl-inputs > .vl-actions button`);
  await page.keyboard.press('Enter');
  await expect(page.locator(W)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('vm-dropped')).toHaveText(before.vm);
  await expect.poll(() => shown(page)).toEqual(before);
});

test('a chart read-out follows the keyboard: arrows step through time, Home and End jump, Escape clears', async ({
  page,
}) => {
  await page.goto(PAGE);
  await ready(page);
  const probe = page.locator(`${W} .vl-probe`).first();
  const readout = page.locator(`${W} .vl-readout`).first();
  await expect(readout).toHaveText(/^Point at or focus the chart/);
  await tabTo(page, `${W} .vl-probe`);
  await expect(probe).toBeFocused();
  await expect(readout).toHaveText(/^At .+: .+/);
  // From the window's first sample (focus starts at the timeline's cursor, wherever it is).
  await page.keyboard.press('Home');
  // Preact renders a key's change in a microtask, before the key press returns.
  const home = (await readout.textContent()) ?? '';
  await page.keyboard.press('ArrowRight');
  await expect(readout).not.toHaveText(home);
  await page.keyboard.press('ArrowLeft');
  await expect(readout).toHaveText(home);
  await page.keyboard.press('End');
  await expect(readout).not.toHaveText(home);
  await page.keyboard.press('Escape');
  await expect(readout).toHaveText(/^Point at or focus the chart/);
});

test('a link with state reproduces the same numbers', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page);
  await page.locator(`${W} input[name="targetUtilisationPct"]`).fill('90');
  await page.locator(`${W} select[name="demandShape"]`).selectOption('ramp');
  await expect(page).toHaveURL(/traffic-spike\.targetUtilisationPct=90/);
  await expect(page).toHaveURL(/traffic-spike\.demandShape=ramp/);
  // The seed travels with any change.
  await expect(page).toHaveURL(/traffic-spike\.seed=1/);
  await expect(page.locator(W)).toHaveAttribute('aria-busy', 'false');
  const numbers = await shown(page);
  const words = await page.getByTestId('traffic-spike-summary').textContent();

  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator(`${W} input[name="targetUtilisationPct"]`)).toHaveValue('90');
  await expect(other.getByTestId('traffic-spike-summary')).toHaveText(words!);
  await expect.poll(() => shown(other)).toEqual(numbers);
  await other.close();

  await page.locator(`${W} .vl-inputs > .vl-actions button`, { hasText: 'Reset' }).click();
  await expect(page).not.toHaveURL(/traffic-spike\./);
});

test('export produces files with the shown numbers', async ({ page }) => {
  await page.goto(`${PAGE}?traffic-spike.demandShape=ramp&traffic-spike.rampS=120`);
  await ready(page);
  const numbers = await shown(page);

  const save = async (name: string, scope = page.locator(W)): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      scope.getByRole('button', { name, exact: true }).first().click(),
    ]);
    return readFileSync((await download.path())!, 'latin1');
  };
  const csv = (await save('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe('profile,timeS,demandRps,capacityRps,readyInstances,startingInstances,droppedRps,latencyMs');
  // Every sample of each profile: 901 at the defaults.
  expect(csv).toHaveLength(1 + 3 * 901);
  // The dropped share recomputed from the file's samples matches what the widget shows.
  for (const [label, id] of [
    ['VMs', 'vm'],
    ['MicroVMs', 'microvm'],
    ['Containers', 'container'],
  ] as const) {
    const rows = csv
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[0] === label);
    const demand = rows.reduce((s, c) => s + Number(c[2]), 0);
    const dropped = rows.reduce((s, c) => s + Number(c[6]), 0);
    const pct = (dropped / demand) * 100;
    const text = numbers[id];
    if (text === '0 %') expect(dropped).toBe(0);
    else if (text === 'under 0.1 %') expect(pct).toBeLessThan(0.1);
    else expect(Math.abs(pct - Number(text.replace(' %', '')))).toBeLessThan(0.051);
  }
  const json = JSON.parse(await save('JSON'));
  expect(json.params.rampS).toBe(120);
  expect(json.url).toContain('traffic-spike.rampS=120');
  expect(json.rows).toHaveLength(3 * 901);

  const chart = page.locator(`${W} figure`).first();
  const svg = await save('Chart as SVG', chart);
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Requests (req/s)');
  expect(svg).toMatch(/>VMs<\/text>/);
  expect(svg).not.toContain('var(--');
  const png = await save('Chart as PNG', chart);
  expect(png.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');
});

test('a bad value in the URL shows a clear message and the rest of the page still works', async ({ page }) => {
  await page.goto(`${PAGE}?traffic-spike.targetUtilisationPct=banana&traffic-spike.peakRps=150`);
  await ready(page);
  const param = page.locator(`${W} .vl-param[data-param="targetUtilisationPct"]`);
  await expect(param.getByRole('alert')).toHaveText(
    'The link sets targetUtilisationPct to "banana", but Target utilisation (targetUtilisationPct) must be a number from 5 to 100 %; using the default, 60 %.',
  );
  await expect(page.locator(`${W} input[name="peakRps"]`)).toHaveValue('150');
  await expect(page.locator(`${W} input[name="targetUtilisationPct"]`)).toHaveValue('60');
  await expect(page.getByTestId('vm-dropped')).toHaveText('0 %');

  // The widget keeps working, and the message goes once the reader changes the value.
  await page.locator(`${W} input[name="targetUtilisationPct"]`).fill('70');
  await expect(param.getByRole('alert')).toHaveCount(0);
  await page.locator('site-search button[data-open-modal]').click();
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeVisible();
});

test('a demand point out of order in the URL is named in the points table', async ({ page }) => {
  await page.goto(`${PAGE}?traffic-spike.demandShape=your-points&traffic-spike.point3TimeS=10`);
  await waitForWidgets(page);
  const points = page.getByTestId('traffic-spike-points');
  await expect(points.getByRole('alert')).toHaveText(
    "Point 3: time (point3TimeS) must not be earlier than point 2's time, 60 s; got 10 s.",
  );
  await expect(page.locator(`${W} input[name="point3TimeS"]`)).toHaveAttribute(
    'aria-describedby',
    'traffic-spike-point3TimeS-issue',
  );
  // The build-time numbers stay on screen; fixing the point runs again.
  await page.locator(`${W} input[name="point3TimeS"]`).fill('90');
  await expect(points.getByRole('alert')).toHaveCount(0);
  await expect(page.locator(W)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('traffic-spike-summary')).toContainText('dropped');
});
