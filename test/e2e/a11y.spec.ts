// Accessibility of the whole built site (issues 7, 18 and 19), in one
// table-driven spec: axe finds no violation on any page in the light or the
// dark theme, at 1280 px and at 320 px, once its widgets have hydrated, and
// again on every widget page after each of its controls has been operated
// and its hard states (HARD_STATES) reached;
// and a keyboard-only walk through every widget reaches each control in
// document order with a visible focus indicator, and keys change the result.
// The embed pages have their axe check (both themes) in embed.spec.ts.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test, waitForWidgets } from './fixtures.ts';
import { builtPages } from './site-pages.ts';
import { axePage, hasVisibleFocus, keyboardWalk, noOverflow, operateWidget, settledWidget } from './widget-checks.ts';

/** The widget ids on a built page, from its server-rendered HTML. */
function widgetsOn(file: string): string[] {
  return [...new Set([...readFileSync(file, 'utf8').matchAll(/data-widget="([^"]+)"/g)].map((m) => m[1]))];
}

const pages = builtPages()
  .filter((p) => !p.path.startsWith('embed/'))
  .map((p) => ({ ...p, widgets: widgetsOn(p.file) }));
const widgetPages = pages.filter((p) => p.path.startsWith('widgets/'));

test('the build has pages of every kind to check', () => {
  const paths = pages.map((p) => p.path);
  expect(paths).toContain('');
  expect(paths).toContain('404.html');
  expect(paths.some((p) => p.startsWith('course/'))).toBe(true);
  expect(paths.some((p) => p.startsWith('reference/'))).toBe(true);
  expect(widgetPages.length).toBeGreaterThanOrEqual(6);
  for (const p of widgetPages) expect(p.widgets, p.path).toHaveLength(1);
});

// On a phone (320 px) and a laptop (1280 px), in both themes: each page loads
// once and is checked at both widths in both themes (axePage resizes and
// switches the theme as the theme picker does); a widget page is then
// operated and checked at both widths in both themes again.
const VIEWPORTS = [
  { width: 320, height: 720 },
  { width: 1280, height: 720 },
];

/**
 * What the generic walk (operateWidget: every control once) does not reach:
 * per widget, the values that show its messages and its other modes, and a
 * preset's tooltip. One table here instead of an axe test in each widget's spec.
 */
const HARD_STATES: Record<string, (page: Page, w: string) => Promise<void>> = {
  'one-host': async (page, w) => {
    await page.locator(`${w} input[name="appMemMiB"]`).fill('128');
    await page.locator(`${w} input[name="hostReserveMiB"]`).fill('999999');
  },
  'cluster-scheduler': async (page, w) => {
    await page.locator(`${w} select[name="policy"]`).selectOption('kubernetes-mostallocated');
    await page.locator(`${w} input[name="hostCount"]`).fill('999');
  },
  'live-migration': async (page, w) => {
    await page.locator(`${w} input[name="dirtyRateMiBps"]`).fill('2000');
    await page.locator(`${w} input[name="stopDirtyMiB"]`).fill('-1');
  },
  'patch-day': async (page, w) => {
    await page.locator(`${w} input[name="apps"]`).fill('300');
    await page.locator(`${w} input[name="hosts"]`).fill('0');
  },
  'stack-explorer': async (page, w) => {
    await page.locator(`${w} input[name="apps"]`).fill('40');
    await page.locator(`${w} input[name="appMemMiB"]`).fill('0');
  },
  'traffic-spike': async (page, w) => {
    // The points editor with an invalid point, and a value out of range.
    await page.locator(`${w} select[name="demandShape"]`).selectOption('your-points');
    await page.locator(`${w} input[name="point2Rps"]`).fill('-5');
    await page.locator(`${w} input[name="cooldownS"]`).fill('999999');
  },
};

test('every widget has its hard states in the accessibility table', () => {
  expect(widgetPages.map((p) => p.widgets[0]).sort()).toEqual(Object.keys(HARD_STATES).sort());
});

for (const { path, widgets } of pages) {
  const operate = path.startsWith('widgets/');
  test(`axe: /${path} in the light and dark themes at 320 px and 1280 px, after hydration${operate ? ' and after operating the widget' : ''}`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    await axePage(
      browser,
      baseURL!,
      ['light', 'dark'],
      path,
      {
        // Every page loads with no console error, failed or foreign request
        // (axePage's guard), and one that places a widget offers "Embed this widget".
        ready: async (page) => {
          await waitForWidgets(page);
          if (widgets.length) await expect(page.locator('html')).toHaveAttribute('data-vl-embed-builder', '');
          // At 320 px (the first width) nothing overflows the page (widget pages, opened up, in widgets-ux.spec.ts).
          await noOverflow(page);
        },
        operate: operate
          ? async (page) => {
              for (const id of widgets) {
                const w = `[data-widget="${id}"]`;
                await operateWidget(page, w);
                await HARD_STATES[id](page, w);
                await settledWidget(page, w);
                const preset = page.locator(`${w} .vl-preset button`).first();
                await preset.focus();
                await expect(page.locator(`${w} .vl-preset .vl-tip`).first()).toBeVisible();
              }
            }
          : undefined,
      },
      VIEWPORTS,
    );
  });
}

/** Opens a widget page with reduced motion (nothing plays by itself) and waits for the widget. */
async function openWidget(page: Page, path: string, w: string): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(path);
  await waitForWidgets(page);
  await settledWidget(page, w);
}

/** What the widget shows in words: its summary, figures, charts' text and tables (input values are not text). */
const shownText = (page: Page, w: string): Promise<string> =>
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is wanted (hidden nodes excluded)
  page.locator(w).evaluate((el) => (el as HTMLElement).innerText);

for (const { path, widgets } of widgetPages) {
  const w = `[data-widget="${widgets[0]}"]`;
  test(`keyboard: Tab reaches every control of ${widgets[0]} in order, each with a visible focus indicator, and keys change the result`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openWidget(page, path, w);
    const stops = await keyboardWalk(page, w);
    // Sliders, fields, presets, table views, exports: a widget has many.
    expect(stops.length).toBeGreaterThan(8);
    const unseen = stops
      .filter((s) => !hasVisibleFocus(s))
      .map((s) => `${s.what}: focused ${JSON.stringify(s.focused)}, unfocused ${JSON.stringify(s.blurred)}`);
    expect(unseen, `no visible focus indicator on:\n${unseen.join('\n')}`).toEqual([]);

    // From the top again: Tab to the first parameter slider; PageUp (PageDown at the top) changes what the widget shows.
    await openWidget(page, path, w);
    const first = page.locator(`${w} input[type="range"][data-param]`).first();
    const name = await first.getAttribute('data-param');
    for (let i = 0; ; i++) {
      await page.keyboard.press('Tab');
      if (await first.evaluate((el) => el === document.activeElement)) break;
      if (i > 400) throw new Error(`Tab never reached the ${name} slider`);
    }
    const before = await shownText(page, w);
    const atMax = await first.evaluate((el: HTMLInputElement) => el.valueAsNumber >= Number(el.max));
    const key = atMax ? 'PageDown' : 'PageUp';
    await page.keyboard.press(key);
    await settledWidget(page, w);
    await expect
      .poll(() => shownText(page, w), { message: `what ${widgets[0]} shows after ${key} on the ${name} slider` })
      .not.toBe(before);
  });
}

test('the focus check fails on a control whose outline is removed', async ({ page }) => {
  // The check itself: with `outline: none` on every widget control, a walk must find no visible focus.
  const { path, widgets } = widgetPages[0];
  const w = `[data-widget="${widgets[0]}"]`;
  await openWidget(page, path, w);
  // Through the CSSOM (the site's content security policy blocks an added
  // <style>), on every element now and on those the walk opens (tables).
  await page.locator(w).evaluate((root) => {
    const strip = (el: Element): void => (el as HTMLElement).style?.setProperty('outline', 'none', 'important');
    for (const el of root.querySelectorAll('*')) strip(el);
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof Element) for (const el of [n, ...n.querySelectorAll('*')]) strip(el);
    }).observe(root, { childList: true, subtree: true });
  });
  const stops = await keyboardWalk(page, w);
  expect(stops.length).toBeGreaterThan(8);
  expect(stops.filter((s) => hasVisibleFocus(s)).map((s) => s.what)).toEqual([]);
});
