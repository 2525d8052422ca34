import { describe, expect, it } from 'vitest';
import { checkValue, checkValues, defaults, embedOptions, formatNumber, rangeText, type ParamTable } from '../../src/widgets/kit/params.ts';

const TABLE = [
  { name: 'memMiB', label: 'Memory', unit: 'MiB', default: 256, min: 1, max: 4096, step: 1, help: 'h', source: 's' },
  { name: 'hosts', label: 'Hosts', unit: '', default: 3, min: 1, max: 100, step: 1, help: 'h', source: 's', kind: 'integer' },
  { name: 'policy', label: 'Policy', unit: '', default: 1, min: 1, max: 2, step: 1, help: 'h', source: 's', kind: 'select', options: [{ value: 1, label: 'First fit' }, { value: 2, label: 'Best fit' }] },
  { name: 'overcommit', label: 'Overcommit', unit: '', default: 0, min: 0, max: 1, step: 1, help: 'h', source: 's', kind: 'boolean' },
] as const satisfies ParamTable;

describe('parameter tables', () => {
  it('gives defaults by name', () => {
    expect(defaults(TABLE)).toEqual({ memMiB: 256, hosts: 3, policy: 1, overcommit: 0 });
  });

  it('names the parameter and the allowed range in every message', () => {
    expect(checkValue(TABLE[0], 0)).toBe('Memory (memMiB) must be a number from 1 to 4096 MiB; got 0.');
    expect(checkValue(TABLE[0], Number.NaN)).toContain('got nothing usable');
    expect(checkValue(TABLE[1], 2.5)).toBe('Hosts (hosts) must be a whole number from 1 to 100; got 2.5.');
    expect(checkValue(TABLE[2], 3)).toContain('one of 1 (First fit), 2 (Best fit)');
    expect(checkValue(TABLE[3], 0.5)).toContain('0 (off) or 1 (on)');
    expect(checkValue(TABLE[0], 4096)).toBeNull();
    expect(checkValues(TABLE, { memMiB: 5000, hosts: 3, policy: 2, overcommit: 1 })).toEqual({ memMiB: expect.stringContaining('memMiB') });
  });

  it('prints numbers without float noise or exponents', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(65536)).toBe('65536');
    expect(rangeText(TABLE[0])).toBe('a number from 1 to 4096 MiB');
  });

  it('lists the table as embed options', () => {
    const opts = embedOptions(TABLE);
    expect(opts.map((o) => o.name)).toEqual(['memMiB', 'hosts', 'policy', 'overcommit']);
    expect(opts[0]).toMatchObject({ kind: 'number', default: 256, min: 1, max: 4096, unit: 'MiB', description: 'h' });
    expect(opts[2].options).toHaveLength(2);
  });
});
