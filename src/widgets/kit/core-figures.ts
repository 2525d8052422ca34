// The placement widgets' controls that show a figure of the core's isolation
// profiles or example host (a VM's guest-OS memory, the host's memory) take
// their default and source from the core (src/sim/profiles.generated.ts,
// generated from wasm-core/src/profiles.rs), so each figure is typed once, in
// Rust. A widget row spreads the result: `{ name: 'vmVmmMemMiB', …,
// ...profileFigure('vm', 'vmmOverheadMiB') }`.
import { HOSTS, PROFILES } from '../../sim/profiles.generated.ts';

type Profile = (typeof PROFILES)[number];
export type ProfileId = Profile['id'];
export type ProfileKey<I extends ProfileId> = Extract<Profile, { id: I }>['params'][number]['key'];

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

/** Profile `id`'s figure `key` (in the profile's unit). */
export function profileFigure<I extends ProfileId>(id: I, key: ProfileKey<I>, note?: string): CoreFigure {
  const p = PROFILES.find((x) => x.id === id)?.params.find((x) => x.key === key);
  // Unreachable for the typed ids and keys; a clear error if the core's table loses one.
  if (!p) throw new Error(`the core has no figure ${key} in profile ${id} (wasm-core/src/profiles.rs)`);
  return { default: p.value, source: readerSource(p.source, p.modellingChoice, note) };
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
 * A preset's values from one profile: `{ control: profileKey }` becomes
 * `{ control: the core's figure }` (a preset such as "Firecracker microVM"
 * sets the widget's VM controls to the core's microVM profile).
 */
export function profileValues<I extends ProfileId, C extends string>(
  id: I,
  controls: Record<C, ProfileKey<I>>,
): Record<C, number> {
  const out = {} as Record<C, number>;
  for (const [control, key] of Object.entries(controls) as [C, ProfileKey<I>][])
    out[control] = profileFigure(id, key).default;
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
