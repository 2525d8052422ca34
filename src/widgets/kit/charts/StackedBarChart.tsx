// Horizontal stacked bars in hand-written SVG. Positions along the value axis
// are percentages of the SVG's own width (no viewBox), so text keeps its size
// from 320 px up and the same markup exports as a file.
import { ChartSvg } from './ChartSvg.tsx';
import { niceTicks, pct, tickText, type Tone } from './scale.ts';

export interface Series {
  key: string;
  label: string;
  tone: Tone;
}

export interface Bar {
  label: string;
  /** Printed at the right end of the label line, e.g. "45 apps". */
  note?: string;
  values: Readonly<Record<string, number>>;
}

export interface StackedBarChartProps {
  /** Unique on the page; prefixes the title and description ids. */
  id: string;
  title: string;
  desc: string;
  series: readonly Series[];
  bars: readonly Bar[];
  /** The value axis' title with its unit in parentheses, e.g. "Memory (GiB)". */
  axisTitle: string;
  /** Ticks at powers of two of the axis unit (1, 2, 4, 8… GiB) instead of 1, 2, 5 × 10ⁿ. */
  binary?: boolean;
  /** Axis end; defaults to the largest bar total. */
  max?: number;
  /** Axis ticks; defaults to round values up to `max`. */
  ticks?: readonly number[];
  formatTick?: (v: number) => string;
  formatValue?: (v: number) => string;
}

const FONT = 14;
const ROW = 56;
const BAR = 22;
const LEGEND_ROW = 20;

export default function StackedBarChart(p: StackedBarChartProps) {
  const totals = p.bars.map((b) => p.series.reduce((s, x) => s + (b.values[x.key] ?? 0), 0));
  const ticks = p.ticks ?? niceTicks(p.max ?? Math.max(...totals, 0), 4, p.binary);
  const max = p.max ?? Math.max(ticks[ticks.length - 1], ...totals);
  const fmtTick = p.formatTick ?? tickText;
  const fmt = p.formatValue ?? String;
  const axisY = p.bars.length * ROW + 4;
  const titleY = axisY + 2 * FONT + 14;
  const legendY = titleY + FONT;
  const height = legendY + p.series.length * LEGEND_ROW;
  return (
    <ChartSvg id={p.id} title={p.title} desc={p.desc} width="100%" height={height} font-size={FONT}>
      {ticks.map((t) => (
        <line class="vl-grid" x1={pct(t, max)} x2={pct(t, max)} y1={0} y2={axisY} />
      ))}
      {p.bars.map((b, i) => {
        const y = i * ROW;
        let at = 0;
        return (
          <g>
            <text class="vl-chart-text" x={0} y={y + FONT}>
              {b.label}
            </text>
            {b.note && (
              <text class="vl-chart-text" x="100%" y={y + FONT} text-anchor="end">
                {b.note}
              </text>
            )}
            <rect class="vl-track" x={0} y={y + FONT + 8} width="100%" height={BAR} />
            {p.series.map((s) => {
              const v = b.values[s.key] ?? 0;
              const x = at;
              at += v;
              return v > 0 ? (
                <rect class={`vl-tone-${s.tone}`} x={pct(x, max)} y={y + FONT + 8} width={pct(v, max)} height={BAR}>
                  <title>{`${b.label}: ${s.label} ${fmt(v)}`}</title>
                </rect>
              ) : null;
            })}
          </g>
        );
      })}
      <line class="vl-axis" x1={0} x2="100%" y1={axisY} y2={axisY} />
      {ticks.map((t, i) => (
        <text
          class="vl-chart-text vl-chart-tick"
          x={pct(t, max)}
          y={axisY + FONT + 4}
          text-anchor={i === 0 ? 'start' : pct(t, max) === '100.000%' ? 'end' : 'middle'}
        >
          {fmtTick(t)}
        </text>
      ))}
      <text class="vl-chart-text vl-axis-title" x="50%" y={titleY} text-anchor="middle">
        {p.axisTitle}
      </text>
      {p.series.map((s, i) => (
        <g>
          <rect class={`vl-tone-${s.tone}`} x={0} y={legendY + i * LEGEND_ROW} width={12} height={12} />
          <text class="vl-chart-text" x={18} y={legendY + i * LEGEND_ROW + 11}>
            {s.label}
          </text>
        </g>
      ))}
    </ChartSvg>
  );
}
