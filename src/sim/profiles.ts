// The core's profiles (VM, container, microVM, Kata-FC), host examples and
// kube defaults with their sources (wasm-core/src/profiles.rs), and the
// footprint a profile adds to each app request.
import type { Core } from './core.ts';
import { numInRange, U32_MAX } from './checks.ts';
import { describeValue, SimError } from './errors.ts';
import { check, resultText } from './wasm-abi.ts';

export interface Amounts {
  cpuMillis: number;
  memMiB: number;
  diskMiB?: number;
}

/** What a profile adds to each app request (see wasm-core/src/profiles.rs). */
export interface FootprintParams {
  memOverheadMiB: number;
  cpuOverheadMillis: number;
  /** Fraction of host CPU that reaches the app, (0, 1]. */
  cpuEfficiency: number;
  diskOverheadMiB: number;
}

export interface PresetParam {
  key: string;
  value: number;
  unit: string;
  source: string;
  modellingChoice: boolean;
  placement: boolean;
}
export interface Presets {
  profiles: { id: string; name: string; params: PresetParam[] }[];
  /** The placement policies by name, in the core's numbering. */
  policies: string[];
  hosts: { id: string; capacity: Amounts; reserve: Amounts; source: string }[];
  kube: Record<string, unknown>;
}

const presetCache = new WeakMap<Core, Presets>();

/** Profiles (VM, container, microVM, Kata-FC), a host example and kube defaults, with sources. */
export function presets(core: Core): Presets {
  let p = presetCache.get(core);
  if (!p) {
    const x = core.exports;
    check(x, x.vl_presets());
    p = JSON.parse(resultText(x)) as Presets;
    presetCache.set(core, p);
  }
  return p;
}

/** A profile's footprint parameters with overrides applied, and each value's source. */
export function resolveFootprint(
  core: Core,
  profile: string,
  overrides: Record<string, number> = {},
): FootprintParams & { sources: Record<string, string> } {
  const pr = presets(core).profiles.find((q) => q.id === profile);
  if (!pr)
    throw SimError.outOfRange(
      'profile',
      `profile must be one of ${presets(core)
        .profiles.map((q) => q.id)
        .join(', ')}, got ${describeValue(profile)}`,
    );
  const values: Record<string, number> = {};
  const sources: Record<string, string> = {};
  for (const q of pr.params) {
    values[q.key] = q.value;
    sources[q.key] = `${q.source}${q.modellingChoice ? ' (modelling choice)' : ''}`;
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw SimError.outOfRange(
      'profileOverrides',
      `profileOverrides must be an object of parameter names to numbers, got ${describeValue(overrides)}`,
    );
  }
  for (const [k, v] of Object.entries(overrides)) {
    // Own keys only: `constructor` or `__proto__` are "in" every object.
    if (!Object.hasOwn(values, k))
      throw SimError.outOfRange(
        `profileOverrides.${k}`,
        `profileOverrides.${k} is not a parameter of profile ${profile}`,
      );
    // The same bounds as an explicit footprint (`profile.cpuEfficiency`): a fraction of the host CPU.
    values[k] =
      k === 'cpuEfficiency'
        ? numInRange(`profileOverrides.${k}`, v, 0.01, 1)
        : numInRange(`profileOverrides.${k}`, v, 0, U32_MAX);
    sources[k] = 'user override';
  }
  return {
    memOverheadMiB: values.guestOsMemMiB + values.vmmOverheadMiB,
    cpuOverheadMillis: values.cpuOverheadMillis,
    cpuEfficiency: values.cpuEfficiency,
    diskOverheadMiB: values.diskOverheadMiB,
    sources,
  };
}
