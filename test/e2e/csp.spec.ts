// Content security policy (issue 7): the test server sends the build's
// policy (dist/_headers, written by src/integrations/csp.ts); these tests
// check that it is sent with the pages, embed pages and worker scripts, that
// it is strict, that the browser enforces it, and that the built HTML has
// nothing such a policy would have to allow (inline event handlers,
// javascript: URLs). The guard in fixtures.ts fails every other test on any
// violation, so the whole suite also shows that the site works under it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { expect, guardPage, test } from './fixtures.ts';
import { builtPages, distDir } from './site-pages.ts';

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The hashes of the inline scripts a page runs, computed here from the HTML the server sent. */
function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc=/.test(m[1]) || /type="application\/json"/.test(m[1])) continue;
    out.push(`'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`);
  }
  return out;
}

const embedWidget = readdirSync(join(distDir, 'embed'), { withFileTypes: true }).find((e) => e.isDirectory())!.name;
const workerScript = readdirSync(join(distDir, '_astro')).find((f) => /^worker[.-].*\.js$/.test(f));

// What the e2e build was given (scripts/e2e.mjs passes the environment on); default *.
const frameAncestors = (process.env.VIRTLAB_FRAME_ANCESTORS || '*').trim().split(/\s+/);

test('every response carries a strict policy: pages, embed pages, the 404 page, worker scripts and the service worker', {
  tag: '@base',
}, async ({ request }) => {
  const article = 'course/containers/';
  const checks: { path: string; ancestors: string[]; status?: number }[] = [
    { path: '', ancestors: ["'self'"] },
    { path: article, ancestors: ["'self'"] },
    { path: `embed/${embedWidget}/`, ancestors: frameAncestors },
    { path: 'embed/virtlab.js', ancestors: frameAncestors },
    { path: 'no-such-page/', ancestors: ["'self'"], status: 404 },
    // The service worker, whose policy comes from its own response.
    { path: 'sw.js', ancestors: ["'self'"] },
    ...(workerScript ? [{ path: `_astro/${workerScript}`, ancestors: ["'self'"] }] : []),
  ];
  for (const c of checks) {
    const res = await request.get(c.path);
    expect(res.status(), c.path).toBe(c.status ?? 200);
    const policy = res.headers()['content-security-policy'];
    expect(policy, `${c.path}: Content-Security-Policy`).toBeTruthy();
    // One policy, not two joined by a comma (overlapping _headers rules would do that).
    expect(policy, c.path).not.toContain(',');
    const d = directives(policy);
    expect(d.get('default-src'), c.path).toEqual(["'self'"]);
    const script = d.get('script-src') ?? [];
    expect(script.slice(0, 2), c.path).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    // Besides those two: only hashes. No 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes', hosts or schemes.
    expect(
      script.slice(2).filter((s) => !/^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)),
      c.path,
    ).toEqual([]);
    expect(
      d.get('style-src')?.filter((s) => !/^'sha256-/.test(s)),
      c.path,
    ).toEqual(["'self'", "'unsafe-hashes'"]);
    for (const [name, value] of [
      ['object-src', ["'none'"]],
      ['base-uri', ["'self'"]],
      ['form-action', ["'self'"]],
      ['connect-src', ["'self'"]],
      ['worker-src', ["'self'"]],
      ['font-src', ["'self'"]],
    ] as const) {
      expect(d.get(name), `${c.path} ${name}`).toEqual(value);
    }
    expect(d.get('frame-ancestors'), c.path).toEqual(c.ancestors);
    if (c.path.endsWith('/')) {
      // Every inline script of the page is allowed by its hash.
      const hashes = inlineScriptHashes(await res.text());
      expect(hashes.length, `${c.path} has inline scripts`).toBeGreaterThan(0);
      expect(
        hashes.filter((h) => !script.includes(h)),
        c.path,
      ).toEqual([]);
    }
  }
  // The policy file itself is not served.
  expect((await request.get('_headers')).status()).toBe(404);
});

test('the browser enforces it: injected inline scripts, inline handlers and eval do not run, and the guard sees it', {
  tag: '@base',
}, async ({ browser, baseURL }) => {
  for (const path of ['course/containers/', `embed/${embedWidget}/`]) {
    const context = await browser.newContext({ baseURL });
    const problems: string[] = [];
    try {
      const page = await context.newPage();
      await guardPage(page, new URL(baseURL!).origin, problems);
      await page.goto(path);
      const ran = await page.evaluate(async () => {
        const w = window as unknown as Record<string, unknown>;
        const script = document.createElement('script');
        script.textContent = 'window.vlInjected = true';
        document.body.append(script);
        const button = document.createElement('button');
        button.setAttribute('onclick', 'window.vlHandler = true');
        document.body.append(button);
        button.click();
        // Code from a string (eval's kind). Not eval() itself: code that Playwright
        // evaluates is exempt from the policy, a timer's string runs later as the page's own.
        setTimeout('window.vlTimer = true', 0);
        await new Promise((ok) => setTimeout(ok, 100));
        return { injected: w.vlInjected === true, handler: w.vlHandler === true, stringTimer: w.vlTimer === true };
      });
      expect(ran, path).toEqual({ injected: false, handler: false, stringTimer: false });
      // The guard every other test runs under reports each of them.
      await expect
        .poll(() => problems.filter((p) => p.startsWith('CSP violation on ')).length, { message: problems.join('\n') })
        .toBeGreaterThanOrEqual(3);
      for (const directive of ['script-src-elem', 'script-src-attr', 'script-src']) {
        expect(
          problems.some((p) => p.startsWith('CSP violation on ') && p.includes(` ${directive} blocked`)),
          `${path}: ${directive}\n${problems.join('\n')}`,
        ).toBe(true);
      }
    } finally {
      await context.close();
    }
  }
});

test('another site can frame an embed page but not an article', { tag: '@base' }, async ({ browser, baseURL }) => {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-framer-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framer</title><link rel="icon" href="data:,"></head><body>
<iframe id="article" title="article" src="${new URL('course/containers/', baseURL).href}"></iframe>
<iframe id="embed" title="embed" src="${new URL(`embed/${embedWidget}/`, baseURL).href}"></iframe></body></html>`,
  );
  const { server, url } = await serve({ dir, port: 0 });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const frameOf = async (id: string) => (await page.locator(`#${id}`).elementHandle())!.contentFrame();
    // The embed page runs: its widget hydrates inside the frame.
    const embedFrame = await frameOf('embed');
    await expect(embedFrame!.locator('[data-widget]').first()).toHaveAttribute('data-ready', 'true');
    // The article is refused (frame-ancestors 'self'): Chromium shows its error page in the frame instead.
    await expect.poll(async () => (await frameOf('article'))?.url()).toMatch(/^chrome-error:/);
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the built HTML has no inline event handlers and no javascript: URLs', { tag: '@base' }, () => {
  const pages = builtPages();
  expect(pages.length).toBeGreaterThan(10);
  const found: string[] = [];
  for (const p of pages) {
    // Tags only: the text of scripts, styles and code samples may mention anything.
    const markup = readFileSync(p.file, 'utf8').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
    for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
      if (/\son[a-z]+\s*=/i.test(tag) || /=\s*["']?\s*javascript:/i.test(tag))
        found.push(`${p.path}: ${tag.slice(0, 120)}`);
    }
  }
  expect(found).toEqual([]);
});
