// The embed page loads its widget's entry through ENTRY_LOADERS instead of
// the whole registry: both must describe the same widgets, in the same order.
import { describe, expect, it } from 'vitest';
import { ENTRY_LOADERS, loadEntry } from '../../src/widgets/entry-loaders.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';

describe('entry loaders', () => {
  it('load exactly the registry entries, keyed by id', async () => {
    expect(Object.keys(ENTRY_LOADERS)).toEqual(REGISTRY.map((e) => e.id));
    for (const e of REGISTRY) expect(await loadEntry(e.id)).toBe(e);
  });

  it('answer undefined for an unknown or inherited id', async () => {
    for (const id of ['', 'nope', '__proto__', 'constructor', 'toString']) expect(await loadEntry(id)).toBeUndefined();
  });
});
