// Checks every spec runs the same way: axe over a page in one theme, after
// hydration and after operating its widgets (generically, every control, or
// with a spec's own steps); a keyboard-only walk through a widget's controls
// that checks order and a visible focus indicator.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, guardPage, waitForWidgets } from './fixtures.ts';

/** The one axe check: no violation on the page (or frame's page) as it is now. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Violations only: the passes' details are never read, and leaving them out makes each run about a quarter faster.
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const text = violations
    .map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  expect(violations, `${label}:\n${text}`).toEqual([]);
}

export interface AxeSteps {
  /** Waits until the widget has hydrated and shows a result. */
  ready: (page: Page) => Promise<unknown>;
  /** Operates the widget: values, an invalid value, the table view, presets. */
  operate: (page: Page) => Promise<unknown>;
}

type Viewport = { width: number; height: number };

/** Waits two frames: the page has laid out and painted what changed. */
const twoFrames = (page: Page): Promise<unknown> =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** Lets the page lay out at its new size and its widgets redraw (charts follow their width). */
async function resizeTo(page: Page, viewport: Viewport): Promise<void> {
  await page.setViewportSize(viewport);
  await twoFrames(page);
  await waitForWidgets(page);
}

type Theme = 'light' | 'dark';

/** Switches the theme as Starlight's theme picker does (stored choice, `data-theme`, the pickers), with the system preference to match. */
async function switchTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset.theme = t;
    (
      window as unknown as { StarlightThemeProvider?: { updatePickers(t: string): void } }
    ).StarlightThemeProvider?.updatePickers(t);
  }, theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await twoFrames(page);
}

/**
 * No axe violation on `path` in each theme at each viewport once its widgets
 * have hydrated and, with `steps.operate`, again after operating them. The
 * page loads once, in the first theme at the first viewport; it is then
 * checked at every width (a resize, as a reader turning a phone or widening
 * a window) and in every theme (switched as the theme picker does), then
 * operated and checked again in each theme and at each width (two runs: the
 * theme and width it was left in, then the other of both). One load and one
 * operation cover them all, as a reader's one visit would.
 */
export async function axePage(
  browser: Browser,
  baseURL: string,
  themes: Theme | readonly Theme[],
  path: string,
  steps: Partial<AxeSteps> = {},
  viewports: Viewport | readonly Viewport[] = { width: 1280, height: 720 },
): Promise<void> {
  const sizes = Array.isArray(viewports) ? viewports : [viewports as Viewport];
  const schemes: readonly Theme[] = Array.isArray(themes) ? themes : [themes as Theme];
  const context = await browser.newContext({ baseURL, viewport: sizes[0], colorScheme: schemes[0] });
  await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), schemes[0]);
  const page = await context.newPage();
  const problems: string[] = [];
  guardPage(page, new URL(baseURL).origin, problems);
  const response = await page.goto(path);
  expect(response?.status(), `/${path} answers 200`).toBe(200);
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', schemes[0]);
  await (steps.ready ?? waitForWidgets)(page);
  // Every theme at every width, alternating the width order so each theme switch costs no resize.
  let current = sizes[0];
  const everyWay = async (state: string): Promise<void> => {
    for (const theme of schemes) {
      if ((await page.locator('html').getAttribute('data-theme')) !== theme) await switchTheme(page, theme);
      const order = current === sizes[0] ? sizes : [...sizes].reverse();
      for (const v of order) {
        if (v !== current) {
          await resizeTo(page, v);
          current = v;
        }
        await expectNoAxeViolations(page, `/${path}, ${theme} theme, ${v.width} px, ${state}`);
      }
    }
  };
  await everyWay('after hydration');
  if (steps.operate) {
    await steps.operate(page);
    // Once operated, each theme at one width and each width in one theme:
    // the theme as left, at the width as left, then the other theme at the other width.
    const state = 'after operating the widget';
    const theme0 = (await page.locator('html').getAttribute('data-theme')) as Theme;
    await expectNoAxeViolations(page, `/${path}, ${theme0} theme, ${current.width} px, ${state}`);
    const otherTheme = schemes.find((t) => t !== theme0);
    const otherSize = sizes.find((v) => v !== current);
    if (otherTheme) await switchTheme(page, otherTheme);
    if (otherSize) await resizeTo(page, otherSize);
    if (otherTheme || otherSize)
      await expectNoAxeViolations(
        page,
        `/${path}, ${otherTheme ?? theme0} theme, ${(otherSize ?? current).width} px, ${state}`,
      );
  }
  expect(problems, problems.join('\n')).toEqual([]);
  await context.close();
}

/** Waits until the widget `w` (a selector) has hydrated and no run is in progress. */
export async function settledWidget(page: Page, w: string): Promise<void> {
  await page.locator(w).scrollIntoViewIfNeeded();
  await expect(page.locator(`${w}[data-ready="true"]`)).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator(`${w}[aria-busy="true"]`)).toHaveCount(0, { timeout: 20_000 });
}

/**
 * Operates every control of the widget `w` (a selector) the way a reader
 * would: picks a preset, opens its disclosures, moves every slider a step,
 * steps every number field, picks another option of every select, toggles
 * every checkbox, steps and plays the timeline, enters an out-of-range value (so its
 * message shows) and opens every "Show as table" view. Export, embed and reset
 * buttons are left alone (downloads and a modal dialog).
 */
export async function operateWidget(page: Page, w: string): Promise<void> {
  const root = page.locator(w);
  await settledWidget(page, w);
  // A preset first, while every other value is its default (so it shows as picked).
  const unpicked = root.locator('.vl-preset button[aria-pressed="false"]:enabled').first();
  if (await unpicked.count()) {
    const preset = root.locator(
      `.vl-preset button[aria-describedby="${await unpicked.getAttribute('aria-describedby')}"]`,
    );
    await preset.click();
    await expect(preset).toHaveAttribute('aria-pressed', 'true');
    await settledWidget(page, w);
  }
  const closedDetails = root.locator('details:not([open]) > summary');
  for (let n = await closedDetails.count(); n > 0; n--) await closedDetails.first().click();
  await expect(closedDetails).toHaveCount(0);
  for (const slider of await root.locator('input[type="range"][data-param]:enabled').all()) {
    const atMax = await slider.evaluate((el: HTMLInputElement) => el.valueAsNumber >= Number(el.max));
    await slider.focus();
    await page.keyboard.press(atMax ? 'ArrowLeft' : 'ArrowRight');
  }
  for (const field of await root.locator('input[type="number"]:enabled').all()) {
    const atMax = await field.evaluate((el: HTMLInputElement) => el.max !== '' && el.valueAsNumber >= Number(el.max));
    await field.focus();
    await page.keyboard.press(atMax ? 'ArrowDown' : 'ArrowUp');
  }
  for (const select of await root.locator('select:enabled').all()) {
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const current = await select.inputValue();
    const other = options.find((o) => o !== current);
    if (other !== undefined) await select.selectOption(other);
  }
  for (const box of await root.locator('input[type="checkbox"]:enabled').all()) await box.click();
  await settledWidget(page, w);
  const timeline = root.locator('.vl-timeline');
  if (await timeline.count()) {
    // Step (back, if the run has already played to its end), then play and pause.
    const forward = timeline.first().getByRole('button', { name: 'Step forward' });
    await ((await forward.isEnabled()) ? forward : timeline.first().getByRole('button', { name: 'Step back' })).click();
    const play = timeline.first().locator('button[aria-pressed]');
    const playing = await play.getAttribute('aria-pressed');
    await play.click();
    await expect(play).not.toHaveAttribute('aria-pressed', playing!);
    await play.click();
    await expect(play).toHaveAttribute('aria-pressed', playing!);
  }
  const field = root.locator('input[type="number"][name]:enabled').first();
  if (await field.count()) {
    const max = Number((await field.getAttribute('max')) ?? '1000');
    await field.fill(String(max * 10 + 1));
    await expect(root.getByRole('alert').first()).toBeVisible();
  }
  const closed = await root
    .locator('button[aria-controls][aria-expanded="false"]')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-controls')!));
  for (const id of closed) {
    const toggle = root.locator(`button[aria-controls="${id}"]`);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }
  await settledWidget(page, w);
}

/** What a focused element looks like; compared with the same element unfocused. */
interface FocusLook {
  outline: string;
  boxShadow: string;
  border: string;
  background: string;
}

export interface FocusStop {
  /** A short description of the element (tag, name, text). */
  what: string;
  focused: FocusLook;
  blurred?: FocusLook;
}

/**
 * Keyboard only: Tabs from the top of the page into the widget `w` and on
 * until focus leaves it, opening every closed disclosure and "Show as table"
 * view on the way with Enter. Returns each focus stop with how it looked
 * focused and, after focus moved on, unfocused; fails if focus ever moves
 * backwards in document order or misses a control that can take focus.
 */
export async function keyboardWalk(page: Page, w: string): Promise<FocusStop[]> {
  // In the page: the stops so far, and how an element looks right now.
  await page.evaluate(() => {
    const win = window as unknown as { vlStops: Element[]; vlLook: (el: Element) => FocusLook };
    win.vlStops = [];
    win.vlLook = (el) => {
      const cs = getComputedStyle(el);
      return {
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        boxShadow: cs.boxShadow,
        border: `${cs.borderTopColor} ${cs.borderTopWidth} ${cs.borderBottomColor} ${cs.borderBottomWidth}`,
        background: cs.backgroundColor,
      };
    };
  });
  type Win = { vlStops: Element[]; vlLook: (el: Element) => FocusLook };
  const inside = (): Promise<boolean> => page.evaluate((sel) => !!document.activeElement?.closest(sel), w);
  let presses = 0;
  do {
    await page.keyboard.press('Tab');
    if (++presses > 400) throw new Error(`Tab never reached ${w}`);
  } while (!(await inside()));
  const stops: FocusStop[] = [];
  while (await inside()) {
    const info = await page.evaluate(() => {
      const win = window as unknown as Win;
      const el = document.activeElement as HTMLElement;
      const prev = win.vlStops[win.vlStops.length - 1];
      win.vlStops.push(el);
      const name =
        el.getAttribute('name') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
      return {
        what: `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''} "${name}"`,
        backwards: !!prev && !!(el.compareDocumentPosition(prev) & Node.DOCUMENT_POSITION_FOLLOWING),
        repeated: win.vlStops.indexOf(el) !== win.vlStops.length - 1,
        focused: win.vlLook(el),
        // The previous stop, now that focus has moved on.
        prevBlurred: prev ? win.vlLook(prev) : null,
        opens:
          (el.tagName === 'SUMMARY' && !(el.parentElement as HTMLDetailsElement).open) ||
          (el.tagName === 'BUTTON' && el.getAttribute('aria-expanded') === 'false' && el.hasAttribute('aria-controls')),
      };
    });
    expect(info.backwards, `focus moved backwards in document order to ${info.what}`).toBe(false);
    expect(info.repeated, `focus came back to ${info.what}`).toBe(false);
    if (info.prevBlurred) stops[stops.length - 1].blurred = info.prevBlurred;
    stops.push({ what: info.what, focused: info.focused });
    if (info.opens) {
      await page.keyboard.press('Enter');
      // Wait for what it opened to render before moving on.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            return el.tagName === 'SUMMARY'
              ? (el.parentElement as HTMLDetailsElement).open
              : el.getAttribute('aria-expanded') === 'true';
          }),
        )
        .toBe(true);
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    }
    await page.keyboard.press('Tab');
    if (stops.length > 300) throw new Error(`more than 300 focus stops in ${w}`);
  }
  // The last stop, now that focus has left the widget.
  stops[stops.length - 1].blurred = await page.evaluate(() => {
    const win = window as unknown as Win;
    return win.vlLook(win.vlStops[win.vlStops.length - 1]);
  });
  // Every control that can take focus now (disclosures opened) was a stop.
  const missed = await page.evaluate((sel) => {
    const stopped = new Set((window as unknown as Win).vlStops);
    const root = document.querySelector(sel)!;
    const candidates = root.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, summary, [tabindex]',
    );
    return [...candidates]
      .filter((el) => {
        if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
        if (!el.checkVisibility({ visibilityProperty: true })) return false;
        if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
        // A radio group is one tab stop: its checked radio.
        if (
          el instanceof HTMLInputElement &&
          el.type === 'radio' &&
          !el.checked &&
          root.querySelector(`input[type=radio][name="${el.name}"]:checked`)
        )
          return false;
        return !stopped.has(el);
      })
      .map((el) => el.outerHTML.slice(0, 120));
  }, w);
  expect(missed, `controls Tab never reached:\n${missed.join('\n')}`).toEqual([]);
  return stops;
}

/** Whether a focused element looks different from itself unfocused: an outline, a ring (box-shadow), a border or background change. */
export function hasVisibleFocus(stop: FocusStop): boolean {
  const f = stop.focused;
  const b = stop.blurred!;
  const [style, width, ...color] = f.outline.split(' ');
  const outline =
    style !== 'none' &&
    parseFloat(width) > 0 &&
    !/rgba\([^)]*,\s*0\)$/.test(color.join(' ')) &&
    f.outline !== b.outline;
  const ring = f.boxShadow !== 'none' && f.boxShadow !== b.boxShadow;
  return outline || ring || f.border !== b.border || f.background !== b.background;
}

/** No element past the page's right edge (unless a scrolling ancestor holds it), no horizontal page scroll. */
export async function noOverflow(page: Page): Promise<void> {
  const over = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // An element past the right edge counts unless a scrolling ancestor holds it.
    const held = (el: Element): boolean => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip')
          return a.getBoundingClientRect().right <= width + 1;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      // Not drawn (in a closed <details>, say): nothing to see, nothing to scroll to.
      if (r.width > 0 && r.right > width + 1 && el.checkVisibility() && !held(el))
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (right edge ${Math.round(r.right)} px)`);
    }
    return { scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 10) };
  });
  expect(over.out, over.out.join('\n')).toEqual([]);
  expect(over.scroll, 'horizontal page scroll (px)').toBeLessThanOrEqual(0);
}
