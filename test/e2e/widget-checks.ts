// Checks every widget spec runs the same way: axe over a widget page in one
// theme, before and after operating the widget, and dragging a slider.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, guardPage } from './fixtures.ts';

export interface AxeSteps {
  /** Waits until the widget has hydrated and shows a result. */
  ready: (page: Page) => Promise<unknown>;
  /** Operates the widget: values, an invalid value, the table view, presets. */
  operate: (page: Page) => Promise<unknown>;
}

/** No axe violation on `path` in `theme`, after hydration and after operating the widget. */
export async function axeWidgetPage(
  browser: Browser,
  baseURL: string,
  theme: 'light' | 'dark',
  path: string,
  steps: AxeSteps,
): Promise<void> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  const page = await context.newPage();
  const problems: string[] = [];
  guardPage(page, new URL(baseURL).origin, problems);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await steps.ready(page);
  const check = async (when: string): Promise<void> => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const text = violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
    expect(violations, `${theme} theme, ${when}:\n${text}`).toEqual([]);
  };
  await check('after hydration');
  await steps.operate(page);
  await check('after operating the widget');
  expect(problems, problems.join('\n')).toEqual([]);
  await context.close();
}

/** Drags a range input's thumb from one end to the other in `steps` mouse moves. */
export async function dragSlider(page: Page, slider: Locator, steps = 40): Promise<void> {
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  for (let i = 0; i <= steps; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / steps, y);
  await page.mouse.up();
}
