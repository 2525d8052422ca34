#!/usr/bin/env node
// The site in Firefox: Debian's firefox-esr driven by puppeteer-core over
// WebDriver BiDi (Playwright's own Firefox cannot be downloaded here). Serves
// dist/ with the build's content security policy (dist/_headers, as
// `npm start` does) and checks, in Firefox:
//   - every page of the build loads with no console error, uncaught
//     exception, failed or foreign request, or CSP violation, and every
//     island on it hydrates (widgets report data-ready, labs data-hydrated);
//   - on each widget page, one keyboard change to a slider changes what the
//     widget shows (its summary or its chart);
//   - search answers a query in the search dialog;
//   - a terminal lab starts and runs its first step.
// Every wait is on a condition, with generous limits (the machine is shared).
//
//   node scripts/firefox.mjs [--no-build] [--only <path substring>] [--no-lab]
//
// Without Firefox it says loudly that it skipped; under CI=true that fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { serve } from './serve.mjs';
import { siteDir, testSiteDir } from './test-site.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const noBuild = args.includes('--no-build');
const only = opt('--only');
const withLab = !args.includes('--no-lab');
const base = process.env.VIRTLAB_BASE || '/';
const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));

if (!FIREFOX) {
  console.error(
    '\n!!! FIREFOX TESTS SKIPPED: no Firefox found (looked at $FIREFOX_PATH, /usr/bin/firefox-esr, /usr/bin/firefox).\n',
  );
  process.exit(process.env.CI === 'true' ? 1 : 0);
}

if (!noBuild) {
  const r = spawnSync('npx', ['astro', 'build', '--outDir', testSiteDir(base)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { default: puppeteer } = await import('puppeteer-core');

const PAGE_MS = 60_000;
const CHANGE_MS = 60_000;
const LAB_START_MS = 240_000;
const LAB_STEP_MS = 240_000;
const CSP_MARK = '[virtlab-firefox] securitypolicyviolation';

/** Every HTML page of the build, as a path relative to the base. */
function builtPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'pagefind' && e.name !== '_astro') walk(full);
      } else if (e.name.endsWith('.html')) {
        const rel = relative(dir, full).split(sep).join('/');
        out.push(rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1'));
      }
    }
  };
  walk(dir);
  return out.sort();
}

const failures = [];
const fail = (where, what) => {
  failures.push(`${where}: ${what}`);
  console.log(`  FAIL ${what}`);
};

/** Polls `fn` in the page until it returns a truthy value; throws `message` after `ms`. */
async function until(page, fn, arg, ms, message, ...more) {
  try {
    return await page.waitForFunction(fn, { timeout: ms, polling: 200 }, arg, ...more);
  } catch {
    throw new Error(message);
  }
}

/** Records the problems of `page` into `problems`; `origin` is the test server's. */
async function guard(page, origin, problems) {
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith(CSP_MARK)) problems.push(`CSP violation: ${text.slice(CSP_MARK.length).trim()}`);
    else if (msg.type() === 'error') problems.push(`console error: ${text.slice(0, 300)}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message ?? err}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    // A load the page itself cancels (moving on while something is still fetched) is not a server failure.
    if (!/NS_BINDING_ABORTED|aborted/i.test(error)) problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.origin !== origin)
      problems.push(`request to another host: ${req.url()}`);
  });
  await page.evaluateOnNewDocument((mark) => {
    addEventListener(
      'securitypolicyviolation',
      (e) =>
        console.warn(
          `${mark} ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}`,
        ),
      true,
    );
  }, CSP_MARK);
}

/** Brings every island into view (they hydrate when visible) and waits until all have come to life. */
async function hydrateAll(page) {
  const count = await page.evaluate(() => document.querySelectorAll('astro-island').length);
  for (let i = 0; i < count; i++) {
    // An island is `display: contents` (no box of its own): scroll to its first element.
    await page.evaluate((n) => {
      const island = document.querySelectorAll('astro-island')[n];
      const target = island?.getClientRects().length ? island : island?.firstElementChild;
      target?.scrollIntoView({ block: 'center' });
    }, i);
  }
  await until(
    page,
    () =>
      !document.querySelector('astro-island[ssr]') &&
      !document.querySelector('[data-widget][data-ready="false"]') &&
      !document.querySelector('[data-vl-lab]:not([data-hydrated="true"])'),
    undefined,
    PAGE_MS,
    'an island did not hydrate (astro-island[ssr], a widget not ready or a lab not hydrated remained)',
  );
  return page.evaluate(() => ({
    islands: document.querySelectorAll('astro-island').length,
    widgets: [...document.querySelectorAll('[data-widget]')].map((w) => w.getAttribute('data-widget')),
  }));
}

/** What a widget shows: its summary and its charts. */
const shown = (id) => {
  const w = document.querySelector(`[data-widget="${id}"]`);
  if (!w) return null;
  const summary = w.querySelector('.vl-summary')?.textContent ?? '';
  const charts = [...w.querySelectorAll('svg')].map((s) => s.innerHTML).join('');
  return `${summary}\n${charts}`;
};

async function checkWidget(page, id) {
  const before = await page.evaluate(shown, id);
  const slider = await page.$(`[data-widget="${id}"] input[type="range"][data-param]:not([disabled])`);
  if (!slider) throw new Error(`${id}: no slider to change`);
  await slider.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await slider.focus();
  const name = await slider.evaluate((el) => el.dataset.param ?? el.name);
  const start = await slider.evaluate((el) => el.value);
  // The far end of its range from where it is: a change the model must show.
  const atMax = await slider.evaluate((el) => Number(el.value) >= Number(el.max));
  await page.keyboard.press(atMax ? 'Home' : 'End');
  // (An element handle travels as an argument of its own, not inside an array.)
  await until(page, (el, v) => el.value !== v, slider, 10_000, `${id}: ${name} ignored Home/End`, start);
  await until(
    page,
    ([wid, old]) => {
      const w = document.querySelector(`[data-widget="${wid}"]`);
      if (w?.getAttribute('data-ready') !== 'true') return false;
      const summary = w.querySelector('.vl-summary')?.textContent ?? '';
      const charts = [...w.querySelectorAll('svg')].map((s) => s.innerHTML).join('');
      return `${summary}\n${charts}` !== old;
    },
    [id, before],
    CHANGE_MS,
    `${id}: changing ${name} from the keyboard did not change what the widget shows`,
  );
  const after = await slider.evaluate((el) => el.value);
  return `${name} ${start} -> ${after}`;
}

async function checkSearch(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.click('site-search button[data-open-modal]');
  await until(
    page,
    () => !!document.querySelector('#starlight__search .pagefind-ui__search-input'),
    undefined,
    PAGE_MS,
    'the search dialog did not open',
  );
  await page.type('#starlight__search .pagefind-ui__search-input', 'hypervisor');
  await until(
    page,
    () => document.querySelectorAll('.pagefind-ui__result').length > 0,
    undefined,
    PAGE_MS,
    'search gave no results for "hypervisor"',
  );
  return page.evaluate(() => document.querySelectorAll('.pagefind-ui__result').length);
}

async function checkLab(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  const id = await page.evaluate(() => document.querySelector('[data-vl-lab]')?.getAttribute('data-vl-lab'));
  if (!id) throw new Error('no lab on the page');
  const lab = `[data-vl-lab="${id}"]`;
  await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'center' }), lab);
  await until(
    page,
    (sel) => document.querySelector(sel)?.getAttribute('data-hydrated') === 'true',
    lab,
    PAGE_MS,
    'the lab did not hydrate',
  );
  await page.evaluate((sel) => {
    const b = [...document.querySelectorAll(`${sel} button`)].find((x) =>
      /^Start the (lab|race)$/.test(x.textContent.trim()),
    );
    b?.click();
  }, lab);
  await until(
    page,
    (sel) => document.querySelector(sel)?.getAttribute('data-phase') === 'ready',
    lab,
    LAB_START_MS,
    'the lab did not start (data-phase never became ready)',
  );
  await until(
    page,
    (sel) => !document.querySelector(`${sel} [data-step] button[aria-label="Run step 1"]`)?.disabled,
    lab,
    LAB_START_MS,
    'the Run step 1 button stayed disabled',
  );
  const step = await page.evaluate((sel) => {
    const item = document.querySelector(`${sel} [data-step]`);
    const run = item?.querySelector('button[aria-label="Run step 1"]');
    if (!run) return null;
    run.click();
    return item?.getAttribute('data-step') ?? null;
  }, lab);
  if (!step) throw new Error('the lab has no step 1 to run');
  await until(
    page,
    ([sel, s]) => document.querySelector(`${sel} [data-step="${s}"]`)?.getAttribute('data-status') === 'pass',
    [lab, step],
    LAB_STEP_MS,
    `step ${step} did not pass`,
  );
  return `${id}: started, step ${step} passed`;
}

const dir = noBuild ? siteDir(opt('--dir')) : testSiteDir(base);
const pages = builtPages(dir).filter((p) => !only || p.includes(only));
const { server, url: root } = await serve({ dir, port: 0, base });
const origin = new URL(root).origin;
const siteRoot = new URL(base.endsWith('/') ? base : `${base}/`, origin).href;
const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: FIREFOX,
  headless: true,
  // Firefox's own background traffic (updates, telemetry, safe browsing) stays off: only the site's requests are seen.
  extraPrefsFirefox: {
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'dom.events.asyncClipboard.clipboardItem': true,
  },
});
const version = await browser.version();
console.log(`Firefox: ${version} (${FIREFOX}), site at ${siteRoot}, ${pages.length} pages`);

async function withPage(where, fn) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const problems = [];
  await guard(page, origin, problems);
  console.log(`- ${where}`);
  try {
    const note = await fn(page);
    if (note) console.log(`  ok ${note}`);
  } catch (err) {
    fail(where, err.message ?? String(err));
  }
  for (const p of new Set(problems)) fail(where, p);
  await page.close().catch(() => {});
}

// The guard must see what it guards against: a console error and an uncaught
// exception on the site's own page are reported (else every "no problems" below would be empty).
{
  const page = await browser.newPage();
  const problems = [];
  await guard(page, origin, problems);
  await page.goto(siteRoot, { waitUntil: 'load' });
  await page.evaluate(() => {
    console.error('virtlab-firefox probe');
    setTimeout(() => {
      throw new Error('virtlab-firefox probe');
    });
  });
  const seen = () => problems.filter((p) => p.includes('virtlab-firefox probe')).length >= 2;
  for (let i = 0; i < 100 && !seen(); i++) await new Promise((ok) => setTimeout(ok, 100));
  await page.close();
  if (!seen()) {
    await browser.close();
    server.close();
    console.error(`The problem guard does not work in this Firefox (saw: ${problems.join('; ') || 'nothing'}).`);
    process.exit(1);
  }
}

try {
  for (const path of pages) {
    // The 404 page answers with status 404 by design; its own resources must still load.
    await withPage(path || '(home)', async (page) => {
      const res = await page.goto(new URL(path, siteRoot).href, { waitUntil: 'load', timeout: PAGE_MS });
      if (!res) throw new Error('no response');
      if (res.status() !== 200 && !path.endsWith('404.html')) throw new Error(`HTTP ${res.status()}`);
      const { islands, widgets } = await hydrateAll(page);
      const notes = [`${islands} island(s) hydrated`];
      if (path.startsWith('widgets/')) {
        if (!widgets.length) throw new Error('a widget page without a widget');
        for (const id of widgets) notes.push(await checkWidget(page, id));
      }
      return notes.join('; ');
    });
  }
  if (!only) {
    await withPage('search', (page) => checkSearch(page, siteRoot).then((n) => `${n} results for "hypervisor"`));
    if (withLab) await withPage('lab', (page) => checkLab(page, new URL('labs/namespaces/', siteRoot).href));
  }
} finally {
  await browser.close().catch(() => {});
  server.close();
}

if (failures.length) {
  console.log(`\nFirefox: ${failures.length} failure(s):`);
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log(
  `\nFirefox ${version}: ${pages.length} pages${only ? '' : withLab ? ', search and a lab' : ' and search'}: all passed.`,
);
