// The placement part ships in two builds of the same Rust code: tuned for
// size for browsers (virtlab_core_placement_bg.wasm) and for speed for Node
// (virtlab_core_placement_node_bg.wasm, which the rest of the Node tests use).
// Optimisation level must never change a result: both builds answer the same
// calls with the same numbers and the same errors.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, instantiate, wasmUrl } from '../../wasm-core/pkg/virtlab_core_placement.js';
import { Core, loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import { POLICIES, explainPlacement, place, type PlacementInput } from '../../src/sim/placement.ts';
import { kubeExplain, kubeSchedule } from '../../src/sim/kube.ts';
import { generateWorkloads } from '../../src/sim/workloads.ts';
import { presets } from '../../src/sim/profiles.ts';

let node: Core;
let web: Core;

beforeAll(async () => {
  node = await loadCore('placement');
  web = new Core({ placement: await instantiate(await compile(wasmUrl)) });
});

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err instanceof SimError ? { code: err.code, field: err.field, message: err.message } : err;
  }
  return 'no error';
}

describe('placement builds', () => {
  it('are two different binaries (the size-tuned one is the smaller)', () => {
    const webBytes = readFileSync(wasmUrl).length;
    const nodeBytes = readFileSync(new URL('./virtlab_core_placement_node_bg.wasm', wasmUrl)).length;
    expect(webBytes).toBeLessThan(nodeBytes);
  });

  it('place every workload on the same host under every policy', () => {
    for (const [seed, policy] of POLICIES.entries()) {
      const workloads = generateWorkloads(node, { kind: 'dslab', count: 3000, seed: seed + 1 });
      expect(generateWorkloads(web, { kind: 'dslab', count: 3000, seed: seed + 1 })).toEqual(workloads);
      const hosts = Array.from({ length: 400 }, (_, i) => ({
        cpuMillis: 16000 + 1000 * (i % 5),
        memMiB: 32768,
        diskMiB: 0,
      }));
      const input: PlacementInput = {
        policy,
        hosts,
        workloads,
        dims: 2,
        profile: 'container',
        overcommit: { cpu: 1.5 },
      };
      const a = place(node, input);
      const b = place(web, input);
      expect(b.assignment, policy).toEqual(a.assignment);
      expect(b.unplaced, policy).toEqual(a.unplaced);
      expect(b.summary, policy).toEqual(a.summary);
      expect(explainPlacement(web, input, 1234), policy).toEqual(explainPlacement(node, input, 1234));
    }
  });

  it('schedule pods identically with Kubernetes scoring', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({
      name: `n${i}`,
      allocatable: { cpu: 4000 + 500 * (i % 7), memory: (8 + (i % 3) * 8) * 2 ** 30 },
    }));
    const pods = Array.from({ length: 1200 }, (_, i) => ({
      cpu: 100 + ((i * 37) % 900),
      memory: (64 + ((i * 53) % 960)) * 2 ** 20,
    }));
    // The Node build takes the fast path (score caches for repeated requests,
    // branch and bound over blocks of nodes: feature kube-fast); the browsers'
    // build scans every node. Both formulas of BalancedAllocation, and weights.
    for (const strategy of ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const) {
      for (const [kubeVersion, balancedWeight] of [
        ['1.37', 1],
        ['1.35', 1],
        ['1.37', 3],
        ['1.36', 0],
      ] as const) {
        const input = { strategy, nodes, pods, kubeVersion, balancedWeight };
        const what = `${strategy} v${kubeVersion} × ${balancedWeight}`;
        const a = kubeSchedule(node, input);
        expect(a.scheduled, what).toBeGreaterThan(0);
        expect(kubeSchedule(web, input), what).toEqual(a);
        expect(kubeExplain(web, input, 1199), what).toEqual(kubeExplain(node, input, 1199));
      }
    }
  });

  it('give the same presets and the same error for a bad input', () => {
    expect(presets(web)).toEqual(presets(node));
    const bad = (core: Core) => () =>
      place(core, {
        policy: 'first-fit',
        hosts: [{ cpuMillis: 1000, memMiB: 1024 }],
        workloads: [{ cpuMillis: 1, memMiB: 1 }],
        overcommit: { cpu: 1e9 },
      });
    const err = caught(bad(node));
    expect(err).toMatchObject({ field: expect.stringContaining('cpu') });
    expect(caught(bad(web))).toEqual(err);
  });
});
