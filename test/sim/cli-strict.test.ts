// The CLI refuses what it does not understand (unknown keys at any depth,
// `__proto__`, null for a number), parses its flags once, streams large
// output, and says what the user wrote in its messages.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CHARS, csvChunks, parseCliArgs } from '../../src/cli/io.ts';
import { placeOutput, placeText } from '../../src/cli/place.ts';
import { scoreText } from '../../src/cli/score.ts';
import { simulateText } from '../../src/cli/simulate.ts';
import { NUMBER, arr, checkShape, obj, record } from '../../src/cli/strict.ts';
import { loadCore, type Core } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

function rejection(fn: () => unknown): SimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimError) return e;
    throw e;
  }
  throw new Error('expected a SimError');
}

const HOST = { cpuMillis: 4000, memMiB: 8192 };
const place = (doc: object) => rejection(() => placeText(core, JSON.stringify(doc)));
const NODE = { name: 'a', allocatable: { cpu: 4000, memory: 8e9 } };
const score = (doc: object) => rejection(() => scoreText(core, JSON.stringify(doc)));

describe('checkShape', () => {
  const shape = obj({ a: arr(obj({ b: NUMBER })), m: record(NUMBER) }, { required: ['a'] });
  it('names the path of an unknown key at any depth, and lists the known ones', () => {
    const e = rejection(() => checkShape({ a: [{ b: 1 }, { b: 2, c: 3 }] }, shape));
    expect(e.field).toBe('a[1].c');
    expect(e.message).toBe('a[1].c is not a known field of a[1] (known: b)');
  });
  it('rejects __proto__ (as JSON.parse makes it: an own key) in objects and maps', () => {
    expect(rejection(() => checkShape(JSON.parse('{"a": [], "__proto__": {}}'), shape)).field).toBe('__proto__');
    expect(rejection(() => checkShape(JSON.parse('{"a": [], "m": {"__proto__": 1}}'), shape)).field).toBe(
      'm.__proto__',
    );
    // Keys every object inherits are not fields either.
    expect(rejection(() => checkShape({ a: [], constructor: 1 }, shape)).field).toBe('constructor');
  });
  it('null is not a number, and a missing required field is named', () => {
    expect(rejection(() => checkShape({ a: [{ b: null }] }, shape)).message).toBe('a[0].b must be a number, got null');
    expect(rejection(() => checkShape({}, shape)).message).toBe('a is required');
    expect(() => checkShape({ a: [{ b: 1 }], m: { x: 2 } }, shape)).not.toThrow();
  });
});

describe('virtlab place: strict input', () => {
  it('a typo inside a host or its reserve is an error, not 0', () => {
    expect(place({ policy: 'first-fit', hosts: [{ ...HOST, diskMib: 10 }], workloads: [] }).field).toBe(
      'hosts[0].diskMib',
    );
    expect(place({ policy: 'first-fit', hosts: [{ ...HOST, reserve: { cpuu: 1 } }], workloads: [] }).message).toMatch(
      /^hosts\[0\]\.reserve\.cpuu is not a known field/,
    );
    expect(
      place({ policy: 'first-fit', hosts: [HOST], workloads: { generate: { kind: 'dslab', count: 1, seed: 1, x: 1 } } })
        .field,
    ).toBe('workloads.generate.x');
    expect(place({ policy: 'first-fit', hosts: [HOST], workloads: [], overcommit: { cpus: 2 } }).field).toBe(
      'overcommit.cpus',
    );
  });
  it('null where a number or a name is expected is an error (it was 0 or the default)', () => {
    expect(place({ policy: 'first-fit', hosts: [{ ...HOST, diskMiB: null }], workloads: [] }).message).toBe(
      'hosts[0].diskMiB must be a number, got null',
    );
    expect(place({ policy: 'best-fit', hosts: [HOST], workloads: [], primary: null }).field).toBe('primary');
    expect(place({ policy: 'first-fit', hosts: [HOST], workloads: [], overcommit: null }).field).toBe('overcommit');
    expect(place({ policy: 'first-fit', hosts: [HOST], workloads: [{ cpuMillis: 1, memMiB: null }] }).field).toBe(
      'workloads[0].memMiB',
    );
  });
  it('__proto__ inside a host is rejected', () => {
    const text = `{"policy":"first-fit","hosts":[{"cpuMillis":1,"memMiB":1,"__proto__":{"diskMiB":5}}],"workloads":[]}`;
    expect(rejection(() => placeText(core, text)).field).toBe('hosts[0].__proto__');
  });
});

describe('virtlab score: strict input', () => {
  it('allocatable.cpuu inside a node is an error (it was a silent 0)', () => {
    const e = score({ strategy: 'LeastAllocated', nodes: [{ name: 'a', allocatable: { cpuu: 4000, memory: 8e9 } }] });
    expect(e.field).toBe('nodes[0].allocatable.cpuu');
  });
  it('null requested amounts, unknown pod fields and __proto__ are errors', () => {
    expect(
      score({ strategy: 'LeastAllocated', nodes: [{ ...NODE, requested: { cpu: null } }], pod: { cpu: 1 } }).message,
    ).toBe('nodes[0].requested.cpu must be a number, got null');
    expect(score({ strategy: 'LeastAllocated', nodes: [NODE], pod: { cpus: 1 } }).field).toBe('pod.cpus');
    expect(score({ strategy: 'LeastAllocated', nodes: [NODE], resources: [{ name: 'cpu', wieght: 2 }] }).field).toBe(
      'resources[0].wieght',
    );
    const text = `{"strategy":"LeastAllocated","nodes":[{"name":"a","allocatable":{"cpu":1,"memory":1},"__proto__":{}}]}`;
    expect(rejection(() => scoreText(core, text)).field).toBe('nodes[0].__proto__');
  });
});

describe('virtlab simulate: strict input', () => {
  const sim = (doc: object) => rejection(() => simulateText(core, JSON.stringify(doc)));
  it('unknown nested keys, __proto__ and null are named', () => {
    expect(sim({ scenario: 'traffic-spike', autoscaler: { cooldownSS: 3 } }).field).toBe(
      'scenario.autoscaler.cooldownSS',
    );
    expect(sim({ scenario: 'traffic-spike', autoscaler: { cooldownS: null } }).message).toMatch(
      /^scenario\.autoscaler\.cooldownS must be a number.*got null/,
    );
    const text = '{"scenario":"migration","__proto__":{"x":1}}';
    expect(rejection(() => simulateText(core, text)).field).toMatch(/^scenario\.__proto__/);
  });
});

describe('virtlab flags (parseArgs, once)', () => {
  it('parses --input, -i, --format=csv and --schema per command', () => {
    expect(parseCliArgs(['place', '-i', 'f.json', '--format=csv']).options).toMatchObject({
      input: 'f.json',
      format: 'csv',
    });
    expect(parseCliArgs(['simulate', '--schema']).options.schema).toBe(true);
  });
  it('an unknown flag, a flag of another command, a stray word or a bad format is an error naming it', () => {
    expect(rejection(() => parseCliArgs(['place', '--fromat', 'csv'])).message).toMatch(/--fromat/);
    expect(rejection(() => parseCliArgs(['place', '--schema'])).message).toBe(
      '--schema is not a flag of place (its flags: --input, --format, --help)',
    );
    expect(rejection(() => parseCliArgs(['place', 'input.json'])).message).toMatch(/"input\.json"/);
    expect(rejection(() => parseCliArgs(['presets', '--format', 'xml'])).field).toBe('format');
  });
});

describe('virtlab place: messages say what the user wrote', () => {
  it('the host limit counts hosts as entered (it said 24,000,006 values)', () => {
    const e = place({ policy: 'first-fit', hosts: [{ ...HOST, count: 4_000_000 }, HOST], workloads: [] });
    expect(e.message).toBe('hosts has 4000001 entries (counting count); the limit is 4000000');
  });
  it('overflow after overcommit names the input field and the entry as written', () => {
    const e = place({
      policy: 'first-fit',
      hosts: [HOST, { cpuMillis: 3_000_000_000, memMiB: 1, count: 5 }],
      workloads: [],
      overcommit: { cpu: 2 },
    });
    expect(e.field).toBe('hosts[1].cpuMillis');
    expect(e.message).toMatch(/^hosts\[1\]\.cpuMillis /);
    expect(e.message).toContain('overcommit.cpu');
    expect(e.message).not.toContain('capacity');
  });
});

describe('large outputs stream', () => {
  it('place JSON comes in bounded chunks whose text equals JSON.stringify of the whole result', () => {
    // 300,000 workloads make about 2 MB of JSON: enough for ~30 chunks, so the bound shows it streams.
    const text = JSON.stringify({
      policy: 'first-fit',
      hosts: [{ cpuMillis: 4000, memMiB: 8192, count: 1000 }],
      workloads: [
        { cpuMillis: 10, memMiB: 20, count: 150_000 },
        { cpuMillis: 5000, memMiB: 1, count: 10 },
        { cpuMillis: 1, memMiB: 1, count: 149_990 },
      ],
    });
    const chunks = Array.from(placeOutput(core, text));
    const whole = chunks.join('');
    expect(chunks.length).toBeGreaterThan(10);
    // A chunk is cut after the piece that crosses CHUNK_CHARS; no piece here is near that size.
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * CHUNK_CHARS);
    const parsed = JSON.parse(whole);
    expect(whole).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed.assignment).toHaveLength(300_000);
    expect(parsed.unplaced).toHaveLength(10);
    expect(parsed.unplaced[0]).toEqual({ workload: 150_000, reason: 'TooLarge', dims: ['cpuMillis'] });
    expect(parsed.hosts).toHaveLength(1000);
  });
  it('CSV rows come in bounded chunks too', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [i, 'x,y', i / 3]);
    const chunks = Array.from(csvChunks(['a', 'b', 'c'], rows));
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('').split('\n')).toHaveLength(50_002);
  });
});

describe('bin/virtlab.mjs', () => {
  const bin = fileURLToPath(new URL('../../bin/virtlab.mjs', import.meta.url));
  it('prints no stack trace for bad input, and exits 2', () => {
    const r = spawnSync(process.execPath, [bin, 'place', '--format', 'csv'], {
      input: JSON.stringify({ policy: 'first-fit', hosts: [{ cpuMillis: null }], workloads: [] }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('virtlab place: hosts[0].cpuMillis must be a number, got null\n');
  });
  it('an unknown flag is exit 2 with the flag named', () => {
    const r = spawnSync(process.execPath, [bin, 'score', '--jsonnl'], { input: '{}', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^virtlab score: .*--jsonnl/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('virtlab place: first-fit-wrap and unplaced reasons', () => {
  const run = (policy: string, hosts: object[], cpu: number[]) =>
    JSON.parse(placeText(core, JSON.stringify({ policy, hosts, workloads: cpu.map((c) => ({ cpuMillis: c })) }))) as {
      assignment: (number | null)[];
      unplaced: { workload: number; reason: string; dims: string[] }[];
    };
  it('first-fit-wrap resumes at the last host and wraps, as CloudSim Plus first-fit', () => {
    const hosts = [{ cpuMillis: 1000, memMiB: 0, count: 3 }];
    const cpu = [600, 600, 300, 900, 350];
    expect(run('first-fit-wrap', hosts, cpu).assignment).toEqual([0, 1, 1, 2, 0]);
    expect(run('first-fit', hosts, cpu).assignment).toEqual([0, 1, 0, 2, 1]);
    expect(run('next-fit', hosts, cpu).assignment).toEqual([0, 1, 1, 2, null]);
  });
  it('TooLarge: no empty host fits, even when no one dimension is beyond the largest host', () => {
    const out = JSON.parse(
      placeText(
        core,
        JSON.stringify({
          policy: 'first-fit',
          hosts: [
            { cpuMillis: 10, memMiB: 1 },
            { cpuMillis: 1, memMiB: 10 },
          ],
          workloads: [{ cpuMillis: 5, memMiB: 5 }],
        }),
      ),
    );
    expect(out.unplaced).toEqual([{ workload: 0, reason: 'TooLarge', dims: ['cpuMillis', 'memMiB'] }]);
  });
});
