// The "Live migration" island: a VM's pre-copy rounds as bytes per round, and
// the VM against a container checkpoint/restore side by side, split into time
// spent copying while running and time paused (downtime).
import type { ReadonlySignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { loadCore, type Core } from '../../sim/core.ts';
import {
  BarChart,
  ChartFrame,
  createWidgetModel,
  niceTicks,
  StackedBarChart,
  tickText,
  timeUnit,
  useWidgetModel,
  WidgetShell,
} from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { staggered } from '../kit/staggered.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import {
  computeMigration,
  durationText,
  roundLabel,
  roundsTable,
  runTable,
  sizeText,
  summary,
  timesTable,
  type MigrationResult,
} from './model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName } from './params.ts';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<MigrationResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

const TIME_SERIES = [
  { key: 'running', label: 'Copying while the workload runs', tone: 'good' },
  { key: 'paused', label: 'Paused (downtime)', tone: 'bad' },
] as const;

/** Most rounds the chart draws: a migration that does not converge can run hundreds. */
const MAX_ROUNDS_DRAWN = 10;

/** The rounds drawn (the first ones, then the last two) and which were left out. */
function capRounds<T>(phases: readonly T[]): {
  shown: { p: T; i: number }[];
  cut: number;
  cutFrom: number;
  cutTo: number;
} {
  const all = phases.map((p, i) => ({ p, i }));
  if (all.length <= MAX_ROUNDS_DRAWN) return { shown: all, cut: 0, cutFrom: 0, cutTo: 0 };
  const head = all.slice(0, MAX_ROUNDS_DRAWN - 2);
  const tail = all.slice(-2);
  return {
    shown: [...head, ...tail],
    cut: all.length - head.length - 2,
    cutFrom: head.length + 1,
    cutTo: all.length - 2,
  };
}

/** Round ticks in MiB, or in GiB (binary: 1, 2, 4, 8…) from 1 GiB up. */
function sizeAxis(maxMiB: number): { title: string; ticks: number[]; format: (v: number) => string } {
  if (maxMiB >= 1024) {
    const ticks = niceTicks(maxMiB / 1024, 4, true).map((g) => g * 1024);
    return { title: 'Data sent (GiB)', ticks, format: (v) => tickText(v / 1024) };
  }
  return { title: 'Data sent (MiB)', ticks: niceTicks(maxMiB, 4, true), format: tickText };
}

/** Round ticks in milliseconds, seconds or minutes, whichever keeps them short. */
function timeAxis(maxS: number): { title: string; ticks: number[]; format: (v: number) => string } {
  const u = maxS < 2 ? { title: 'Time (ms)', perS: 1000 } : timeUnit(maxS);
  return {
    title: u.title,
    ticks: niceTicks(maxS * u.perS, 4).map((t) => t / u.perS),
    format: (v) => tickText(Number((v * u.perS).toPrecision(6))),
  };
}

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
  // Each chart takes a new result a task after the one before it
  // (kit/staggered.ts): the figures, then the rounds, then the times, three
  // short tasks while a slider is dragged, not one long one. One element for
  // the island's life, so the island's own redraw skips the charts.
  const [figures] = useState(() => (
    <>
      <RoundsFigure result={staggered(model.result, 1)} />
      <TimesFigure result={staggered(model.result, 2)} />
    </>
  ));
  const r = model.result.value;
  const words = summary(r);
  const vmDown = r.vm.downtimeMs / 1000;
  const cDown = r.container.downtimeMs / 1000;
  return (
    <WidgetShell
      model={model}
      title="Live migration: VM pre-copy against container checkpoint/restore"
      summary={words}
      run={runTable(r)}
    >
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
      {figures}
    </WidgetShell>
  );
}

/** Bytes per pre-copy round, for the result it is given. */
function RoundsFigure({ result }: { result: ReadonlySignal<MigrationResult> }) {
  const r = result.value;
  const rounds = capRounds(r.vm.phases);
  const sent = sizeAxis(Math.max(0, ...rounds.shown.map(({ p }) => p.sentMiB)));
  return (
    <ChartFrame
      id={`${WIDGET_ID}-rounds`}
      caption={`Bytes the VM sends in each pre-copy round: round 1 sends all ${sizeText(r.memMiB)}, each later round what the guest dirtied during the previous one, and the stop-and-copy the rest while the VM is paused${r.vm.converged ? '' : ' (pre-copy did not converge)'}.`}
      table={roundsTable(r)}
    >
      <BarChart
        id={`${WIDGET_ID}-rounds-chart`}
        title="Bytes sent per pre-copy round"
        desc={summary(r)}
        label="Sent in the round"
        tone="accent"
        bars={rounds.shown.map(({ p, i }) => ({
          label: roundLabel(p, i),
          value: p.sentMiB,
          note: `${sizeText(p.sentMiB)} in ${durationText(p.durationS)}`,
        }))}
        axisTitle={sent.title}
        ticks={sent.ticks}
        max={sent.ticks[sent.ticks.length - 1]}
        formatTick={sent.format}
        formatValue={(v) => sizeText(v)}
      />
      {rounds.cut > 0 && (
        <p class="vl-chart-note" data-testid="rounds-cut">
          {`Rounds ${rounds.cutFrom} to ${rounds.cutTo} (${rounds.cut} rounds) are not drawn; "Show as table" lists every round.`}
        </p>
      )}
    </ChartFrame>
  );
}

/** Running and paused time of the VM and the container, for the result it is given. */
function TimesFigure({ result }: { result: ReadonlySignal<MigrationResult> }) {
  const r = result.value;
  const vmDown = r.vm.downtimeMs / 1000;
  const cDown = r.container.downtimeMs / 1000;
  const times = timeAxis(Math.max(r.vm.totalS, r.container.totalS));
  return (
    <ChartFrame
      id={`${WIDGET_ID}-times`}
      caption={`Total migration time of the VM (${durationText(r.vm.totalS)}, ${durationText(vmDown)} paused) and the container (${durationText(r.container.totalS)}, ${durationText(cDown)} paused), split into copying while running and downtime.`}
      table={timesTable(r)}
    >
      <StackedBarChart
        id={`${WIDGET_ID}-times-chart`}
        title="Migration time: running and paused"
        desc={summary(r)}
        series={TIME_SERIES}
        axisTitle={times.title}
        ticks={times.ticks}
        max={times.ticks[times.ticks.length - 1]}
        formatTick={times.format}
        formatValue={(v) => durationText(v)}
        bars={[
          {
            label: 'VM (pre-copy)',
            note: `${durationText(vmDown)} down`,
            values: { running: r.vm.totalS - vmDown, paused: vmDown },
          },
          {
            label: 'Container (CRIU)',
            note: `${durationText(cDown)} down`,
            values: { running: r.container.totalS - cDown, paused: cDown },
          },
        ]}
      />
    </ChartFrame>
  );
}
