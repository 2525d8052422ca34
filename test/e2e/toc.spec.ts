// "On this page": VirtLab's stand-in for Starlight's table-of-contents script
// (src/components/starlight-toc.ts) watches exactly the elements Starlight's
// own selector picks, in the same order, and marks the section being read.
import { elementsToObserve } from '../../src/components/toc-targets.ts';
import { expect, test } from './fixtures.ts';

// Articles with many sections, a widget page (one heading, a large island)
// and the glossary (many headings).
const PAGES = [
  'course/deployment-speed-and-scaling/',
  'widgets/traffic-spike/',
  'reference/glossary/',
  'course/containers/',
];

/** Starlight 0.42's selector (components-internals/TableOfContents/starlight-toc.ts). */
function starlightSelector(h: string): string {
  return [
    `main :where(${h})`,
    `main :where(${h}, .sl-heading-wrapper) ~ *:not(:has(${h}))`,
    `main .sl-markdown-content > *:not(:has(${h}))`,
    `main > *:not(:has(${h}))`,
  ].join();
}

for (const path of PAGES) {
  test(`/${path}: the table of contents watches the elements Starlight's selector picks`, async ({ page }) => {
    await page.goto(path);
    // Starlight's heading selector for the default levels (2 and 3).
    const h = 'h1#_top,:where(h2,h3)[id]';
    // The page's CSP forbids eval; an expression sent by the test is not the page's own script.
    const result = await page.evaluate(`(() => {
      const elementsToObserve = ${elementsToObserve.toString()};
      const ours = elementsToObserve(document, ${JSON.stringify(h)});
      const theirs = [...document.querySelectorAll(${JSON.stringify(starlightSelector(h))})];
      const firstDiff = ours.findIndex((el, i) => el !== theirs[i]);
      return { ours: ours.length, theirs: theirs.length, firstDiff };
    })()`);
    const { ours, theirs, firstDiff } = result as { ours: number; theirs: number; firstDiff: number };
    expect(theirs, 'Starlight picks something to watch').toBeGreaterThan(0);
    expect(ours).toBe(theirs);
    expect(firstDiff, 'index of the first element that differs').toBe(-1);
  });
}

test('scrolling to a section marks its link as the current one, on wide and narrow screens', async ({ page }) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('course/deployment-speed-and-scaling/');
    const toc = width >= 1280 ? page.locator('starlight-toc') : page.locator('mobile-starlight-toc');
    const links = toc.locator('a[href^="#"]');
    await expect(links.first()).toBeAttached();
    const hashes = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
    // A section well down the page: scroll its heading to the top.
    const target = hashes[Math.min(3, hashes.length - 1)];
    await page
      .locator(`[id="${decodeURIComponent(target.slice(1))}"]`)
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect(toc.locator(`a[href="${target}"]`).first()).toHaveAttribute('aria-current', 'true');
    if (width < 1280)
      await expect(toc.locator('.display-current')).toHaveText(
        (await toc.locator(`a[href="${target}"]`).first().textContent())?.trim() ?? '',
      );
  }
});
