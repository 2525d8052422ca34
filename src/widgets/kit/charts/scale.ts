// Axis helpers for the hand-written SVG charts.

/** About `count` round tick values from 0 to at least `max` (steps of 1, 2, 2.5 or 5 × 10^k). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
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
