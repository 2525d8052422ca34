// The "Live migration" island: a VM's pre-copy rounds as bytes per round, and
// the VM against a container checkpoint/restore side by side, split into time
// spent copying while running and time paused (downtime).
import { loadCore, type Core } from '../../sim/core.ts';
import { BarChart, ChartFrame, createWidgetModel, StackedBarChart, useWidgetModel, WidgetShell } from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import { computeMigration, durationText, roundLabel, roundsTable, runTable, sizeText, summary, timesTable, type MigrationResult } from './model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName } from './params.ts';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<MigrationResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

const TIME_SERIES = [
  { key: 'running', label: 'Copying while the workload runs', tone: 'good' },
  { key: 'paused', label: 'Paused (downtime)', tone: 'bad' },
] as const;

export default function LiveMigration(props: Props) {
  const model = useWidgetModel(() =>
    createWidgetModel<ParamName, MigrationResult, Core>({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: readInitial(props),
      engine: () => loadCore('scenarios'),
      compute: computeMigration,
    }),
  );
  const r = model.result.value;
  const words = summary(r);
  const vmDown = r.vm.downtimeMs / 1000;
  const cDown = r.container.downtimeMs / 1000;
  return (
    <WidgetShell model={model} title="Live migration: VM pre-copy against container checkpoint/restore" summary={words} run={runTable(r)}>
      <dl class="vl-figures-inline">
        <div>
          <dt>VM total</dt>
          <dd data-testid="vm-total">{durationText(r.vm.totalS)}</dd>
        </div>
        <div>
          <dt>VM downtime</dt>
          <dd data-testid="vm-downtime">{durationText(vmDown)}</dd>
        </div>
        <div>
          <dt>Pre-copy rounds</dt>
          <dd data-testid="vm-rounds">{r.vm.preCopyRounds}</dd>
        </div>
        <div>
          <dt>Container total</dt>
          <dd data-testid="container-total">{durationText(r.container.totalS)}</dd>
        </div>
        <div>
          <dt>Container downtime</dt>
          <dd data-testid="container-downtime">{durationText(cDown)}</dd>
        </div>
      </dl>
      <ChartFrame
        id={`${WIDGET_ID}-rounds`}
        caption={`Bytes the VM sends in each pre-copy round: round 1 sends all ${sizeText(r.memMiB)}, each later round what the guest dirtied during the previous one, and the stop-and-copy the rest while the VM is paused${r.vm.converged ? '' : ' (pre-copy did not converge)'}.`}
        table={roundsTable(r)}
      >
        <BarChart
          id={`${WIDGET_ID}-rounds-chart`}
          title="Bytes sent per pre-copy round"
          desc={words}
          label="Sent in the round"
          tone="accent"
          bars={r.vm.phases.map((p, i) => ({ label: roundLabel(p, i), value: p.sentMiB, note: `${sizeText(p.sentMiB)} in ${durationText(p.durationS)}` }))}
          formatTick={(v) => sizeText(v)}
          formatValue={(v) => sizeText(v)}
        />
      </ChartFrame>
      <ChartFrame
        id={`${WIDGET_ID}-times`}
        caption={`Total migration time of the VM (${durationText(r.vm.totalS)}, ${durationText(vmDown)} paused) and the container (${durationText(r.container.totalS)}, ${durationText(cDown)} paused), split into copying while running and downtime.`}
        table={timesTable(r)}
      >
        <StackedBarChart
          id={`${WIDGET_ID}-times-chart`}
          title="Migration time: running and paused"
          desc={words}
          series={TIME_SERIES}
          formatTick={(v) => durationText(v)}
          formatValue={(v) => durationText(v)}
          bars={[
            { label: 'VM (pre-copy)', note: `${durationText(vmDown)} down`, values: { running: r.vm.totalS - vmDown, paused: vmDown } },
            { label: 'Container (CRIU)', note: `${durationText(cDown)} down`, values: { running: r.container.totalS - cDown, paused: cDown } },
          ]}
        />
      </ChartFrame>
    </WidgetShell>
  );
}
