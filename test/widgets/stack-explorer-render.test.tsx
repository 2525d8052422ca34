// The stack explorer as the build renders it: result, caption, accessible
// diagrams and labelled controls in the HTML; controls out of the search index.
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
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
});
