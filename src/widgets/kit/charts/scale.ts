// Axis helpers for the hand-written SVG charts.

/**
 * About `count` round tick values from 0 to at least `max`: steps of 1, 2 or
 * 5 × 10ⁿ, or with `binary` (MiB, GiB) powers of two (1, 2, 4, 8… units), so
 * an axis never reads "2.44 GiB".
 */
export function niceTicks(max: number, count = 4, binary = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  let step: number;
  if (binary && raw >= 1) step = 2 ** Math.ceil(Math.log2(raw));
  else {
    const mag = 10 ** Math.floor(Math.log10(raw));
    step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
  }
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** A share of `max` as an SVG percentage length. */
export function pct(value: number, max: number): string {
  const f = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return `${(f * 100).toFixed(3)}%`;
}

/** Colour roles; virtlab.css maps each to Starlight theme colours. */
export type Tone = 'accent' | 'warn' | 'muted' | 'free' | 'good' | 'bad';

/** Dash patterns by series position, so lines differ by more than colour (the first is solid). */
export const DASHES = ['', '7 4', '2 3', '10 3 2 3', '4 4'] as const;

/** A time axis in the unit that keeps its ticks short: seconds, minutes or hours. */
export function timeUnit(spanS: number): { unit: 's' | 'min' | 'h'; perS: number; title: string } {
  if (spanS >= 3 * 3600) return { unit: 'h', perS: 1 / 3600, title: 'Time (h)' };
  if (spanS >= 15 * 60) return { unit: 'min', perS: 1 / 60, title: 'Time (min)' };
  return { unit: 's', perS: 1, title: 'Time (s)' };
}

/** A duration as people say it: "0.25 s", "45 s", "3 min 20 s", "2 h 5 min". */
export function durationText(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 10) return `${Number(s.toPrecision(2))} s`;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = Math.round(s - m * 60);
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  const min = Math.round(s / 60);
  return min % 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${min / 60} h`;
}

/**
 * Tick numbers as the axis prints them: grouped thousands, at most 3 significant decimals.
 * The same text as `toLocaleString('en-US')`, written out: the first use of a
 * locale's number format loads its data, about 100 ms at a slow phone's speed
 * in the middle of a drag, and each call after that built a new formatter.
 */
export function tickText(v: number): string {
  const r = Number(v.toPrecision(6));
  const a = Math.abs(r);
  // Six significant digits from 10,000 up leave at most one decimal: grouping
  // the digits before it is all toLocaleString does (String() writes 1e21 up with an exponent).
  return a < 10000 ? String(r) : a < 1e21 ? String(r).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : r.toLocaleString('en-US');
}
