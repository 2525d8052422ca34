// Keyboard steps of the kit's sliders. A log slider spans several orders of
// magnitude in 1000 positions, so the browser's own arrow step (one position)
// often rounds back to the same whole value and the slider seems stuck. Keys
// instead move a log slider to the next "nice" value (1, 1.5, 2, 3, 4, 5, 6,
// 8 × 10ⁿ; powers of two and their halfway points for MiB and GiB), and a
// linear one by its step (Page Up/Down by a tenth of the range).
import type { Param } from './params.ts';

const DECIMAL = [1, 1.5, 2, 3, 4, 5, 6, 8];
const BINARY_UNITS = new Set(['MiB', 'GiB', 'KiB', 'TiB']);

/** Whole multiples of the step, within range, ascending, without repeats. */
function snap(p: Param, v: number): number {
  const s = p.step > 0 ? Math.round(v / p.step) * p.step : v;
  return Math.min(p.max, Math.max(p.min, Number(s.toPrecision(12))));
}

/** The nice values a log slider's keys visit, from `min` to `max`. */
export function niceValues(p: Param): number[] {
  const out = new Set<number>([p.min, p.max]);
  const lo = Math.max(p.min, p.step > 0 ? p.step : 1e-9, 1e-9);
  if (BINARY_UNITS.has(p.unit)) {
    for (let e = Math.floor(Math.log2(lo)); 2 ** e <= p.max; e++) {
      for (const m of [1, 1.5]) {
        const v = m * 2 ** e;
        if (v >= p.min && v <= p.max) out.add(snap(p, v));
      }
    }
  } else {
    for (let e = Math.floor(Math.log10(lo)); 10 ** e <= p.max; e++) {
      for (const m of DECIMAL) {
        const v = m * 10 ** e;
        if (v >= p.min && v <= p.max) out.add(snap(p, v));
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

export type SliderKey = 'ArrowRight' | 'ArrowUp' | 'ArrowLeft' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

export function isSliderKey(key: string): key is SliderKey {
  return ['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(key);
}

/** The value a key moves a slider to from `value` (the same value at either end). */
export function keyStep(p: Param, value: number, key: SliderKey): number {
  const v = Number.isFinite(value) ? Math.min(p.max, Math.max(p.min, value)) : p.default;
  if (key === 'Home') return p.min;
  if (key === 'End') return p.max;
  const up = key === 'ArrowRight' || key === 'ArrowUp' || key === 'PageUp';
  const page = key === 'PageUp' || key === 'PageDown';
  if (p.scale === 'log') {
    const nice = niceValues(p);
    // Page Up/Down skip four nice values at a time (about one order of magnitude).
    let times = page ? 4 : 1;
    let at = v;
    while (times-- > 0) {
      const next = up ? nice.find((x) => x > at * (1 + 1e-9)) : [...nice].reverse().find((x) => x < at * (1 - 1e-9));
      if (next === undefined) break;
      at = next;
    }
    return at;
  }
  const step = page ? Math.max(p.step, snap({ ...p, min: 0, max: Infinity }, (p.max - p.min) / 10)) : p.step;
  return snap(p, v + (up ? step : -step));
}
