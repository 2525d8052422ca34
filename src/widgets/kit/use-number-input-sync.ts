// A number field shows the model's value without overwriting what the reader
// is typing ("1." or ""): the kit's fields and widgets' own editors (the
// traffic spike's demand points) share this, so they behave alike.
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { WidgetModel } from './model.ts';
import { formatNumber } from './params.ts';

/** A ref for the `<input type="number">` of parameter `name`; writes a changed model value into it. */
export function useNumberInputSync<N extends string>(
  model: WidgetModel<N, unknown>,
  name: N,
): RefObject<HTMLInputElement> {
  const ref = useRef<HTMLInputElement>(null);
  const value = model.valueSignal(name).value;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Effects run after paint; while the reader types fast, this one may
    // belong to a value the field has since replaced. Writing it back would
    // show one number and compute another, so only the latest value syncs.
    if (!Object.is(model.values.peek()[name], value)) return;
    const shown = el.value === '' ? Number.NaN : el.valueAsNumber;
    if (!(Object.is(shown, value) || (Number.isNaN(shown) && Number.isNaN(value))))
      el.value = Number.isFinite(value) ? formatNumber(value) : el.value;
  }, [value]);
  return ref;
}
