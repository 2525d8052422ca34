// Hosts as cells, VMs above containers: each cell has a CPU bar (left) and a
// memory bar (right), filled from the bottom with apps, guest OS / VMM and
// instance-size slack. Hand-written SVG like the kit's charts: x positions
// are percentages of the SVG's width (no viewBox), so text keeps its size
// from 320 px up and the same markup exports as a file.
import { Component } from 'preact';
import type { Tone } from '../kit/charts/scale.ts';
import { cpuText, gib, hostStates, type ClusterResult, type HostState, type StepView } from './model.ts';

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

interface CellProps {
  side: string;
  h: HostState;
  chosen: boolean;
}

/** The numbers a cell draws; equal keys mean an equal drawing. */
function cellKey(p: CellProps): string {
  const h = p.h;
  return `${p.side}|${p.chosen}|${h.host}|${h.apps}|${h.app}|${h.overhead}|${h.sizing}|${h.usable}`;
}

function bar(h: HostState, k: 0 | 1, x: number) {
  const top = (usable: number, v: number): number => (usable > 0 ? Math.min(1, v / usable) * BAR_PX : 0);
  let at = 0;
  return (
    <g>
      <rect class="vl-track" x={pc(x)} y={0} width={pc(3)} height={BAR_PX} />
      {PARTS.map((p) => {
        const v = h[p.key][k];
        if (v <= 0) return null;
        const y0 = top(h.usable[k], at);
        at += v;
        const y1 = top(h.usable[k], at);
        return <rect class={`vl-tone-${p.tone}`} x={pc(x)} y={BAR_PX - y1} width={pc(3)} height={Math.max(0.5, y1 - y0)} />;
      })}
    </g>
  );
}

function describeHost(label: string, h: HostState): string {
  const share = (k: 0 | 1): number => (h.usable[k] ? Math.round((h.used[k] / h.usable[k]) * 100) : 0);
  return `${label}, host ${h.host + 1}: ${h.apps === 1 ? '1 app' : `${h.apps} apps`}; CPU ${cpuText(h.used[0])} of ${cpuText(h.usable[0])} (${share(0)} %); memory ${gib(h.used[1])} of ${gib(h.usable[1])} (${share(1)} %)`;
}

/** One host. Re-drawn only when its numbers change: stepping changes one or two hosts of up to 200. */
class HostCell extends Component<CellProps> {
  shouldComponentUpdate(next: CellProps): boolean {
    return cellKey(next) !== cellKey(this.props);
  }

  render({ side, h, chosen }: CellProps) {
    const col = h.host % COLS;
    const row = Math.floor(h.host / COLS);
    const x = (col * 100) / COLS;
    return (
      <g transform={`translate(0 ${HEAD + row * CELL_PX})`} data-host={h.host + 1} data-cpu-used={h.used[0]} data-mem-used={h.used[1]}>
        <title>{describeHost(side, h)}</title>
        {chosen && <rect class="vl-stroke-accent" fill="none" x={pc(x + 0.5)} y={-3} width={pc(9)} height={CELL_PX - 4} rx={3} />}
        {bar(h, 0, x + 1.5)}
        {bar(h, 1, x + 5.5)}
        <text class="vl-chart-text vl-chart-tick" x={pc(x + 5)} y={BAR_PX + FONT + 2} text-anchor="middle">
          {h.host + 1}
        </text>
      </g>
    );
  }
}

export function HostGrid({ id, r, frame, view, desc }: { id: string; r: ClusterResult; frame: number; view: StepView; desc: string }) {
  const rows = Math.ceil(r.hostCount / COLS);
  const panelPx = HEAD + rows * CELL_PX + 8;
  const legendY = 2 * panelPx + 8;
  const height = legendY + (PARTS.length + 2) * LEGEND_ROW;
  return (
    <svg class="vl-chart-svg" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} width="100%" height={height} font-size={FONT} data-testid="host-grid">
      <title id={`${id}-title`}>{`Hosts after step ${frame + 1} of ${r.apps.length / 2}, as VMs and as containers`}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {r.sides.map((side, s) => {
        const states = hostStates(r, side, frame);
        const chosen = view.sides[s].chosen;
        const used = states.filter((h) => h.apps > 0).length;
        return (
          <g transform={`translate(0 ${s * panelPx})`} data-side={side.id}>
            <text class="vl-chart-text" x={0} y={FONT + 2} font-weight="bold">
              {`${side.label}: ${used === 1 ? '1 host' : `${used} hosts`} in use`}
            </text>
            {states.map((h) => (
              <HostCell side={side.label} h={h} chosen={h.host === chosen} />
            ))}
          </g>
        );
      })}
      <text class="vl-chart-text" x={0} y={legendY + 11}>
        Per host: CPU (left bar), memory (right bar).
      </text>
      <text class="vl-chart-text" x={0} y={legendY + LEGEND_ROW + 11}>
        Outlined: the host chosen at this step.
      </text>
      {PARTS.map((p, i) => (
        <g>
          <rect class={`vl-tone-${p.tone}`} x={0} y={legendY + (i + 2) * LEGEND_ROW} width={12} height={12} />
          <text class="vl-chart-text" x={18} y={legendY + (i + 2) * LEGEND_ROW + 11}>
            {p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
