// The stack explorer as the build renders it: result, caption, accessible
// diagrams and labelled controls in the HTML; controls out of the search index.
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import { StackDiagram } from '../../src/widgets/stack-explorer/StackDiagram.tsx';
import StackExplorer from '../../src/widgets/stack-explorer/StackExplorer.tsx';
import { computeStacks, summary } from '../../src/widgets/stack-explorer/model.ts';
import { PARAMS } from '../../src/widgets/stack-explorer/params.ts';

describe('Stack explorer (server render)', () => {
  it('contains the result, the summary, captions, two labelled diagrams and the controls', async () => {
    const initial = computeStacks(await loadCore(), defaults(PARAMS));
    const html = render(<StackExplorer initial={initial} />);
    expect(html).toContain('data-widget="stack-explorer"');
    expect(html).toContain('<span data-testid="vm-kernels">7</span>');
    expect(html).toContain('<span data-testid="container-kernels">1</span>');
    expect(html).toContain(summary(initial));
    expect(html).toMatch(/aria-live="polite"[^>]*>6 apps as VMs/);
    for (const id of ['vm', 'container']) {
      expect(html).toMatch(
        new RegExp(
          `<svg class="vl-chart-svg" role="img" aria-labelledby="stack-explorer-${id}-chart-title" aria-describedby="stack-explorer-${id}-chart-desc"`,
        ),
      );
      expect(html).toContain(`aria-controls="stack-explorer-${id}-table"`);
    }
    expect(html).toContain('<title id="stack-explorer-vm-chart-title">Virtual machines: 6 apps, 7 kernels</title>');
    expect(html).toContain('Guest OS × 6, per app');
    expect(html).toContain('Shared base layers, once per host');
    expect(html).toContain(
      '<figcaption class="vl-caption">Container stack: hardware, one host OS whose kernel all 6 containers share',
    );
    expect(html).toMatch(/<div class="vl-inputs" data-pagefind-ignore/);
    expect(html).toMatch(/type="number" id="stack-explorer-apps" name="apps"/);
  });

  it('draws the host memory bar to scale (the blocks above say they are not): each part is its share of the host', async () => {
    const initial = computeStacks(await loadCore(), defaults(PARAMS));
    for (const stack of initial.stacks) {
      const html = render(<StackDiagram id="t" stack={stack} desc="d" />);
      expect(html).toContain('The blocks above are not to scale; this bar is.');
      const bar = /<g data-scale="memory">([\s\S]*?)<\/g>/.exec(html)?.[1] ?? '';
      const track = Number(/class="vl-track"[^>]* width="([\d.]+)"/.exec(bar)?.[1]);
      const hostMiB = stack.layers.find((l) => l.scope === 'hardware')?.memMiB ?? 0;
      const appsMiB = stack.layers.filter((l) => l.id === 'apps').reduce((a, l) => a + l.memMiB, 0);
      const repeatedMiB = stack.layers
        .filter((l) => l.scope === 'app' && l.id !== 'apps')
        .reduce((a, l) => a + l.memMiB, 0);
      const width = (what: string) =>
        Number(new RegExp(`width="([\\d.]+)"[^>]*><title>${what}: `).exec(bar)?.[1] ?? Number.NaN);
      expect(track).toBeGreaterThan(0);
      expect(hostMiB).toBeGreaterThan(0);
      expect(width('apps') / track).toBeCloseTo(appsMiB / hostMiB, 3);
      if (repeatedMiB > 0) expect(width('repeated per app') / track).toBeCloseTo(repeatedMiB / hostMiB, 3);
    }
    // The VMs' repeated guest OS is a visible share of the bar.
    expect(initial.stacks[0].layers.some((l) => l.scope === 'app' && l.id !== 'apps' && l.memMiB > 0)).toBe(true);
  });
});
