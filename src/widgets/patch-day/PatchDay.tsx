// The "Patch day" island: one fleet patched as VMs, containers and microVMs,
// the comparison table, apps down over time with a timeline, and the blast
// radius of one kernel bug, all in words too.
import { computed, type ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { SimWorkerClient } from '../../sim/worker-client.ts';
import {
  ChartFrame,
  createTimeline,
  createWidgetModel,
  DataTableView,
  type Timeline,
  TimelineControls,
  TimeSeriesChart,
  useWidgetModel,
  WidgetShell,
} from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { staggered } from '../kit/staggered.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import { simWorker } from '../kit/worker.ts';
import { DESIGNS, duration, runTable, seriesTable, summary, type PatchDayResult } from './model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName } from './params.ts';
import { computePatchDayInWorker } from './worker-runs.ts';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<PatchDayResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

const TONES = { vm: 'warn', container: 'accent', microvm: 'good' } as const;

export default function PatchDay(props: Props) {
  const model = useWidgetModel(() =>
    createWidgetModel<ParamName, PatchDayResult, SimWorkerClient>({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: readInitial(props),
      // Every run goes to the worker; the page never loads the core itself.
      engine: () => Promise.resolve(simWorker()),
      compute: computePatchDayInWorker,
    }),
  );
  const [timeline] = useState(() => createTimeline({ frames: computed(() => model.result.value.timeS.length) }));
  useEffect(() => () => timeline.dispose(), [timeline]);
  // The chart takes each result a task after the text (kit/staggered.ts): two short tasks, not one long one.
  // One chart element for the island's life: the island's redraw (text, a
  // task before the chart's) then skips the chart instead of drawing it again
  // with the old result.
  const [chart] = useState(() => <CapacityChart result={staggered(model.result, 1)} timeline={timeline} />);

  const r = model.result.value;
  const words = summary(r);
  const run = runTable(r);
  const last = r.timeS.length - 1;
  const describeFrame = (f: number): string => {
    const j = Math.min(f, last);
    const down = DESIGNS.map((d) => `${d.label} ${r.appsDown[d.id][j]}`).join(', ');
    const patched = DESIGNS.map((d) => {
      const of = r.designs.find((x) => x.id === d.id)?.kernelsToRestart;
      return `${d.label} ${r.kernelsPatched[d.id][j]}${of === undefined ? '' : ` of ${of}`}`;
    }).join(', ');
    return `At ${duration(r.timeS[j])}: apps down: ${down}; kernels patched: ${patched}.`;
  };
  return (
    <WidgetShell model={model} title="Patch day: one fleet as VMs, containers and microVMs" summary={words} run={run}>
      <dl class="vl-figures-inline">
        {r.designs.map((d) => (
          <div>
            <dt>{d.label}:</dt>
            <dd>
              <span data-testid={`${d.id}-kernels`}>{d.kernelsToRestart}</span> running kernels to restart,{' '}
              <span data-testid={`${d.id}-images`}>{d.imagesToRebuild}</span>{' '}
              {d.imagesToRebuild === 1 ? 'image' : 'images'} to rebuild, in{' '}
              <span data-testid={`${d.id}-total`} data-s={d.totalS}>
                {duration(d.totalS)}
              </span>
              ; one kernel bug exposes{' '}
              <span data-testid={`${d.id}-blast`}>
                {d.blastRadiusApps === 1 ? '1 app' : `${d.blastRadiusApps} apps`}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <DataTableView table={run} id={`${WIDGET_ID}-comparison`} />
      <ChartFrame
        id={`${WIDGET_ID}-capacity`}
        caption={`Apps out of service over patch day: the capacity dip of each design (sampled every ${duration(r.sampleS)}; each point is the worst sample since the one before). VMs reboot a guest per app and then every host; microVMs restart each app on one rebuilt shared guest image and then reboot every host; containers restart on a rebuilt base image and then reboot every host.`}
        table={() => seriesTable(r)}
      >
        {chart}
      </ChartFrame>
      <div data-pagefind-ignore>
        <TimelineControls
          timeline={timeline}
          id={`${WIDGET_ID}-timeline`}
          label="Patch day timeline"
          describeFrame={describeFrame}
        />
      </div>
    </WidgetShell>
  );
}

/** The capacity chart: it reads its own (staggered) result and the timeline's frame, so the island's redraw skips it. */
function CapacityChart({ result, timeline }: { result: ReadonlySignal<PatchDayResult>; timeline: Timeline }) {
  const r = result.value;
  const frame = Math.min(timeline.frame.value, r.timeS.length - 1);
  return (
    <TimeSeriesChart
      id={`${WIDGET_ID}-capacity-chart`}
      title={`Apps out of service during patch day, ${r.apps} apps on ${r.hosts} hosts`}
      desc={summary(r)}
      x={r.timeS}
      series={DESIGNS.map((d) => ({
        key: d.id,
        label: d.label,
        tone: TONES[d.id],
        values: r.appsDown[d.id],
      }))}
      yMax={Math.max(1, ...DESIGNS.map((d) => Math.max(...r.appsDown[d.id])))}
      yTitle="Apps out of service (apps)"
      yUnit="apps"
      cursor={frame}
    />
  );
}
