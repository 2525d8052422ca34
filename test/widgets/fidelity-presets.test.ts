// Presets that let a reader see what the prose claims (issue 13): the VMs-at-
// scale worked example exactly, and a traffic spike in which start time, not
// the autoscaler's loop, decides; and the caption that says which term
// dominates at the defaults.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import { computeOneHost } from '../../src/widgets/one-host/model.ts';
import * as oneHost from '../../src/widgets/one-host/params.ts';
import { dominantTerm } from '../../src/widgets/traffic-spike/dominant.ts';
import { computeTrafficSpike } from '../../src/widgets/traffic-spike/model.ts';
import * as traffic from '../../src/widgets/traffic-spike/params.ts';

const preset = <T extends { id: string }>(list: readonly T[], id: string): T => {
  const p = list.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

describe('VMs at scale: the worked-example preset', () => {
  it('reproduces the article: 128 apps as VMs, 256 on a shared kernel, on 64 GiB', async () => {
    const core = await loadCore('placement');
    const v = { ...defaults(oneHost.PARAMS), ...preset(oneHost.PRESETS, 'worked-example').values };
    const r = computeOneHost(core, v);
    const profile = (id: string) => r.profiles.find((p) => p.id === id)!;
    expect(r.hostMemMiB - r.hostReserveMiB).toBe(65536);
    expect(profile('vm').apps).toBe(128);
    expect(profile('container').apps).toBe(256);
  });
});

describe('Traffic spike: which term dominates', () => {
  const run = (r: ReturnType<typeof computeTrafficSpike>, id: string) => r.profiles.find((p) => p.id === id)!;
  const withPresets = (...ids: string[]) =>
    Object.assign(defaults(traffic.PARAMS), ...ids.map((id) => preset(traffic.PRESETS, id).values));

  it('at the defaults microVMs and containers start on one basis (docker run), the control loop outlasts every start, and the caption says so', async () => {
    const core = await loadCore('scenarios');
    const v = defaults(traffic.PARAMS);
    const r = computeTrafficSpike(core, v);
    // docker run with Kata (1747 ms) against docker run with runc (607 ms), the same image pull before both.
    expect(run(r, 'microvm').instanceStartS - run(r, 'container').instanceStartS).toBeCloseTo(1.747 - 0.607, 9);
    expect(run(r, 'container').droppedRequests).toBeLessThan(run(r, 'microvm').droppedRequests);
    expect(run(r, 'microvm').droppedRequests).toBeLessThan(run(r, 'vm').droppedRequests);
    const d = dominantTerm(v, r);
    expect(d.loopDominated).toEqual(['VMs', 'microVMs', 'containers']);
    expect(d.text).toMatch(/the control loop takes longer than the start itself/);
  });

  it('with Firecracker alone (another basis), microVMs and containers are ready within one sample, so they coincide, and the caption says so', async () => {
    const core = await loadCore('scenarios');
    const v = withPresets('firecracker');
    const r = computeTrafficSpike(core, v);
    expect(run(r, 'microvm').instanceStartS).toBeCloseTo(0.2 + 0.012 + 0.125, 9);
    expect(run(r, 'microvm').droppedRequests).toBe(run(r, 'container').droppedRequests);
    const d = dominantTerm(v, r);
    expect(d.withinSample).toEqual(['microVMs', 'containers']);
    expect(d.text).toMatch(/curves coincide/);
  });

  it('with the fast control loop preset, start time shows: containers drop fewer requests than Kata microVMs, Firecracker microVMs fewer than containers', async () => {
    const core = await loadCore('scenarios');
    const v = withPresets('fast-loop');
    const r = computeTrafficSpike(core, v);
    expect(run(r, 'container').droppedRequests).toBeLessThan(run(r, 'microvm').droppedRequests);
    expect(run(r, 'microvm').droppedRequests).toBeLessThan(run(r, 'vm').droppedRequests);
    // Every kind drops far fewer than at the defaults (the article says so).
    const slow = computeTrafficSpike(core, defaults(traffic.PARAMS));
    for (const id of ['vm', 'microvm', 'container'])
      expect(run(r, id).droppedRequests, id).toBeLessThan(run(slow, id).droppedRequests / 2);
    const d = dominantTerm(v, r);
    expect(d.withinSample).toEqual([]);
    expect(d.text).not.toMatch(/coincide/);
    const fc = computeTrafficSpike(core, withPresets('fast-loop', 'firecracker'));
    expect(run(fc, 'microvm').droppedRequests).toBeLessThan(run(fc, 'container').droppedRequests);
  });
});

describe('Cluster scheduler: what sets the VMs’ host count', () => {
  it('at the defaults, CPU rounded up to instance sizes, and the caption says so; without instance sizes, memory', async () => {
    const { computeCluster } = await import('../../src/widgets/cluster-scheduler/model.ts');
    const cluster = await import('../../src/widgets/cluster-scheduler/params.ts');
    const { vmBinding } = await import('../../src/widgets/cluster-scheduler/dominant.ts');
    const core = await loadCore('placement');
    const v = defaults(cluster.PARAMS);
    const r = computeCluster(core, v);
    const b = vmBinding(r);
    expect(b.binding).toBe('cpu');
    expect(b.hostsByCpu).toBeLessThanOrEqual(r.sides[0].hostsUsed);
    expect(r.sides[0].sizing[0]).toBeGreaterThan(r.sides[0].overhead[0]);
    expect(b.text).toMatch(/mostly from instance-size rounding/);
    // The density article: the VMs need an extra host at the defaults, and without instance sizes they would not.
    expect(r.sides[0].hostsUsed).toBeGreaterThan(r.sides[1].hostsUsed);
    const without = computeCluster(core, { ...v, vmInstanceSizes: 0 });
    expect(without.sides[0].hostsUsed).toBe(without.sides[1].hostsUsed);
    const plain = vmBinding(without);
    expect(plain.binding).toBe('memory');
    expect(plain.text).not.toMatch(/instance-size rounding, not/);
  });
});
