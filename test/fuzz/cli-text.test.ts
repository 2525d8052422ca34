// Fuzzing the command line's text entry points (src/cli/): `place`, `score`,
// `simulate` and `presets` take the input file's text and the arguments.
// Malformed JSON, wrong types, unknown and prototype keys and large arrays
// either print well-formed JSON/CSV or throw a SimError naming the field
// (which the CLI turns into exit code 2), never anything else.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs, parseJson } from '../../src/cli/io.ts';
import { placeText } from '../../src/cli/place.ts';
import { presetsText } from '../../src/cli/presets.ts';
import { scoreText } from '../../src/cli/score.ts';
import { runScenarioDocument, simulateText } from '../../src/cli/simulate.ts';
import { loadCore, type Core } from '../../src/sim/core.ts';
import { DIMS, POLICIES } from '../../src/sim/placement.ts';
import { STRATEGIES } from '../../src/sim/kube.ts';
import { fuzzParams, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { hostileJson, hostileRecord, hostileString, hostileText, PROTO_KEYS } from './hostile.ts';
import { fieldRoot, freshCore, resultOrRejection } from './oracles.ts';
import { scenarioCase } from './scenario-inputs.ts';

let core: Core;
let reference: string;

const GOOD_PLACE = JSON.stringify({
  policy: 'first-fit',
  hosts: [{ cpuMillis: 4000, memMiB: 8192, count: 2 }],
  workloads: [{ cpuMillis: 500, memMiB: 3000, count: 5 }],
  profile: 'container',
});
function probe(c: Core): string {
  return placeText(c, GOOD_PLACE) + simulateText(c, JSON.stringify({ scenario: 'migration' }));
}
function expectHealthy(): void {
  expect(probe(core)).toBe(reference);
}

beforeAll(async () => {
  core = await loadCore();
  reference = probe(await freshCore());
});

/** Arguments: mostly the real flags, sometimes odd ones. */
const args = fc.array(
  fc.oneof(
    {
      arbitrary: fc.constantFrom(
        '--format',
        'json',
        'csv',
        '--format=csv',
        '--format=json',
        '--format=xml',
        '--format=',
        '--schema',
      ),
      weight: 4,
    },
    { arbitrary: hostileString.filter((s) => s.length < 200), weight: 1 },
  ),
  { maxLength: 3 },
);

/** Field roots each document may name, besides the whole `input` and `format`. */
const PLACE_FIELDS = new Set([
  'input',
  'format',
  'arguments',
  'policy',
  'hosts',
  'workloads',
  'primary',
  'overcommit',
  'profile',
  'profileOverrides',
  'explainStep',
]);
const SCORE_FIELDS = new Set(['input', 'format', 'arguments', 'strategy', 'resources', 'shape', 'nodes', 'pod']);

/** The flags as the CLI parses them for `command` (throws a SimError naming `arguments` or `format`). */
function cliOptions(command: string, argv: string[]) {
  return parseCliArgs([command, ...argv]).options;
}

/** Fields the document text itself has (an unknown key is named as written). */
function fieldOk(allowed: Set<string>, text: string): (f: string) => boolean {
  let keys: string[] = [];
  try {
    const doc = JSON.parse(text) as unknown;
    if (typeof doc === 'object' && doc !== null) keys = Object.keys(doc);
  } catch {
    // not JSON: only `input` may be named
  }
  return (f) => allowed.has(fieldRoot(f)) || keys.includes(f);
}

/** Parses RFC 4180 CSV strictly: a stray quote or an unclosed field throws. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && cell === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quoted cell');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else cell += text[i++];
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\n') throw new Error(`text after a quoted cell at ${i}`);
      continue;
    }
    const c = text[i++];
    if (c === '"') throw new Error(`stray quote at ${i - 1}`);
    // Spreadsheets end a row at a bare CR too: one inside a cell must be quoted.
    if (c === '\r') throw new Error(`an unquoted carriage return at ${i - 1}`);
    if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('no newline at the end');
  return rows;
}

/** CSV: a header and rows with as many cells each. */
function expectCsv(out: string): string[][] {
  const rows = parseCsv(out);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((r) => r.length !== rows[0].length).length, 'rows with another number of cells').toBe(0);
  return rows;
}

const count = fc.oneof(
  { arbitrary: fc.nat(40), weight: 6 },
  { arbitrary: fc.constantFrom(-1, 0.5, 2 ** 53 + 1, 1e308, 10_000_001), weight: 1 },
);
const amounts = (keys: readonly string[]) =>
  hostileRecord(Object.fromEntries([...keys.map((k) => [k, fc.nat(20_000)]), ['count', count]]), {
    bad: hostileJson,
    hostileWeight: 1,
  });

const placeDoc = hostileRecord(
  {
    policy: fc.constantFrom(...POLICIES),
    hosts: fc.array(amounts(DIMS), { maxLength: 6 }),
    workloads: fc.oneof(
      { arbitrary: fc.array(amounts(DIMS), { maxLength: 30 }), weight: 4 },
      // Large arrays within reason.
      {
        arbitrary: fc
          .nat(2000)
          .map((n) => Array.from({ length: n }, (_, i) => ({ cpuMillis: 10 + (i % 90), memMiB: 32 + (i % 200) }))),
        weight: 1,
      },
      {
        arbitrary: hostileRecord(
          {
            generate: hostileRecord(
              {
                kind: fc.constantFrom('uniform', 'dslab', 'heavy-tailed'),
                count: fc.nat(300),
                seed: fc.nat(),
                cpuMillis: fc.constant([100, 2000]),
                memMiB: fc.constant([64, 4096]),
                doublingProbability: fc.constant(0.5),
              },
              { bad: hostileJson, hostileWeight: 1 },
            ),
          },
          { bad: hostileJson },
        ),
        weight: 2,
      },
    ),
    primary: fc.constantFrom(...DIMS),
    overcommit: fc.record({ cpu: fc.integer({ min: 1, max: 8 }) }),
    profile: fc.oneof(
      fc.constantFrom('vm', 'container', 'microvm', 'kata-fc'),
      fc.record({
        memOverheadMiB: fc.nat(500),
        cpuOverheadMillis: fc.nat(100),
        cpuEfficiency: fc.constant(0.9),
        diskOverheadMiB: fc.nat(100),
      }),
    ),
    profileOverrides: fc.dictionary(
      fc.oneof(fc.constantFrom('guestOsMemMiB', 'vmmOverheadMiB', 'cpuEfficiency'), fc.constantFrom(...PROTO_KEYS)),
      fc.nat(300),
      { maxKeys: 2 },
    ),
    explainStep: fc.nat(40),
  },
  { bad: hostileJson, hostileWeight: 1 },
);

const scoreDoc = hostileRecord(
  {
    strategy: fc.constantFrom(...STRATEGIES),
    resources: fc.array(
      hostileRecord(
        { name: fc.constantFrom('cpu', 'memory'), weight: fc.integer({ min: 1, max: 100 }) },
        { bad: hostileJson, hostileWeight: 1 },
      ),
      { maxLength: 3 },
    ),
    shape: fc.array(
      hostileRecord(
        { utilization: fc.integer({ min: 0, max: 100 }), score: fc.integer({ min: 0, max: 10 }) },
        { bad: hostileJson, hostileWeight: 1 },
      ),
      { maxLength: 3 },
    ),
    nodes: fc.array(
      hostileRecord(
        {
          name: fc.oneof(
            fc.constantFrom('a', 'b', 'c'),
            fc.constantFrom(...PROTO_KEYS),
            hostileString.filter((s) => s.length < 100),
          ),
          allocatable: hostileRecord(
            { cpu: fc.nat(64_000), memory: fc.nat(2 ** 40) },
            { bad: hostileJson, hostileWeight: 1 },
          ),
          requested: hostileRecord(
            { cpu: fc.nat(8000), memory: fc.nat(2 ** 33) },
            { bad: hostileJson, hostileWeight: 1 },
          ),
        },
        { bad: hostileJson, hostileWeight: 1 },
      ),
      { maxLength: 8 },
    ),
    pod: hostileRecord({ cpu: fc.nat(8000), memory: fc.nat(2 ** 33) }, { bad: hostileJson, hostileWeight: 1 }),
  },
  { bad: hostileJson, hostileWeight: 1 },
);

describe('fuzz: the CLI text entry points (src/cli/)', () => {
  it(
    'virtlab place: JSON whose placement adds up, CSV with one row per host, or a SimError naming the field',
    () => {
      fc.assert(
        fc.property(hostileText(placeDoc), args, (text, argv) => {
          const r = resultOrRejection(
            () => placeText(core, text, cliOptions('place', argv)),
            fieldOk(PLACE_FIELDS, text),
          );
          if (!r.ok) return expectHealthy();
          if (cliOptions('place', argv).format === 'csv') return void expectCsv(r.value);
          const out = JSON.parse(r.value) as {
            summary?: { placed: number; unplaced: number };
            assignment?: (number | null)[];
            hosts: { usable: number[]; used: number[] }[];
            chosen?: number;
          };
          if (out.summary && out.assignment) {
            expect(out.summary.placed + out.summary.unplaced).toBe(out.assignment.length);
            expect(out.assignment.filter((a) => a !== null)).toHaveLength(out.summary.placed);
            expect(out.hosts.filter((h) => h.used.some((u, k) => u > h.usable[k])).length, 'hosts over capacity').toBe(
              0,
            );
          } else {
            expect(typeof out.chosen).toBe('number'); // an explainStep view
          }
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'virtlab score: a score in [0, 100] for every node by name, or a SimError naming the field',
    () => {
      fc.assert(
        fc.property(hostileText(scoreDoc), args, (text, argv) => {
          const r = resultOrRejection(
            () => scoreText(core, text, cliOptions('score', argv)),
            fieldOk(SCORE_FIELDS, text),
          );
          if (!r.ok) return expectHealthy();
          const doc = JSON.parse(text) as { nodes: { name: string }[] };
          if (cliOptions('score', argv).format === 'csv') {
            expect(expectCsv(r.value)).toHaveLength(doc.nodes.length + 1);
            return;
          }
          const out = JSON.parse(r.value) as { scores: Record<string, number> };
          // As a set: JSON objects list integer-like names ("0") first.
          expect(Object.keys(out.scores).sort()).toEqual(doc.nodes.map((n) => n.name).sort());
          expect(Object.values(out.scores).every((s) => s >= 0 && s <= 100)).toBe(true);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'virtlab simulate: a result whose series have `rows` values, or a SimError naming scenario.<field>',
    () => {
      const doc = scenarioCase(core, { json: true }).map(({ scenario, input }) => ({ scenario, ...input }));
      const simArgs = fc.array(fc.constantFrom('--format', 'json', 'csv', '--format=csv', '--format=txt', '--format'), {
        maxLength: 2,
      });
      fc.assert(
        fc.property(
          hostileText(fc.oneof({ arbitrary: doc, weight: 8 }, { arbitrary: hostileJson, weight: 1 })),
          simArgs,
          (text, argv) => {
            const r = resultOrRejection(
              () => simulateText(core, text, cliOptions('simulate', argv)),
              (f) => f === 'format' || f === 'arguments' || f === 'scenario' || f.startsWith('scenario.'),
            );
            if (!r.ok) return expectHealthy();
            if (cliOptions('simulate', argv).format === 'csv') return void expectCsv(r.value);
            const out = JSON.parse(r.value) as { rows: number; series: Record<string, number[]> };
            expect(Object.values(out.series).every((s) => s.length === out.rows)).toBe(true);
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'runScenarioDocument (the CLI scenario validation): documents of any shape',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            {
              arbitrary: scenarioCase(core, { json: true }).map(({ scenario, input }) => ({ scenario, ...input })),
              weight: 6,
            },
            { arbitrary: hostileJson, weight: 1 },
          ),
          (doc) => {
            const r = resultOrRejection(
              () => runScenarioDocument(core, doc),
              (f) => f === 'scenario' || f.startsWith('scenario.'),
            );
            if (!r.ok) {
              // Every message names the field it reports, so the terminal line is self-explaining.
              expect(r.error.message).toContain(r.error.field);
              return expectHealthy();
            }
            expect(r.value.scenario).toBe((doc as { scenario: string }).scenario);
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'presets, parseCliArgs, parseJson: any arguments and text give output or a clean rejection',
    () => {
      fc.assert(
        fc.property(args, hostileString, (argv, text) => {
          const p = resultOrRejection(
            () => presetsText(core, cliOptions('presets', argv)),
            (f) => f === 'format' || f === 'arguments',
          );
          if (p.ok) {
            if (cliOptions('presets', argv).format === 'csv') expectCsv(p.value);
            else expect((JSON.parse(p.value) as { profiles: unknown[] }).profiles.length).toBeGreaterThan(0);
          }
          const j = resultOrRejection(
            () => parseJson(text, 'input'),
            (f) => f === 'input',
          );
          if (j.ok) expect(j.value).toEqual(JSON.parse(text));
          else expect(j.error.message).toMatch(/^the input is not valid JSON: /);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
