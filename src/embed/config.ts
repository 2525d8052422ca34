// An embed's settings from its URL (`/embed/<id>/?preset=…&appMemMiB=64&lock=…`)
// or from a <virtlab-…> element's attributes. Parameters go through the kit's
// URL parsing (plain names accepted); the embed's own options are read here.
// Every problem becomes a message naming the option and what it allows; the
// widget still runs with the rest.
import type { Preset } from '../widgets/kit/model.ts';
import { paramNamed, quoteText, valueText, type ParamTable, type Values } from '../widgets/kit/params.ts';
import { readUrlState, type UrlIssue } from '../widgets/kit/url-state.ts';

export type Theme = 'light' | 'dark' | 'auto';
export const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];

/** The embed's own options; every other key must be a parameter name. */
export const EMBED_OPTIONS = ['preset', 'seed', 'hide', 'lock', 'theme', 'paused'] as const;

/** What the parser needs of a registry entry. */
export interface EmbedSpec {
  id: string;
  params: ParamTable;
  presets: readonly Preset[];
}

export interface EmbedConfig {
  /** Valid values from the preset, then the parameters, then the seed. */
  values: Partial<Values>;
  issues: UrlIssue[];
  preset: string | null;
  hide: string[];
  lock: string[];
  theme: Theme;
  paused: boolean;
}

export interface ParseOptions {
  /** Element attributes arrive lower-cased: match names ignoring case. */
  ignoreCase?: boolean;
}

function names(list: readonly string[]): string {
  return list.length ? list.join(', ') : '(none)';
}

/** Reads a comma list of parameter names; unknown names become issues. */
function readNameList(
  spec: EmbedSpec,
  option: 'hide' | 'lock',
  raw: string,
  ignoreCase: boolean,
  issues: UrlIssue[],
): string[] {
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (!name) continue;
    const p = paramNamed(spec.params, name, ignoreCase);
    if (!p) {
      issues.push({
        param: null,
        message: `${option} lists "${quoteText(name)}", which is not a parameter of this widget; it takes ${names(spec.params.map((q) => q.name))}.`,
      });
    } else if (!out.includes(p.name)) out.push(p.name);
  }
  return out;
}

export function parseEmbedConfig(
  spec: EmbedSpec,
  input: string | URLSearchParams | Iterable<[string, string]>,
  opts: ParseOptions = {},
): EmbedConfig {
  const ignoreCase = !!opts.ignoreCase;
  const query = new URLSearchParams(
    input instanceof URLSearchParams ? input : typeof input === 'string' ? input : [...input],
  );
  const get = (key: string): string | null => {
    let found: string | null = null;
    for (const [k, v] of query) if (ignoreCase ? k.toLowerCase() === key : k === key) found = v;
    return found;
  };
  const issues: UrlIssue[] = [];
  const values: Partial<Values> = {};

  // 1. The preset, so explicit parameters can override it.
  let preset: string | null = null;
  const presetRaw = get('preset');
  if (presetRaw !== null) {
    const p = spec.presets.find((q) => q.id === presetRaw.trim());
    if (p) {
      preset = p.id;
      Object.assign(values, p.values);
    } else {
      issues.push({
        param: null,
        message: spec.presets.length
          ? `preset "${quoteText(presetRaw)}" is not a preset of this widget; it takes one of ${names(spec.presets.map((q) => q.id))}.`
          : `preset "${quoteText(presetRaw)}" was ignored: this widget has no presets.`,
      });
    }
  }

  // 2. Parameters, by the kit's rules (range checks, messages naming the parameter).
  const seedParam = spec.params.find((p) => p.seed);
  // A seed parameter literally called `seed` is read like any other parameter.
  const reserved = EMBED_OPTIONS.filter((o) => !(o === 'seed' && seedParam?.name === 'seed'));
  const state = readUrlState(spec.id, spec.params, query, { plain: true, reserved, ignoreCase });
  Object.assign(values, state.values);
  issues.push(...state.issues);

  // 3. `seed` for a widget whose seed parameter has another name.
  const seedRaw = reserved.includes('seed') ? get('seed') : null;
  if (seedRaw !== null) {
    if (!seedParam) {
      issues.push({ param: null, message: `seed was ignored: this widget draws nothing at random.` });
    } else {
      const s = readUrlState(spec.id, spec.params, new URLSearchParams([[seedParam.name, seedRaw]]), { plain: true });
      Object.assign(values, s.values);
      issues.push(...s.issues);
    }
  }

  const hideRaw = get('hide');
  const lockRaw = get('lock');
  const hide = hideRaw === null ? [] : readNameList(spec, 'hide', hideRaw, ignoreCase, issues);
  const lock = lockRaw === null ? [] : readNameList(spec, 'lock', lockRaw, ignoreCase, issues);

  let theme: Theme = 'auto';
  const themeRaw = get('theme');
  if (themeRaw !== null) {
    const t = themeRaw.trim().toLowerCase();
    if ((THEMES as readonly string[]).includes(t)) theme = t as Theme;
    else
      issues.push({
        param: null,
        message: `theme "${quoteText(themeRaw)}" is not allowed; it takes one of ${THEMES.join(', ')}. Using auto (the reader's system setting).`,
      });
  }

  let paused = false;
  const pausedRaw = get('paused');
  if (pausedRaw !== null) {
    const v = pausedRaw.trim().toLowerCase();
    if (v === '' || v === '1' || v === 'true') paused = true;
    else if (v === '0' || v === 'false') paused = false;
    else
      issues.push({
        param: null,
        message: `paused "${quoteText(pausedRaw)}" is not allowed; it takes 1 (start paused) or 0.`,
      });
  }

  return { values, issues, preset, hide, lock, theme, paused };
}

/** The query string that reproduces `config` (for the embed builder's snippets); '' or '?…'. */
export function embedQuery(spec: EmbedSpec, config: Partial<Omit<EmbedConfig, 'issues'>>): string {
  const q = new URLSearchParams();
  const preset = config.preset ? spec.presets.find((p) => p.id === config.preset) : undefined;
  if (preset) q.set('preset', preset.id);
  for (const p of spec.params) {
    const v = config.values?.[p.name];
    if (v === undefined) continue;
    // Values equal to what the preset (or the default) gives are left out.
    const base = preset?.values[p.name] ?? p.default;
    if (v !== base) q.set(p.name, valueText(p, v));
  }
  if (config.hide?.length) q.set('hide', config.hide.join(','));
  if (config.lock?.length) q.set('lock', config.lock.join(','));
  if (config.theme && config.theme !== 'auto') q.set('theme', config.theme);
  if (config.paused) q.set('paused', '1');
  const text = q.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
