// The island as the build renders it: result, caption and controls are in
// the HTML; controls are kept out of the search index.
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import OneHost from '../../src/widgets/one-host/OneHost.tsx';
import { computeOneHost, summary } from '../../src/widgets/one-host/model.ts';
import { PARAMS } from '../../src/widgets/one-host/params.ts';

describe('One host, many apps (server render)', () => {
  it('contains the result, the summary, a caption and labelled controls', async () => {
    const initial = computeOneHost(await loadCore(), defaults(PARAMS));
    const html = render(<OneHost initial={initial} />);
    expect(html).toContain('data-widget="one-host"');
    expect(html).toContain('data-ready="false"');
    expect(html).toContain(`<dd data-testid="vm-apps">${initial.profiles[0].apps}</dd>`);
    expect(html).toContain(summary(initial));
    expect(html).toMatch(/aria-live="polite"[^>]*>On a 32 GiB host/);
    expect(html).toContain('<figcaption class="vl-caption">Memory of one 32 GiB host');
    expect(html).toMatch(/<div class="vl-inputs" data-pagefind-ignore/);
    // Every slider and number field: a label with the unit, help via aria-describedby.
    expect(html).toContain(
      '<label id="one-host-appMemMiB-label" for="one-host-appMemMiB">Memory per app<span class="vl-unit"> (MiB)</span></label>',
    );
    expect(html).toMatch(
      /type="range"[^>]*aria-labelledby="one-host-appMemMiB-label"[^>]*aria-describedby="one-host-appMemMiB-help"/,
    );
    expect(html).toMatch(/type="number" id="one-host-appMemMiB" name="appMemMiB"/);
    // Presets describe their sources.
    expect(html).toMatch(
      /aria-describedby="one-host-preset-firecracker"[\s\S]*role="tooltip" id="one-host-preset-firecracker">Source: [^<]*Firecracker specification/,
    );
  });
});
