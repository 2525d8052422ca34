// Every source note a reader can see (widget parameters and presets, the
// core's profiles and scenario parameters) reaches the page as a readable
// citation: no working-note label of figures.md, and every named reference
// has its anchor on the references page.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { presets, resolveFootprint } from '../../src/sim/profiles.ts';
import { SCENARIOS, type ScenarioName, scenarioSpec, simulate } from '../../src/sim/scenarios.ts';
import { readerSource, WORKING_LABELS } from '../../src/sim/citations.ts';
import * as clusterScheduler from '../../src/widgets/cluster-scheduler/params.ts';
import * as liveMigration from '../../src/widgets/live-migration/params.ts';
import * as oneHost from '../../src/widgets/one-host/params.ts';
import * as patchDay from '../../src/widgets/patch-day/params.ts';
import * as stackExplorer from '../../src/widgets/stack-explorer/params.ts';
import * as trafficSpike from '../../src/widgets/traffic-spike/params.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const references = readFileSync(new URL('../../content/reference/references.mdx', import.meta.url), 'utf8');

async function allSources(): Promise<string[]> {
  const out: string[] = [];
  for (const w of [clusterScheduler, liveMigration, oneHost, patchDay, stackExplorer, trafficSpike]) {
    for (const p of w.PARAMS) out.push(p.source);
    for (const p of w.PRESETS) out.push(p.source);
  }
  const placement = await loadCore('placement');
  const pr = presets(placement);
  for (const profile of pr.profiles) for (const q of profile.params) out.push(q.source);
  for (const h of pr.hosts) out.push(h.source);
  const scenarios = await loadCore('scenarios');
  const datacenter = await loadCore('datacenter');
  for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
    const core = name === 'datacenter' ? datacenter : scenarios;
    const spec = scenarioSpec(core, name);
    for (const preset of spec.presets) for (const p of scenarioSpec(core, name, preset).params) out.push(p.source);
  }
  return [...new Set(out.filter((s) => typeof s === 'string'))];
}

describe('reader-facing sources', () => {
  it('the CLI prints readable citations too: its schema and a result’s sources', async () => {
    const schema = readFileSync(new URL('../../src/cli/scenario.schema.json', import.meta.url), 'utf8');
    expect(schema).toContain('Manco et al. 2017');
    expect(schema).not.toMatch(WORKING_LABELS);
    const r = simulate(await loadCore('scenarios'), 'patch-day', {});
    expect(Object.keys(r.sources).length).toBeGreaterThan(5);
    for (const [name, text] of Object.entries(r.sources)) expect(text, name).not.toMatch(WORKING_LABELS);
    const placement = await loadCore('placement');
    for (const profile of presets(placement).profiles) {
      const f = resolveFootprint(placement, profile.id);
      for (const [name, text] of Object.entries(f.sources))
        expect(text, `${profile.id}.${name}`).not.toMatch(WORKING_LABELS);
    }
  });

  it('no working-note label reaches a reader, and every named reference exists', async () => {
    const sources = await allSources();
    expect(sources.length).toBeGreaterThan(50);
    for (const raw of sources) {
      const r = readerSource(raw);
      if (process.env.VIRTLAB_PRINT_SOURCES) console.log(`${raw}\n  => ${r.text} [${r.anchors.join(' ')}]`);
      expect(r.text, `from: ${raw}`).not.toMatch(WORKING_LABELS);
      expect(r.text.length, `from: ${raw}`).toBeGreaterThan(0);
      for (const a of r.anchors) expect(references, `#${a} (from: ${raw})`).toContain(`<a id="${a}"></a>`);
    }
  });

  it('finds the references a short citation names, in the table’s order, and leaves the note as written', () => {
    expect(readerSource('Depot: Ubuntu cloud image + cloud-init boots in 7–9 s; 8 is the midpoint')).toEqual({
      text: 'Depot: Ubuntu cloud image + cloud-init boots in 7–9 s; 8 is the midpoint',
      anchors: ['depot-boot'],
    });
    expect(
      readerSource('Firecracker specification and Agache et al. 2020 (NSDI): boot to init ≤ 125 ms').anchors,
    ).toEqual(['firecracker-spec', 'agache-2020']);
    expect(readerSource('modelling choice')).toEqual({ text: 'modelling choice', anchors: [] });
  });

  it('the code cites sources as the reader sees them, never a file outside the repository', () => {
    // Comments and source notes alike: figures.md lives beside the checkout, not in it.
    const files = execSync("git ls-files 'src' 'wasm-core/src' 'scripts'", { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((f) => /\.(rs|ts|tsx|mjs|astro|json)$/.test(f) && f !== 'src/sim/citations.ts');
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) {
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/figures §|figures\.md|shared\/reference|\bidx \d|UNCONFIRMED/.test(line))
            found.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
