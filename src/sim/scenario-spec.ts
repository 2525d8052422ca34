// The core's description of one scenario preset (wasm-core/src/scenarios/mod.rs
// `spec_text` and `spec_numbers`), parsed in one place for its two readers:
// scripts/generate-params.ts, which writes params.generated.ts from it, and
// src/sim/scenarios.ts, which checks a run's input against it (a name used
// before, a range). The generator cannot import scenarios.ts (which is built
// from the generated file), so the parser lives here, on its own.
//
// Text, one line per item, fields separated by tabs:
//   scenario <name> · variant <preset> · param <name> <unit> <source>
//   formerly <param> <earlier name> (right after its param)
//   lesson <id> <sources> · set <lesson> <variant or empty> <param> <value>
//   column <name> <unit> · summary <name> <unit>
// Numbers: SPEC_STRIDE per param, in the order of the param lines.
import { SPEC_STRIDE } from './core.ts';

/** One parameter as the core declares it (key order is the generated file's). */
export interface SpecParam {
  name: string;
  unit: string;
  /** The preset's default. */
  default: number;
  /** The published source of the default, as a short citation, or "modelling choice". */
  source: string;
  /** The range the core accepts. */
  min: number;
  max: number;
  integer: boolean;
  step: number;
  scale: 'linear' | 'log';
  sliderMin: number;
  sliderMax: number;
  /** For choice parameters (unit `choice:a|b|…`), the names of the values 0, 1, … */
  choices?: string[];
  /** Names it had before: an input that uses one is told this name. */
  formerly?: string[];
}

/** A lesson the core runs for the prose: its sources and the values it sets. */
export interface SpecLesson {
  id: string;
  source: string;
  values: { variant?: string; name: string; value: number }[];
}

export interface ParsedSpec {
  scenario: string;
  /** Every preset of the scenario, in the core's order. */
  variants: string[];
  params: SpecParam[];
  columns: { name: string; unit: string }[];
  summary: { name: string; unit: string }[];
  lessons: SpecLesson[];
}

/** Parses the spec text and numbers; a line out of order is a core bug and throws. */
export function parseScenarioSpec(numbers: Float64Array, text: string): ParsedSpec {
  const spec: ParsedSpec = { scenario: '', variants: [], params: [], columns: [], summary: [], lessons: [] };
  for (const line of text.split('\n')) {
    if (!line) continue;
    const fields = line.split('\t');
    const [tag, name, unit = '', source = ''] = fields;
    if (tag === 'scenario') spec.scenario = name;
    else if (tag === 'variant') spec.variants.push(name);
    else if (tag === 'column') spec.columns.push({ name, unit });
    else if (tag === 'summary') spec.summary.push({ name, unit });
    else if (tag === 'lesson') spec.lessons.push({ id: name, source: unit, values: [] });
    else if (tag === 'set') {
      const [, id, variant, param, value] = fields;
      const lesson = spec.lessons.find((l) => l.id === id);
      if (!lesson) throw new Error(`core spec: a value for lesson ${id} before the lesson`);
      lesson.values.push({ ...(variant ? { variant } : {}), name: param, value: Number(value) });
    } else if (tag === 'formerly') {
      const p = spec.params.find((q) => q.name === name);
      if (!p) throw new Error(`core spec: an earlier name of ${name} before the parameter`);
      p.formerly = [...(p.formerly ?? []), unit];
    } else if (tag === 'param') {
      const at = spec.params.length * SPEC_STRIDE;
      if (numbers.length < at + SPEC_STRIDE) throw new Error(`core spec: no numbers for parameter ${name}`);
      const n = numbers.subarray(at, at + SPEC_STRIDE);
      spec.params.push({
        name,
        unit,
        default: n[0],
        source,
        min: n[1],
        max: n[2],
        integer: n[3] === 1,
        step: n[4],
        scale: n[5] === 1 ? 'log' : 'linear',
        sliderMin: n[6],
        sliderMax: n[7],
        ...(unit.startsWith('choice:') ? { choices: unit.slice(7).split('|') } : {}),
      });
    }
  }
  if (numbers.length !== spec.params.length * SPEC_STRIDE)
    throw new Error(`core spec: ${numbers.length} numbers for ${spec.params.length} parameters`);
  return spec;
}
