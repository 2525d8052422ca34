// The offline bundle: `npm run package` output, unpacked and served by the
// server it ships, passes the same smoke test as the site.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../../scripts/zip.mjs';
import { guardPage, waitForWidgets } from './fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function startServer(cwd: string, base: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['serve.mjs', 'site', '--port', '0', '--base', base], { cwd });
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /served at (http:\/\/\S+)/.exec(out);
      if (m) ok({ proc, url: m[1] });
    });
    proc.on('exit', (code) => fail(new Error(`serve.mjs exited with ${code}: ${out}`)));
  });
}

test('the packaged zip, unpacked and served by its own server, works offline with search and widgets', {
  tag: '@base',
}, async ({ browser }) => {
  // Packing, then a lab in the emulator: slow on a busy machine; every wait is on a condition.
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-package-'));
  const zip = join(dir, 'virtlab.zip');
  execFileSync(process.execPath, ['scripts/package.mjs', '--no-build', '--out', zip], { cwd: root, stdio: 'pipe' });
  const entries = readZip(readFileSync(zip));
  const names = entries.map((e) => e.name);
  expect(names).toContain('virtlab/serve.mjs');
  expect(names).toContain('virtlab/README.txt');
  expect(names).toContain('virtlab/site/index.html');
  expect(names.some((n) => n.startsWith('virtlab/site/pagefind/'))).toBe(true);
  expect(names.some((n) => n.endsWith('.wasm'))).toBe(true);
  for (const e of entries) {
    const target = join(dir, e.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.data);
  }
  const base = process.env.VIRTLAB_BASE || '/';
  expect(readFileSync(join(dir, 'virtlab/README.txt'), 'utf8')).toContain(`base path: ${base}`);

  const { proc, url } = await startServer(join(dir, 'virtlab'), base);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  guardPage(page, new URL(url).origin, problems);
  try {
    await page.goto(url);
    await expect(page.locator('h1').first()).toBeVisible();
    const widgetLink = names.find((n) => /^virtlab\/site\/widgets\/[^/]+\/index\.html$/.test(n))!;
    await page.goto(new URL(widgetLink.replace('virtlab/site/', '').replace('index.html', ''), url).href);
    await waitForWidgets(page);
    await page.locator('site-search button[data-open-modal]').click();
    await page.locator('#starlight__search .pagefind-ui__search-input').fill('hypervisor');
    // Pagefind and its UI load on demand: the first answer took over 5 s on a busy 2-core host.
    await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 15_000 });
    // A terminal lab runs from the bundle: its emulator and saved VM are in site/labs/ and the build's assets.
    expect(names.some((n) => /^virtlab\/site\/labs\/state\.[^/]+$/.test(n))).toBe(true);
    await page.goto(new URL('labs/cgroups/', url).href);
    const lab = page.locator('[data-vl-lab="cgroups"]');
    await lab.scrollIntoViewIfNeeded();
    await expect(lab).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
    await lab.getByRole('button', { name: 'Start the lab' }).click();
    await expect(lab).toHaveAttribute('data-phase', 'ready', { timeout: 240_000 });
    await lab.getByRole('button', { name: 'Run step 1' }).click();
    await expect(lab.locator('[data-step="create"]')).toHaveAttribute('data-status', 'pass', { timeout: 240_000 });
    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    await context.close();
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
