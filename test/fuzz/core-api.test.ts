// Fuzzing the core's typed TypeScript API (src/sim/core.ts): every call
// returns a well-formed result or throws a clean SimError naming an input
// field, never traps, and leaves the core answering a known-good call
// exactly as a fresh instance does.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, SPEC_STRIDE, type Core } from '../../src/sim/core.ts';
import { SCENARIOS } from '../../src/sim/scenarios.ts';
import { boundSize } from './bounds.ts';
import { fuzzParams, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { edgeNumber, hostileNumber, hostileValue } from './hostile.ts';
import { expectFinite, freshCore, resultOrRejection } from './oracles.ts';

let core: Core;
let reference: string;

/** Cheap known-good calls whose answers must not change after any rejected call. */
function probe(c: Core): string {
  const fit = c.hostFit({ hostMemMiB: 32768, hostReserveMiB: 3584, appMemMiB: 256, overheadMiB: 387 });
  const run = c.scenarioRun(
    SCENARIOS.migration.kind,
    c.scenarioSpec(SCENARIOS.migration.kind, 0).numbers.filter((_, i) => i % SPEC_STRIDE === 0),
  );
  return JSON.stringify({ fit, run: Array.from(run) });
}

function expectHealthy(): void {
  expect(probe(core)).toBe(reference);
}

beforeAll(async () => {
  core = await loadCore();
  reference = probe(await freshCore());
});

const HOST_FIT_FIELDS = ['hostMemMiB', 'hostReserveMiB', 'appMemMiB', 'overheadMiB'] as const;
const KINDS = Object.values(SCENARIOS).map((s) => s.kind);
/** Parameter names of every scenario: the fields the core may name for a params array. */
const SCENARIO_FIELDS = new Set<string>(Object.values(SCENARIOS).flatMap((s) => [...s.params]));

/** The core names a parameter, the packed `params`, the scenario (`kind`) or the demand points tail. */
const scenarioFieldOk = (f: string): boolean =>
  SCENARIO_FIELDS.has(f) ||
  f === 'params' ||
  f === 'scenario' ||
  f.startsWith('params[') ||
  f.startsWith('demand.points');

/** A number the wasm boundary gets: mostly hostile, sometimes the wrong JS type. */
const boundaryValue = fc.oneof({ arbitrary: hostileNumber, weight: 6 }, { arbitrary: hostileValue, weight: 1 });

/** A scenario kind or a hostile stand-in. */
const kindArb = fc.oneof(fc.constantFrom(...KINDS), edgeNumber, fc.integer({ min: -5, max: 10 }));

/** SIZE_BOUNDS applied to a parameter array in the core's order. */
function boundSizes(kind: number, params: number[], spec: Float64Array): number[] {
  const [scenario, def] = Object.entries(SCENARIOS).find(([, d]) => d.kind === kind)!;
  return params.map((v, i) =>
    boundSize(scenario, def.params[i], v, spec[SPEC_STRIDE * i + 1], spec[SPEC_STRIDE * i + 2]),
  );
}

/** A parameter array: the preset defaults (sizes bounded) with a few positions made hostile, or a wrong length. */
function paramsArb(): fc.Arbitrary<{ kind: number; params: number[] }> {
  return fc
    .tuple(
      fc.constantFrom(...KINDS),
      fc.array(fc.tuple(fc.nat(40), hostileNumber), { maxLength: 3 }),
      fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, { arbitrary: fc.integer({ min: -30, max: 5 }), weight: 1 }),
    )
    .map(([kind, edits, lengthDelta]) => {
      const spec = core.scenarioSpec(kind, 0).numbers;
      let params = Array.from(spec.filter((_, i) => i % SPEC_STRIDE === 0));
      for (const [i, v] of edits) if (i < params.length) params[i] = v;
      params = boundSizes(kind, params, spec);
      const len = Math.max(0, params.length + lengthDelta);
      return { kind, params: params.slice(0, len).concat(new Array(Math.max(0, len - params.length)).fill(1)) };
    });
}

describe('fuzz: Core (src/sim/core.ts)', () => {
  it(
    'hostFit: a fit that adds up, or a SimError naming the input',
    () => {
      fc.assert(
        fc.property(fc.tuple(boundaryValue, boundaryValue, boundaryValue, boundaryValue), (vals) => {
          const input = Object.fromEntries(HOST_FIT_FIELDS.map((f, i) => [f, vals[i]])) as unknown as Parameters<
            Core['hostFit']
          >[0];
          const r = resultOrRejection(
            () => core.hostFit(input),
            (f) => (HOST_FIT_FIELDS as readonly string[]).includes(f),
          );
          if (!r.ok) return expectHealthy();
          const { hostMemMiB, hostReserveMiB, appMemMiB, overheadMiB } = input;
          const fit = r.value;
          expectFinite([fit.apps, fit.appMemMiB, fit.overheadMemMiB, fit.freeMemMiB], 'hostFit');
          expect(Number.isInteger(fit.apps) && fit.apps >= 0).toBe(true);
          expect(fit.appMemMiB).toBe(fit.apps * appMemMiB);
          expect(fit.overheadMemMiB).toBe(fit.apps * overheadMiB);
          // Nothing over capacity, and no room left for one more instance.
          const tol = 1e-9 * hostMemMiB;
          expect(fit.freeMemMiB).toBeGreaterThanOrEqual(-tol);
          expect(fit.freeMemMiB).toBeLessThan(appMemMiB + overheadMiB + tol);
          expect(
            Math.abs(fit.appMemMiB + fit.overheadMemMiB + fit.freeMemMiB + hostReserveMiB - hostMemMiB),
          ).toBeLessThanOrEqual(tol);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'scenarioSpec: SPEC_STRIDE numbers per parameter in range, or a clean rejection',
    () => {
      fc.assert(
        fc.property(kindArb, fc.oneof(fc.integer({ min: -2, max: 4 }), edgeNumber), (kind, variant) => {
          const r = resultOrRejection(
            () => core.scenarioSpec(kind, variant),
            (f) => f === 'kind' || f === 'variant' || f === 'scenario' || f === 'preset',
          );
          if (!r.ok) return expectHealthy();
          // Accepted only for a real kind and a whole variant (no silent u32 wrap-around).
          expect(KINDS).toContain(kind);
          expect(Number.isInteger(variant) && variant >= 0).toBe(true);
          const params = r.value.text.split('\n').filter((l) => l.startsWith('param\t'));
          expect(r.value.numbers.length).toBe(params.length * SPEC_STRIDE);
          expectFinite(r.value.numbers, 'spec');
          for (let i = 0; i < r.value.numbers.length; i += SPEC_STRIDE) {
            const [def, min, max, integer, , , sliderMin, sliderMax] = r.value.numbers.subarray(i, i + SPEC_STRIDE);
            // The control's range lies inside the range the core accepts.
            expect(min <= sliderMin && sliderMin <= sliderMax && sliderMax <= max).toBe(true);
            expect(min <= def && def <= max).toBe(true);
            expect(integer === 0 || integer === 1).toBe(true);
          }
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'scenarioRun: a packed result of the promised shape, or a SimError naming a parameter',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            { arbitrary: paramsArb(), weight: 9 },
            { arbitrary: fc.record({ kind: kindArb, params: fc.array(hostileNumber, { maxLength: 40 }) }), weight: 1 },
          ),
          ({ kind, params }) => {
            const r = resultOrRejection(() => core.scenarioRun(kind, params), scenarioFieldOk);
            if (!r.ok) return expectHealthy();
            const p = r.value;
            const def = Object.values(SCENARIOS).find((s) => s.kind === kind);
            if (!def) throw new Error(`scenarioRun accepted kind ${kind}`);
            expect(p[1]).toBe(def.columns.length);
            expect(p[2]).toBe(def.summary.length);
            expect(p.length).toBe(3 + p[2] + p[0] * p[1]);
            expectFinite(p, 'scenario result');
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stepped runs: create/step/result/free with hostile handles and budgets',
    () => {
      const live: number[] = [];
      const fieldOk = (f: string) => scenarioFieldOk(f) || f === 'handle' || f === 'budget';
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              fc.record({ op: fc.constant('create' as const), input: paramsArb() }),
              fc.record({
                op: fc.constantFrom('step' as const, 'result' as const, 'free' as const),
                handle: fc.oneof(fc.nat(3), edgeNumber, fc.integer()),
                budget: hostileNumber,
              }),
            ),
            { minLength: 1, maxLength: 6 },
          ),
          (ops) => {
            for (const o of ops) {
              // Handles: an index into the runs created so far, or a hostile number.
              const h =
                o.op === 'create'
                  ? 0
                  : Number.isInteger(o.handle) && o.handle >= 0 && o.handle < live.length
                    ? live[o.handle]
                    : o.handle;
              const budget =
                o.op === 'step' && Number.isFinite(o.budget) && o.budget > 1e5 ? 1e5 : o.op === 'create' ? 0 : o.budget;
              const r = resultOrRejection(() => {
                if (o.op === 'create') return core.simCreate(o.input.kind, o.input.params);
                if (o.op === 'step') return core.simStep(h, budget);
                if (o.op === 'result') return core.simResult(h);
                return core.simFree(h);
              }, fieldOk);
              if (!r.ok) {
                expectHealthy();
                continue;
              }
              if (o.op === 'create') {
                expect(Number.isInteger(r.value) && (r.value as number) > 0).toBe(true);
                live.push(r.value as number);
              } else if (o.op === 'step') {
                const s = r.value as { done: boolean; progress: number; events: number };
                expect(s.progress >= 0 && s.progress <= 1).toBe(true);
                expectFinite([s.events], 'events');
              } else if (o.op === 'result') {
                const p = r.value as Float64Array;
                expect(p.length).toBe(3 + p[2] + p[0] * p[1]);
                expectFinite(p, 'stepped result');
              }
            }
            // Every live run freed once; a second free is a clean BadHandle.
            while (live.length) {
              const h = live.pop()!;
              resultOrRejection(() => core.simFree(h), fieldOk);
              const again = resultOrRejection(() => core.simFree(h), fieldOk);
              expect(again.ok ? 'ok' : again.error.codeName).toBe('BadHandle');
            }
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'engineHold: hostile counts are rejected by name; small valid runs process every event',
    () => {
      // Valid counts are kept small (the benchmark's millions of events are not a fuzz case).
      const count = fc.oneof(
        edgeNumber.filter((n) => !(n >= 1 && n <= 1e3)),
        fc.integer({ min: -3, max: 300 }),
        fc.double({ min: -1, max: 200 }),
      );
      fc.assert(
        fc.property(
          count,
          fc.oneof(
            edgeNumber.filter((n) => !(n >= 1 && n <= 1e3)),
            fc.integer({ min: -2, max: 50 }),
          ),
          fc.oneof(hostileNumber, fc.nat()),
          (events, entities, seed) => {
            const r = resultOrRejection(
              () => core.engineHold(events, entities, seed),
              (f) => f === 'events' || f === 'entities' || f === 'seed',
            );
            if (!r.ok) return expectHealthy();
            expect(r.value.events).toBe(Math.floor(events));
            expectFinite([r.value.endTimeS, r.value.traceHashHi, r.value.traceHashLo], 'hold');
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
