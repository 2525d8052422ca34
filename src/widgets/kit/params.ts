// The parameter table: one row per input of a widget. It is the single source
// for the controls, the URL state, the embed options and the documentation,
// so a widget declares each input once.

/** How a value is edited. Every value is a number, so URL, CSV and core calls
 * treat all kinds alike: `boolean` is 0 or 1, `select` is an option's value. */
export type ParamKind = 'number' | 'integer' | 'select' | 'boolean';

export interface SelectOption {
  value: number;
  label: string;
  /** The option's name in URLs, embed options and exports (e.g. `best-fit`);
   * by default the label in lower case, without its parenthesised note. */
  name?: string;
}

export interface Param<N extends string = string> {
  /** Identifier used in URLs, exports and core error fields; units in the name (e.g. `appMemMiB`). */
  name: N;
  label: string;
  /** Shown after the label and in docs; '' for unitless values. */
  unit: string;
  default: number;
  min: number;
  max: number;
  step: number;
  /** One sentence for readers: what the value means. */
  help: string;
  /** Where the default comes from: a short citation of its source, or "modelling choice: …". */
  source: string;
  /** Defaults to 'number'. */
  kind?: ParamKind;
  /** For `select`. */
  options?: readonly SelectOption[];
  /** Slider spacing; 'log' for ranges over several orders of magnitude. */
  scale?: 'linear' | 'log';
  /** Controls with the same group share a fieldset; the group is its legend. */
  group?: string;
  /** The run's random seed: always written to the URL with the rest of the state. */
  seed?: boolean;
  /** Shown under "More settings" (opened by itself when one of them is changed or wrong). */
  advanced?: boolean;
  /** Not drawn by `<Controls>`: the widget draws its own editor for it (e.g. a
   * table of demand points) and shows its messages (`model.issueFor`). */
  hidden?: boolean;
  /** Earlier names of this parameter (a unit renamed, say): links that use them still set it. */
  formerly?: readonly string[];
}

export type ParamTable<N extends string = string> = readonly Param<N>[];

/** The values of a table, by name. */
export type Values<N extends string = string> = Record<N, number>;

export type NameOf<T extends ParamTable> = T[number]['name'];

export function defaults<N extends string>(table: ParamTable<N>): Values<N> {
  return Object.fromEntries(table.map((p) => [p.name, p.default])) as Values<N>;
}

export function findParam<N extends string>(table: ParamTable<N>, name: string): Param<N> | undefined {
  return table.find((p) => p.name === name);
}

/**
 * The parameter a reader's link, embed option or message names: by its name
 * or an earlier one (`formerly`), optionally ignoring case (HTML attributes).
 */
export function paramNamed<N extends string>(
  table: ParamTable<N>,
  name: string,
  ignoreCase = false,
): Param<N> | undefined {
  const same = (a: string): boolean => (ignoreCase ? a.toLowerCase() === name.toLowerCase() : a === name);
  return table.find((p) => same(p.name)) ?? table.find((p) => p.formerly?.some(same));
}

/** A choice's name as links and embed options write it: "Worst-fit (spread)" is `worst-fit`. */
export function optionName(o: SelectOption): string {
  if (o.name) return o.name;
  const slug = o.label
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || String(o.value);
}

/** Names a switch takes in links; `on` and `off` are the ones written. */
const ON = ['on', 'true', 'yes', '1'];
const OFF = ['off', 'false', 'no', '0'];

/**
 * A value as links, embed options and exports write it: a choice by its name
 * (`best-fit`), a switch as `on`/`off`, a number in plain decimal form (never
 * `1e3`), exactly enough digits to read back the same number.
 */
export function valueText(p: Param, v: number): string {
  const kind = p.kind ?? 'number';
  if (kind === 'select') {
    const o = (p.options ?? []).find((q) => q.value === v);
    if (o) return optionName(o);
  }
  if (kind === 'boolean' && (v === 0 || v === 1)) return v === 1 ? 'on' : 'off';
  return plainNumber(v);
}

/** Decimal text without an exponent that reads back as `x` exactly. */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const short = formatNumber(x);
  const text = Number(short) === x ? short : String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!m) return text;
  // Move the decimal point of the shortest round-trip form: the same digits, so the same number.
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  const digits = whole + frac;
  const point = whole.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '') || '0';
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const PLAIN_NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a value as a link or an embed attribute writes it: a choice's name
 * (or its number, as older links wrote it), `on`/`off` (or 1/0, true/false)
 * for a switch, and numbers only in plain decimal form. `0x10`, `1e3`,
 * `Infinity` or `1,5` are refused with a message saying what to write, rather
 * than being read as some other number. Range checks are `checkValue`'s.
 */
export function parseValueText(p: Param, raw: string): { value: number } | { problem: string } {
  const text = raw.trim();
  const kind = p.kind ?? 'number';
  if (kind === 'select') {
    const options = p.options ?? [];
    const o =
      options.find((q) => optionName(q) === text.toLowerCase()) ??
      (PLAIN_NUMBER.test(text) ? options.find((q) => q.value === Number(text)) : undefined);
    if (o) return { value: o.value };
    return { problem: `${p.label} (${p.name}) must be ${rangeText(p)}` };
  }
  if (kind === 'boolean') {
    const t = text.toLowerCase();
    if (ON.includes(t)) return { value: 1 };
    if (OFF.includes(t)) return { value: 0 };
    return { problem: `${p.label} (${p.name}) must be ${rangeText(p)}` };
  }
  if (!PLAIN_NUMBER.test(text)) {
    const n = Number(text);
    // `0x10` and `1e3` are numbers to JavaScript but not to most readers: say how to write them.
    if (text === '' || !Number.isFinite(n)) return { problem: `${p.label} (${p.name}) must be ${rangeText(p)}` };
    const plain = plainNumber(n);
    const hint = n >= p.min && n <= p.max && plain.length <= 20 ? ` (here ${plain})` : '';
    return { problem: `${p.label} (${p.name}) must be ${rangeText(p)}, written as a plain decimal number${hint}` };
  }
  return { value: Number(text) };
}

/** "a number from 1 to 4096 GiB", "on or off", "one of first-fit, best-fit" (the names links take). */
export function rangeText(p: Param): string {
  const kind = p.kind ?? 'number';
  if (kind === 'boolean') return 'on or off';
  if (kind === 'select') return `one of ${(p.options ?? []).map(optionName).join(', ')}`;
  const range = `${kind === 'integer' ? 'a whole number' : 'a number'} from ${formatNumber(p.min)} to ${formatNumber(p.max)}`;
  return p.unit ? `${range} ${p.unit}` : range;
}

/** Why `value` is not allowed for `p`, or null when it is. Names the parameter and its allowed range. */
export function checkValue(p: Param, value: number): string | null {
  const kind = p.kind ?? 'number';
  let ok = Number.isFinite(value) && value >= p.min && value <= p.max;
  if (ok && kind !== 'number') ok = Number.isInteger(value);
  if (ok && kind === 'select') ok = (p.options ?? []).some((o) => o.value === value);
  if (ok && kind === 'boolean') ok = value === 0 || value === 1;
  if (ok) return null;
  // A plain decimal of 5e-324 runs to 324 digits: past 24 characters, the exponent form reads better.
  const text = Number.isNaN(value) ? 'nothing usable' : valueText(p, value);
  const got = text.length > 24 ? String(value) : text;
  return `${p.label} (${p.name}) must be ${rangeText(p)}; got ${got}.`;
}

/** Every invalid value of `values`, by parameter name. */
export function checkValues<N extends string>(table: ParamTable<N>, values: Values<N>): Partial<Record<N, string>> {
  const out: Partial<Record<N, string>> = {};
  for (const p of table) {
    const message = checkValue(p, values[p.name]);
    if (message) out[p.name] = message;
  }
  return out;
}

/** A reader's text as a message quotes it: at most 40 characters, so a 100,000-character value stays readable. */
export function quoteText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 30)}… (${text.length} characters)` : text;
}

/** Numbers as readers write them: no exponent, at most 6 significant decimals. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
