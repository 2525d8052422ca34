// "Traffic spike" on the real core: the widget's figures equal the scenario's
// output, the queue arithmetic checks out sample by sample, the worker path
// gives the same result as the page path, URL state round-trips, and bad
// values get named messages.
import { describe, expect, it } from 'vitest';
import { readerSource } from '../../src/sim/citations.ts';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import { simulateTrafficSpike } from '../../src/sim/scenarios.ts';
import { SimWorkerClient, type WorkerLike } from '../../src/sim/worker-client.ts';
import { createWorkerHost } from '../../src/sim/worker-host.ts';
import type { FromWorker, ToWorker } from '../../src/sim/worker-protocol.ts';
import { createWidgetModel } from '../../src/widgets/kit/model.ts';
import { checkValue, defaults, findParam } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import {
  chartSeries,
  computeTrafficSpike,
  demandPoints,
  droppedPct,
  interestingWindow,
  pctText,
  renameError,
  runTable,
  scenarioInput,
  summary,
} from '../../src/widgets/traffic-spike/model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type TrafficSpikeValues } from '../../src/widgets/traffic-spike/params.ts';
import { computeInWorker } from '../../src/widgets/traffic-spike/run.ts';

const D = defaults(PARAMS) as TrafficSpikeValues;

/** An in-process "worker": the real worker host over the real core, behind the real client. */
function inProcessClient(): SimWorkerClient {
  const worker: WorkerLike = {
    onmessage: null,
    postMessage(msg: ToWorker) {
      void host.onMessage(structuredClone(msg));
    },
  };
  const host = createWorkerHost({
    loadCore: () => loadCore(),
    post: (m: FromWorker) => queueMicrotask(() => worker.onmessage?.({ data: m })),
  });
  return new SimWorkerClient(worker);
}

describe('traffic spike', () => {
  it('shows exactly what the scenario computed for each profile', async () => {
    const core = await loadCore();
    const r = computeTrafficSpike(core, D);
    expect(r.profiles.map((p) => p.id)).toEqual(['vm', 'microvm', 'container']);
    for (const p of r.profiles) {
      const direct = simulateTrafficSpike(core, scenarioInput(D, p.id));
      expect(p.droppedRequests).toBe(direct.summary.droppedRequests);
      expect(p.servedRequests).toBe(direct.summary.servedRequests);
      expect(p.peakInstances).toBe(direct.summary.peakInstances);
      expect(p.instanceStartS).toBe(direct.summary.instanceStartS);
      expect(p.traceHash).toBe(direct.traceHash);
      expect(p.capacityRps).toEqual(Array.from(direct.columns.capacityRps));
    }
    // Start-up of a new instance on a host without the image: pull + VMM start + boot, from the profile's figures.
    const start = Object.fromEntries(r.profiles.map((p) => [p.id, p.instanceStartS]));
    expect(start.vm).toBeCloseTo(600 / 100 + 8, 9);
    expect(start.container).toBeCloseTo(20 / 100 + 0.607, 9);
    expect(start.microvm).toBeCloseTo(20 / 100 + 1.747, 9);
  });

  it('follows the queue rule sample by sample: capacity = ready × per-instance rate, drops = demand above it', async () => {
    const r = computeTrafficSpike(await loadCore(), { ...D, demandShape: 1, rampS: 120 });
    for (const p of r.profiles) {
      let dropped = 0;
      let demand = 0;
      for (let k = 0; k < r.timeS.length; k++) {
        expect(p.capacityRps[k]).toBeCloseTo(p.readyInstances[k] * D.capacityRpsPerInstance, 6);
        expect(p.droppedRps[k]).toBeCloseTo(Math.max(0, r.demandRps[k] - p.capacityRps[k]), 2);
        if (p.droppedRps[k] > 0) expect(p.latencyMs[k]).toBe(D.timeoutMs);
        dropped += p.droppedRps[k] * r.sampleS;
        demand += r.demandRps[k] * r.sampleS;
      }
      // The totals integrate the samples.
      expect(p.droppedRequests).toBeCloseTo(dropped, 0);
      expect(p.servedRequests + p.droppedRequests).toBeCloseTo(demand, 0);
    }
  });

  it('says who kept up and who dropped how much, when', async () => {
    const r = computeTrafficSpike(await loadCore(), D);
    const [vm, microvm, container] = r.profiles;
    expect(vm.droppedRequests).toBeGreaterThan(container.droppedRequests);
    expect(summary(r)).toBe(
      `VMs dropped ${pctText(droppedPct(vm))} of requests between ${vm.firstDropS} s and ${vm.lastDropS} s; ` +
        `microVMs dropped ${pctText(droppedPct(microvm))} of requests between ${microvm.firstDropS} s and ${microvm.lastDropS} s; ` +
        `containers dropped ${pctText(droppedPct(container))} of requests between ${container.firstDropS} s and ${container.lastDropS} s. ` +
        `A new instance took 14 s as VMs, 1.9 s as microVMs and 807 ms as containers to become ready on a host without the image; peak instances 17, 17, 17.`,
    );
    const calm = computeTrafficSpike(await loadCore(), { ...D, peakRps: 150 });
    expect(summary(calm)).toMatch(
      /^VMs kept up with the demand; microVMs kept up with the demand; containers kept up with the demand\./,
    );
    expect(pctText(0)).toBe('0 %');
    expect(pctText(0.04)).toBe('under 0.1 %');
    expect(pctText(3.64)).toBe('3.6 %');
    expect(pctText(12.4)).toBe('12 %');
  });

  it('runs the same numbers through the worker path as on the page thread', async () => {
    const v = { ...D, demandShape: 2, durationS: 1200, noisePct: 10, seed: 7 };
    const direct = computeTrafficSpike(await loadCore(), v);
    const progress: number[] = [];
    const viaWorker = await computeInWorker(inProcessClient(), v, {
      signal: new AbortController().signal,
      progress: (f) => progress.push(f),
    });
    expect(viaWorker).toEqual(direct);
    // A seed reproduces the noise; another seed changes it.
    const other = computeTrafficSpike(await loadCore(), { ...v, seed: 8 });
    expect(other.demandRps).not.toEqual(direct.demandRps);
  });

  it('exports every sample and buckets long runs for the charts without hiding a shortfall', async () => {
    const r = computeTrafficSpike(await loadCore(), D);
    const t = runTable(r);
    expect(t.rows).toHaveLength(3 * 901);
    expect(t.rows[0]).toMatchObject({ profile: 'VMs', timeS: 0, demandRps: 100, capacityRps: 200 });
    const c = chartSeries(r);
    expect(c.stride).toBe(4);
    expect(c.timeS.length).toBeLessThanOrEqual(300);
    // The highest drop of every bucket survives.
    for (const [i, p] of r.profiles.entries())
      expect(Math.max(...c.profiles[i].droppedRps)).toBe(Math.max(...p.droppedRps));
    const day = computeTrafficSpike(await loadCore(), {
      ...D,
      demandShape: 2,
      durationS: 86400,
      periodS: 86400,
      sampleS: 10,
    });
    expect(chartSeries(day).timeS.length).toBeLessThanOrEqual(300);
  });

  it('opens the charts on the spike: from just before demand rises to after the last drop, not the whole run', async () => {
    const core = await loadCore();
    const r = computeTrafficSpike(core, D);
    const c = chartSeries(r);
    const w = interestingWindow(c);
    expect(w).toBeDefined();
    if (!w) return;
    // The rise (startS) and every dropped request lie inside the window, which is well under the run.
    const lastDropS = Math.max(
      ...r.profiles.flatMap((p) => p.droppedRps.flatMap((v, k) => (v > 0 ? [r.timeS[k]] : []))),
    );
    expect(lastDropS).toBeGreaterThan(D.startS);
    expect(w.from).toBeLessThan(D.startS);
    expect(w.to).toBeGreaterThanOrEqual(lastDropS);
    expect(w.to - w.from).toBeLessThan(0.75 * D.durationS);
    // A run whose demand never changes and drops nothing has nothing to zoom to.
    const flat = chartSeries(computeTrafficSpike(core, { ...D, peakRps: D.baseRps }));
    expect(interestingWindow(flat)).toBeUndefined();
  });

  it("puts the core's complaints next to the widget's own controls", async () => {
    const core = await loadCore();
    expect(() => computeTrafficSpike(core, { ...D, minInstances: 40, maxInstances: 30 })).toThrowError(
      expect.objectContaining({ field: 'minInstances' }),
    );
    expect(() => computeTrafficSpike(core, { ...D, demandShape: 3, point3TimeS: 10 })).toThrowError(
      expect.objectContaining({
        field: 'point3TimeS',
        message: "Point 3: time (point3TimeS) must not be earlier than point 2's time, 60 s; got 10 s.",
      }),
    );
    expect(demandPoints({ ...D, pointCount: 3 })).toEqual([
      [0, 100],
      [60, 100],
      [90, 1000],
    ]);
    const renamed = renameError(new SimError(1, 'demand.points[4].rps', 'x'), 'vm') as SimError;
    expect(renamed.field).toBe('point5Rps');
    expect((renameError(new SimError(1, 'profile.bootS', 'x'), 'container') as SimError).field).toBe('containerStartS');
    expect((renameError(new SimError(1, 'profile.bootS', 'x'), 'vm') as SimError).field).toBe('vmBootS');
  });

  it('gives a bad value a message that names the parameter and its range, and keeps the last result', async () => {
    const initial = computeTrafficSpike(await loadCore(), D);
    const m = createWidgetModel({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial,
      engine: () => Promise.resolve(inProcessClient()),
      compute: computeInWorker,
    });
    await m.start();
    m.set('targetUtilisationPct', 2);
    expect(m.issueFor('targetUtilisationPct')?.message).toBe(
      'Target utilisation (targetUtilisationPct) must be a number from 5 to 100 %; got 2.',
    );
    expect(m.result.value).toBe(initial);
    m.set('targetUtilisationPct', 60);
    m.setMany({ minInstances: 50, maxInstances: 40 });
    await expect
      .poll(() => m.issueFor('minInstances')?.message)
      .toMatch(/minInstances must be from 0 to autoscaler.maxInstances \(40\)/);
    m.dispose();
  });

  it('round-trips its state, points and seed included, through the URL', () => {
    const v = {
      ...D,
      demandShape: 3,
      pointCount: 7,
      point7TimeS: 950,
      point7Rps: 42,
      targetUtilisationPct: 85,
      noisePct: 5,
    };
    const search = writeUrlState(WIDGET_ID, PARAMS, v, '?other=1');
    expect(search).toContain('traffic-spike.seed=1');
    expect(search).toContain('traffic-spike.point7Rps=42');
    expect(search).toContain('other=1');
    const back = readUrlState(WIDGET_ID, PARAMS, search);
    expect(back.issues).toEqual([]);
    expect({ ...D, ...back.values }).toEqual(v);
    const bad = readUrlState(WIDGET_ID, PARAMS, '?traffic-spike.pointCount=12&traffic-spike.peakRps=-1');
    expect(bad.issues.map((i) => i.param)).toEqual(['pointCount', 'peakRps']);
    expect(bad.issues[0].message).toBe(
      'The link sets pointCount to "12", but Number of demand points (pointCount) must be a whole number from 2 to 8 points; using the default, 6 points.',
    );
  });

  it('has a source for every default and valid values in every preset', () => {
    for (const p of PARAMS) {
      expect(p.source.length, p.name).toBeGreaterThan(5);
      expect(checkValue(p, p.default), p.name).toBeNull();
    }
    for (const preset of PRESETS) {
      expect(/modelling choice/.test(preset.source) || readerSource(preset.source).anchors.length > 0, preset.id).toBe(
        true,
      );
      for (const [k, v] of Object.entries(preset.values))
        expect(checkValue(findParam(PARAMS, k)!, v as number), `${preset.id}.${k}`).toBeNull();
    }
  });
});
