// The "One host, many apps" island: the kit's controls and presets, a memory
// bar per isolation profile, the counts, and a summary in words.
import { loadCore, type Core } from '../../sim/core.ts';
import {
  ChartFrame,
  createWidgetModel,
  StackedBarChart,
  useWidgetModel,
  WidgetShell,
  niceTicks,
  tickText,
} from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import { computeOneHost, gib, PROFILES, runTable, summary, type OneHostResult } from './model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName } from './params.ts';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<OneHostResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

const SERIES = [
  { key: 'reserve', label: 'Reserved for the host', tone: 'muted' },
  { key: 'apps', label: 'Apps', tone: 'accent' },
  { key: 'overhead', label: 'Guest OS, VMM or shim per instance', tone: 'warn' },
  { key: 'free', label: 'Free (too small for one more app)', tone: 'free' },
] as const;

export default function OneHost(props: Props) {
  const model = useWidgetModel(() =>
    createWidgetModel<ParamName, OneHostResult, Core>({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: readInitial(props),
      engine: () => loadCore('placement'),
      compute: computeOneHost,
    }),
  );
  const r = model.result.value;
  const table = runTable(r);
  const words = summary(r);
  // Binary ticks in GiB (8, 16, 24, 32 GiB; never "2.44 GiB").
  const ticks = niceTicks(r.hostMemMiB / 1024, 4, true)
    .map((g) => g * 1024)
    .filter((t) => t <= r.hostMemMiB);
  const by = Object.fromEntries(r.profiles.map((p) => [p.id, p]));
  return (
    <WidgetShell model={model} title="One host, many apps" summary={words} run={table}>
      <dl class="vl-figures-inline">
        {PROFILES.map((p) => (
          <div>
            <dt>{p.label}</dt>
            <dd data-testid={`${p.id}-apps`}>{by[p.id].apps}</dd>
          </div>
        ))}
        <div>
          <dt>VM guest OSes and VMMs</dt>
          <dd data-testid="vm-overhead">{gib(by.vm.overheadMemMiB)}</dd>
        </div>
      </dl>
      <ChartFrame
        id={`${WIDGET_ID}-memory`}
        caption={`Memory of one ${gib(r.hostMemMiB)} host, split into host reserve, apps, per-instance overhead and free space, for each isolation profile.`}
        table={table}
      >
        <StackedBarChart
          id={`${WIDGET_ID}-memory-chart`}
          title={`Memory of one ${gib(r.hostMemMiB)} host by isolation profile`}
          desc={words}
          series={SERIES}
          max={r.hostMemMiB}
          ticks={ticks}
          axisTitle="Memory (GiB)"
          formatTick={(v) => tickText(v / 1024)}
          formatValue={(v) => `${gib(v)} (${Math.round(v)} MiB)`}
          bars={r.profiles.map((p) => ({
            label: p.label,
            note: p.apps === 1 ? '1 app' : `${p.apps} apps`,
            values: { reserve: r.hostReserveMiB, apps: p.appMemMiB, overhead: p.overheadMemMiB, free: p.freeMemMiB },
          }))}
        />
      </ChartFrame>
    </WidgetShell>
  );
}
