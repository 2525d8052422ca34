// The cluster scheduler on the real core: its figures are the core's, its
// per-host view never overfills a host, its step explanations match the
// assignment, links round-trip, and bad values get named messages.
import { describe, expect, it } from 'vitest';
import { readerSource } from '../../src/sim/citations.ts';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import { explainPlacement, place, UNPLACED, type PolicyName } from '../../src/sim/placement.ts';
import { kubeSchedule } from '../../src/sim/kube.ts';
import { generateWorkloads } from '../../src/sim/workloads.ts';
import { createWidgetModel } from '../../src/widgets/kit/model.ts';
import { checkValue, defaults } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import { computeCluster, explainStep, instanceSize } from '../../src/widgets/cluster-scheduler/model.ts';
import type { ClusterResult } from '../../src/widgets/cluster-scheduler/result.ts';
import { hostStates, hostTable, runTable } from '../../src/widgets/cluster-scheduler/tables.ts';
import { summary, utilisation } from '../../src/widgets/cluster-scheduler/words.ts';
import {
  PARAMS,
  POLICY_OPTIONS,
  policyOption,
  PRESETS,
  WIDGET_ID,
  type ClusterValues,
} from '../../src/widgets/cluster-scheduler/params.ts';

const D = defaults(PARAMS);
const core = await loadCore();

const BIN_PACKING = POLICY_OPTIONS.filter((p) => p.kind === 'bin-packing');
const KUBE = POLICY_OPTIONS.filter((p) => p.kind === 'kube');

function hosts(v: ClusterValues) {
  return Array.from({ length: v.hostCount }, () => ({
    cpuMillis: v.hostCpuCores * 1000,
    memMiB: v.hostMemGiB * 1024,
    diskMiB: 0,
    reserve: { cpuMillis: v.hostReserveCpuMillis, memMiB: v.hostReserveMemMiB },
  }));
}

/** Every step's view from the per-host model: no host over its usable capacity. */
function expectNoOverfill(r: ClusterResult): void {
  for (const side of r.sides) {
    for (const step of [0, Math.floor(r.apps.length / 4), r.apps.length / 2 - 1]) {
      for (const h of hostStates(r, side, step)) {
        expect(h.used[0], `${side.id} host ${h.host} cpu at step ${step}`).toBeLessThanOrEqual(h.usable[0]);
        expect(h.used[1], `${side.id} host ${h.host} mem at step ${step}`).toBeLessThanOrEqual(h.usable[1]);
        expect(h.app[1] + h.overhead[1] + h.sizing[1]).toBe(h.used[1]);
      }
    }
  }
}

describe("cluster scheduler: figures are the core's", () => {
  it("hosts needed, overhead and stranded capacity equal the core's own placement (every bin-packing policy, every mix)", () => {
    for (const policy of BIN_PACKING) {
      for (const generator of [1, 2, 3]) {
        const v = { ...D, policy: policy.value, generator };
        const r = computeCluster(core, v);
        const apps = generateWorkloads(core, {
          kind: ['uniform', 'dslab', 'heavy-tailed'][generator - 1] as 'dslab',
          count: v.appCount,
          seed: v.seed,
          cpuMillis: [v.appCpuMinMillis, v.appCpuMaxMillis],
          memMiB: [v.appMemMinMiB, v.appMemMaxMiB],
          doublingProbability: v.tailDoublingProbability,
        } as never);
        expect(r.apps).toEqual(Array.from(apps));
        // Containers: the raw requests with the container profile, straight into the core.
        const ct = place(core, {
          policy: policy.core as PolicyName,
          hosts: hosts(v),
          workloads: apps,
          dims: 2,
          profile: 'container',
        });
        const side = r.sides[1];
        expect(side.hostsUsed, `${policy.core} gen ${generator}`).toBe(ct.summary.hostsUsed);
        expect(side.assignment).toEqual(Array.from(ct.assignment, (a) => (a === UNPLACED ? -1 : a)));
        expect(side.stranded).toEqual(ct.summary.stranded.slice(0, 2));
        // VMs: the core's VM profile (instance sizes off, so the requests are the apps').
        const vmNoSizes = computeCluster(core, { ...v, vmInstanceSizes: 0 });
        const vmCore = place(core, {
          policy: policy.core as PolicyName,
          hosts: hosts(v),
          workloads: apps,
          dims: 2,
          profile: 'vm',
          profileOverrides: { diskOverheadMiB: 0 },
        }); // CPU and memory only
        expect(vmNoSizes.sides[0].hostsUsed).toBe(vmCore.summary.hostsUsed);
        expect(vmNoSizes.sides[0].overhead).toEqual(vmCore.summary.overhead.slice(0, 2));
        expect(vmNoSizes.sides[0].app).toEqual(vmCore.summary.app.slice(0, 2));
        expect(vmNoSizes.sides[0].stranded).toEqual(vmCore.summary.stranded.slice(0, 2));
        expect(vmNoSizes.sides[0].usableOnUsedHosts).toEqual(vmCore.summary.usableOnUsedHosts.slice(0, 2));
        // And the widget's per-host totals are the core's.
        expect(vmNoSizes.sides[0].hostUsed).toEqual(
          Array.from({ length: v.hostCount }, (_, h) => [vmCore.hostUsed[3 * h], vmCore.hostUsed[3 * h + 1]]).flat(),
        );
        expectNoOverfill(r);
        expectNoOverfill(vmNoSizes);
      }
    }
  });

  it("Kubernetes strategies: the assignment is the core's kube-scheduler's, with each footprint as the pod request", () => {
    for (const policy of KUBE) {
      const r = computeCluster(core, { ...D, policy: policy.value });
      for (const side of r.sides) {
        const nodes = Array.from({ length: D.hostCount }, (_, h) => ({
          name: `n${h}`,
          allocatable: { cpu: r.hostUsable[0], memory: r.hostUsable[1] * 2 ** 20 },
        }));
        const pods = [];
        for (let i = 0; i < side.footprint.length; i += 2)
          pods.push({ cpu: side.footprint[i], memory: side.footprint[i + 1] * 2 ** 20 });
        const k = kubeSchedule(core, { strategy: policy.core as 'MostAllocated', nodes, pods });
        expect(side.assignment).toEqual(Array.from(k.assignment, (a) => (a === UNPLACED ? -1 : a)));
        expect(side.hostsUsed).toBe(new Set(side.assignment.filter((a) => a >= 0)).size);
      }
      expectNoOverfill(r);
    }
    // LeastAllocated spreads over every host; MostAllocated packs.
    expect(computeCluster(core, { ...D, policy: 7 }).sides[1].hostsUsed).toBe(D.hostCount);
    expect(computeCluster(core, { ...D, policy: 8 }).sides[1].hostsUsed).toBeLessThan(D.hostCount);
  });

  it("builds each VM's footprint from the profile and the instance menu", () => {
    expect(instanceSize(1, 1)).toEqual([1000, 512]);
    expect(instanceSize(1200, 513)).toEqual([2000, 1024]);
    expect(instanceSize(4000, 2048)).toEqual([4000, 2048]);
    const r = computeCluster(core, D);
    const [vm, ct] = r.sides;
    for (let i = 0; i < r.apps.length; i += 2) {
      const [c, m] = instanceSize(r.apps[i], r.apps[i + 1]);
      expect([vm.request[i], vm.request[i + 1]]).toEqual([c, m]);
      expect([vm.footprint[i], vm.footprint[i + 1]]).toEqual([Math.ceil(c / 0.98), m + 256 + 131]);
      expect([ct.footprint[i], ct.footprint[i + 1]]).toEqual([r.apps[i], r.apps[i + 1]]);
    }
    // A per-VM CPU overhead is added after the efficiency loss (the core's footprint rule).
    const withCpu = computeCluster(core, { ...D, vmCpuOverheadMillis: 250 }).sides[0];
    expect([withCpu.footprint[0], withCpu.footprint[1]]).toEqual([
      Math.ceil(withCpu.request[0] / 0.98) + 250,
      withCpu.request[1] + 256 + 131,
    ]);
  });

  it('says the result in words, with the numbers shown and exported', () => {
    const r = computeCluster(core, D);
    const [vm, ct] = r.sides;
    expect(summary(r)).toMatch(
      new RegExp(
        `^Containers fit 40 apps on ${ct.hostsUsed} hosts?; VMs need ${vm.hostsUsed} hosts? \\(First-fit\\)\\.`,
      ),
    );
    expect(vm.hostsUsed).toBeGreaterThan(ct.hostsUsed);
    const t = runTable(r);
    expect(t.rows.map((row) => [row.profile, row.hostsUsed, row.placed])).toEqual([
      ['VMs', vm.hostsUsed, 40],
      ['Containers', ct.hostsUsed, 40],
    ]);
    expect(t.rows[0].memUtilPct).toBe(utilisation(vm)[1]);
    // Spreading policies are described as spreading, and apps without room are counted.
    expect(summary(computeCluster(core, { ...D, policy: 7 }))).toMatch(
      /^Kubernetes LeastAllocated \(default\) spreads the apps: containers use 20 hosts/,
    );
    const tight = computeCluster(core, { ...D, hostCount: 2 });
    expect(tight.sides[0].unplaced).toBeGreaterThan(0);
    expect(summary(tight)).toContain(`${tight.sides[0].unplaced} of 40 vms found no room on the 2 hosts.`);
    // The per-host table lists the used hosts with their numbers.
    const ht = hostTable(r, 39);
    expect(ht.rows.filter((row) => String(row.host).startsWith('VMs')).length).toBe(vm.hostsUsed);
  });
});

describe('cluster scheduler: stepping through placements', () => {
  it("step k's explanation names the host the assignment gives, for every policy", () => {
    for (const policy of POLICY_OPTIONS) {
      const r = computeCluster(core, { ...D, policy: policy.value, appCount: 12, hostCount: 4, generator: 2 });
      for (let k = 0; k < 12; k++) {
        const view = explainStep(core, r, k);
        expect(view.step).toBe(k);
        view.sides.forEach((st, s) => {
          const side = r.sides[s];
          expect(st.app, `${policy.core} step ${k}`).toBe(side.order[k]);
          expect(st.chosen, `${policy.core} step ${k}`).toBe(side.assignment[st.app]);
          expect(st.words).toContain(`app ${st.app + 1} (`);
          if (st.chosen >= 0) {
            expect(st.words).toContain(`went to host ${st.chosen + 1}`);
            expect(st.hosts[st.chosen].fits).toBe(true);
            // The free space the step saw is the per-host view one step earlier.
            const before = hostStates(r, side, k - 1)[st.chosen];
            const usedBefore = k === 0 ? [0, 0] : before.used;
            expect(st.hosts[st.chosen].free).toEqual([
              r.hostUsable[0] - usedBefore[0],
              r.hostUsable[1] - usedBefore[1],
            ]);
          } else {
            expect(st.words).toMatch(/stays (unplaced|pending)/);
          }
          if (r.kube && st.chosen >= 0) {
            const c = st.hosts[st.chosen];
            expect(c.total).toBe(c.fit! + r.balancedWeight * c.balanced!);
            for (const h of st.hosts) if (h.total !== null) expect(h.total).toBeLessThanOrEqual(c.total!);
            expect(st.words).toMatch(
              new RegExp(
                `score ${c.total} \\(${policy.core} ${c.fit} \\+ BalancedAllocation ${c.balanced}, as kube-scheduler v1\\.37 scores\\)`,
              ),
            );
          }
        });
      }
    }
  });

  it("the decreasing order and per-step free space match the core's explanation", () => {
    for (const policy of [5, 6]) {
      const r = computeCluster(core, { ...D, policy });
      for (const side of r.sides) {
        for (const k of [0, 7, 39]) {
          const e = explainPlacement(
            core,
            {
              policy: policyOption(policy).core as PolicyName,
              hosts: Uint32Array.from(
                Array.from({ length: D.hostCount }, () => [r.hostUsable[0], r.hostUsable[1], 0, 0, 0, 0]).flat(),
              ),
              workloads: Uint32Array.from(side.request),
              dims: 2,
              profile: side.footprintParams,
            },
            k,
          );
          expect(side.order[k]).toBe(e.workload);
        }
      }
    }
  });

  it('the last step ships with the result (for the server render)', () => {
    const r = computeCluster(core, D);
    expect(r.lastStep).toEqual(explainStep(core, r, 39));
  });
});

describe('cluster scheduler: links and bad values', () => {
  it('round-trips its state, seed included, through a URL', () => {
    const values = {
      ...D,
      seed: 42,
      policy: 8,
      appCount: 60,
      vmInstanceSizes: 0,
      tailDoublingProbability: 0.3,
      generator: 3,
    };
    const search = writeUrlState(WIDGET_ID, PARAMS, values, '?other=1');
    expect(search).toContain('cluster-scheduler.seed=42');
    expect(search).toContain('cluster-scheduler.policy=kubernetes-mostallocated');
    expect(search).toContain('other=1');
    const back = readUrlState(WIDGET_ID, PARAMS, search);
    expect(back.issues).toEqual([]);
    expect({ ...D, ...back.values }).toEqual(values);
    expect(summary(computeCluster(core, { ...D, ...back.values }))).toBe(summary(computeCluster(core, values)));
  });

  it('names the parameter and its range for bad link values, and keeps the good ones', () => {
    const s = readUrlState(
      WIDGET_ID,
      PARAMS,
      '?cluster-scheduler.policy=12&cluster-scheduler.appCount=abc&cluster-scheduler.hostCount=5',
    );
    expect(s.values.hostCount).toBe(5);
    expect(s.issues.map((i) => i.param).sort()).toEqual(['appCount', 'policy']);
    expect(s.issues.find((i) => i.param === 'policy')!.message).toMatch(
      /Placement policy \(policy\) must be one of first-fit, next-fit, best-fit/,
    );
    expect(s.issues.find((i) => i.param === 'appCount')!.message).toMatch(
      /Apps \(appCount\) must be a whole number from 1 to 500 apps/,
    );
  });

  it('puts a message next to the control at fault for impossible combinations', async () => {
    const model = createWidgetModel({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: computeCluster(core, D),
      engine: async () => core,
      compute: computeCluster,
    });
    await model.start();
    const good = model.result.value;
    model.setMany({ appCpuMinMillis: 2000, appCpuMaxMillis: 500 });
    expect(model.issueFor('appCpuMaxMillis')?.message).toBe(
      'Largest app CPU (appCpuMaxMillis) must be at least the smallest app CPU, 2000 millicores; got 500.',
    );
    expect(model.result.value).toBe(good);
    model.setMany({ appCpuMinMillis: 100, appCpuMaxMillis: 1000, hostMemGiB: 2 });
    expect(model.issueFor('hostReserveMemMiB')?.message).toMatch(
      /^Memory reserved for the host \(hostReserveMemMiB\) must be at most the host's 2048 MiB; got 3584\./,
    );
    model.set('hostMemGiB', 32);
    expect(model.issues.value).toEqual([]);
    model.set('hostCount', 0);
    expect(model.issueFor('hostCount')?.message).toBe(
      'Hosts available (hostCount) must be a whole number from 1 to 100 hosts; got 0.',
    );
    model.dispose();
    expect(() => computeCluster(core, { ...D, appMemMinMiB: 900, appMemMaxMiB: 300 })).toThrowError(SimError);
  });

  it('has a source for every default and valid values in every preset', () => {
    for (const p of PARAMS) {
      expect(p.source.length, p.name).toBeGreaterThan(8);
      expect(checkValue(p, p.default), p.name).toBeNull();
    }
    for (const preset of PRESETS) {
      expect(/modelling choice/.test(preset.source) || readerSource(preset.source).anchors.length > 0, preset.id).toBe(
        true,
      );
      for (const [k, v] of Object.entries(preset.values))
        expect(checkValue(PARAMS.find((p) => p.name === k)!, v as number), `${preset.id}.${k}`).toBeNull();
    }
  });
});
