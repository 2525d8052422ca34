// Fuzzing placement, profiles, workload generators and Kubernetes-style
// scoring (src/sim/placement.ts): results keep their invariants (every
// workload placed or unplaced, no host over capacity, finite numbers) or the
// call throws a clean SimError naming the input field; the core survives.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type Core } from '../../src/sim/core.ts';
import {
  DIMS,
  POLICIES,
  UNPLACED,
  assessPlacement,
  explainPlacement,
  packHosts,
  packWorkloads,
  place,
  placementDetail,
  type PlacementInput,
} from '../../src/sim/placement.ts';
import {
  STRATEGIES,
  kubeExplain,
  kubeSchedule,
  kubeScore,
  type KubeScheduleInput,
  type KubeScoreInput,
} from '../../src/sim/kube.ts';
import { generateWorkloads, type GeneratorSpec } from '../../src/sim/workloads.ts';
import { presets, resolveFootprint } from '../../src/sim/profiles.ts';
import { fuzzParams, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { define, edgeNumber, hostileRecord, hostileString, hostileValue, PROTO_KEYS } from './hostile.ts';
import { expectFinite, fieldRoot, freshCore, resultOrRejection } from './oracles.ts';

let core: Core;
let reference: string;
let profileIds: string[];
let profileKeys: string[];

const GOOD_PLACE: PlacementInput = {
  policy: 'best-fit',
  hosts: [
    { cpuMillis: 4000, memMiB: 8192, reserve: { memMiB: 512 } },
    { cpuMillis: 2000, memMiB: 4096 },
  ],
  workloads: [
    { cpuMillis: 500, memMiB: 1024 },
    { cpuMillis: 1500, memMiB: 3000 },
    { cpuMillis: 3000, memMiB: 9000 },
  ],
  profile: 'vm',
};

/** Known-good calls whose answers must not change after any rejected call. */
function probe(c: Core): string {
  const p = place(c, GOOD_PLACE);
  const k = kubeScore(c, {
    strategy: 'LeastAllocated',
    nodes: [{ name: 'a', allocatable: { cpu: 4000, memory: 8e9 } }],
    pod: { cpu: 500, memory: 1e9 },
  });
  return JSON.stringify({ a: Array.from(p.assignment), u: Array.from(p.hostUsed), s: p.summary, k });
}

function expectHealthy(): void {
  expect(probe(core)).toBe(reference);
}

beforeAll(async () => {
  core = await loadCore();
  reference = probe(await freshCore());
  profileIds = presets(core).profiles.map((p) => p.id);
  profileKeys = [...new Set(presets(core).profiles.flatMap((p) => p.params.map((q) => q.key)))];
});

const PLACE_FIELDS = new Set([
  'policy',
  'hosts',
  'workloads',
  'dims',
  'primary',
  'overcommit',
  'profile',
  'profileOverrides',
  'step',
  'input',
]);
const GEN_FIELDS = new Set(['spec', 'kind', 'count', 'seed', 'cpuMillis', 'memMiB', 'doublingProbability']);
const KUBE_FIELDS = new Set([
  'nodes',
  'pod',
  'pods',
  'strategy',
  'resources',
  'shape',
  'fitWeight',
  'balancedWeight',
  'percentageOfNodesToScore',
  'step',
]);
const inSet = (set: Set<string>) => (f: string) => set.has(fieldRoot(f));

/** A whole amount: usually plausible, sometimes hostile. */
const amount = fc.oneof({ arbitrary: fc.nat(20_000), weight: 6 }, { arbitrary: hostileValue, weight: 1 });
const goodAmounts = (keys: readonly string[]) =>
  hostileRecord(Object.fromEntries(keys.map((k) => [k, fc.nat(20_000)])), { hostileWeight: 1 });

const hostArb = fc.oneof(
  {
    arbitrary: fc.record(
      {
        cpuMillis: amount,
        memMiB: amount,
        diskMiB: fc.option(amount, { nil: undefined }),
        reserve: fc.option(
          goodAmounts(DIMS).map((r) => ({ ...r, memMiB: typeof r.memMiB === 'number' ? r.memMiB % 2000 : r.memMiB })),
          { nil: undefined },
        ),
      },
      { requiredKeys: ['cpuMillis', 'memMiB'] },
    ),
    weight: 8,
  },
  { arbitrary: hostileValue, weight: 1 },
);
const workloadArb = fc.oneof({ arbitrary: goodAmounts(DIMS), weight: 8 }, { arbitrary: hostileValue, weight: 1 });
const packed = (max: number) => fc.array(fc.nat(20_000), { maxLength: max }).map((a) => Uint32Array.from(a));

const placeArb: fc.Arbitrary<PlacementInput> = fc
  .record(
    {
      policy: fc.oneof({ arbitrary: fc.constantFrom(...POLICIES), weight: 8 }, { arbitrary: hostileValue, weight: 1 }),
      hosts: fc.oneof(
        { arbitrary: fc.array(hostArb, { maxLength: 8 }), weight: 8 },
        { arbitrary: packed(50), weight: 1 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      workloads: fc.oneof(
        { arbitrary: fc.array(workloadArb, { maxLength: 24 }), weight: 8 },
        { arbitrary: packed(60), weight: 1 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      dims: fc.oneof({ arbitrary: fc.constantFrom(1, 2, 3), weight: 6 }, { arbitrary: hostileValue, weight: 1 }),
      primary: fc.oneof({ arbitrary: fc.constantFrom(...DIMS), weight: 6 }, { arbitrary: hostileValue, weight: 1 }),
      overcommit: fc.oneof(
        {
          arbitrary: hostileRecord(
            {
              cpu: fc.double({ min: 1, max: 64, noNaN: true }),
              mem: fc.double({ min: 1, max: 4, noNaN: true }),
              disk: fc.constant(1),
            },
            { hostileWeight: 1 },
          ),
          weight: 4,
        },
        { arbitrary: hostileValue, weight: 1 },
      ),
      profile: fc.oneof(
        { arbitrary: fc.constantFrom('vm', 'container', 'microvm', 'kata-fc'), weight: 6 },
        {
          arbitrary: hostileRecord(
            {
              memOverheadMiB: fc.nat(2000),
              cpuOverheadMillis: fc.nat(500),
              cpuEfficiency: fc.double({ min: 0.01, max: 1, noNaN: true }),
              diskOverheadMiB: fc.nat(2000),
            },
            { hostileWeight: 1 },
          ),
          weight: 2,
        },
        { arbitrary: hostileValue, weight: 1 },
      ),
      profileOverrides: fc.oneof(
        {
          arbitrary: fc.dictionary(
            fc.oneof(
              fc.constantFrom('guestOsMemMiB', 'vmmOverheadMiB', 'cpuOverheadMillis', 'cpuEfficiency'),
              fc.constantFrom(...PROTO_KEYS),
              hostileString,
            ),
            fc.oneof(fc.nat(1000), hostileValue),
            { maxKeys: 2 },
          ),
          weight: 2,
        },
        { arbitrary: hostileValue, weight: 1 },
      ),
    },
    { requiredKeys: ['policy', 'hosts', 'workloads'] },
  )
  .map((r) => r as unknown as PlacementInput);

/** Workload count and host count of an input that was accepted (so well-typed). */
function counts(input: PlacementInput, dims: number): { nW: number; nH: number } {
  const nW = input.workloads instanceof Uint32Array ? input.workloads.length / dims : input.workloads.length;
  const nH = input.hosts instanceof Uint32Array ? input.hosts.length / 6 : input.hosts.length;
  return { nW, nH };
}

describe('fuzz: placement (src/sim/placement.ts)', () => {
  it(
    'packHosts / packWorkloads: 6 (or dims) u32 per entry, or a SimError naming the entry',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.array(hostArb, { maxLength: 6 }), hostileValue),
          fc.oneof(fc.array(workloadArb, { maxLength: 6 }), hostileValue),
          fc.constantFrom(1, 2, 3),
          (hosts, workloads, dims) => {
            const h = resultOrRejection(
              () => packHosts(hosts as never),
              (f) => fieldRoot(f) === 'hosts',
            );
            if (h.ok) expect(h.value.length).toBe((hosts as unknown[]).length * 6);
            const w = resultOrRejection(
              () => packWorkloads(workloads as never, dims as 1 | 2 | 3),
              (f) => fieldRoot(f) === 'workloads',
            );
            if (w.ok) expect(w.value.length).toBe((workloads as unknown[]).length * dims);
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'place: every workload placed or unplaced with a reason, no host over capacity',
    () => {
      fc.assert(
        fc.property(placeArb, (input) => {
          const r = resultOrRejection(() => place(core, input), inSet(PLACE_FIELDS));
          if (!r.ok) return expectHealthy();
          const dims = input.dims ?? 3;
          const { nW, nH } = counts(input, dims);
          const { assignment, unplaced, hostUsable, hostUsed, summary } = r.value;
          expect(assignment.length).toBe(nW);
          expect(hostUsable.length).toBe(3 * nH);
          expect(hostUsed.length).toBe(3 * nH);
          const placed = Array.from(assignment).filter((a) => a !== UNPLACED);
          // Loops check plainly and assert once: an expect per element costs more than the call.
          expect(placed.filter((a) => a >= nH)).toEqual([]);
          expect(summary.placed).toBe(placed.length);
          expect(summary.placed + summary.unplaced).toBe(nW);
          expect(unplaced.length).toBe(3 * summary.unplaced);
          const badReasons: number[] = [];
          for (let i = 0; i < unplaced.length; i += 3)
            if (assignment[unplaced[i]] !== UNPLACED || !(unplaced[i + 1] >= 1 && unplaced[i + 1] <= 4))
              badReasons.push(unplaced[i]);
          expect(badReasons, 'unplaced workloads are unassigned, with a reason').toEqual([]);
          expect(summary.hostsUsed).toBe(new Set(placed).size);
          const over = Array.from(hostUsed).flatMap((u, i) => (u > hostUsable[i] ? [i] : []));
          expect(over, 'host dimensions over capacity').toEqual([]);
          for (const k of [
            'app',
            'overhead',
            'rawCapacity',
            'reserve',
            'usable',
            'usableOnUsedHosts',
            'stranded',
          ] as const) {
            if (summary[k].length !== 3) throw new Error(`summary.${k} has ${summary[k].length} values`);
            expectFinite(summary[k], k);
          }
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'explainPlacement: one view per host, the chosen host fits, or a clean rejection',
    () => {
      fc.assert(
        fc.property(placeArb, fc.oneof(fc.nat(30), hostileValue), (input, step) => {
          const r = resultOrRejection(() => explainPlacement(core, input, step as number), inSet(PLACE_FIELDS));
          if (!r.ok) return expectHealthy();
          const { nW, nH } = counts(input, input.dims ?? 3);
          expect(step as number).toBeLessThan(nW);
          expect(r.value.hosts).toHaveLength(nH);
          expect(r.value.workload).toBeLessThan(nW);
          if (r.value.chosen >= 0) expect(r.value.hosts[r.value.chosen].fits).toBe(true);
          else expect(r.value.chosen).toBe(-1);
          expect(r.value.rule.length).toBeGreaterThan(0);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'placementDetail: a footprint per workload and the order as a permutation, or a clean rejection',
    () => {
      fc.assert(
        fc.property(placeArb, (input) => {
          const r = resultOrRejection(() => placementDetail(core, input), inSet(PLACE_FIELDS));
          if (!r.ok) return expectHealthy();
          const { nW } = counts(input, input.dims ?? 3);
          expect(r.value.footprint.length).toBe(3 * nW);
          expect(Array.from(r.value.order).sort((a, b) => a - b)).toEqual(Array.from({ length: nW }, (_, i) => i));
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'assessPlacement: any assignment is summed like a placement, or rejected naming the entry',
    () => {
      const assignmentArb = fc.oneof(
        fc.array(fc.oneof(fc.nat(8), fc.constant(UNPLACED)), { maxLength: 8 }).map((a) => Uint32Array.from(a)),
        hostileValue,
      );
      fc.assert(
        fc.property(placeArb, assignmentArb, (input, assignment) => {
          const r = resultOrRejection(
            () => assessPlacement(core, input, assignment as Uint32Array),
            (f) => PLACE_FIELDS.has(fieldRoot(f)) || fieldRoot(f) === 'assignment',
          );
          if (!r.ok) return expectHealthy();
          const { nW, nH } = counts(input, input.dims ?? 3);
          const a = assignment as Uint32Array;
          expect(a.length).toBe(nW);
          const placed = Array.from(a).filter((h) => h !== UNPLACED);
          expect(placed.filter((h) => h >= nH)).toEqual([]);
          expect(r.value.summary.placed).toBe(placed.length);
          expect(r.value.summary.hostsUsed).toBe(new Set(placed).size);
          const over = Array.from(r.value.hostUsed).flatMap((u, i) => (u > r.value.hostUsable[i] ? [i] : []));
          expect(over, 'host dimensions over capacity').toEqual([]);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'resolveFootprint: finite parameters with a source each, or a SimError naming the profile or override',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.constantFrom(...profileIds), hostileValue),
          fc.oneof(
            fc.dictionary(
              fc.oneof(fc.constantFrom(...profileKeys), fc.constantFrom(...PROTO_KEYS), hostileString),
              fc.oneof(fc.nat(5000), hostileValue),
              { maxKeys: 3 },
            ),
            hostileValue,
          ),
          (profile, overrides) => {
            const r = resultOrRejection(
              () => resolveFootprint(core, profile as string, overrides as Record<string, number>),
              (f) => f === 'profile' || fieldRoot(f) === 'profileOverrides',
            );
            if (!r.ok) return;
            const f = r.value;
            expectFinite([f.memOverheadMiB, f.cpuOverheadMillis, f.cpuEfficiency, f.diskOverheadMiB], 'footprint');
            expect(f.cpuEfficiency > 0 && f.cpuEfficiency <= 1).toBe(true);
            for (const v of Object.values(f.sources)) expect(v.length).toBeGreaterThan(0);
            // An accepted override is a real parameter of the profile, and shows as the user's.
            const params = presets(core)
              .profiles.find((p) => p.id === profile)!
              .params.map((q) => q.key);
            for (const k of Object.keys((overrides ?? {}) as object)) {
              expect(params).toContain(k);
              expect(Object.getOwnPropertyDescriptor(f.sources, k)?.value).toBe('user override');
            }
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'generateWorkloads: 2 values per workload within the asked bounds, or a clean rejection',
    () => {
      const range = fc.oneof(
        {
          arbitrary: fc.tuple(fc.nat(5000), fc.nat(5000)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
          weight: 6,
        },
        { arbitrary: hostileValue, weight: 1 },
      );
      const specArb = hostileRecord(
        {
          kind: fc.constantFrom('uniform', 'dslab', 'heavy-tailed'),
          // Valid counts stay small; hostile ones (NaN, 1e308, 2^53+1…) are rejected.
          count: fc.oneof(
            fc.nat(500),
            edgeNumber.filter((n) => !(n >= 0 && n <= 1e7)),
          ),
          seed: fc.nat(),
          cpuMillis: range,
          memMiB: range,
          doublingProbability: fc.double({ min: 0, max: 0.95, noNaN: true }),
        },
        { hostileWeight: 1 },
      );
      fc.assert(
        fc.property(specArb, (spec) => {
          const r = resultOrRejection(
            () => generateWorkloads(core, spec as unknown as GeneratorSpec),
            inSet(GEN_FIELDS),
          );
          if (!r.ok) return expectHealthy();
          expect(r.value.length).toBe(2 * Math.abs(spec.count as number));
          if (spec.kind === 'uniform' || spec.kind === 'heavy-tailed') {
            const [c0, c1] = spec.cpuMillis as number[];
            const [m0, m1] = spec.memMiB as number[];
            let outside = 0;
            for (let i = 0; i < r.value.length; i += 2)
              if (!(r.value[i] >= c0 && r.value[i] <= c1 && r.value[i + 1] >= m0 && r.value[i + 1] <= m1)) outside++;
            expect(outside, 'workloads outside the asked bounds').toBe(0);
          }
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});

// ---- Kubernetes-style scoring ----

const qty = fc.oneof(
  { arbitrary: fc.nat(1_000_000), weight: 6 },
  { arbitrary: fc.constantFrom(8e9, 2 ** 53 - 1), weight: 1 },
  { arbitrary: hostileValue, weight: 1 },
);
const nodeName = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b', 'c', 'node-1'), weight: 4 },
  { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 1 },
  { arbitrary: hostileValue, weight: 1 },
);
const nodeArb = fc.oneof(
  {
    arbitrary: fc.record(
      {
        name: nodeName,
        allocatable: fc.oneof(
          { arbitrary: fc.record({ cpu: qty, memory: qty }), weight: 8 },
          { arbitrary: hostileValue, weight: 1 },
        ),
        requested: fc.option(hostileRecord({ cpu: fc.nat(500_000), memory: fc.nat(500_000) }, { hostileWeight: 1 }), {
          nil: undefined,
        }),
      },
      { requiredKeys: ['name', 'allocatable'] },
    ),
    weight: 8,
  },
  { arbitrary: hostileValue, weight: 1 },
);
const podArb = fc.oneof(
  { arbitrary: hostileRecord({ cpu: fc.nat(600_000), memory: fc.nat(600_000) }, { hostileWeight: 1 }), weight: 8 },
  { arbitrary: hostileValue, weight: 1 },
);
const scoringFields = {
  strategy: fc.oneof({ arbitrary: fc.constantFrom(...STRATEGIES), weight: 8 }, { arbitrary: hostileValue, weight: 1 }),
  resources: fc.oneof(
    {
      arbitrary: fc.array(
        hostileRecord(
          { name: fc.constantFrom('cpu', 'memory'), weight: fc.integer({ min: 1, max: 100 }) },
          { hostileWeight: 1 },
        ),
        { maxLength: 3 },
      ),
      weight: 4,
    },
    { arbitrary: hostileValue, weight: 1 },
  ),
  shape: fc.oneof(
    {
      arbitrary: fc.array(
        hostileRecord(
          { utilization: fc.integer({ min: 0, max: 100 }), score: fc.integer({ min: 0, max: 10 }) },
          { hostileWeight: 1 },
        ),
        { maxLength: 4 },
      ),
      weight: 4,
    },
    { arbitrary: hostileValue, weight: 1 },
  ),
};
/** An accepted input's nodes, as objects. */
const nodesOf = (input: { nodes: unknown }) =>
  input.nodes as {
    name: string;
    allocatable: { cpu: number; memory: number };
    requested?: { cpu?: number; memory?: number };
  }[];

describe('fuzz: Kubernetes-style scoring (src/sim/kube.ts)', () => {
  it(
    'kubeScore: one score in [0, 100] per node by name, or a clean rejection',
    () => {
      const arb = fc.record(
        {
          ...scoringFields,
          nodes: fc.oneof(
            { arbitrary: fc.array(nodeArb, { maxLength: 6 }), weight: 8 },
            { arbitrary: hostileValue, weight: 1 },
          ),
          pod: podArb,
        },
        { requiredKeys: ['strategy', 'nodes'] },
      );
      fc.assert(
        fc.property(arb, (input) => {
          const r = resultOrRejection(() => kubeScore(core, input as unknown as KubeScoreInput), inSet(KUBE_FIELDS));
          if (!r.ok) return expectHealthy();
          const names = nodesOf(input).map((n) => n.name);
          // As a set: objects list integer-like names ("0") first.
          expect(Object.keys(r.value.scores).sort()).toEqual([...names].sort());
          const bad = names.filter((n) => {
            const s = Object.getOwnPropertyDescriptor(r.value.scores, n)?.value as number;
            return !(Number.isFinite(s) && s >= 0 && s <= 100);
          });
          expect(bad, 'nodes without a score in [0, 100]').toEqual([]);
          expect(r.value.unschedulable.filter((u) => !names.includes(u))).toEqual([]);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  const scheduleArb = fc.record(
    {
      ...scoringFields,
      nodes: fc.oneof(
        { arbitrary: fc.array(nodeArb, { maxLength: 6 }), weight: 8 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      pods: fc.oneof(
        { arbitrary: fc.array(podArb, { maxLength: 12 }), weight: 8 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      fitWeight: fc.oneof(fc.integer({ min: 0, max: 100 }), hostileValue),
      balancedWeight: fc.oneof(fc.integer({ min: 0, max: 100 }), hostileValue),
      percentageOfNodesToScore: fc.oneof(fc.integer({ min: 0, max: 100 }), hostileValue),
    },
    { requiredKeys: ['strategy', 'nodes', 'pods'] },
  );

  it(
    'kubeSchedule: one node (or none) per pod, no node over its allocatable, or a clean rejection',
    () => {
      fc.assert(
        fc.property(scheduleArb, (input) => {
          const r = resultOrRejection(
            () => kubeSchedule(core, input as unknown as KubeScheduleInput),
            inSet(KUBE_FIELDS),
          );
          if (!r.ok) return expectHealthy();
          const nodes = nodesOf(input);
          const pods = input.pods as unknown[];
          const { assignment, scheduled, requested, resources } = r.value;
          const k = resources.length;
          expect(assignment.length).toBe(pods.length);
          const placed = Array.from(assignment).filter((a) => a !== UNPLACED);
          expect(placed.filter((a) => a >= nodes.length)).toEqual([]);
          expect(scheduled).toBe(placed.length);
          expect(requested.length).toBe(k * nodes.length);
          expectFinite(requested, 'requested');
          // A node that took a pod is within its allocatable in every resource
          // the run added to (kube's filter checks only requested resources, so
          // a node already over in one still takes pods that request none of it).
          const over = [...new Set(placed)].filter((a) =>
            (['cpu', 'memory'] as const).some(
              (name, r) =>
                requested[k * a + r] > nodes[a].allocatable[name] &&
                requested[k * a + r] !== (nodes[a].requested?.[name] ?? 0),
            ),
          );
          expect(over, 'nodes over allocatable').toEqual([]);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'kubeExplain: a view per node, the chosen node feasible, or a clean rejection',
    () => {
      fc.assert(
        fc.property(scheduleArb, fc.oneof(fc.nat(12), hostileValue), (input, step) => {
          const r = resultOrRejection(
            () => kubeExplain(core, input as unknown as KubeScheduleInput, step as number),
            inSet(KUBE_FIELDS),
          );
          if (!r.ok) return expectHealthy();
          const nodes = nodesOf(input);
          expect(step as number).toBeLessThan((input.pods as unknown[]).length);
          expect(r.value.nodes.map((n) => n.name)).toEqual(nodes.map((n) => n.name));
          if (r.value.chosen >= 0) expect(r.value.nodes[r.value.chosen].feasible).toBe(true);
          else expect(r.value.chosen).toBe(-1);
          for (const n of r.value.nodes) expectFinite([n.fit, n.balancedAllocation, n.total], n.name);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});

// `define` keeps `__proto__` an own key in hostileRecord; referenced so the import documents that.
void define;
