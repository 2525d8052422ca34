// One table: the core's parameter tables (wasm-core/src/scenarios/*.rs,
// generated into src/sim/params.generated.ts) are the only declaration of a
// parameter. The generated file is fresh, and every consumer follows from it:
// the widget's controls, its URL state, its embed options, the CLI schema and
// the docs table (which ParamDocs draws from the same widget table). The last
// test adds a parameter to a copy of the Rust table and shows that it reaches
// every consumer without touching the widget.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES_PATH,
  PROFILES_PATH,
  generatedProfilesSource,
  GENERATED_PATH,
  generatedErrorCodesSource,
  generatedSource,
} from '../../scripts/generate-params.ts';
import { scenarioJsonSchema } from '../../src/cli/simulate.ts';
import { parseEmbedConfig } from '../../src/embed/config.ts';
import { loadCore } from '../../src/sim/core.ts';
import {
  type CoreLesson,
  type CoreParam,
  type CoreScenario,
  MIGRATION_TABLE,
  PATCH_DAY_TABLE,
  SCENARIO_TABLES,
  TRAFFIC_SPIKE_TABLE,
} from '../../src/sim/params.generated.ts';
import { scenarioSpec } from '../../src/sim/scenarios.ts';
import {
  type CoreBoundParam,
  coreInput,
  paramsFromCore,
  presetsFromCore,
  UNPRESENTED_GROUP,
} from '../../src/widgets/kit/core-params.ts';
import { checkValue, defaults, type ParamTable } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import liveMigration from '../../src/widgets/live-migration/entry.ts';
import { containerInput, vmInput } from '../../src/widgets/live-migration/model.ts';
import * as migrationParams from '../../src/widgets/live-migration/params.ts';
import patchDay from '../../src/widgets/patch-day/entry.ts';
import { DESIGNS, scenarioInput as patchDayInput } from '../../src/widgets/patch-day/model.ts';
import * as patchDayParams from '../../src/widgets/patch-day/params.ts';
import traffic from '../../src/widgets/traffic-spike/entry.ts';
import { scenarioInput } from '../../src/widgets/traffic-spike/model.ts';
import { CORE_PARAMS, PARAMS, PRESENTATION, PRESETS, WIDGET_ID } from '../../src/widgets/traffic-spike/params.ts';

/** A value inside the control's range other than its default. */
function otherValue(p: CoreBoundParam): number {
  if (p.options) return p.options.find((o) => o.value !== p.default)?.value ?? p.default;
  const v = p.default + p.step <= p.max ? p.default + p.step : p.default - p.step;
  return Number(v.toPrecision(12));
}

/** Where a dotted core name sits in the CLI schema's nested properties. */
function schemaProperty(schema: Record<string, unknown>, scenario: string, name: string): unknown {
  const branch = (schema.oneOf as { properties: Record<string, unknown> }[]).find(
    (b) => (b.properties.scenario as { const: string }).const === scenario,
  );
  let node: unknown = branch;
  for (const part of name.split('.')) node = (node as { properties?: Record<string, unknown> })?.properties?.[part];
  return node;
}

/** Every check a control must pass to show that it follows from core parameter `p`. */
function expectDerived(
  table: ParamTable,
  bound: readonly CoreBoundParam[],
  scenario: CoreScenario,
  p: CoreParam,
  widgetId = WIDGET_ID,
) {
  const controls = bound.filter((c) => c.core === p.name);
  expect(controls.length, `${p.name} has a control`).toBeGreaterThan(0);
  for (const c of controls) {
    const preset = c.presets?.[0] ?? scenario.presets[0];
    const core = p.presets?.[preset] ?? p;
    // The figure and its source are the core's, scaled only for display.
    expect(c.default / c.factor, c.name).toBeCloseTo(core.default, 12);
    expect(c.source, c.name).toBe(core.source);
    expect(c.min / c.factor).toBeGreaterThanOrEqual(p.min - 1e-12);
    expect(c.max / c.factor).toBeLessThanOrEqual(p.max + 1e-12);
    expect(checkValue(c, c.default), c.name).toBeNull();
    // URL state: a changed value is written under the widget's prefix and read back.
    const v = otherValue(c);
    const values = { ...defaults(table), [c.name]: v };
    const search = writeUrlState(widgetId, table, values, '');
    expect(search, c.name).toContain(`${widgetId}.${c.name}=`);
    expect(readUrlState(widgetId, table, search).values[c.name], c.name).toBe(v);
    // Embed option: the plain name as an embed attribute.
    const embed = parseEmbedConfig({ id: widgetId, params: table, presets: [] }, [[c.name, String(v)]]);
    expect(embed.issues, c.name).toEqual([]);
    expect(embed.values[c.name], c.name).toBe(v);
    // The core receives it under its own name, in the runs it applies to.
    for (const id of c.presets ?? scenario.presets) {
      expect(coreInput(bound, values, id)[p.name], `${c.name} → ${p.name} (${id})`).toBeCloseTo(v / c.factor, 12);
    }
  }
}

describe('one table for every parameter', () => {
  it('src/sim/params.generated.ts is what the core generates (else: npm run build:wasm && npm run generate)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generatedSource());
  });

  it('src/sim/profiles.generated.ts is what the core generates (else: npm run build:wasm && npm run generate)', async () => {
    expect(readFileSync(PROFILES_PATH, 'utf8')).toBe(await generatedProfilesSource());
  });

  it('src/sim/error-codes.generated.ts is what the core generates (else: npm run build:wasm && npm run generate)', async () => {
    expect(readFileSync(ERROR_CODES_PATH, 'utf8')).toBe(await generatedErrorCodesSource());
  });

  it('the scenario spec read at run time agrees with the generated table, preset by preset', async () => {
    const core = await loadCore(['scenarios', 'datacenter']);
    for (const [name, table] of Object.entries(SCENARIO_TABLES)) {
      for (const preset of table.presets) {
        const spec = scenarioSpec(core, name as keyof typeof SCENARIO_TABLES, preset);
        expect(spec.params.map((p) => p.name)).toEqual(table.params.map((p) => p.name));
        spec.params.forEach((p, i) => {
          const g: CoreParam = table.params[i];
          expect(p.default).toBe(g.presets?.[preset]?.default ?? g.default);
          expect([p.min, p.max, p.unit]).toEqual([g.min, g.max, g.unit]);
          expect(g.sliderMin).toBeGreaterThanOrEqual(g.min);
          expect(g.sliderMax).toBeLessThanOrEqual(g.max);
        });
      }
    }
  });

  it('every traffic-spike parameter of the core reaches a control, the URL, the embed options, the CLI schema and the docs table', async () => {
    const schema = scenarioJsonSchema(await loadCore()) as Record<string, unknown>;
    for (const p of TRAFFIC_SPIKE_TABLE.params) {
      expectDerived(PARAMS, CORE_PARAMS, TRAFFIC_SPIKE_TABLE, p);
      expect(schemaProperty(schema, 'traffic-spike', p.name), `${p.name} in the CLI schema`).toBeDefined();
    }
    // The embed spec and the docs table (ParamDocs in content/widgets/traffic-spike.mdx) use this same table.
    expect(traffic.params).toBe(PARAMS);
    const mdx = readFileSync(new URL('../../content/widgets/traffic-spike.mdx', import.meta.url), 'utf8');
    expect(mdx).toMatch(/import \{ PARAMS, PRESETS \} from '..\/..\/src\/widgets\/traffic-spike\/params.ts'/);
    expect(mdx).toContain('<ParamDocs table={PARAMS}');
  });

  it('a parameter added to the Rust table reaches every consumer without editing the widget', async () => {
    // As if traffic_spike.rs gained a row (and `npm run generate` ran): one shared value, one per preset.
    const added: CoreParam[] = [
      {
        name: 'autoscaler.warmupS',
        unit: 's',
        default: 5,
        source: 'modelling choice',
        min: 0,
        max: 1e5,
        integer: false,
        step: 1,
        scale: 'linear',
        sliderMin: 0,
        sliderMax: 600,
      },
      {
        name: 'profile.imageGcS',
        unit: 's',
        default: 60,
        source: 'modelling choice',
        min: 0,
        max: 1e5,
        integer: false,
        step: 1,
        scale: 'linear',
        sliderMin: 0,
        sliderMax: 3600,
        presets: { container: { default: 30, source: 'another choice' } },
      },
    ];
    const table: CoreScenario = { ...TRAFFIC_SPIKE_TABLE, params: [...TRAFFIC_SPIKE_TABLE.params, ...added] };
    const bound = paramsFromCore(table, PRESENTATION);
    const widget: ParamTable = [...bound, ...PARAMS.filter((p) => !('core' in p))];
    for (const p of added) expectDerived(widget, bound, table, p);
    const gc = bound.filter((c) => c.core === 'profile.imageGcS');
    expect(gc.map((c) => [c.name, c.default, c.group])).toEqual([
      ['vm.profile.imageGcS', 60, UNPRESENTED_GROUP],
      ['container.profile.imageGcS', 30, UNPRESENTED_GROUP],
      ['microvm.profile.imageGcS', 60, UNPRESENTED_GROUP],
    ]);
    // The widget's scenario input carries the new values (the core would validate them).
    const input = { preset: 'container', ...coreInput(bound, defaults(widget), 'container') };
    expect(input).toMatchObject({ 'autoscaler.warmupS': 5, 'profile.imageGcS': 30 });
  });

  it("the widget's scenario input for each profile is the core preset with the widget's values", () => {
    const D = defaults(PARAMS);
    for (const id of TRAFFIC_SPIKE_TABLE.presets) {
      const input = scenarioInput(D as never, id as never);
      for (const p of TRAFFIC_SPIKE_TABLE.params as readonly CoreParam[]) {
        if (input[p.name] === undefined) continue;
        expect(input[p.name], `${id}: ${p.name}`).toBeCloseTo(p.presets?.[id]?.default ?? p.default, 12);
      }
    }
  });

  it('every patch-day parameter of the core reaches a control, the URL, the embed options, the CLI schema and the docs table', async () => {
    const schema = scenarioJsonSchema(await loadCore()) as Record<string, unknown>;
    const { PARAMS: table, SET_BY_WIDGET, WIDGET_ID: id } = patchDayParams;
    for (const p of PATCH_DAY_TABLE.params) {
      expect(schemaProperty(schema, 'patch-day', p.name), `${p.name} in the CLI schema`).toBeDefined();
      if ((SET_BY_WIDGET as readonly string[]).includes(p.name)) continue;
      expectDerived(table, table, PATCH_DAY_TABLE, p, id);
    }
    expect(patchDay.params).toBe(table);
    const mdx = readFileSync(new URL('../../content/widgets/patch-day.mdx', import.meta.url), 'utf8');
    expect(mdx).toMatch(/import \{ PARAMS, PRESETS \} from '..\/..\/src\/widgets\/patch-day\/params.ts'/);
    expect(mdx).toContain('<ParamDocs table={PARAMS}');
  });

  it("patch day's scenario input for each design is the core preset with the widget's values", () => {
    const D = defaults(patchDayParams.PARAMS);
    for (const d of DESIGNS) {
      const input = patchDayInput(D, d);
      expect(input.preset).toBe(d.id);
      for (const p of PATCH_DAY_TABLE.params as readonly CoreParam[]) {
        if (p.name === 'mode' || p.name === 'sampleS') continue;
        expect(input[p.name], `${d.id}: ${p.name}`).toBe(p.presets?.[d.id]?.default ?? p.default);
      }
    }
  });

  it('every live-migration parameter of the core reaches a control, the URL, the embed options, the CLI schema and the docs table', async () => {
    const schema = scenarioJsonSchema(await loadCore()) as Record<string, unknown>;
    const { PARAMS: table, CORE_PARAMS: bound, SET_BY_WIDGET, WIDGET_ID: id } = migrationParams;
    for (const p of MIGRATION_TABLE.params) {
      expect(schemaProperty(schema, 'migration', p.name), `${p.name} in the CLI schema`).toBeDefined();
      if ((SET_BY_WIDGET as readonly string[]).includes(p.name)) continue;
      expectDerived(table, bound, MIGRATION_TABLE, p, id);
    }
    expect(liveMigration.params).toBe(table);
    const mdx = readFileSync(new URL('../../content/widgets/live-migration.mdx', import.meta.url), 'utf8');
    expect(mdx).toMatch(/import \{ PARAMS, PRESETS \} from '..\/..\/src\/widgets\/live-migration\/params.ts'/);
    expect(mdx).toContain('<ParamDocs table={PARAMS}');
  });

  it("live migration's inputs are the core presets with the widget's values (the link and dirty rate shared)", () => {
    const D = defaults(migrationParams.PARAMS);
    const inputs = { vm: vmInput(D), container: containerInput(D) };
    for (const [preset, input] of Object.entries(inputs)) {
      expect(input.preset).toBe(preset);
      for (const p of MIGRATION_TABLE.params as readonly CoreParam[]) {
        if (input[p.name] === undefined || p.name === 'bandwidthMbps') continue;
        expect(input[p.name], `${preset}: ${p.name}`).toBe(p.presets?.[preset]?.default ?? p.default);
      }
      // The reader's one link (the VM preset's 10 GbE) for both runs.
      expect(input.bandwidthMbps).toBe(MIGRATION_TABLE.params.find((p) => p.name === 'bandwidthMbps')?.default);
    }
  });

  it("the traffic spike's preset buttons are the core's lesson presets: values and sources from traffic_spike.rs", () => {
    expect(PRESETS.map((p) => p.id)).toEqual(TRAFFIC_SPIKE_TABLE.lessons.map((l) => l.id));
    for (const lesson of TRAFFIC_SPIKE_TABLE.lessons as readonly CoreLesson[]) {
      const preset = PRESETS.find((p) => p.id === lesson.id)!;
      expect(preset.source).toBe(lesson.source);
      expect(preset.label.length, lesson.id).toBeGreaterThan(3);
      for (const set of lesson.values) {
        const controls = CORE_PARAMS.filter(
          (c) => c.core === set.name && (!set.variant || !c.presets || c.presets.includes(set.variant)),
        );
        expect(controls.length, `${lesson.id}: ${set.name}`).toBeGreaterThan(0);
        for (const c of controls) {
          const v = preset.values[c.name] as number;
          expect(v / c.factor, `${lesson.id}: ${c.name}`).toBeCloseTo(set.value, 12);
          expect(checkValue(c, v), `${lesson.id}: ${c.name}`).toBeNull();
        }
      }
    }
    // The fast control loop (issue 13's preset) as the core declares it.
    expect(PRESETS.find((p) => p.id === 'fast-loop')?.values).toEqual({
      evalIntervalS: 1,
      cooldownS: 0,
      scaleUpDelayS: 0,
      sampleS: 0.1,
    });
    // A lesson without a label, or a value no control sets, is an error at load time, not a silent gap.
    expect(() => presetsFromCore(TRAFFIC_SPIKE_TABLE, CORE_PARAMS, {})).toThrow(/step has no label/);
    const labels = Object.fromEntries(PRESETS.map((p) => [p.id, p.label]));
    const withoutSample = CORE_PARAMS.filter((c) => c.core !== 'sampleS');
    expect(() => presetsFromCore(TRAFFIC_SPIKE_TABLE, withoutSample, labels)).toThrow(
      /fast-loop: no control sets sampleS/,
    );
  });

  it("patch day's preset buttons are the core's lesson presets (patch_day.rs LESSONS)", () => {
    const { PRESETS: presets, PARAMS: table } = patchDayParams;
    expect(presets.map((p) => p.id)).toEqual(PATCH_DAY_TABLE.lessons.map((l) => l.id));
    for (const lesson of PATCH_DAY_TABLE.lessons as readonly CoreLesson[]) {
      const preset = presets.find((p) => p.id === lesson.id)!;
      expect(preset.source).toBe(lesson.source);
      expect(preset.values).toEqual(Object.fromEntries(lesson.values.map((v) => [v.name, v.value])));
      for (const [k, v] of Object.entries(preset.values))
        expect(checkValue(table.find((p) => p.name === k)!, v as number), `${lesson.id}.${k}`).toBeNull();
    }
    expect(presets.find((p) => p.id === 'k8s-25')?.values).toEqual({ apps: 200, maxUnavailable: 50 });
  });
});
