// Link checker over the built site: every internal link, script, stylesheet
// and image resolves to a built file, and every #fragment to an id on the
// target page. Runs on the HTML, without a browser.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtPages, distDir } from './site-pages.ts';

const base = (() => {
  const b = process.env.VIRTLAB_BASE || '/';
  return b.endsWith('/') ? b : `${b}/`;
})();

function fileFor(pathname: string): string | null {
  if (!pathname.startsWith(base)) return null;
  const rel = decodeURIComponent(pathname.slice(base.length));
  const full = join(distDir, rel);
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  return existsSync(index) ? index : null;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    const html = readFileSync(file, 'utf8');
    set = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    ids.set(file, set);
  }
  return set;
}

test('no broken internal link, asset or anchor on any built page', { tag: '@base' }, () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of builtPages()) {
    const html = readFileSync(page.file, 'utf8');
    const pageUrl = new URL(page.path, `http://site${base}`);
    for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const raw = m[2].replace(/&amp;/g, '&');
      if (!raw || /^(mailto:|tel:|data:|javascript:)/.test(raw)) continue;
      const url = new URL(raw, pageUrl);
      if (url.host !== 'site') continue; // external links are not fetched
      checked++;
      const file = fileFor(url.pathname);
      if (!file) {
        broken.push(`/${page.path}: ${raw} → no such file`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && file.endsWith('.html') && fragment !== '_top' && !idsOf(file).has(fragment)) {
        broken.push(`/${page.path}: ${raw} → no element with id "${fragment}"`);
      }
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(broken, broken.join('\n')).toEqual([]);
});
