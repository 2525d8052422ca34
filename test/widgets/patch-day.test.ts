// "Patch day" on the real core: kernel counts against an independent count,
// the time grid, words, export rows, the worker path (the real worker host
// in-process), URL round-trip with the seed, and named messages for bad values.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { scenarioSpec } from '../../src/sim/scenarios.ts';
import { SimWorkerClient, type WorkerLike } from '../../src/sim/worker-client.ts';
import { createWorkerHost } from '../../src/sim/worker-host.ts';
import type { FromWorker, ToWorker } from '../../src/sim/worker-protocol.ts';
import { createWidgetModel } from '../../src/widgets/kit/model.ts';
import { checkValue, checkValues, defaults } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import {
  computePatchDay,
  DESIGNS,
  MAX_FRAMES,
  runTable,
  seriesTable,
  summary,
  type PatchDayResult,
} from '../../src/widgets/patch-day/model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName, type PatchDayValues } from '../../src/widgets/patch-day/params.ts';
import { computePatchDayInWorker } from '../../src/widgets/patch-day/worker-runs.ts';

const D = defaults(PARAMS);

async function run(v: Partial<PatchDayValues> = {}): Promise<PatchDayResult> {
  return computePatchDay(await loadCore(), { ...D, ...v });
}

const by = (r: PatchDayResult) => Object.fromEntries(r.designs.map((d) => [d.id, d]));

/** The worker protocol with the real worker host in this thread. */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  readonly #host = createWorkerHost({
    loadCore: () => loadCore(),
    post: (m) => queueMicrotask(() => this.onmessage?.({ data: structuredClone(m) })),
  });
  postMessage(m: ToWorker): void {
    void this.#host.onMessage(m);
  }
}

describe('patch day', () => {
  it('patches N + H kernels as VMs and microVMs, H as containers', async () => {
    for (const [apps, hosts] of [
      [200, 10],
      [120, 8],
      [7, 3],
    ]) {
      const d = by(await run({ apps, hosts }));
      expect(d.vm.kernelsToRestart).toBe(apps + hosts);
      expect(d.microvm.kernelsToRestart).toBe(apps + hosts);
      expect(d.container.kernelsToRestart).toBe(hosts);
      expect([d.vm.imagesToRebuild, d.container.imagesToRebuild]).toEqual([apps, 1]);
      // One kernel bug: one guest, or every app on the busiest host.
      expect([d.vm.blastRadiusApps, d.microvm.blastRadiusApps, d.container.blastRadiusApps]).toEqual([
        1,
        1,
        Math.ceil(apps / hosts),
      ]);
    }
  });

  it('never has more apps down than allowed, and ends with every kernel patched', async () => {
    const r = await run({ maxUnavailable: 7 });
    for (const d of DESIGNS) {
      expect(Math.max(...r.appsDown[d.id])).toBeLessThanOrEqual(7);
      expect(r.kernelsPatched[d.id].at(-1)).toBe(by(r)[d.id].kernelsToRestart);
      expect(r.appsDown[d.id].length).toBe(r.timeS.length);
    }
    expect(r.sampleS).toBe(1);
    // The grid covers the longest run.
    expect(r.timeS.at(-1)).toBeGreaterThanOrEqual(Math.max(...r.designs.map((d) => d.totalS)));
    // Guests reboot 10 at a time for 8 s each before the hosts: 200 / 10 × 8 s.
    expect(by(await run()).vm.totalS).toBeGreaterThan((200 / 10) * 8 + 10 * 180);
  });

  it('keeps the chart to at most MAX_FRAMES points, each the worst of its samples', async () => {
    const r = await run({ apps: 2000, hosts: 20, maxUnavailable: 3 });
    expect(r.timeS.length).toBeLessThanOrEqual(MAX_FRAMES);
    expect(Math.max(...r.appsDown.vm)).toBe(3);
  });

  it('puts the comparison in words and in the export', async () => {
    const r = await run();
    expect(summary(r)).toMatch(
      /^Patching 200 apps on 10 hosts: as VMs 210 running kernels to restart and 200 images to rebuild, in \d+ min, as containers 10 running kernels to restart and 1 image to rebuild, in \d+ min, as microVMs 210 running kernels to restart and 1 image to rebuild, in \d+ min\. One kernel vulnerability exposes 1 app in a VM or microVM design \(each has its own guest kernel\), but all 20 apps on a host in the container design \(one shared kernel\)\.$/,
    );
    const t = runTable(r);
    expect(t.rows.map((row) => [row.design, row.kernelsToRestart, row.blastRadiusApps])).toEqual([
      ['VMs', 210, 1],
      ['Containers', 10, 20],
      ['MicroVMs', 210, 1],
    ]);
    expect(t.rows[0].totalS).toBe(Number(by(r).vm.totalS.toFixed(3)));
    expect(seriesTable(r).rows).toHaveLength(r.timeS.length);
  });

  it('gives the same result in the worker, and the same seed gives the same jittered run', async () => {
    const client = new SimWorkerClient(new InProcessWorker());
    const v = { ...D, jitter: 0.5, seed: 42, apps: 60, hosts: 4 };
    const ctrl = new AbortController();
    const progress: number[] = [];
    const inWorker = await computePatchDayInWorker(client, v, {
      signal: ctrl.signal,
      progress: (f) => progress.push(f),
    });
    const here = computePatchDay(await loadCore(), v);
    expect(inWorker).toEqual(here);
    expect(computePatchDay(await loadCore(), v)).toEqual(here);
    expect(computePatchDay(await loadCore(), { ...v, seed: 43 }).designs[0].traceHash).not.toBe(
      here.designs[0].traceHash,
    );
  });

  it('runs a 100,000-app fleet in the worker with progress; a bad value waits next to its control', async () => {
    const client = new SimWorkerClient(new InProcessWorker());
    const m = createWidgetModel<ParamName, PatchDayResult | null, SimWorkerClient>({
      id: WIDGET_ID,
      params: PARAMS,
      initial: null,
      engine: () => Promise.resolve(client),
      compute: computePatchDayInWorker,
    });
    await m.start();
    await expect.poll(() => m.status.value).toBe('ready');
    const progress: number[] = [];
    const stop = m.progress.subscribe((p) => p !== null && progress.push(p));
    m.setMany({ apps: 100000, hosts: 1000, maxUnavailable: 100 });
    await expect.poll(() => m.result.value?.apps, { timeout: 100_000 }).toBe(100000);
    stop();
    expect(progress.length).toBeGreaterThan(0);
    const big = m.result.value!;
    expect(by(big).vm.kernelsToRestart).toBe(101000);
    expect(big.timeS.length).toBeLessThanOrEqual(MAX_FRAMES);
    m.set('hosts', 0);
    expect(m.issueFor('hosts')?.message).toBe('Hosts (hosts) must be a whole number from 1 to 10000 hosts; got 0.');
    expect(m.result.value).toBe(big);
    m.dispose();
  });

  it('round-trips its state, seed included, through the URL', () => {
    const v = { ...D, apps: 120, hosts: 8, jitter: 0.25, seed: 7 };
    const search = writeUrlState(WIDGET_ID, PARAMS, v, '');
    expect(search).toBe('?patch-day.apps=120&patch-day.hosts=8&patch-day.jitter=0.25&patch-day.seed=7');
    expect(writeUrlState(WIDGET_ID, PARAMS, { ...D, apps: 50 }, '')).toBe('?patch-day.apps=50&patch-day.seed=1');
    const back = readUrlState(WIDGET_ID, PARAMS, search);
    expect(back.issues).toEqual([]);
    expect({ ...D, ...back.values }).toEqual(v);
  });

  it('names the parameter and its range for bad values', () => {
    const bad = readUrlState(WIDGET_ID, PARAMS, '?patch-day.maxUnavailable=-3&patch-day.drainBeforeReboot=2');
    expect(bad.values).toEqual({});
    expect(bad.issues).toEqual([
      {
        param: 'maxUnavailable',
        message:
          'The link sets maxUnavailable to "-3", but Max unavailable (maxUnavailable) must be a whole number from 1 to 100000 apps; using the default, 10 apps.',
      },
      {
        param: 'drainBeforeReboot',
        message:
          'The link sets drainBeforeReboot to "2", but Drain a host before its reboot (drainBeforeReboot) must be on or off; using the default, on.',
      },
    ]);
    expect(checkValues(PARAMS, { ...D, hosts: 0 })).toEqual({
      hosts: 'Hosts (hosts) must be a whole number from 1 to 10000 hosts; got 0.',
    });
  });

  it("has a source for every default, valid presets, and defaults equal to the core's scenario presets", async () => {
    for (const p of PARAMS) {
      expect(p.source.length, p.name).toBeGreaterThan(10);
      expect(checkValue(p, p.default), p.name).toBeNull();
    }
    for (const preset of PRESETS) {
      for (const [k, v] of Object.entries(preset.values))
        expect(checkValue(PARAMS.find((p) => p.name === k)!, v as number), `${preset.id}.${k}`).toBeNull();
    }
    const core = await loadCore();
    for (const d of DESIGNS) {
      const spec = Object.fromEntries(scenarioSpec(core, 'patch-day', d.id).params.map((p) => [p.name, p]));
      expect(D[d.restart], d.id).toBe(spec.instanceRestartS.default);
      for (const k of [
        'seed',
        'apps',
        'hosts',
        'maxUnavailable',
        'maxHostsRebooting',
        'hostRebootS',
        'drainBeforeReboot',
        'strictWaves',
        'jitter',
      ] as const) {
        expect(D[k], k).toBe(spec[k].default);
        const p = PARAMS.find((q) => q.name === k)!;
        // The widget's ranges stay inside the core's.
        expect(p.min, k).toBeGreaterThanOrEqual(spec[k].min);
        expect(p.max, k).toBeLessThanOrEqual(spec[k].max);
      }
    }
  });
});
