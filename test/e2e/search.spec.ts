// Search quality: key terms find the articles that teach them, widget pages
// are found by their captions, topics filter results, and widget controls
// stay out of the index.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { builtPages } from './site-pages.ts';
import { expect, test } from './fixtures.ts';

/** Query → a page (path from the base; `a|b` for either) that must be among the top three results. */
const QUERIES: [string, string][] = [
  ['hypervisor', 'course/virtual-machines-and-hypervisors/'],
  ['VT-x', 'course/virtual-machines-and-hypervisors/'],
  ['guest OS overhead', 'course/vms-at-scale/'],
  ['cgroups', 'course/containers/'],
  ['namespaces', 'course/containers/'],
  ['overlayfs', 'course/containers/'],
  ['bin packing', 'course/density-and-scheduling/'],
  ['LeastAllocated', 'course/density-and-scheduling/'],
  ['autoscaler', 'course/deployment-speed-and-scaling/'],
  ['pre-copy', 'course/portability-and-migration/'],
  ['CRIU', 'course/portability-and-migration/'],
  ['kernel patch', 'course/maintenance-and-patching/'],
  ['gVisor', 'course/isolation-and-security/'],
  ['Firecracker', 'course/isolation-and-security/'],
  ['microVM', 'course/isolation-and-security/|course/choosing/'],
  ['Kubernetes', 'course/ecosystem-today/'],
  ['glossary', 'reference/glossary/'],
  // Issue 15's chapters and the questions readers ask.
  ['Docker Desktop', 'reference/faq/|course/virtual-machines-and-hypervisors/'],
  ['WSL', 'course/virtual-machines-and-hypervisors/|reference/faq/'],
  ['chroot', 'course/why-virtualize/|labs/layers/'],
  ['Solaris Zones', 'course/why-virtualize/'],
  ['SEV-SNP', 'course/isolation-and-security/'],
  ['nested virtualization', 'course/isolation-and-security/|reference/faq/'],
  ['Hyper-V isolation', 'course/isolation-and-security/|reference/faq/'],
];

interface Hit {
  url: string;
  filters: Record<string, string[]>;
}

/** Runs a query through Pagefind's JS API in the page (the same index the search UI uses). */
async function search(page: Page, query: string, filters?: Record<string, string>): Promise<Hit[]> {
  return page.evaluate(
    async ({ query, filters }) => {
      // The index sits at the site's base, which the site title links to.
      const root = (document.querySelector('a.site-title') as HTMLAnchorElement).href;
      const pf = await import(/* @vite-ignore */ new URL('pagefind/pagefind.js', root).href);
      await pf.init();
      const res = await pf.search(query, filters ? { filters } : {});
      return Promise.all(
        res.results.slice(0, 10).map(async (r: { data: () => Promise<Hit> }) => {
          const d = await r.data();
          return { url: d.url, filters: d.filters };
        }),
      );
    },
    { query, filters },
  );
}

const rel = (url: string, baseURL: string) => new URL(url, baseURL).pathname.slice(new URL(baseURL).pathname.length);

test('key terms find the article that teaches them', { tag: '@base' }, async ({ page, baseURL }) => {
  await page.goto('');
  const misses: string[] = [];
  for (const [query, expected] of QUERIES) {
    const hits = (await search(page, query)).map((h) => rel(h.url, baseURL!));
    if (!expected.split('|').some((e) => hits.slice(0, 3).includes(e)))
      misses.push(`"${query}": expected ${expected} in the top 3, got ${hits.slice(0, 3).join(', ')}`);
  }
  expect(misses, misses.join('\n')).toEqual([]);
});

test('every widget page is found by its title and caption', async ({ page, baseURL }) => {
  await page.goto('');
  const widgetPages = builtPages().filter((p) => p.path.startsWith('widgets/'));
  expect(widgetPages.length).toBeGreaterThan(0);
  for (const wp of widgetPages) {
    const html = readFileSync(wp.file, 'utf8');
    const title = /<h1[^>]*>([^<]+)<\/h1>/.exec(html)![1];
    const caption = /<figcaption[^>]*>([^<]{20,})/.exec(html)?.[1];
    for (const query of [title, caption].filter((q): q is string => !!q)) {
      const hits = (await search(page, query)).map((h) => rel(h.url, baseURL!));
      expect(hits.slice(0, 3), `query "${query}"`).toContain(wp.path);
    }
  }
});

test('results can be filtered by topic, in the API and in the search UI', async ({ page }) => {
  await page.goto('');
  const all = await search(page, 'container');
  const security = await search(page, 'container', { topic: 'Security' });
  expect(security.length).toBeGreaterThan(0);
  expect(security.length).toBeLessThan(all.length);
  for (const hit of security) expect(hit.filters.topic).toContain('Security');

  await page.locator('site-search button[data-open-modal]').click();
  await page.locator('#starlight__search .pagefind-ui__search-input').fill('container');
  // The search UI and its index load on demand, slowly on a busy host (as in site.spec.ts).
  await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
  const before = await page.locator('.pagefind-ui__result').count();
  // Filter groups are collapsed disclosures in Pagefind's UI.
  await page.locator('.pagefind-ui__filter-panel summary', { hasText: 'topic' }).click();
  await page
    .locator('.pagefind-ui__filter-panel')
    .getByLabel(/^Security/)
    .check();
  await expect.poll(() => page.locator('.pagefind-ui__result').count()).toBeLessThan(before);
});

test('widget controls add nothing to the search index', async ({ page }) => {
  for (const wp of builtPages().filter((p) => p.path.startsWith('widgets/'))) {
    await page.goto(wp.path);
    // Let the page finish loading, so leaving it aborts no request.
    await page.waitForLoadState('networkidle');
    const loose = await page.evaluate(() =>
      [...document.querySelectorAll('[data-widget] :is(input, select, textarea, button, label)')]
        .filter((el) => !el.closest('[data-pagefind-ignore]'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(loose, `${wp.path}: controls outside data-pagefind-ignore`).toEqual([]);
  }
});

test("each widget's own page ranks first for its parameters; the embedding reference's copies are not indexed", async ({
  page,
  baseURL,
}) => {
  await page.goto('');
  // A parameter name and a label of each widget, as a reader would search for them.
  const cases: [string, string][] = [
    ['stopDirtyMiB', 'widgets/live-migration/'],
    ['maxUnavailable', 'widgets/patch-day/'],
    ['containerRuntimeMemMiB', 'widgets/one-host-many-apps/|widgets/stack-explorer/|widgets/cluster-scheduler/'],
    ['capacityRpsPerInstance', 'widgets/traffic-spike/'],
    ['baseLayerDiskMiB', 'widgets/stack-explorer/'],
    ['balancedWeight', 'widgets/cluster-scheduler/'],
    ['microvmVmmMemMiB', 'widgets/one-host-many-apps/'],
  ];
  const misses: string[] = [];
  for (const [query, expected] of cases) {
    const hits = (await search(page, query)).map((h) => rel(h.url, baseURL!));
    if (!expected.split('|').includes(hits[0])) misses.push(`${query}: first ${hits[0]} (${hits.join(', ')})`);
    if (hits.includes('reference/embedding/')) misses.push(`${query}: the embedding reference is a result`);
  }
  expect(misses, misses.join('\n')).toEqual([]);
});

test('search loads on intent: nothing of it before the reader heads for the search button, its UI when they point at it', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || /\.(m?js|pf_meta|pf_index|pf_fragment)(\?|$)/.test(r.url()))
      scripts.push(r.url());
  });
  // The real search UI is Pagefind's ui-core module; the stand-in Starlight imports when the browser is first idle holds it back.
  const uiCore = (u: string) => /\/ui-core[^/]*\.js(\?|$)/.test(u);
  await page.goto('course/containers/');
  await expect.poll(() => scripts.some((u) => u.includes('pagefind-ui-on-demand'))).toBe(true);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
  expect(scripts.filter((u) => uiCore(u) || u.includes('/pagefind/'))).toEqual([]);
  await page.locator('site-search button[data-open-modal]').hover();
  // Pointing at the button fetches the UI, and nothing of Pagefind's index yet.
  await expect.poll(() => scripts.some(uiCore)).toBe(true);
  await page.keyboard.press('Control+k');
  await page.locator('#starlight__search .pagefind-ui__search-input').fill('cgroups');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
  expect(scripts.some((u) => u.includes('/pagefind/'))).toBe(true);
});
