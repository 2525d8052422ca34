import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { defaults, type ParamTable, type Values } from '../../src/widgets/kit/params.ts';
import {
  applyUrlState,
  bindUrl,
  readUrlState,
  URL_STATE_EVENT,
  writeUrlState,
  type UrlHost,
  type UrlState,
} from '../../src/widgets/kit/url-state.ts';

const TABLE = [
  {
    name: 'seed',
    label: 'Seed',
    unit: '',
    default: 42,
    min: 0,
    max: 1e9,
    step: 1,
    help: 'h',
    source: 's',
    kind: 'integer',
    seed: true,
  },
  { name: 'memMiB', label: 'Memory', unit: 'MiB', default: 256, min: 1, max: 4096, step: 1, help: 'h', source: 's' },
  { name: 'ratio', label: 'Ratio', unit: '', default: 0.5, min: 0, max: 1, step: 0.01, help: 'h', source: 's' },
] as const satisfies ParamTable;
type N = (typeof TABLE)[number]['name'];
const D = defaults(TABLE);

describe('URL state', () => {
  it('writes nothing for the defaults and only changed values (plus the seed) otherwise', () => {
    expect(writeUrlState('w', TABLE, D, '')).toBe('');
    expect(writeUrlState('w', TABLE, { ...D, memMiB: 128 }, '')).toBe('?w.seed=42&w.memMiB=128');
    expect(writeUrlState('w', TABLE, { ...D, seed: 7 }, '')).toBe('?w.seed=7');
  });

  it("round-trips values and keeps other widgets' keys", () => {
    const v: Values<N> = { seed: 9, memMiB: 100, ratio: 0.25 };
    const search = writeUrlState('w', TABLE, v, '?other.x=1&w.memMiB=3');
    expect(search).toBe('?other.x=1&w.seed=9&w.memMiB=100&w.ratio=0.25');
    expect(readUrlState('w', TABLE, search)).toEqual({ values: v, issues: [] });
    expect(readUrlState('other', TABLE, search).values).toEqual({});
  });

  it("reads a parameter's earlier name (a link made before a unit was renamed)", async () => {
    const { PARAMS } = await import('../../src/widgets/traffic-spike/params.ts');
    const old = readUrlState('traffic-spike', PARAMS, '?traffic-spike.pullMBps=50&traffic-spike.vmImageMB=800');
    expect(old).toEqual({ values: { pullMiBps: 50, vmImageMiB: 800 }, issues: [] });
    // Written back under the new name only.
    const search = writeUrlState('traffic-spike', PARAMS, { ...defaults(PARAMS), ...old.values }, '');
    expect(search).toContain('traffic-spike.pullMiBps=50');
    expect(search).not.toContain('MBps');
  });

  it('never writes an invalid value', () => {
    expect(writeUrlState('w', TABLE, { ...D, memMiB: Number.NaN, ratio: 0.75 }, '')).toBe('?w.seed=42&w.ratio=0.75');
  });

  it('rejects a bad value by name and range, falling back to the default for that parameter only', () => {
    const { values, issues } = readUrlState('w', TABLE, '?w.memMiB=banana&w.ratio=0.3&w.nope=1');
    expect(values).toEqual({ ratio: 0.3 });
    expect(issues).toEqual([
      {
        param: 'memMiB',
        message:
          'The link sets memMiB to "banana", but Memory (memMiB) must be a number from 1 to 4096 MiB; using the default, 256 MiB.',
      },
      { param: null, message: expect.stringContaining('w.nope') },
    ]);
    expect(readUrlState('w', TABLE, '?w.memMiB=').issues[0].param).toBe('memMiB');
    expect(readUrlState('w', TABLE, '?w.memMiB=99999').issues[0].message).toContain('from 1 to 4096 MiB');
  });

  it('binds a model: loads the link, then mirrors results with replaceState (debounced)', () => {
    const resultValues = signal<Values<N>>(D);
    const loaded: UrlState<N>[] = [];
    const calls: string[] = [];
    const timers: (() => void)[] = [];
    const host: UrlHost = {
      location: { search: '?w.memMiB=64', pathname: '/p/', hash: '#x' },
      history: {
        state: null,
        replaceState(_d, _u, url) {
          calls.push(url!);
          (host.location as { search: string }).search = url!.slice(3, url!.indexOf('#'));
        },
      },
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => timers.splice(0),
    };
    const unbind = bindUrl({ id: 'w', params: TABLE, resultValues, loadUrl: (s) => loaded.push(s) }, host);
    expect(loaded).toEqual([{ values: { memMiB: 64 }, issues: [] }]);
    resultValues.value = { ...D, memMiB: 64 };
    resultValues.value = { ...D, memMiB: 65 };
    expect(timers).toHaveLength(1);
    timers.shift()!();
    expect(calls).toEqual(['/p/?w.seed=42&w.memMiB=65#x']);
    unbind();
  });

  it("follows a page's own link to a state: the widget loads it, and what the link omits goes back to its default", () => {
    const resultValues = signal<Values<N>>(D);
    const loaded: UrlState<N>[] = [];
    const events = new EventTarget();
    const page = {
      location: { search: '?w.ratio=0.75', pathname: '/p/', hash: '#x' },
      history: {
        state: null,
        replaceState(_d: unknown, _u: string, url?: string) {
          page.location.search = url!.slice(3, url!.indexOf('#'));
        },
      },
      setTimeout: () => 0,
      clearTimeout: () => undefined,
      addEventListener: (t: string, fn: () => void) => events.addEventListener(t, fn),
      removeEventListener: (t: string, fn: () => void) => events.removeEventListener(t, fn),
      dispatchEvent: (e: Event) => events.dispatchEvent(e),
    };
    const unbind = bindUrl({ id: 'w', params: TABLE, resultValues, loadUrl: (s) => loaded.push(s) }, page);
    expect(loaded).toEqual([{ values: { ratio: 0.75 }, issues: [] }]);
    applyUrlState(page, writeUrlState('w', TABLE, { ...D, memMiB: 128 }, ''));
    expect(page.location.search).toBe('?w.seed=42&w.memMiB=128');
    // ratio is not in the link: back to its default, not left at 0.75.
    expect(loaded[1]).toEqual({ values: { seed: 42, memMiB: 128, ratio: 0.5 }, issues: [] });
    unbind();
    events.dispatchEvent(new Event(URL_STATE_EVENT));
    expect(loaded).toHaveLength(2);
  });
});
