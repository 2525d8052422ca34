// Every figure the reference prose takes from the model computes, and the
// patch-day figures agree with the structural counts the text states
// (N + H kernels for 200 apps on 10 hosts).
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { FIGURES, type FigureId, modelFigure } from '../../src/validation/figures.ts';

const cores = { scenarios: await loadCore('scenarios') };

describe('model figures in the prose', () => {
  it('every figure computes to a number', () => {
    for (const id of Object.keys(FIGURES) as FigureId[]) expect(modelFigure(id, cores), id).toMatch(/^[\d,.]+( s)?$/);
  });
  it('the VM patch day restarts N + H kernels', () => {
    expect(modelFigure('patch-day-vm-kernels', cores)).toBe('210');
  });
});
