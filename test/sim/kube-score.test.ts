// Kubernetes scoring through the TypeScript API and `virtlab score`: issue
// 17's examples (each a difference from kube-scheduler that is now fixed),
// any resource, kubeVersion, validation as kube-scheduler's, and the batch
// forms (`pods`, `bind`, `--jsonl`). The arithmetic itself is tested in
// wasm-core/src/kube/tests.rs and against kube-scheduler's own code by
// test/conformance/kube/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreDoc, scoreLines } from '../../src/cli/score.ts';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import {
  kubeExplain,
  kubeExplainPacked,
  kubeSchedule,
  kubeSchedulePacked,
  kubeScore,
  packCpuMemory,
  resourceKind,
} from '../../src/sim/kube.ts';

const GiB = 2 ** 30;
const bin = fileURLToPath(new URL('../../bin/virtlab.mjs', import.meta.url));

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    if (err instanceof SimError) return err.field;
    throw err;
  }
  return undefined;
}

describe('kube scoring as kube-scheduler v1.35 / v1.37', () => {
  it("issue 17's five examples", async () => {
    const core = await loadCore();
    // 1. allocatable 0 leaves the resource out.
    const zero = [{ name: 'n', allocatable: { cpu: 0, memory: 1000 } }];
    expect(kubeScore(core, { strategy: 'LeastAllocated', nodes: zero, pod: { cpu: 0, memory: 0 } }).scores).toEqual({
      n: 100,
    });
    // 2. BalancedAllocation's best-effort check looks at its own resources.
    const two = [{ name: 'n', allocatable: { cpu: 4000, memory: 8 * GiB } }];
    const cpuOnly = { strategy: 'BalancedAllocation' as const, resources: [{ name: 'cpu' }], nodes: two };
    expect(kubeScore(core, { ...cpuOnly, pod: { cpu: 0, memory: GiB } }).scores).toEqual({ n: 0 });
    // 3. The formula changed in v1.36.
    const bal = {
      strategy: 'BalancedAllocation' as const,
      nodes: [
        { name: 'a', allocatable: { cpu: 4000, memory: 8000 }, requested: { cpu: 1000, memory: 6000 } },
        { name: 'b', allocatable: { cpu: 4000, memory: 8000 }, requested: { cpu: 4000, memory: 100 } },
      ],
      pod: { cpu: 1000, memory: 1000 },
    };
    expect(kubeScore(core, { ...bal, kubeVersion: '1.37' }).scores).toEqual({ a: 78, b: 78 });
    expect(kubeScore(core, bal).scores).toEqual({ a: 78, b: 78 });
    expect(kubeScore(core, { ...bal, kubeVersion: '1.35' }).scores).toEqual({ a: 81, b: 56 });
    // 4. Duplicate entries count each time.
    const dup = kubeScore(core, {
      strategy: 'LeastAllocated',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
        { name: 'cpu', weight: 3 },
      ],
      nodes: [
        { name: 'a', allocatable: { cpu: 4000, memory: 8 * GiB }, requested: { cpu: 1000, memory: 6 * GiB } },
        { name: 'b', allocatable: { cpu: 4000, memory: 8 * GiB }, requested: { cpu: 3000, memory: GiB } },
      ],
      pod: { cpu: 500, memory: GiB },
    });
    expect(dup.scores).toEqual({ a: 52, b: 24 });
    // 5. The filter checks only what the pod requests.
    const over = kubeScore(core, {
      strategy: 'LeastAllocated',
      nodes: [{ name: 'a', allocatable: { cpu: 4000, memory: 4 * GiB }, requested: { cpu: 1000, memory: 5 * GiB } }],
      pod: { cpu: 500, memory: 0 },
    });
    expect(over.unschedulable).toEqual([]);
  });

  it('accepts ephemeral-storage and extended resources in resources, nodes and pod', async () => {
    const core = await loadCore();
    const r = kubeScore(core, {
      strategy: 'MostAllocated',
      resources: [
        { name: 'nvidia.com/gpu', weight: 2 },
        { name: 'ephemeral-storage', weight: 1 },
      ],
      nodes: [
        { name: 'g', allocatable: { cpu: 8000, memory: 8 * GiB, 'nvidia.com/gpu': 4, 'ephemeral-storage': 100 } },
        { name: 'c', allocatable: { cpu: 8000, memory: 8 * GiB, 'ephemeral-storage': 100 } },
      ],
      pod: { cpu: 100, 'nvidia.com/gpu': 1, 'ephemeral-storage': 50 },
    });
    // g: gpu 1/4 → 25 (weight 2), storage 50 → (50 + 50) / 3 = 33; c has no GPU: storage alone 50, and it fails the filter.
    expect(r.scores).toEqual({ g: 33, c: 50 });
    expect(r.unschedulable).toEqual(['c']);
    expect(resourceKind('x', 'hugepages-2Mi')).toBe(3);
    expect(fieldOf(() => resourceKind('pod.cpuu', 'cpuu'))).toBe('pod.cpuu');
    expect(
      fieldOf(() =>
        kubeScore(core, {
          strategy: 'LeastAllocated',
          nodes: [{ name: 'a', allocatable: { cpu: 1, memroy: 2 } }],
          pod: {},
        }),
      ),
    ).toBe('nodes[0].allocatable.memroy');
  });

  it('validates the configuration as kube-scheduler does', async () => {
    const core = await loadCore();
    const nodes = [{ name: 'a', allocatable: { cpu: 1000, memory: 1000 } }];
    const base = { nodes, pod: { cpu: 1 } };
    expect(
      fieldOf(() =>
        kubeScore(core, {
          ...base,
          strategy: 'BalancedAllocation',
          resources: [{ name: 'cpu' }, { name: 'cpu' }],
        }),
      ),
    ).toBe('resources[1].name');
    expect(
      fieldOf(() =>
        kubeScore(core, { ...base, strategy: 'BalancedAllocation', resources: [{ name: 'cpu', weight: 2 }] }),
      ),
    ).toBe('resources[0].weight');
    expect(fieldOf(() => kubeScore(core, { ...base, strategy: 'LeastAllocated', resources: [] }))).toBe('resources');
    expect(fieldOf(() => kubeScore(core, { ...base, strategy: 'LeastAllocated', kubeVersion: '1.30' }))).toBe(
      'kubeVersion',
    );
    expect(fieldOf(() => kubeScore(core, { ...base, strategy: 'LeastAllocated', kubeVersion: 'latest' }))).toBe(
      'kubeVersion',
    );
  });

  it('explanations name the version modelled', async () => {
    const core = await loadCore();
    const input = {
      strategy: 'LeastAllocated' as const,
      nodes: [{ name: 'a', allocatable: { cpu: 1000, memory: 1000 } }],
      pods: [{ cpu: 10 }],
    };
    expect(kubeExplain(core, input, 0).kubeVersion).toBe('1.37');
    expect(kubeExplain(core, { ...input, kubeVersion: '1.35' }, 0).kubeVersion).toBe('1.35');
  });

  it("the widgets' packed cpu-and-memory path schedules and explains as the checked input does", async () => {
    const core = await loadCore();
    const alloc = [
      [4000, 8 * GiB],
      [8000, 16 * GiB],
      [2000, 16 * GiB],
    ];
    const pods = Array.from({ length: 40 }, (_, i) => [100 + ((i * 370) % 1900), (1 + (i % 5)) * 2 ** 28]);
    for (const strategy of ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const) {
      for (const balancedWeight of [0, 1, 4]) {
        const checked = {
          strategy,
          balancedWeight,
          nodes: alloc.map(([cpu, memory], i) => ({ name: `n${i}`, allocatable: { cpu, memory } })),
          pods: pods.map(([cpu, memory]) => ({ cpu, memory })),
        };
        const packed = packCpuMemory({ strategy, balancedWeight, allocatable: alloc.flat(), pods: pods.flat() });
        const a = kubeSchedule(core, checked);
        const b = kubeSchedulePacked(core, packed);
        expect(a.scheduled).toBeGreaterThan(0);
        expect(b.assignment).toEqual(a.assignment);
        expect(b.result[0]).toBe(a.scheduled);
        const e = kubeExplain(core, checked, 39);
        expect({ ...e, nodes: e.nodes.map(({ name: _, ...v }) => v) }).toEqual(kubeExplainPacked(core, packed, 39));
      }
    }
    // The core still refuses what the checks would have: a negative amount.
    expect(() =>
      kubeSchedulePacked(
        core,
        packCpuMemory({ strategy: 'LeastAllocated', balancedWeight: 1, allocatable: [1000, -1], pods: [] }),
      ),
    ).toThrow(SimError);
  });
});

describe('virtlab score: batches', () => {
  const nodes = [
    { name: 'big', allocatable: { cpu: 4000, memory: 4 * GiB } },
    { name: 'small', allocatable: { cpu: 1000, memory: GiB } },
  ];

  it('pods without bind scores each pod against the same nodes; bind makes a scheduling queue', async () => {
    const core = await loadCore();
    const pods = [{ cpu: 900 }, { cpu: 900 }];
    const free = scoreDoc(core, { strategy: 'MostAllocated', nodes, pods }) as { results: { scores: object }[] };
    expect(free.results).toHaveLength(2);
    expect(free.results[0]).toEqual(free.results[1]);
    // MostAllocated packs: the first pod goes to small (fuller), the second no longer fits there.
    const bound = scoreDoc(core, { strategy: 'MostAllocated', nodes, pods, bind: true }) as {
      pods: { node: string | null }[];
    };
    expect(bound.pods.map((p) => p.node)).toEqual(['small', 'big']);
    const one = scoreDoc(core, { strategy: 'MostAllocated', nodes, pod: pods[0] }) as {
      scores: Record<string, number>;
    };
    expect((bound as unknown as { pods: { score: number }[] }).pods[0].score).toBe(one.scores.small);
    // BalancedAllocation alone also binds.
    const b = scoreDoc(core, { strategy: 'BalancedAllocation', nodes, pods, bind: true }) as { scheduled: number };
    expect(b.scheduled).toBe(2);
    expect(fieldOf(() => scoreDoc(core, { strategy: 'MostAllocated', nodes, pod: {}, bind: true }))).toBe('bind');
  });

  it('--jsonl answers each line in order and reports a bad line without stopping', async () => {
    const core = await loadCore();
    const good = JSON.stringify({ strategy: 'LeastAllocated', nodes, pod: { cpu: 100 } });
    const bad = JSON.stringify({ strategy: 'LeastAllocated', nodes, pod: { cpuu: 100 } });
    const out = [...scoreLines(core, `${good}\n\n${bad}\n${good}`)].map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual(out[2]);
    expect(out[1].error).toMatchObject({ line: 3, field: 'pod.cpuu' });
    const p = spawnSync(process.execPath, [bin, 'score', '--jsonl'], { input: `${good}\n${good}\n`, encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(
      p.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([out[0], out[0]]);
  });
});
