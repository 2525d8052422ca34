// "One host, many apps" on the real core: numbers, words, export rows, and
// that its defaults stay the core's isolation-profile presets.
import { describe, expect, it } from 'vitest';
import { readerSource } from '../../src/sim/citations.ts';
import { loadCore } from '../../src/sim/core.ts';
import { presets } from '../../src/sim/profiles.ts';
import { checkValue, defaults } from '../../src/widgets/kit/params.ts';
import { computeOneHost, runTable, summary } from '../../src/widgets/one-host/model.ts';
import { PARAMS, PRESETS } from '../../src/widgets/one-host/params.ts';

const D = defaults(PARAMS);

describe('one host, many apps', () => {
  it("packs the same apps as VMs, microVMs and containers with each profile's overhead", async () => {
    const r = computeOneHost(await loadCore(), D);
    const usable = 32 * 1024 - 3584;
    const apps = Object.fromEntries(r.profiles.map((p) => [p.id, p.apps]));
    expect(apps).toEqual({
      vm: Math.floor(usable / (256 + 256 + 131)),
      microvm: Math.floor(usable / (256 + 20 + 5)),
      container: Math.floor(usable / 256),
    });
    for (const p of r.profiles)
      expect(p.appMemMiB + p.overheadMemMiB + p.freeMemMiB + r.hostReserveMiB).toBe(r.hostMemMiB);
    expect(summary(r)).toBe(
      `On a 32 GiB host, ${apps.container} apps fit as containers, ${apps.microvm} as microVMs and ${apps.vm} as VMs. The VMs spend 17 GiB (53 % of the host) on guest OSes and VMMs.`,
    );
  });

  it('says so when not even one VM fits', async () => {
    const r = computeOneHost(await loadCore(), { ...D, hostMemGiB: 4, appMemMiB: 512 });
    expect(r.profiles[0].apps).toBe(0);
    expect(summary(r)).toContain('Not even one VM fits');
  });

  it("puts the core's complaint next to the widget's own control", async () => {
    const core = await loadCore();
    expect(() => computeOneHost(core, { ...D, hostMemGiB: 2 })).toThrowError(
      expect.objectContaining({ field: 'hostReserveMiB' }),
    );
  });

  it('exports one row per profile with the shown numbers', async () => {
    const r = computeOneHost(await loadCore(), D);
    const t = runTable(r);
    expect(t.rows.map((row) => row.profile)).toEqual(['VMs', 'MicroVMs', 'Containers']);
    expect(t.rows[0]).toMatchObject({
      apps: r.profiles[0].apps,
      hostMemMiB: 32768,
      hostReserveMiB: 3584,
      perInstanceOverheadMiB: 387,
    });
  });

  it('has a source for every default and valid values in every preset', () => {
    for (const p of PARAMS) {
      expect(p.source.length, p.name).toBeGreaterThan(10);
      expect(checkValue(p, p.default), p.name).toBeNull();
    }
    for (const preset of PRESETS) {
      expect(/modelling choice/.test(preset.source) || readerSource(preset.source).anchors.length > 0, preset.id).toBe(
        true,
      );
      for (const [k, v] of Object.entries(preset.values))
        expect(checkValue(PARAMS.find((p) => p.name === k)!, v as number)).toBeNull();
    }
  });

  it("keeps its defaults equal to the core's isolation profiles (read through the ABI)", async () => {
    const core = presets(await loadCore('placement'));
    const value = (profile: string, key: string): number => {
      const q = core.profiles.find((p) => p.id === profile)?.params.find((x) => x.key === key);
      if (!q) throw new Error(`${profile}.${key} is not in the core's profiles`);
      return q.value;
    };
    expect(D.vmGuestOsMemMiB).toBe(value('vm', 'guestOsMemMiB'));
    expect(D.vmVmmMemMiB).toBe(value('vm', 'vmmOverheadMiB'));
    expect(D.microvmGuestOsMemMiB).toBe(value('microvm', 'guestOsMemMiB'));
    expect(D.microvmVmmMemMiB).toBe(value('microvm', 'vmmOverheadMiB'));
    expect(D.containerRuntimeMemMiB).toBe(value('container', 'guestOsMemMiB') + value('container', 'vmmOverheadMiB'));
    const kata = PRESETS.find((p) => p.id === 'kata-fc')!.values;
    expect(kata.microvmGuestOsMemMiB! + kata.microvmVmmMemMiB!).toBe(
      value('kata-fc', 'guestOsMemMiB') + value('kata-fc', 'vmmOverheadMiB'),
    );
    // The example node's capacity and reserve.
    const node = core.hosts[0];
    expect(D.hostMemGiB * 1024).toBe(node.capacity.memMiB);
    expect(D.hostReserveMiB).toBe(node.reserve.memMiB);
  });
});
