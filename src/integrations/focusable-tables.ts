// Makes every Markdown table of the built pages a stop in the tab order.
// Starlight lets a wide table scroll sideways (at 320 px several do), and a
// scrollable region must be reachable from the keyboard (axe's
// scrollable-region-focusable, WCAG 2.1.1). The Markdown processor (Sätteri)
// takes no rehype plugins, so the finished HTML gets the attribute: only
// bare `<table>` tags, which only Markdown writes (components' tables carry
// a class and their own tabindex where they need one).
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function focusableTables(html: string): string {
  return html.replaceAll('<table>', '<table tabindex="0">');
}

export function focusableTablesIntegration(): AstroIntegration {
  return {
    name: 'virtlab:focusable-tables',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        let changed = 0;
        const walk = (d: string): void => {
          for (const e of readdirSync(d, { withFileTypes: true })) {
            const full = join(d, e.name);
            if (e.isDirectory()) walk(full);
            else if (e.name.endsWith('.html')) {
              const html = readFileSync(full, 'utf8');
              const out = focusableTables(html);
              if (out !== html) {
                writeFileSync(full, out);
                changed++;
              }
            }
          }
        };
        walk(fileURLToPath(dir));
        logger.info(`made the Markdown tables of ${changed} pages focusable`);
      },
    },
  };
}
