// A widget's parameter table built from the core's (src/sim/params.generated.ts,
// generated from wasm-core/src/scenarios/*.rs). The core declares each
// parameter once: unit, default per preset, source, step, scale and the
// control's range. A widget adds presentation only: its name for the value
// (the URL key), label, help, group, option labels, and whether a fraction is
// shown as a percentage. Every core parameter the presentation does not name
// still gets a control (under "More settings", labelled by its core name), so
// a parameter added to the Rust table reaches the controls, the URL state, the
// embed options and the docs without editing the widget.
import type { CoreParam, CoreScenario } from '../../sim/params.generated.ts';
import type { Preset } from './model.ts';
import type { Param, ParamKind, SelectOption, Values } from './params.ts';

/** How a widget shows one core parameter. */
export interface Presentation {
  /** The core parameter this control sets (dotted name). */
  core: string;
  /** Presets the value applies to (default: every preset). Default and source are the first listed preset's. */
  presets?: readonly string[];
  label: string;
  help: string;
  group?: string;
  advanced?: boolean;
  hidden?: boolean;
  seed?: boolean;
  /** Labels of a choice parameter's values, in the core's order. */
  optionLabels?: readonly string[];
  /** Show a fraction as a percentage (the control holds 100 × the core's value). */
  percent?: boolean;
  /** A coarser control than the core's step, for this preset's smaller or larger values. */
  step?: number;
  /** Show an integer count whose control range is 0–1 as an on/off switch. */
  toggle?: boolean;
  /** Earlier names of the control, still read from links (see `Param.formerly`). */
  formerly?: readonly string[];
}

/** A control's row with where its value goes in the core. */
export interface CoreBoundParam<N extends string = string> extends Param<N> {
  core: string;
  /** Presets the value applies to; undefined: all. */
  presets?: readonly string[];
  /** Control value = core value × factor. */
  factor: number;
}

/** Group of the controls the presentation does not name. */
export const UNPRESENTED_GROUP = 'More settings';

/** x × factor without binary noise (0.05 × 100 = 5, not 5.000000000000001). */
function scaled(x: number, factor: number): number {
  return factor === 1 ? x : Number((x * factor).toPrecision(12));
}

function presetValue(p: CoreParam, preset: string | undefined): { default: number; source: string } {
  return (preset && p.presets?.[preset]) || { default: p.default, source: p.source };
}

/** A step for a continuous value without one: about a hundredth of the range, a power of ten. */
function autoStep(min: number, max: number): number {
  const span = max - min;
  return span > 0 ? 10 ** Math.floor(Math.log10(span / 100)) : 1;
}

function row<N extends string>(p: CoreParam, name: N, pres: Presentation, firstPreset: string): CoreBoundParam<N> {
  const factor = pres.percent ? 100 : 1;
  const preset = pres.presets?.[0] ?? firstPreset;
  const { default: def, source } = presetValue(p, preset);
  const flag = p.unit === 'flag' || (pres.toggle === true && p.integer && p.sliderMin === 0 && p.sliderMax === 1);
  const kind: ParamKind = p.choices ? 'select' : flag ? 'boolean' : p.integer ? 'integer' : 'number';
  const min = scaled(p.sliderMin, factor);
  const max = scaled(p.sliderMax, factor);
  const unit = p.choices || flag ? '' : pres.percent ? '%' : p.unit === 'fraction' ? '' : p.unit;
  const options: SelectOption[] | undefined = p.choices?.map((c, i) => ({
    value: i,
    label: pres.optionLabels?.[i] ?? c,
  }));
  return {
    name,
    label: pres.label,
    unit,
    default: scaled(def, factor),
    min,
    max,
    step: pres.step ?? (p.step > 0 ? scaled(p.step, factor) : p.integer ? 1 : autoStep(min, max)),
    help: pres.help,
    source,
    ...(kind === 'number' ? {} : { kind }),
    ...(options ? { options } : {}),
    ...(p.scale === 'log' ? { scale: 'log' as const } : {}),
    ...(pres.group ? { group: pres.group } : {}),
    ...(pres.seed ? { seed: true } : {}),
    ...(pres.advanced ? { advanced: true } : {}),
    ...(pres.hidden ? { hidden: true } : {}),
    ...(pres.formerly ? { formerly: pres.formerly } : {}),
    core: p.name,
    ...(pres.presets ? { presets: pres.presets } : {}),
    factor,
  };
}

/**
 * The widget's table: one control per presentation entry, in its order, then
 * one for every core parameter no entry names (per preset when the presets'
 * defaults differ). `skip` lists core parameters the widget sets itself.
 */
export function paramsFromCore<N extends string>(
  table: CoreScenario,
  presentation: { readonly [K in N]: Presentation },
  skip: readonly string[] = [],
): CoreBoundParam<N>[] {
  const byName = new Map(table.params.map((p) => [p.name, p]));
  const out: CoreBoundParam<N>[] = [];
  const named = new Set<string>(skip);
  for (const name of Object.keys(presentation) as N[]) {
    const pres = presentation[name];
    const p = byName.get(pres.core);
    if (!p) throw new Error(`${name}: ${pres.core} is not a parameter of the core's ${table.scenario} table`);
    named.add(pres.core);
    out.push(row(p, name, pres, table.presets[0]));
  }
  for (const p of table.params) {
    if (named.has(p.name)) continue;
    const perPreset = p.presets ? table.presets.map((id) => [id]) : [undefined];
    for (const presets of perPreset) {
      const name = (presets ? `${presets[0]}.${p.name}` : p.name) as N;
      const label = presets ? `${presets[0]}: ${p.name}` : p.name;
      out.push(
        row(
          p,
          name,
          {
            core: p.name,
            ...(presets ? { presets } : {}),
            label,
            help: `${label}, as the simulation core defines it (${p.unit || 'no unit'}).`,
            group: UNPRESENTED_GROUP,
            advanced: true,
          },
          table.presets[0],
        ),
      );
    }
  }
  return out;
}

/** The core's input for `preset` from the widget's values: each control that applies to it, unscaled. */
export function coreInput<N extends string>(
  table: readonly CoreBoundParam<N>[],
  values: Values<N>,
  preset: string,
): Record<string, number> {
  const input: Record<string, number> = {};
  for (const p of table) {
    if (p.presets && !p.presets.includes(preset)) continue;
    input[p.core] = p.factor === 1 ? values[p.name] : values[p.name] / p.factor;
  }
  return input;
}

/** The widget's control for a core field in `preset`'s run (for messages next to the right control). */
export function controlFor<N extends string>(
  table: readonly CoreBoundParam<N>[],
  coreField: string,
  preset: string,
): N | undefined {
  return table.find((p) => p.core === coreField && (!p.presets || p.presets.includes(preset)))?.name;
}

/**
 * The widget's preset buttons from the core's lesson presets (values and
 * sources are the core's; `labels` by lesson id is the widget's presentation).
 * A value for one preset's run goes to the control that applies to that run;
 * a value for every run goes to every control of that core parameter.
 */
export function presetsFromCore<N extends string>(
  table: CoreScenario,
  controls: readonly CoreBoundParam<N>[],
  labels: { readonly [id: string]: string },
): Preset<N>[] {
  return table.lessons.map((lesson) => {
    const label = labels[lesson.id];
    if (!label) throw new Error(`the core's ${table.scenario} lesson ${lesson.id} has no label`);
    const values: Partial<Record<N, number>> = {};
    for (const set of lesson.values) {
      const targets = controls.filter(
        (c) => c.core === set.name && (!set.variant || !c.presets || c.presets.includes(set.variant)),
      );
      if (targets.length === 0)
        throw new Error(`${lesson.id}: no control sets ${set.name} (${set.variant ?? 'every run'})`);
      for (const c of targets) values[c.name] = scaled(set.value, c.factor);
    }
    return { id: lesson.id, label, values, source: lesson.source };
  });
}
