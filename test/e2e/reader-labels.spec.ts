// What a reader sees carries no working-note label of figures.md (issue 13):
// no "figures §", "UNCONFIRMED", "blog idx" or "idx <number>" in any built
// page, widget pages and embeds included. Runs on the HTML, without a browser.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { builtPages } from './site-pages.ts';

const LABELS = [/figures §/, /UNCONFIRMED/, /blog idx/, /\bidx \d/];

test('no working-note source label on any built page', () => {
  const found: string[] = [];
  const pages = builtPages();
  expect(pages.length).toBeGreaterThan(20);
  for (const page of pages) {
    const html = readFileSync(page.file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, ' ');
    for (const re of LABELS) {
      const m = re.exec(html);
      if (m) found.push(`/${page.path}: "${html.slice(Math.max(0, m.index - 60), m.index + 40)}"`);
    }
  }
  expect(found).toEqual([]);
});
