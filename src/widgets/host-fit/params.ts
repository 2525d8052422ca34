// The parameter table of the host-fit demo: one row per control. Defaults
// trace to ../shared/reference/figures.md (ids in `source`).
export interface Param {
  name: 'hostMemGiB' | 'appMemMiB' | 'guestOsMemMiB';
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  step: number;
  help: string;
  source: string;
}

export const PARAMS: readonly Param[] = [
  {
    name: 'hostMemGiB',
    label: 'Host memory',
    unit: 'GiB',
    default: 64,
    min: 1,
    max: 4096,
    step: 1,
    help: 'Physical memory of the host.',
    source: 'modelling choice',
  },
  {
    name: 'appMemMiB',
    label: 'Memory per app',
    unit: 'MiB',
    default: 256,
    min: 16,
    max: 65536,
    step: 16,
    help: 'What one app needs, the same whether it runs in a VM or a container.',
    source: 'modelling choice',
  },
  {
    name: 'guestOsMemMiB',
    label: 'Guest OS per VM',
    unit: 'MiB',
    default: 256,
    min: 0,
    max: 16384,
    step: 16,
    help: 'Memory each VM spends on its own kernel and OS services.',
    source: 'figures §3 (LightVM §2: hundreds of MB to GBs); 256 MiB is a modelling choice in that range',
  },
];

export type Values = Record<Param['name'], number>;

export const DEFAULTS = Object.fromEntries(PARAMS.map((p) => [p.name, p.default])) as Values;
