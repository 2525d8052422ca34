// One software stack as an SVG diagram: hardware at the bottom, then what a
// host holds once (drawn as one full-width bar, in the "shared" tone), then
// what every app repeats (one block per app). Not to scale: the numbers are
// in the labels, the table and the export. The viewBox is narrow (300) so
// that its text stays readable on a 320 px screen, and the SVG is capped at
// 26rem so that the text does not grow large on wide ones.
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

export function StackDiagram({ id, stack, desc }: { id: string; stack: Stack; desc: string }) {
  // Top-down: apps first, hardware last; free space is in the table, not drawn.
  const rows = stack.layers.filter((l) => l.scope !== 'free').reverse();
  const legendY = TOP + rows.length * ROW + 8;
  const height = legendY + 3 * 18;
  const kernels = stack.kernels === 1 ? '1 kernel' : `${stack.kernels} kernels`;
  return (
    <svg class="vl-chart-svg" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} viewBox={`0 0 ${W} ${height}`} width="100%" style={{ maxWidth: '26rem' }} font-size={12}>
      <title id={`${id}-title`}>{`${stack.label}: ${stack.placed === 1 ? '1 app' : `${stack.placed} apps`}, ${kernels}`}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <text class="vl-chart-text" x={0} y={16} font-weight="bold" font-size={14}>
        {`${stack.label}: ${kernels}`}
      </text>
      {rows.map((l, i) => {
        const y = TOP + i * ROW;
        const label = SHORT[l.id] ?? l.label;
        const name = l.scope === 'app' ? `${label} × ${stack.placed}, per app` : l.scope === 'host' ? `${label}, once per host` : label;
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
    </svg>
  );
}
