// The frame every widget shares, in reading order: title, the spoken
// summary, widget-level messages, progress of worker runs, the widget's own
// output (charts first, so a change is seen next to the result), then
// presets, controls and reset (ignored by the search index), and the run export.
import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Controls } from './Controls.tsx';
import { type EmbedBuilderProps, loadEmbedBuilder } from './embed-builder.ts';
import { useEmbed } from './embed-context.ts';
import { createLaterScope, LaterScope } from './HydrateLater.tsx';
import { Presets } from './Presets.tsx';
import { download, toCsv, toJson, type DataTable } from './export.ts';
import type { WidgetModel } from './model.ts';
import { writeUrlState } from './url-state.ts';

/** How long a run goes on before "Computing…" and its progress bar show. */
const PROGRESS_DELAY_MS = 300;

export interface WidgetShellProps {
  model: WidgetModel;
  title: string;
  /** One or two sentences in words, announced politely when they change. */
  summary: string;
  /** The run behind the shown result, for CSV and JSON export. */
  run: DataTable;
  /** Charts and figures. */
  children: ComponentChildren;
  /** Extra controls after the table-driven ones (e.g. a Timeline). */
  extraControls?: ComponentChildren;
  /** Show the "Embed…" button (default true; never shown inside an embed). */
  embeddable?: boolean;
}

export function WidgetShell({
  model,
  title,
  summary,
  run,
  children,
  extraControls,
  embeddable = true,
}: WidgetShellProps) {
  const status = model.status.value;
  const embed = useEmbed();
  // Parts hydrated in later tasks (HydrateLater): not ready until they are live.
  const [later] = useState(createLaterScope);
  const ready = status !== 'loading' && later.value === 0;
  const shownValues = model.resultValues.value;
  const shownResult = model.result.value;
  // Inside an embed, each new shown result goes to the host page (a `result`
  // event), with what this render showed: effects run after paint, when the
  // model may already hold a newer result.
  useEffect(() => {
    if (embed && status !== 'loading')
      embed.report(model, { summary, run, result: shownResult, values: shownValues, status });
  }, [embed, model, summary, status, shownValues, shownResult]);
  // The builder comes from the page (./embed-builder.ts), loaded on first use.
  const [Builder, setBuilder] = useState<FunctionComponent<EmbedBuilderProps> | null>(null);
  const [builderOpen, setBuilderOpen] = useState(false);
  const [builderProblem, setBuilderProblem] = useState<string | null>(null);
  const embedButton = useRef<HTMLButtonElement>(null);
  const openBuilder = (): void => {
    if (Builder) {
      setBuilderOpen(true);
      return;
    }
    loadEmbedBuilder().then(
      (component) => {
        setBuilder(() => component);
        setBuilderOpen(true);
        setBuilderProblem(null);
      },
      (err: unknown) =>
        setBuilderProblem(`The embed panel could not be loaded: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  const closeBuilder = (): void => {
    setBuilderOpen(false);
    // Focus returns to the button that opened the panel.
    embedButton.current?.focus();
  };
  // The same element while its inputs are the same, so the shell's own
  // re-renders (status, progress, parts coming to life) skip the controls:
  // they follow the model's signals themselves.
  const inputs = useMemo(
    () => (
      <div class="vl-inputs" data-pagefind-ignore>
        <Presets model={model} />
        <Controls model={model} />
        {extraControls}
        <div class="vl-actions">
          <button type="button" onClick={() => (embed ? embed.reset(model) : model.reset())}>
            Reset
          </button>
        </div>
      </div>
    ),
    [model, embed, extraControls],
  );
  // "Copy link to this state": the page's address with this widget's shown
  // settings (the same keys bindUrl writes), scrolled to the widget.
  const [linkNote, setLinkNote] = useState<{ ok: boolean; text: string } | null>(null);
  const copyLink = (): void => {
    const search = writeUrlState(model.id, model.params, model.resultValues.value, location.search);
    const url = `${location.origin}${location.pathname}${search}#${model.id}-title`;
    const shown = (ok: boolean, text: string): void => setLinkNote({ ok, text });
    if (!navigator.clipboard?.writeText) {
      shown(false, `Copy this link: ${url}`);
      return;
    }
    navigator.clipboard.writeText(url).then(
      () => shown(true, 'Link copied: it opens this page with these settings.'),
      () => shown(false, `The clipboard is not available here; copy this link: ${url}`),
    );
  };
  const progress = model.progress.value;
  // "Computing…" shows once a run has taken PROGRESS_DELAY_MS: the short runs
  // of a dragged slider (one a frame) would make it flash and shift the
  // charts and controls below it at every frame, a relayout and repaint of
  // the whole widget each time (aria-busy still says at once that a run is on).
  const computing = status === 'computing';
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!computing) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), PROGRESS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [computing]);
  const general = model.issues.value.filter((i) => i.param === null);
  const exportRun = (kind: 'csv' | 'json'): void => {
    if (kind === 'csv') download(`${model.id}-run.csv`, 'text/csv', toCsv(run));
    else
      download(
        `${model.id}-run.json`,
        'application/json',
        toJson(model.id, location.href, model.resultValues.value, run),
      );
  };
  return (
    <LaterScope.Provider value={later}>
      <section
        class="vl-widget not-content"
        id={`vl-${model.id}`}
        data-widget={model.id}
        data-ready={ready ? 'true' : 'false'}
        aria-labelledby={`${model.id}-title`}
        aria-busy={computing}
      >
        <p class="vl-widget-title" id={`${model.id}-title`}>
          {title}
        </p>
        {general.map((i) => (
          <p class="vl-error" role="alert">
            {i.message}
          </p>
        ))}
        <p class="vl-summary" aria-live="polite" data-testid={`${model.id}-summary`}>
          {summary}
        </p>
        {/* Always in the tree, hidden unless a run is slow (above): inserting and
            removing it at every run of a drag made the browser restyle the whole
            widget (Starlight's `* + *` sibling rules) and re-check the page's :has()
            rules each frame, and showing it moved everything below it. */}
        <p class="vl-progress" data-pagefind-ignore hidden={!slow}>
          Computing… <progress max={1} value={progress ?? undefined} aria-label="Simulation progress" />
        </p>
        {children}
        {inputs}
        <div class="vl-actions" data-pagefind-ignore>
          <span class="vl-actions-label">Download this run:</span>
          <button type="button" onClick={() => exportRun('csv')}>
            CSV
          </button>
          <button type="button" onClick={() => exportRun('json')}>
            JSON
          </button>
        </div>
        {!embed && (
          <div class="vl-actions" data-pagefind-ignore>
            <button type="button" class="vl-copy-link" onClick={copyLink}>
              Copy link to this state
            </button>
            <span class="vl-link-note" role="status">
              {linkNote && (linkNote.ok ? linkNote.text : <span class="vl-link-text">{linkNote.text}</span>)}
            </span>
          </div>
        )}
        {embeddable && !embed && (
          <div class="vl-actions" data-pagefind-ignore>
            <button
              type="button"
              ref={embedButton}
              aria-haspopup="dialog"
              class="vl-embed-button"
              onClick={openBuilder}
            >
              Embed this widget…
            </button>
          </div>
        )}
        {builderProblem && (
          <p class="vl-error" role="alert">
            {builderProblem}
          </p>
        )}
        {Builder && builderOpen && <Builder model={model} title={title} onClose={closeBuilder} />}
      </section>
    </LaterScope.Provider>
  );
}
