// `virtlab score`: kube-scheduler node scores for one pod (issue 3's format;
// memory in bytes, cpu in millicores). Prints {"scores": {"<node>": score}};
// nodes whose free room fails the fit filter are listed under
// "unschedulable" (only when there are any).
import type { Core } from '../sim/core.ts';
import { kubeScore, type KubeScoreInput } from '../sim/placement.ts';
import { csv, formatOf, parseJson, rejectUnknown, requireObject } from './io.ts';

export function scoreText(core: Core, text: string, args: string[] = []): string {
  const doc = requireObject(parseJson(text, 'input'), 'input');
  rejectUnknown(doc, ['strategy', 'resources', 'shape', 'nodes', 'pod', '$schema'], '');
  if (doc.pod !== undefined) {
    rejectUnknown(requireObject(doc.pod, 'pod'), ['cpu', 'memory'], 'pod');
  }
  const r = kubeScore(core, { ...(doc as unknown as KubeScoreInput), pod: (doc.pod ?? {}) as KubeScoreInput['pod'] });
  if (formatOf(args) === 'csv') {
    return csv(['node', 'score', 'fits'], Object.entries(r.scores).map(([n, s]) => [n, s, !r.unschedulable.includes(n)]));
  }
  const out: Record<string, unknown> = { scores: r.scores };
  if (r.unschedulable.length) out.unschedulable = r.unschedulable;
  return JSON.stringify(out) + '\n';
}

export async function run(args: string[], input: string): Promise<string> {
  const { loadCore } = await import('../sim/core.ts');
  return scoreText(await loadCore('placement'), input, args);
}
