// The placement widgets' controls that show a figure of the core's isolation
// profiles or example host (a VM's guest-OS memory, the host's memory) take
// their default and source from the core (src/sim/profiles.generated.ts,
// generated from wasm-core/src/profiles.rs), so each figure is typed once, in
// Rust. A widget row spreads the result: `{ name: 'vmVmmMemMiB', …,
// ...coreFigure(vm_vmmOverheadMiB) }` (one export per figure, so a page
// ships only the figures its widgets show).
import { HOSTS } from '../../sim/profiles.generated.ts';

/** A figure of the core's profiles as generated: [value, source, modelling choice]. */
export type Figure = readonly [value: number, source: string, modellingChoice: boolean];

/** A core figure as a widget row's default and source. */
export interface CoreFigure {
  default: number;
  source: string;
}

/**
 * The source a reader sees: the core's citation, marked when the core calls
 * the figure a modelling choice, and the widget's `note` (how the control
 * uses the figure; never a figure itself).
 */
function readerSource(source: string, modellingChoice: boolean, note?: string): string {
  const marked = modellingChoice && !/modelling choice/i.test(source) ? `${source} (modelling choice)` : source;
  return note ? `${marked}; ${note}` : marked;
}

/** A profile figure (imported by name from profiles.generated.ts, e.g. `vm_guestOsMemMiB`) as a row's default and source. */
export function coreFigure(f: Figure, note?: string): CoreFigure {
  return { default: f[0], source: readerSource(f[1], f[2], note) };
}

type HostDim = keyof (typeof HOSTS)[number]['capacity'];

/**
 * The example host's capacity or reserve in `dim`, divided by `per` (1000 for
 * cores from millicores, 1024 for GiB from MiB). The core's source covers the
 * whole host, so every row cites the same example.
 */
export function hostFigure(part: 'capacity' | 'reserve', dim: HostDim, per = 1, note?: string): CoreFigure {
  const h = HOSTS[0];
  return { default: h[part][dim] / per, source: readerSource(h.source, false, note) };
}

/**
 * A preset's values from profile figures: `{ control: figure }` becomes
 * `{ control: the figure's value }` (a preset such as "Firecracker microVM"
 * sets the widget's VM controls to the core's microVM profile).
 */
export function figureValues<C extends string>(controls: Record<C, Figure>): Record<C, number> {
  const out = {} as Record<C, number>;
  for (const [control, f] of Object.entries(controls) as [C, Figure][]) out[control] = f[0];
  return out;
}

/** A preset's values from the example host: `{ control: [part, dim, per] }`. */
export function hostValues<C extends string>(
  controls: Record<C, readonly ['capacity' | 'reserve', HostDim, number?]>,
): Record<C, number> {
  const out = {} as Record<C, number>;
  for (const [control, [part, dim, per]] of Object.entries(controls) as [
    C,
    readonly ['capacity' | 'reserve', HostDim, number?],
  ][])
    out[control] = hostFigure(part, dim, per ?? 1).default;
  return out;
}
