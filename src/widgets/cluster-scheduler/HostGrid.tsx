// Hosts as cells, VMs above containers: each cell has a CPU bar (left) and a
// memory bar (right), filled from the bottom with apps, guest OS / VMM and
// instance-size slack. Hand-written SVG like the kit's charts: text sits at
// percentages of the SVG's width (no outer viewBox), so it keeps its size
// from 320 px up and the same markup exports as a file; the bars are paths
// in an inner SVG stretched sideways.
import { ChartSvg } from '../kit/charts/ChartSvg.tsx';
import type { Tone } from '../kit/charts/scale.ts';
import type { ClusterResult, StepView } from './result.ts';
import { hostStates, type HostState } from './tables.ts';

const COLS = 10;
const FONT = 13;
const HEAD = 24;
const BAR_PX = 44;
const CELL_PX = BAR_PX + FONT + 10;
const LEGEND_ROW = 20;

const PARTS = [
  { key: 'app', label: 'Apps', tone: 'accent' },
  { key: 'overhead', label: 'Guest OS, VMM, shim or CPU loss', tone: 'warn' },
  { key: 'sizing', label: 'Rounded up to a VM size', tone: 'muted' },
] as const satisfies readonly { key: keyof HostState; label: string; tone: Tone }[];

function pc(x: number): string {
  return `${x.toFixed(3)}%`;
}

/** Inner x units per panel width (bars are drawn in a stretched inner SVG). */
const VB = 1000;

function rectPath(x: number, y: number, w: number, h: number): string {
  return `M${x} ${y.toFixed(2)}h${w}v${h.toFixed(2)}h${-w}z`;
}

/**
 * The bars of every host as one path per tone: a cell per host would be
 * some 2,600 SVG elements at 100 hosts, too slow to redraw while a slider
 * is dragged. The inner SVG stretches x (viewBox 0..VB) to the width, so
 * bars keep their share of the width at any size; y stays in pixels.
 */
function barPaths(states: readonly HostState[]): { track: string; parts: Record<string, string> } {
  const track: string[] = [];
  const parts: Record<string, string[]> = Object.fromEntries(PARTS.map((p) => [p.key, []]));
  for (const h of states) {
    const x0 = (h.host % COLS) * (VB / COLS);
    const y0 = Math.floor(h.host / COLS) * CELL_PX;
    for (const k of [0, 1] as const) {
      const x = x0 + (k === 0 ? 15 : 55);
      track.push(rectPath(x, y0, 30, BAR_PX));
      const usable = h.usable[k];
      let at = 0;
      for (const p of PARTS) {
        const v = h[p.key][k];
        if (v <= 0 || usable <= 0) continue;
        const a = Math.min(1, at / usable) * BAR_PX;
        at += v;
        const b = Math.min(1, at / usable) * BAR_PX;
        parts[p.key].push(rectPath(x, y0 + BAR_PX - b, 30, Math.max(0.5, b - a)));
      }
    }
  }
  return { track: track.join(''), parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.join('')])) };
}

function Panel({
  label,
  states,
  chosen,
  y,
}: {
  label: string;
  states: readonly HostState[];
  chosen: number;
  y: number;
}) {
  const rows = Math.ceil(states.length / COLS);
  const { track, parts } = barPaths(states);
  const used = states.filter((h) => h.apps > 0).length;
  return (
    <g transform={`translate(0 ${y})`}>
      <text class="vl-chart-text" x={0} y={FONT + 2} font-weight="bold">
        {`${label}: ${used === 1 ? '1 host' : `${used} hosts`} in use`}
      </text>
      <svg
        aria-hidden="true"
        x={0}
        y={HEAD}
        width="100%"
        height={rows * CELL_PX}
        viewBox={`0 0 ${VB} ${rows * CELL_PX}`}
        preserveAspectRatio="none"
        overflow="visible"
      >
        <path class="vl-track" d={track} />
        {PARTS.map((p) => (parts[p.key] ? <path class={`vl-tone-${p.tone}`} d={parts[p.key]} /> : null))}
        {chosen >= 0 && (
          <rect
            class="vl-stroke-accent"
            fill="none"
            vector-effect="non-scaling-stroke"
            x={(chosen % COLS) * (VB / COLS) + 5}
            y={Math.floor(chosen / COLS) * CELL_PX - 3}
            width={VB / COLS - 10}
            height={CELL_PX - 4}
          />
        )}
      </svg>
      {states.map((h) => (
        <text
          class="vl-chart-text vl-chart-tick"
          x={pc((h.host % COLS) * (100 / COLS) + 5)}
          y={HEAD + Math.floor(h.host / COLS) * CELL_PX + BAR_PX + FONT + 2}
          text-anchor="middle"
        >
          {h.host + 1}
        </text>
      ))}
    </g>
  );
}

export function HostGrid({
  id,
  r,
  frame,
  view,
  desc,
}: {
  id: string;
  r: ClusterResult;
  frame: number;
  view: StepView;
  desc: string;
}) {
  const rows = Math.ceil(r.hostCount / COLS);
  const panelPx = HEAD + rows * CELL_PX + 8;
  const legendY = 2 * panelPx + 8;
  const height = legendY + (PARTS.length + 3) * LEGEND_ROW;
  return (
    <ChartSvg
      id={id}
      title={`Hosts after step ${frame + 1} of ${r.apps.length / 2}, as VMs and as containers`}
      desc={desc}
      width="100%"
      height={height}
      font-size={FONT}
      data-testid="host-grid"
    >
      {r.sides.map((side, s) => (
        <Panel label={side.label} states={hostStates(r, side, frame)} chosen={view.sides[s].chosen} y={s * panelPx} />
      ))}
      <text class="vl-chart-text" x={0} y={legendY + 11}>
        Per host: CPU (left bar), memory (right bar).
      </text>
      <text class="vl-chart-text vl-axis-title" x={0} y={legendY + LEGEND_ROW + 11}>
        Bar height: share of the host (%)
      </text>
      <text class="vl-chart-text" x={0} y={legendY + 2 * LEGEND_ROW + 11}>
        Outlined: the host chosen at this step.
      </text>
      {PARTS.map((p, i) => (
        <g>
          <rect class={`vl-tone-${p.tone}`} x={0} y={legendY + (i + 3) * LEGEND_ROW} width={12} height={12} />
          <text class="vl-chart-text" x={18} y={legendY + (i + 3) * LEGEND_ROW + 11}>
            {p.label}
          </text>
        </g>
      ))}
    </ChartSvg>
  );
}
