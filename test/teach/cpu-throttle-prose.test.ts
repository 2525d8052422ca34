// The FAQ's throttling numbers are read from the core's model at build time
// (src/components/cpu-throttle.ts): the helpers pick the right value, format
// it as prose does, and refuse a name the model does not have.
import { describe, expect, it } from 'vitest';
import { numberText, ordinalText, throttleRun, throttleValue } from '../../src/components/cpu-throttle.ts';

describe('CPU throttling numbers for prose', () => {
  it('reads summary values, parameters and period rows of a preset run', async () => {
    const one = await throttleRun('one-thread');
    expect(throttleValue(one, 'wallMs')).toBe(one.summary.wallMs);
    expect(throttleValue(one, 'periodMs')).toBe(one.params.periodMs);
    expect(throttleValue(one, 'runMs', 1)).toBe(one.columns.runMs[1]);
    const four = await throttleRun('four-threads');
    expect(throttleValue(four, 'threads')).toBe(4);
    expect(numberText(throttleValue(four, 'runMs', 0))).toBe('12.5');
    // The run is cached for the build: the same object both times.
    expect(await throttleRun('one-thread')).toBe(one);
  });

  it('an unknown name or row fails the build with the name', async () => {
    const one = await throttleRun('one-thread');
    expect(() => throttleValue(one, 'wallSeconds')).toThrow(/wallSeconds/);
    expect(() => throttleValue(one, 'runMs', 99)).toThrow(/runMs row 99/);
    expect(() => throttleValue(one, '__proto__')).toThrow(/__proto__/);
  });

  it('formats numbers and ordinals as prose writes them', () => {
    expect([numberText(220), numberText(0.5), numberText(1 / 3)]).toEqual(['220', '0.5', '0.33']);
    expect([1, 3, 10, 11, 12, 13, 21, 22, 103].map(ordinalText)).toEqual([
      'first',
      'third',
      'tenth',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '103rd',
    ]);
  });
});
