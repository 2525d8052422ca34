// Every e2e test runs under a guard that fails it on any console error, any
// uncaught exception, any failed request and any request to a host other
// than the local test server.
import { test as base, expect, type Page } from '@playwright/test';

export interface Guard {
  problems: string[];
}

/** Records every console error, uncaught exception, failed request and foreign request of `page`.
 * `origin` may list several allowed origins (e.g. a host page and the site it embeds). */
export function guardPage(page: Page, origin: string | readonly string[], problems: string[]): void {
  const allowed: readonly string[] = typeof origin === 'string' ? [origin] : origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // ERR_ABORTED is the page itself cancelling a load, as when a test moves
    // on while Starlight is still fetching its search UI in idle time; the
    // server never failed it. Every other failure counts.
    const error = req.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !allowed.includes(url.origin)) {
      problems.push(`request to another host: ${req.url()}`);
    }
  });
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      guardPage(page, new URL(baseURL!).origin, problems);
      await use({ problems });
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until every island on the page has hydrated and loaded the core. */
export async function waitForWidgets(page: Page): Promise<void> {
  // Islands hydrate when visible, so bring each one into view first.
  for (const widget of await page.locator('[data-widget]').all()) await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('[data-widget][data-ready="false"]')).toHaveCount(0);
}
