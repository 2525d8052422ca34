// `virtlab simulate`: scenario documents, output formats, errors, and the
// committed JSON Schema staying equal to what the core generates.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import type { SimError } from '../../src/sim/errors.ts';
import { joinOutput, parseCliArgs } from '../../src/cli/io.ts';
import { run, scenarioJsonSchema, simulateText } from '../../src/cli/simulate.ts';

describe('virtlab simulate', () => {
  it('the committed schema equals the one generated from the core', async () => {
    const core = await loadCore();
    const committed = JSON.parse(readFileSync(new URL('../../src/cli/scenario.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema(core));
  });

  it('prints JSON with summary, sources and series', async () => {
    const out = JSON.parse(
      joinOutput(
        await run(
          parseCliArgs(['simulate']).options,
          JSON.stringify({ scenario: 'traffic-spike', preset: 'container', autoscaler: { cooldownS: 10 } }),
        ),
      ),
    );
    expect(out.scenario).toBe('traffic-spike');
    expect(out.series.timeS).toHaveLength(out.rows);
    expect(out.sources['autoscaler.cooldownS']).toBe('input');
    expect(out.sources['profile.bootS']).toMatch(/607 ms/);
    expect(out.traceHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('prints CSV for the time series', async () => {
    const core = await loadCore();
    const csv = simulateText(
      core,
      JSON.stringify({ scenario: 'migration' }),
      parseCliArgs(['simulate', '--format', 'csv']).options,
    );
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('phase,startS,durationS,sentMiB,dirtyAfterMiB,running');
    expect(lines).toHaveLength(4); // two pre-copy rounds and the stop-and-copy
    expect(lines[1].split(',')[3]).toBe('8192');
  });

  it("a container's migration downtime grows with its memory, and a pre-dump shortens it (issue 13)", async () => {
    // `npx virtlab simulate` with scenario migration, preset container, memMiB 16384 and wwsMiB 512
    // against memMiB 1024 and wwsMiB 512, everything else default.
    const downtime = async (memMiB: number, preDump: number): Promise<number> => {
      const doc = { scenario: 'migration', preset: 'container', memMiB, wwsMiB: 512, criu: { preDump } };
      return JSON.parse(joinOutput(await run(parseCliArgs(['simulate']).options, JSON.stringify(doc)))).summary
        .downtimeMs;
    };
    const small = await downtime(1024, 0);
    const big = await downtime(16384, 0);
    expect(big).toBeGreaterThanOrEqual(2 * small);
    expect(await downtime(16384, 1)).toBeLessThan(big);
  });

  it('accepts dotted keys, choice names and boolean flags', async () => {
    const core = await loadCore();
    const out = JSON.parse(
      simulateText(
        core,
        JSON.stringify({ scenario: 'traffic-spike', 'demand.shape': 'diurnal', profile: { baseCached: false } }),
      ),
    );
    expect(out.params['demand.shape']).toBe(2);
    expect(out.params['profile.baseCached']).toBe(0);
  });

  it('errors name the field as scenario.<path>', async () => {
    const core = await loadCore();
    const fail = (doc: unknown, text?: string): SimError => {
      try {
        simulateText(core, text ?? JSON.stringify(doc));
      } catch (e) {
        return e as SimError;
      }
      throw new Error('expected an error');
    };
    expect(fail({ scenario: 'traffic-spike', autoscaler: { cooldownS: -3 } }).message).toBe(
      'scenario.autoscaler.cooldownS must be a number from 0 to 100000, got -3',
    );
    expect(fail({ scenario: 'traffic-spike', autoscaler: { minInstances: 99, maxInstances: 3 } }).field).toBe(
      'scenario.autoscaler.minInstances',
    );
    expect(fail({ scenario: 'warp' }).field).toBe('scenario.scenario');
    expect(fail({ scenario: 'migration', preset: 'lxc' }).field).toBe('scenario.preset');
    expect(fail({ scenario: 'patch-day', hosts: 'ten' }).message).toMatch(/scenario\.hosts must be a number/);
    expect(fail({ scenario: 'patch-day', kernels: 3 }).field).toBe('scenario.kernels');
    expect(fail(null, '{nope').field).toBe('scenario');
    expect(() => parseCliArgs(['simulate', '--format', 'xml'])).toThrow(/json or csv/);
  });
});
