// "Patch day" in a browser: keyboard use (controls and the timeline), links
// that reproduce a seeded run, exports with the shown numbers, bad links,
// axe in both themes (widget page and the patching article), and no long
// main-thread tasks while a slider is dragged (the runs are in the worker).
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets } from './fixtures.ts';

const PAGE = 'widgets/patch-day/';
const W = '[data-widget="patch-day"]';
const DESIGNS = ['vm', 'container', 'microvm'] as const;

interface Shown {
  kernels: number[];
  blast: string[];
  totalS: number[];
}

async function num(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`${W} input[name="${name}"]`).inputValue());
}

async function shown(page: Page): Promise<Shown> {
  const out: Shown = { kernels: [], blast: [], totalS: [] };
  for (const d of DESIGNS) {
    out.kernels.push(Number(await page.getByTestId(`${d}-kernels`).textContent()));
    out.blast.push((await page.getByTestId(`${d}-blast`).textContent())!);
    out.totalS.push(Number(await page.getByTestId(`${d}-total`).getAttribute('data-s')));
  }
  return out;
}

/** Kernels (N + H, H, N + H) and blast radius (1, apps on the busiest host, 1) from the shown settings. */
async function expectedCounts(page: Page): Promise<Pick<Shown, 'kernels' | 'blast'>> {
  const apps = await num(page, 'apps');
  const hosts = await num(page, 'hosts');
  const perHost = Math.ceil(apps / hosts);
  return {
    kernels: [apps + hosts, hosts, apps + hosts],
    blast: ['1 app', perHost === 1 ? '1 app' : `${perHost} apps`, '1 app'],
  };
}

async function settled(page: Page): Promise<void> {
  await waitForWidgets(page);
  await expect(page.locator(`${W}[data-ready="true"][aria-busy="false"]`)).toHaveCount(1, { timeout: 20_000 });
}

async function counts(page: Page): Promise<Pick<Shown, 'kernels' | 'blast'>> {
  const s = await shown(page);
  return { kernels: s.kernels, blast: s.blast };
}

async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard-only use changes the result, and the timeline works from the keyboard', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(PAGE);
  await settled(page);
  const before = await shown(page);
  expect(await counts(page)).toEqual(await expectedCounts(page));

  // The timeline: step forward, then Play (reduced motion: straight to the end).
  const scrubber = page.locator(`${W} #patch-day-timeline-scrubber`);
  await tabTo(page, `${W} .vl-timeline button:nth-of-type(3)`);
  await expect(page.locator(':focus')).toHaveText('Step forward');
  await page.keyboard.press('Enter');
  await expect(scrubber).toHaveValue('1');
  await expect(page.locator(`${W} .vl-timeline output`)).toContainText(/^At [1-9][0-9]* s: apps down:/);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} .vl-timeline output`)).toContainText(
    'kernels patched: VMs 210 of 210, Containers 10 of 10, MicroVMs 210 of 210',
  );
  // The scrubber: Home goes back to the start.
  await tabTo(page, `${W} #patch-day-timeline-scrubber`);
  await page.keyboard.press('Home');
  await expect(scrubber).toHaveValue('0');

  // The hosts number field: 20 hosts halves the container blast radius.
  await tabTo(page, `${W} input[name="hosts"]`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20');
  await expect(page.getByTestId('container-blast')).toHaveText('10 apps');
  await settled(page);
  expect(await counts(page)).toEqual(await expectedCounts(page));
  const twentyHosts = await shown(page);

  // The max-unavailable slider: End lets every app go at once, so patch day gets shorter.
  await tabTo(page, `${W} input[type="range"][data-param="maxUnavailable"]`);
  await page.keyboard.press('End');
  await expect(page.locator(`${W} input[name="maxUnavailable"]`)).toHaveValue('100000');
  await expect.poll(async () => (await shown(page)).totalS[0]).toBeLessThan(twentyHosts.totalS[0]);

  // A preset by keyboard, then Reset.
  await tabTo(page, `${W} .vl-preset button[aria-describedby$="preset-quiz"]`);
  await expect(page.locator(`${W} #patch-day-preset-quiz`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vm-kernels')).toHaveText('128');
  await expect(page.getByTestId('container-kernels')).toHaveText('8');
  await tabTo(page, `${W} .vl-inputs .vl-actions button`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vm-kernels')).toHaveText('210');
  await settled(page);
  await expect.poll(() => shown(page)).toEqual(before);
});

test('a link with state, seed included, reproduces the same numbers', async ({ page, context }) => {
  await page.goto(PAGE);
  await settled(page);
  await page.locator(`${W} input[name="apps"]`).fill('120');
  await page.locator(`${W} input[name="hosts"]`).fill('8');
  await page.locator(`${W} details.vl-more > summary`).click();
  await page.locator(`${W} input[name="jitter"]`).fill('0.5');
  await page.locator(`${W} input[name="seed"]`).fill('7');
  await expect(page).toHaveURL(/patch-day\.seed=7/);
  await expect(page).toHaveURL(/patch-day\.jitter=0\.5/);
  await expect(page).toHaveURL(/patch-day\.apps=120/);
  await settled(page);
  const numbers = await shown(page);
  expect(numbers.kernels).toEqual([128, 8, 128]);

  const other = await context.newPage();
  await other.goto(page.url());
  await settled(other);
  await expect(other.locator(`${W} input[name="seed"]`)).toHaveValue('7');
  await expect(other.getByTestId('vm-total')).toHaveAttribute('data-s', String(numbers.totalS[0]));
  await expect.poll(() => shown(other)).toEqual(numbers);
  // Another seed, another jittered run ("More settings" opened by itself: the link changed hidden settings).
  await expect(other.locator(`${W} details.vl-more`)).toHaveAttribute('open', '');
  await other.locator(`${W} input[name="seed"]`).fill('8');
  await expect(other.getByTestId('vm-total')).not.toHaveAttribute('data-s', String(numbers.totalS[0]));
  await other.close();

  await page.locator(`${W} .vl-inputs .vl-actions button`, { hasText: 'Reset' }).click();
  await expect(page).not.toHaveURL(/patch-day\./);
});

test('export produces files with the shown numbers', async ({ page }) => {
  await page.goto(`${PAGE}?patch-day.apps=90&patch-day.hosts=6`);
  await settled(page);
  await expect(page.getByTestId('vm-kernels')).toHaveText('96');
  const numbers = await shown(page);
  expect(await counts(page)).toEqual(await expectedCounts(page));

  const save = async (name: string, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(W).getByRole('button', { name, exact: true }).click(),
    ]);
    return readFileSync((await download.path())!, encoding);
  };
  const csv = (await save('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe('design,kernelsToRestart,imagesToRebuild,waves,totalS,maxAppsDown,appDowntimeS,blastRadiusApps');
  const rows = csv.slice(1).map((l) => l.split(','));
  // The CSV writes numbers rounded for reading (1086.677, not 1086.6770000000001).
  expect(rows.map((c) => [c[0], Number(c[1]), Number(c[7])])).toEqual([
    ['VMs', 96, 1],
    ['Containers', 6, 15],
    ['MicroVMs', 96, 1],
  ]);
  for (const [i, c] of rows.entries()) expect(Number(c[4])).toBeCloseTo(numbers.totalS[i], 6);
  const json = JSON.parse(await save('JSON'));
  expect(json.params).toMatchObject({ apps: 90, hosts: 6, seed: 1 });
  expect(json.url).toContain('patch-day.apps=90');
  expect(json.rows.map((r: { kernelsToRestart: number }) => r.kernelsToRestart)).toEqual(numbers.kernels);

  const svg = await save('Chart as SVG');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Apps out of service during patch day, 90 apps on 6 hosts');
  expect(svg).toContain('Apps out of service (apps)');
  expect(svg).toMatch(/>VMs<\/text>/);
  expect(svg).not.toContain('var(--');
  const png = await save('Chart as PNG', 'latin1');
  expect(png.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');
});

test('a bad value in the URL shows a clear message and the rest of the page still works', async ({ page }) => {
  await page.goto(`${PAGE}?patch-day.hosts=0&patch-day.apps=50`);
  await settled(page);
  const param = page.locator(`${W} .vl-param[data-param="hosts"]`);
  await expect(param.getByRole('alert')).toHaveText(
    'The link sets hosts to "0", but Hosts (hosts) must be a whole number from 1 to 10000 hosts; using the default, 10 hosts.',
  );
  await expect(page.locator(`${W} input[name="apps"]`)).toHaveValue('50');
  await expect(page.locator(`${W} input[name="hosts"]`)).toHaveValue('10');
  await expect(page.getByTestId('vm-kernels')).toHaveText('60');
  expect(await counts(page)).toEqual(await expectedCounts(page));

  await page.locator(`${W} input[name="hosts"]`).fill('5');
  await expect(param.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('container-blast')).toHaveText('10 apps');
  expect(await counts(page)).toEqual(await expectedCounts(page));
  await page.locator('site-search button[data-open-modal]').click();
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeVisible();
});
