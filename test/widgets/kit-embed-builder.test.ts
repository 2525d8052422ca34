// The kit never imports the embed panel: the page provides it. Without a
// provider (inside an embed) loading it fails with a reason, not a hang.
import { describe, expect, it } from 'vitest';
import { loadEmbedBuilder, provideEmbedBuilder } from '../../src/widgets/kit/embed-builder.ts';

describe('embed builder slot', () => {
  it('rejects with a reason when the page provides no panel', async () => {
    await expect(loadEmbedBuilder()).rejects.toThrow(/does not offer it/);
  });

  it('loads the panel the page provides, on demand', async () => {
    let loads = 0;
    const Panel = () => null;
    provideEmbedBuilder(async () => {
      loads++;
      return Panel;
    });
    expect(loads).toBe(0);
    await expect(loadEmbedBuilder()).resolves.toBe(Panel);
    expect(loads).toBe(1);
  });
});
