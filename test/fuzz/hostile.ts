// Hostile values for the fuzz properties: numbers at and past every edge,
// wrong types, huge and odd strings, markup and prototype-pollution keys.
import fc from 'fast-check';

/** One string of 100,000 characters, built once (generating it per case is slow for nothing). */
export const LONG = 'x'.repeat(50_000) + '<b>'.repeat(10_000) + '9'.repeat(20_000);

/** Markup and script payloads: none may reach rendered HTML unescaped. */
export const MARKUP = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  'javascript:alert(1)',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '{{constructor.constructor("alert(1)")()}}',
  '&lt;script&gt;',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literal on purpose
  '${alert(1)}',
] as const;

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
] as const;

/** Numbers at and past the edges: NaN, ±Infinity, -0, negatives, fractions, 1e308, 2^53+1, 2^32. */
export const EDGE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  -1,
  1,
  0.5,
  -0.5,
  1e-300,
  Number.MIN_VALUE,
  Number.EPSILON,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  2 ** 53 + 1,
  -(2 ** 53 + 1),
  Number.MAX_SAFE_INTEGER,
  2 ** 32,
  2 ** 32 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  1e15,
  1e9 + 0.5,
] as const;

export const edgeNumber = fc.constantFrom(...EDGE_NUMBERS);

/** Any number, biased to the edges. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: edgeNumber, weight: 3 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.integer({ min: -1000, max: 100_000 }), weight: 2 },
  { arbitrary: fc.double({ min: -10, max: 1e6, noNaN: true }), weight: 1 },
);

/** Strings readers, teachers or attackers might type: numeric-looking, unicode, markup, very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '12',
      '1e3',
      '0x10',
      '0b11',
      '1_000',
      'NaN',
      'Infinity',
      '-Infinity',
      '-0',
      '+5',
      '5px',
      '１２',
      '٣',
      'null',
      'true',
      '\u0000',
      '\uFEFF7',
      '\u202Eevil',
      '😀',
      'e\u0301',
      'a,b',
      'q"q',
      'x\ry',
      'a\r\nb',
    ),
    weight: 4,
  },
  { arbitrary: fc.constantFrom(...MARKUP), weight: 4 },
  { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 3 },
  // Rare: one in ~25 hostile strings (each costs a 100,000-character copy or two).
  { arbitrary: fc.constant(LONG), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 3 },
  { arbitrary: hostileNumber.map(String), weight: 3 },
);

/** Object keys: known-looking names, prototype keys, markup, odd strings. */
export function hostileKey(known: readonly string[] = []): fc.Arbitrary<string> {
  return known.length
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...known), weight: 3 },
        { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 1 },
        { arbitrary: hostileString, weight: 1 },
      )
    : fc.oneof(fc.constantFrom(...PROTO_KEYS), hostileString);
}

/** A value of any type, numbers and strings hostile. Depth-bounded so every case stays small. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileNumber, weight: 4 },
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: fc.constantFrom(null, undefined, true, false), weight: 2 },
    { arbitrary: fc.constantFrom(10n, -(2n ** 70n)), weight: 1 },
    { arbitrary: fc.array(tie('v'), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(hostileKey(), tie('v'), { maxKeys: 3 }), weight: 1 },
    { arbitrary: fc.constant(Object.create(null) as object), weight: 1 },
  ),
})).v;

/** JSON-able hostile values (what a JSON document can hold). */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: hostileNumber.filter(Number.isFinite), weight: 4 },
    { arbitrary: hostileString.filter((s) => s.length < 1000), weight: 2 },
    { arbitrary: fc.constantFrom(null, true, false), weight: 2 },
    { arbitrary: fc.array(tie('v'), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(hostileKey(), tie('v'), { maxKeys: 3 }), weight: 1 },
  ),
})).v;

/**
 * An object over `known` field names whose values are sometimes right
 * (`good[name]`) and sometimes hostile, plus the odd unknown or prototype key.
 * Built with defineProperty so `__proto__` is an own key, as JSON.parse makes it.
 */
export function hostileRecord(
  good: Record<string, fc.Arbitrary<unknown>>,
  opts: { hostileWeight?: number; extraKeys?: boolean; bad?: fc.Arbitrary<unknown> } = {},
): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(good);
  const w = opts.hostileWeight ?? 2; // against 8 for a good value
  const bad = opts.bad ?? hostileValue;
  const field = (name: string) =>
    fc.option(fc.oneof({ arbitrary: good[name], weight: 8 }, { arbitrary: bad, weight: w }), {
      nil: undefined,
      freq: 6,
    });
  const extras =
    opts.extraKeys === false
      ? fc.constant([] as [string, unknown][])
      : fc.array(fc.tuple(hostileKey(), bad), { maxLength: 1 });
  return fc
    .tuple(
      fc.tuple(...names.map(field)),
      fc.oneof({ arbitrary: fc.constant([] as [string, unknown][]), weight: 6 }, { arbitrary: extras, weight: 1 }),
    )
    .map(([vals, extra]) => {
      const o: Record<string, unknown> = {};
      names.forEach((n, i) => {
        if (vals[i] !== undefined) define(o, n, vals[i]);
      });
      for (const [k, v] of extra) define(o, k, v);
      return o;
    });
}

/** `o[k] = v` as an own data property, even for `__proto__`. */
export function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
}

/**
 * The text of a document, sometimes damaged: cut short, a character
 * inserted, or replaced by other JSON or by a hostile string.
 */
export function hostileText(doc: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const text = doc.map((d) => JSON.stringify(d) ?? 'undefined');
  return fc.oneof(
    { arbitrary: text, weight: 12 },
    { arbitrary: fc.tuple(text, fc.nat()).map(([t, n]) => t.slice(0, n % (t.length + 1))), weight: 2 },
    {
      arbitrary: fc
        .tuple(
          text,
          fc.nat(),
          fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', 'NaN', '1e999', '-', '<script>'),
        )
        .map(([t, n, c]) => t.slice(0, n % (t.length + 1)) + c + t.slice(n % (t.length + 1))),
      weight: 2,
    },
    { arbitrary: fc.json({ maxDepth: 3 }), weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  );
}
