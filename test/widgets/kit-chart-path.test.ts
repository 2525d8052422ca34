// The time-series chart draws at most four points per pixel column (its
// first, lowest, highest and last sample) and the picture stays the same.
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/widgets/kit/charts/TimeSeriesChart.tsx';

/** The points of a path `M x y L x y …`. */
const points = (d: string): [number, number][] =>
  d
    .split(/[ML]/)
    .filter(Boolean)
    .map((p) => p.split(' ').map(Number) as [number, number]);

describe('TimeSeriesChart paths', () => {
  const n = 86_401; // a day at 1 s samples
  const values = Array.from({ length: n }, (_, i) => (i === 40_000 ? 100 : i === 60_000 ? -5 : Math.sin(i / 500)));
  const px = (i: number): number => (i / (n - 1)) * 1000;
  const py = (i: number): number => 100 - values[i];

  it('keeps at most four points per column, in time order, from the first sample to the last', () => {
    const pts = points(pathOf(0, n - 1, 320, px, py));
    expect(pts.length).toBeLessThanOrEqual(4 * 320);
    expect(pts.length).toBeGreaterThan(320);
    expect(pts[0]).toEqual([0, Number(py(0).toFixed(2))]);
    expect(pts[pts.length - 1]).toEqual([1000, Number(py(n - 1).toFixed(2))]);
    for (let k = 1; k < pts.length; k++) expect(pts[k][0]).toBeGreaterThanOrEqual(pts[k - 1][0]);
  });

  it('keeps every peak and trough (a one-sample spike is not lost)', () => {
    const ys = points(pathOf(0, n - 1, 320, px, py)).map(([, y]) => y);
    expect(Math.min(...ys)).toBe(Number(py(40_000).toFixed(2)));
    expect(Math.max(...ys)).toBe(Number(py(60_000).toFixed(2)));
  });

  it('draws every sample when there are few', () => {
    expect(
      points(
        pathOf(
          0,
          99,
          320,
          (i) => i * 10,
          (i) => i,
        ),
      ),
    ).toHaveLength(100);
  });
});
