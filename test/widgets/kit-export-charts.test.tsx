import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import StackedBarChart from '../../src/widgets/kit/charts/StackedBarChart.tsx';
import TimeSeriesChart from '../../src/widgets/kit/charts/TimeSeriesChart.tsx';
import { niceTicks } from '../../src/widgets/kit/charts/scale.ts';
import { DataTableView } from '../../src/widgets/kit/DataTableView.tsx';
import { toCsv, toJson, type DataTable } from '../../src/widgets/kit/export.ts';

const TABLE: DataTable = {
  caption: 'Fit',
  columns: [
    { key: 'profile', label: 'Profile' },
    { key: 'apps', label: 'Apps' },
  ],
  rows: [
    { profile: 'VMs, "big"', apps: 45 },
    { profile: 'Containers', apps: 114 },
  ],
};

describe('export', () => {
  it('writes RFC 4180 CSV with quoted cells where needed', () => {
    expect(toCsv(TABLE)).toBe('profile,apps\r\n"VMs, ""big""",45\r\nContainers,114\r\n');
  });

  it('writes JSON with the parameters and rows', () => {
    const j = JSON.parse(toJson('w', 'http://x/?w.a=1', { a: 1 }, TABLE));
    expect(j).toEqual({ widget: 'w', url: 'http://x/?w.a=1', params: { a: 1 }, caption: 'Fit', rows: TABLE.rows });
  });
});

describe('charts', () => {
  it('picks round ticks covering the maximum', () => {
    expect(niceTicks(32)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('renders an accessible stacked bar chart with widths as shares of the axis', () => {
    const html = render(
      <StackedBarChart
        id="c"
        title="Memory"
        desc="Two bars"
        max={100}
        series={[
          { key: 'a', label: 'Apps', tone: 'accent' },
          { key: 'o', label: 'Overhead', tone: 'warn' },
        ]}
        bars={[{ label: 'VMs', note: '3 apps', values: { a: 30, o: 60 } }]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c-title"');
    expect(html).toContain('<title id="c-title">Memory</title>');
    expect(html).toContain('<desc id="c-desc">Two bars</desc>');
    expect(html).toMatch(/x="30\.000%"[^>]*width="60\.000%"/);
    expect(html).toContain('3 apps');
  });

  it('renders a time series with a cursor', () => {
    const html = render(
      <TimeSeriesChart id="t" title="Demand" desc="d" x={[0, 10, 20]} cursor={1} series={[{ key: 'd', label: 'Demand', tone: 'accent', values: [1, 3, 2] }]} />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('M0.00 66.67L500.00 0.00L1000.00 33.33');
    expect(html).toContain('class="vl-cursor" x1="500"');
  });

  it('shows the data behind a chart as a table with row headers', () => {
    const html = render(<DataTableView table={TABLE} />);
    expect(html).toContain('<caption>Fit</caption>');
    expect(html).toContain('<th scope="row">Containers</th><td class="vl-num">114</td>');
  });
});
