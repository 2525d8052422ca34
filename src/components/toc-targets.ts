// Which elements "On this page" watches to know the section being read: the
// set Starlight picks with `:has()` selectors, found without matching `:has()`
// on every element of the page (see starlight-toc.ts for why). Plain DOM code
// with no imports, so the e2e test can run it in a page beside Starlight's
// own selector.

/**
 * The elements Starlight observes, in document order: the headings in
 * `main`, and the later siblings of each heading (or heading wrapper) and the
 * children of the Markdown content and of `main` that contain no heading;
 * `h` is the table of contents' heading selector. The same set as
 * Starlight's `main :where(H), main :where(H, .sl-heading-wrapper) ~
 * *:not(:has(H)), main .sl-markdown-content > *:not(:has(H)), main >
 * *:not(:has(H))` (a heading never holds another: HTML does not nest them).
 */
export function elementsToObserve(doc: Document, h: string): Element[] {
  const near = [...doc.querySelectorAll(`main :where(${h}), main .sl-markdown-content > *, main > *`)];
  for (const x of doc.querySelectorAll(`main :where(${h}, .sl-heading-wrapper)`))
    for (let s = x.nextElementSibling; s; s = s.nextElementSibling) near.push(s);
  // `:has(H)` asked of these few candidates once each, not of every element.
  const picked = new Set([...new Set(near)].filter((x) => !x.querySelector(h)));
  // In document order, as Starlight's querySelectorAll gives them: the
  // observer reports in that order and the first intersecting one wins.
  return [...doc.querySelectorAll('main *')].filter((x) => picked.has(x));
}
