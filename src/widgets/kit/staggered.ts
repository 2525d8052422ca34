// Splits one redraw into several tasks. A new result redraws the widget's
// text first and each chart in a task of its own after it, so no single task
// holds the whole redraw: dragging a slider on a slow phone (4x CPU slowdown)
// made one task of every redraw, up to about 60 ms, against a 50 ms budget
// (`npm run budgets`). A chart then shows the new result one to three tasks
// (a few milliseconds) after the text.
//
// The copy is lazy: nothing reads the source until the copy itself is first
// read. A chart inside a part that hydrates later (HydrateLater) then derives
// its data in that part's task, not in the island's first one: on the
// traffic spike page, preparing the three charts' series while the island
// hydrated was a quarter of that task (Lighthouse's total blocking time).
import { computed, effect, type ReadonlySignal, signal, untracked } from '@preact/signals';

/**
 * A copy of `source` that takes each new value `hops` tasks later. A value
 * overtaken by a newer one on the way is dropped, so a fast drag draws only
 * the latest result. Server rendering and hydration see the same first value.
 */
export function staggered<T>(source: ReadonlySignal<T>, hops: number): ReadonlySignal<T> {
  // The value last passed on; none until the source first changes while watched.
  const passed = signal<{ value: T } | null>(null);
  let generation = 0;
  let following = false;
  // Starts following the source once something depends on the copy. The
  // effect's first run only records the value the copy already shows.
  const follow = (): void => {
    if (following) return;
    following = true;
    let shown = untracked(() => out.peek());
    effect(() => {
      const v = source.value;
      const g = ++generation;
      if (Object.is(v, shown)) return;
      const step = (left: number): void => {
        if (g !== generation) return;
        if (left > 0) {
          setTimeout(() => step(left - 1), 0);
          return;
        }
        shown = v;
        passed.value = { value: v };
      };
      step(hops);
    });
  };
  const out: ReadonlySignal<T> = computed(
    () => {
      const p = passed.value;
      return p ? p.value : untracked(() => source.value);
    },
    { watched: follow },
  );
  return out;
}
