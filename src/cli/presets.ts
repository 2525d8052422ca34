// `virtlab presets`: isolation profiles with every value's source, the host
// example and the kube-scheduler defaults. Needs no input.
import type { Core } from '../sim/core.ts';
import { presets } from '../sim/profiles.ts';
import { csv, type CliOptions } from './io.ts';

export function presetsText(core: Core, opts: Pick<CliOptions, 'format'> = { format: 'json' }): string {
  const p = presets(core);
  if (opts.format === 'csv') {
    const rows = p.profiles.flatMap((pr) =>
      pr.params.map((q) => [pr.id, q.key, q.value, q.unit, q.modellingChoice, q.placement, q.source]),
    );
    return csv(['profile', 'key', 'value', 'unit', 'modellingChoice', 'usedByPlacement', 'source'], rows);
  }
  return `${JSON.stringify(p, null, 2)}\n`;
}

export async function run(opts: CliOptions): Promise<string> {
  const { loadCore } = await import('../sim/core.ts');
  return presetsText(await loadCore('placement'), opts);
}
