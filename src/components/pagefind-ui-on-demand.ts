// Stands in for '@pagefind/default-ui' (aliased in astro.config.mjs).
// Starlight's search imports Pagefind's UI (about 26 KB of gzipped JS) when
// the browser is first idle on every page, before any widget has loaded and
// whether or not the reader ever searches. This class keeps Starlight's call
// but fetches the real UI only when the reader heads for search: pointing at
// or focusing the search button, clicking it, or pressing Ctrl/⌘ K.

export class PagefindUI {
  constructor(options: Record<string, unknown>) {
    let started = false;
    const start = (): void => {
      if (started) return;
      started = true;
      // @ts-expect-error — the package ships no types.
      void import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs').then(
        ({ PagefindUI: Real }: { PagefindUI: new (o: unknown) => unknown }) => {
          // Opened before the UI arrived: Starlight's focus call found no input yet.
          const open = !!document.querySelector<HTMLDialogElement>('site-search dialog')?.open;
          new Real({ ...options, autofocus: open });
        },
      );
    };
    const button = document.querySelector('site-search button[data-open-modal]');
    for (const type of ['pointerenter', 'focus', 'click', 'touchstart'])
      button?.addEventListener(type, start, { once: true, passive: true });
    window.addEventListener('keydown', (e) => {
      if ((e.metaKey || e.ctrlKey) && e.key === 'k') start();
    });
    // Starlight builds this class when the browser is first idle: a reader
    // who opened search before then sent every signal above too early.
    if (document.querySelector<HTMLDialogElement>('site-search dialog')?.open) start();
  }
}
