// One list of widgets: the registry and the embed page's lazy loaders both come
// from the folders src/widgets/<id>/entry.ts, so they cannot disagree.
import { describe, expect, it } from 'vitest';
import { ENTRY_LOADERS, loadEntry } from '../../src/widgets/entry-loaders.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';
import { widgetIdOf } from '../../src/widgets/widget-entry.ts';

describe('entry loaders', () => {
  it('load exactly the registry entries, keyed by id', async () => {
    expect(Object.keys(ENTRY_LOADERS).sort()).toEqual(REGISTRY.map((e) => e.id).sort());
    for (const e of REGISTRY) expect(await loadEntry(e.id)).toBe(e);
  });

  it('answer undefined for an unknown or inherited id', async () => {
    for (const id of ['', 'nope', '__proto__', 'constructor', 'toString']) expect(await loadEntry(id)).toBeUndefined();
  });
});

describe('registry', () => {
  it('lists the six widgets in course order, each with a distinct place', () => {
    expect(REGISTRY.map((e) => e.id)).toEqual([
      'one-host',
      'stack-explorer',
      'cluster-scheduler',
      'patch-day',
      'traffic-spike',
      'live-migration',
    ]);
    expect(new Set(REGISTRY.map((e) => e.order)).size).toBe(REGISTRY.length);
  });

  it('names a widget by its folder', () => {
    expect(widgetIdOf('./one-host/entry.ts')).toBe('one-host');
    expect(widgetIdOf('./traffic-spike/entry.ts')).toBe('traffic-spike');
  });
});
