// Refreshes the README screenshot from the built site: npm run build && node scripts/screenshot.mjs
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';
import { serve } from './serve.mjs';
const { server, url } = await serve({ dir: 'dist', port: 0 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(url + 'widgets/one-host-many-apps/');
await page.locator('[data-widget][data-ready="true"]').waitFor();
await page.locator('input[name="appMemMiB"]').fill('128');
await page.locator('input[name="appMemMiB"]').blur();
// Show the widget from its top, the article's sidebar beside it.
await page.locator('[data-widget]').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
await page.evaluate(() => window.scrollBy(0, -80));
await page.waitForTimeout(300);
await page.screenshot({ path: process.argv[2] ?? 'public/screenshot.png' });
await browser.close(); server.close();
