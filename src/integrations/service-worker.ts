// Writes dist/sw.js after the build (and after Pagefind has indexed it): the
// template plus this build's id, the list of search-index files and the
// list of the core's wasm parts.
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/** A hash of every file of the build, so any change gives the worker new bytes. */
export function buildId(dir: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(relative(dir, f));
    hash.update('\0');
    hash.update(readFileSync(f));
  }
  return hash.digest('hex').slice(0, 16);
}

export function serviceWorker(): AstroIntegration {
  return {
    name: 'virtlab:service-worker',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = listFiles(root).filter((f) => !f.endsWith(`${sep}sw.js`));
        const search = files
          .filter((f) => relative(root, f).startsWith(`pagefind${sep}`))
          .map((f) => relative(root, f).split(sep).join('/'));
        // Every part of the core the site's pages use, stored together once a
        // page uses any of them: offline, every widget then works. (The
        // copies in embed/ serve other origins, which this worker never sees.)
        const wasm = files
          .filter((f) => f.endsWith('.wasm'))
          .map((f) => relative(root, f).split(sep).join('/'))
          .filter((f) => !f.startsWith('embed/'))
          // The labs' emulator (2 MB) is stored when a lab uses it, not with the core's parts.
          .filter((f) => !/(^|\/)v86\.[^/]*\.wasm$/.test(f));
        const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
        const id = buildId(root, files);
        writeFileSync(
          join(root, 'sw.js'),
          template
            .replace('__BUILD_ID__', id)
            .replace('__SEARCH_FILES__', JSON.stringify(search))
            .replace('__WASM_FILES__', JSON.stringify(wasm)),
        );
        logger.info(
          `wrote sw.js (build ${id}, ${search.length} search-index files kept on first search, ${wasm.length} wasm parts kept on first use)`,
        );
      },
    },
  };
}
