// Long-task measurement for the "no main-thread task over 50 ms while a
// control is dragged" checks. Tests that use it carry @perf in their title,
// so scripts/e2e.mjs runs them alone, after the rest of the suite.
import { expect, type Page } from '@playwright/test';

type LongTaskWindow = Window & { __longTasks: number[] };

/** Starts recording long tasks from the page's first script on. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as LongTaskWindow;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Forgets what loading the page cost; only what follows counts. */
export async function clearLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as LongTaskWindow).__longTasks = []));
}

export async function expectNoLongTasks(page: Page, limitMs = 50): Promise<void> {
  const tasks = await page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks);
  expect(tasks.filter((d) => d > limitMs), `long tasks: ${tasks.join(', ')} ms`).toEqual([]);
}
