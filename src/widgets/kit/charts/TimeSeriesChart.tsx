// Lines and areas over time in hand-written SVG. The plot is a nested SVG
// stretched to the full width (preserveAspectRatio="none", strokes kept
// at 2 px), while text and gridlines sit in the outer SVG at fixed sizes.
import { niceTicks, pct, type Tone } from './scale.ts';

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
  /** Sample times, ascending; one per value of each series. */
  x: readonly number[];
  series: readonly TimeSeries[];
  yMax?: number;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  /** Index of the sample to mark (the timeline's frame). */
  cursor?: number;
  plotHeight?: number;
}

const FONT = 14;
const W = 1000;
const H = 100;

// A timeline frame moves only the cursor, yet re-renders every chart of the
// widget: keep each series' path (thousands of points) and maximum per
// values array, so a frame costs one line instead of a string per point.
const paths = new WeakMap<readonly number[], { x: readonly number[]; yMax: number; d: string }>();
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

export default function TimeSeriesChart(p: TimeSeriesChartProps) {
  const n = p.x.length;
  const x0 = n ? p.x[0] : 0;
  const span = n > 1 ? p.x[n - 1] - x0 : 1;
  const yTicks = niceTicks(p.yMax ?? p.series.reduce((m, s) => Math.max(m, seriesMax(s.values)), 0));
  const yMax = p.yMax ?? yTicks[yTicks.length - 1];
  const xTicks = niceTicks(span, 4).filter((t) => t <= span);
  const plotH = p.plotHeight ?? 180;
  const top = FONT + 6;
  const bottom = top + plotH;
  const legendY = bottom + FONT + 24;
  const height = legendY + p.series.length * 20;
  const fmtX = p.formatX ?? String;
  const fmtY = p.formatY ?? String;
  const px = (i: number): number => ((p.x[i] - x0) / span) * W;
  const py = (v: number): number => H - (yMax > 0 ? Math.min(1, Math.max(0, v / yMax)) : 0) * H;
  const line = (vs: readonly number[]): string => {
    const hit = paths.get(vs);
    if (hit && hit.x === p.x && hit.yMax === yMax) return hit.d;
    const d = vs.map((v, i) => `${i ? 'L' : 'M'}${px(i).toFixed(2)} ${py(v).toFixed(2)}`).join('');
    paths.set(vs, { x: p.x, yMax, d });
    return d;
  };
  return (
    <svg class="vl-chart-svg" role="img" aria-labelledby={`${p.id}-title`} aria-describedby={`${p.id}-desc`} width="100%" height={height} font-size={FONT}>
      <title id={`${p.id}-title`}>{p.title}</title>
      <desc id={`${p.id}-desc`}>{p.desc}</desc>
      {yTicks.map((t) => {
        const y = bottom - (yMax > 0 ? t / yMax : 0) * plotH;
        return (
          <g>
            <line class="vl-grid" x1={0} x2="100%" y1={y} y2={y} />
            {t > 0 && (
              <text class="vl-chart-text vl-chart-tick" x={2} y={y - 4}>
                {fmtY(t)}
              </text>
            )}
          </g>
        );
      })}
      <svg x={0} y={top} width="100%" height={plotH} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
        {p.series.map((s) =>
          s.area && n ? (
            <path class={`vl-tone-${s.tone} vl-area`} d={`${line(s.values)}L${px(n - 1)} ${H}L0 ${H}Z`} />
          ) : (
            <path class={`vl-stroke-${s.tone}`} d={line(s.values)} fill="none" vector-effect="non-scaling-stroke" />
          ),
        )}
        {p.cursor !== undefined && n > 0 && (
          <line class="vl-cursor" x1={px(p.cursor)} x2={px(p.cursor)} y1={0} y2={H} vector-effect="non-scaling-stroke" />
        )}
      </svg>
      <line class="vl-axis" x1={0} x2="100%" y1={bottom} y2={bottom} />
      {xTicks.map((t, i) => (
        <text
          class="vl-chart-text vl-chart-tick"
          x={pct(t, span)}
          y={bottom + FONT + 4}
          text-anchor={i === 0 ? 'start' : pct(t, span) === '100.000%' ? 'end' : 'middle'}
        >
          {fmtX(x0 + t)}
        </text>
      ))}
      {p.series.map((s, i) => (
        <g>
          <rect class={`vl-tone-${s.tone}`} x={0} y={legendY + i * 20} width={12} height={12} />
          <text class="vl-chart-text" x={18} y={legendY + i * 20 + 11}>
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
