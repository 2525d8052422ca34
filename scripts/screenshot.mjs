// Refreshes the README screenshots from the built site:
//   npm run build && node scripts/screenshot.mjs [desktop.png] [phone.png]
// A laptop (1280 px) view of a widget in its article, and a phone (320 px)
// view of the traffic spike's chart, zoomed on its spike, in the dark theme.
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';
import { serve } from './serve.mjs';

const [desktopPath = 'public/screenshot.png', phonePath = 'public/screenshot-phone.png'] = process.argv.slice(2);
const { server, url } = await serve({ dir: 'dist', port: 0 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

/** Scrolls so the first widget starts near the top and waits until nothing is computing. */
async function showWidget(page, offset) {
  await page
    .locator('[data-widget]')
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate((dy) => window.scrollBy(0, -dy), offset);
  await page.locator('[data-widget][data-ready="true"]:not([aria-busy="true"])').first().waitFor();
  // Fonts and the last frame of layout.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((ok) => requestAnimationFrame(() => ok()))));
}

const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await desktop.goto(`${url}widgets/one-host-many-apps/`);
await desktop.locator('[data-widget][data-ready="true"]').waitFor();
await desktop.locator('input[name="appMemMiB"]').fill('128');
await desktop.locator('input[name="appMemMiB"]').blur();
await showWidget(desktop, 80);
await desktop.screenshot({ path: desktopPath });

const phone = await browser.newPage({
  viewport: { width: 320, height: 720 },
  deviceScaleFactor: 2,
  colorScheme: 'dark',
});
await phone.goto(`${url}widgets/traffic-spike/`);
await phone.locator('[data-widget]').first().scrollIntoViewIfNeeded();
await phone.locator('[data-widget][data-ready="true"]').waitFor({ timeout: 60_000 });
await showWidget(phone, 8);
// The chart, zoomed on the spike, rather than the summary above it.
await phone
  .locator('[data-widget] .vl-ts')
  .first()
  .evaluate((el) => el.scrollIntoView({ block: 'start' }));
await phone.evaluate(() => window.scrollBy(0, -120));
await phone.screenshot({ path: phonePath });

await browser.close();
server.close();
console.log(`wrote ${desktopPath} and ${phonePath}`);
