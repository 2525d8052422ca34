// The core's scenario spec is parsed in one place (src/sim/scenario-spec.ts)
// for the generator and the runtime checks: what it reads from each kind of
// line, what it refuses, and that both readers see the same parameters as
// the core's own spec.
import { describe, expect, it } from 'vitest';
import { loadCore, SPEC_STRIDE } from '../../src/sim/core.ts';
import { SCENARIO_TABLES } from '../../src/sim/params.generated.ts';
import { parseScenarioSpec } from '../../src/sim/scenario-spec.ts';
import { type ScenarioName, scenarioSpec } from '../../src/sim/scenarios.ts';

const TEXT = [
  'scenario\tdemo',
  'variant\tvm',
  'variant\tcontainer',
  'param\tboot.ms\tms\tA paper, Table 2',
  'formerly\tboot.ms\tboot.millis',
  'param\tdemand.shape\tchoice:step|ramp\tmodelling choice',
  'lesson\tcold\tA paper; B docs',
  'set\tcold\tvm\tboot.ms\t1500',
  'set\tcold\t\tdemand.shape\t1',
  'column\ttS\ts',
  'summary\tpeakRps\trps',
  '',
].join('\n');
// default, min, max, integer, step, log, sliderMin, sliderMax
const NUMBERS = new Float64Array([1200, 1, 1e6, 1, 10, 1, 10, 1e5, 0, 0, 1, 1, 1, 0, 0, 1]);

describe('parseScenarioSpec', () => {
  it('reads every kind of line', () => {
    const s = parseScenarioSpec(NUMBERS, TEXT);
    expect(s.scenario).toBe('demo');
    expect(s.variants).toEqual(['vm', 'container']);
    expect(s.params[0]).toEqual({
      name: 'boot.ms',
      unit: 'ms',
      default: 1200,
      source: 'A paper, Table 2',
      min: 1,
      max: 1e6,
      integer: true,
      step: 10,
      scale: 'log',
      sliderMin: 10,
      sliderMax: 1e5,
      formerly: ['boot.millis'],
    });
    expect(s.params[1]).toMatchObject({ name: 'demand.shape', choices: ['step', 'ramp'], scale: 'linear' });
    expect(s.params[1].formerly).toBeUndefined();
    expect(s.lessons).toEqual([
      {
        id: 'cold',
        source: 'A paper; B docs',
        values: [
          { variant: 'vm', name: 'boot.ms', value: 1500 },
          { name: 'demand.shape', value: 1 },
        ],
      },
    ]);
    expect(s.columns).toEqual([{ name: 'tS', unit: 's' }]);
    expect(s.summary).toEqual([{ name: 'peakRps', unit: 'rps' }]);
  });

  it('refuses lines out of order and numbers that do not match the parameters', () => {
    expect(() => parseScenarioSpec(NUMBERS, `formerly\tboot.ms\tboot.millis\n${TEXT}`)).toThrow(
      /earlier name of boot\.ms before the parameter/,
    );
    expect(() => parseScenarioSpec(NUMBERS, `set\tcold\t\tboot.ms\t1\n${TEXT}`)).toThrow(
      /lesson cold before the lesson/,
    );
    expect(() => parseScenarioSpec(NUMBERS.subarray(0, SPEC_STRIDE), TEXT)).toThrow(
      /no numbers for parameter demand\.shape/,
    );
    expect(() => parseScenarioSpec(new Float64Array(3 * SPEC_STRIDE), TEXT)).toThrow(/24 numbers for 2 parameters/);
  });

  it("gives the runtime's checks the parameters, names and earlier names of the generated tables", async () => {
    const core = await loadCore();
    for (const [name, table] of Object.entries(SCENARIO_TABLES)) {
      const spec = scenarioSpec(core, name as ScenarioName);
      expect(spec.params.map((p) => [p.name, p.unit, p.min, p.max, p.formerly ?? []])).toEqual(
        table.params.map((p) => [p.name, p.unit, p.min, p.max, 'formerly' in p ? p.formerly : []]),
      );
    }
  });
});
