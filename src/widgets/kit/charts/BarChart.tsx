// Horizontal bars: a stacked bar chart with one series.
import StackedBarChart from './StackedBarChart.tsx';
import type { Tone } from './scale.ts';

export interface BarChartProps {
  id: string;
  title: string;
  desc: string;
  /** Legend text for the bars' quantity, e.g. "Apps that fit". */
  label: string;
  tone?: Tone;
  /** The value axis' title with its unit in parentheses. */
  axisTitle: string;
  binary?: boolean;
  bars: readonly { label: string; value: number; note?: string }[];
  max?: number;
  ticks?: readonly number[];
  formatTick?: (v: number) => string;
  formatValue?: (v: number) => string;
}

export default function BarChart(p: BarChartProps) {
  return (
    <StackedBarChart
      {...p}
      series={[{ key: 'value', label: p.label, tone: p.tone ?? 'accent' }]}
      bars={p.bars.map((b) => ({ label: b.label, note: b.note, values: { value: b.value } }))}
    />
  );
}
