// `virtlab score`: kube-scheduler node scores (issue 3's format; memory in
// bytes, cpu in millicores, other resources as counted). One pod prints
// {"scores": {"<node>": score}} with nodes that fail the fit filter under
// "unschedulable" (only when there are any). A `pods` array scores each pod
// in turn; with "bind": true each pod is bound to its best feasible node
// before the next (a scheduling queue) and the answer is the node per pod.
// `--jsonl`: one request per input line, one answer per output line.
import type { Core } from '../sim/core.ts';
import { SimError } from '../sim/errors.ts';
import { kubeSchedule, kubeScore, type KubePod, type KubeScoreInput } from '../sim/kube.ts';
import { csv, parseJson, type CliOptions, type Output } from './io.ts';
import { ANY, BOOLEAN, NUMBER, STRING, arr, checkShape, obj, record, type Shape } from './strict.ts';

// Any key here; resourceKind (src/sim/kube.ts) names what is accepted.
const RESOURCES = record(NUMBER);
const ENTRY = obj({ name: STRING, weight: NUMBER }, { required: ['name'] });

/** The whole `score` document; types only (names and ranges are checked in src/sim/kube.ts). */
export const SCORE_SHAPE: Shape = obj(
  {
    $schema: ANY,
    kubeVersion: STRING,
    strategy: STRING,
    resources: arr(ENTRY),
    shape: arr(obj({ utilization: NUMBER, score: NUMBER }, { required: ['utilization', 'score'] })),
    nodes: arr(
      obj({ name: STRING, allocatable: RESOURCES, requested: RESOURCES }, { required: ['name', 'allocatable'] }),
    ),
    pod: RESOURCES,
    pods: arr(RESOURCES),
    bind: BOOLEAN,
  },
  { required: ['strategy', 'nodes'] },
);

type ScoreDoc = KubeScoreInput & { pods?: KubePod[]; bind?: boolean };

function one(core: Core, input: ScoreDoc, pod: KubePod) {
  const r = kubeScore(core, { ...input, pod });
  const out: Record<string, unknown> = { scores: r.scores };
  if (r.unschedulable.length) out.unschedulable = r.unschedulable;
  return { r, out };
}

/** The answer to one request, as a JSON value. */
export function scoreDoc(core: Core, doc: unknown): Record<string, unknown> {
  checkShape(doc, SCORE_SHAPE);
  const input = doc as ScoreDoc;
  if (input.pods !== undefined && input.pod !== undefined)
    throw SimError.inconsistent('pods', 'give either pod or pods, not both');
  if (input.bind !== undefined && input.pods === undefined)
    throw SimError.inconsistent('bind', 'bind needs a pods array');
  if (input.pods === undefined) return one(core, input, input.pod ?? {}).out;
  if (!input.bind) return { results: input.pods.map((p) => one(core, input, p).out) };
  // A scheduling queue with this one plugin: NodeResourcesFit with the
  // strategy, or BalancedAllocation alone over `resources`.
  const balanced = input.strategy === 'BalancedAllocation';
  const r = kubeSchedule(core, {
    ...input,
    pods: input.pods,
    strategy: balanced ? 'LeastAllocated' : input.strategy,
    resources: balanced ? undefined : input.resources,
    balancedResources: balanced ? input.resources : undefined,
    fitWeight: balanced ? 0 : 1,
    balancedWeight: balanced ? 1 : 0,
    percentageOfNodesToScore: 100,
  });
  const pods = Array.from(r.assignment, (a, i) =>
    r.total[i] < 0 ? { node: null } : { node: input.nodes[a].name, score: r.total[i] },
  );
  return { pods, scheduled: r.scheduled };
}

export function scoreText(core: Core, text: string, opts: Pick<CliOptions, 'format'> = { format: 'json' }): string {
  const doc = parseJson(text, 'input');
  const out = scoreDoc(core, doc);
  if (opts.format === 'csv') {
    if (!('scores' in out)) throw SimError.inconsistent('format', '--format csv takes one pod (use JSON for pods)');
    const r = out as { scores: Record<string, number>; unschedulable?: string[] };
    return csv(
      ['node', 'score', 'fits'],
      Object.entries(r.scores).map(([n, s]) => [n, s, !(r.unschedulable ?? []).includes(n)]),
    );
  }
  return `${JSON.stringify(out)}\n`;
}

/** `--jsonl`: each non-empty line is a request; each answer (or {"error": ...}) is one line, in order. */
export function* scoreLines(core: Core, text: string): Generator<string> {
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const src = text.slice(start, end).trim();
    start = end + 1;
    if (src === '') continue;
    try {
      yield `${JSON.stringify(scoreDoc(core, parseJson(src, `line ${line}`)))}\n`;
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      yield `${JSON.stringify({ error: { line, field: err.field, message: err.message } })}\n`;
    }
  }
}

export async function run(opts: CliOptions, input: string): Promise<Output> {
  const { loadCore } = await import('../sim/core.ts');
  const core = await loadCore('placement');
  if (opts.jsonl) {
    if (opts.format === 'csv') throw SimError.outOfRange('format', '--jsonl writes JSON lines; leave out --format csv');
    return scoreLines(core, input);
  }
  return scoreText(core, input, opts);
}
