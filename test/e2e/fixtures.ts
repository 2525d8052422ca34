// Every e2e test runs under a guard that fails it on any console error, any
// uncaught exception, any failed request, any request to a host other than
// the local test server, and any content security policy violation (the test
// server sends the build's policy from dist/_headers).
import { test as base, expect, type Page } from '@playwright/test';

export interface Guard {
  problems: string[];
}

/** Prefix of the console line the init script below writes for each securitypolicyviolation event. */
const CSP_EVENT = '[virtlab-e2e] securitypolicyviolation';

/** Records every console error, uncaught exception, failed request, foreign request and CSP violation of `page`.
 * `origin` may list several allowed origins (e.g. a host page and the site it embeds).
 * Resolves once the violation listener is installed for every later navigation (await it before goto). */
export function guardPage(page: Page, origin: string | readonly string[], problems: string[]): Promise<void> {
  const allowed: readonly string[] = typeof origin === 'string' ? [origin] : origin;
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith(CSP_EVENT))
      problems.push(`CSP violation on ${page.url()}: ${text.slice(CSP_EVENT.length).trim()}`);
    // Chromium also logs each violation as an error ("… violates the following Content Security Policy directive …").
    // (Cut short: the message repeats the whole policy.)
    else if (msg.type() === 'error' && /Content Security Policy/i.test(text))
      problems.push(`CSP violation (console) on ${page.url()}: ${text.slice(0, 160)}…`);
    else if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // ERR_ABORTED is the page itself cancelling a load, as when a test moves
    // on while Starlight is still fetching its search UI in idle time; the
    // server never failed it. Every other failure counts.
    const error = req.failure()?.errorText;
    // 'csp': blocked by a content security policy, also in workers, whose console the page does not see.
    if (error === 'csp') problems.push(`CSP violation (blocked request) on ${page.url()}: ${req.url()}`);
    else if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${error})`);
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
  // The event reaches the window from the document and from elements, Shadow
  // DOM included (it bubbles and is composed); init scripts run in every frame.
  const installed = page.addInitScript((mark: string) => {
    addEventListener(
      'securitypolicyviolation',
      (e) =>
        console.warn(
          `${mark} ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}:${e.lineNumber} ${e.sample}`,
        ),
      true,
    );
  }, CSP_EVENT);
  return installed.then(() => undefined);
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      await guardPage(page, new URL(baseURL!).origin, problems);
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

/**
 * Waits until two readings agree, reading both on every try: e.g. the numbers
 * a widget shows and the ones computed from its inputs. A widget recomputes
 * after an input changes, so one immediate reading can see the old result.
 */
export async function expectSame<T>(read: () => Promise<T>, want: () => Promise<T>): Promise<void> {
  await expect
    .poll(async () => {
      const [a, b] = [await read(), await want()];
      return JSON.stringify(a) === JSON.stringify(b)
        ? 'same'
        : `shown ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`;
    })
    .toBe('same');
}
