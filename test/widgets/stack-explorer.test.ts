// The stack explorer on the real core: layer sums against an independent
// count, shared layers counted once, words, export rows, URL round-trip,
// named messages for bad values, and defaults that stay the core's presets.
import { describe, expect, it } from 'vitest';
import { readerSource } from '../../src/sim/citations.ts';
import { loadCore } from '../../src/sim/core.ts';
import { presets } from '../../src/sim/profiles.ts';
import { checkValue, checkValues, defaults } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import {
  computeStacks,
  runTable,
  summary,
  type Stack,
  type StackResult,
} from '../../src/widgets/stack-explorer/model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type StackValues } from '../../src/widgets/stack-explorer/params.ts';

const D = defaults(PARAMS);

function layer(s: Stack, id: string) {
  const l = s.layers.find((x) => x.id === id);
  if (!l) throw new Error(`no layer ${id} in ${s.id}`);
  return l;
}

async function run(v: Partial<StackValues> = {}): Promise<StackResult> {
  return computeStacks(await loadCore(), { ...D, ...v });
}

describe('stack explorer', () => {
  it('containers inside one Linux VM (Docker Desktop): two kernels, the VM’s guest OS and VMM held once, and they count against the host', async () => {
    const plain = await run({ apps: 6 });
    const inVm = await run({ apps: 6, containersInVm: 1 });
    const [, ct0] = plain.stacks;
    const [vm, ct] = inVm.stacks;
    expect(ct0.kernels).toBe(1);
    expect(ct.kernels).toBe(2);
    expect(layer(ct, 'linux-vm')).toMatchObject({ memMiB: 256 + 131, diskMiB: 600, scope: 'host' });
    expect(ct.aboveHostMemMiB - ct0.aboveHostMemMiB).toBe(256 + 131);
    expect(ct.aboveHostDiskMiB - ct0.aboveHostDiskMiB).toBe(600);
    // The VM stack is unchanged; the free memory shrinks by the one VM.
    expect(vm).toEqual(plain.stacks[0]);
    expect(layer(ct0, 'free').memMiB - layer(ct, 'free').memMiB).toBe(256 + 131);
    // Every layer adds up to the hardware.
    const total = (s: Stack, k: 'memMiB' | 'diskMiB') =>
      s.layers.filter((l) => l.scope !== 'hardware').reduce((a, l) => a + l[k], 0);
    expect(total(ct, 'memMiB')).toBe(layer(ct, 'hardware').memMiB);
    expect(total(ct, 'diskMiB')).toBe(layer(ct, 'hardware').diskMiB);
    expect(summary(inVm)).toMatch(/inside one Linux VM, as Docker Desktop runs them: 2 kernels/);
    // The core places against what the VM leaves: a host with room for the VM and 2 apps fits 2, not 3.
    const tight = await run({
      apps: 3,
      containersInVm: 1,
      hostMemGiB: 1,
      hostReserveMiB: 0,
      appMemMiB: 256,
      vmGuestOsMemMiB: 256,
      vmVmmMemMiB: 131,
    });
    expect(tight.stacks[1].placed).toBe(2);
    expect(tight.stacks[1].unplaced).toBe(1);
    // A VM that does not fit beside the host's own OS is named by the widget's control, not a core field.
    await expect(
      run({ containersInVm: 1, hostMemGiB: 1, hostReserveMiB: 387, vmGuestOsMemMiB: 507, vmVmmMemMiB: 131 }),
    ).rejects.toMatchObject({ field: 'containersInVm' });
    const preset = PRESETS.find((p) => p.id === 'docker-desktop');
    expect(preset?.values.containersInVm).toBe(1);
    expect(preset?.source).toMatch(/modelling choices/);
  });

  it('VM stack memory = N × (app + guest OS + VMM) + hypervisor; disk = N × (app + guest OS image) + host', async () => {
    for (const apps of [1, 6, 20]) {
      const r = await run({ apps });
      const [vm] = r.stacks;
      expect(vm.placed).toBe(apps);
      expect(vm.kernels).toBe(apps + 1);
      expect(vm.aboveHostMemMiB).toBe(apps * (256 + 256 + 131));
      expect(vm.aboveHostMemMiB + layer(vm, 'hypervisor').memMiB).toBe(apps * (256 + 256 + 131) + 3584);
      expect(vm.aboveHostDiskMiB).toBe(apps * (50 + 600));
      expect(layer(vm, 'guest-os')).toMatchObject({ memMiB: apps * 256, diskMiB: apps * 600, scope: 'app' });
      expect(layer(vm, 'vmm').memMiB).toBe(apps * 131);
      // Every MiB of the host is in exactly one layer.
      const sum = (k: 'memMiB' | 'diskMiB') =>
        vm.layers.filter((l) => l.scope !== 'hardware').reduce((a, l) => a + l[k], 0);
      expect(sum('memMiB')).toBe(32 * 1024);
      expect(sum('diskMiB')).toBe(100 * 1024);
    }
  });

  it('counts the container base layers once, however many apps share them', async () => {
    for (const apps of [1, 6, 20, 500]) {
      const r = await run({ apps, baseLayerDiskMiB: 64 });
      const ct = r.stacks[1];
      expect(ct.kernels).toBe(1);
      expect(layer(ct, 'base-layers')).toMatchObject({ diskMiB: 64, scope: 'host' });
      expect(ct.aboveHostDiskMiB).toBe(64 + ct.placed * 50);
      expect(ct.aboveHostMemMiB).toBe(ct.placed * 256);
      const sum = ct.layers.filter((l) => l.scope !== 'hardware').reduce((a, l) => a + l.diskMiB, 0);
      expect(sum).toBe(100 * 1024);
    }
  });

  it('puts in words what is repeated and what is shared', async () => {
    expect(summary(await run())).toBe(
      '6 apps as VMs: 7 kernels, 3.8 GiB of memory and 3.8 GiB of disk above the hypervisor, 2.3 GiB and 3.5 GiB of it guest OSes and VMMs repeated per app. ' +
        'As containers: 1 shared kernel, 1.5 GiB of memory and 305 MiB of disk above the host OS, with the 5 MiB of base layers stored once.',
    );
  });

  it('says when not every app fits on the host, and counts only those that do', async () => {
    const r = await run({ apps: 100 });
    const [vm, ct] = r.stacks;
    const usable = 32 * 1024 - 3584;
    expect(vm.placed).toBe(Math.floor(usable / (256 + 256 + 131)));
    expect(vm.unplaced).toBe(100 - vm.placed);
    expect(ct.placed).toBe(100);
    expect(summary(r)).toContain(`Only ${vm.placed} of 100 apps fit on the 32 GiB host as VMs`);
  });

  it('exports one row per layer with the shown numbers', async () => {
    const r = await run();
    const t = runTable(r);
    expect(t.columns.map((c) => c.key)).toEqual(['stack', 'layer', 'scope', 'copies', 'memMiB', 'diskMiB']);
    expect(t.rows).toContainEqual({
      stack: 'Virtual machines',
      layer: 'Guest OS',
      scope: 'repeated per app',
      copies: 6,
      memMiB: 1536,
      diskMiB: 3600,
    });
    expect(t.rows).toContainEqual({
      stack: 'Containers',
      layer: 'Shared base layers',
      scope: 'shared, once per host',
      copies: 1,
      memMiB: 0,
      diskMiB: 5,
    });
  });

  it('round-trips its state through the URL', () => {
    const v = { ...D, apps: 20, baseLayerDiskMiB: 114, vmGuestOsMemMiB: 1024 };
    const search = writeUrlState(WIDGET_ID, PARAMS, v, '?other=1');
    expect(search).toBe(
      '?other=1&stack-explorer.apps=20&stack-explorer.vmGuestOsMemMiB=1024&stack-explorer.baseLayerDiskMiB=114',
    );
    const back = readUrlState(WIDGET_ID, PARAMS, search);
    expect(back.issues).toEqual([]);
    expect({ ...D, ...back.values }).toEqual(v);
  });

  it('names the parameter and its range for bad values, in links and in the core', async () => {
    const bad = readUrlState(WIDGET_ID, PARAMS, '?stack-explorer.apps=2.5&stack-explorer.appMemMiB=lots');
    expect(bad.values).toEqual({});
    expect(bad.issues).toEqual([
      {
        param: 'apps',
        message:
          'The link sets apps to "2.5", but Apps (apps) must be a whole number from 1 to 1000 apps; using the default, 6 apps.',
      },
      {
        param: 'appMemMiB',
        message:
          'The link sets appMemMiB to "lots", but Memory per app (with its libraries) (appMemMiB) must be a whole number from 1 to 65536 MiB; using the default, 256 MiB.',
      },
    ]);
    expect(checkValues(PARAMS, { ...D, apps: 0 })).toEqual({
      apps: 'Apps (apps) must be a whole number from 1 to 1000 apps; got 0.',
    });
    const core = await loadCore();
    expect(() => computeStacks(core, { ...D, hostMemGiB: 2 })).toThrowError(
      expect.objectContaining({
        field: 'hostReserveMiB',
        message: expect.stringContaining('must be at most the host memory (2048 MiB)'),
      }),
    );
    expect(() => computeStacks(core, { ...D, baseLayerDiskMiB: 16384, hostDiskGiB: 20 })).toThrowError(
      expect.objectContaining({ field: 'baseLayerDiskMiB' }),
    );
  });

  it("has a source for every default, valid presets, and defaults equal to the core's profiles and example node", async () => {
    for (const p of PARAMS) {
      expect(p.source.length, p.name).toBeGreaterThan(10);
      expect(checkValue(p, p.default), p.name).toBeNull();
    }
    for (const preset of PRESETS) {
      expect(/modelling choice/.test(preset.source) || readerSource(preset.source).anchors.length > 0, preset.id).toBe(
        true,
      );
      for (const [k, v] of Object.entries(preset.values))
        expect(checkValue(PARAMS.find((p) => p.name === k)!, v as number), `${preset.id}.${k}`).toBeNull();
    }
    const p = presets(await loadCore());
    const value = (profile: string, key: string): number =>
      p.profiles.find((x) => x.id === profile)!.params.find((q) => q.key === key)!.value;
    expect(D.vmGuestOsMemMiB).toBe(value('vm', 'guestOsMemMiB'));
    expect(D.vmVmmMemMiB).toBe(value('vm', 'vmmOverheadMiB'));
    expect(D.vmGuestOsDiskMiB).toBe(value('vm', 'diskOverheadMiB'));
    expect(D.containerRuntimeMemMiB).toBe(value('container', 'guestOsMemMiB') + value('container', 'vmmOverheadMiB'));
    expect(D.baseLayerDiskMiB).toBe(value('container', 'imageSizeMB'));
    const fc = PRESETS.find((x) => x.id === 'firecracker')!.values;
    expect([fc.vmGuestOsMemMiB, fc.vmVmmMemMiB, fc.vmGuestOsDiskMiB]).toEqual([
      value('microvm', 'guestOsMemMiB'),
      value('microvm', 'vmmOverheadMiB'),
      value('microvm', 'diskOverheadMiB'),
    ]);
    const node = p.hosts[0];
    expect([D.hostMemGiB * 1024, D.hostDiskGiB * 1024, D.hostReserveMiB, D.hostReserveDiskMiB]).toEqual([
      node.capacity.memMiB,
      node.capacity.diskMiB,
      node.reserve.memMiB,
      node.reserve.diskMiB,
    ]);
  });
});
