// The cluster scheduler in a browser: keyboard use (controls and stepping),
// links that reproduce a run, exports with the shown numbers, bad links,
// accessibility in both themes, and no long main-thread tasks while a
// control is dragged.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets } from './fixtures.ts';

const PAGE = 'widgets/cluster-scheduler/';
const W = '[data-widget="cluster-scheduler"]';
const FIGURES = ['hosts', 'placed', 'cpu-util', 'mem-util', 'overhead', 'sizing', 'app-mem', 'stranded'];

interface Shown {
  summary: string;
  figures: Record<string, string>;
}

async function shown(page: Page): Promise<Shown> {
  const figures: Record<string, string> = {};
  for (const side of ['vm', 'container']) {
    for (const f of FIGURES) figures[`${side}-${f}`] = (await page.getByTestId(`${side}-${f}`).textContent())!.trim();
  }
  return { summary: (await page.getByTestId('cluster-scheduler-summary').textContent())!.trim(), figures };
}

async function ready(page: Page): Promise<void> {
  await waitForWidgets(page);
  await expect(page.locator(`${W}[data-ready="true"]`)).toHaveCount(1);
}

/** Tabs until the element matching `selector` has focus (keyboard only). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tabs to the timeline button with this text. */
async function tabToStepButton(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate(
      ([w, t]) => {
        const el = document.activeElement;
        return !!el && el.matches(`${w} .vl-timeline button`) && el.textContent?.trim() === t;
      },
      [W, text],
    );
    if (ok) return;
  }
  throw new Error(`Tab never reached the ${text} button`);
}

const explanation = (page: Page) => page.getByTestId('step-explanation');

test('keyboard-only use changes the result, including stepping through placements', async ({ page }) => {
  await page.goto(PAGE);
  await ready(page);
  const before = await shown(page);
  await expect(explanation(page)).toContainText('Step 40 of 40.');

  // The apps slider: End goes to 500 apps.
  await tabTo(page, `${W} input[type="range"][data-param="appCount"]`);
  await page.keyboard.press('End');
  await expect(page.locator(`${W} input[name="appCount"]`)).toHaveValue('500');
  await expect(page.getByTestId('container-placed')).toHaveText('500');
  await expect(explanation(page)).toContainText('Step 500 of 500.');
  expect((await shown(page)).figures['vm-hosts']).not.toBe(before.figures['vm-hosts']);

  // The number field: type a value.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('30');
  await expect(page.getByTestId('container-placed')).toHaveText('30');

  // The policy select: down to Kubernetes MostAllocated (option 8).
  await tabTo(page, `${W} select[name="policy"]`);
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator(`${W} select[name="policy"]`)).toHaveValue('kubernetes-mostallocated');
  await expect(page.getByTestId('cluster-scheduler-summary')).toContainText('(Kubernetes MostAllocated)');
  await expect(explanation(page)).toContainText('BalancedAllocation');

  // Stepping: Step back, then the scrubber's Home key, then Step forward.
  await tabToStepButton(page, 'Step back');
  await page.keyboard.press('Enter');
  await expect(explanation(page)).toContainText('Step 29 of 30.');
  await expect(explanation(page)).toContainText(
    /score \d+ \(MostAllocated \d+ \+ BalancedAllocation \d+, as kube-scheduler v1\.\d+ scores\)/,
  );
  await expect(page.locator(`${W} .sr-only[aria-live="polite"]`)).toContainText('Step 29 of 30.');
  await tabTo(page, `${W} #cluster-scheduler-steps-scrubber`);
  await page.keyboard.press('Home');
  await expect(explanation(page)).toContainText('Step 1 of 30.');
  await expect(explanation(page)).toContainText('went to host 1, score');
  await page.keyboard.press('ArrowRight');
  await expect(explanation(page)).toContainText('Step 2 of 30.');
  // The per-host view follows the step: at most two apps per side drawn so far.
  await expect(page.locator(`${W} figure.vl-chart figcaption`).first()).toContainText('after step 2 of 30');

  // With reduced motion, Play jumps to the end instead of animating; then Reset by keyboard.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await tabToStepButton(page, 'Play');
  await page.keyboard.press('Enter');
  await expect(explanation(page)).toContainText('Step 30 of 30.');
  await tabTo(page, `${W} .vl-inputs .vl-actions button`);
  await page.keyboard.press('Enter');
  // The widget reruns on the next animation frame: wait for it.
  await expect.poll(() => shown(page)).toEqual(before);
});

test('a link with state reproduces the same numbers', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page);
  await page.locator(`${W} input[name="appCount"]`).fill('75');
  await page.locator(`${W} input[name="seed"]`).fill('7');
  await page.locator(`${W} select[name="policy"]`).selectOption('best-fit-decreasing');
  await expect(page).toHaveURL(/cluster-scheduler\.appCount=75/);
  await expect(page).toHaveURL(/cluster-scheduler\.seed=7/);
  await expect(page).toHaveURL(/cluster-scheduler\.policy=best-fit-decreasing/);
  const numbers = await shown(page);
  expect(numbers.summary).toContain('Best-fit decreasing');

  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator(`${W} input[name="seed"]`)).toHaveValue('7');
  await expect(other.getByTestId('cluster-scheduler-summary')).toHaveText(numbers.summary);
  await expect.poll(() => shown(other)).toEqual(numbers);
  await other.close();

  // A different seed draws other apps; Reset leaves no trace in the URL.
  await page.locator(`${W} input[name="seed"]`).fill('8');
  await expect(page).toHaveURL(/cluster-scheduler\.seed=8/);
  await page.locator(`${W} .vl-inputs .vl-actions button`, { hasText: 'Reset' }).click();
  await expect(page).not.toHaveURL(/cluster-scheduler\./);
});

test('export produces files with the shown numbers', async ({ page }) => {
  await page.goto(`${PAGE}?cluster-scheduler.appCount=60&cluster-scheduler.seed=3`);
  await ready(page);
  await expect(page.getByTestId('container-placed')).toHaveText('60');
  const numbers = await shown(page);

  const save = async (name: string, scope = page.locator(W)): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      scope.getByRole('button', { name, exact: true }).first().click(),
    ]);
    return readFileSync((await download.path())!, 'latin1');
  };
  const csv = (await save('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe(
    'profile,hostsUsed,placed,unplaced,cpuUtilPct,memUtilPct,appMemMiB,overheadMemMiB,sizingMemMiB,strandedCpuMillis,strandedMemMiB',
  );
  const rows = csv.slice(1).map((l) => l.split(','));
  expect(rows.map((r) => r.slice(0, 3))).toEqual([
    ['VMs', numbers.figures['vm-hosts'], numbers.figures['vm-placed']],
    ['Containers', numbers.figures['container-hosts'], numbers.figures['container-placed']],
  ]);
  expect(`${rows[0][5]} %`).toBe(numbers.figures['vm-mem-util']);
  const json = JSON.parse(await save('JSON'));
  expect(json.params.appCount).toBe(60);
  expect(json.params.seed).toBe(3);
  expect(json.rows.map((r: { hostsUsed: number }) => String(r.hostsUsed))).toEqual([
    numbers.figures['vm-hosts'],
    numbers.figures['container-hosts'],
  ]);
  expect(json.url).toContain('cluster-scheduler.seed=3');

  const svg = await save('Chart as SVG');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain(`VMs: ${numbers.figures['vm-hosts']} host`);
  expect(svg).toContain(`Containers: ${numbers.figures['container-hosts']} host`);
  expect(svg).not.toContain('var(--');
  const png = await save('Chart as PNG');
  expect(png.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');

  // "Show as table" holds the per-host numbers behind the chart.
  await page.locator(`${W} button[aria-controls="cluster-scheduler-hosts-table"]`).click();
  await expect(page.locator(`${W} #cluster-scheduler-hosts-table tbody tr`)).toHaveCount(
    Number(numbers.figures['vm-hosts']) + Number(numbers.figures['container-hosts']),
  );
});

test('a bad value in the URL shows a clear message and the rest of the page still works', async ({ page }) => {
  await page.goto(`${PAGE}?cluster-scheduler.policy=42&cluster-scheduler.appCount=60`);
  await ready(page);
  const param = page.locator(`${W} .vl-param[data-param="policy"]`);
  await expect(param.getByRole('alert')).toHaveText(
    /^The link sets policy to "42", but Placement policy \(policy\) must be one of first-fit, next-fit, .*, kubernetes-requestedtocapacityratio; using the default, first-fit\.$/,
  );
  // The good value in the same link still applies; the bad one fell back to its default.
  await expect(page.locator(`${W} select[name="policy"]`)).toHaveValue('first-fit');
  await expect(page.getByTestId('container-placed')).toHaveText('60');
  await expect(page.getByTestId('cluster-scheduler-summary')).toContainText('Containers fit 60 apps');

  // An impossible combination gets its message next to the control at fault; the last result stays.
  const before = await shown(page);
  await page.locator(`${W} details.vl-more > summary`, { hasText: 'More settings' }).click();
  await page.locator(`${W} input[name="appMemMaxMiB"]`).fill('100');
  await expect(page.locator(`${W} .vl-param[data-param="appMemMaxMiB"]`).getByRole('alert')).toHaveText(
    'Largest app memory (appMemMaxMiB) must be at least the smallest app memory, 200 MiB; got 100.',
  );
  await expect.poll(() => shown(page)).toEqual(before);
  await page.locator(`${W} input[name="appMemMaxMiB"]`).fill('2048');
  await expect(page.locator(`${W} .vl-param[data-param="appMemMaxMiB"]`).getByRole('alert')).toHaveCount(0);
  await page.locator(`${W} select[name="policy"]`).selectOption('best-fit');
  await expect(param.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('cluster-scheduler-summary')).toContainText('(Best-fit)');
  // So does the rest of the page: search opens.
  await page.locator('site-search button[data-open-modal]').click();
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeVisible();
});
