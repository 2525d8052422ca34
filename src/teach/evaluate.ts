// An activity with its numbers: the widget's own computation (the registry
// entry's `compute`, the same call the island makes) for the state the
// activity's link sets, and the widget's summary of that result in words.
// Pages call it at build time; the unit tests call it with the same core.
import type { Core, CorePart } from '../sim/core.ts';
import { embedQuery } from '../embed/config.ts';
import { summary as clusterSummary } from '../widgets/cluster-scheduler/words.ts';
import { defaults, formatNumber, type Values } from '../widgets/kit/params.ts';
import { writeUrlState } from '../widgets/kit/url-state.ts';
import { summary as migrationSummary } from '../widgets/live-migration/model.ts';
import { summary as oneHostSummary } from '../widgets/one-host/model.ts';
import { summary as patchSummary } from '../widgets/patch-day/model.ts';
import { findWidget, type WidgetEntry } from '../widgets/registry.ts';
import { summary as stackSummary } from '../widgets/stack-explorer/model.ts';
import { summary as trafficSummary } from '../widgets/traffic-spike/model.ts';
import { type Activity, findActivity } from './activities.ts';

// biome-ignore lint/suspicious/noExplicitAny: each summary takes its own widget's result type.
const SUMMARIES: Record<string, (r: any) => string> = {
  'one-host': oneHostSummary,
  'stack-explorer': stackSummary,
  'cluster-scheduler': clusterSummary,
  'patch-day': patchSummary,
  'traffic-spike': trafficSummary,
  'live-migration': migrationSummary,
};

export interface EvaluatedActivity {
  id: string;
  widget: string;
  widgetTitle: string;
  /** The widget's page, relative to the site base. */
  widgetPage: string;
  article: string | null;
  question: string;
  kind: 'choice' | 'number';
  choices: readonly string[];
  /** Index into `choices` (choice questions), else -1. */
  correct: number;
  /** The number to predict (number questions), else null. */
  value: number | null;
  unit: string;
  /** The answer in a few words, e.g. "45 apps" or "The VMs". */
  answerText: string;
  explanation: string;
  /** The widget's own summary of the result, word for word. */
  widgetSummary: string;
  /** The full settings the link sets, and the page-URL query that sets them ('' or '?…'). */
  values: Values;
  search: string;
  /** The same state as an embed page's query ('' or '?…'). */
  embedSearch: string;
  /** The settings that differ from the widget's defaults, in words, e.g. "Memory per app: 128 MiB". */
  settingsText: string;
}

export type CoreFor = (part: CorePart) => Promise<Core>;

function widgetOf(a: Activity): WidgetEntry {
  const w = findWidget(a.widget);
  if (!w) throw new Error(`Activity "${a.id}" names widget "${a.widget}", which is not in the registry.`);
  return w;
}

/** "1 app", "2 apps": units that are plural nouns lose their s for one. */
export function withUnit(value: number, unit: string): string {
  const one = value === 1 && /^(apps|hosts|kernels|instances|rounds|points|cores)$/.test(unit);
  return `${formatNumber(value)}${unit ? ` ${one ? unit.slice(0, -1) : unit}` : ''}`;
}

/** The settings `values` changes from the defaults, in the words of the widget's controls. */
export function settingsText(w: WidgetEntry, values: Values): string {
  const parts = w.params
    .filter((p) => values[p.name] !== p.default)
    .map((p) => {
      const v = values[p.name];
      const option = p.options?.find((o) => o.value === v);
      const shown = option ? option.label : p.kind === 'boolean' ? (v ? 'on' : 'off') : withUnit(v, p.unit ?? '');
      return `${p.label}: ${shown}`;
    });
  return parts.length ? parts.join('; ') : 'the defaults';
}

export async function evaluateActivity(coreFor: CoreFor, a: Activity): Promise<EvaluatedActivity> {
  const w = widgetOf(a);
  const core = await coreFor(w.core);
  const values: Values = { ...defaults(w.params), ...a.values } as Values;
  const r = w.compute(core, values);
  const baseValues = a.baseline ? ({ ...defaults(w.params), ...a.baseline } as Values) : undefined;
  const base = baseValues ? w.compute(core, baseValues) : undefined;
  const summarise = SUMMARIES[w.id];
  if (!summarise) throw new Error(`No summary for widget "${w.id}" in src/teach/evaluate.ts.`);
  const ans = a.answer;
  let correct = -1;
  let value: number | null = null;
  let answerText: string;
  if (ans.kind === 'choice') {
    correct = ans.correct(r, base);
    if (!(correct >= 0 && correct < ans.choices.length))
      throw new Error(`Activity "${a.id}": no choice fits the widget's result (index ${correct}).`);
    answerText = ans.choices[correct];
  } else {
    value = ans.value(r, base);
    answerText = withUnit(value, ans.unit);
  }
  return {
    id: a.id,
    widget: w.id,
    widgetTitle: w.title,
    widgetPage: w.page,
    article: a.article ?? null,
    question: a.question(values, baseValues),
    kind: ans.kind,
    choices: ans.kind === 'choice' ? ans.choices : [],
    correct,
    value,
    unit: ans.kind === 'number' ? ans.unit : '',
    answerText,
    explanation: a.explain(r, values, base),
    widgetSummary: summarise(r),
    values,
    search: writeUrlState(w.id, w.params, values, ''),
    embedSearch: embedQuery(w, { values }),
    settingsText: settingsText(w, values),
  };
}

export function evaluateById(coreFor: CoreFor, id: string): Promise<EvaluatedActivity> {
  return evaluateActivity(coreFor, findActivity(id));
}
