// Which elements "On this page" watches to know the section being read: the
// set Starlight picks with `:has()` selectors, found by walking the page once
// (see starlight-toc.ts for why). Plain DOM code with no imports, so the e2e
// test can run it in a page beside Starlight's own selector.

export const PAGE_TITLE_ID = '_top';

/** The selector of the headings a table of contents lists, as Starlight builds it. */
export function tocHeadingSelector(minH: number, maxH: number): string {
  const levels = Array.from({ length: 1 + maxH - minH }, (_, i) => `h${minH + i}`);
  return `h1#${PAGE_TITLE_ID},:where(${levels.join()})[id]`;
}

/**
 * The elements Starlight observes, in document order: the headings in
 * `main`, the later siblings of each heading (or heading wrapper), the
 * children of the Markdown content and of `main`, the last three only when
 * they contain no heading. The same set as Starlight's selector
 * `main :where(H), main :where(H, .sl-heading-wrapper) ~ *:not(:has(H)),
 * main .sl-markdown-content > *:not(:has(H)), main > *:not(:has(H))`.
 */
export function elementsToObserve(doc: Document, headingSelector: string): Element[] {
  // Every element that has a heading below it (what `:has(H)` matches).
  const holdsHeading = new Set<Element>();
  for (const h of doc.querySelectorAll(headingSelector))
    for (let p = h.parentElement; p && !holdsHeading.has(p); p = p.parentElement) holdsHeading.add(p);
  const picked = new Set<Element>();
  const addUnlessHolding = (el: Element | null): void => {
    if (el && !holdsHeading.has(el)) picked.add(el);
  };
  const mains = [...doc.querySelectorAll('main')];
  for (const main of mains) {
    for (const h of main.querySelectorAll(headingSelector)) picked.add(h);
    for (const start of main.querySelectorAll(`:where(${headingSelector}),.sl-heading-wrapper`))
      for (let s = start.nextElementSibling; s; s = s.nextElementSibling) addUnlessHolding(s);
    for (const content of main.querySelectorAll('.sl-markdown-content'))
      for (const child of content.children) addUnlessHolding(child);
    for (const child of main.children) addUnlessHolding(child);
  }
  if (picked.size === 0) return [];
  // Document order, as querySelectorAll gives it: the observer reports in
  // that order and the first intersecting element with a link wins.
  const ordered: Element[] = [];
  for (const main of mains) for (const el of main.getElementsByTagName('*')) if (picked.has(el)) ordered.push(el);
  return ordered;
}
