// "Live migration" on the real core: the rounds follow M·rⁱ and the totals the
// closed form (an independent check), the container phases add up to the
// published ones, shown totals equal the scenario output, URL state
// round-trips, bad values get named messages.
import { describe, expect, it } from 'vitest';
import { readerSource } from '../../src/sim/citations.ts';
import { loadCore } from '../../src/sim/core.ts';
import { simulateMigration } from '../../src/sim/scenarios.ts';
import { createWidgetModel } from '../../src/widgets/kit/model.ts';
import { checkValue, defaults, findParam } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import {
  computeMigration,
  containerInput,
  durationText,
  roundsTable,
  runTable,
  summary,
  timesTable,
  vmInput,
} from '../../src/widgets/live-migration/model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type MigrationValues } from '../../src/widgets/live-migration/params.ts';

const D = defaults(PARAMS) as MigrationValues;
const MIB = 1048576;

/** Pre-copy by hand: rounds until M·rⁿ ≤ threshold (or the round limit), then stop-and-copy. */
function closedForm(v: MigrationValues): { sent: number[]; totalS: number; downtimeMs: number } {
  const b = (v.bandwidthMbps * 1e6) / 8 / MIB;
  const r = v.dirtyRateMiBps / b;
  const sent = [v.memMiB];
  let n = 1;
  while (n < v.maxRounds && v.memMiB * r ** n > v.stopDirtyMiB) sent.push(v.memMiB * r ** n++);
  sent.push(v.memMiB * r ** n);
  const downtimeS = sent[sent.length - 1] / b + v.switchoverMs / 1000;
  const totalS = sent.slice(0, -1).reduce((s, x) => s + x / b, 0) + downtimeS;
  return { sent, totalS, downtimeMs: downtimeS * 1000 };
}

describe('live migration', () => {
  it('sends M·rⁱ in round i and matches the closed form for total time and downtime', async () => {
    const core = await loadCore();
    for (const v of [
      D,
      { ...D, dirtyRateMiBps: 500 },
      { ...D, memMiB: 4096, dirtyRateMiBps: 1000, stopDirtyMiB: 1, maxRounds: 5, switchoverMs: 20 },
      { ...D, dirtyRateMiBps: 0 },
    ]) {
      const r = computeMigration(core, v);
      const want = closedForm(v);
      expect(r.vm.phases.map((p) => p.sentMiB).length).toBe(want.sent.length);
      r.vm.phases.forEach((p, i) => {
        expect(p.sentMiB).toBeCloseTo(want.sent[i], 6);
      });
      expect(r.vm.totalS).toBeCloseTo(want.totalS, 9);
      expect(r.vm.downtimeMs).toBeCloseTo(want.downtimeMs, 6);
      expect(r.vm.preCopyRounds).toBe(want.sent.length - 1);
    }
  });

  it('shows exactly the scenario output, and says so in words', async () => {
    const core = await loadCore();
    const r = computeMigration(core, D);
    const vm = simulateMigration(core, vmInput(D));
    const ct = simulateMigration(core, containerInput(D));
    expect(r.vm.totalS).toBe(vm.summary.totalS);
    expect(r.vm.downtimeMs).toBe(vm.summary.downtimeMs);
    expect(r.vm.sentMiB).toBe(vm.summary.sentMiB);
    expect(r.container.totalS).toBe(ct.summary.totalS);
    expect(r.container.downtimeMs).toBe(ct.summary.downtimeMs);
    // The container's phases at the published size: 1550 + 430 + 3270 + 28.5 ms, plus 6.5 MB at
    // 10 Gbit/s, plus the calibrated rest of the clients' 5.7-6.2 s (the core's own constant).
    const gap = 5950 - (1550 + 430 + ((6.5e6 * 8) / 25e9) * 1000 + 3270 + 28.5);
    expect(r.container.downtimeMs).toBeCloseTo(1550 + 430 + 3270 + 28.5 + (6.5e6 / (10e9 / 8)) * 1000 + gap, 6);
    expect(r.container.phases.map((p) => p.phase)).toEqual(['dump', 'transfer', 'restore', 'switch', 'resume']);
    expect(summary(r)).toBe(
      `The VM moved in ${durationText(vm.summary.totalS)} with ${durationText(vm.summary.downtimeMs / 1000)} of downtime after 2 pre-copy rounds (8.73 GiB sent for 8 GiB of memory). ` +
        `The container's checkpoint and restore took ${durationText(ct.summary.totalS)}, all of it downtime.`,
    );
    expect(durationText(7.4968)).toBe('7.5 s');
    expect(durationText(0.048357)).toBe('48.4 ms');
    // The tables behind the charts and the export carry the same numbers.
    expect(roundsTable(r).rows.map((x) => x.round)).toEqual([
      'Round 1 (all memory)',
      'Round 2',
      'Stop-and-copy (paused)',
    ]);
    expect(timesTable(r).rows[0]).toMatchObject({ totalS: Math.round(vm.summary.totalS * 1000) / 1000 });
    const t = runTable(r);
    expect(t.rows.filter((x) => x.workload === 'VM').map((x) => x.sentMiB)).toEqual(Array.from(vm.columns.sentMiB));
  });

  it('names the stop condition when pre-copy does not converge', async () => {
    const r = computeMigration(await loadCore(), { ...D, dirtyRateMiBps: 5000, maxRounds: 4 });
    expect(r.vm.converged).toBe(false);
    expect(r.vm.phases.map((p) => p.sentMiB)).toEqual([8192, 8192, 8192, 8192, 8192]);
    expect(summary(r)).toMatch(
      /^Pre-copy did not converge: the guest dirties memory at 419 % of the link's speed, so after 4 pre-copy rounds the VM paused for 6\.87 s/,
    );
  });

  it('a pre-dump moves the checkpoint while the container runs and leaves only the dirtied part for the pause', async () => {
    const r = computeMigration(await loadCore(), {
      ...D,
      containerMemMiB: 2000,
      preDump: 1,
      dirtyRateMiBps: 10,
      bandwidthMbps: 1000,
    });
    const [pre, , transfer] = r.container.phases;
    expect(pre.phase).toBe('pre-dump');
    expect(pre.running).toBe(true);
    expect(pre.sentMiB).toBe(2000);
    expect(transfer.sentMiB).toBeCloseTo(10 * pre.durationS, 9);
    expect(r.container.downtimeMs / 1000).toBeCloseTo(r.container.totalS - pre.durationS, 9);
    // Without the pre-dump the same container is frozen longer.
    const plain = computeMigration(await loadCore(), {
      ...D,
      containerMemMiB: 2000,
      dirtyRateMiBps: 10,
      bandwidthMbps: 1000,
    });
    expect(plain.container.downtimeMs).toBeGreaterThan(r.container.downtimeMs);
    expect(summary(r)).toContain('with a pre-dump took');
  });

  it("puts bad values and the core's complaints next to the right control, keeping the last result", async () => {
    const core = await loadCore();
    const initial = computeMigration(core, D);
    const m = createWidgetModel({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial,
      engine: () => Promise.resolve(core),
      compute: computeMigration,
    });
    await m.start();
    const shown = m.result.value;
    m.set('bandwidthMbps', 0);
    expect(m.issueFor('bandwidthMbps')?.message).toBe(
      'Link bandwidth (bandwidthMbps) must be a number from 10 to 400000 Mbit/s; got 0.',
    );
    expect(m.result.value).toBe(shown);
    m.set('bandwidthMbps', 25000);
    expect(m.issueFor('bandwidthMbps')).toBeUndefined();
    expect(m.result.value.vm.totalS).toBeLessThan(initial.vm.totalS);
    m.applyPreset('podman-criu');
    expect(m.activePresets.value).toContain('podman-criu');
    m.dispose();
  });

  it('round-trips its state through the URL (no seed: the scenario has no randomness)', () => {
    const v = { ...D, dirtyRateMiBps: 900, preDump: 1, wwsPct: 25 };
    const search = writeUrlState(WIDGET_ID, PARAMS, v, '');
    expect(search).toBe('?live-migration.dirtyRateMiBps=900&live-migration.wwsPct=25&live-migration.preDump=on');
    const back = readUrlState(WIDGET_ID, PARAMS, search);
    expect({ ...D, ...back.values }).toEqual(v);
    const bad = readUrlState(WIDGET_ID, PARAMS, '?live-migration.memMiB=lots');
    expect(bad.issues[0]).toEqual({
      param: 'memMiB',
      message:
        'The link sets memMiB to "lots", but VM memory (memMiB) must be a number from 1 to 1048576 MiB; using the default, 8192 MiB.',
    });
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
