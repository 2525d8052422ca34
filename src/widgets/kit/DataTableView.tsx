// A DataTable as an HTML table: the "show as table" view of every chart.
import { formatNumber } from './params.ts';
import type { DataTable } from './export.ts';

export function DataTableView({ table, id }: { table: DataTable; id?: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus (axe: scrollable-region-focusable)
    <section class="vl-table-wrap" tabIndex={0} aria-label={table.caption} id={id}>
      <table class="vl-table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col">
                {c.label}
                {c.unit && <span class="vl-unit"> ({c.unit})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              {table.columns.map((c, i) => {
                const v = r[c.key];
                const text = typeof v === 'number' ? formatNumber(v) : (v ?? '');
                return i === 0 ? (
                  <th scope="row">{text}</th>
                ) : (
                  <td class={typeof v === 'number' ? 'vl-num' : undefined}>{text}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
