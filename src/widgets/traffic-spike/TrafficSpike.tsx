// The "Traffic spike" island: one demand curve, one autoscaler, three
// isolation profiles. Demand against capacity, dropped requests and latency
// over time, a timeline to play or scrub through the run, and the totals in
// words. Runs go to the simulation worker (run.ts).
import { computed } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { SimWorkerClient } from '../../sim/worker-client.ts';
import {
  ChartFrame,
  createTimeline,
  createWidgetModel,
  HydrateLater,
  TimelineControls,
  TimeSeriesChart,
  useWidgetModel,
  WidgetShell,
} from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { staggered } from '../kit/staggered.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import type { Tone, WidgetModel } from '../kit/index.ts';
import { formatNumber } from '../kit/params.ts';
import { simWorker } from '../kit/worker.ts';
import {
  chartSeries,
  chartTable,
  droppedPct,
  interestingWindow,
  pctText,
  runTable,
  secondsText,
  summary,
  type ProfileId,
  type TrafficSpikeResult,
} from './model.ts';
import { dominantTerm } from './dominant.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName, type TrafficSpikeValues } from './params.ts';
import { PointsEditor } from './PointsEditor.tsx';
import { computeInWorker } from './run.ts';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<TrafficSpikeResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

const TONES: Record<ProfileId, Tone> = { vm: 'warn', microvm: 'accent', container: 'good' };

const rps = (v: number): string => `${formatNumber(Math.round(v))} req/s`;
const secs = (v: number): string => `${formatNumber(v)} s`;

export default function TrafficSpike(props: Props) {
  const model = useWidgetModel(() =>
    createWidgetModel<ParamName, TrafficSpikeResult, SimWorkerClient>({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: readInitial(props),
      // The worker client is the engine: the wasm loads inside the worker only.
      engine: () => Promise.resolve(simWorker()),
      compute: computeInWorker,
    }),
  );
  // Derived once per result, not per timeline frame.
  const [view] = useState(() => createView(model));
  useEffect(() => () => view.timeline.dispose(), [view]);

  const r = model.result.value;
  const describeFrame = (f: number): string => {
    const d = view.chart.value;
    const k = Math.min(Math.min(f, d.timeS.length - 1) * d.stride, r.timeS.length - 1);
    const caps = r.profiles.map((p) => `${p.noun} ${formatNumber(Math.round(p.capacityRps[k]))}`).join(', ');
    return `At ${secs(r.timeS[k])}: demand ${rps(r.demandRps[k])}; capacity ${caps} req/s`;
  };
  const span = `${secs(r.timeS[0])} to ${secs(r.timeS[r.timeS.length - 1])}`;
  const demandCaption = `Demand and the capacity of ready instances over ${span}, for VMs, microVMs and containers on the same curve and autoscaler. ${view.dominant.value.text}`;

  return (
    <WidgetShell
      model={model}
      title="Traffic spike"
      summary={view.words.value}
      run={view.run.value}
      extraControls={view.pointsEditor}
    >
      <dl class="vl-figures-inline" data-engine="worker">
        {r.profiles.map((p) => (
          <div>
            <dt>{p.label} dropped</dt>
            <dd data-testid={`${p.id}-dropped`}>{pctText(droppedPct(p))}</dd>
          </div>
        ))}
        {r.profiles.map((p) => (
          <div>
            <dt>{p.label}: new instance ready in</dt>
            <dd data-testid={`${p.id}-start`}>{secondsText(p.instanceStartS)}</dd>
          </div>
        ))}
      </dl>
      <HydrateLater data-pagefind-ignore>
        <TimelineControls
          timeline={view.timeline}
          id={WIDGET_ID}
          label="Play through the run"
          describeFrame={describeFrame}
        />
      </HydrateLater>
      <ChartFrame id={`${WIDGET_ID}-capacity`} caption={demandCaption} table={() => view.tables.capacity.value}>
        {view.chartElements.capacity}
      </ChartFrame>
      <ChartFrame
        id={`${WIDGET_ID}-dropped`}
        caption={`Requests dropped per second while demand exceeded the ready capacity: ${r.profiles.map((p) => `${p.noun} ${pctText(droppedPct(p))} of all`).join(', ')}.`}
        table={() => view.tables.dropped.value}
      >
        {view.chartElements.dropped}
      </ChartFrame>
      <ChartFrame
        id={`${WIDGET_ID}-latency`}
        caption={`Mean latency (M/M/c queue per sample, a modelling choice), shown at the ${formatNumber(r.timeoutMs)} ms client timeout while requests are dropped; the objective is ${formatNumber(r.sloLatencyMs)} ms.`}
        table={() => view.tables.latency.value}
      >
        {view.chartElements.latency}
      </ChartFrame>
    </WidgetShell>
  );
}

/** What the island derives from the model: computed once per result, lazily. */
function viewSignals(model: WidgetModel<ParamName, TrafficSpikeResult>) {
  const chart = computed(() => chartSeries(model.result.value));
  const words = computed(() => summary(model.result.value));
  const zoom = computed(() => interestingWindow(chart.value));
  const sloMs = computed(() => model.result.value.sloLatencyMs);
  // From the settings behind the shown result, not the ones being entered:
  // the island then redraws per result, not at every input event of a drag.
  const dominant = computed(() => dominantTerm(model.resultValues.value as TrafficSpikeValues, model.result.value));
  // One array per result, so the chart's cached path is reused per frame.
  const slo = computed(() => chart.value.timeS.map(() => model.result.value.sloLatencyMs));
  // What a chart draws, as one value per result: each chart takes it a task
  // after the one before it (kit/staggered.ts), so a redraw is four short tasks.
  const drawn = computed(() => ({
    d: chart.value,
    words: words.value,
    zoom: zoom.value,
    sloMs: sloMs.value,
    slo: slo.value,
  }));
  return {
    chart,
    zoom,
    words,
    dominant,
    run: computed(() => runTable(model.result.value)),
    charts: { capacity: staggered(drawn, 1), dropped: staggered(drawn, 2), latency: staggered(drawn, 3) },
    // Built when a reader opens "Show as table", not while hydrating.
    tables: {
      capacity: computed(() => chartTable(chart.value, 'capacityRps', 'Demand and capacity', 'req/s')),
      dropped: computed(() => chartTable(chart.value, 'droppedRps', 'Dropped requests', 'req/s')),
      latency: computed(() => chartTable(chart.value, 'latencyMs', 'Mean latency', 'ms')),
    },
    timeline: createTimeline({ frames: computed(() => chart.value.timeS.length), frameMs: 40 }),
    // One element for the island's life: the shell then skips the controls
    // when only the timeline's frame changed (they follow the model themselves).
    pointsEditor: <PointsEditor model={model} />,
  };
}

function createView(model: WidgetModel<ParamName, TrafficSpikeResult>) {
  const view = viewSignals(model);
  // The charts too, one element each for the island's life: a new result
  // redraws the island's text, and each chart only in its own later task (its
  // staggered copy), not again with the text.
  return {
    ...view,
    chartElements: {
      capacity: <SpikeChart view={view} kind="capacity" />,
      dropped: <SpikeChart view={view} kind="dropped" />,
      latency: <SpikeChart view={view} kind="latency" />,
    },
  };
}

type View = ReturnType<typeof viewSignals>;

/**
 * One chart. It reads the chart data and the timeline's frame itself: the
 * series are computed when the chart's part hydrates (not in the island's
 * first pass), and a timeline frame redraws the charts' cursors, not the island.
 */
function SpikeChart({ view, kind }: { view: View; kind: 'capacity' | 'dropped' | 'latency' }) {
  const { d, words, zoom, sloMs, slo } = view.charts[kind].value;
  const cursor = Math.min(view.timeline.frame.value, d.timeS.length - 1);
  const common = { desc: words, x: d.timeS, cursor, zoom };
  if (kind === 'capacity') {
    return (
      <TimeSeriesChart
        id={`${WIDGET_ID}-capacity-chart`}
        title="Demand against capacity"
        {...common}
        series={[
          { key: 'demand', label: 'Demand', tone: 'muted', values: d.demandRps, area: true },
          ...d.profiles.map((p) => ({
            key: p.id,
            label: p.label,
            tone: TONES[p.id],
            values: p.capacityRps,
          })),
        ]}
        yTitle="Requests (req/s)"
        yUnit="req/s"
      />
    );
  }
  if (kind === 'dropped') {
    return (
      <TimeSeriesChart
        id={`${WIDGET_ID}-dropped-chart`}
        title="Dropped requests per second"
        {...common}
        series={d.profiles.map((p) => ({ key: p.id, label: p.label, tone: TONES[p.id], values: p.droppedRps }))}
        yTitle="Dropped requests (req/s)"
        yUnit="req/s"
      />
    );
  }
  return (
    <TimeSeriesChart
      id={`${WIDGET_ID}-latency-chart`}
      title="Mean latency"
      {...common}
      series={[
        { key: 'slo', label: `Objective (${formatNumber(sloMs)} ms)`, tone: 'muted', values: slo },
        ...d.profiles.map((p) => ({ key: p.id, label: p.label, tone: TONES[p.id], values: p.latencyMs })),
      ]}
      yTitle="Mean latency (ms)"
      yUnit="ms"
    />
  );
}
