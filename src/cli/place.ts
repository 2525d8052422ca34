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
  place,
  type Amounts,
  type HostSpec,
  type PlacementInput,
} from '../sim/placement.ts';
import { generateWorkloads, type GeneratorSpec } from '../sim/workloads.ts';
import { csvChunks, jsonObjectChunks, LazyArray, parseJson, type CliOptions, type Output, joinOutput } from './io.ts';
import { ANY, NUMBER, STRING, arr, checkShape, obj, record, tuple, union, type Shape } from './strict.ts';

const MAX_EXPANDED = 10_000_000;
/** The core's limit (wasm-core/src/placement/mod.rs, MAX_HOSTS), said here in hosts as entered. */
const MAX_HOSTS = 4_000_000;

const AMOUNTS = { cpuMillis: NUMBER, memMiB: NUMBER, diskMiB: NUMBER };

/** The whole `place` document; types only (ranges are checked where they are known). */
export const PLACE_SHAPE: Shape = obj(
  {
    $schema: ANY,
    policy: STRING,
    hosts: arr(obj({ ...AMOUNTS, reserve: obj(AMOUNTS), count: NUMBER })),
    workloads: union(
      arr(obj({ ...AMOUNTS, count: NUMBER })),
      obj(
        {
          generate: obj({
            kind: STRING,
            count: NUMBER,
            seed: NUMBER,
            cpuMillis: tuple(NUMBER, NUMBER),
            memMiB: tuple(NUMBER, NUMBER),
            doublingProbability: NUMBER,
          }),
        },
        { required: ['generate'] },
      ),
    ),
    primary: STRING,
    overcommit: obj({ cpu: NUMBER, mem: NUMBER, disk: NUMBER }),
    profile: union(
      STRING,
      obj(
        { memOverheadMiB: NUMBER, cpuOverheadMillis: NUMBER, cpuEfficiency: NUMBER, diskOverheadMiB: NUMBER },
        { required: ['memOverheadMiB', 'cpuOverheadMillis', 'cpuEfficiency', 'diskOverheadMiB'] },
      ),
    ),
    profileOverrides: record(NUMBER),
    explainStep: NUMBER,
  },
  { required: ['policy', 'hosts', 'workloads'] },
);

/**
 * Expands `count` fields (default 1) so teachers can write "100 hosts like
 * this". `entryOf[k]` is the input entry the k-th expanded item came from.
 */
function expand<T extends object>(list: unknown[], field: string, max: number): { items: T[]; starts: number[] } {
  const items: T[] = [];
  const starts: number[] = [];
  list.forEach((item, i) => {
    const o = item as Record<string, unknown>;
    const count = o.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > max) {
      throw SimError.outOfRange(
        `${field}[${i}].count`,
        `${field}[${i}].count must be a whole number from 0 to ${max}, got ${describeValue(count)}`,
      );
    }
    if (items.length + count > max) {
      let total = items.length;
      for (const rest of list.slice(i)) total += Number((rest as Record<string, unknown>).count ?? 1) || 0;
      throw SimError.limitExceeded(field, `${field} has ${total} entries (counting count); the limit is ${max}`);
    }
    const { count: _c, ...rest } = o;
    starts.push(items.length);
    for (let k = 0; k < count; k++) items.push(rest as T);
  });
  return { items, starts };
}

/** The input entry an expanded index came from (binary search over the entries' starts). */
function entryOf(starts: number[], k: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Renames `hosts[k]` / `workloads[k]` (expanded indices) in an error to the
 * entry as written, so a message about host 1,234 of `"count": 5000` points
 * at `hosts[0]`.
 */
function asEntered(err: unknown, field: string, starts: number[], expanded: number): unknown {
  if (!(err instanceof SimError)) return err;
  const re = new RegExp(`^${field}\\[(\\d+)\\]`);
  const m = re.exec(err.field);
  if (!m || starts.length === expanded) return err;
  const k = Number(m[1]);
  const e = entryOf(starts, k);
  const nth = k - starts[e];
  const rename = (s: string) => s.replace(new RegExp(`${field}\\[${k}\\]`, 'g'), `${field}[${e}]`);
  return err.withField(rename(err.field), `${rename(err.message)} (copy ${nth + 1} of that entry's count)`);
}

export interface PlaceDocument {
  input: PlacementInput;
  explainStep?: number;
  /** Maps an error about an expanded host or workload back to the entry as written. */
  asEntered: (err: unknown) => unknown;
}

export function parsePlaceDocument(core: Core, doc: unknown): PlaceDocument {
  checkShape(doc, PLACE_SHAPE);
  const o = doc as Record<string, unknown>;
  if (!(POLICIES as readonly string[]).includes(o.policy as string)) {
    throw SimError.outOfRange('policy', `policy must be one of ${POLICIES.join(', ')}, got ${describeValue(o.policy)}`);
  }
  const hosts = expand<HostSpec>(o.hosts as unknown[], 'hosts', MAX_HOSTS);
  let workloads: Amounts[] | Uint32Array;
  let workStarts: number[] | undefined;
  let dims: 2 | 3 = 3;
  const w = o.workloads;
  if (!Array.isArray(w)) {
    const g = (w as Record<string, unknown>).generate;
    try {
      workloads = generateWorkloads(core, g as unknown as GeneratorSpec);
    } catch (err) {
      // The generator names its own fields (`count`); in a place document they sit under workloads.generate.
      if (!(err instanceof SimError)) throw err;
      throw err.withField(
        `workloads.generate.${err.field}`,
        `workloads.generate.${err.message.startsWith(err.field) ? err.message : `${err.field}: ${err.message}`}`,
      );
    }
    dims = 2;
  } else {
    const e = expand<Amounts>(w, 'workloads', MAX_EXPANDED);
    workloads = e.items;
    workStarts = e.starts;
  }
  const nWork = workloads instanceof Uint32Array ? workloads.length / dims : workloads.length;
  return {
    input: {
      policy: o.policy as PlacementInput['policy'],
      hosts: hosts.items,
      workloads,
      dims,
      primary: o.primary as PlacementInput['primary'],
      overcommit: o.overcommit as PlacementInput['overcommit'],
      profile: o.profile as PlacementInput['profile'],
      profileOverrides: o.profileOverrides as PlacementInput['profileOverrides'],
    },
    explainStep: o.explainStep as number | undefined,
    asEntered: (err) => {
      const e = asEntered(err, 'hosts', hosts.starts, hosts.items.length);
      return workStarts ? asEntered(e, 'workloads', workStarts, nWork) : e;
    },
  };
}

/** `place`'s output: JSON (streamed, so any input the core accepts can be written) or a CSV table per host. */
export function placeOutput(core: Core, text: string, opts: Pick<CliOptions, 'format'> = { format: 'json' }): Output {
  const format = opts.format;
  const doc = parsePlaceDocument(core, parseJson(text, 'input'));
  const { input, explainStep } = doc;
  if (explainStep !== undefined) {
    let step: ReturnType<typeof explainPlacement>;
    try {
      step = explainPlacement(core, input, explainStep);
    } catch (err) {
      // The API calls it `step`; in a place document it is `explainStep`.
      if (!(err instanceof SimError) || err.field !== 'step') throw doc.asEntered(err);
      throw err.withField('explainStep', `explainStep${err.message.slice(4)}`);
    }
    if (format === 'csv') {
      return csvChunks(
        ['host', 'freeCpuMillis', 'freeMemMiB', 'freeDiskMiB', 'fits', 'chosen'],
        step.hosts.map((h, i) => [i, ...h.free, h.fits, i === step.chosen]),
      );
    }
    return `${JSON.stringify({ policy: input.policy, step: explainStep, ...step }, null, 2)}\n`;
  }
  let r: ReturnType<typeof place>;
  try {
    r = place(core, input);
  } catch (err) {
    throw doc.asEntered(err);
  }
  const nHosts = r.hostUsable.length / 3;
  const hostRow = (h: number) => {
    const usable = Array.from(r.hostUsable.subarray(3 * h, 3 * h + 3));
    const used = Array.from(r.hostUsed.subarray(3 * h, 3 * h + 3));
    return { host: h, usable, used, utilisation: used.map((u, k) => (usable[k] ? u / usable[k] : 0)) };
  };
  if (format === 'csv') {
    const counts = new Uint32Array(nHosts);
    for (const a of r.assignment) if (a !== UNPLACED) counts[a]++;
    function* rows() {
      for (let h = 0; h < nHosts; h++) {
        const p = hostRow(h);
        yield [h, counts[h], ...[0, 1, 2].flatMap((k) => [p.usable[k], p.used[k], p.utilisation[k].toFixed(4)])];
      }
    }
    return csvChunks(
      ['host', 'workloads', ...DIMS.flatMap((d) => [`${d}Usable`, `${d}Used`, `${d}Utilisation`])],
      rows(),
    );
  }
  const named = (v: number[]) => Object.fromEntries(DIMS.map((d, k) => [d, v[k]]));
  const s = r.summary;
  const assignment = r.assignment;
  const unplaced = r.unplaced;
  return jsonObjectChunks([
    ['policy', input.policy],
    [
      'summary',
      {
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
    ],
    ['footprint', r.footprint],
    ['assignment', new LazyArray(assignment.length, (i) => (assignment[i] === UNPLACED ? null : assignment[i]))],
    [
      'unplaced',
      new LazyArray(unplaced.length / 3, (i) => {
        const mask = unplaced[3 * i + 2];
        return {
          workload: unplaced[3 * i],
          reason: REASONS[unplaced[3 * i + 1]],
          dims: DIMS.filter((_, k) => mask & (1 << k)),
        };
      }),
    ],
    ['hosts', new LazyArray(nHosts, hostRow)],
  ]);
}

/** `place`'s output as one string (tests and small inputs). */
export function placeText(core: Core, text: string, opts?: Pick<CliOptions, 'format'>): string {
  return joinOutput(placeOutput(core, text, opts));
}

export async function run(opts: CliOptions, input: string): Promise<Output> {
  const { loadCore } = await import('../sim/core.ts');
  return placeOutput(await loadCore('placement'), input, opts);
}
