// "Live migration" in a browser: keyboard use, links that reproduce a run,
// exports with the shown numbers, bad links, axe in both themes, and no long
// main-thread tasks while dragging.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets } from './fixtures.ts';

const PAGE = 'widgets/live-migration/';
const W = '[data-widget="live-migration"]';
const FIGS = ['vm-total', 'vm-downtime', 'vm-rounds', 'container-total', 'container-downtime'] as const;

async function shown(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of FIGS) out[id] = (await page.getByTestId(id).textContent()) ?? '';
  return out;
}

async function ready(page: Page): Promise<void> {
  await waitForWidgets(page);
  await expect(page.locator(`${W}[data-ready="true"]`)).toHaveCount(1);
}

async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The geometric series by hand from the shown settings: rounds and bytes of each round. */
async function expectedRounds(page: Page): Promise<number[]> {
  const n = async (name: string): Promise<number> =>
    Number(await page.locator(`${W} input[name="${name}"]`).inputValue());
  const m = await n('memMiB');
  const b = ((await n('bandwidthMbps')) * 1e6) / 8 / 1048576;
  const r = (await n('dirtyRateMiBps')) / b;
  const stop = await n('stopDirtyMiB');
  const max = await n('maxRounds');
  const sent = [m];
  let i = 1;
  while (i < max && m * r ** i > stop) sent.push(m * r ** i++);
  sent.push(m * r ** i);
  return sent;
}

test('keyboard-only use changes the result', async ({ page }) => {
  // Eleven steps, each waiting for its result: over the 30 s default once on a busy 2-core host.
  test.slow();
  await page.goto(PAGE);
  await ready(page);
  const before = await shown(page);
  expect(before['vm-rounds']).toBe('2');

  // The dirty-rate slider: End is the fastest dirtying, so pre-copy never converges.
  await tabTo(page, `${W} input[type="range"][data-param="dirtyRateMiBps"]`);
  await page.keyboard.press('End');
  await expect(page.getByTestId('vm-rounds')).toHaveText('30');
  await expect(page.getByTestId('live-migration-summary')).toContainText('Pre-copy did not converge');

  // The number field next to it: type a value.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('500');
  await expect(page.getByTestId('vm-rounds')).toHaveText(String((await expectedRounds(page)).length - 1));

  // The pre-dump checkbox by keyboard.
  await tabTo(page, `${W} input[type="checkbox"][name="preDump"]`);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('live-migration-summary')).toContainText('with a pre-dump');

  // A preset, then "Show as table" and Reset.
  await tabTo(page, `${W} .vl-preset button[aria-describedby$="podman-criu"]`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} input[name="bandwidthMbps"]`)).toHaveValue('25000');
  await tabTo(page, `${W} button[aria-controls="live-migration-rounds-table"]`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`${W} #live-migration-rounds-table table`)).toContainText('Round 1 (all memory)');
  await tabTo(page, `${W} .vl-inputs > .vl-actions button`);
  await page.keyboard.press('Enter');
  // The runs after Reset finish asynchronously: wait for the shown numbers, not a fixed time.
  await expect.poll(() => shown(page)).toEqual(before);
});

test('a migration that does not converge draws ten rounds and says how many it left out', async ({ page }) => {
  // Dirtying faster than the link sends (2000 MiB/s against 10 Gbit/s, about
  // 1192 MiB/s) never converges: pre-copy runs to the round cap.
  await page.goto(`${PAGE}?live-migration.dirtyRateMiBps=2000&live-migration.maxRounds=60`);
  await ready(page);
  await expect(page.getByTestId('vm-rounds')).toContainText('60');
  const cut = page.getByTestId('rounds-cut');
  await expect(cut).toContainText('are not drawn');
  const m = /Rounds (\d+) to (\d+) \((\d+) rounds\)/.exec((await cut.textContent()) ?? '');
  expect(m, 'the note names the rounds left out').not.toBeNull();
  const [from, to, count] = m!.slice(1).map(Number);
  expect(to - from + 1).toBe(count);
  const bars = await page
    .locator(`${W} svg[aria-labelledby="live-migration-rounds-chart-title"] rect.vl-track`)
    .count();
  // Every round is either drawn or counted in the note (the stop-and-copy is a bar of its own).
  expect(bars).toBeLessThanOrEqual(11);
  expect(bars + count).toBeGreaterThanOrEqual(60);
  // The chart stays compact: a bar per round (61) would make it about 3,000 px tall.
  const chart = await page.locator(`${W} figure`, { has: page.getByTestId('rounds-cut') }).boundingBox();
  expect(chart?.height ?? Number.POSITIVE_INFINITY).toBeLessThan(1000);
});

test('a link with state reproduces the same numbers', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page);
  await page.locator(`${W} input[name="dirtyRateMiBps"]`).fill('900');
  await page.locator(`${W} input[name="memMiB"]`).fill('16384');
  await expect(page).toHaveURL(/live-migration\.dirtyRateMiBps=900/);
  await expect(page).toHaveURL(/live-migration\.memMiB=16384/);
  const numbers = await shown(page);

  const other = await context.newPage();
  await other.goto(page.url());
  await ready(other);
  await expect(other.locator(`${W} input[name="memMiB"]`)).toHaveValue('16384');
  await expect(other.getByTestId('vm-total')).toHaveText(numbers['vm-total']);
  await expect.poll(() => shown(other)).toEqual(numbers);
  await other.close();

  await page.locator(`${W} .vl-inputs > .vl-actions button`, { hasText: 'Reset' }).click();
  await expect(page).not.toHaveURL(/live-migration\./);
});

test('export produces files with the shown numbers', async ({ page }) => {
  await page.goto(`${PAGE}?live-migration.dirtyRateMiBps=400`);
  await ready(page);
  const numbers = await shown(page);
  const rounds = await expectedRounds(page);

  const save = async (name: string, scope = page.locator(W)): Promise<string> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      scope.getByRole('button', { name, exact: true }).first().click(),
    ]);
    return readFileSync((await download.path())!, 'latin1');
  };
  const csv = (await save('CSV')).trim().split('\r\n');
  expect(csv[0]).toBe('workload,phase,startS,durationS,sentMiB,dirtyAfterMiB,running');
  const vmRows = csv.slice(1).filter((l) => l.startsWith('VM,'));
  expect(vmRows).toHaveLength(rounds.length);
  vmRows.forEach((l, i) => {
    expect(Number(l.split(',')[4])).toBeCloseTo(rounds[i], 6);
  });
  expect(vmRows.length - 1).toBe(Number(numbers['vm-rounds']));
  const json = JSON.parse(await save('JSON'));
  expect(json.params.dirtyRateMiBps).toBe(400);
  expect(json.url).toContain('live-migration.dirtyRateMiBps=400');
  // The last VM phase ends at the shown total.
  const last = json.rows.filter((r: { workload: string }) => r.workload === 'VM').at(-1);
  expect(numbers['vm-total']).toBe(
    `${Number((last.startS + last.durationS).toFixed(last.startS + last.durationS < 10 ? 2 : 1))} s`,
  );

  const chart = page.locator(`${W} figure`).first();
  const svg = await save('Chart as SVG', chart);
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('Round 1 (all memory)');
  expect(svg).not.toContain('var(--');
  const png = await save('Chart as PNG', chart);
  expect(png.slice(0, 8)).toBe('\x89PNG\r\n\x1a\n');
});

test('a bad value in the URL shows a clear message and the rest of the page still works', async ({ page }) => {
  await page.goto(`${PAGE}?live-migration.bandwidthMbps=fast&live-migration.memMiB=4096`);
  await ready(page);
  const param = page.locator(`${W} .vl-param[data-param="bandwidthMbps"]`);
  await expect(param.getByRole('alert')).toHaveText(
    'The link sets bandwidthMbps to "fast", but Link bandwidth (bandwidthMbps) must be a number from 10 to 400000 Mbit/s; using the default, 10000 Mbit/s.',
  );
  await expect(page.locator(`${W} input[name="memMiB"]`)).toHaveValue('4096');
  await expect(page.locator(`${W} input[name="bandwidthMbps"]`)).toHaveValue('10000');
  await expect(page.getByTestId('vm-rounds')).toHaveText(String((await expectedRounds(page)).length - 1));
  await page.locator(`${W} input[name="bandwidthMbps"]`).fill('1000');
  await expect(param.getByRole('alert')).toHaveCount(0);
  await page.locator('site-search button[data-open-modal]').click();
  await expect(page.locator('#starlight__search .pagefind-ui__search-input')).toBeVisible();
});
