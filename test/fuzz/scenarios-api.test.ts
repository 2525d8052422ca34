// Fuzzing the typed scenario API (src/sim/scenarios.ts): inputs with valid,
// hostile, unknown and prototype keys either run to a result of the promised
// shape that used exactly the values given, or throw a clean SimError naming
// the field as written; stepped runs agree with one-call runs.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type Core } from '../../src/sim/core.ts';
import {
  SCENARIOS,
  SteppedRun,
  buildParams,
  flattenInput,
  scenarioSpec,
  simulate,
  simulateMigration,
  simulatePatchDay,
  simulateTrafficSpike,
  unpackResult,
  type ScenarioName,
  type ScenarioResult,
} from '../../src/sim/scenarios.ts';
import { fuzzParams, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { edgeNumber, hostileNumber, hostileString, hostileValue } from './hostile.ts';
import { expectFinite, freshCore, resultOrRejection } from './oracles.ts';
import { SCENARIO_NAMES, scenarioCase } from './scenario-inputs.ts';

let core: Core;
let reference: string;

function probe(c: Core): string {
  return (
    simulate(c, 'migration', { preset: 'container' }).traceHash +
    simulate(c, 'patch-day', { apps: 4, hosts: 2 }).traceHash
  );
}
function expectHealthy(): void {
  expect(probe(core)).toBe(reference);
}

beforeAll(async () => {
  core = await loadCore();
  reference = probe(await freshCore());
});

const WRAPPERS: Record<ScenarioName, (c: Core, input: Record<string, unknown>) => ScenarioResult> = {
  'traffic-spike': simulateTrafficSpike,
  migration: simulateMigration,
  'patch-day': simulatePatchDay,
  datacenter: (c, input) => simulate(c, 'datacenter', input),
  'cpu-throttle': (c, input) => simulate(c, 'cpu-throttle', input),
};

/** The flattened keys an input sets (what buildParams must accept or reject by name). */
function keysOf(input: Record<string, unknown>): string[] {
  const { preset: _p, ...rest } = input;
  return Object.keys(flattenInput(rest));
}

/**
 * A field names an input field: a key the input set (flattened), `preset`,
 * `input`, a demand point, or a parameter of the scenario (a check across
 * parameters may name the one at fault that the input left at its default).
 */
function fieldOkFor(scenario: ScenarioName, input: Record<string, unknown>): (f: string) => boolean {
  const keys = keysOf(input);
  const params: readonly string[] = [
    ...SCENARIOS[scenario].params,
    ...(scenario === 'traffic-spike' ? ['demand.points'] : []),
  ];
  return (f) =>
    f === 'preset' ||
    f === 'input' ||
    keys.includes(f) ||
    params.includes(f) ||
    (keys.includes('demand.points') && f.startsWith('demand.points'));
}

/** The result is well-formed and used exactly the values the input gave. */
function expectGoodResult(scenario: ScenarioName, input: Record<string, unknown>, r: ScenarioResult): void {
  const def = SCENARIOS[scenario];
  const spec = scenarioSpec(core, scenario, input.preset as string | undefined);
  expect(Number.isInteger(r.rows) && r.rows >= 0).toBe(true);
  expect(Object.keys(r.columns)).toEqual([...def.columns]);
  // Plain checks in loops, one expect after: an expect per element costs more than the run.
  expect(
    Object.entries(r.columns)
      .filter(([, c]) => c.length !== r.rows)
      .map(([k]) => k),
    'columns without `rows` values',
  ).toEqual([]);
  for (const c of Object.values(r.columns)) expectFinite(c, 'column');
  expect(Object.keys(r.summary)).toEqual([...def.summary]);
  expectFinite(Object.values(r.summary), 'summary');
  expect(r.traceHash).toMatch(/^[0-9a-f]{16}$/);
  const flat = flattenInput(Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'preset')));
  for (const [name, raw] of Object.entries(flat)) {
    if (name === 'demand.points') continue;
    // Every key of an accepted input is a parameter, and its value was used.
    const p = spec.params.find((q) => q.name === name);
    if (!p) throw new Error(`accepted unknown key ${JSON.stringify(name)}`);
    const expected = typeof raw === 'string' ? p.choices!.indexOf(raw) : typeof raw === 'boolean' ? Number(raw) : raw;
    expect(r.params[name]).toBe(expected);
    expect(r.sources[name]).toBe('input');
  }
}

describe('fuzz: scenarios (src/sim/scenarios.ts)', () => {
  it(
    'simulate (and the per-scenario wrappers): a result that used the given values, or a SimError naming the field',
    () => {
      fc.assert(
        fc.property(scenarioCase(core), fc.boolean(), ({ scenario, input }, viaWrapper) => {
          const r = resultOrRejection(
            () => (viaWrapper ? WRAPPERS[scenario](core, input) : simulate(core, scenario, input)),
            fieldOkFor(scenario, input),
          );
          if (!r.ok) return expectHealthy();
          expectGoodResult(scenario, input, r.value);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'simulate with a hostile scenario name or a non-object input: a clean rejection',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.constantFrom(...SCENARIO_NAMES), hostileString, hostileValue),
          hostileValue,
          (scenario, input) => {
            const plain = typeof input === 'object' && input !== null && !Array.isArray(input);
            const known = typeof scenario === 'string' && Object.hasOwn(SCENARIOS, scenario);
            const fieldOk = (f: string) =>
              ['scenario', 'input', 'preset'].includes(f) ||
              (plain && known && fieldOkFor(scenario as ScenarioName, input as Record<string, unknown>)(f));
            const r = resultOrRejection(
              () => simulate(core, scenario as ScenarioName, input as Record<string, unknown>),
              fieldOk,
            );
            if (!r.ok) return expectHealthy();
            expect(SCENARIO_NAMES).toContain(scenario);
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'scenarioSpec: params with min ≤ default ≤ max for every preset, or a SimError naming scenario or preset',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.constantFrom(...SCENARIO_NAMES), hostileString, hostileValue),
          fc.oneof(
            fc.constantFrom('vm', 'container', 'microvm', 'cloudsim-shape', undefined),
            hostileString,
            hostileValue,
          ),
          (scenario, preset) => {
            const r = resultOrRejection(
              () => scenarioSpec(core, scenario as ScenarioName, preset as string),
              (f) => f === 'scenario' || f === 'preset',
            );
            if (!r.ok) return;
            expect(SCENARIO_NAMES).toContain(scenario);
            expect(r.value.params.map((p) => p.name)).toEqual([...SCENARIOS[scenario as ScenarioName].params]);
            for (const p of r.value.params) expect(p.min <= p.default && p.default <= p.max).toBe(true);
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'buildParams / flattenInput: one value per parameter, every value in range, or a clean rejection',
    () => {
      fc.assert(
        fc.property(scenarioCase(core), ({ scenario, input }) => {
          const r = resultOrRejection(() => buildParams(core, scenario, input), fieldOkFor(scenario, input));
          if (!r.ok) return;
          const { values, spec } = r.value;
          expect(values.length).toBeGreaterThanOrEqual(spec.params.length);
          const bad = spec.params
            .filter(
              (p, i) => !(values[i] >= p.min && values[i] <= p.max && (!p.integer || Number.isInteger(values[i]))),
            )
            .map((p) => p.name);
          expect(bad, 'parameters out of range').toEqual([]);
          // Prototype keys stay keys: flattening never changes an object's prototype.
          expect(Object.getPrototypeOf(flattenInput(input))).toBe(Object.prototype);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'unpackResult on hostile packed arrays: columns of `rows` values each, or SimError "result"',
    () => {
      const specs = SCENARIO_NAMES.map((s) => scenarioSpec(core, s));
      fc.assert(
        fc.property(
          fc.nat(specs.length - 1),
          fc.array(hostileNumber, { maxLength: 40 }),
          fc.tuple(fc.oneof(fc.nat(5), edgeNumber), fc.oneof(fc.nat(12), edgeNumber)),
          (k, tail, [rows, cols]) => {
            const spec = specs[k];
            const ns = spec.summary.length;
            // Headers that often match the spec, so the shape check itself is exercised.
            const packed = Float64Array.from([rows, cols === 0 ? spec.columns.length : cols, ns, ...tail]);
            const r = resultOrRejection(
              () => unpackResult(packed, spec, new Float64Array(spec.params.length), {}),
              (f) => f === 'result',
            );
            if (!r.ok) return;
            expect(Number.isInteger(r.value.rows) && r.value.rows >= 0).toBe(true);
            expect(Object.values(r.value.columns).every((c) => c.length === r.value.rows)).toBe(true);
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'SteppedRun: hostile budgets rejected by name; a stepped run ends with the one-call result; a freed run says so',
    () => {
      fc.assert(
        fc.property(
          scenarioCase(core),
          fc.array(
            fc.oneof(
              { arbitrary: fc.integer({ min: 1, max: 5000 }), weight: 4 },
              { arbitrary: hostileValue, weight: 1 },
            ),
            { minLength: 1, maxLength: 4 },
          ),
          ({ scenario, input }, budgets) => {
            const made = resultOrRejection(() => new SteppedRun(core, scenario, input), fieldOkFor(scenario, input));
            if (!made.ok) return expectHealthy();
            const run = made.value;
            try {
              let done = false;
              // A few steps with the fuzzed budgets, then to the end in large steps.
              for (let i = 0; i < 20 && !done; i++) {
                const b = budgets[i % budgets.length];
                const s = resultOrRejection(
                  () => run.step(b as number),
                  (f) => f === 'budget',
                );
                if (!s.ok) {
                  expect(typeof b === 'number' && Number.isInteger(b) && b >= 1 && b <= 1e15).toBe(false);
                  // A rejected step must not break the run: go on with a sane budget.
                  done = run.step(100_000).done;
                  continue;
                }
                if (!(s.value.progress >= 0 && s.value.progress <= 1)) throw new Error(`progress ${s.value.progress}`);
                done = s.value.done;
              }
              for (let i = 0; i < 1000 && !done; i++) done = run.step(1e6).done;
              expect(done).toBe(true);
              expect(run.result().traceHash).toBe(simulate(core, scenario, input).traceHash);
            } finally {
              run.free();
            }
            const after = resultOrRejection(
              () => run.step(1),
              (f) => f === 'handle',
            );
            expect(after.ok ? 'ok' : after.error.codeName).toBe('BadHandle');
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
