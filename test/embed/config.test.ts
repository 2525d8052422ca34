// Embed settings from a URL or element attributes: presets, parameters
// (plain or prefixed names), seed, hide/lock, theme and paused, with a
// message naming the option for every problem.
import { describe, expect, it } from 'vitest';
import { embedQuery, parseEmbedConfig, type EmbedSpec } from '../../src/embed/config.ts';
import type { ParamTable } from '../../src/widgets/kit/params.ts';

const PARAMS = [
  { name: 'memMiB', label: 'Memory', unit: 'MiB', default: 256, min: 1, max: 4096, step: 1, help: 'h', source: 's' },
  {
    name: 'hosts',
    label: 'Hosts',
    unit: '',
    default: 4,
    min: 1,
    max: 100,
    step: 1,
    help: 'h',
    source: 's',
    kind: 'integer',
  },
  {
    name: 'rngSeed',
    label: 'Seed',
    unit: '',
    default: 42,
    min: 0,
    max: 1e9,
    step: 1,
    help: 'h',
    source: 's',
    kind: 'integer',
    seed: true,
  },
] as const satisfies ParamTable;
const SPEC: EmbedSpec = {
  id: 'demo',
  params: PARAMS,
  presets: [{ id: 'big', label: 'Big', values: { memMiB: 2048, hosts: 10 }, source: 's' }],
};

describe('parseEmbedConfig', () => {
  it('has no values, no issues and auto theme without options', () => {
    expect(parseEmbedConfig(SPEC, '')).toEqual({
      values: {},
      issues: [],
      preset: null,
      hide: [],
      lock: [],
      theme: 'auto',
      paused: false,
    });
  });

  it("takes a parameter's earlier name (a unit renamed) in values, hide and lock, from a URL or attributes", () => {
    const spec: EmbedSpec = {
      ...SPEC,
      params: PARAMS.map((p) => (p.name === 'memMiB' ? { ...p, formerly: ['memMB'] } : p)),
    };
    const c = parseEmbedConfig(spec, '?memMB=512&hide=memMB&lock=hosts,memMB');
    expect([c.values, c.hide, c.lock, c.issues]).toEqual([{ memMiB: 512 }, ['memMiB'], ['hosts', 'memMiB'], []]);
    expect(parseEmbedConfig(spec, [['memmb', '64']], { ignoreCase: true }).values).toEqual({ memMiB: 64 });
  });

  it('applies the preset first, then parameters by plain or prefixed name, then the seed', () => {
    const c = parseEmbedConfig(SPEC, '?preset=big&hosts=3&demo.memMiB=512&seed=7');
    expect(c.values).toEqual({ memMiB: 512, hosts: 3, rngSeed: 7 });
    expect(c.preset).toBe('big');
    expect(c.issues).toEqual([]);
  });

  it('names the option and what it allows for every problem, and keeps the rest', () => {
    const c = parseEmbedConfig(
      SPEC,
      '?preset=huge&memMiB=lots&colour=red&theme=purple&paused=maybe&hide=memMiB,nope&lock=hosts&hosts=2',
    );
    expect(c.values).toEqual({ hosts: 2 });
    expect(c.hide).toEqual(['memMiB']);
    expect(c.lock).toEqual(['hosts']);
    expect(c.theme).toBe('auto');
    const text = c.issues.map((i) => i.message).join('\n');
    expect(text).toMatch(/preset "huge" is not a preset of this widget; it takes one of big/);
    expect(text).toMatch(/memMiB to "lots", but Memory \(memMiB\) must be a number from 1 to 4096 MiB/);
    expect(text).toMatch(/sets colour, which this widget does not have.*It takes memMiB, hosts, rngSeed, preset/);
    expect(text).toMatch(/theme "purple" is not allowed; it takes one of light, dark, auto/);
    expect(text).toMatch(/paused "maybe" is not allowed/);
    expect(text).toMatch(/hide lists "nope"/);
    expect(c.issues.find((i) => i.message.includes('lots'))?.param).toBe('memMiB');
  });

  it('reads element attributes ignoring case', () => {
    const c = parseEmbedConfig(
      SPEC,
      [
        ['memmib', '64'],
        ['lock', 'MEMMIB'],
        ['theme', 'Dark'],
        ['paused', ''],
      ],
      { ignoreCase: true },
    );
    expect(c).toMatchObject({ values: { memMiB: 64 }, lock: ['memMiB'], theme: 'dark', paused: true, issues: [] });
  });

  it('says so when a widget without a seed is given one, and uses a parameter called seed directly', () => {
    const noSeed: EmbedSpec = { ...SPEC, params: PARAMS.filter((p) => p.name !== 'rngSeed') };
    expect(parseEmbedConfig(noSeed, '?seed=3').issues[0].message).toMatch(/draws nothing at random/);
    const named: EmbedSpec = { ...SPEC, params: [...PARAMS.slice(0, 2), { ...PARAMS[2], name: 'seed' }] };
    expect(parseEmbedConfig(named, '?seed=3').values).toEqual({ seed: 3 });
  });

  it('round-trips through embedQuery, leaving out what the preset or defaults give', () => {
    const config = {
      preset: 'big',
      values: { memMiB: 2048, hosts: 5, rngSeed: 42 },
      hide: ['rngSeed'],
      lock: ['hosts', 'memMiB'],
      theme: 'dark' as const,
      paused: true,
    };
    const q = embedQuery(SPEC, config);
    expect(q).toBe('?preset=big&hosts=5&hide=rngSeed&lock=hosts,memMiB&theme=dark&paused=1');
    const back = parseEmbedConfig(SPEC, q);
    expect(back).toMatchObject({
      preset: 'big',
      values: { memMiB: 2048, hosts: 5 },
      hide: ['rngSeed'],
      lock: ['hosts', 'memMiB'],
      theme: 'dark',
      paused: true,
      issues: [],
    });
    expect(embedQuery(SPEC, {})).toBe('');
  });
});
