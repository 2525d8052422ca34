// Issue 18: slider ranges fit the lesson. A linear slider over billions of
// values (a seed from 0 to 4,294,967,295) moves millions per pixel, so no
// reader can pick a value with it; the core still accepts any value typed in.
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../src/widgets/registry.ts';

const MAX_LINEAR_STEPS = 1_000_000;

describe('every widget control', () => {
  it('has a linear slider of at most a million steps (a log slider for wider ranges)', () => {
    const wide: string[] = [];
    for (const e of REGISTRY)
      for (const p of e.params) {
        if (p.kind === 'select' || p.hidden || p.scale === 'log') continue;
        const steps = (p.max - p.min) / (p.step || 1);
        if (steps > MAX_LINEAR_STEPS) wide.push(`${e.id}.${p.name}: ${p.min}–${p.max} in steps of ${p.step}`);
      }
    expect(wide).toEqual([]);
  });

  it('has every default and preset value of a linear slider on its step grid (a range input snaps any other value, and the widget then takes it as typed)', () => {
    // containerStartS once defaulted to 0.607 with a step of 0.01: the slider showed 0.61,
    // the page ran the core on load and wrote 0.61 into its URL.
    const off: string[] = [];
    for (const e of REGISTRY) {
      const check = (name: string, v: number, where: string) => {
        const p = e.params.find((q) => q.name === name);
        if (!p || p.kind === 'select' || p.kind === 'boolean' || p.hidden || p.scale === 'log' || !p.step) return;
        // What a browser shows: the nearest grid value, written with the step's decimals.
        const decimals = (String(p.step).split('.')[1] ?? '').length;
        const snapped = Number((p.min + Math.round((v - p.min) / p.step) * p.step).toFixed(decimals));
        if (snapped !== v)
          off.push(`${e.id}.${name}: ${where} ${v} shows as ${snapped} (min ${p.min}, step ${p.step})`);
      };
      for (const p of e.params) check(p.name, p.default, 'default');
      for (const preset of e.presets)
        for (const [name, v] of Object.entries(preset.values)) check(name, v as number, `preset ${preset.id}`);
    }
    expect(off).toEqual([]);
  });

  it('counts sizes and speeds in binary units (MiB, GiB, MiB/s), never MB, and names them so', () => {
    // The traffic spike's image sizes and download speed were in MB and MB/s beside MiB everywhere else.
    const sized = REGISTRY.flatMap((e) =>
      e.params.filter((p) => /[KMGT]i?B\b/.test(p.unit)).map((p) => `${e.id}.${p.name} (${p.unit})`),
    );
    expect(sized.length).toBeGreaterThan(10);
    expect(sized.filter((s) => /\b[KMGT]B\b/.test(s))).toEqual([]);
    const misnamed = REGISTRY.flatMap((e) =>
      e.params
        .filter((p) => /^[KMGT]iB(\/s)?$/.test(p.unit))
        .filter((p) => !p.name.includes(p.unit.replace('/s', '')))
        .map((p) => `${e.id}.${p.name} (${p.unit})`),
    );
    expect(misnamed).toEqual([]);
  });

  it('keeps seeds on a range a reader can try (0 to 999,999)', () => {
    const seeds = REGISTRY.flatMap((e) => e.params.filter((p) => p.seed).map((p) => ({ id: e.id, p })));
    expect(seeds.length).toBeGreaterThan(0);
    for (const { id, p } of seeds) expect([id, p.min, p.max]).toEqual([id, 0, 999_999]);
  });
});
