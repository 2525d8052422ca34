// The stack explorer in a browser: keyboard use, links that reproduce a run,
// exports with the shown numbers, bad links, axe in both themes (widget page
// and the Containers article), and no long tasks while a slider is dragged.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets, expectSame } from './fixtures.ts';

const PAGE = 'widgets/stack-explorer/';
const W = '[data-widget="stack-explorer"]';

interface Shown {
  vmKernels: number;
  ctKernels: number;
  vmMemMiB: number;
  ctMemMiB: number;
  vmDiskMiB: number;
  ctDiskMiB: number;
}

async function num(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`${W} input[name="${name}"]`).inputValue());
}

/** The layer sums, computed here from the shown settings (every app fits at these sizes). */
async function expected(page: Page): Promise<Shown> {
  const apps = await num(page, 'apps');
  const app = await num(page, 'appMemMiB');
  const appDisk = await num(page, 'appDiskMiB');
  const guestMiB = (await num(page, 'vmGuestOsMemMiB')) + (await num(page, 'vmVmmMemMiB'));
  const guestDiskMiB = await num(page, 'vmGuestOsDiskMiB');
  // Inside one Linux VM (Docker Desktop) the containers add that VM's kernel, guest OS and VMM, once.
  const inVm = await page.locator(`${W} input[name="containersInVm"]`).isChecked();
  return {
    vmKernels: apps + 1,
    ctKernels: inVm ? 2 : 1,
    vmMemMiB: apps * (app + guestMiB),
    ctMemMiB: apps * (app + (await num(page, 'containerRuntimeMemMiB'))) + (inVm ? guestMiB : 0),
    vmDiskMiB: apps * (appDisk + guestDiskMiB),
    // The shared base layers count once.
    ctDiskMiB: apps * appDisk + (await num(page, 'baseLayerDiskMiB')) + (inVm ? guestDiskMiB : 0),
  };
}

async function shown(page: Page): Promise<Shown> {
  const text = async (id: string): Promise<number> => Number(await page.getByTestId(id).first().textContent());
  const mib = async (id: string): Promise<number> =>
    Number(await page.getByTestId(id).first().getAttribute('data-mib'));
  return {
    vmKernels: await text('vm-kernels'),
    ctKernels: await text('container-kernels'),
    vmMemMiB: await mib('vm-mem'),
    ctMemMiB: await mib('container-mem'),
    vmDiskMiB: await mib('vm-disk'),
    ctDiskMiB: await mib('container-disk'),
  };
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
  expect(before).toEqual(await expected(page));

  // The apps slider: Home goes to 1 app.
  await tabTo(page, `${W} input[type="range"][data-param="apps"]`);
  await page.keyboard.press('Home');
  await expect(page.locator(`${W} input[name="apps"]`)).toHaveValue('1');
  await expect(page.getByTestId('vm-kernels')).toHaveText('2');
  await expectSame(
    () => shown(page),
    () => expected(page),
  );

  // The number field: 20 apps.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20');
  await expect(page.getByTestId('vm-kernels')).toHaveText('21');
  await expect(page.locator(`${W} svg[aria-labelledby="stack-explorer-vm-chart-title"] > title`)).toHaveText(
    'Virtual machines: 20 apps, 21 kernels',
  );
  await expectSame(
    () => shown(page),
    () => expected(page),
  );
  const twenty = await shown(page);

  // A preset by keyboard: a bigger base layer costs the container stack once.
  await tabTo(page, `${W} .vl-preset button[aria-describedby$="preset-ubuntu"]`);
  await expect(page.locator(`${W} #stack-explorer-preset-ubuntu`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} input[name="baseLayerDiskMiB"]`)).toHaveValue('64');
  await expect(page.locator(`${W} details.vl-more`)).toHaveAttribute('open', '');
  await expect(page.getByTestId('container-disk')).toHaveAttribute('data-mib', String(twenty.ctDiskMiB - 5 + 64));
  await expectSame(
    () => shown(page),
    () => expected(page),
  );

  // "Show as table" and Reset by keyboard.
  await tabTo(page, `${W} button[aria-controls="stack-explorer-container-table"]`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} #stack-explorer-container-table table`)).toContainText('Shared base layers');
  await tabTo(page, `${W} .vl-inputs .vl-actions button`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vm-kernels')).toHaveText(String(before.vmKernels));
  await expect.poll(() => shown(page)).toEqual(before);
});

test('the Docker Desktop preset puts the containers in one Linux VM: two kernels, its guest OS once', async ({
  page,
}) => {
  await page.goto(PAGE);
  await ready(page);
  const before = await shown(page);
  await page.locator(`${W} .vl-preset button`, { hasText: 'Docker Desktop on a laptop' }).click();
  await expect(page.locator(`${W} input[name="containersInVm"]`)).toBeChecked();
  await expect(page.getByTestId('container-kernels')).toHaveText('2');
  await expectSame(
    () => shown(page),
    () => expected(page),
  );
  expect((await shown(page)).ctMemMiB).toBeGreaterThan(before.ctMemMiB);
  await expect(page.locator(`${W} svg`, { hasText: 'Linux VM, one shared kernel' })).toHaveCount(1);
  // Off again: one kernel, the host's.
  await page.locator(`${W} input[name="containersInVm"]`).uncheck();
  await expect(page.getByTestId('container-kernels')).toHaveText('1');
});

test('a link with state reproduces the same numbers', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page);
  await page.locator(`${W} input[name="apps"]`).fill('12');
  await page.locator(`${W} input[name="appMemMiB"]`).fill('384');
  await expect(page).toHaveURL(/stack-explorer\.apps=12/);
  await expect(page).toHaveURL(/stack-explorer\.appMemMiB=384/);
  const numbers = await shown(page);
  expect(numbers).toEqual(await expected(page));
  expect(numbers.vmMemMiB).toBe(12 * (384 + 256 + 131));

  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator(`${W} input[name="apps"]`)).toHaveValue('12');
  await expect(other.getByTestId('vm-mem')).toHaveAttribute('data-mib', String(numbers.vmMemMiB));
  await expect.poll(() => shown(other)).toEqual(numbers);
  await other.close();

  await page.locator(`${W} .vl-inputs .vl-actions button`, { hasText: 'Reset' }).click();
  await expect(page).not.toHaveURL(/stack-explorer\./);
});

test('export produces files with the shown numbers', async ({ page }) => {
  await page.goto(`${PAGE}?stack-explorer.apps=9`);
  await ready(page);
  await expect(page.getByTestId('vm-kernels')).toHaveText('10');
  const numbers = await shown(page);
  expect(numbers).toEqual(await expected(page));

  const save = async (name: string, scope = page.locator(W), encoding: 'utf8' | 'latin1' = 'utf8'): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      scope.getByRole('button', { name, exact: true }).click(),
    ]);
    return readFileSync((await download.path())!, encoding);
  };
  const csv = (await save('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe('stack,layer,scope,copies,memMiB,diskMiB');
  expect(csv).toContain(`Virtual machines,Guest OS,repeated per app,9,${9 * 256},${9 * 600}`);
  expect(csv).toContain('Containers,Shared base layers,"shared, once per host",1,0,5');
  const json = JSON.parse(await save('JSON'));
  expect(json.params.apps).toBe(9);
  expect(json.url).toContain('stack-explorer.apps=9');
  const rows = json.rows as { stack: string; scope: string; memMiB: number; diskMiB: number }[];
  const above = (stack: string, k: 'memMiB' | 'diskMiB') =>
    rows
      .filter(
        (r) =>
          r.stack === stack &&
          r.scope !== 'the host' &&
          r.scope !== 'unused' &&
          !/^Hypervisor|^Host OS/.test((r as unknown as { layer: string }).layer),
      )
      .reduce((a, r) => a + r[k], 0);
  expect(above('Virtual machines', 'memMiB')).toBe(numbers.vmMemMiB);
  expect(above('Containers', 'diskMiB')).toBe(numbers.ctDiskMiB);

  const vmFigure = page.locator(`${W} figure`).filter({ has: page.locator('#stack-explorer-vm-chart-title') });
  const svg = await save('Chart as SVG', vmFigure);
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Virtual machines: 9 apps, 10 kernels');
  expect(svg).toContain('Guest OS × 9, per app');
  expect(svg).not.toContain('var(--');
  const png = await save('Chart as PNG', vmFigure, 'latin1');
  expect(png.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');
});

test('a bad value in the URL shows a clear message and the rest of the page still works', async ({ page }) => {
  await page.goto(`${PAGE}?stack-explorer.apps=banana&stack-explorer.appMemMiB=512`);
  await ready(page);
  const param = page.locator(`${W} .vl-param[data-param="apps"]`);
  await expect(param.getByRole('alert')).toHaveText(
    'The link sets apps to "banana", but Apps (apps) must be a whole number from 1 to 1000 apps; using the default, 6 apps.',
  );
  await expect(page.locator(`${W} input[name="appMemMiB"]`)).toHaveValue('512');
  await expect(page.locator(`${W} input[name="apps"]`)).toHaveValue('6');
  await expect(page.getByTestId('vm-mem')).toHaveAttribute('data-mib', String(6 * (512 + 256 + 131)));
  await expectSame(
    () => shown(page),
    () => expected(page),
  );

  // An inconsistent value from the core's check goes next to its control; the last result stays.
  await page.locator(`${W} details.vl-more > summary`).click();
  await page.locator(`${W} input[name="hostMemGiB"]`).fill('2');
  await expect(page.locator(`${W} .vl-param[data-param="hostReserveMiB"]`).getByRole('alert')).toContainText(
    'must be at most the host memory (2048 MiB)',
  );
  await expect(page.getByTestId('vm-mem')).toHaveAttribute('data-mib', String(6 * (512 + 256 + 131)));
  await page.locator(`${W} input[name="hostMemGiB"]`).fill('64');
  await page.locator(`${W} input[name="apps"]`).fill('30');
  await expect(param.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('vm-kernels')).toHaveText('31');
  await expectSame(
    () => shown(page),
    () => expected(page),
  );
  await page.locator('site-search button[data-open-modal]').click();
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeVisible();
});
