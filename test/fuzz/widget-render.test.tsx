// Every widget server-rendered (preact-render-to-string, as the build does)
// after reading a hostile link: the widget still renders, with the values the
// link validly set; each message about the link is shown escaped; no
// injected markup (`<img onerror>`, `"><script>`…) reaches the HTML.
//
// A render costs 5–50 ms, so this property runs RUNS / 100 cases per widget
// (100 in CI, 1,000 with `npm run fuzz`) and the widgets' compute RUNS / 20
// (a patch-day or traffic-spike run is 10–20 ms); the URL parsing they start
// from is fuzzed at RUNS cases per widget in url-state.test.ts.
import fc from 'fast-check';
import { render } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type Core } from '../../src/sim/core.ts';
import { createWidgetModel } from '../../src/widgets/kit/model.ts';
import { defaults, type Values } from '../../src/widgets/kit/params.ts';
import { readUrlState } from '../../src/widgets/kit/url-state.ts';
import { WidgetShell } from '../../src/widgets/kit/WidgetShell.tsx';
import { REGISTRY, type WidgetEntry } from '../../src/widgets/registry.ts';
import { fuzzParams, RUNS, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { MARKUP } from './hostile.ts';
import { expectCleanRejection } from './oracles.ts';
import { queryPairs, searchOf, validRaw } from './url-inputs.ts';

let core: Core;
beforeAll(async () => {
  core = await loadCore();
});

/** As preact-render-to-string escapes text and attribute values. */
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * Every tag of an HTML string with its attribute names and values, read the
 * way a browser tokenizes (quoted values may hold `>`). Text between tags is
 * skipped: an escaped `&lt;img onerror=…>` there is harmless text.
 */
function tags(html: string): { name: string; attrs: [string, string][] }[] {
  const out: { name: string; attrs: [string, string][] }[] = [];
  const tag = /<\/?([a-zA-Z][^\s/>]*)((?:\s+[^\s/>"'=]+(?:=(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attr = /([^\s/>"'=]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of html.matchAll(tag)) {
    const attrs: [string, string][] = [];
    for (const a of m[2].matchAll(attr)) attrs.push([a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

const FORBIDDEN_ELEMENTS = new Set(['script', 'img', 'iframe', 'object', 'embed', 'style', 'textarea']);

/** No injected element (script, img, iframe…), event-handler attribute or javascript: URL. */
function expectNoMarkupInjected(html: string): void {
  // Plain checks, one expect at the end: an expect per attribute costs more than the render.
  const problems: string[] = [];
  for (const t of tags(html)) {
    if (FORBIDDEN_ELEMENTS.has(t.name)) problems.push(`a <${t.name}> element`);
    for (const [name, value] of t.attrs) {
      if (name.startsWith('on')) problems.push(`attribute ${name} on <${t.name}>`);
      if (/^\s*javascript:/i.test(value)) problems.push(`${name}="${value}" on <${t.name}>`);
    }
  }
  expect(problems, problems.join('; ')).toEqual([]);
}

/** Links for `w`, with a markup payload in most of them. */
function hostileLink(w: WidgetEntry): fc.Arbitrary<string> {
  const names = w.params.map((p) => p.name);
  const markup = fc.tuple(
    fc.constantFrom(...names.map((n) => `${w.id}.${n}`), `${w.id}.${MARKUP[0]}`, MARKUP[1]),
    fc.constantFrom(...MARKUP),
  );
  return searchOf(
    fc
      .tuple(queryPairs(w.id, w.params), fc.array(markup, { minLength: 0, maxLength: 2 }))
      .map(([a, b]) => [...a, ...b]),
  );
}

/** Widget results by values: links that differ only in rejected entries compute once. */
const cache = new Map<string, unknown>();
function computeFor(w: WidgetEntry, values: Values): { result: unknown } | { error: Error } {
  const key = `${w.id}:${JSON.stringify(values)}`;
  if (!cache.has(key)) {
    try {
      cache.set(key, { result: w.compute(core, values) });
    } catch (err) {
      // Values each in range can still be refused together (the widget shows the message): a SimError only.
      cache.set(key, { error: expectCleanRejection(err, (f) => w.params.some((p) => p.name === f), ` (${w.id})`) });
    }
  }
  return cache.get(key) as { result: unknown } | { error: Error };
}

describe('fuzz: widget compute with any values a link can set', () => {
  for (const w of REGISTRY) {
    it(
      `${w.id}: a result with finite key numbers, or a SimError the widget can show`,
      () => {
        // Values each valid (near the low end, so runs stay short), combined at random.
        const values = fc
          .tuple(...w.params.map((p) => fc.option(validRaw(p).map(Number), { nil: undefined, freq: 2 })))
          .map((vs) => {
            const out = defaults(w.params) as Values;
            w.params.forEach((p, i) => {
              const v = vs[i];
              if (v !== undefined) out[p.name] = v;
            });
            return out;
          });
        fc.assert(
          fc.property(values, (v) => {
            const c = computeFor(w, v);
            if ('error' in c) return;
            const numbers = w.numbers?.(c.result) ?? {};
            const bad = Object.entries(numbers).filter(([, n]) => !Number.isFinite(n));
            expect(bad, 'key numbers that are not finite').toEqual([]);
          }),
          fuzzParams({ numRuns: Math.max(100, Math.round(RUNS / 20)) }),
        );
      },
      TEST_TIMEOUT_MS,
    );
  }
});

describe('the markup oracle itself', () => {
  it('catches injected elements, handlers and javascript: URLs, and lets escaped text through', () => {
    expect(() => expectNoMarkupInjected('<p>ok</p><img src=x onerror=alert(1)>')).toThrow(/<img> element/);
    expect(() => expectNoMarkupInjected('<input value="a" onerror="alert(1)">')).toThrow(/onerror/);
    expect(() => expectNoMarkupInjected('<a href=" javascript:alert(1)">x</a>')).toThrow(/javascript/);
    expect(() => expectNoMarkupInjected('<p title="a>b"><script>x</script></p>')).toThrow(/<script>/);
    expect(() =>
      expectNoMarkupInjected('<p title="&quot;&gt;&lt;script>">&lt;img src=x onerror=alert(1)></p>'),
    ).not.toThrow();
  });
});

describe('fuzz: widgets rendered with hostile links', () => {
  for (const w of REGISTRY) {
    it(
      `${w.id}: renders, shows every link problem escaped, and lets no markup through`,
      async () => {
        const Widget = await w.load();
        const fallback = w.compute(core, defaults(w.params));
        await fc.assert(
          fc.asyncProperty(hostileLink(w), async (search) => {
            const state = readUrlState(w.id, w.params, search);
            const values = { ...defaults(w.params), ...state.values } as Values;
            const computed = computeFor(w, values);
            // As the island: a refused run keeps the last good result (here, the defaults').
            const result = 'result' in computed ? computed.result : fallback;
            const html = render(<Widget initial={result} />);
            expect(html).toContain(`data-widget="${w.id}"`);
            expectNoMarkupInjected(html);

            // The shell as it is once the link is loaded: its messages next to the controls.
            const model = createWidgetModel({
              id: w.id,
              params: w.params,
              presets: w.presets,
              initial: result,
              engine: () => Promise.resolve(core),
              compute: w.compute,
            });
            model.loadUrl(state);
            const shell = render(
              <WidgetShell model={model} title={w.title} summary="" run={{ caption: '', columns: [], rows: [] }}>
                {null}
              </WidgetShell>,
            );
            expectNoMarkupInjected(shell);
            for (const issue of state.issues) {
              const p = issue.param === null ? null : w.params.find((q) => q.name === issue.param)!;
              if (p?.hidden) continue; // drawn by the widget's own editor, not the shell
              if (p && model.issueFor(p.name)?.message !== issue.message) continue; // a control shows its first message
              expect(shell).toContain(escapeHtml(issue.message));
            }
          }),
          fuzzParams({ numRuns: Math.max(50, Math.round(RUNS / 100)) }),
        );
      },
      TEST_TIMEOUT_MS,
    );
  }
});
