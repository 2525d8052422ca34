// Splits one redraw into several tasks. A new result redraws the widget's
// text first and each chart in a task of its own after it, so no single task
// holds the whole redraw: dragging a slider on a slow phone (4x CPU slowdown)
// made one task of every redraw, up to about 60 ms, against a 50 ms budget
// (`npm run budgets`). A chart then shows the new result one to three tasks
// (a few milliseconds) after the text.
import { effect, type ReadonlySignal, signal } from '@preact/signals';

/**
 * A copy of `source` that takes each new value `hops` tasks later. A value
 * overtaken by a newer one on the way is dropped, so a fast drag draws only
 * the latest result. Server rendering and hydration see the same first value.
 */
export function staggered<T>(source: ReadonlySignal<T>, hops: number): ReadonlySignal<T> {
  const out = signal(source.peek());
  let generation = 0;
  effect(() => {
    const v = source.value;
    const g = ++generation;
    if (Object.is(v, out.peek())) return;
    const step = (left: number): void => {
      if (g !== generation) return;
      if (left <= 0) out.value = v;
      else setTimeout(() => step(left - 1), 0);
    };
    step(hops);
  });
  return out;
}
