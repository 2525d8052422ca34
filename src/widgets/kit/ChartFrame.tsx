// Wraps a chart: caption (indexed by search), "Show as table" with the data
// behind it, and export of the chart as SVG or PNG.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { DataTableView } from './DataTableView.tsx';
import { HydrateLater } from './HydrateLater.tsx';
import { download, svgMarkup, svgToPng, type DataTable } from './export.ts';

export interface ChartFrameProps {
  /** Unique on the page; also the export file name stem. */
  id: string;
  caption: string;
  /** The data behind the chart; a function builds a long table only when the reader opens it. */
  table: DataTable | (() => DataTable);
  children: ComponentChildren;
}

export function ChartFrame({ id, caption, table, children }: ChartFrameProps) {
  const [showTable, setShowTable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);
  const svg = (): SVGSVGElement | null => ref.current?.querySelector('svg.vl-chart-svg') ?? null;
  async function exportAs(kind: 'svg' | 'png'): Promise<void> {
    const el = svg();
    if (!el) return;
    try {
      if (kind === 'svg') download(`${id}.svg`, 'image/svg+xml', svgMarkup(el));
      else download(`${id}.png`, 'image/png', await svgToPng(el));
      setProblem(null);
    } catch (err) {
      setProblem(`The chart could not be exported: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return (
    <HydrateLater as="figure" class="vl-chart" elementRef={ref}>
      {children}
      <figcaption class="vl-caption">{caption}</figcaption>
      <div class="vl-actions" data-pagefind-ignore>
        <button
          type="button"
          aria-expanded={showTable}
          aria-controls={`${id}-table`}
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? 'Hide table' : 'Show as table'}
        </button>
        <button type="button" onClick={() => void exportAs('svg')}>
          Chart as SVG
        </button>
        <button type="button" onClick={() => void exportAs('png')}>
          Chart as PNG
        </button>
      </div>
      {problem && (
        <p class="vl-error" role="alert">
          {problem}
        </p>
      )}
      <div id={`${id}-table`} hidden={!showTable} data-pagefind-ignore>
        {showTable && <DataTableView table={typeof table === 'function' ? table() : table} />}
      </div>
    </HydrateLater>
  );
}
