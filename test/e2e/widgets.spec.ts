// The widget kit in a browser, through "One host, many apps": keyboard use,
// links that reproduce a run, exports, bad links, accessibility in both
// themes, and no long main-thread tasks while a control is operated.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets, expectSame } from './fixtures.ts';

const PAGE = 'widgets/one-host-many-apps/';
const W = '[data-widget="one-host"]';

async function num(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`${W} input[name="${name}"]`).inputValue());
}

/** The core's packing arithmetic, computed here from the shown settings. */
async function expected(page: Page): Promise<{ vm: number; microvm: number; container: number }> {
  const usable = (await num(page, 'hostMemGiB')) * 1024 - (await num(page, 'hostReserveMiB'));
  const app = await num(page, 'appMemMiB');
  const appsPerHost = (overhead: number): number => Math.floor(usable / (app + overhead));
  return {
    vm: appsPerHost((await num(page, 'vmGuestOsMemMiB')) + (await num(page, 'vmVmmMemMiB'))),
    microvm: appsPerHost((await num(page, 'microvmGuestOsMemMiB')) + (await num(page, 'microvmVmmMemMiB'))),
    container: appsPerHost(await num(page, 'containerRuntimeMemMiB')),
  };
}

async function shown(page: Page): Promise<{ vm: number; microvm: number; container: number }> {
  const n = async (id: string): Promise<number> => Number(await page.getByTestId(id).first().textContent());
  return { vm: await n('vm-apps'), microvm: await n('microvm-apps'), container: await n('container-apps') };
}

async function ready(page: Page): Promise<void> {
  await waitForWidgets(page);
  await expect(page.locator(`${W}[data-ready="true"]`)).toHaveCount(1);
}

/** Tabs until the element matching `selector` has focus (keyboard only). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard-only use changes the result', async ({ page }) => {
  await page.goto(PAGE);
  await ready(page);
  const before = await shown(page);

  // The slider: Home goes to 1 MiB per app.
  await tabTo(page, `${W} input[type="range"][data-param="appMemMiB"]`);
  await page.keyboard.press('Home');
  await expect(page.locator(`${W} input[name="appMemMiB"]`)).toHaveValue('1');
  await expectSame(
    () => shown(page),
    () => expected(page),
  );
  expect((await shown(page)).container).toBeGreaterThan(before.container);

  // The number field: type a value.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2048');
  await expect(page.getByTestId('vm-apps')).toHaveText(String((await expected(page)).vm));

  // A preset, by keyboard; its source is the button's description.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, `${W} .vl-preset button`);
  await tabTo(page, `${W} .vl-preset button[aria-describedby$="heavy-vm"]`);
  await expect(page.locator(`${W} #one-host-preset-heavy-vm`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} input[name="vmGuestOsMemMiB"]`)).toHaveValue('1024');
  // A hidden setting changed, so "More settings" opened by itself.
  await expect(page.locator(`${W} details.vl-more`)).toHaveAttribute('open', '');
  await expectSame(
    () => shown(page),
    () => expected(page),
  );

  // "Show as table" and Reset by keyboard.
  await tabTo(page, `${W} button[aria-controls="one-host-memory-table"]`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} table`)).toContainText('VMs');
  await tabTo(page, `${W} .vl-inputs .vl-actions button`);
  await page.keyboard.press('Enter');
  await expect.poll(() => shown(page)).toEqual(before);
});

test('a link with state reproduces the same numbers', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page);
  await page.locator(`${W} input[name="appMemMiB"]`).fill('384');
  await page.locator(`${W} input[name="hostMemGiB"]`).fill('48');
  await expect(page).toHaveURL(/one-host\.hostMemGiB=48/);
  await expect(page).toHaveURL(/one-host\.appMemMiB=384/);
  const numbers = await shown(page);
  expect(numbers).toEqual(await expected(page));

  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator(`${W} input[name="appMemMiB"]`)).toHaveValue('384');
  await expect(other.getByTestId('vm-apps')).toHaveText(String(numbers.vm));
  await expect.poll(() => shown(other)).toEqual(numbers);
  await other.close();

  // Defaults leave no trace in the URL.
  await page.locator(`${W} .vl-inputs .vl-actions button`, { hasText: 'Reset' }).click();
  await expect(page).not.toHaveURL(/one-host\./);
});

test('export produces files with the shown numbers', async ({ page }) => {
  await page.goto(`${PAGE}?one-host.appMemMiB=512`);
  await ready(page);
  const numbers = await shown(page);
  expect(numbers).toEqual(await expected(page));

  const save = async (name: string): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(W).getByRole('button', { name, exact: true }).click(),
    ]);
    return readFileSync((await download.path())!, 'latin1');
  };
  const csv = (await save('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe(
    'profile,apps,appMemMiB,overheadMemMiB,freeMemMiB,hostReserveMiB,perInstanceOverheadMiB,hostMemMiB',
  );
  expect(csv.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([
    ['VMs', String(numbers.vm)],
    ['MicroVMs', String(numbers.microvm)],
    ['Containers', String(numbers.container)],
  ]);
  const json = JSON.parse(await save('JSON'));
  expect(json.params.appMemMiB).toBe(512);
  expect(json.rows.map((r: { apps: number }) => r.apps)).toEqual([numbers.vm, numbers.microvm, numbers.container]);
  expect(json.url).toContain('one-host.appMemMiB=512');

  const svg = await save('Chart as SVG');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain(`${numbers.vm} apps`);
  expect(svg).toContain(`${numbers.container} apps`);
  expect(svg).not.toContain('var(--');
  const png = await save('Chart as PNG');
  expect(png.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');
});

test('a bad value in the URL shows a clear message and the rest of the page still works', async ({ page }) => {
  await page.goto(`${PAGE}?one-host.appMemMiB=banana&one-host.hostMemGiB=64`);
  await ready(page);
  const param = page.locator(`${W} .vl-param[data-param="appMemMiB"]`);
  await expect(param.getByRole('alert')).toHaveText(
    'The link sets appMemMiB to "banana", but Memory per app (appMemMiB) must be a number from 1 to 65536 MiB; using the default, 256 MiB.',
  );
  await expect(page.locator(`${W} input[name="appMemMiB"]`)).toHaveAttribute(
    'aria-describedby',
    /one-host-appMemMiB-issue/,
  );
  // The good value in the same link still applies; the bad one fell back to its default.
  await expect(page.locator(`${W} input[name="hostMemGiB"]`)).toHaveValue('64');
  await expect(page.locator(`${W} input[name="appMemMiB"]`)).toHaveValue('256');
  await expectSame(
    () => shown(page),
    () => expected(page),
  );
  expect((await shown(page)).container).toBe(Math.floor((64 * 1024 - 3584) / 256));

  // The widget keeps working, and the message goes once the reader fixes the value.
  await page.locator(`${W} input[name="appMemMiB"]`).fill('1024');
  await expect(param.getByRole('alert')).toHaveCount(0);
  await expectSame(
    () => shown(page),
    () => expected(page),
  );
  // So does the rest of the page: search opens.
  await page.locator('site-search button[data-open-modal]').click();
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeVisible();
});
