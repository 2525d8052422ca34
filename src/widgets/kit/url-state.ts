// Widget state in the page's query string, so a shared link reproduces the
// run. Keys are `<prefix>.<param>` (the prefix is the widget id) so several
// widgets on one page keep apart; only values that differ from the default
// are written, plus the seed whenever anything is written.
import {
  checkValue,
  defaults,
  paramNamed,
  parseValueText,
  quoteText,
  valueText,
  type ParamTable,
  type Values,
} from './params.ts';

/** A problem with the link, shown next to the control it concerns (`param`), or for the whole widget (`param` null). */
export interface UrlIssue {
  param: string | null;
  message: string;
}

export interface UrlState<N extends string> {
  /** The valid values the link sets; parameters it omits or gets wrong are absent. */
  values: Partial<Values<N>>;
  issues: UrlIssue[];
}

/** Options of `readUrlState` for pages that hold one widget only (embeds). */
export interface ReadUrlOptions {
  /** Also accept plain `<param>` keys; every other key, unless `reserved`, is then reported as unknown. */
  plain?: boolean;
  /** Keys the caller reads itself (e.g. `preset`, `theme`); skipped. */
  reserved?: readonly string[];
  /** Match parameter names ignoring case (HTML attribute names are lower-cased). */
  ignoreCase?: boolean;
}

export function readUrlState<N extends string>(
  prefix: string,
  table: ParamTable<N>,
  search: string | URLSearchParams,
  opts: ReadUrlOptions = {},
): UrlState<N> {
  const query = new URLSearchParams(search);
  const values: Partial<Values<N>> = {};
  const issues: UrlIssue[] = [];
  const same = (a: string, b: string): boolean => (opts.ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  for (const [key, raw] of query) {
    if (opts.reserved?.some((r) => same(r, key))) continue;
    const prefixed = key.startsWith(`${prefix}.`);
    if (!prefixed && !opts.plain) continue;
    const name = prefixed ? key.slice(prefix.length + 1) : key;
    const p = paramNamed(table, name, opts.ignoreCase);
    if (!p) {
      const known = opts.plain
        ? ` It takes ${[...table.map((q) => q.name), ...(opts.reserved ?? [])].join(', ')}.`
        : '';
      issues.push({
        param: null,
        message: `The link sets ${quoteText(key)}, which this widget does not have; it was ignored.${known}`,
      });
      continue;
    }
    const parsed = parseValueText(p, raw);
    const problem = 'problem' in parsed ? parsed.problem : checkValue(p, parsed.value);
    if (problem || !('value' in parsed)) {
      const unit = p.unit ? ` ${p.unit}` : '';
      issues.push({
        param: p.name,
        message: `The link sets ${p.name} to "${quoteText(raw)}", but ${(problem ?? '').replace(/; got .*$/, '')}; using the default, ${valueText(p, p.default)}${unit}.`,
      });
    } else {
      values[p.name] = parsed.value;
    }
  }
  return { values, issues };
}

/** `search` with this widget's keys replaced by `values`; other keys are kept. Returns '' or '?…'. */
export function writeUrlState<N extends string>(
  prefix: string,
  table: ParamTable<N>,
  values: Values<N>,
  search: string,
): string {
  const query = new URLSearchParams(search);
  for (const key of [...query.keys()]) if (key.startsWith(`${prefix}.`)) query.delete(key);
  const changed = table.filter((p) => values[p.name] !== p.default && checkValue(p, values[p.name]) === null);
  const written = changed.length
    ? table.filter((p) => changed.includes(p) || (p.seed && checkValue(p, values[p.name]) === null))
    : [];
  // Lossless: a link must reproduce the numbers the reader saw, not a rounding of them.
  for (const p of written) query.set(`${prefix}.${p.name}`, valueText(p, values[p.name]));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** What `bindUrl` needs from a page; a fake in tests. */
export interface UrlHost {
  readonly location: { readonly search: string; readonly pathname: string; readonly hash: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void; readonly state: unknown };
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** For `URL_STATE_EVENT` (a page's own links to a widget state); optional in fakes. */
  addEventListener?(type: string, fn: () => void): void;
  removeEventListener?(type: string, fn: () => void): void;
}

/** Sent on the page's window by `applyUrlState`: bound widgets load their state from the URL again. */
export const URL_STATE_EVENT = 'virtlab:url-state';

/** What `applyUrlState` needs from a page (a window). */
export interface UrlStateTarget {
  readonly location: { readonly pathname: string; readonly hash: string };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void; readonly state: unknown };
  dispatchEvent(event: Event): boolean;
}

/**
 * Follows a link to a widget state without reloading the page (activities'
 * "set the widget" links): puts `search` ('' or '?…', as `writeUrlState`
 * makes it) into the address and has every widget bound to the page load it;
 * a widget's parameters that `search` leaves out go back to their defaults.
 * A widget not yet hydrated reads the same address when it hydrates.
 */
export function applyUrlState(target: UrlStateTarget, search: string): void {
  target.history.replaceState(target.history.state, '', `${target.location.pathname}${search}${target.location.hash}`);
  target.dispatchEvent(new Event(URL_STATE_EVENT));
}

/** What `bindUrl` reads and drives; a `WidgetModel` fits. */
export interface UrlBindable<N extends string> {
  readonly id: string;
  readonly params: ParamTable<N>;
  readonly resultValues: { readonly value: Values<N>; subscribe(fn: (v: Values<N>) => void): () => void };
  loadUrl(state: UrlState<N>): void;
}

/**
 * Loads the widget's state from the page URL, then mirrors every new result's
 * values into it with `history.replaceState` (no reload, no history entry).
 * Writes are debounced: browsers throttle rapid replaceState calls while a
 * slider is dragged. Only values that produced a shown result are written, so
 * a link always reproduces numbers the reader saw. Returns an unbind function.
 */
export function bindUrl<N extends string>(
  model: UrlBindable<N>,
  host: UrlHost,
  prefix: string = model.id,
  delayMs = 250,
): () => void {
  model.loadUrl(readUrlState(prefix, model.params, host.location.search));
  let timer: unknown = null;
  const follow = (): void => {
    if (timer !== null) host.clearTimeout(timer);
    timer = null;
    const link = readUrlState(prefix, model.params, host.location.search);
    model.loadUrl({ values: { ...defaults(model.params), ...link.values }, issues: link.issues });
  };
  host.addEventListener?.(URL_STATE_EVENT, follow);
  let first = true;
  const write = (v: Values<N>): void => {
    const search = writeUrlState(prefix, model.params, v, host.location.search);
    if (search === host.location.search) return;
    host.history.replaceState(host.history.state, '', `${host.location.pathname}${search}${host.location.hash}`);
  };
  const unsubscribe = model.resultValues.subscribe((v) => {
    // subscribe() calls back at once with the current (pre-link) values: skip that.
    if (first) {
      first = false;
      return;
    }
    if (timer !== null) host.clearTimeout(timer);
    timer = host.setTimeout(() => {
      timer = null;
      write(v);
    }, delayMs);
  });
  return () => {
    unsubscribe();
    host.removeEventListener?.(URL_STATE_EVENT, follow);
    if (timer !== null) {
      host.clearTimeout(timer);
      write(model.resultValues.value);
    }
  };
}
