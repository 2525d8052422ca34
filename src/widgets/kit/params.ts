// The parameter table: one row per input of a widget. It is the single source
// for the controls, the URL state, the embed options and the documentation,
// so a widget declares each input once.

/** How a value is edited. Every value is a number, so URL, CSV and core calls
 * treat all kinds alike: `boolean` is 0 or 1, `select` is an option's value. */
export type ParamKind = 'number' | 'integer' | 'select' | 'boolean';

export interface SelectOption {
  value: number;
  label: string;
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
  /** Where the default comes from: a figures.md row id, or "modelling choice: …". */
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

/** "1 to 4096 GiB", "0 or 1", "one of 1 (First fit), 2 (Best fit)". */
export function rangeText(p: Param): string {
  const kind = p.kind ?? 'number';
  if (kind === 'boolean') return '0 (off) or 1 (on)';
  if (kind === 'select') return `one of ${(p.options ?? []).map((o) => `${o.value} (${o.label})`).join(', ')}`;
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
  const got = Number.isNaN(value) ? 'nothing usable' : formatNumber(value);
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

/** One embed option per parameter (for the embed builder of a later issue). */
export interface EmbedOption {
  name: string;
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  step: number;
  kind: ParamKind;
  options?: readonly SelectOption[];
  description: string;
}

export function embedOptions(table: ParamTable): EmbedOption[] {
  return table.map((p) => ({
    name: p.name,
    label: p.label,
    unit: p.unit,
    default: p.default,
    min: p.min,
    max: p.max,
    step: p.step,
    kind: p.kind ?? 'number',
    ...(p.options ? { options: p.options } : {}),
    description: p.help,
  }));
}
