// Lists the pages of the built site under test and their searchable text.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built site under test: $VIRTLAB_DIST (scripts/e2e.mjs sets it), else dist/. */
export const distDir = `${resolve(fileURLToPath(new URL('../..', import.meta.url)), process.env.VIRTLAB_DIST ?? 'dist')}${sep}`;

export interface BuiltPage {
  /** Path relative to the site's base, e.g. `course/containers/` or `404.html`. */
  path: string;
  file: string;
}

export function builtPages(dir = distDir): BuiltPage[] {
  const out: BuiltPage[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'pagefind' && e.name !== '_astro') walk(full);
      } else if (e.name.endsWith('.html')) {
        const rel = relative(dir, full).split(sep).join('/');
        out.push({ path: rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1'), file: full });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The words of the part of a page that Pagefind indexes (its data-pagefind-body). */
export function indexedWords(file: string): Set<string> {
  const html = readFileSync(file, 'utf8');
  const start = html.indexOf('data-pagefind-body');
  if (start < 0) return new Set();
  const end = html.indexOf('</main>', start);
  const text = html
    .slice(start, end < 0 ? undefined : end)
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .toLowerCase();
  return new Set(text.match(/[a-z]+/g) ?? []);
}
