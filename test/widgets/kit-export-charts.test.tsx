import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import StackedBarChart from '../../src/widgets/kit/charts/StackedBarChart.tsx';
import TimeSeriesChart, { coinciding } from '../../src/widgets/kit/charts/TimeSeriesChart.tsx';
import { durationText, niceTicks, timeUnit } from '../../src/widgets/kit/charts/scale.ts';
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
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(900)).toEqual([0, 500, 1000]);
    expect(niceTicks(0)).toEqual([0, 1]);
    // Binary units: powers of two, never 2.44 GiB.
    expect(niceTicks(32, 4, true)).toEqual([0, 8, 16, 24, 32]);
    expect(niceTicks(12, 4, true)).toEqual([0, 4, 8, 12]);
    expect(niceTicks(9.77, 4, true)).toEqual([0, 4, 8, 12]);
    for (const max of [0.3, 7, 13, 99, 1234, 86400]) {
      const t = niceTicks(max);
      const step = t[1] - t[0];
      const m = step / 10 ** Math.floor(Math.log10(step));
      expect(
        [1, 2, 5].some((k) => Math.abs(m - k) < 1e-9),
        `${max}: ${t}`,
      ).toBe(true);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
    }
  });

  it('writes durations as people say them', () => {
    expect(durationText(4.5)).toBe('4.5 s');
    expect(durationText(45)).toBe('45 s');
    expect(durationText(200)).toBe('3 min 20 s');
    expect(durationText(180)).toBe('3 min');
    expect(durationText(3900)).toBe('1 h 5 min');
    expect(timeUnit(900).title).toBe('Time (min)');
    expect(timeUnit(600).title).toBe('Time (s)');
  });

  it('renders an accessible stacked bar chart with widths as shares of the axis', () => {
    const html = render(
      <StackedBarChart
        id="c"
        title="Memory"
        desc="Two bars"
        max={100}
        axisTitle="Memory (GiB)"
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
    expect(html).toContain('Memory (GiB)');
  });

  it('renders a time series with axis titles, a cursor and a legend naming each line', () => {
    const html = render(
      <TimeSeriesChart
        id="t"
        title="Demand"
        desc="d"
        x={[0, 10, 20]}
        cursor={1}
        yTitle="Requests (req/s)"
        series={[
          { key: 'd', label: 'Demand', tone: 'accent', values: [1, 3, 2] },
          { key: 'v', label: 'VMs', tone: 'warn', values: [1, 1, 1] },
        ]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('M0.0 66.67L500.0 0.00L1000.0 33.33');
    expect(html).toContain('class="vl-cursor" x1="500"');
    expect(html).toContain('Requests (req/s)');
    expect(html).toContain('Time (s)');
    // The second line is dashed, in the plot and in its legend entry.
    expect(html.match(/stroke-dasharray="7 4"/g)?.length).toBe(2);
    expect(html).toMatch(/<text[^>]*>VMs<\/text>/);
    expect(html).not.toContain('coincide');
  });

  it('says when two curves coincide', () => {
    const series = [
      { key: 'v', label: 'VM', tone: 'warn' as const, values: [1, 2, 3] },
      { key: 'c', label: 'container', tone: 'good' as const, values: [1, 2, 3.001] },
      { key: 'm', label: 'microVM', tone: 'accent' as const, values: [1, 1, 1] },
    ];
    expect(coinciding(series, 4)).toEqual([['VM', 'container']]);
    const html = render(<TimeSeriesChart id="t" title="T" desc="d" x={[0, 1, 2]} yTitle="Y (u)" series={series} />);
    expect(html).toContain('The VM and container curves coincide.');
  });

  it('opens on the zoom window and keeps the samples inside it', () => {
    const x = Array.from({ length: 91 }, (_, i) => i * 10);
    const html = render(
      <TimeSeriesChart
        id="t"
        title="T"
        desc="d"
        x={x}
        yTitle="Y (u)"
        zoom={{ from: 100, to: 300 }}
        series={[{ key: 'a', label: 'A', tone: 'accent', values: x.map((t) => t) }]}
      />,
    );
    expect(html).toContain('Show the whole run');
    expect(html).toContain('Showing 100 s to 5 min of 15 min');
    expect(html).toMatch(/d="M0\.0 [^"]*L1000\.0 [^"]*"/);
  });

  it('shows the data behind a chart as a table with row headers', () => {
    const html = render(<DataTableView table={TABLE} />);
    expect(html).toContain('<caption>Fit</caption>');
    expect(html).toContain('<th scope="row">Containers</th><td class="vl-num">114</td>');
  });
});
