// "Patch day" as the build renders it: the comparison, the summary, the
// chart with its caption and timeline, and the controls out of the index.
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import PatchDay from '../../src/widgets/patch-day/PatchDay.tsx';
import { computePatchDay, summary } from '../../src/widgets/patch-day/model.ts';
import { PARAMS } from '../../src/widgets/patch-day/params.ts';

describe('Patch day (server render)', () => {
  it('contains the result, the summary, the chart, its caption, the timeline and labelled controls', async () => {
    const initial = computePatchDay(await loadCore(), defaults(PARAMS));
    const html = render(<PatchDay initial={initial} />);
    expect(html).toContain('data-widget="patch-day"');
    expect(html).toContain('<span data-testid="vm-kernels">210</span>');
    expect(html).toContain('<span data-testid="container-kernels">10</span>');
    expect(html).toContain('<span data-testid="container-blast">20 apps</span>');
    expect(html).toContain(summary(initial));
    expect(html).toMatch(/aria-live="polite"[^>]*>Patching 200 apps on 10 hosts/);
    expect(html).toContain(
      '<figcaption class="vl-caption">Apps out of service over patch day: the capacity dip of each design (sampled every 1 s',
    );
    expect(html).toMatch(/<svg class="vl-chart-svg" role="img" aria-labelledby="patch-day-capacity-chart-title"/);
    expect(html).toMatch(/<fieldset class="vl-timeline" aria-label="Patch day timeline">/);
    expect(html).toMatch(
      /type="range" min="0" max="\d+" step="1" value="0" aria-valuetext="At 0 s: apps down: VMs 10, Containers 10, MicroVMs 10/,
    );
    expect(html).toMatch(/<div class="vl-inputs" data-pagefind-ignore/);
    expect(html).toMatch(/type="number" id="patch-day-maxUnavailable" name="maxUnavailable"/);
  });
});
