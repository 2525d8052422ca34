// The model-validation table (src/validation/rows.ts, rendered on
// reference/validation): every compared row must stay inside its tolerance,
// and every row must cite an anchor that exists on the references page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { rowHolds, validationRows } from '../../src/validation/rows.ts';

const rows = validationRows({ placement: await loadCore('placement'), scenarios: await loadCore('scenarios') });
const references = readFileSync(new URL('../../content/reference/references.mdx', import.meta.url), 'utf8');

describe('model validation', () => {
  it('has rows of every kind the page explains', () => {
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['input', 'calibrated', 'reproduced', 'not-reproduced']));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  for (const r of rows.filter((x) => x.kind !== 'not-reproduced')) {
    it(`${r.id}: the model gives ${r.model}, published ${r.cited} (${r.tolerance})`, () => {
      expect(r.accept, `${r.id} has no tolerance`).not.toBeNull();
      expect(r.modelValue, `${r.id} has no model value`).not.toBeNull();
      expect(r.modelValue).toBeGreaterThanOrEqual(r.accept![0] - 1e-9);
      expect(r.modelValue).toBeLessThanOrEqual(r.accept![1] + 1e-9);
      expect(rowHolds(r)).toBe(true);
    });
  }

  it('rows the model cannot reproduce say why', () => {
    for (const r of rows.filter((x) => x.kind === 'not-reproduced')) expect(r.note?.length ?? 0).toBeGreaterThan(40);
  });

  it('every source is a readable citation with an anchor on the references page', () => {
    for (const r of rows) {
      expect(references, `${r.id}: #${r.source.anchor}`).toContain(`<a id="${r.source.anchor}"></a>`);
      expect(r.source.label).not.toMatch(/§|idx|UNCONFIRMED|figures/i);
    }
  });

  it('a drifted model fails its row', () => {
    const r = rows.find((x) => x.id === 'criu-p4-downtime')!;
    expect(rowHolds({ ...r, modelValue: 5.28 })).toBe(false);
  });
});
