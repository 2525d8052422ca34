// Lines and areas over time in hand-written SVG. The y-axis labels sit in a
// gutter of their own left of the plot, so no line runs through them; the
// plot is a nested SVG stretched over the rest of the width
// (preserveAspectRatio="none", strokes kept at 2 px), while text sits at
// fixed sizes. Lines differ by dash pattern as well as colour, the legend
// names each with a sample of its line, and curves that coincide are named
// in a note. Hovering or focusing the chart shows the values at one time
// (arrow keys move it, Home/End jump to the ends); a chart with a `zoom`
// window opens on it, with a button to show the whole run.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ChartSvg } from './ChartSvg.tsx';
import { DASHES, niceTicks, pct, tickText, timeUnit, durationText, type Tone } from './scale.ts';

export interface TimeSeries {
  key: string;
  label: string;
  tone: Tone;
  values: readonly number[];
  /** Filled down to zero instead of a line. */
  area?: boolean;
}

export interface TimeSeriesChartProps {
  id: string;
  title: string;
  desc: string;
  /** Sample times in seconds, ascending; one per value of each series. */
  x: readonly number[];
  series: readonly TimeSeries[];
  /** The value axis' title with its unit in parentheses, e.g. "Requests (req/s)". */
  yTitle: string;
  /** The unit the read-out prints after each value, e.g. "req/s". */
  yUnit?: string;
  /** The value axis reaches at least this (it ends on the next round tick). */
  yMax?: number;
  /** Tick text of the value axis (numbers only: the unit is in the title). */
  formatY?: (v: number) => string;
  /** Index of the sample to mark (the timeline's frame). */
  cursor?: number;
  plotHeight?: number;
  /** The interesting part of the run (seconds); the chart opens on it. */
  zoom?: { from: number; to: number };
}

const FONT = 14;
const W = 1000;
const H = 100;
/** Smallest plot height: readable on a 320 px phone. */
const MIN_PLOT = 160;

// A timeline frame moves only the cursor, yet re-renders every chart of the
// widget: keep each series' path (hundreds of points) and maximum per values
// array and window, so a frame costs one line instead of a string per point.
const paths = new WeakMap<readonly number[], { key: string; d: string }>();
const maxima = new WeakMap<readonly number[], number>();

function seriesMax(vs: readonly number[]): number {
  let m = maxima.get(vs);
  if (m === undefined) {
    m = 0;
    for (const v of vs) if (v > m) m = v;
    maxima.set(vs, m);
  }
  return m;
}

/** Pairs of line series that lie on each other (within half a percent of the axis) at every sample. */
export function coinciding(series: readonly TimeSeries[], yMax: number): [string, string][] {
  const lines = series.filter((s) => !s.area && s.values.length > 0);
  const tol = Math.max(yMax, 1e-9) * 0.005;
  const out: [string, string][] = [];
  for (let a = 0; a < lines.length; a++)
    for (let b = a + 1; b < lines.length; b++) {
      const va = lines[a].values;
      const vb = lines[b].values;
      if (va.length === vb.length && va.every((v, i) => Math.abs(v - vb[i]) <= tol))
        out.push([lines[a].label, lines[b].label]);
    }
  return out;
}

/** The first and last sample index inside `zoom` (the whole run without one). */
function windowOf(x: readonly number[], zoom: { from: number; to: number } | undefined): [number, number] {
  const n = x.length;
  if (!zoom || n < 3) return [0, Math.max(0, n - 1)];
  let i0 = 0;
  while (i0 < n - 1 && x[i0 + 1] <= zoom.from) i0++;
  let i1 = n - 1;
  while (i1 > i0 + 1 && x[i1 - 1] >= zoom.to) i1--;
  return [i0, i1];
}

/**
 * The SVG path through samples `i0..i1` (x from `px`, y from `py`, both in
 * viewBox units over a plot `W` wide), keeping per pixel column only its
 * first, lowest, highest and last point: lines and peaks look the same as
 * with every sample, with at most four points per column.
 */
export function pathOf(
  i0: number,
  i1: number,
  columns: number,
  px: (i: number) => number,
  py: (i: number) => number,
): string {
  const parts: string[] = [];
  const put = (i: number): void => {
    parts.push(`${parts.length ? 'L' : 'M'}${px(i).toFixed(1)} ${py(i).toFixed(2)}`);
  };
  if (i1 - i0 + 1 <= 2 * columns) {
    for (let i = i0; i <= i1; i++) put(i);
    return parts.join('');
  }
  const perColumn = W / columns;
  let i = i0;
  while (i <= i1) {
    const col = Math.floor(px(i) / perColumn);
    const first = i;
    let lo = i;
    let hi = i;
    let last = i;
    for (i++; i <= i1 && Math.floor(px(i) / perColumn) === col; i++) {
      // (py grows downwards: the lowest value has the largest y.)
      if (py(i) > py(lo)) lo = i;
      if (py(i) < py(hi)) hi = i;
      last = i;
    }
    for (const k of [...new Set([first, lo, hi, last])].sort((a, b) => a - b)) put(k);
  }
  return parts.join('');
}

export default function TimeSeriesChart(p: TimeSeriesChartProps) {
  const [whole, setWhole] = useState(false);
  const [probe, setProbe] = useState<number | null>(null);
  // The drawn width in pixels, once known: the plot then starts exactly after
  // the gutter. Before (the server's HTML) the gutter is a share of the width
  // wide enough at 320 px.
  const [width, setWidth] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  useLayoutEffect(() => {
    const el = svgRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.getBoundingClientRect().width || null));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const n = p.x.length;
  const zoomed = !!p.zoom && !whole;
  const [i0, i1] = zoomed ? windowOf(p.x, p.zoom) : [0, Math.max(0, n - 1)];
  const x0 = n ? p.x[i0] : 0;
  const span = n > 1 && p.x[i1] > x0 ? p.x[i1] - x0 : 1;
  const time = timeUnit(span);
  const yTicks = niceTicks(Math.max(p.yMax ?? 0, ...p.series.map((s) => seriesMax(s.values))));
  // The axis ends on a round tick, at or above `yMax` and every value.
  const yMax = yTicks[yTicks.length - 1];
  const fmtY = p.formatY ?? tickText;
  // Round times in the axis unit (offsets from the window's start `x0`).
  const xStep = niceTicks(span * time.perS, 4)[1];
  const xTicks: number[] = [];
  for (let k = Math.ceil((x0 * time.perS) / xStep - 1e-9); k * xStep <= (x0 + span) * time.perS + 1e-9; k++)
    xTicks.push((k * xStep) / time.perS - x0);
  const plotH = Math.max(MIN_PLOT, p.plotHeight ?? 180);
  const gutter = Math.max(...yTicks.map((t) => fmtY(t).length)) * 8 + 10;
  const top = FONT + 12;
  const bottom = top + plotH;
  const xTitleY = bottom + 2 * FONT + 12;
  const legendY = xTitleY + FONT;
  const pairs = coinciding(p.series, yMax);
  const height = legendY + p.series.length * 22;
  const px = (i: number): number => ((p.x[i] - x0) / span) * W;
  const py = (v: number): number => H - (yMax > 0 ? Math.min(1, Math.max(0, v / yMax)) : 0) * H;
  // At most two points per pixel column (a column's first, lowest, highest
  // and last sample, in order): the same picture as every sample, so a day
  // at 1 s samples costs a path of a few thousand points, not 86,401.
  const columns = Math.max(50, Math.round(width ?? W));
  const line = (vs: readonly number[]): string => {
    const key = `${yMax}|${i0}|${i1}|${n}|${x0}|${columns}`;
    const hit = paths.get(vs);
    if (hit && hit.key === key) return hit.d;
    const d = pathOf(i0, i1, columns, px, (i) => py(vs[i]));
    paths.set(vs, { key, d });
    return d;
  };
  const gutterPct = Math.min(40, (gutter / 280) * 100);
  const plotX: number | string = width ? gutter : `${gutterPct.toFixed(2)}%`;
  const plotW: number | string = width ? Math.max(1, width - gutter) : `${(100 - gutterPct).toFixed(2)}%`;
  const labelX: number | string = width ? gutter - 6 : `${(gutterPct - 2).toFixed(2)}%`;
  const at = probe === null ? null : Math.min(i1, Math.max(i0, probe));
  const mark = at ?? (p.cursor !== undefined && p.cursor >= i0 && p.cursor <= i1 ? p.cursor : null);
  const unit = p.yUnit ? ` ${p.yUnit}` : '';
  const readout =
    at === null
      ? null
      : `At ${durationText(p.x[at])}: ${p.series.map((s) => `${s.label} ${tickText(Number(s.values[at].toPrecision(4)))}${unit}`).join('; ')}`;
  const move = (i: number): void => setProbe(Math.min(i1, Math.max(i0, i)));
  const onKey = (e: KeyboardEvent): void => {
    const page = Math.max(1, Math.round((i1 - i0) / 10));
    const from = at ?? mark ?? i0;
    const next: Record<string, number> = {
      ArrowRight: from + 1,
      ArrowUp: from + 1,
      ArrowLeft: from - 1,
      ArrowDown: from - 1,
      PageUp: from + page,
      PageDown: from - page,
      Home: i0,
      End: i1,
    };
    if (e.key === 'Escape') setProbe(null);
    else if (e.key in next) {
      e.preventDefault();
      move(at === null && e.key.startsWith('Arrow') ? from : next[e.key]);
    }
  };
  const onPointer = (e: PointerEvent): void => {
    const plot = (e.currentTarget as Element).querySelector('.vl-plot');
    const r = plot?.getBoundingClientRect();
    if (!r || r.width <= 0 || n < 2) return;
    const t = x0 + ((e.clientX - r.left) / r.width) * span;
    // The sample nearest to the pointer's time (times ascend).
    let lo = i0;
    let hi = i1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (p.x[mid] < t) lo = mid;
      else hi = mid;
    }
    move(t - p.x[lo] < p.x[hi] - t ? lo : hi);
  };
  return (
    <div class="vl-ts">
      {p.zoom && (
        <div class="vl-actions vl-zoom" data-pagefind-ignore>
          <button
            type="button"
            aria-pressed={whole}
            onClick={() => {
              setWhole(!whole);
              setProbe(null);
            }}
          >
            Show the whole run
          </button>
          <span class="vl-zoom-note">
            {zoomed
              ? `Showing ${durationText(p.x[i0])} to ${durationText(p.x[i1])} of ${durationText(p.x[n - 1])}`
              : `Showing all ${durationText(p.x[n - 1])}`}
          </span>
        </div>
      )}
      {/* The chart is a stop in the tab order: arrow keys move the read-out. */}
      {/* biome-ignore lint/a11y/useSemanticElements: an interactive chart, not a group of form controls (fieldset) */}
      <div
        class="vl-probe"
        tabindex={0}
        role="group"
        aria-label={`${p.title}: values at a time (arrow keys)`}
        onKeyDown={onKey}
        onFocus={() => probe === null && move(mark ?? i0)}
        onBlur={() => setProbe(null)}
        onPointerMove={onPointer}
        onPointerDown={onPointer}
        onPointerLeave={(e) => document.activeElement !== e.currentTarget && setProbe(null)}
      >
        <ChartSvg svgRef={svgRef} id={p.id} title={p.title} desc={p.desc} width="100%" height={height} font-size={FONT}>
          <text class="vl-chart-text vl-axis-title" x={0} y={FONT}>
            {p.yTitle}
          </text>
          {yTicks.map((t) => {
            const y = bottom - (yMax > 0 ? Math.min(1, t / yMax) : 0) * plotH;
            return (
              <g>
                <line class="vl-grid" x1={plotX} x2="100%" y1={y} y2={y} />
                <text class="vl-chart-text vl-chart-tick" x={labelX} y={y + 5} text-anchor="end">
                  {fmtY(t)}
                </text>
              </g>
            );
          })}
          <svg aria-hidden="true" x={plotX} y={0} width={plotW} height={height} overflow="visible">
            <svg
              class="vl-plot"
              x={0}
              y={top}
              width="100%"
              height={plotH}
              viewBox={`0 0 ${W} ${H}`}
              preserveAspectRatio="none"
              aria-hidden="true"
            >
              {p.series.map((s, k) =>
                s.area && n ? (
                  <path
                    class={`vl-tone-${s.tone} vl-area`}
                    d={`${line(s.values)}L${px(i1).toFixed(1)} ${H}L${px(i0).toFixed(1)} ${H}Z`}
                  />
                ) : (
                  <path
                    class={`vl-stroke-${s.tone}`}
                    d={line(s.values)}
                    fill="none"
                    stroke-dasharray={DASHES[k % DASHES.length] || undefined}
                    vector-effect="non-scaling-stroke"
                  />
                ),
              )}
              {mark !== null && n > 0 && (
                <line class="vl-cursor" x1={px(mark)} x2={px(mark)} y1={0} y2={H} vector-effect="non-scaling-stroke" />
              )}
            </svg>
            <line class="vl-axis" x1={0} x2="100%" y1={bottom} y2={bottom} />
            {xTicks.map((t) => (
              <text
                class="vl-chart-text vl-chart-tick"
                x={pct(t, span)}
                y={bottom + FONT + 6}
                text-anchor={t <= span * 0.03 ? 'start' : t >= span * 0.97 ? 'end' : 'middle'}
              >
                {tickText(Number(((x0 + t) * time.perS).toPrecision(6)))}
              </text>
            ))}
            <text class="vl-chart-text vl-axis-title" x="50%" y={xTitleY} text-anchor="middle">
              {time.title}
            </text>
          </svg>
          {p.series.map((s, i) => {
            const y = legendY + i * 22;
            return (
              <g class="vl-legend">
                {s.area ? (
                  <rect class={`vl-tone-${s.tone} vl-area`} x={0} y={y + 2} width={28} height={12} />
                ) : (
                  <line
                    class={`vl-stroke-${s.tone}`}
                    x1={0}
                    x2={28}
                    y1={y + 8}
                    y2={y + 8}
                    stroke-dasharray={DASHES[i % DASHES.length] || undefined}
                  />
                )}
                <text class="vl-chart-text" x={36} y={y + 13}>
                  {s.label}
                </text>
              </g>
            );
          })}
        </ChartSvg>
      </div>
      {pairs.map(([a, b]) => (
        <p class="vl-chart-note">{`The ${a} and ${b} curves coincide.`}</p>
      ))}
      <p class="vl-readout" aria-live="polite">
        {readout ?? 'Point at or focus the chart to read its values at a time.'}
      </p>
    </div>
  );
}
