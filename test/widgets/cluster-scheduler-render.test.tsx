// The island as the build renders it: the result, its words, the per-host
// view with a caption, the step-through at the last placement, and controls
// kept out of the search index.
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import ClusterScheduler from '../../src/widgets/cluster-scheduler/ClusterScheduler.tsx';
import { computeCluster } from '../../src/widgets/cluster-scheduler/model.ts';
import { summary } from '../../src/widgets/cluster-scheduler/words.ts';
import { PARAMS } from '../../src/widgets/cluster-scheduler/params.ts';

describe('Cluster scheduler (server render)', () => {
  it('contains the result, the summary, the per-host view, the last step and labelled controls', async () => {
    const initial = computeCluster(await loadCore(), defaults(PARAMS));
    const html = render(<ClusterScheduler initial={initial} />);
    const [vm, ct] = initial.sides;
    expect(html).toContain('data-widget="cluster-scheduler"');
    expect(html).toContain(summary(initial));
    expect(html).toMatch(/aria-live="polite"[^>]*>Containers fit 40 apps on/);
    expect(html).toContain(`<td class="vl-num" data-testid="vm-hosts">${vm.hostsUsed}</td>`);
    expect(html).toContain(`<td class="vl-num" data-testid="container-hosts">${ct.hostsUsed}</td>`);
    expect(html).toContain('<figcaption class="vl-caption">Every host after step 40 of 40');
    // One bar pair per host and side, and no bar drawn past its host's usable capacity
    // (a fill taller than the 44 px track would start above the cell).
    expect([...html.matchAll(/<path class="vl-track" d="([^"]*)"/g)].map((m) => m[1].split('M').length - 1)).toEqual([
      2 * initial.hostCount,
      2 * initial.hostCount,
    ]);
    for (const [, d] of html.matchAll(/<path class="vl-tone-(?:accent|warn|muted)" d="([^"]*)"/g)) {
      for (const [, y, h] of d.matchAll(/M[\d.]+ ([\d.]+)h30v([\d.]+)/g)) {
        const row = Math.floor(Number(y) / 67);
        expect(Number(y) - row * 67, d).toBeGreaterThanOrEqual(-1e-9);
        expect(Number(y) + Number(h) - row * 67).toBeLessThanOrEqual(44 + 1e-9);
      }
    }
    expect(html).toContain(initial.lastStep.sides[0].words);
    expect(html).toMatch(/<fieldset class="vl-timeline" aria-label="Step through the placements"/);
    expect(html).toMatch(/type="range" min="0" max="39" step="1" value="39"/);
    expect(html).toMatch(/<div class="vl-inputs" data-pagefind-ignore/);
    expect(html).toMatch(/<div class="vl-steps" data-pagefind-ignore/);
    expect(html).toContain(
      '<label id="cluster-scheduler-appCount-label" for="cluster-scheduler-appCount">Apps<span class="vl-unit"> (apps)</span></label>',
    );
    expect(html).toMatch(/<select id="cluster-scheduler-policy" name="policy"/);
  });
});
