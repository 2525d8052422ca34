// The placement widgets (one host, stack explorer, cluster scheduler) show
// figures of the core's isolation profiles and example host. Each is typed
// once, in wasm-core/src/profiles.rs: the widget rows and presets read it
// from src/sim/profiles.generated.ts (src/widgets/kit/core-figures.ts). This
// checks every such control and preset against the core, and that no such
// row types its default again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSTS, PROFILE_FIGURES } from '../../src/sim/profiles.generated.ts';
import * as cluster from '../../src/widgets/cluster-scheduler/params.ts';
import * as oneHost from '../../src/widgets/one-host/params.ts';
import * as stack from '../../src/widgets/stack-explorer/params.ts';
import type { ParamTable } from '../../src/widgets/kit/params.ts';

type HostDim = 'cpuMillis' | 'memMiB' | 'diskMiB';
type Figure = readonly [profile: string, key: string] | readonly ['host', 'capacity' | 'reserve', HostDim, number];

const profile = (id: string, key: string): { value: number; source: string } => {
  const f = (PROFILE_FIGURES as unknown as Record<string, Record<string, [number, string, boolean]>>)[id]?.[key];
  if (!f) throw new Error(`no ${id}.${key}`);
  return { value: f[0], source: f[1] };
};
const core = (f: Figure): { value: number; source: string } =>
  f.length === 4 ? { value: HOSTS[0][f[1]][f[2]] / f[3], source: HOSTS[0].source } : profile(f[0], f[1]);

const HOST_MEM: Figure = ['host', 'capacity', 'memMiB', 1024];
const RESERVE_MEM: Figure = ['host', 'reserve', 'memMiB', 1];
const WIDGETS: { id: string; file: string; params: ParamTable; rows: Record<string, Figure> }[] = [
  {
    id: 'one-host',
    file: 'src/widgets/one-host/params.ts',
    params: oneHost.PARAMS,
    rows: {
      hostMemGiB: HOST_MEM,
      hostReserveMiB: RESERVE_MEM,
      vmGuestOsMemMiB: ['vm', 'guestOsMemMiB'],
      vmVmmMemMiB: ['vm', 'vmmOverheadMiB'],
      microvmGuestOsMemMiB: ['microvm', 'guestOsMemMiB'],
      microvmVmmMemMiB: ['microvm', 'vmmOverheadMiB'],
      containerRuntimeMemMiB: ['container', 'guestOsMemMiB'],
    },
  },
  {
    id: 'stack-explorer',
    file: 'src/widgets/stack-explorer/params.ts',
    params: stack.PARAMS,
    rows: {
      hostMemGiB: HOST_MEM,
      hostDiskGiB: ['host', 'capacity', 'diskMiB', 1024],
      hostReserveMiB: RESERVE_MEM,
      hostReserveDiskMiB: ['host', 'reserve', 'diskMiB', 1],
      vmGuestOsMemMiB: ['vm', 'guestOsMemMiB'],
      vmGuestOsDiskMiB: ['vm', 'diskOverheadMiB'],
      vmVmmMemMiB: ['vm', 'vmmOverheadMiB'],
      containerRuntimeMemMiB: ['container', 'guestOsMemMiB'],
      baseLayerDiskMiB: ['container', 'imageSizeMB'],
    },
  },
  {
    id: 'cluster-scheduler',
    file: 'src/widgets/cluster-scheduler/params.ts',
    params: cluster.PARAMS,
    rows: {
      hostCpuCores: ['host', 'capacity', 'cpuMillis', 1000],
      hostMemGiB: HOST_MEM,
      hostReserveCpuMillis: ['host', 'reserve', 'cpuMillis', 1],
      hostReserveMemMiB: RESERVE_MEM,
      vmGuestOsMemMiB: ['vm', 'guestOsMemMiB'],
      vmVmmMemMiB: ['vm', 'vmmOverheadMiB'],
      vmCpuEfficiency: ['vm', 'cpuEfficiency'],
      vmCpuOverheadMillis: ['vm', 'cpuOverheadMillis'],
      containerRuntimeMemMiB: ['container', 'guestOsMemMiB'],
    },
  },
];

describe('placement widgets take the core’s profile and host figures', () => {
  for (const w of WIDGETS) {
    it(`${w.id}: each control showing a core figure has the core's value and cites the core's source`, () => {
      for (const [name, figure] of Object.entries(w.rows)) {
        const row = w.params.find((p) => p.name === name);
        expect(row, `${w.id} has a ${name} control`).toBeDefined();
        const c = core(figure);
        expect(row!.default, `${w.id}.${name}`).toBe(c.value);
        expect(row!.source.startsWith(c.source), `${w.id}.${name} cites ${c.source}`).toBe(true);
      }
    });

    it(`${w.id}: no such row types its figure again (it spreads coreFigure or hostFigure)`, () => {
      const text = readFileSync(w.file, 'utf8');
      for (const name of Object.keys(w.rows)) {
        const start = text.indexOf(`name: '${name}'`);
        const block = text.slice(start, text.indexOf('\n  },', start));
        expect(block, `${w.file}: ${name}`).not.toMatch(/\bdefault:/);
        expect(block, `${w.file}: ${name}`).toMatch(/\.\.\.(core|host)Figure\(/);
      }
    });
  }

  it('profile presets set the VM controls to the core’s profile', () => {
    const kata = profile('kata-fc', 'guestOsMemMiB').value;
    const firecracker = profile('microvm', 'guestOsMemMiB').value;
    const withValue = (presets: readonly { values: Record<string, number> }[], name: string, v: number) =>
      presets.some((p) => p.values[name] === v);
    expect(withValue(cluster.PRESETS, 'vmGuestOsMemMiB', kata)).toBe(true);
    expect(withValue(cluster.PRESETS, 'vmCpuOverheadMillis', profile('kata-fc', 'cpuOverheadMillis').value)).toBe(true);
    expect(withValue(cluster.PRESETS, 'vmCpuEfficiency', profile('microvm', 'cpuEfficiency').value)).toBe(true);
    expect(withValue(oneHost.PRESETS, 'microvmGuestOsMemMiB', kata)).toBe(true);
    expect(withValue(oneHost.PRESETS, 'microvmGuestOsMemMiB', firecracker)).toBe(true);
    expect(withValue(stack.PRESETS, 'vmGuestOsDiskMiB', profile('microvm', 'diskOverheadMiB').value)).toBe(true);
  });
});
