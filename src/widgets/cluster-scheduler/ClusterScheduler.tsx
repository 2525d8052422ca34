// The cluster scheduler island: the kit's controls and presets, the figures
// for VMs and containers side by side, the per-host view, and a timeline
// that steps through the placements with the core's reason for each.
import { computed, signal } from '@preact/signals';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadCore, type Core } from '../../sim/core.ts';
import {
  ChartFrame,
  createTimeline,
  createWidgetModel,
  DataTableView,
  TimelineControls,
  useWidgetModel,
  WidgetShell,
  type Timeline,
} from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { staggered } from '../kit/staggered.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import { vmBinding } from './dominant.ts';
import { HostGrid } from './HostGrid.tsx';
import { computeCluster, explainStep } from './model.ts';
import type { ClusterResult, StepView } from './result.ts';
import { hostTable, runTable, stepTable } from './tables.ts';
import { cpuText, gib, summary, utilisation } from './words.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName } from './params.ts';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<ClusterResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

export default function ClusterScheduler(props: Props) {
  const model = useWidgetModel(() =>
    createWidgetModel<ParamName, ClusterResult, Core>({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: readInitial(props),
      engine: () => loadCore('placement'),
      compute: computeCluster,
    }),
  );
  // Set by the reader's timeline actions, cleared by a new result: step
  // explanations are spoken only while the reader steps (the summary
  // already speaks for a changed setting).
  const [stepped] = useState(() => signal(false));
  const [timeline] = useState((): Timeline => {
    const t = createTimeline({ frames: computed(() => model.result.value.apps.length / 2), frameMs: 400 });
    // Open on the finished placement.
    t.seek(t.last.value);
    const touch =
      <A extends unknown[]>(fn: (...a: A) => void) =>
      (...a: A) => {
        stepped.value = true;
        fn(...a);
      };
    return {
      ...t,
      play: touch(t.play),
      pause: touch(t.pause),
      toggle: touch(t.toggle),
      step: touch(t.step),
      seek: touch(t.seek),
    };
  });
  const r = model.result.value;
  const n = r.apps.length / 2;
  useEffect(() => {
    timeline.seek(timeline.last.value);
    stepped.value = false;
  }, [r]);
  useEffect(() => () => timeline.dispose(), []);

  // The core explains steps other than the last (which the result carries,
  // for the server render): the same core the model loaded, once it has.
  const core = model.engine.value;
  const frame = Math.min(timeline.frame.value, n - 1);
  const explained = useMemo((): { view: StepView; error: string | null } => {
    if (frame === r.lastStep.step || !core) return { view: r.lastStep, error: null };
    try {
      return { view: explainStep(core, r, frame), error: null };
    } catch (e) {
      // Never expected for a result the core has just computed; if it
      // happens, the reader sees the core's message and the last step.
      return { view: r.lastStep, error: e instanceof Error ? e.message : String(e) };
    }
  }, [r, frame, core]);
  const view = explained.view;
  const shownFrame = view.step;
  const [stepTableOpen, setStepTableOpen] = useState(false);
  // The host grid takes a new result a task after the text and figures
  // (kit/staggered.ts): two short tasks while dragging, not one long one.
  // Until then it keeps drawing the previous result at its last step; the
  // element is reused while nothing it draws has changed, so Preact skips it.
  const words = summary(r);
  const [drawn] = useState(() => staggered(model.result, 1));
  const dr = drawn.value;
  const gridView = dr === r ? view : dr.lastStep;
  const grid = useMemo(
    () => (
      <HostGrid
        id={`${WIDGET_ID}-hosts-chart`}
        r={dr}
        frame={gridView.step}
        view={gridView}
        desc={dr === r ? words : summary(dr)}
      />
    ),
    [dr, gridView],
  );

  const table = runTable(r);
  const [vm, ct] = r.sides;
  const [vmU, ctU] = [utilisation(vm), utilisation(ct)];
  const describeFrame = (f: number): string => `Step ${f + 1} of ${n}`;
  const figures: [string, string, string, string][] = [
    ['hosts', 'Hosts used', String(vm.hostsUsed), String(ct.hostsUsed)],
    ['placed', `Apps placed (of ${n})`, String(vm.placed), String(ct.placed)],
    ['cpu-util', 'CPU used on those hosts', `${vmU[0]} %`, `${ctU[0]} %`],
    ['mem-util', 'Memory used on those hosts', `${vmU[1]} %`, `${ctU[1]} %`],
    ['overhead', 'Guest OS / VMM / shim memory', gib(vm.overhead[1]), gib(ct.overhead[1])],
    ['sizing', 'Rounded up to VM sizes (memory)', gib(vm.sizing[1]), gib(ct.sizing[1])],
    ['app-mem', 'Apps’ own memory', gib(vm.app[1]), gib(ct.app[1])],
    [
      'stranded',
      'Stranded (free, but too small for any app)',
      `${cpuText(vm.stranded[0])}, ${gib(vm.stranded[1])}`,
      `${cpuText(ct.stranded[0])}, ${gib(ct.stranded[1])}`,
    ],
  ];
  return (
    <WidgetShell model={model} title="Cluster scheduler" summary={words} run={table}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus (axe: scrollable-region-focusable) */}
      <section class="vl-table-wrap" tabIndex={0} aria-label="Figures for VMs and containers">
        <table class="vl-table">
          <caption>{`${n} apps on up to ${r.hostCount} hosts, ${r.policyLabel}`}</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">VMs</th>
              <th scope="col">Containers</th>
            </tr>
          </thead>
          <tbody>
            {figures.map(([key, label, a, b]) => (
              <tr>
                <th scope="row">{label}</th>
                <td class="vl-num" data-testid={`vm-${key}`}>
                  {a}
                </td>
                <td class="vl-num" data-testid={`container-${key}`}>
                  {b}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ChartFrame
        id={`${WIDGET_ID}-hosts`}
        caption={`Every host after step ${shownFrame + 1} of ${n}: its CPU (left bar) and memory (right bar), split into apps, per-instance overhead and instance-size rounding; VMs above, containers below. ${vmBinding(r).text}`}
        table={() => hostTable(r, shownFrame)}
      >
        {grid}
      </ChartFrame>
      <div class="vl-steps" data-pagefind-ignore>
        <TimelineControls
          timeline={timeline}
          id={`${WIDGET_ID}-steps`}
          label="Step through the placements"
          describeFrame={describeFrame}
        />
      </div>
      <div data-testid="step-explanation">
        {explained.error && (
          <p class="vl-error" role="alert">
            {`The core could not explain step ${frame + 1}: ${explained.error} The last step is shown instead.`}
          </p>
        )}
        <p>
          <strong>{`Step ${shownFrame + 1} of ${n}. `}</strong>
          {view.sides[0].words}
        </p>
        <p>{view.sides[1].words}</p>
      </div>
      <p class="sr-only" aria-live="polite">
        {stepped.value ? `${describeFrame(shownFrame)}. ${view.sides[0].words} ${view.sides[1].words}` : ''}
      </p>
      <details
        class="vl-more"
        data-pagefind-ignore
        onToggle={(e) => setStepTableOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>Every host at this step</summary>
        {/* Built only while open: up to 100 rows on every step would slow stepping down. */}
        {stepTableOpen && <DataTableView table={stepTable(r, view)} id={`${WIDGET_ID}-step-table`} />}
      </details>
    </WidgetShell>
  );
}
