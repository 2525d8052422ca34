// Teaching features in a browser (issue 14): the predict-observe-explain
// activity keeps its answer hidden until the reader commits or skips, its link
// sets the widget on the page, it works from the keyboard, passes axe, and
// without JavaScript is a question with a <details> answer; every built article
// has at least two activities (25 or more in all); every page carries the
// licence line; the landing page links every article with its reading time.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { builtPages, indexedWords } from './site-pages.ts';
import { settledWidget } from './widget-checks.ts';

const ARTICLE = 'course/containers/';
const KERNELS = '[data-vl-predict="ct-kernels"]';
const LAYER = '[data-vl-predict="ct-base-layer"]';
const W = '[data-widget="stack-explorer"]';

const pages = builtPages();
const articles = pages.filter((p) => /^course\/[^/]+\/$/.test(p.path));

test('every built article has at least 2 activities, and there are at least 25', () => {
  expect(articles.length).toBeGreaterThanOrEqual(11);
  let total = 0;
  for (const a of articles) {
    const n = (readFileSync(a.file, 'utf8').match(/data-vl-predict="/g) ?? []).length;
    expect(n, a.path).toBeGreaterThanOrEqual(2);
    total += n;
  }
  expect(total).toBeGreaterThanOrEqual(25);
});

test('activities are in the search index of their article', () => {
  const file = articles.find((a) => a.path === ARTICLE)?.file;
  expect(file).toBeTruthy();
  const html = readFileSync(file!, 'utf8');
  const words = indexedWords(file!);
  const question =
    html.match(/data-vl-predict="ct-base-layer"[\s\S]*?class="vl-predict-question"[^>]*>([^<]*)</)?.[1] ?? '';
  const asked = question.toLowerCase().match(/[a-z]{5,}/g) ?? [];
  expect(asked.length).toBeGreaterThan(3);
  for (const w of asked) expect(words, w).toContain(w);
  expect(words).toContain('prediction');
});

test('every page has the licence line in its footer', () => {
  const html = pages.filter((p) => !p.path.startsWith('embed/'));
  expect(html.length).toBeGreaterThan(20);
  for (const p of html) {
    const text = readFileSync(p.file, 'utf8');
    expect(text, p.path).toMatch(/data-vl-licence[^>]*>[\s\S]*CC BY 4\.0[\s\S]*MIT/);
  }
});

test('the answer stays hidden until the reader commits; a wrong choice is told so', async ({ page }) => {
  await page.goto(ARTICLE);
  const act = page.locator(LAYER);
  await act.scrollIntoViewIfNeeded();
  await expect(act).toHaveAttribute('data-state', 'asking');
  await expect(act.locator('details')).toBeHidden();
  // Committing without a choice asks for one and reveals nothing.
  await act.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(act.getByRole('status')).toContainText('Choose one answer first');
  await expect(act.locator('details')).toBeHidden();
  const correct = Number(await act.getAttribute('data-correct'));
  const wrong = correct === 0 ? 1 : 0;
  await act.getByRole('radio').nth(wrong).check();
  await act.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(act.getByRole('status')).toContainText('Not quite');
  await expect(act.locator('details')).toBeVisible();
  await expect(act.locator('details')).toHaveAttribute('open', '');
  await expect(act.locator('.vl-predict-body')).toBeFocused();
  await expect(act.getByRole('radio').first()).toBeDisabled();
});

test('skip reveals the answer too', async ({ page }) => {
  await page.goto(ARTICLE);
  const act = page.locator(KERNELS);
  await act.scrollIntoViewIfNeeded();
  await act.getByRole('button', { name: 'Skip: show the answer' }).click();
  await expect(act.getByRole('status')).toContainText('Skipped');
  await expect(act.locator('details')).toBeVisible();
});

test('from the keyboard: type a number, Enter commits; the link then sets the widget on the page', async ({ page }) => {
  await page.goto(ARTICLE);
  await settledWidget(page, W);
  const act = page.locator(KERNELS);
  const input = act.getByLabel(/Your prediction/);
  await input.focus();
  await page.keyboard.type(String(await act.getAttribute('data-value')));
  await page.keyboard.press('Enter');
  await expect(act.getByRole('status')).toContainText('is close');
  // The widget is still at its defaults; the state link changes it without reloading.
  const expected = (await act.locator('.vl-predict-body p').nth(2).textContent())?.match(/“(.*)”/)?.[1];
  expect(expected).toBeTruthy();
  await expect(page.getByTestId('stack-explorer-summary')).not.toHaveText(expected!);
  const link = act.getByRole('link', { name: /Set the widget/ });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stack-explorer-summary')).toHaveText(expected!);
  await expect(page.locator(`${W} input[name="apps"]`).first()).toHaveValue('20');
  expect(new URL(page.url()).searchParams.get('stack-explorer.apps')).toBe('20');
  // No reload: the reader's revealed answer is still there.
  await expect(act).toHaveAttribute('data-state', 'revealed');
});

test('an activity for a widget on another page opens that page in the state', { tag: '@base' }, async ({ page }) => {
  await page.goto('course/why-virtualize/');
  const act = page.locator('[data-vl-predict="why-kernels"]');
  await act.getByRole('button', { name: 'Skip: show the answer' }).click();
  const expected = (await act.locator('.vl-predict-body p').nth(2).textContent())?.match(/“(.*)”/)?.[1];
  await act.getByRole('link', { name: /^Open “/ }).click();
  await expect(page).toHaveURL(/widgets\/stack-explorer\/\?stack-explorer\.apps=20/);
  await settledWidget(page, W);
  await expect(page.getByTestId('stack-explorer-summary')).toHaveText(expected!);
});

test('axe: an activity before and after its answer is revealed', async ({ page }) => {
  await page.goto(ARTICLE);
  await page.locator(LAYER).scrollIntoViewIfNeeded();
  const scan = async () => {
    const { violations } = await new AxeBuilder({ page }).include('[data-vl-predict]').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  };
  await scan();
  await page.locator(LAYER).getByRole('radio').first().check();
  await page.locator(LAYER).getByRole('button', { name: 'Check my prediction' }).click();
  await page.locator(KERNELS).getByRole('button', { name: 'Skip: show the answer' }).click();
  await scan();
});

test('without JavaScript an activity is a question with a <details> answer', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const act = page.locator(LAYER);
  await expect(act.locator('.vl-predict-question')).toBeVisible();
  await expect(act.getByRole('button')).toHaveCount(0);
  const details = act.locator('details');
  await expect(details).toBeVisible();
  await expect(details.locator('.vl-predict-body')).toBeHidden();
  await details.locator('summary').click();
  await expect(details.locator('.vl-predict-body')).toBeVisible();
  await expect(details).toContainText('The widget says');
  await context.close();
});

test('the landing page links every article with its reading time, and the teacher page exists', async ({ page }) => {
  await page.goto('');
  const steps = page.locator('[data-vl-path] > li');
  await expect(steps).toHaveCount(articles.length);
  for (const a of articles) {
    const card = page.locator(`[data-vl-step] a[href$="/${a.path}"]`);
    await expect(card, a.path).toHaveCount(1);
    await expect(card).toContainText(/about \d+ min/);
  }
  await expect(page.locator('[data-vl-routes] a')).toHaveCount(3);
  await page.goto('reference/teaching/');
  expect(await page.locator('[data-vl-exercise]').count()).toBeGreaterThanOrEqual(18);
  await expect(page.locator('[data-vl-exercise] details')).toHaveCount(
    await page.locator('[data-vl-exercise]').count(),
  );
  await expect(page.locator('[data-vl-misconception]')).toHaveCount(5);
  await expect(page.getByRole('heading', { name: /45 minutes/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /90 minutes/ })).toBeVisible();
});

test('each article opens with prerequisites and time and ends with a recap and the next step', async ({ page }) => {
  for (const a of articles) {
    await page.goto(a.path);
    await expect(page.locator('[data-vl-intro]'), a.path).toContainText('Assumes:');
    await expect(page.locator('[data-vl-intro] [data-vl-minutes]')).toHaveText(/about \d+ min to read/);
    await expect(page.locator('[data-vl-end]')).toContainText('Recap.');
    await expect(page.locator('[data-vl-end] [data-vl-next]')).toContainText('Next:');
  }
});

test('print: no site chrome, no widget controls, no answers', async ({ page }) => {
  await page.goto(ARTICLE);
  await settledWidget(page, W);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.vl-predict-answer').first()).toBeHidden();
  await expect(page.locator('.vl-predict-actions').first()).toBeHidden();
  await expect(page.locator(`${W} .vl-controls`).first()).toBeHidden();
  await expect(page.locator('header.header')).toBeHidden();
  await expect(page.locator('.vl-predict-question').first()).toBeVisible();
  const inArticle = await page.locator('[data-vl-predict]').count();
  await page.goto(`${ARTICLE}summary/`);
  await expect(page.locator('[data-vl-summary-question]')).toHaveCount(inArticle);
  await expect(page.locator('[data-vl-summary]')).not.toContainText('The widget says');
});
