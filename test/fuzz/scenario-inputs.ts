// Scenario inputs for fuzzing: mostly valid parameters (dotted or nested,
// choice names, flags as booleans), some hostile values, unknown and
// prototype keys, and traffic-spike demand points.
import fc from 'fast-check';
import type { Core } from '../../src/sim/core.ts';
import { SCENARIOS, scenarioSpec, type ParamInfo, type ScenarioName } from '../../src/sim/scenarios.ts';
import { boundSize } from './bounds.ts';
import { define, hostileJson, hostileKey, hostileValue, PROTO_KEYS } from './hostile.ts';

export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** A valid value for one parameter, size-bounded. */
function goodValue(scenario: string, p: ParamInfo): fc.Arbitrary<unknown> {
  const bound = (v: number) => boundSize(scenario, p.name, v, p.min, p.max);
  const hi = Math.min(p.max, p.min + 1e6);
  const numeric = p.integer
    ? fc.integer({ min: Math.ceil(p.min), max: Math.floor(Math.min(hi, 2 ** 31 - 1)) }).map(bound)
    : fc.double({ min: p.min, max: hi, noNaN: true, noDefaultInfinity: true }).map(bound);
  const options: fc.Arbitrary<unknown>[] = [fc.constant(bound(p.default)), fc.constant(bound(p.min)), numeric];
  if (p.choices) options.push(fc.constantFrom(...p.choices));
  if (p.unit === 'flag') options.push(fc.boolean());
  return fc.oneof(...options);
}

/** `[tS, rps]` pairs, sometimes malformed. */
const points = (bad: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      arbitrary: fc
        .array(fc.tuple(fc.nat(1800), fc.nat(5000)), { minLength: 1, maxLength: 20 })
        .map((a) => a.sort((x, y) => x[0] - y[0])),
      weight: 4,
    },
    { arbitrary: fc.array(fc.oneof(fc.tuple(fc.double(), fc.double()), bad), { maxLength: 4 }), weight: 1 },
    { arbitrary: bad, weight: 1 },
  );

export interface ScenarioCase {
  scenario: ScenarioName;
  input: Record<string, unknown>;
}

/**
 * A scenario input built from the core's spec: up to 4 parameters set (good
 * 6 times in 7), nested or dotted, sometimes a preset (or a wrong one), an
 * unknown or prototype key, demand points. `json` keeps every value JSON-able.
 */
export function scenarioCase(core: Core, opts: { json?: boolean } = {}): fc.Arbitrary<ScenarioCase> {
  const bad = opts.json ? hostileJson : hostileValue;
  return fc.constantFrom(...SCENARIO_NAMES).chain((scenario) => {
    const spec = scenarioSpec(core, scenario);
    const entry = fc.oneof(
      {
        arbitrary: fc
          .constantFrom(...spec.params)
          // Hostile numbers can be valid too: bound those that set the run's size as well.
          .chain((p) =>
            fc.tuple(
              fc.constant(p.name),
              fc
                .oneof({ arbitrary: goodValue(scenario, p), weight: 6 }, { arbitrary: bad, weight: 1 })
                .map((v) => (typeof v === 'number' ? boundSize(scenario, p.name, v, p.min, p.max) : v)),
            ),
          ),
        weight: 12,
      },
      {
        arbitrary: fc.tuple(
          fc.oneof(
            fc.constantFrom(...PROTO_KEYS),
            hostileKey(),
            fc.constantFrom('demand.nope', 'autoscaler.__proto__'),
          ),
          bad,
        ),
        weight: 1,
      },
      ...(scenario === 'traffic-spike'
        ? [{ arbitrary: fc.tuple(fc.constant('demand.points'), points(bad)), weight: 2 }]
        : []),
    );
    const preset = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.constantFrom(...SCENARIOS[scenario].presets), weight: 4 },
      { arbitrary: bad, weight: 1 },
    );
    return fc
      .record({
        entries: fc.array(entry, { maxLength: 4 }),
        nested: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        preset,
      })
      .map(({ entries, nested, preset }) => {
        // The datacenter preset is CloudSim's benchmark size (tens of ms a run): start from a small one.
        const input: Record<string, unknown> = scenario === 'datacenter' ? { hosts: 20, vms: 40, cloudlets: 50 } : {};
        if (preset !== undefined) define(input, 'preset', preset);
        entries.forEach(([name, value], i) => {
          const parts = name.split('.');
          if (!nested[i] || parts.length === 1) {
            define(input, name, value);
            return;
          }
          // Nested form: { autoscaler: { cooldownS: 30 } }.
          let node = input;
          for (const part of parts.slice(0, -1)) {
            const next = Object.getOwnPropertyDescriptor(node, part)?.value;
            if (typeof next === 'object' && next !== null && !Array.isArray(next))
              node = next as Record<string, unknown>;
            else {
              const fresh: Record<string, unknown> = {};
              define(node, part, fresh);
              node = fresh;
            }
          }
          define(node, parts[parts.length - 1], value);
        });
        return { scenario, input };
      });
  });
}
