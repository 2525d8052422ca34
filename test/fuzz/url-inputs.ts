// Query strings for fuzzing widget URL state and embed options: the widget's
// own keys (prefixed or plain) with valid, out-of-range, malformed, markup
// and very long values, plus unknown, prototype and other widgets' keys,
// sometimes written raw (unencoded) rather than through URLSearchParams.
import fc from 'fast-check';
import { formatNumber, optionName, type Param } from '../../src/widgets/kit/params.ts';
import { hostileNumber, hostileString, MARKUP, PROTO_KEYS } from './hostile.ts';

/** A valid value for `p`, kept near the low end (so a widget computes quickly), written as a reader would. */
export function validRaw(p: Param): fc.Arbitrary<string> {
  const kind = p.kind ?? 'number';
  // Choices by name as links write them, or by the number older links wrote.
  if (kind === 'select')
    return fc.constantFrom(
      ...(p.options ?? [{ value: p.default, label: String(p.default) }]).flatMap((o) => [
        optionName(o),
        String(o.value),
      ]),
    );
  if (kind === 'boolean') return fc.constantFrom('on', 'off', '0', '1', 'TRUE');
  const hi = Math.min(p.max, Math.max(p.default * 2, p.min + 10));
  const n =
    kind === 'integer'
      ? fc.integer({ min: Math.ceil(p.min), max: Math.floor(hi) })
      : fc.double({ min: p.min, max: hi, noNaN: true });
  return fc.oneof(
    fc.constant(formatNumber(p.default)),
    fc.constant(formatNumber(p.min)),
    n
      .map((v) => (kind === 'integer' ? String(v) : formatNumber(v)))
      .filter((s) => Number(s) >= p.min && Number(s) <= p.max),
  );
}

/** A value for `p`: valid half the time, else out of range, malformed, markup or long. */
export function rawValue(p: Param): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: validRaw(p), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        String(p.max + 1),
        String(p.min - 1),
        String(p.max * 10 + 0.5),
        '1e308',
        '-1e308',
        'NaN',
        'Infinity',
        '-Infinity',
        '',
        ' ',
        '0x10',
        '1e3',
        '1,5',
        '2^53',
        String(2 ** 53 + 1),
      ),
      weight: 2,
    },
    { arbitrary: hostileNumber.map(String), weight: 1 },
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: fc.constantFrom(...MARKUP), weight: 2 },
  );
}

/** Key/value pairs for a widget with prefix `id` and table `params`. */
export function queryPairs(
  id: string,
  params: readonly Param[],
  otherIds: readonly string[] = [],
  extraKeys: readonly string[] = [],
): fc.Arbitrary<[string, string][]> {
  // Built once per parameter (not per case inside a chain): generation stays cheap.
  const own = fc.oneof(
    ...params.map((p) =>
      fc.tuple(
        fc.constantFrom(`${id}.${p.name}`, p.name, `${id}.${p.name.toUpperCase()}`, p.name.toLowerCase()),
        rawValue(p),
      ),
    ),
  );
  const stray = fc.tuple(
    fc.oneof(
      fc.constantFrom(...PROTO_KEYS).map((k) => `${id}.${k}`),
      fc.constantFrom(...PROTO_KEYS),
      hostileString.map((k) => `${id}.${k}`),
      hostileString,
      ...(otherIds.length ? [fc.constantFrom(...otherIds).map((o) => `${o}.${params[0].name}`)] : []),
      ...(extraKeys.length ? [fc.constantFrom(...extraKeys)] : []),
    ),
    fc.oneof(hostileString, fc.constantFrom(...MARKUP)),
  );
  return fc.array(fc.oneof({ arbitrary: own, weight: 5 }, { arbitrary: stray, weight: 1 }), { maxLength: 6 });
}

/** The query as a browser would hand it over: encoded by URLSearchParams, or raw text with odd separators. */
export function searchOf(pairs: fc.Arbitrary<[string, string][]>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: pairs.map((p) => `?${new URLSearchParams(p).toString()}`), weight: 4 },
    {
      arbitrary: fc
        .tuple(pairs, fc.constantFrom('&', '&&', ';', '&=&'))
        .map(([p, sep]) => `?${p.map(([k, v]) => `${k}=${v}`).join(sep)}`),
      weight: 1,
    },
    { arbitrary: fc.constantFrom('?%ZZ=%', '?=&=', '??', '?&', '#?x=1', '?a=%E0%A4%A', '?%00=%00'), weight: 1 },
  );
}
