// Stands in for Starlight's `starlight-toc` module (aliased in
// astro.config.mjs), the script behind "On this page" on wide and narrow
// screens. Same element, same behaviour (the link of the section being read
// is marked current), with one change in how the elements to watch are
// found (toc-targets.ts). Starlight's selector matches `:not(:has(heading))`
// against every element of the page: 14 to 55 ms of one task per table of
// contents (there are two on every page) while the traffic-spike page loaded
// on a 2-core AMD EPYC VM, four times that at Lighthouse's 4x CPU slowdown.
// Asking it of the few candidates only took 5 to 12 ms there.
// Follows Starlight 0.42's components-internals/TableOfContents/starlight-toc.ts;
// an e2e test (test/e2e/toc.spec.ts) checks that both pick the same elements.

import { elementsToObserve } from './toc-targets.ts';

export class StarlightTOC extends HTMLElement {
  private _current = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');
  private minH = parseInt(this.dataset.minH || '2', 10);
  private maxH = parseInt(this.dataset.maxH || '3', 10);
  /** Starlight's selector of the listed headings, e.g. `h1#_top,:where(h2,h3)[id]`. */
  private headingSelector =
    `h1#_top,:where(${Array.from({ length: 1 + this.maxH - this.minH }, (_, i) => `h${this.minH + i}`).join()})[id]`;

  protected set current(link: HTMLAnchorElement) {
    if (link === this._current) return;
    if (this._current) this._current.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this._current = link;
  }

  private onIdle = (cb: () => void) => (window.requestIdleCallback || ((f: () => void) => setTimeout(f, 1)))(cb);

  constructor() {
    super();
    this.onIdle(() => this.init());
  }

  private init = (): void => {
    const links = [...this.querySelectorAll('a')];
    const isHeading = (el: Element): boolean => el.matches(this.headingSelector);
    // Walk back through the page to the nearest heading (Starlight's rule).
    const getElementHeading = (el: Element | null): Element | null => {
      while (el) {
        if (el.matches('.sl-markdown-content, main > *')) return document.getElementById('_top');
        if (isHeading(el)) return el;
        const childHeading = el.querySelector(this.headingSelector);
        if (childHeading) return childHeading;
        let prev: Element | null = el.previousElementSibling;
        while (prev?.lastElementChild) prev = prev.lastElementChild;
        el = prev ?? el.parentElement;
      }
      return null;
    };
    const setCurrent: IntersectionObserverCallback = (entries) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        const heading = getElementHeading(target);
        if (!heading) continue;
        const link = links.find((l) => l.hash === `#${encodeURIComponent(heading.id)}`);
        if (link) {
          this.current = link;
          break;
        }
      }
    };
    const toObserve = elementsToObserve(document, this.headingSelector);
    let observer: IntersectionObserver | undefined;
    const observe = (): void => {
      if (observer) return;
      observer = new IntersectionObserver(setCurrent, { rootMargin: this.getRootMargin() });
      for (const el of toObserve) observer.observe(el);
    };
    observe();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      if (observer) {
        observer.disconnect();
        observer = undefined;
      }
      clearTimeout(timeout);
      timeout = setTimeout(() => this.onIdle(observe), 200);
    });
  };

  private getRootMargin(): string {
    // Intersections start below the header (and the mobile summary) plus 2rem.
    const top =
      (document.querySelector('header')?.getBoundingClientRect().height || 0) +
      (this.querySelector('summary')?.getBoundingClientRect().height || 0) +
      32;
    return `-${top}px 0% ${top + 53 - document.documentElement.clientHeight}px`;
  }
}

customElements.define('starlight-toc', StarlightTOC);
