// Bugs the fuzz properties found, pinned as plain examples so they stay
// fixed even if a generator changes. Each names what used to happen.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import { place, type PlacementInput } from '../../src/sim/placement.ts';
import { kubeScore } from '../../src/sim/kube.ts';
import { generateWorkloads, type GeneratorSpec } from '../../src/sim/workloads.ts';
import { resolveFootprint } from '../../src/sim/profiles.ts';
import { placeText } from '../../src/cli/place.ts';
import { scoreText } from '../../src/cli/score.ts';
import { scenarioSpec, simulate, unpackResult, type ScenarioName } from '../../src/sim/scenarios.ts';
import { parseEmbedConfig } from '../../src/embed/config.ts';
import { parseIncoming } from '../../src/embed/messages.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';

/** The SimError `fn` throws (fails the test for any other outcome). */
function simError(fn: () => unknown): SimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SimError) return err;
    throw new Error(`expected a SimError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected a SimError, got a result');
}

const HOSTS = [{ cpuMillis: 4000, memMiB: 8192 }];
const WORK = [{ cpuMillis: 500, memMiB: 512 }];

describe('fuzz regressions: the core API', () => {
  it('hostFit with a BigInt or a prototype-less object: a SimError naming the field (was a TypeError from the wasm boundary)', async () => {
    const core = await loadCore();
    const e = simError(() =>
      core.hostFit({ hostMemMiB: 1024, hostReserveMiB: 0, appMemMiB: 10n as unknown as number, overheadMiB: 0 }),
    );
    expect(e.field).toBe('appMemMiB');
    expect(e.message).toMatch(/appMemMiB must be a number, got 10n/);
    expect(
      simError(() => core.hostFit({ hostMemMiB: Object.create(null), hostReserveMiB: 0, appMemMiB: 1, overheadMiB: 0 }))
        .field,
    ).toBe('hostMemMiB');
  });

  it('scenario kinds, variants and handles past 2^32 or fractional are rejected (were wrapped: 2^32 + 1 ran kind 1)', async () => {
    const core = await loadCore();
    expect(simError(() => core.scenarioSpec(2 ** 32 + 1, 0)).field).toBe('scenario');
    expect(simError(() => core.scenarioSpec(1, 0.5)).field).toBe('variant');
    expect(simError(() => core.simStep(1.5, 10)).field).toBe('handle');
  });
});

describe('fuzz regressions: placement', () => {
  it('a BigInt amount gets a message, not "Do not know how to serialize a BigInt"', async () => {
    const core = await loadCore();
    const e = simError(() =>
      place(core, { policy: 'first-fit', hosts: [{ cpuMillis: 0, memMiB: 10n as unknown as number }], workloads: [] }),
    );
    expect(e.field).toBe('hosts[0].memMiB');
    expect(e.message).toContain('got 10n');
  });

  it('a 100,000-character value is shown shortened in the message', async () => {
    const core = await loadCore();
    const e = simError(() => place(core, { policy: 'x'.repeat(100_000) as never, hosts: HOSTS, workloads: WORK }));
    expect(e.field).toBe('policy');
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toContain('(100002 characters)');
  });

  it('profile null and profileOverrides null: SimErrors naming them (were TypeErrors)', async () => {
    const core = await loadCore();
    expect(
      simError(() =>
        place(core, { policy: 'first-fit', hosts: HOSTS, workloads: WORK, profile: null } as unknown as PlacementInput),
      ).field,
    ).toBe('profile');
    expect(
      simError(() =>
        place(core, {
          policy: 'first-fit',
          hosts: HOSTS,
          workloads: WORK,
          profile: 'vm',
          profileOverrides: null,
        } as unknown as PlacementInput),
      ).field,
    ).toBe('profileOverrides');
  });

  it('profileOverrides keys inherited from Object.prototype are unknown (constructor was accepted and ignored)', async () => {
    const core = await loadCore();
    for (const key of ['constructor', 'toString', '__proto__']) {
      const overrides = JSON.parse(`{"${key}": 5}`) as Record<string, number>;
      expect(simError(() => resolveFootprint(core, 'vm', overrides)).field).toBe(`profileOverrides.${key}`);
    }
  });

  it('a cpuEfficiency override outside (0, 1] is rejected (0 and 5 were accepted)', async () => {
    const core = await loadCore();
    expect(simError(() => resolveFootprint(core, 'vm', { cpuEfficiency: 0 })).field).toBe(
      'profileOverrides.cpuEfficiency',
    );
    expect(simError(() => resolveFootprint(core, 'vm', { cpuEfficiency: 5 })).field).toBe(
      'profileOverrides.cpuEfficiency',
    );
    expect(resolveFootprint(core, 'vm', { cpuEfficiency: 0.5 }).cpuEfficiency).toBe(0.5);
  });

  it('generator bounds missing or malformed: a SimError naming them (missing cpuMillis was a TypeError; the core said "q" and "min")', async () => {
    const core = await loadCore();
    expect(
      simError(() => generateWorkloads(core, { kind: 'uniform', count: 3, seed: 1 } as unknown as GeneratorSpec)).field,
    ).toBe('cpuMillis');
    const heavy = {
      kind: 'heavy-tailed' as const,
      count: 3,
      seed: 1,
      cpuMillis: [100, 200] as [number, number],
      memMiB: [64, 128] as [number, number],
    };
    expect(simError(() => generateWorkloads(core, { ...heavy, doublingProbability: 2 })).field).toBe(
      'doublingProbability',
    );
    expect(
      simError(() => generateWorkloads(core, { ...heavy, cpuMillis: [0, 200], doublingProbability: 0.5 })).field,
    ).toBe('cpuMillis[0]');
    expect(
      simError(() => generateWorkloads(core, { ...heavy, memMiB: [300, 100], doublingProbability: 0.5 })).field,
    ).toBe('memMiB');
  });

  it('a fractional count or seed is rejected (2.5 workloads silently became 2)', async () => {
    const core = await loadCore();
    expect(simError(() => generateWorkloads(core, { kind: 'dslab', count: 2.5, seed: 1 })).field).toBe('count');
    expect(simError(() => generateWorkloads(core, { kind: 'dslab', count: 2, seed: 0.5 })).field).toBe('seed');
    expect(generateWorkloads(core, { kind: 'dslab', count: 2, seed: 1 })).toHaveLength(4);
  });

  it('virtlab place names generator fields under workloads.generate (the message said just "count")', async () => {
    const core = await loadCore();
    const doc = { policy: 'first-fit', hosts: HOSTS, workloads: { generate: { kind: 'dslab', count: -1, seed: 1 } } };
    const e = simError(() => placeText(core, JSON.stringify(doc)));
    expect(e.field).toBe('workloads.generate.count');
    expect(e.message).toMatch(/^workloads\.generate\.count must be/);
  });

  it('virtlab place: explainStep past the workloads is named explainStep, without "from 0 to -1" (was field step)', async () => {
    const core = await loadCore();
    const e = simError(() =>
      placeText(core, JSON.stringify({ policy: 'first-fit', hosts: HOSTS, workloads: [], explainStep: 0 })),
    );
    expect(e.field).toBe('explainStep');
    expect(e.message).toBe('explainStep cannot be explained: there are no workloads');
    const e2 = simError(() =>
      placeText(core, JSON.stringify({ policy: 'first-fit', hosts: HOSTS, workloads: WORK, explainStep: 3 })),
    );
    expect(e2.message).toBe('explainStep must be a whole number from 0 to 0 (one per workload), got 3');
  });

  it('CSV output quotes a cell with a bare carriage return (it was written raw, splitting the row)', async () => {
    const core = await loadCore();
    const out = scoreText(
      core,
      JSON.stringify({ strategy: 'LeastAllocated', nodes: [{ name: 'a\rb', allocatable: { cpu: 1, memory: 1 } }] }),
      { format: 'csv' },
    );
    expect(out).toBe('node,score,fits\n"a\rb",0,true\n');
  });

  it('a node named __proto__ keeps its score (it vanished from the scores object)', async () => {
    const core = await loadCore();
    const nodes = [
      { name: '__proto__', allocatable: { cpu: 4000, memory: 8e9 } },
      { name: 'b', allocatable: { cpu: 4000, memory: 8e9 } },
    ];
    const r = kubeScore(core, { strategy: 'LeastAllocated', nodes, pod: { cpu: 500, memory: 1e9 } });
    expect(Object.keys(r.scores)).toEqual(['__proto__', 'b']);
    const out = JSON.parse(
      scoreText(core, JSON.stringify({ strategy: 'LeastAllocated', nodes, pod: { cpu: 500, memory: 1e9 } })),
    ) as { scores: object };
    expect(Object.keys(out.scores)).toEqual(['__proto__', 'b']);
  });
});

describe('fuzz regressions: scenarios', () => {
  it('scenario "__proto__" or a prototype-less object: a SimError naming scenario (were TypeErrors)', async () => {
    const core = await loadCore();
    expect(simError(() => scenarioSpec(core, '__proto__' as ScenarioName)).field).toBe('scenario');
    expect(simError(() => simulate(core, Object.create(null) as ScenarioName, {})).field).toBe('scenario');
  });

  it('a __proto__ key in the input is an unknown parameter (it was silently dropped)', async () => {
    const core = await loadCore();
    const input = JSON.parse('{"__proto__": {"memMiB": 1}}') as Record<string, unknown>;
    expect(simError(() => simulate(core, 'migration', input)).field).toBe('__proto__.memMiB');
    expect(simError(() => simulate(core, 'migration', JSON.parse('{"__proto__": 5}'))).field).toBe('__proto__');
  });

  it('an empty key is named as such in the message', async () => {
    const core = await loadCore();
    expect(simError(() => simulate(core, 'migration', { '': 1 })).message).toMatch(
      /^"" \(an empty key\) is not a parameter of migration/,
    );
  });

  it('demand.shape "points" without points: the message says to give demand.points (the core said they must "follow the parameters")', async () => {
    const core = await loadCore();
    const e = simError(() => simulate(core, 'traffic-spike', { 'demand.shape': 'points' }));
    expect(e.field).toBe('demand.points');
    expect(e.message).toMatch(/demand\.points must be given when demand\.shape is points/);
  });

  it('unpackResult rejects a fractional or negative row count (it returned columns shorter than rows)', async () => {
    const core = await loadCore();
    const spec = scenarioSpec(core, 'migration');
    const ns = spec.summary.length;
    const packed = Float64Array.from([1e-300, spec.columns.length, ns, ...new Array(ns).fill(0)]);
    expect(simError(() => unpackResult(packed, spec, new Float64Array(spec.params.length), {})).field).toBe('result');
  });
});

describe('fuzz regressions: URL state and embeds', () => {
  const one = REGISTRY.find((w) => w.id === 'one-host')!;

  it('a 100,000-character link value is quoted shortened in the message (it was repeated in full)', () => {
    const { issues } = readUrlState('one-host', one.params, `?one-host.appMemMiB=${'x'.repeat(100_000)}`);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^The link sets appMemMiB to "x{30}… \(100000 characters\)", but /);
    const c = parseEmbedConfig(one, `?theme=${'<b>'.repeat(30_000)}&preset=${'y'.repeat(50)}`);
    for (const i of c.issues) expect(i.message.length).toBeLessThan(250);
  });

  it('a link reproduces a value with more than 6 significant digits exactly (it was rounded: 1000.1234 → 1000.12)', () => {
    const values = { ...defaults(one.params), hostReserveMiB: 1000.1234 };
    const search = writeUrlState('one-host', one.params, values, '');
    expect(readUrlState('one-host', one.params, search).values.hostReserveMiB).toBe(1000.1234);
    expect(writeUrlState('one-host', one.params, { ...values, hostReserveMiB: 1000.5 }, '')).toContain(
      'hostReserveMiB=1000.5',
    );
  });

  it('a host-page message with a BigInt version or a 100,000-character type gets an error, not a thrown TypeError', () => {
    const r = parseIncoming({ type: 'virtlab:get', version: 10n }, one);
    expect(r).toMatchObject({
      kind: 'error',
      message: 'version 10n (a BigInt) is not supported; this embed speaks version 1.',
    });
    const long = parseIncoming({ type: `virtlab:${'z'.repeat(100_000)}` }, one);
    expect(long.kind === 'error' && long.message.length < 200).toBe(true);
  });
});

describe('fuzz regressions: widgets', () => {
  it('stack explorer: a fractional MiB size from a link is refused next to its control (it reached the core as hosts[0].reserve.diskMiB, or was truncated)', async () => {
    const se = REGISTRY.find((w) => w.id === 'stack-explorer')!;
    const { values, issues } = readUrlState(
      'stack-explorer',
      se.params,
      '?stack-explorer.hostReserveDiskMiB=0.5&stack-explorer.appMemMiB=256.5',
    );
    expect(values).toEqual({});
    expect(issues.map((i) => i.param)).toEqual(['hostReserveDiskMiB', 'appMemMiB']);
    expect(issues[0].message).toMatch(/must be a whole number from 0 to 1048576 MiB/);
  });
});
