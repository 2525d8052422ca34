import { describe, expect, it } from 'vitest';
import {
  checkValue,
  checkValues,
  defaults,
  formatNumber,
  optionName,
  parseValueText,
  plainNumber,
  rangeText,
  valueText,
  type ParamTable,
} from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';

const TABLE = [
  { name: 'memMiB', label: 'Memory', unit: 'MiB', default: 256, min: 1, max: 4096, step: 1, help: 'h', source: 's' },
  {
    name: 'hosts',
    label: 'Hosts',
    unit: '',
    default: 3,
    min: 1,
    max: 100,
    step: 1,
    help: 'h',
    source: 's',
    kind: 'integer',
  },
  {
    name: 'policy',
    label: 'Policy',
    unit: '',
    default: 1,
    min: 1,
    max: 2,
    step: 1,
    help: 'h',
    source: 's',
    kind: 'select',
    options: [
      { value: 1, label: 'First fit' },
      { value: 2, label: 'Best fit' },
    ],
  },
  {
    name: 'overcommit',
    label: 'Overcommit',
    unit: '',
    default: 0,
    min: 0,
    max: 1,
    step: 1,
    help: 'h',
    source: 's',
    kind: 'boolean',
  },
] as const satisfies ParamTable;

describe('parameter tables', () => {
  it('gives defaults by name', () => {
    expect(defaults(TABLE)).toEqual({ memMiB: 256, hosts: 3, policy: 1, overcommit: 0 });
  });

  it('names the parameter and the allowed range in every message', () => {
    expect(checkValue(TABLE[0], 0)).toBe('Memory (memMiB) must be a number from 1 to 4096 MiB; got 0.');
    expect(checkValue(TABLE[0], Number.NaN)).toContain('got nothing usable');
    expect(checkValue(TABLE[1], 2.5)).toBe('Hosts (hosts) must be a whole number from 1 to 100; got 2.5.');
    // A tiny value keeps the message short: its exponent form, not 324 digits.
    expect(checkValue(TABLE[0], 5e-324)).toBe('Memory (memMiB) must be a number from 1 to 4096 MiB; got 5e-324.');
    expect(checkValue(TABLE[0], 0.0005)).toContain('got 0.0005.');
    expect(checkValue(TABLE[2], 3)).toContain('one of first-fit, best-fit; got 3');
    expect(checkValue(TABLE[3], 0.5)).toContain('on or off');
    expect(checkValue(TABLE[0], 4096)).toBeNull();
    expect(checkValues(TABLE, { memMiB: 5000, hosts: 3, policy: 2, overcommit: 1 })).toEqual({
      memMiB: expect.stringContaining('memMiB'),
    });
  });

  it('prints numbers without float noise or exponents', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(65536)).toBe('65536');
    expect(rangeText(TABLE[0])).toBe('a number from 1 to 4096 MiB');
  });

  it('shows choices and switches by name, never as numbers', () => {
    expect(valueText(TABLE[2], 2)).toBe('best-fit');
    expect(valueText(TABLE[3], 1)).toBe('on');
    expect(valueText(TABLE[3], 0)).toBe('off');
    expect(rangeText(TABLE[2])).toBe('one of first-fit, best-fit');
    expect(rangeText(TABLE[3])).toBe('on or off');
    expect(optionName({ value: 4, label: 'Worst-fit (spread)' })).toBe('worst-fit');
    expect(optionName({ value: 7, label: 'Kubernetes LeastAllocated (default)' })).toBe('kubernetes-leastallocated');
    expect(optionName({ value: 7, label: 'Anything', name: 'own-name' })).toBe('own-name');
    // Names are read in any case; the numbers older links wrote still read as the same choice.
    expect(parseValueText(TABLE[2], 'Best-Fit')).toEqual({ value: 2 });
    expect(parseValueText(TABLE[2], '2')).toEqual({ value: 2 });
    expect(parseValueText(TABLE[3], 'on')).toEqual({ value: 1 });
    expect(parseValueText(TABLE[3], 'false')).toEqual({ value: 0 });
    expect(parseValueText(TABLE[2], 'worst-fit')).toEqual({
      problem: 'Policy (policy) must be one of first-fit, best-fit',
    });
  });

  it('reads numbers only in plain decimal form and says how to write the others', () => {
    expect(parseValueText(TABLE[0], ' 64 ')).toEqual({ value: 64 });
    expect(parseValueText(TABLE[0], '0.5')).toEqual({ value: 0.5 });
    expect(parseValueText(TABLE[0], '.5')).toEqual({ value: 0.5 });
    expect(parseValueText(TABLE[0], '0x10')).toEqual({
      problem: 'Memory (memMiB) must be a number from 1 to 4096 MiB, written as a plain decimal number (here 16)',
    });
    expect(parseValueText(TABLE[0], '1e3')).toMatchObject({ problem: expect.stringContaining('(here 1000)') });
    // Out of range anyway: no suggestion of a value that would be refused next.
    expect(parseValueText(TABLE[0], '1e9')).toEqual({
      problem: 'Memory (memMiB) must be a number from 1 to 4096 MiB, written as a plain decimal number',
    });
    for (const bad of ['Infinity', 'NaN', '', '1,5', '+5', '0b11', '2^53'])
      expect(parseValueText(TABLE[0], bad), bad).toHaveProperty('problem');
  });

  it('writes every number in plain decimal form that reads back exactly', () => {
    for (const x of [0, 1, 0.1 + 0.2, 1e-7, 4.29571353334e-313, 1e21, 123456789.123, -2.5e-9]) {
      const text = plainNumber(x);
      expect(text, String(x)).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(text), text).toBe(x);
    }
  });

  it('links name the parameter when they use 0x10 or 1e3, and write choices by name', () => {
    const state = readUrlState('w', TABLE, '?w.memMiB=0x10&w.hosts=1e1&w.policy=best-fit&w.overcommit=on');
    expect(state.values).toEqual({ policy: 2, overcommit: 1 });
    expect(state.issues.map((i) => i.param)).toEqual(['memMiB', 'hosts']);
    expect(state.issues[0]?.message).toBe(
      'The link sets memMiB to "0x10", but Memory (memMiB) must be a number from 1 to 4096 MiB, written as a plain decimal number (here 16); using the default, 256 MiB.',
    );
    const search = writeUrlState('w', TABLE, { memMiB: 16, hosts: 10, policy: 2, overcommit: 1 }, '');
    expect(search).toBe('?w.memMiB=16&w.hosts=10&w.policy=best-fit&w.overcommit=on');
  });

  it('every choice of every widget has a distinct, readable name', () => {
    for (const w of REGISTRY)
      for (const p of w.params) {
        if (p.kind !== 'select') continue;
        const names = (p.options ?? []).map(optionName);
        expect(new Set(names).size, `${w.id}.${p.name}: ${names.join(', ')}`).toBe(names.length);
        for (const n of names) expect(n, `${w.id}.${p.name}`).toMatch(/^[a-z][a-z0-9-]*$/);
      }
  });
});
