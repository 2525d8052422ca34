// Numbers the reference prose quotes from the models, computed by the core
// at build time (ModelFigure.astro) instead of typed into the text, so the
// prose follows the model when it changes. test/validation/figures.test.ts
// checks every figure computes.
import type { Core } from '../sim/core.ts';
import { simulatePatchDay } from '../sim/scenarios.ts';

export interface FigureCores {
  scenarios: Core;
}

type Figure = (cores: FigureCores) => string;

const patchDayVm = (c: FigureCores) => simulatePatchDay(c.scenarios, { preset: 'vm' }).summary;

/** Named figures; the id is what the prose uses: <ModelFigure id="patch-day-vm-total" />. */
export const FIGURES = {
  'patch-day-vm-kernels': (c) => patchDayVm(c).kernelsToRestart.toLocaleString('en-US'),
  'patch-day-vm-waves': (c) => patchDayVm(c).waves.toLocaleString('en-US'),
  'patch-day-vm-total': (c) => `${Math.round(patchDayVm(c).totalS).toLocaleString('en-US')} s`,
} satisfies Record<string, Figure>;

export type FigureId = keyof typeof FIGURES;

export function modelFigure(id: FigureId, cores: FigureCores): string {
  const f: Figure | undefined = FIGURES[id];
  if (!f) throw new Error(`ModelFigure: no figure "${id}" in src/validation/figures.ts`);
  return f(cores);
}
