// Placement, presets, generators and kube scoring through the TypeScript API
// against the real .wasm, plus the `virtlab place|score|presets` CLI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import {
  POLICIES,
  UNPLACED,
  assessPlacement,
  explainPlacement,
  place,
  placementDetail,
  type PolicyName,
} from '../../src/sim/placement.ts';
import { kubeExplain, kubeSchedule, kubeScore } from '../../src/sim/kube.ts';
import { generateWorkloads } from '../../src/sim/workloads.ts';
import { presets } from '../../src/sim/profiles.ts';
import { placeText } from '../../src/cli/place.ts';
import { scoreText } from '../../src/cli/score.ts';

const MiB = 1024 * 1024;

/** xorshift for test data only (the core's own draws come from its Rng). */
function lcg(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

/** The definitions, as linear scans (mirrors wasm-core/src/placement/brute.rs). */
function brute(policy: PolicyName, cap: number[][], work: number[][]): number[] {
  const free = cap.map((c) => [...c]);
  const fits = (h: number, d: number[]) => d.every((x, k) => free[h][k] >= x);
  const maxCap = [0, 1, 2].map((k) => Math.max(0, ...cap.map((c) => c[k])));
  let order = work.map((_, i) => i);
  if (policy.endsWith('decreasing')) {
    const key = (d: number[]) => d.reduce((s, x, k) => (maxCap[k] > 0 ? s + x / maxCap[k] : s), 0);
    order = [...order].sort((a, b) => key(work[b]) - key(work[a]) || a - b);
  }
  const out = new Array(work.length).fill(UNPLACED);
  let cursor = 0;
  for (const i of order) {
    const d = work[i];
    let chosen = -1;
    if (policy === 'first-fit-wrap') {
      // CloudSim Plus's first-fit: from the last host used, one round, index mod host count.
      for (let t = 0; t < free.length && chosen < 0; t++)
        if (fits((cursor + t) % free.length, d)) chosen = (cursor + t) % free.length;
    }
    for (let h = policy === 'next-fit' ? cursor : 0; h < free.length && policy !== 'first-fit-wrap'; h++) {
      if (!fits(h, d)) continue;
      if (chosen < 0) chosen = h;
      else if (policy.startsWith('best') && free[h][1] < free[chosen][1]) chosen = h;
      else if (policy === 'worst-fit' && free[h][1] > free[chosen][1]) chosen = h;
      if (policy === 'first-fit' || policy === 'next-fit' || policy === 'first-fit-decreasing') break;
    }
    if (chosen >= 0) {
      d.forEach((x, k) => {
        free[chosen][k] -= x;
      });
      out[i] = chosen;
      cursor = chosen;
    }
  }
  return out;
}

describe('placement through the wasm core', () => {
  it('every policy equals the brute-force definition on seeded random instances', async () => {
    const core = await loadCore();
    const r = lcg(7);
    for (let t = 0; t < 120; t++) {
      const cap = Array.from({ length: 1 + r(12) }, () => [r(10) * 500, r(10) * 512, r(3) * 100]);
      const work = Array.from({ length: r(60) }, () => [r(6) * 250, r(6) * 256, r(2) * 50]);
      for (const policy of POLICIES) {
        const res = place(core, {
          policy,
          hosts: cap.map(([c, m, d]) => ({ cpuMillis: c, memMiB: m, diskMiB: d })),
          workloads: work.map(([c, m, d]) => ({ cpuMillis: c, memMiB: m, diskMiB: d })),
        });
        expect(Array.from(res.assignment), `${policy} case ${t}`).toEqual(brute(policy, cap, work));
        expect(res.summary.placed + res.summary.unplaced).toBe(work.length);
        expect(res.unplaced.length / 3).toBe(res.summary.unplaced);
        for (let i = 0; i < res.hostUsed.length; i++) expect(res.hostUsed[i]).toBeLessThanOrEqual(res.hostUsable[i]);
      }
    }
  });

  it('applies profile footprints, reserves and overcommit, and names sources', async () => {
    const core = await loadCore();
    const r = place(core, {
      policy: 'first-fit',
      hosts: [{ cpuMillis: 4000, memMiB: 8192, diskMiB: 10_000, reserve: { memMiB: 1024 } }],
      workloads: [
        { cpuMillis: 3000, memMiB: 1024 },
        { cpuMillis: 3000, memMiB: 1024 },
      ],
      profile: 'vm',
      overcommit: { cpu: 2 },
    });
    expect(Array.from(r.hostUsable)).toEqual([8000, 7168, 10_000]);
    expect(r.summary.placed).toBe(2);
    expect(r.summary.overhead).toEqual([2 * (Math.ceil(3000 / 0.98) - 3000), 2 * 387, 1200]);
    expect(r.footprint.sources?.guestOsMemMiB).toMatch(/modelling choice/);
    const p = presets(core);
    expect(p.profiles.map((q) => q.id)).toEqual(['vm', 'container', 'microvm', 'kata-fc']);
    for (const pr of p.profiles) for (const q of pr.params) expect(q.source.length).toBeGreaterThan(5);
  });

  it('reports unplaced workloads with a reason', async () => {
    const core = await loadCore();
    const r = place(core, {
      policy: 'first-fit',
      hosts: [
        { cpuMillis: 1000, memMiB: 1000 },
        { cpuMillis: 1000, memMiB: 1000 },
      ],
      workloads: [
        { cpuMillis: 2000, memMiB: 10 },
        { cpuMillis: 900, memMiB: 100 },
        { cpuMillis: 200, memMiB: 950 },
        { cpuMillis: 200, memMiB: 100 },
      ],
    });
    expect(Array.from(r.unplaced)).toEqual([0, 1, 1, 3, 3, 0]); // TooLarge (cpu), Fragmented
  });

  it('explains one step from every host', async () => {
    const core = await loadCore();
    const input = {
      policy: 'best-fit' as const,
      hosts: [
        { cpuMillis: 8000, memMiB: 4096 },
        { cpuMillis: 50, memMiB: 1024 },
        { cpuMillis: 8000, memMiB: 2048 },
      ],
      workloads: [{ cpuMillis: 100, memMiB: 1000 }],
    };
    const s = explainPlacement(core, input, 0);
    expect(s.chosen).toBe(2);
    expect(s.hosts.map((h) => h.fits)).toEqual([true, false, true]);
    expect(s.rule).toMatch(/least free memMiB/);
  });

  it('validates inputs with messages naming the field', async () => {
    const core = await loadCore();
    const bad = (f: () => unknown, field: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(SimError);
        expect((e as SimError).field).toBe(field);
        expect((e as SimError).message).toContain(field);
      }
    };
    bad(
      () => place(core, { policy: 'first-fit', hosts: [{ cpuMillis: 1.5, memMiB: 1 }], workloads: [] }),
      'hosts[0].cpuMillis',
    );
    bad(
      () =>
        place(core, {
          policy: 'first-fit',
          hosts: [{ cpuMillis: 1, memMiB: 1, reserve: { memMiB: 2 } }],
          workloads: [],
        }),
      'hosts[0].reserve.memMiB',
    );
    bad(() => place(core, { policy: 'nope' as PolicyName, hosts: [], workloads: [] }), 'policy');
    bad(
      () => place(core, { policy: 'first-fit', hosts: [], workloads: [], overcommit: { cpu: 0.5 } }),
      'overcommit.cpu',
    );
    bad(
      () =>
        place(core, { policy: 'first-fit', hosts: [], workloads: [], profile: 'vm', profileOverrides: { nope: 1 } }),
      'profileOverrides.nope',
    );
    // The core's own check, reached with a packed buffer.
    bad(
      () =>
        place(core, { policy: 'first-fit', hosts: new Uint32Array([1, 1, 1, 0, 2, 0]), workloads: new Uint32Array(0) }),
      'hosts[0].reserve.memMiB',
    );
  });

  it('gives the same assignments as native Rust (golden hashes from wasm-core/src/placement/tests.rs)', async () => {
    const core = await loadCore();
    const work = generateWorkloads(core, {
      kind: 'heavy-tailed',
      count: 20_000,
      seed: 11,
      cpuMillis: [250, 16_000],
      memMiB: [128, 16_384],
      doublingProbability: 0.5,
    });
    const hosts = Array.from({ length: 2000 }, (_, i) => ({
      cpuMillis: 16_000 + (i % 4) * 8_000,
      memMiB: 32_768 + (i % 3) * 16_384,
      diskMiB: 100_000,
      reserve: { cpuMillis: 500, memMiB: 1024 },
    }));
    const fnv = (a: Uint32Array) => {
      let h = 0xcbf29ce484222325n;
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    const hashes = POLICIES.map((policy) =>
      fnv(
        place(core, { policy, hosts, workloads: work, dims: 2, profile: 'microvm', overcommit: { cpu: 2 } }).assignment,
      ),
    );
    expect(hashes).toEqual([
      'e8cbc57a597bdbca',
      '46841eddcf3e8531',
      '0f8651c12bcbff21',
      'cc13c01aead9e68c',
      '24479810f5b79eef',
      'cd012e053913e496',
      '46841eddcf3e8531', // first-fit-wrap: as next-fit here (nothing needs an earlier host)
    ]);
  });

  it('generates the DSLab mix deterministically', async () => {
    const core = await loadCore();
    const a = generateWorkloads(core, { kind: 'dslab', count: 1200, seed: 3 });
    const b = generateWorkloads(core, { kind: 'dslab', count: 1200, seed: 3 });
    expect(Array.from(a)).toEqual(Array.from(b));
    const shapes = new Set<string>();
    for (let i = 0; i < a.length; i += 2) shapes.add(`${a[i]}x${a[i + 1]}`);
    expect(shapes.size).toBe(12);
  });
});

describe('placement detail and assessment through the wasm core', () => {
  const hosts = [
    { cpuMillis: 1000, memMiB: 1000 },
    { cpuMillis: 1000, memMiB: 1000 },
  ];
  const workloads = [
    { cpuMillis: 200, memMiB: 300 },
    { cpuMillis: 600, memMiB: 600 },
    { cpuMillis: 100, memMiB: 100 },
  ];
  // The VM profile on CPU and memory only (its disk overhead would fit no host here).
  const input = {
    policy: 'first-fit-decreasing' as const,
    hosts,
    workloads,
    dims: 2 as const,
    profile: 'vm',
    profileOverrides: { diskOverheadMiB: 0 },
  };

  it("gives the footprints and order the core places by, and sums another scheduler's assignment as its own", async () => {
    const core = await loadCore();
    const d = placementDetail(core, input);
    const r = place(core, input);
    // Decreasing: the largest workload first.
    expect(Array.from(d.order)).toEqual([1, 0, 2]);
    expect(r.summary.placed).toBe(2);
    // Each host's use is the sum of the footprints the core assigned to it.
    const used = [0, 0, 0, 0, 0, 0];
    r.assignment.forEach((h, i) => {
      if (h !== UNPLACED) for (let k = 0; k < 3; k++) used[3 * h + k] += d.footprint[3 * i + k];
    });
    expect(Array.from(r.hostUsed)).toEqual(used);
    const a = assessPlacement(core, input, r.assignment);
    expect(a.summary).toEqual(r.summary);
    expect(Array.from(a.hostUsed)).toEqual(Array.from(r.hostUsed));
    expect(a.unplaced).toHaveLength(0);
  });

  it('rejects assignments that do not fit, naming the entry', async () => {
    const core = await loadCore();
    const error = (assignment: unknown): SimError => {
      try {
        assessPlacement(core, input, assignment as Uint32Array);
      } catch (e) {
        expect(e).toBeInstanceOf(SimError);
        return e as SimError;
      }
      throw new Error('accepted');
    };
    const err = (assignment: unknown) => error(assignment).field;
    // With the VM profile's guest OS and VMM, workloads 0 and 1 do not fit one host together.
    expect(err(Uint32Array.from([1, 1, UNPLACED]))).toBe('assignment[1]');
    expect(err(Uint32Array.from([0, 2, 0]))).toBe('assignment[1]');
    expect(err(Uint32Array.from([0, 1]))).toBe('assignment');
    expect(err([0, 1, 0])).toBe('assignment');
    expect(error([0, 1, 0]).message).toContain('must be a Uint32Array');
    // The core answers normally afterwards.
    expect(place(core, input).summary.placed).toBeGreaterThan(0);
  });
});

describe('kube-scheduler scoring through the wasm core', () => {
  const nodes = [
    { name: 'node-1', allocatable: { cpu: 8, memory: 1024 * MiB }, requested: { cpu: 1, memory: 256 * MiB } },
    { name: 'node-2', allocatable: { cpu: 8, memory: 1024 * MiB }, requested: { cpu: 6, memory: 512 * MiB } },
  ];

  it('RequestedToCapacityRatio on the resource-bin-packing.md nodes (cpu weight 3, memory 1)', async () => {
    const core = await loadCore();
    // cpu 37 / 100, memory 50 / 75 on the 0-100 scale: round((37·3 + 50)/4) = 40, round((100·3 + 75)/4) = 94.
    const r = kubeScore(core, {
      strategy: 'RequestedToCapacityRatio',
      resources: [
        { name: 'cpu', weight: 3 },
        { name: 'memory', weight: 1 },
      ],
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ],
      nodes,
      pod: { cpu: 2, memory: 256 * MiB },
    });
    expect(r.scores).toEqual({ 'node-1': 40, 'node-2': 94 });
  });

  it('LeastAllocated, MostAllocated and BalancedAllocation with integer truncation', async () => {
    const core = await loadCore();
    const n = [{ name: 'a', allocatable: { cpu: 4000, memory: 10000 }, requested: { cpu: 2900, memory: 4000 } }];
    const pod = { cpu: 100, memory: 1000 };
    expect(kubeScore(core, { strategy: 'LeastAllocated', nodes: n, pod }).scores).toEqual({ a: 37 });
    expect(kubeScore(core, { strategy: 'MostAllocated', nodes: n, pod }).scores).toEqual({ a: 62 });
    // v1.35: the balance with the pod, (1 − |0.75 − 0.5| / 2)·100 = 87; from v1.36 the change it makes:
    // without the pod |0.725 − 0.4| / 2 → 83, so 50 + (50 + 87 − 83) / 2 = 77.
    expect(kubeScore(core, { strategy: 'BalancedAllocation', kubeVersion: '1.35', nodes: n, pod }).scores).toEqual({
      a: 87,
    });
    expect(kubeScore(core, { strategy: 'BalancedAllocation', nodes: n, pod }).scores).toEqual({ a: 77 });
    // Unset requests: 100m / 200 MiB for scoring.
    const big = [{ name: 'b', allocatable: { cpu: 1000, memory: 1000 * MiB } }];
    expect(kubeScore(core, { strategy: 'LeastAllocated', nodes: big, pod: {} }).scores).toEqual({ b: 85 });
  });

  it('schedules pods and explains a step per plugin', async () => {
    const core = await loadCore();
    const input = {
      strategy: 'MostAllocated' as const,
      nodes,
      pods: [
        { cpu: 1, memory: 64 * MiB },
        { cpu: 4, memory: 64 * MiB },
      ],
    };
    const s = kubeSchedule(core, input);
    expect(s.scheduled).toBe(2);
    const e = kubeExplain(core, input, 1);
    expect(e.nodes[1].feasible).toBe(false); // node-2 has 6 + 1 of 8 cpus requested
    expect(e.chosen).toBe(0);
    expect(e.nodes[0].total).toBe(e.nodes[0].fit + e.nodes[0].balancedAllocation);
    // Requests before pod 1: the starting requests plus pod 0 on the node that took it.
    const first = s.assignment[0];
    const before = nodes.map((n, i) => [
      n.requested.cpu + (i === first ? 1 : 0),
      n.requested.memory + (i === first ? 64 * MiB : 0),
    ]);
    expect(e.nodes.map((v) => v.requested)).toEqual(before);
  });
});

describe('virtlab CLI', () => {
  const bin = fileURLToPath(new URL('../../bin/virtlab.mjs', import.meta.url));

  it('score prints {"scores": ...} in the issue format', async () => {
    const core = await loadCore();
    const out = JSON.parse(
      scoreText(
        core,
        JSON.stringify({
          strategy: 'LeastAllocated',
          resources: [
            { name: 'cpu', weight: 1 },
            { name: 'memory', weight: 1 },
          ],
          nodes: [
            {
              name: 'n',
              allocatable: { cpu: 4000, memory: 8 * 1024 * MiB },
              requested: { cpu: 1000, memory: 1024 * MiB },
            },
          ],
          pod: { cpu: 500, memory: 512 * MiB },
        }),
      ),
    );
    // cpu (4000 − 1500)·100/4000 = 62; memory (8192 − 1536)·100/8192 = 81; (62 + 81)/2 = 71.
    expect(out).toEqual({ scores: { n: 71 } });
  });

  it('place prints a summary and a per-host CSV', async () => {
    const core = await loadCore();
    const doc = JSON.stringify({
      policy: 'first-fit-decreasing',
      hosts: [{ cpuMillis: 1000, memMiB: 0, count: 4 }],
      workloads: [{ cpuMillis: 600 }, { cpuMillis: 400 }, { cpuMillis: 500 }, { cpuMillis: 500 }],
    });
    const out = JSON.parse(placeText(core, doc));
    expect(out.summary.hostsUsed).toBe(2);
    const csv = placeText(core, doc, { format: 'csv' }).trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[1]).toMatch(/^0,2,1000,1000,1\.0000/);
  });

  it('exits 2 naming the field on bad input', () => {
    const r = spawnSync(process.execPath, [bin, 'score'], {
      input: JSON.stringify({
        strategy: 'LeastAllocated',
        nodes: [{}, {}, {}, { name: 'x', allocatable: { cpu: -1, memory: 0 } }],
        pod: {},
      }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nodes\[0\]\.name/);
    const r2 = spawnSync(process.execPath, [bin, 'score'], {
      input: JSON.stringify({
        strategy: 'LeastAllocated',
        nodes: [
          { name: 'a', allocatable: { cpu: 1, memory: 1 } },
          { name: 'b', allocatable: { cpu: 1, memory: 1 } },
          { name: 'c', allocatable: { cpu: 1, memory: 1 } },
          { name: 'x', allocatable: { cpu: 'lots', memory: 0 } },
        ],
        pod: {},
      }),
      encoding: 'utf8',
    });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('nodes[3].allocatable.cpu must be a number');
  });

  it('presets lists profiles with sources; --help works', () => {
    const r = spawnSync(process.execPath, [bin, 'presets'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // A short citation a reader can look up, not a working note.
    expect(JSON.parse(r.stdout).profiles[0].params[0].source).toMatch(/^Manco et al\. 2017 \(LightVM\)/);
    const h = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(h.stdout).toMatch(/virtlab <command>/);
  });
});
