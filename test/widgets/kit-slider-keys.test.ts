import { describe, expect, it } from 'vitest';
import type { Param } from '../../src/widgets/kit/params.ts';
import { keyStep, niceValues } from '../../src/widgets/kit/slider-keys.ts';
import { PARAMS as CLUSTER } from '../../src/widgets/cluster-scheduler/params.ts';
import { PARAMS as MIGRATION } from '../../src/widgets/live-migration/params.ts';
import { PARAMS as ONE_HOST } from '../../src/widgets/one-host/params.ts';
import { PARAMS as PATCH } from '../../src/widgets/patch-day/params.ts';
import { PARAMS as STACK } from '../../src/widgets/stack-explorer/params.ts';
import { PARAMS as SPIKE } from '../../src/widgets/traffic-spike/params.ts';

const base = { label: 'x', help: 'h', source: 's', scale: 'log' as const };
const apps: Param = { ...base, name: 'apps', unit: 'apps', kind: 'integer', default: 6, min: 1, max: 1000, step: 1 };
const mem: Param = { ...base, name: 'memMiB', unit: 'MiB', default: 256, min: 1, max: 65536, step: 1 };

describe('slider keys', () => {
  it('move a log slider to the next nice value, never staying put', () => {
    expect(keyStep(apps, 6, 'ArrowRight')).toBe(8);
    expect(keyStep(apps, 6, 'ArrowLeft')).toBe(5);
    expect(keyStep(apps, 7, 'ArrowUp')).toBe(8);
    expect(keyStep(apps, 7, 'ArrowDown')).toBe(6);
    expect(keyStep(apps, 1, 'ArrowLeft')).toBe(1);
    expect(keyStep(apps, 1000, 'ArrowRight')).toBe(1000);
    expect(keyStep(apps, 10, 'PageUp')).toBe(40);
    expect(keyStep(apps, 6, 'Home')).toBe(1);
    expect(keyStep(apps, 6, 'End')).toBe(1000);
  });

  it('step binary units through powers of two and their halfway points', () => {
    expect(keyStep(mem, 256, 'ArrowRight')).toBe(384);
    expect(keyStep(mem, 384, 'ArrowRight')).toBe(512);
    expect(keyStep(mem, 256, 'ArrowLeft')).toBe(192);
    expect(keyStep(mem, 300, 'ArrowLeft')).toBe(256);
    expect(niceValues(mem).slice(0, 5)).toEqual([1, 2, 3, 4, 6]);
  });

  it('step a linear slider by its step, a page by a tenth of the range', () => {
    const p: Param = { ...base, scale: 'linear', name: 'n', unit: '', default: 5, min: 0, max: 100, step: 1 };
    expect(keyStep(p, 5, 'ArrowRight')).toBe(6);
    expect(keyStep(p, 5, 'PageDown')).toBe(0);
    expect(keyStep(p, 50, 'PageUp')).toBe(60);
  });

  it('move every log slider of every widget both ways from its default', () => {
    for (const table of [CLUSTER, MIGRATION, ONE_HOST, PATCH, STACK, SPIKE] as readonly (readonly Param[])[]) {
      for (const p of table.filter((q) => q.scale === 'log')) {
        const up = keyStep(p, p.default, 'ArrowRight');
        const down = keyStep(p, p.default, 'ArrowLeft');
        expect(up === p.max || up > p.default, `${p.name} up from ${p.default}`).toBe(true);
        expect(down === p.min || down < p.default, `${p.name} down from ${p.default}`).toBe(true);
        for (const v of [up, down])
          expect(v >= p.min && v <= p.max && Math.abs(v / p.step - Math.round(v / p.step)) < 1e-9).toBe(true);
      }
    }
  });
});
