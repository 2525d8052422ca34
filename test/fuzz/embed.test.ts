// Fuzzing the embed's inputs (src/embed/): its options from a URL or element
// attributes (config.ts) and messages from the host page (messages.ts).
// Neither ever throws; what they accept is valid, every problem is a message
// naming the option, field or parameter, and accepted settings round-trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMBED_OPTIONS, THEMES, embedQuery, parseEmbedConfig } from '../../src/embed/config.ts';
import { INCOMING_TYPES, VERSION, parseIncoming } from '../../src/embed/messages.ts';
import { checkValue, defaults, rangeText } from '../../src/widgets/kit/params.ts';
import { REGISTRY, type WidgetEntry } from '../../src/widgets/registry.ts';
import { fuzzParams, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { define, hostileKey, hostileString, hostileValue, MARKUP, PROTO_KEYS } from './hostile.ts';
import { queryPairs, rawValue, searchOf, validRaw } from './url-inputs.ts';

/** A widget id and something generated for that widget (counterexamples show the id, not the whole entry). */
function forWidget<T>(gen: (w: WidgetEntry) => fc.Arbitrary<T>): fc.Arbitrary<[string, T]> {
  return fc
    .constantFrom(...REGISTRY.map((w) => w.id))
    .chain((id) => fc.tuple(fc.constant(id), gen(REGISTRY.find((w) => w.id === id)!)));
}
const byId = (id: string): WidgetEntry => REGISTRY.find((w) => w.id === id)!;

/** Embed options with good and hostile values, then the widget's parameters. */
function embedSearch(w: WidgetEntry): fc.Arbitrary<string> {
  const names = w.params.map((p) => p.name);
  const nameList = fc
    .array(fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 4 }, { arbitrary: hostileString, weight: 1 }), {
      maxLength: 4,
    })
    .map((a) => a.join(fc.sample(fc.constantFrom(',', ', ', ',,'), 1)[0]));
  const option = fc.oneof(
    fc.tuple(fc.constant('preset'), fc.oneof(fc.constantFrom(...w.presets.map((p) => p.id), 'none'), hostileString)),
    fc.tuple(fc.constant('seed'), fc.oneof(fc.nat(1e6).map(String), hostileString)),
    fc.tuple(fc.constantFrom('hide', 'lock'), fc.oneof(nameList, hostileString)),
    fc.tuple(fc.constant('theme'), fc.oneof(fc.constantFrom(...THEMES, 'DARK', ' light '), hostileString)),
    fc.tuple(fc.constant('paused'), fc.oneof(fc.constantFrom('', '1', '0', 'true', 'false', 'yes'), hostileString)),
    fc.tuple(
      fc.constantFrom(...EMBED_OPTIONS).map((o) => o.toUpperCase()),
      hostileString,
    ),
  );
  return searchOf(
    fc
      .tuple(fc.array(option, { maxLength: 4 }), queryPairs(w.id, w.params, [], EMBED_OPTIONS))
      .map(([a, b]) => [...a, ...b]),
  );
}

/** A short-enough message: the value quoted, the range and the list of names it takes, little else. */
function expectReadable(message: string): void {
  expect(message.trim().length).toBeGreaterThan(0);
  expect(message.replace(/ (It|it) takes .*$/, '').length, message.slice(0, 200)).toBeLessThanOrEqual(400);
}

describe('fuzz: embed options (src/embed/config.ts)', () => {
  it(
    'parseEmbedConfig: valid values, known names, a theme, a message per problem; the query it implies reads back the same',
    () => {
      fc.assert(
        fc.property(forWidget(embedSearch), fc.boolean(), ([id, search], ignoreCase) => {
          const w = byId(id);
          const c = parseEmbedConfig(w, search, { ignoreCase });
          const names = w.params.map((p) => p.name);
          for (const [name, v] of Object.entries(c.values)) {
            const p = w.params.find((q) => q.name === name);
            expect(p, name).toBeDefined();
            expect(checkValue(p!, v as number)).toBeNull();
          }
          expect(c.preset === null || w.presets.some((p) => p.id === c.preset)).toBe(true);
          for (const list of [c.hide, c.lock]) {
            for (const n of list) expect(names).toContain(n);
            expect(new Set(list).size).toBe(list.length);
          }
          expect(THEMES).toContain(c.theme);
          expect(typeof c.paused).toBe('boolean');
          for (const i of c.issues) {
            expectReadable(i.message);
            if (i.param !== null) expect(names).toContain(i.param);
          }
          // A theme the reader asked for that is not allowed is reported, naming the option.
          const themeRaw = [...new URLSearchParams(search)]
            .filter(([k]) => (ignoreCase ? k.toLowerCase() : k) === 'theme')
            .pop()?.[1];
          if (themeRaw !== undefined && !(THEMES as readonly string[]).includes(themeRaw.trim().toLowerCase()))
            expect(c.issues.some((i) => i.message.startsWith('theme "'))).toBe(true);
          // The embed builder's query for these settings gives them back, without issues.
          const q = embedQuery(w, c);
          const again = parseEmbedConfig(w, q);
          expect(again.issues).toEqual([]);
          // (-0 and 0 are one number to a reader: compare with -0 read as 0.)
          const effective = (x: typeof c) =>
            Object.fromEntries(
              Object.entries({
                ...defaults(w.params),
                ...(x.preset ? w.presets.find((p) => p.id === x.preset)!.values : {}),
                ...x.values,
              }).map(([k, v]) => [k, (v as number) + 0]),
            );
          expect(effective(again)).toEqual(effective(c));
          expect([again.preset, again.hide, again.lock, again.theme, again.paused]).toEqual([
            c.preset,
            c.hide,
            c.lock,
            c.theme,
            c.paused,
          ]);
        }),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('fuzz: messages from the host page (src/embed/messages.ts)', () => {
  /** A message: mostly well-formed virtlab:set/get/reset, with hostile fields. */
  function message(w: WidgetEntry): fc.Arbitrary<unknown> {
    const values = fc.dictionary(
      fc.oneof(
        { arbitrary: fc.constantFrom(...w.params.map((p) => p.name)), weight: 6 },
        { arbitrary: hostileKey(), weight: 1 },
      ),
      fc.oneof(
        { arbitrary: fc.oneof(...w.params.map((p) => validRaw(p).map(Number))), weight: 4 },
        { arbitrary: fc.oneof(...w.params.map((p) => rawValue(p))), weight: 1 },
        { arbitrary: hostileValue, weight: 2 },
      ),
      { maxKeys: 3 },
    );
    const good = {
      type: fc.oneof(
        { arbitrary: fc.constantFrom(...INCOMING_TYPES), weight: 8 },
        { arbitrary: fc.constantFrom('virtlab:', 'virtlab:SET', 'virtlab:resize', 'other:set'), weight: 1 },
        { arbitrary: hostileString.map((s) => `virtlab:${s}`), weight: 1 },
      ),
      version: fc.constantFrom(VERSION, 2, '1'),
      requestId: fc.oneof(fc.nat(), fc.string({ maxLength: 10 }), fc.constantFrom(Number.NaN, Infinity)),
      values,
      preset: fc.constantFrom(...w.presets.map((p) => p.id), 'nope'),
    };
    const rec = fc
      .tuple(
        ...Object.values(good).map((a) =>
          fc.option(
            fc.oneof({ arbitrary: a as fc.Arbitrary<unknown>, weight: 8 }, { arbitrary: hostileValue, weight: 1 }),
            { freq: 3, nil: undefined },
          ),
        ),
        fc.option(fc.tuple(fc.constantFrom(...PROTO_KEYS, 'extra', ...MARKUP), hostileValue), {
          freq: 6,
          nil: undefined,
        }),
      )
      .map(([...vals]) => {
        const extra = vals.pop() as [string, unknown] | undefined;
        const o: Record<string, unknown> = {};
        Object.keys(good).forEach((k, i) => {
          if (vals[i] !== undefined) define(o, k, vals[i]);
        });
        if (extra) define(o, extra[0], extra[1]);
        return o;
      });
    return fc.oneof({ arbitrary: rec, weight: 8 }, { arbitrary: hostileValue, weight: 1 });
  }

  it(
    'parseIncoming: never throws; ok messages are valid and respect locks; errors name a real parameter',
    () => {
      fc.assert(
        fc.property(
          forWidget((w) =>
            fc.tuple(
              message(w),
              fc.subarray(
                w.params.map((p) => p.name),
                { maxLength: 3 },
              ),
            ),
          ),
          ([id, [data, lockedList]]) => {
            const w = byId(id);
            const locked = new Set(lockedList);
            const r = parseIncoming(data, w, locked);
            const rec =
              typeof data === 'object' && data !== null && !Array.isArray(data)
                ? (data as Record<string, unknown>)
                : null;
            const addressed = rec !== null && typeof rec.type === 'string' && rec.type.startsWith('virtlab:');
            expect(r.kind === 'ignore').toBe(!addressed);
            if (r.kind === 'error') {
              expectReadable(r.message);
              // The parameter at fault, or the unknown name the request used (documented: `values.cpu is not a parameter…`).
              const sent = rec && typeof rec.values === 'object' && rec.values !== null ? Object.keys(rec.values) : [];
              if (r.param !== undefined) expect([...w.params.map((p) => p.name), ...sent]).toContain(r.param);
              if (r.requestId !== undefined) expect(r.requestId).toBe(rec!.requestId);
            }
            if (r.kind === 'ok') {
              expect(INCOMING_TYPES).toContain(r.message.type);
              expect(r.message.type).toBe(rec!.type);
              if (r.message.type === 'virtlab:set') {
                for (const [name, v] of Object.entries(r.message.values)) {
                  const p = w.params.find((q) => q.name === name)!;
                  expect(p, name).toBeDefined();
                  expect(locked.has(name)).toBe(false);
                  expect(checkValue(p, v as number), rangeText(p)).toBeNull();
                }
                const preset = w.presets.find((p) => p.id === (r.message as { preset?: string }).preset);
                if (r.message.preset) {
                  expect(preset).toBeDefined();
                  for (const k of Object.keys(preset!.values)) expect(locked.has(k)).toBe(false);
                }
              }
            }
          },
        ),
        fuzzParams(),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
