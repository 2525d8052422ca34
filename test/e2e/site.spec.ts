// The built site end to end: every page loads cleanly, the demo island
// hydrates and shows the core's result, search finds pages, and the
// path-dependent Starlight features work with articles in content/.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { builtPages, distDir, indexedWords } from './site-pages.ts';
import type { Page } from '@playwright/test';
import { expect, test, waitForWidgets } from './fixtures.ts';

const pages = builtPages();

test('the build produced the landing page, an article and the demo widget page', () => {
  const paths = pages.map((p) => p.path);
  expect(paths).toContain('');
  expect(paths).toContain('widgets/one-host-many-apps/');
  expect(paths.length).toBeGreaterThan(3);
});

/**
 * Pages alike in what they load: every widget page and embed page is its own
 * kind (each has its own island and core part); the others go by folder
 * (articles, their printable summaries, labs, reference pages). Every page
 * but the embed pages is loaded with the same guard by the accessibility
 * spec, under the sub-path; here one page of each kind, and every embed
 * page, is loaded again at the root too (@base): what the base path changes
 * is how a kind's resources resolve.
 */
const kindOf = (path: string): string =>
  /^(widgets|embed)\//.test(path) ? path : `${path.split('/')[0]}${path.endsWith('summary/') ? ' summary' : ''}`;
const seenKinds = new Set<string>();
const onePerKind = pages.filter(({ path }) => {
  const kind = kindOf(path);
  if (seenKinds.has(kind)) return false;
  seenKinds.add(kind);
  return true;
});

for (const { path } of onePerKind) {
  test(`page /${path} loads with no console error, failed or foreign request`, { tag: '@base' }, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
    await waitForWidgets(page);
    // Let late requests (search index preloads, islands) settle inside the guard.
    await page.waitForLoadState('networkidle');
    // A widget on a course page offers "Embed this widget" (its page provides the panel).
    if (!path.startsWith('embed/') && (await page.locator('[data-widget]').count()) > 0)
      await expect(page.locator('html')).toHaveAttribute('data-vl-embed-builder', '');
  });
}

test.describe('demo island', () => {
  const PAGE = 'widgets/one-host-many-apps/';
  const num = async (page: Page, name: string) => Number(await page.locator(`input[name="${name}"]`).inputValue());

  test('hydrates and shows what the core computed', { tag: '@base' }, async ({ page }) => {
    await page.goto(PAGE);
    const widget = page.locator('[data-widget="one-host"]');
    await expect(widget).toHaveAttribute('data-ready', 'true');
    const usableMiB = (await num(page, 'hostMemGiB')) * 1024 - (await num(page, 'hostReserveMiB'));
    const vmOverhead = (await num(page, 'vmGuestOsMemMiB')) + (await num(page, 'vmVmmMemMiB'));
    const shim = await num(page, 'containerRuntimeMemMiB');

    // Change a control; the numbers must follow the core's packing arithmetic.
    await page.locator('input[name="appMemMiB"]').fill('128');
    await expect(page.getByTestId('vm-apps')).toHaveText(String(Math.floor(usableMiB / (128 + vmOverhead))));
    await expect(page.getByTestId('container-apps')).toHaveText(String(Math.floor(usableMiB / (128 + shim))));
    await expect(page.getByTestId('one-host-summary')).toContainText(
      `${Math.floor(usableMiB / (128 + shim))} apps fit as containers`,
    );
  });

  test('server-renders the first result so the page reads without JavaScript', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL(PAGE, baseURL).href);
    await expect(page.getByTestId('container-apps')).toHaveText(/^\d+$/);
    const vm = Number(await page.getByTestId('vm-apps').textContent());
    const micro = Number(await page.getByTestId('microvm-apps').textContent());
    const ct = Number(await page.getByTestId('container-apps').textContent());
    expect(vm).toBeGreaterThan(0);
    expect(micro).toBeGreaterThan(vm);
    expect(ct).toBeGreaterThanOrEqual(micro);
    await expect(page.getByTestId('one-host-summary')).toContainText(`${ct} apps fit as containers`);
    await expect(page.locator('[data-widget="one-host"] figcaption')).toContainText('Memory of one');
    await context.close();
  });

  test('shows a clear message for an invalid value and keeps the last result', async ({ page }) => {
    await page.goto(PAGE);
    await expect(page.locator('[data-widget="one-host"]')).toHaveAttribute('data-ready', 'true');
    const before = await page.getByTestId('vm-apps').textContent();
    await page.locator('input[name="appMemMiB"]').fill('0');
    await expect(page.getByRole('alert')).toContainText('Memory per app (appMemMiB) must be a number from 1 to');
    await expect(page.getByTestId('vm-apps')).toHaveText(before!);
    await expect(page.locator('input[name="appMemMiB"]')).toHaveValue('0');
  });
});

test.describe('search', () => {
  // A word that only one page contains, and whose first six letters no other
  // page contains either (so stemming cannot match elsewhere).
  function uniqueWord(): { word: string; path: string } {
    const words = pages.map((p) => ({ path: p.path, words: indexedWords(p.file) }));
    const prefixes = words.map((w) => new Set([...w.words].map((x) => x.slice(0, 6))));
    for (const [i, { path, words: set }] of words.entries()) {
      if (path === '404.html') continue;
      const candidates = [...set]
        .filter((w) => w.length >= 9 && prefixes.every((p, j) => j === i || !p.has(w.slice(0, 6))))
        .sort();
      if (candidates.length) return { word: candidates[0], path };
    }
    throw new Error('no page has a word of its own');
  }

  test('finds the one page that contains a word, through the search UI', { tag: '@base' }, async ({
    page,
    baseURL,
  }) => {
    const { word, path } = uniqueWord();
    await page.goto('');
    await page.locator('site-search button[data-open-modal]').click();
    await page.locator('#starlight__search .pagefind-ui__search-input').fill(word);
    const first = page.locator('.pagefind-ui__result-link').first();
    // The first query loads Pagefind's wasm and index on demand: on a busy
    // 2-core CI host that once took longer than the default 5 s.
    await expect(first).toBeVisible({ timeout: 15_000 });
    const href = await first.getAttribute('href');
    expect(new URL(href!, baseURL).pathname).toBe(new URL(path, baseURL).pathname);
    await expect(page.locator('.pagefind-ui__result')).toHaveCount(1);
  });

  test('search opened before the browser is idle still gets its input', async ({ page }) => {
    // Starlight builds the search UI on the first idle callback: hold that
    // callback back, open search, then let it run.
    await page.addInitScript(() => {
      const held: (() => void)[] = [];
      const w = window as unknown as { requestIdleCallback: unknown; releaseIdle: () => void };
      w.requestIdleCallback = (cb: () => void) => held.push(cb);
      w.releaseIdle = () => {
        for (const cb of held.splice(0)) cb();
      };
    });
    await page.goto('');
    await page.locator('site-search button[data-open-modal]').click();
    await expect(page.locator('site-search dialog')).toHaveAttribute('open', '');
    await page.evaluate(() => (window as unknown as { releaseIdle: () => void }).releaseIdle());
    const input = page.locator('#starlight__search .pagefind-ui__search-input');
    await expect(input).toBeVisible();
    await expect(input).toBeFocused();
  });
});

test.describe('Starlight features with articles in content/', () => {
  function sidebarOrder(dir: string): string[] {
    const entries = readdirSync(new URL(`../../content/${dir}/`, import.meta.url)).filter((f) => /\.mdx?$/.test(f));
    return entries
      .map((f) => {
        const src = readFileSync(new URL(`../../content/${dir}/${f}`, import.meta.url), 'utf8');
        const order = Number(/^\s+order:\s*(\d+)/m.exec(src)?.[1] ?? Infinity);
        return { slug: f.replace(/\.mdx?$/, ''), order };
      })
      .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
      .map((e) => `${dir}/${e.slug}/`);
  }

  test('the sidebar lists every page of each folder in frontmatter order', { tag: '@base' }, async ({
    page,
    baseURL,
  }) => {
    await page.goto('widgets/one-host-many-apps/');
    const hrefs = await page
      .locator('#starlight__sidebar .sidebar-content a[href]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const rel = hrefs.map((h) => new URL(h, baseURL).pathname.slice(new URL(baseURL!).pathname.length));
    for (const dir of ['course', 'widgets', 'reference']) {
      const expected = sidebarOrder(dir);
      expect(rel.filter((h) => h.startsWith(`${dir}/`))).toEqual(expected);
    }
  });

  test('a committed page shows its last git commit date', async ({ page }) => {
    let iso = '';
    try {
      iso = execFileSync('git', ['log', '-1', '--format=%cI', '--', 'content/widgets/one-host-many-apps.mdx'], {
        encoding: 'utf8',
      }).trim();
    } catch {
      // not a git checkout
    }
    test.skip(!iso, 'content/widgets/one-host-many-apps.mdx has no git history here, so there is no date to show');
    await page.goto('widgets/one-host-many-apps/');
    const datetime = await page.locator('footer time').getAttribute('datetime');
    expect(new Date(datetime!).getTime()).toBe(new Date(iso).getTime());
  });
});

test('each wasm part is referenced relative to the site base, never from the root of another path', {
  tag: '@base',
}, () => {
  const js = readdirSync(`${distDir}_astro`).filter((f) => f.endsWith('.js'));
  const wasm = readdirSync(`${distDir}_astro`).filter((f) => f.endsWith('.wasm'));
  // The core's placement and scenarios parts (the datacenter part is command-line
  // only) and the labs' x86 emulator, which loads only after "Start the lab".
  expect(wasm.map((f) => f.replace(/[.-][\w-]{8}\.wasm$/, '')).sort()).toEqual([
    'v86',
    'virtlab_core_placement_bg',
    'virtlab_core_scenarios_bg',
  ]);
  for (const w of wasm) {
    const referencing = js.filter((f) => readFileSync(`${distDir}_astro/${f}`, 'utf8').includes(w));
    expect(referencing.length, w).toBeGreaterThan(0);
  }
});

test('at 320 px the landing page and an article each offer a theme switch that changes the theme', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  const pick = async (theme: 'light' | 'dark') => {
    const select = page.locator('starlight-theme-select select').filter({ visible: true }).first();
    await expect(select).toBeVisible();
    await select.selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  };
  // The landing page has no sidebar, so no mobile menu: the switch sits in its header.
  await page.goto('');
  await pick('dark');
  await pick('light');
  // Elsewhere it is in the mobile menu.
  await page.goto('course/containers/');
  await page.locator('button.sl-menu-button').click();
  await pick('dark');
});
