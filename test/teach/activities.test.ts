// Activities against the core: for every activity, the state its link sets is
// read back with the widgets' own URL parser, the widget's compute runs on it,
// and every number the activity states must be one the widget shows for that
// state (its summary or its result table). A drifted model, default or
// preset, or a number typed into an activity, fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmbedConfig } from '../../src/embed/config.ts';
import { loadCore } from '../../src/sim/core.ts';
import { ACTIVITIES, MISCONCEPTIONS } from '../../src/teach/activities.ts';
import { COURSE, learningObjectives, proseWords, readingMinutes, WORDS_PER_MINUTE } from '../../src/teach/course.ts';
import { evaluateActivity } from '../../src/teach/evaluate.ts';
import * as clusterTables from '../../src/widgets/cluster-scheduler/tables.ts';
import * as clusterWords from '../../src/widgets/cluster-scheduler/words.ts';
import type { DataTable } from '../../src/widgets/kit/export.ts';
import { defaults, type Values } from '../../src/widgets/kit/params.ts';
import { readUrlState } from '../../src/widgets/kit/url-state.ts';
import * as migration from '../../src/widgets/live-migration/model.ts';
import * as oneHost from '../../src/widgets/one-host/model.ts';
import * as patch from '../../src/widgets/patch-day/model.ts';
import { findWidget, REGISTRY } from '../../src/widgets/registry.ts';
import * as stacks from '../../src/widgets/stack-explorer/model.ts';
import * as traffic from '../../src/widgets/traffic-spike/model.ts';

// What each widget shows in words and in its "Show as table" / export.
// biome-ignore lint/suspicious/noExplicitAny: each widget's own result type.
const SHOWN: Record<string, { summary: (r: any) => string; tables: (r: any) => DataTable[] }> = {
  'one-host': { summary: oneHost.summary, tables: (r) => [oneHost.runTable(r)] },
  'stack-explorer': {
    summary: stacks.summary,
    tables: (r: stacks.StackResult) => [stacks.runTable(r), ...r.stacks.map((s) => stacks.stackTable(r, s))],
  },
  'cluster-scheduler': { summary: clusterWords.summary, tables: (r) => [clusterTables.runTable(r)] },
  'patch-day': { summary: patch.summary, tables: (r) => [patch.runTable(r)] },
  'traffic-spike': { summary: traffic.summary, tables: (r) => [traffic.totalsTable(r)] },
  'live-migration': {
    summary: migration.summary,
    tables: (r) => [migration.runTable(r), migration.timesTable(r), migration.roundsTable(r)],
  },
};

const numbersIn = (text: string): string[] => (text.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n)));

function shownNumbers(widget: string, r: unknown, values: Values): Set<string> {
  const shown = SHOWN[widget];
  const out = new Set<string>(numbersIn(shown.summary(r)));
  for (const t of shown.tables(r))
    for (const row of t.rows) for (const v of Object.values(row)) for (const n of numbersIn(String(v))) out.add(n);
  for (const v of Object.values(values)) out.add(String(v));
  return out;
}

const coreFor = () => loadCore();

describe('activities', () => {
  it('number at least 25 in the articles, at least 2 per article, at least 3 per widget, ids unique', () => {
    const placed = ACTIVITIES.filter((a) => a.article);
    expect(placed.length).toBeGreaterThanOrEqual(25);
    for (const step of COURSE) expect(placed.filter((a) => a.article === step.slug).length).toBeGreaterThanOrEqual(2);
    for (const w of REGISTRY) expect(ACTIVITIES.filter((a) => a.widget === w.id).length).toBeGreaterThanOrEqual(3);
    expect(new Set(ACTIVITIES.map((a) => a.id)).size).toBe(ACTIVITIES.length);
    for (const id of Object.keys(MISCONCEPTIONS))
      expect(ACTIVITIES.some((a) => a.addresses?.includes(id as keyof typeof MISCONCEPTIONS))).toBe(true);
  });

  it('each sit in their article (a <Predict> with their id)', () => {
    for (const a of ACTIVITIES.filter((x) => x.article)) {
      const mdx = readFileSync(new URL(`../../content/course/${a.article}.mdx`, import.meta.url), 'utf8');
      expect(mdx, `${a.article}.mdx should show activity ${a.id}`).toContain(`<Predict id="${a.id}"`);
    }
  });

  for (const a of ACTIVITIES) {
    it(`${a.id}: states only what ${a.widget} computes for the state its link sets`, async () => {
      const e = await evaluateActivity(coreFor, a);
      const w = findWidget(a.widget);
      if (!w) throw new Error(`no widget ${a.widget}`);
      const core = await loadCore();

      // The page link, read as the widget reads it.
      const link = readUrlState(w.id, w.params, e.search);
      expect(link.issues).toEqual([]);
      const values = { ...defaults(w.params), ...link.values } as Values;
      expect(values).toEqual(e.values);
      // The embed link sets the same state.
      const embed = parseEmbedConfig(w, e.embedSearch);
      expect(embed.issues).toEqual([]);
      expect({ ...defaults(w.params), ...embed.values }).toEqual(values);

      const r = w.compute(core, values);
      expect(e.widgetSummary).toBe(SHOWN[w.id].summary(r));
      const shown = shownNumbers(w.id, r, values);
      if (a.baseline) {
        const b = { ...defaults(w.params), ...a.baseline } as Values;
        for (const n of shownNumbers(w.id, w.compute(core, b), b)) shown.add(n);
      }
      const stated = [...numbersIn(e.explanation), ...numbersIn(e.answerText)];
      expect(stated.length).toBeGreaterThan(0);
      for (const n of stated) expect(shown, `"${n}" in ${a.id} is not a number the widget shows`).toContain(n);
      if (e.value !== null) expect(shown).toContain(String(e.value));
      // The question states settings only: each of its numbers is a value of this state or the baseline.
      const settings = new Set(
        [...Object.values(values), ...Object.values(a.baseline ? { ...defaults(w.params), ...a.baseline } : {})].map(
          String,
        ),
      );
      for (const n of numbersIn(e.question)) {
        const asSetting =
          settings.has(n) ||
          [...settings].some((s) => String(Number(s) / 1024) === n || String(Number(s) / 1000) === n);
        expect(asSetting, `"${n}" in the question of ${a.id} is not a setting`).toBe(true);
      }
      if (e.kind === 'choice') expect(e.choices[e.correct]).toBe(e.answerText);
    });
  }
});

describe('course path', () => {
  it('counts reading time from prose, not from markup, code or diagrams', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const mdx = `---\ntitle: T\n---\nimport X from './x.astro';\n\n${words}\n\n<svg>${'<text>no</text>'.repeat(500)}</svg>\n\n\`\`\`sh\n${'code '.repeat(500)}\n\`\`\`\n<X prop="y" />`;
    expect(proseWords(mdx)).toBe(400);
    expect(readingMinutes(mdx)).toBe(400 / WORDS_PER_MINUTE);
  });

  it("reads each article's learning objectives from the article", () => {
    for (const step of COURSE) {
      const mdx = readFileSync(new URL(`../../content/course/${step.slug}.mdx`, import.meta.url), 'utf8');
      const objectives = learningObjectives(mdx);
      expect(objectives.length, step.slug).toBeGreaterThanOrEqual(2);
      for (const o of objectives) expect(o).not.toMatch(/\]\(|\*\*/);
      expect(readingMinutes(mdx)).toBeGreaterThan(1);
    }
  });
});
