// What a reader on a laptop, a phone (320 px) or the keyboard meets on every
// widget page (issue 18), table-driven over the widget pages of the build:
// every slider moves with the arrow keys, nothing overflows at 320 px, every
// chart's axes have titles with units, exactly one preset is pressed after
// choosing one, a preset's tooltip closes on Escape, charts keep a readable
// height at 320 px with no overlapping tick labels, and "Copy link to this
// state" puts a link on the clipboard that reproduces the state. (axe at 320
// and 1280 px: a11y.spec.ts.)
import type { Locator, Page } from '@playwright/test';
import { expect, test, waitForWidgets } from './fixtures.ts';
import { builtPages } from './site-pages.ts';
import { noOverflow, settledWidget } from './widget-checks.ts';

const WIDGET_PAGES = builtPages()
  .map((p) => p.path)
  .filter((p) => p.startsWith('widgets/') && p !== 'widgets/');

test('the build has widget pages to check', () => {
  expect(WIDGET_PAGES.length).toBeGreaterThanOrEqual(6);
});

/** Opens every closed disclosure of the widget (More settings, the traffic spike's points…). */
async function openAll(root: Locator): Promise<void> {
  const closed = root.locator('details:not([open]) > summary');
  for (let n = await closed.count(); n > 0; n--) await closed.first().click();
}

/** The values every control of the widget shows, by name (ranges by their text, the rest by value). */
async function controlValues(root: Locator): Promise<Record<string, string>> {
  return root.locator('input[name], select[name]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => {
        const el = e as HTMLInputElement;
        return [el.name, el.type === 'checkbox' ? String(el.checked) : el.value];
      }),
    ),
  );
}

const rangeState = (el: HTMLInputElement): string => `${el.value}|${el.getAttribute('aria-valuetext') ?? ''}`;

async function widgetsOf(page: Page): Promise<string[]> {
  return page
    .locator('[data-widget]')
    .evaluateAll((ws) => ws.map((w) => `[data-widget="${w.getAttribute('data-widget')}"]`));
}

/** No word of a widget, a table, a label or a legend breaks across two lines. */
async function noBrokenWords(page: Page): Promise<void> {
  const broken = await page.evaluate(() => {
    const out: string[] = [];
    const roots = document.querySelectorAll('main [data-widget], main table, main label, main legend');
    const seen = new Set<Node>();
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (seen.has(n)) continue;
        seen.add(n);
        const parent = n.parentElement;
        if (!parent || parent.closest('textarea, option, script, style') || !parent.getClientRects().length) continue;
        const text = n.textContent ?? '';
        // A word is a run without spaces; a line may end after a hyphen or a dash, as in print.
        for (const m of text.matchAll(/[^\s\u2010-\u2014-]+[\u2010-\u2014-]?/g)) {
          if (m[0].length < 2) continue;
          const r = document.createRange();
          r.setStart(n, m.index ?? 0);
          r.setEnd(n, (m.index ?? 0) + m[0].length);
          const tops = new Set([...r.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)));
          if (tops.size > 1)
            out.push(`"${m[0]}" in ${parent.tagName.toLowerCase()}.${[...parent.classList].join('.')}`);
        }
      }
    }
    return out.slice(0, 20);
  });
  expect(broken, broken.join('\n')).toEqual([]);
}

/** Every time-series plot keeps 160 px on screen at this width, and no two tick labels of any chart overlap or leave it. */
async function chartsReadable(page: Page): Promise<void> {
  const found = await page.locator('[data-widget] svg.vl-chart-svg').evaluateAll((svgs) => {
    const out: string[] = [];
    for (const svg of svgs) {
      const name = svg.querySelector('title')?.textContent ?? '(untitled chart)';
      const box = svg.getBoundingClientRect();
      if (!box.width) continue;
      for (const plot of svg.querySelectorAll<SVGSVGElement>('svg.vl-plot')) {
        // Its viewport's height on screen (a nested svg's bounding box is that of what it draws).
        const scale = (plot.parentElement as unknown as SVGGraphicsElement | null)?.getScreenCTM()?.d ?? 1;
        const h = plot.height.baseVal.value * scale;
        // 160 px: the "minimum readable height" (it was about 130 px at 320 px).
        if (h < 159.5) out.push(`${name}: plot ${Math.round(h)} px tall`);
      }
      const ticks = [...svg.querySelectorAll('.vl-chart-tick')].map((t) => ({
        text: t.textContent ?? '',
        r: t.getBoundingClientRect(),
      }));
      for (const { text, r } of ticks)
        if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${name}: tick "${text}" leaves the chart`);
      for (let i = 0; i < ticks.length; i++)
        for (let j = i + 1; j < ticks.length; j++) {
          const [a, b] = [ticks[i].r, ticks[j].r];
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const rows = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (overlap > 0.5 && rows > 0.5) out.push(`${name}: ticks "${ticks[i].text}" and "${ticks[j].text}" overlap`);
        }
    }
    return out.slice(0, 20);
  });
  expect(found, found.join('\n')).toEqual([]);
}

/** Each preset's tooltip shows on keyboard focus and Escape hides it (WCAG 1.4.13), as does focus leaving. */
async function tooltipsDismiss(page: Page): Promise<void> {
  const preset = page
    .locator('[data-widget] .vl-preset')
    .filter({ has: page.locator('button:enabled') })
    .first();
  const button = preset.locator('button');
  const tip = preset.locator('.vl-tip');
  // Keyboard only: a pointer resting on a preset (the clicks before) keeps its tooltip open, as it should.
  await page.mouse.move(0, 0);
  await button.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await page.keyboard.press('Shift+Tab');
  await button.focus();
  await expect(tip).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(tip).toBeHidden();
}

/** Every chart names each axis with its unit in parentheses. */
async function axesTitled(page: Page): Promise<void> {
  const charts = page.locator('[data-widget] svg.vl-chart-svg');
  expect(await charts.count()).toBeGreaterThan(0);
  for (const chart of await charts.all()) {
    const titles = await chart.locator('.vl-axis-title').allTextContents();
    const name = await chart.locator('title').first().textContent();
    expect(titles.length, `${name}: axis titles`).toBeGreaterThan(0);
    for (const t of titles) expect(t, `${name}: "${t}" names its unit in parentheses`).toMatch(/\S \([^)]+\)$/);
  }
}

/** Choosing each preset leaves exactly that one pressed. */
async function onePresetPressed(page: Page): Promise<void> {
  let chosen = 0;
  for (const w of await widgetsOf(page)) {
    const buttons = page.locator(`${w} .vl-preset button:enabled`);
    for (let i = 0; i < (await buttons.count()); i++) {
      await buttons.nth(i).click();
      await expect(buttons.nth(i)).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator(`${w} .vl-preset button[aria-pressed="true"]`)).toHaveCount(1);
      await settledWidget(page, w);
      chosen++;
    }
  }
  // Every widget offers presets (issue 18): none chosen would be a page without them.
  expect(chosen, 'presets chosen').toBeGreaterThan(0);
}

for (const path of WIDGET_PAGES) {
  test.describe(`/${path}`, () => {
    test('every range input responds to ArrowRight and ArrowLeft', async ({ page }) => {
      test.setTimeout(180_000);
      await page.goto(path);
      await waitForWidgets(page);
      let checked = 0;
      for (const w of await widgetsOf(page)) {
        const root = page.locator(w);
        await openAll(root);
        const ranges = root.locator('input[type="range"]:enabled');
        const count = await ranges.count();
        for (let i = 0; i < count; i++) {
          const range = ranges.nth(i);
          const label = (await range.getAttribute('data-param')) ?? (await range.getAttribute('aria-label')) ?? `#${i}`;
          await settledWidget(page, w);
          await range.focus();
          const atMax = await range.evaluate((el: HTMLInputElement) => el.valueAsNumber >= Number(el.max));
          const [first, second] = atMax ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
          const before = await range.evaluate(rangeState);
          await page.keyboard.press(first);
          await expect.poll(() => range.evaluate(rangeState), `${label}: ${first}`).not.toBe(before);
          const moved = await range.evaluate(rangeState);
          await page.keyboard.press(second);
          await expect.poll(() => range.evaluate(rangeState), `${label}: ${second}`).not.toBe(moved);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    // Two checks of one page load at 320 px, each a step of its own.
    test('at 320 px nothing overflows the page and no word of a widget, table or label breaks across lines', async ({
      page,
    }) => {
      await page.setViewportSize({ width: 320, height: 720 });
      await page.goto(path);
      await waitForWidgets(page);
      for (const w of await widgetsOf(page)) await openAll(page.locator(w));
      await test.step('nothing overflows the page', () => noOverflow(page));
      await test.step('no word breaks across lines', () => noBrokenWords(page));
      await test.step('charts keep a readable height and no tick labels overlap', () => chartsReadable(page));
    });

    test("every chart's axes have titles with units; exactly one preset is pressed after choosing one", async ({
      page,
    }) => {
      await page.goto(path);
      await waitForWidgets(page);
      await test.step("every chart's axes have titles with units", () => axesTitled(page));
      await test.step('exactly one preset is pressed after choosing one', () => onePresetPressed(page));
      await test.step('a preset tooltip closes on Escape and when focus leaves', () => tooltipsDismiss(page));
    });

    test('"Copy link to this state" puts a link on the clipboard that reproduces the state', { tag: '@base' }, async ({
      page,
      context,
      baseURL,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
      await page.goto(path);
      await waitForWidgets(page);
      const [w] = await widgetsOf(page);
      const root = page.locator(w);
      // Change two settings from the keyboard, so the state is not the defaults.
      const ranges = root.locator('input[type="range"][data-param]:enabled');
      for (const i of [0, 1]) {
        await ranges.nth(i).focus();
        await page.keyboard.press('ArrowLeft');
        await settledWidget(page, w);
      }
      const state = await controlValues(root);
      const summary = await root.locator('.vl-summary').textContent();
      await root.getByRole('button', { name: 'Copy link to this state' }).click();
      await expect(root.locator('.vl-link-note')).toContainText('Link copied');
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(new URL(link).pathname).toBe(new URL(page.url()).pathname);
      const other = await context.newPage();
      await other.goto(link);
      await waitForWidgets(other);
      await settledWidget(other, w);
      expect(await controlValues(other.locator(w))).toEqual(state);
      await expect(other.locator(`${w} .vl-summary`)).toHaveText(summary!);
      await other.close();
    });
  });
}

for (const path of WIDGET_PAGES) {
  test(`/${path}: a value typed before the controls come to life is kept and used`, async ({ page }) => {
    // Type into the first number field of a group of controls as soon as the
    // server's HTML is there, before the island or its part has hydrated.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const el = document.querySelector<HTMLInputElement>('[data-widget] fieldset.vl-group input[type="number"]');
        if (!el) return;
        const step = Number(el.step) || 1;
        const v = Number(el.value) + step <= Number(el.max) ? Number(el.value) + step : Number(el.value) - step;
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        (window as unknown as { __typed: { name: string; value: string } }).__typed = {
          name: el.name,
          value: el.value,
        };
      });
    });
    await page.goto(path);
    await waitForWidgets(page);
    const typed = await page.evaluate(
      () => (window as unknown as { __typed?: { name: string; value: string } }).__typed,
    );
    test.skip(!typed, 'no group of controls on this page');
    const [w] = await widgetsOf(page);
    await settledWidget(page, w);
    const field = page.locator(`${w} input[type="number"][name="${typed!.name}"]`);
    await expect(field).toHaveValue(typed!.value);
    // The model has it too: the slider says so, and the link carries it.
    await expect(page.locator(`${w} input[type="range"][data-param="${typed!.name}"]`)).toHaveAttribute(
      'aria-valuetext',
      new RegExp(`^${typed!.value.replace('.', '\\.')}( |$)`),
    );
    await expect
      .poll(() => new URL(page.url()).searchParams.get(`${w.slice(14, -2)}.${typed!.name}`))
      .toBe(typed!.value);
  });
}

test('/widgets/traffic-spike/: the charts open on the spike, and "Show the whole run" shows all of it and back', async ({
  page,
}) => {
  test.skip(!WIDGET_PAGES.includes('widgets/traffic-spike/'), 'no traffic spike page in this build');
  await page.goto('widgets/traffic-spike/');
  await waitForWidgets(page);
  // The chart that has the zoom control, and its ticks (each chart keeps its own zoom).
  const chart = page
    .locator('[data-widget="traffic-spike"] .vl-ts')
    .filter({ has: page.locator('.vl-zoom') })
    .first();
  const button = chart.getByRole('button', { name: 'Show the whole run' });
  const note = chart.locator('.vl-zoom-note');
  const ticks = () => chart.locator('.vl-chart-tick').allTextContents();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(note).toHaveText(/^Showing \S.* to .* of /);
  const zoomedTicks = await ticks();
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(note).toHaveText(/^Showing all /);
  // The whole run's time axis is another axis than the zoomed one.
  await expect.poll(ticks).not.toEqual(zoomedTicks);
  await button.click();
  await expect(note).toHaveText(/^Showing \S.* to .* of /);
  await expect.poll(ticks).toEqual(zoomedTicks);
});
