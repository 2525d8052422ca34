// One software stack as an SVG diagram: hardware at the bottom, then what a
// host holds once (drawn as one full-width bar, in the "shared" tone), then
// what every app repeats (one block per app). Those blocks are not to scale
// (the diagram says so; the numbers are in the labels): below them, a bar of
// the host's memory is, so the reader sees the guest OSes' share. The viewBox is narrow (300) so
// that its text stays readable on a 320 px screen, and the SVG is capped at
// 26rem so that the text does not grow large on wide ones.
import { ChartSvg } from '../kit/charts/ChartSvg.tsx';
import { niceTicks, tickText } from '../kit/charts/scale.ts';
import type { Layer, Stack } from './model.ts';
import { size } from './model.ts';

const W = 300;
const ROW = 58;
const TOP = 26;
const MAX_BLOCKS = 12;
const GAP = 3;

const TONES: Record<string, string> = {
  hardware: 'muted',
  hypervisor: 'good',
  'host-os': 'good',
  'linux-vm': 'good',
  'base-layers': 'good',
  vmm: 'warn',
  'guest-os': 'warn',
  runtime: 'warn',
  apps: 'accent',
};

/** Shorter names than the table's, so a label fits the narrow diagram. */
const SHORT: Record<string, string> = {
  apps: 'Libraries and app',
  'host-os': 'Host OS, one shared kernel',
  runtime: 'Runtime shim',
  'linux-vm': 'Linux VM, one shared kernel',
};

function sizes(l: Layer): string {
  return `${size(l.memMiB)} memory, ${size(l.diskMiB)} disk`;
}

function Blocks({ layer, count, y }: { layer: Layer; count: number; y: number }) {
  const tone = TONES[layer.id] ?? 'muted';
  if (layer.scope !== 'app') return <rect class={`vl-tone-${tone}`} x={0} y={y} width={W} height={20} rx={2} />;
  const shown = count > MAX_BLOCKS ? MAX_BLOCKS - 1 : count;
  const bw = (W - GAP * (MAX_BLOCKS - 1)) / MAX_BLOCKS;
  return (
    <g>
      {Array.from({ length: shown }, (_, i) => (
        <rect class={`vl-tone-${tone}`} x={i * (bw + GAP)} y={y} width={bw} height={20} rx={2} />
      ))}
      {count > MAX_BLOCKS && (
        <text class="vl-chart-text vl-chart-tick" x={shown * (bw + GAP) + 2} y={y + 15}>
          +{count - shown}
        </text>
      )}
    </g>
  );
}

/** The host's memory to scale: shared layers, what every app repeats, the apps, and the free rest. */
function MemoryBar({ stack, y }: { stack: Stack; y: number }) {
  const hostMiB = stack.layers.find((l) => l.scope === 'hardware')?.memMiB ?? 0;
  const sum = (pick: (l: Layer) => boolean): number => stack.layers.filter(pick).reduce((s, l) => s + l.memMiB, 0);
  const parts = [
    { tone: 'good', mib: sum((l) => l.scope === 'host'), what: 'shared' },
    { tone: 'warn', mib: sum((l) => l.scope === 'app' && l.id !== 'apps'), what: 'repeated per app' },
    { tone: 'accent', mib: sum((l) => l.id === 'apps'), what: 'apps' },
  ];
  const scale = (mib: number): number => (hostMiB > 0 ? (Math.min(mib, hostMiB) / hostMiB) * W : 0);
  const ticks = niceTicks(hostMiB / 1024, 4, true).filter((g) => g * 1024 <= hostMiB * (1 + 1e-9));
  let at = 0;
  return (
    <g data-scale="memory">
      <text class="vl-chart-text vl-chart-tick" x={0} y={y + 12}>
        The blocks above are not to scale; this bar is.
      </text>
      <rect class="vl-track" x={0} y={y + 20} width={W} height={16} />
      {parts.map((p) => {
        const x = at;
        at += scale(p.mib);
        return p.mib > 0 ? (
          <rect class={`vl-tone-${p.tone}`} x={x} y={y + 20} width={Math.max(0.5, scale(p.mib))} height={16}>
            <title>{`${p.what}: ${size(p.mib)} of ${size(hostMiB)}`}</title>
          </rect>
        ) : null;
      })}
      {ticks.map((g, i) => (
        <text
          class="vl-chart-text vl-chart-tick"
          x={scale(g * 1024)}
          y={y + 52}
          text-anchor={i === 0 ? 'start' : g * 1024 >= hostMiB * 0.97 ? 'end' : 'middle'}
        >
          {tickText(g)}
        </text>
      ))}
      <text class="vl-chart-text vl-axis-title" x={W / 2} y={y + 70} text-anchor="middle">
        Host memory, to scale (GiB)
      </text>
    </g>
  );
}

/** Height of the memory bar with its ticks and title. */
const BAR_H = 80;

export function StackDiagram({ id, stack, desc }: { id: string; stack: Stack; desc: string }) {
  // Top-down: apps first, hardware last; free space is in the table, not drawn.
  const rows = stack.layers.filter((l) => l.scope !== 'free').reverse();
  const barY = TOP + rows.length * ROW;
  const legendY = barY + BAR_H;
  const height = legendY + 3 * 18;
  const kernels = stack.kernels === 1 ? '1 kernel' : `${stack.kernels} kernels`;
  return (
    <ChartSvg
      id={id}
      title={`${stack.label}: ${stack.placed === 1 ? '1 app' : `${stack.placed} apps`}, ${kernels}`}
      desc={desc}
      viewBox={`0 0 ${W} ${height}`}
      width="100%"
      style={{ maxWidth: '26rem' }}
      font-size={12}
    >
      <text class="vl-chart-text" x={0} y={16} font-weight="bold" font-size={14}>
        {`${stack.label}: ${kernels}`}
      </text>
      {rows.map((l, i) => {
        const y = TOP + i * ROW;
        const label = SHORT[l.id] ?? l.label;
        const name =
          l.scope === 'app'
            ? `${label} × ${stack.placed}, per app`
            : l.scope === 'host'
              ? `${label}, once per host`
              : label;
        return (
          <g data-layer={l.id}>
            <text class="vl-chart-text" x={0} y={y + 13}>
              {name}
            </text>
            <text class="vl-chart-text vl-chart-tick" x={0} y={y + 28}>
              {l.scope === 'hardware' ? `${size(l.memMiB)} memory, ${size(l.diskMiB)} disk in all` : sizes(l)}
            </text>
            <Blocks layer={l} count={stack.placed} y={y + 33} />
          </g>
        );
      })}
      <MemoryBar stack={stack} y={barY} />
      {[
        ['good', 'Shared: once per host'],
        ['warn', 'Repeated per app: OS, VMM or shim'],
        ['accent', 'The apps and their libraries'],
      ].map(([tone, label], i) => (
        <g>
          <rect class={`vl-tone-${tone}`} x={0} y={legendY + i * 18} width={12} height={12} />
          <text class="vl-chart-text vl-chart-tick" x={18} y={legendY + i * 18 + 11}>
            {label}
          </text>
        </g>
      ))}
    </ChartSvg>
  );
}
