// The scenarios through the real .wasm in Node: table agreement with the
// Rust core, determinism against the native golden traces, results and errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCore, partForKind } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import {
  SCENARIOS,
  SteppedRun,
  buildParams,
  scenarioSpec,
  simulate,
  simulateMigration,
  simulatePatchDay,
  simulateTrafficSpike,
  type ScenarioName,
} from '../../src/sim/scenarios.ts';

interface Golden {
  hold: { events: number; entities: number; seed: number; traceHashHi: number; traceHashLo: number; endTimeS: number };
  cases: {
    name: string;
    kind: number;
    params: number[];
    traceHashHi: number;
    traceHashLo: number;
    resultLength: number;
    resultChecksum: number;
  }[];
}
const golden: Golden = JSON.parse(
  readFileSync(new URL('../../wasm-core/tests/golden/traces.json', import.meta.url), 'utf8'),
);

/** FNV-1a (32-bit) over the little-endian bytes of every f64, as in trace_golden.rs. */
function checksum(values: Float64Array): number {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

const names = Object.keys(SCENARIOS) as ScenarioName[];

describe('parameter and output tables', () => {
  it('the TypeScript name lists equal the Rust tables, for every preset', async () => {
    const core = await loadCore();
    for (const name of names) {
      const def = SCENARIOS[name];
      for (const preset of def.presets) {
        const spec = scenarioSpec(core, name, preset);
        expect(spec.params.map((p) => p.name)).toEqual([...def.params]);
        expect(spec.columns.map((c) => c.name)).toEqual([...def.columns]);
        expect(spec.summary.map((c) => c.name)).toEqual([...def.summary]);
        expect(spec.presets).toEqual([...def.presets]);
        for (const p of spec.params) {
          expect(p.default).toBeGreaterThanOrEqual(p.min);
          expect(p.default).toBeLessThanOrEqual(p.max);
          expect(p.source.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('presets carry their published sources, and picks are labelled', async () => {
    const core = await loadCore();
    const vm = scenarioSpec(core, 'traffic-spike', 'vm').params.find((p) => p.name === 'profile.bootS')!;
    expect(vm.default).toBe(8);
    expect(vm.source).toMatch(/^Depot: /);
    const ct = scenarioSpec(core, 'traffic-spike', 'container').params.find((p) => p.name === 'profile.bootS')!;
    expect(ct.default).toBe(0.607);
    expect(ct.source).toMatch(/607 ms/);
    // The microVM on the container's basis: docker run with Kata, from the same measurement.
    const mv = scenarioSpec(core, 'traffic-spike', 'microvm').params.find((p) => p.name === 'profile.bootS')!;
    expect(mv.default).toBe(1.747);
    expect(mv.source).toMatch(/Kata Containers.*1747 ms.*same basis/);
    const criu = scenarioSpec(core, 'migration', 'container').params.find((p) => p.name === 'criu.restoreMs')!;
    expect([criu.default, criu.source]).toEqual([3270, expect.stringMatching(/P4ContainerFlow experiment report/)]);
    const cap = scenarioSpec(core, 'traffic-spike').params.find((p) => p.name === 'capacityRpsPerInstance')!;
    expect(cap.source).toBe('modelling choice');
  });
});

describe('determinism: wasm reproduces the native golden traces', () => {
  // Each case runs in the wasm part that ships it (scenarios, or datacenter).
  it('hold model: same events, same trace hash, same end time', async () => {
    const core = await loadCore('scenarios');
    const h = golden.hold;
    const r = core.engineHold(h.events, h.entities, h.seed);
    expect(r).toEqual({
      events: h.events,
      traceHashHi: h.traceHashHi,
      traceHashLo: h.traceHashLo,
      endTimeS: h.endTimeS,
    });
  });

  for (const c of golden.cases) {
    it(`${c.name}: same trace hash and bit-identical result (${partForKind(c.kind)} part)`, async () => {
      const core = await loadCore(partForKind(c.kind));
      const out = core.scenarioRun(c.kind, c.params);
      const ns = out[2];
      expect([out[3 + ns - 2], out[3 + ns - 1]]).toEqual([c.traceHashHi, c.traceHashLo]);
      expect(out.length).toBe(c.resultLength);
      expect(checksum(out)).toBe(c.resultChecksum);
    });
  }
});

describe('traffic spike', () => {
  it('the default VM run matches the hand-derived timeline', async () => {
    const core = await loadCore();
    const r = simulateTrafficSpike(core);
    expect(r.rows).toBe(901);
    expect(r.columns.ready[82]).toBe(2);
    expect(r.columns.ready[89]).toBe(17);
    expect(r.summary.firstScaleUpS).toBe(75);
    expect(r.summary.instanceStartS).toBe(14);
    expect(r.summary.droppedRequests).toBeGreaterThan(0);
    for (let i = 0; i < r.rows; i++) {
      expect(r.columns.servedRps[i] + r.columns.droppedRps[i]).toBeCloseTo(r.columns.demandRps[i], 9);
    }
    // Views share one buffer: no per-column copies.
    expect(r.columns.ready.buffer).toBe(r.packed.buffer);
    expect(r.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(r.sources['profile.bootS']).toMatch(/^Depot: /);
  });

  it('containers drop fewer requests than VMs; inputs override presets and are labelled', async () => {
    const core = await loadCore();
    const vm = simulateTrafficSpike(core, { preset: 'vm' });
    const ct = simulateTrafficSpike(core, { preset: 'container', autoscaler: { cooldownS: 10 } });
    expect(ct.summary.droppedRequests).toBeLessThan(vm.summary.droppedRequests);
    expect(ct.params['autoscaler.cooldownS']).toBe(10);
    expect(ct.sources['autoscaler.cooldownS']).toBe('input');
  });

  it('takes demand points and choice names', async () => {
    const core = await loadCore();
    const r = simulateTrafficSpike(core, {
      preset: 'container',
      demand: {
        points: [
          [0, 100],
          [100, 2000],
        ],
      },
    });
    expect(r.params['demand.shape']).toBe(3);
    expect(r.columns.demandRps[50]).toBe(1050);
    const ramp = simulateTrafficSpike(core, { 'demand.shape': 'ramp' });
    expect(ramp.columns.demandRps[90]).toBe(550);
  });

  it('errors name the field and the range', async () => {
    const core = await loadCore();
    const bad = (input: Record<string, unknown>) => {
      try {
        simulateTrafficSpike(core, input);
      } catch (e) {
        expect(e).toBeInstanceOf(SimError);
        return e as SimError;
      }
      throw new Error('expected an error');
    };
    let e = bad({ autoscaler: { cooldownS: -1 } });
    expect([e.field, e.message]).toEqual(['autoscaler.cooldownS', expect.stringMatching(/from 0 to 100000/)]);
    e = bad({ autoscaler: { cooldown: 1 } });
    expect(e.field).toBe('autoscaler.cooldown');
    e = bad({ 'demand.shape': 'sawtooth' });
    expect(e.message).toMatch(/step, ramp, diurnal, points/);
    // The core's own checks (cross-field) come through as SimErrors too.
    e = bad({ autoscaler: { minInstances: 50, maxInstances: 10 } });
    expect([e.codeName, e.field]).toEqual(['Inconsistent', 'autoscaler.minInstances']);
    e = bad({ durationS: 604800, sampleS: 0.01 });
    expect([e.codeName, e.field]).toEqual(['LimitExceeded', 'sampleS']);
    e = bad({
      demand: {
        points: [
          [10, 5],
          [5, 1],
        ],
      },
    });
    expect(e.field).toBe('demand.points[1].tS');
    // A scenario file written when sizes were in MB is told the new name.
    e = bad({ profile: { pullMBps: 50 } });
    expect([e.field, e.message]).toEqual([
      'profile.pullMBps',
      expect.stringMatching(/is now profile\.pullMiBps \(renamed; the same number, in MiB\/s\)/),
    ]);
  });
});

describe('migration', () => {
  it('VM pre-copy equals the closed-form geometric series', async () => {
    const core = await loadCore();
    for (const [memMiB, dirtyRateMiBps, bandwidthMbps, stopDirtyMiB] of [
      [8192, 100, 10000, 64],
      [4096, 600, 10000, 8],
      [16384, 1000, 25000, 32],
    ]) {
      const r = simulateMigration(core, { memMiB, wwsMiB: memMiB, dirtyRateMiBps, bandwidthMbps, stopDirtyMiB });
      const b = (bandwidthMbps * 1e6) / 8 / 1048576;
      const ratio = dirtyRateMiBps / b;
      let n = 1;
      while (n < 30 && memMiB * ratio ** n > stopDirtyMiB) n++;
      const precopy = (memMiB * (1 - ratio ** n)) / (1 - ratio);
      const last = memMiB * ratio ** n;
      expect(r.summary.preCopyRounds).toBe(n);
      expect(r.summary.sentMiB).toBeCloseTo(precopy + last, 6);
      expect(r.summary.totalS).toBeCloseTo((precopy + last) / b, 9);
      expect(r.summary.downtimeMs).toBeCloseTo((last / b) * 1000, 6);
      r.columns.sentMiB.forEach((s, i) => {
        expect(s).toBeCloseTo(memMiB * ratio ** i, 6);
      });
    }
  });

  it('container stop-and-copy reproduces the published CRIU phases and client-visible downtime', async () => {
    const core = await loadCore();
    const r = simulateMigration(core, { preset: 'container' });
    expect(Array.from(r.columns.phase)).toEqual([3, 4, 5, 6, 7]);
    const ms = Array.from(r.columns.durationS, (s) => s * 1000);
    expect(ms[0]).toBeCloseTo(1550, 9);
    expect(ms[1]).toBeCloseTo(430 + (6.5e6 / (25000e6 / 8)) * 1000, 9);
    expect(ms[2]).toBeCloseTo(3270, 9);
    expect(ms[3]).toBeCloseTo(28.5, 9);
    // Clients saw 5.7-6.2 s; the resume gap is calibrated to the midpoint.
    expect(r.summary.downtimeMs).toBeCloseTo(5950, 6);
    expect(r.columns.running.every((x) => x === 0)).toBe(true);
  });
});

describe('patch day', () => {
  it('a VM fleet has N + H kernels to patch, containers H, with a larger blast radius', async () => {
    const core = await loadCore();
    const vm = simulatePatchDay(core, { preset: 'vm' });
    const ct = simulatePatchDay(core, { preset: 'container' });
    expect([vm.summary.kernelsToRestart, ct.summary.kernelsToRestart]).toEqual([210, 10]);
    expect([vm.summary.imagesToRebuild, ct.summary.imagesToRebuild]).toEqual([200, 1]);
    const mv = simulatePatchDay(core, { preset: 'microvm' });
    expect([mv.summary.kernelsToRestart, mv.summary.imagesToRebuild]).toEqual([210, 1]);
    expect([vm.summary.blastRadiusApps, ct.summary.blastRadiusApps]).toEqual([1, 20]);
    expect(Math.max(...vm.columns.appsDown)).toBeLessThanOrEqual(10);
    expect(vm.columns.kernelsPatched[vm.rows - 1]).toBe(210);
  });
});

describe('datacenter (CloudSim Plus shape)', () => {
  it('places 40,000 VMs on 20,000 hosts and runs 50,000 cloudlets to completion', async () => {
    const core = await loadCore();
    const r = simulate(core, 'datacenter');
    expect(r.summary.vmsPlaced).toBe(40000);
    expect(r.summary.cloudletsRun).toBe(50000);
    expect(r.columns.timeS[100]).toBe(r.summary.makespanS);
    expect(Array.from(r.columns.timeS)).toEqual(Array.from(r.columns.timeS).sort((a, b) => a - b));
    expect(r.sources.hosts).toMatch(/CloudSim Plus/);
  });
});

describe('CPU throttling (CFS bandwidth control)', () => {
  it("reproduces the kernel document's examples: a busy group gets quota/period CPUs", async () => {
    const core = await loadCore('scenarios');
    // Documentation/scheduler/sched-bwc: 250/250 ms is 1 CPU, 1000/500 ms is 2 CPUs, 10/50 ms is 20 % of a CPU.
    for (const [quotaMs, periodMs, cpus] of [
      [250, 250, 1],
      [1000, 500, 2],
      [10, 50, 0.2],
    ]) {
      const r = simulate(core, 'cpu-throttle', { quotaMs, periodMs, threads: 4, workMs: quotaMs * 10 });
      expect(r.summary.limitCpus).toBe(cpus);
      expect(r.rows).toBe(10);
      expect(Array.from(r.columns.cpuMs)).toEqual(new Array(10).fill(quotaMs));
      expect(Array.from(r.columns.periodStartMs)).toEqual(Array.from({ length: 10 }, (_, i) => i * periodMs));
    }
  });

  it('the FAQ example: half a CPU, 120 ms of work, one thread or four', async () => {
    const core = await loadCore('scenarios');
    const one = simulate(core, 'cpu-throttle');
    expect(one.params).toMatchObject({ quotaMs: 50, periodMs: 100, workMs: 120, threads: 1 });
    expect([one.summary.wallMs, one.summary.nrThrottled, one.summary.nrPeriods]).toEqual([220, 2, 3]);
    expect(one.sources.periodMs).toMatch(/CFS bandwidth/);
    const four = simulate(core, 'cpu-throttle', { preset: 'four-threads' });
    expect(Array.from(four.columns.runMs)).toEqual([12.5, 12.5, 5]);
    expect([four.summary.wallMs, four.summary.unthrottledWallMs]).toEqual([205, 30]);
    // More quota, never slower; a quota above one thread's period never throttles one thread.
    const walls = [10, 25, 50, 100].map((quotaMs) => simulate(core, 'cpu-throttle', { quotaMs }).summary.wallMs);
    expect(walls).toEqual([...walls].sort((a, b) => b - a));
    expect(simulate(core, 'cpu-throttle', { quotaMs: 150 }).summary.nrThrottled).toBe(0);
  });

  it('bad input names the field', async () => {
    const core = await loadCore('scenarios');
    expect(() => simulate(core, 'cpu-throttle', { periodMs: 5000 })).toThrow(/periodMs/);
    expect(() => simulate(core, 'cpu-throttle', { threads: 0 })).toThrow(/threads/);
  });
});

describe('stepped runs', () => {
  it('stepping in chunks gives the same result as one call and reports progress', async () => {
    const core = await loadCore();
    for (const name of names) {
      const preset = SCENARIOS[name].presets.at(-1);
      const input = name === 'datacenter' ? { hosts: 200, vms: 400, cloudlets: 500 } : {};
      const whole = simulate(core, name, { preset, ...input });
      const run = new SteppedRun(core, name, { preset, ...input });
      let last = -1;
      let s = run.step(7);
      while (!s.done) {
        expect(s.progress).toBeGreaterThanOrEqual(last);
        last = s.progress;
        s = run.step(7);
      }
      expect(s.progress).toBe(1);
      expect(Array.from(run.result().packed)).toEqual(Array.from(whole.packed));
      run.free();
      expect(() => run.step(1)).toThrow(SimError);
    }
  });

  it('a result before the end and a stale handle are errors', async () => {
    const core = await loadCore();
    const { values } = buildParams(core, 'traffic-spike');
    const h = core.simCreate(1, values);
    core.simStep(h, 3);
    expect(() => core.simResult(h)).toThrow(/not finished/);
    core.simFree(h);
    try {
      core.simStep(h, 1);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as SimError).codeName).toBe('BadHandle');
    }
  });
});
