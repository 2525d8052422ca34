// `virtlab place`: bin-packing placement of workloads onto hosts.
// Input schema: src/cli/README.md.
import type { Core } from '../sim/core.ts';
import { describeValue, SimError } from '../sim/errors.ts';
import {
  DIMS,
  POLICIES,
  REASONS,
  UNPLACED,
  explainPlacement,
  generateWorkloads,
  place,
  type Amounts,
  type GeneratorSpec,
  type HostSpec,
  type PlacementInput,
} from '../sim/placement.ts';
import { csv, formatOf, parseJson, rejectUnknown, requireObject } from './io.ts';

const MAX_EXPANDED = 10_000_000;

/** Expands `count` fields (default 1) so teachers can write "100 hosts like this". */
function expand<T extends object>(list: unknown, field: string): T[] {
  if (!Array.isArray(list)) throw new SimError(1, field, `${field} must be an array`);
  const out: T[] = [];
  list.forEach((item, i) => {
    const o = requireObject(item, `${field}[${i}]`);
    const count = o.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_EXPANDED) {
      throw new SimError(1, `${field}[${i}].count`, `${field}[${i}].count must be a whole number from 0 to ${MAX_EXPANDED}, got ${describeValue(count)}`);
    }
    if (out.length + count > MAX_EXPANDED) throw new SimError(3, field, `${field} expands to more than ${MAX_EXPANDED} entries`);
    const { count: _c, ...rest } = o;
    for (let k = 0; k < count; k++) out.push(rest as T);
  });
  return out;
}

export interface PlaceDocument {
  input: PlacementInput;
  explainStep?: number;
}

export function parsePlaceDocument(core: Core, doc: unknown): PlaceDocument {
  const o = requireObject(doc, 'input');
  rejectUnknown(o, ['policy', 'hosts', 'workloads', 'primary', 'overcommit', 'profile', 'profileOverrides', 'explainStep', '$schema'], '');
  if (typeof o.policy !== 'string' || !(POLICIES as readonly string[]).includes(o.policy)) {
    throw new SimError(1, 'policy', `policy must be one of ${POLICIES.join(', ')}, got ${describeValue(o.policy)}`);
  }
  const hosts = expand<HostSpec>(o.hosts, 'hosts');
  let workloads: Amounts[] | Uint32Array;
  let dims: 2 | 3 = 3;
  const w = o.workloads;
  if (typeof w === 'object' && w !== null && !Array.isArray(w)) {
    const g = requireObject((w as Record<string, unknown>).generate, 'workloads.generate');
    rejectUnknown(g, ['kind', 'count', 'seed', 'cpuMillis', 'memMiB', 'doublingProbability'], 'workloads.generate');
    try {
      workloads = generateWorkloads(core, g as unknown as GeneratorSpec);
    } catch (err) {
      // The generator names its own fields (`count`); in a place document they sit under workloads.generate.
      if (!(err instanceof SimError)) throw err;
      throw new SimError(err.code, `workloads.generate.${err.field}`, `workloads.generate.${err.message.startsWith(err.field) ? err.message : `${err.field}: ${err.message}`}`);
    }
    dims = 2;
  } else {
    workloads = expand<Amounts>(w, 'workloads');
  }
  return {
    input: {
      policy: o.policy as PlacementInput['policy'],
      hosts,
      workloads,
      dims,
      primary: o.primary as PlacementInput['primary'],
      overcommit: o.overcommit as PlacementInput['overcommit'],
      profile: o.profile as PlacementInput['profile'],
      profileOverrides: o.profileOverrides as PlacementInput['profileOverrides'],
    },
    explainStep: o.explainStep as number | undefined,
  };
}

export function placeText(core: Core, text: string, args: string[] = []): string {
  const format = formatOf(args);
  const { input, explainStep } = parsePlaceDocument(core, parseJson(text, 'input'));
  if (explainStep !== undefined) {
    let step;
    try {
      step = explainPlacement(core, input, explainStep);
    } catch (err) {
      // The API calls it `step`; in a place document it is `explainStep`.
      if (!(err instanceof SimError) || err.field !== 'step') throw err;
      throw new SimError(err.code, 'explainStep', `explainStep${err.message.slice(4)}`);
    }
    if (format === 'csv') {
      return csv(['host', 'freeCpuMillis', 'freeMemMiB', 'freeDiskMiB', 'fits', 'chosen'], step.hosts.map((h, i) => [i, ...h.free, h.fits, i === step.chosen]));
    }
    return JSON.stringify({ policy: input.policy, step: explainStep, ...step }, null, 2) + '\n';
  }
  const r = place(core, input);
  const nHosts = r.hostUsable.length / 3;
  const perHost = Array.from({ length: nHosts }, (_, h) => {
    const usable = Array.from(r.hostUsable.subarray(3 * h, 3 * h + 3));
    const used = Array.from(r.hostUsed.subarray(3 * h, 3 * h + 3));
    return { host: h, usable, used, utilisation: used.map((u, k) => (usable[k] ? u / usable[k] : 0)) };
  });
  if (format === 'csv') {
    const counts = new Uint32Array(nHosts);
    for (const a of r.assignment) if (a !== UNPLACED) counts[a]++;
    return csv(
      ['host', 'workloads', ...DIMS.flatMap((d) => [`${d}Usable`, `${d}Used`, `${d}Utilisation`])],
      perHost.map((p) => [p.host, counts[p.host], ...[0, 1, 2].flatMap((k) => [p.usable[k], p.used[k], p.utilisation[k].toFixed(4)])]),
    );
  }
  const unplaced = [];
  for (let i = 0; i < r.unplaced.length; i += 3) {
    const mask = r.unplaced[i + 2];
    unplaced.push({ workload: r.unplaced[i], reason: REASONS[r.unplaced[i + 1]], dims: DIMS.filter((_, k) => mask & (1 << k)) });
  }
  const named = (v: number[]) => Object.fromEntries(DIMS.map((d, k) => [d, v[k]]));
  const s = r.summary;
  return (
    JSON.stringify(
      {
        policy: input.policy,
        summary: {
          placed: s.placed,
          unplaced: s.unplaced,
          hostsUsed: s.hostsUsed,
          app: named(s.app),
          overhead: named(s.overhead),
          rawCapacity: named(s.rawCapacity),
          reserve: named(s.reserve),
          usable: named(s.usable),
          usableOnUsedHosts: named(s.usableOnUsedHosts),
          stranded: named(s.stranded),
        },
        footprint: r.footprint,
        assignment: Array.from(r.assignment, (a) => (a === UNPLACED ? null : a)),
        unplaced,
        hosts: perHost,
      },
      null,
      2,
    ) + '\n'
  );
}

export async function run(args: string[], input: string): Promise<string> {
  const { loadCore } = await import('../sim/core.ts');
  return placeText(await loadCore(), input, args);
}
