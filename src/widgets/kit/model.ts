// A widget's state as a small signal model: the reader's settings, the last
// good result, issues by control, and actions. It knows nothing about the
// view (no Preact components, no DOM), so tests drive it directly.
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { SimError } from '../../sim/errors.ts';
import { checkValues, defaults, type ParamTable, type Values } from './params.ts';
import type { UrlState } from './url-state.ts';

/** A named set of values with the source that justifies them. */
export interface Preset<N extends string = string> {
  id: string;
  label: string;
  values: Partial<Values<N>>;
  /** Short citations of its sources (or "modelling choice: …"); shown on hover and focus. */
  source: string;
}

/** Passed to `compute`: long runs (in a worker) report progress and stop when aborted. */
export interface ComputeContext {
  readonly signal: AbortSignal;
  progress(fraction: number): void;
}

export interface WidgetModelOptions<N extends string, R, E> {
  /** Kebab-case widget id: `data-widget`, URL prefix, element ids, file names. */
  id: string;
  params: ParamTable<N>;
  presets?: readonly Preset<N>[];
  /** The result for the defaults, computed at build time by the same core (so the widget
   * is never blank, and the defaults are not computed again in the browser). */
  initial: R;
  /** Loads what `compute` needs, once (usually `loadCore`). */
  engine: () => Promise<E>;
  /** Values → result. Return a promise for runs that go to the worker; throw a
   * SimError whose `field` names a parameter to put the message next to its control. */
  compute: (engine: E, values: Values<N>, ctx: ComputeContext) => R | Promise<R>;
}

export interface Issue {
  /** The parameter whose control shows it, or null for the whole widget. */
  param: string | null;
  message: string;
  from: 'input' | 'url' | 'core';
}

export type Status = 'loading' | 'ready' | 'computing' | 'failed';

export interface WidgetModel<N extends string = string, R = unknown, E = unknown> {
  readonly id: string;
  /** The loaded engine (the core), null until `start` has loaded it: a view
   * that asks the core more (a step's explanation) uses this one, not a second load. */
  readonly engine: ReadonlySignal<E | null>;
  readonly params: ParamTable<N>;
  readonly presets: readonly Preset<N>[];
  /** The settings as entered, including invalid ones (never thrown away). */
  readonly values: ReadonlySignal<Values<N>>;
  /** The last good result, and the values that produced it. */
  readonly result: ReadonlySignal<R>;
  readonly resultValues: ReadonlySignal<Values<N>>;
  readonly status: ReadonlySignal<Status>;
  /** 0..1 while an async run reports progress, else null. */
  readonly progress: ReadonlySignal<number | null>;
  readonly issues: ReadonlySignal<readonly Issue[]>;
  /** Ids of presets whose values all match the current settings. */
  readonly activePresets: ReadonlySignal<readonly string[]>;
  /** One setting as a signal of its own: a view reading it redraws when that
   * setting changes, not on every change of another (a dragged slider). */
  valueSignal(name: N): ReadonlySignal<number>;
  /** The first message for one control; a view reading it follows that control's messages only. */
  issueFor(param: string): Issue | undefined;
  set(name: N, value: number): void;
  setMany(values: Partial<Values<N>>): void;
  applyPreset(id: string): void;
  /** Defaults back, issues cleared. */
  reset(): void;
  /** Applies a link's valid values and shows its problems. */
  loadUrl(state: UrlState<N>): void;
  /** Loads the engine and recomputes whenever values change (not for the defaults while
   * the build-time result is shown); resolves once the engine is ready. */
  start(): Promise<void>;
  dispose(): void;
}

/** One computed signal per key, made on first use. */
function perKey<K, T>(make: (key: K) => () => T): (key: K) => ReadonlySignal<T> {
  const made = new Map<K, ReadonlySignal<T>>();
  return (key) => {
    let s = made.get(key);
    if (!s) {
      s = computed(make(key));
      made.set(key, s);
    }
    return s;
  };
}

function sameValues<N extends string>(a: Values<N>, b: Values<N>): boolean {
  return Object.keys(b).every((k) => Object.is(a[k as N], b[k as N]));
}

export function createWidgetModel<N extends string, R, E>(o: WidgetModelOptions<N, R, E>): WidgetModel<N, R, E> {
  const initialValues = defaults(o.params);
  const presets = o.presets ?? [];
  const values = signal<Values<N>>(initialValues);
  const result = signal<R>(o.initial);
  const resultValues = signal<Values<N>>(initialValues);
  const status = signal<Status>('loading');
  const progress = signal<number | null>(null);
  const urlIssues = signal<Issue[]>([]);
  const runIssue = signal<Issue | null>(null);
  const engine = signal<{ value: E } | null>(null);

  const inputIssues = computed(() =>
    Object.entries(checkValues(o.params, values.value)).map(([param, message]) => ({
      param,
      message: message as string,
      from: 'input' as const,
    })),
  );
  const issues = computed<readonly Issue[]>(() => {
    const input = inputIssues.value;
    // An input problem on a control replaces a stale link or core message there.
    const shadowed = new Set(input.map((i) => i.param));
    const rest = [...urlIssues.value, ...(runIssue.value ? [runIssue.value] : [])].filter(
      (i) => i.param === null || !shadowed.has(i.param),
    );
    return [...input, ...rest];
  });
  // At most one preset shows as pressed: the one the reader chose while the
  // settings still match it, else the first that matches (several can, when
  // one sets a subset of another's values).
  const chosenPreset = signal<string | null>(null);
  // The same array while the answer is the same, so a dragged slider that
  // changes no preset's state does not redraw the presets at every input.
  let lastActive: readonly string[] = [];
  const activePresets = computed(() => {
    const matching = presets
      .filter((p) => Object.entries(p.values).every(([k, v]) => values.value[k as N] === v))
      .map((p) => p.id);
    const chosen = chosenPreset.value;
    const next = chosen !== null && matching.includes(chosen) ? [chosen] : matching.slice(0, 1);
    // At most one id each: the same first id is the same answer.
    if (next[0] !== lastActive[0]) lastActive = next;
    return lastActive;
  });
  // One signal per setting and per control's message, made on first use. While
  // a slider is dragged, only its own control redraws at each input event, not
  // every control of the widget (a long task per event on a slow phone).
  const valueSignal = perKey((name: N) => () => values.value[name]);
  const issueOf = perKey((param: string) => () => issues.value.find((i) => i.param === param));

  function clearUrlIssues(names: readonly string[]): void {
    if (urlIssues.value.some((i) => i.param !== null && names.includes(i.param))) {
      urlIssues.value = urlIssues.value.filter((i) => i.param === null || !names.includes(i.param));
    }
  }

  function setMany(changes: Partial<Values<N>>): void {
    batch(() => {
      values.value = { ...values.value, ...changes };
      clearUrlIssues(Object.keys(changes));
    });
  }

  let generation = 0;
  let controller: AbortController | null = null;

  function finish(gen: number, v: Values<N>, r: R): void {
    if (gen !== generation) return;
    batch(() => {
      result.value = r;
      resultValues.value = v;
      runIssue.value = null;
      status.value = 'ready';
      progress.value = null;
    });
  }

  function fail(gen: number, err: unknown): void {
    if (gen !== generation) return;
    batch(() => {
      // The last good result stays; the message goes next to the control at fault.
      const param = err instanceof SimError && o.params.some((p) => p.name === err.field) ? err.field : null;
      const message = err instanceof Error ? err.message : String(err);
      runIssue.value = { param, message, from: 'core' };
      status.value = 'ready';
      progress.value = null;
    });
  }

  /** `split`: a result computed here (not in a worker) is shown in a task of
   * its own, so computing it and redrawing for it are two tasks, not one long one. */
  function run(e: E, v: Values<N>, split = false): void {
    const gen = ++generation;
    controller?.abort();
    controller = null;
    if (inputIssues.value.length) {
      runIssue.value = null;
      if (status.value === 'computing') status.value = 'ready';
      return;
    }
    let out: R | Promise<R>;
    const ctrl = new AbortController();
    const ctx: ComputeContext = {
      signal: ctrl.signal,
      progress: (f) => {
        if (gen === generation) progress.value = Math.min(1, Math.max(0, f));
      },
    };
    try {
      out = o.compute(e, v, ctx);
    } catch (err) {
      fail(gen, err);
      return;
    }
    if (out instanceof Promise) {
      controller = ctrl;
      status.value = 'computing';
      out.then(
        (r) => finish(gen, v, r),
        (err: unknown) => {
          if (!ctrl.signal.aborted) fail(gen, err);
        },
      );
    } else {
      const r = out;
      if (split) setTimeout(() => finish(gen, v, r), 0);
      else finish(gen, v, r);
    }
  }

  // While a slider is dragged, values change at every input event: run only
  // the latest values once per animation frame, so a frame does one run and
  // one redraw however many events it got. (A timer backs the frame up where
  // frames are paused, e.g. a hidden tab or an off-screen embed; without
  // frames, as in Node, every change runs at once.)
  let pending: { e: E; v: Values<N> } | null = null;
  function runSoon(e: E, v: Values<N>): void {
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : null;
    if (!frame) {
      run(e, v);
      return;
    }
    const scheduled = pending !== null;
    pending = { e, v };
    if (scheduled) return;
    const go = (): void => {
      const next = pending;
      pending = null;
      if (next) run(next.e, next.v, true);
    };
    // The run goes in a task of its own just after the frame, not inside it
    // (and its result, if computed here, in the next): the frame already holds
    // the input events and the browser's style, layout and paint, and all of
    // it together made tasks over 50 ms on a slow phone while a slider was dragged.
    frame(() => setTimeout(go, 0));
    setTimeout(go, 100);
  }

  let stop: (() => void) | null = null;
  let started: Promise<void> | null = null;

  return {
    id: o.id,
    engine: computed(() => engine.value?.value ?? null),
    params: o.params,
    presets,
    values,
    result,
    resultValues,
    status,
    progress,
    issues,
    activePresets,
    valueSignal,
    issueFor: (param) => issueOf(param).value,
    set: (name, value) => setMany({ [name]: value } as Partial<Values<N>>),
    setMany,
    applyPreset(id) {
      const p = presets.find((q) => q.id === id);
      if (!p) return;
      batch(() => {
        chosenPreset.value = id;
        setMany(p.values);
      });
    },
    reset() {
      batch(() => {
        values.value = initialValues;
        urlIssues.value = [];
      });
    },
    loadUrl(state) {
      // A link without this widget's state changes nothing (and redraws nothing).
      if (Object.keys(state.values).length === 0 && state.issues.length === 0) return;
      batch(() => {
        values.value = { ...values.value, ...state.values };
        urlIssues.value = state.issues.map((i) => ({ ...i, from: 'url' as const }));
      });
    },
    start() {
      started ??= o.engine().then(
        (e) => {
          engine.value = { value: e };
          stop = effect(() => {
            const current = engine.value;
            if (!current) return;
            const v = values.value;
            // The build-time result is the defaults' result from the same
            // core: while it is still shown and the settings are the defaults,
            // running the core again would only repeat it (and redraw every
            // chart while the page is still loading).
            if (result.peek() === o.initial && sameValues(v, initialValues)) {
              pending = null;
              generation++;
              controller?.abort();
              controller = null;
              batch(() => {
                resultValues.value = initialValues;
                runIssue.value = null;
                status.value = 'ready';
                progress.value = null;
              });
              return;
            }
            runSoon(current.value, v);
          });
        },
        (err: unknown) => {
          batch(() => {
            status.value = 'failed';
            runIssue.value = {
              param: null,
              message: `${err instanceof Error ? err.message : String(err)} The figures shown are for the default settings.`,
              from: 'core',
            };
          });
        },
      );
      return started;
    },
    dispose() {
      pending = null;
      stop?.();
      controller?.abort();
      generation++;
    },
  };
}

/** Runs `fn` and renames the core's error field (e.g. `hostMemMiB` → `hostMemGiB`)
 * so the message lands next to the widget's own control. */
export function renameFields<T>(map: Readonly<Record<string, string>>, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SimError && map[err.field]) throw err.withField(map[err.field]);
    throw err;
  }
}
