// `virtlab simulate --input scenario.json [--format json|csv] [--schema]`.
//
// A scenario file is one JSON object: `"scenario"` names the scenario,
// `"preset"` picks the defaults, and every other key is a parameter, either
// dotted (`"autoscaler.cooldownS": 30`) or nested
// (`"autoscaler": {"cooldownS": 30}`). The exact schema (names, units,
// ranges, defaults and their sources) is `src/cli/scenario.schema.json`,
// generated from the core by `scenarioJsonSchema` and kept equal by a test;
// src/cli/scenario-schema.md explains it. Errors name the field as
// `scenario.<path>`.
import type { Core } from '../sim/core.ts';
import { describeValue, SimError } from '../sim/errors.ts';
import {
  SCENARIOS,
  buildParams,
  scenarioSpec,
  unpackResult,
  type ScenarioName,
  type ScenarioResult,
} from '../sim/scenarios.ts';
import { csvChunks, joinOutput, parseJson, type CliOptions, type Json, type Output } from './io.ts';
import { requireObject } from './strict.ts';

const PREFIX = 'scenario.';

function prefixed(err: unknown): unknown {
  if (!(err instanceof SimError) || err.field.startsWith(PREFIX) || err.field === 'scenario') return err;
  const field = PREFIX + err.field;
  const message = err.message.startsWith(err.field) ? PREFIX + err.message : `${field}: ${err.message}`;
  return err.withField(field, message);
}

/** Parses and validates a scenario document, then runs it. */
export function runScenarioDocument(core: Core, doc: unknown): ScenarioResult {
  const { scenario, ...input } = requireObject(doc, 'scenario');
  const names = Object.keys(SCENARIOS);
  if (typeof scenario !== 'string' || !names.includes(scenario)) {
    throw SimError.outOfRange(
      'scenario.scenario',
      `scenario.scenario must be one of ${names.join(', ')}, got ${describeValue(scenario)}`,
    );
  }
  const name = scenario as ScenarioName;
  try {
    const { values, spec, sources } = buildParams(core, name, input, PREFIX);
    const packed = core.scenarioRun(SCENARIOS[name].kind, values);
    return unpackResult(packed, spec, values, sources);
  } catch (err) {
    throw prefixed(err);
  }
}

/** The JSON document printed for a result: summary, parameters with sources, and the series. */
export function resultToJson(r: ScenarioResult): string {
  const series: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(r.columns)) series[k] = Array.from(v);
  return JSON.stringify(
    {
      scenario: r.scenario,
      preset: r.preset,
      traceHash: r.traceHash,
      summary: r.summary,
      units: r.units,
      params: r.params,
      sources: r.sources,
      rows: r.rows,
      series,
    },
    null,
    2,
  );
}

/** The time series as CSV: a header of column names, one line per row. */
export function resultToCsv(r: ScenarioResult): Output {
  const names = Object.keys(r.columns);
  const cols = names.map((n) => r.columns[n]);
  function* rows() {
    for (let i = 0; i < r.rows; i++) yield cols.map((c) => c[i]);
  }
  return csvChunks(names, rows());
}

/** A JSON Schema (draft 2020-12) for scenario files, generated from the core's tables. */
export function scenarioJsonSchema(core: Core): Json {
  const variants: Json[] = [];
  for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
    const def = SCENARIOS[name];
    const first = scenarioSpec(core, name, def.presets[0]);
    // Nested objects for dotted names; a flat dotted key is accepted too (see scenario-schema.md).
    const root: { [k: string]: Json } = {
      scenario: { const: name },
      preset: {
        enum: [...def.presets],
        default: def.presets[0],
        description: 'Picks the defaults; see x-presetDefaults.',
      },
    };
    for (const p of first.params) {
      const parts = p.name.split('.');
      let node = root;
      for (const part of parts.slice(0, -1)) {
        node[part] ??= { type: 'object', additionalProperties: false, properties: {} };
        const obj = node[part] as { [k: string]: Json };
        node = obj.properties as { [k: string]: Json };
      }
      const leaf: { [k: string]: Json } = p.choices
        ? { oneOf: [{ enum: p.choices }, { type: 'integer', minimum: 0, maximum: p.choices.length - 1 }] }
        : p.unit === 'flag'
          ? { oneOf: [{ type: 'boolean' }, { enum: [0, 1] }] }
          : { type: p.integer ? 'integer' : 'number', minimum: p.min, maximum: p.max };
      leaf.description = `${p.unit ? `[${p.unit}] ` : ''}default ${p.default} (${p.source})`;
      node[parts[parts.length - 1]] = leaf;
    }
    if (name === 'traffic-spike') {
      const demand = root.demand as { [k: string]: Json };
      (demand.properties as { [k: string]: Json }).points = {
        type: 'array',
        minItems: 1,
        maxItems: 100000,
        items: {
          type: 'array',
          prefixItems: [
            { type: 'number', minimum: 0 },
            { type: 'number', minimum: 0, maximum: 1e7 },
          ],
          minItems: 2,
          maxItems: 2,
        },
        description: '[[tS, rps], …], times not decreasing; implies demand.shape = points',
      };
    }
    const presetDefaults: { [k: string]: Json } = {};
    for (const preset of def.presets) {
      const spec = scenarioSpec(core, name, preset);
      const changed: { [k: string]: Json } = {};
      spec.params.forEach((p, i) => {
        if (p.default !== first.params[i].default) changed[p.name] = { value: p.default, source: p.source };
      });
      presetDefaults[preset] = changed;
    }
    variants.push({
      type: 'object',
      required: ['scenario'],
      additionalProperties: false,
      properties: root,
      'x-presetDefaults': presetDefaults,
      'x-columns': first.columns.map((c) => `${c.name} [${c.unit}]`),
      'x-summary': first.summary.map((c) => `${c.name} [${c.unit}]`),
    });
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'VirtLab scenario file (virtlab simulate --input)',
    description: 'Generated from the simulation core by `virtlab simulate --schema`; do not edit by hand.',
    oneOf: variants,
  };
}

/** Runs `simulate` on the text of a scenario file; returns what to print. */
export function simulateOutput(core: Core, text: string, opts: Pick<CliOptions, 'format' | 'schema'>): Output {
  if (opts.schema) return `${JSON.stringify(scenarioJsonSchema(core), null, 2)}\n`;
  const result = runScenarioDocument(core, parseJson(text, 'scenario file', 'scenario'));
  return opts.format === 'csv' ? resultToCsv(result) : `${resultToJson(result)}\n`;
}

export function simulateText(
  core: Core,
  text: string,
  opts: Partial<Pick<CliOptions, 'format' | 'schema'>> = {},
): string {
  return joinOutput(simulateOutput(core, text, { format: opts.format ?? 'json', schema: opts.schema ?? false }));
}

/** Entry for the CLI dispatcher: `args` after `simulate`, `input` the file or stdin text. */
export async function run(opts: CliOptions, input: string): Promise<Output> {
  const { loadCore } = await import('../sim/core.ts');
  return simulateOutput(await loadCore(['scenarios', 'datacenter']), input, opts);
}
