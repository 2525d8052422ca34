// The "Embed this widget" panel (handed to the kit's WidgetShell by the page
// through src/embed/provide-builder.ts, loaded on first use): choose a preset
// and options, preview the embed page, copy the iframe or the script-tag
// snippet. A modal <dialog>: focus moves into it, Escape
// closes it, and the shell puts focus back on the button that opened it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { EmbedBuilderProps } from '../widgets/kit/embed-builder.ts';
import { findWidget } from '../widgets/registry.ts';
import { embedQuery, THEMES, type Theme } from './config.ts';
import { embedPageUrl, iframeSnippet, scriptSnippet } from './snippets.ts';
import './builder.css';

function siteBase(): string {
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return new URL(base, location.origin).href;
}

function CopyBox({ id, label, text }: { id: string; label: string; text: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => setStatus(''), [text]);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      // No clipboard access (an older browser, or permission refused): select
      // the text so the reader can copy it with the keyboard.
      ref.current?.focus();
      ref.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };
  return (
    <div class="vl-embed-snippet">
      <label for={id}>{label}</label>
      <textarea id={id} ref={ref} readOnly rows={4} value={text} spellcheck={false} />
      <div class="vl-actions">
        <button type="button" onClick={() => void copy()}>
          Copy {label.toLowerCase()}
        </button>
        <span role="status" aria-live="polite" class="vl-embed-copy-status">
          {status}
        </span>
      </div>
    </div>
  );
}

export function EmbedBuilder({ model, title, onClose }: EmbedBuilderProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const entry = findWidget(model.id);
  const [preset, setPreset] = useState<string>('');
  const [useCurrent, setUseCurrent] = useState(false);
  const [theme, setTheme] = useState<Theme>('auto');
  const [paused, setPaused] = useState(false);
  const [hide, setHide] = useState<string[]>([]);
  const [lock, setLock] = useState<string[]>([]);
  const [previewHeight, setPreviewHeight] = useState(400);
  const preview = useRef<HTMLIFrameElement>(null);
  const prefix = `${model.id}-embed`;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  // The preview's height follows its resize messages.
  useEffect(() => {
    const onMessage = (e: MessageEvent): void => {
      const d = e.data as { type?: unknown; height?: unknown } | null;
      if (
        e.source === preview.current?.contentWindow &&
        d &&
        d.type === 'virtlab:resize' &&
        typeof d.height === 'number'
      )
        setPreviewHeight(Math.ceil(d.height));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  const current = model.resultValues.value;
  const values = useMemo(() => (useCurrent ? { ...current } : {}), [useCurrent, current]);
  const config = { preset: preset || null, values, hide, lock, theme, paused };
  const spec = entry ?? { id: model.id, title, height: 900, params: model.params, presets: model.presets };
  const base = siteBase();
  const snippetInput = { spec, siteBase: base, config };
  const wantedSrc = embedPageUrl(base, model.id, embedQuery(spec, config));
  // The preview follows the options after a pause, so clicking through them
  // does not reload (and abort) the embed page at every click.
  const [previewSrc, setPreviewSrc] = useState(wantedSrc);
  useEffect(() => {
    const t = setTimeout(() => setPreviewSrc(wantedSrc), 600);
    return () => clearTimeout(t);
  }, [wantedSrc]);
  const toggle = (list: string[], set: (l: string[]) => void, name: string, on: boolean): void =>
    set(on ? [...list, name] : list.filter((n) => n !== name));

  return (
    <dialog
      ref={dialog}
      class="vl-embed-dialog"
      aria-labelledby={`${prefix}-title`}
      onClose={onClose}
      data-pagefind-ignore
    >
      <div class="vl-embed-dialog-head">
        <h2 id={`${prefix}-title`}>Embed “{title}”</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {!entry ? (
        <p>This widget cannot be embedded yet.</p>
      ) : (
        <div class="vl-embed-dialog-body">
          <form class="vl-embed-options" onSubmit={(e) => e.preventDefault()}>
            <p>
              <label for={`${prefix}-preset`}>Start from preset</label>
              <select id={`${prefix}-preset`} value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
                <option value="">None (the defaults)</option>
                {model.presets.map((p) => (
                  <option value={p.id}>{p.label}</option>
                ))}
              </select>
            </p>
            <p>
              <label class="vl-embed-check">
                <input type="checkbox" checked={useCurrent} onChange={(e) => setUseCurrent(e.currentTarget.checked)} />{' '}
                Use the settings shown now
              </label>
            </p>
            <fieldset>
              <legend>Theme</legend>
              {THEMES.map((t) => (
                <label class="vl-embed-inline">
                  <input
                    type="radio"
                    name={`${prefix}-theme`}
                    value={t}
                    checked={theme === t}
                    onChange={() => setTheme(t)}
                  />{' '}
                  {t === 'auto' ? 'Auto (the reader’s system setting)' : t === 'light' ? 'Light' : 'Dark'}
                </label>
              ))}
            </fieldset>
            {entry.timeline && (
              <p>
                <label class="vl-embed-check">
                  <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.currentTarget.checked)} /> Start
                  paused
                </label>
              </p>
            )}
            <fieldset>
              <legend>Controls readers see</legend>
              <table class="vl-table">
                <thead>
                  <tr>
                    <th scope="col">Parameter</th>
                    <th scope="col">Hide</th>
                    <th scope="col">Lock</th>
                  </tr>
                </thead>
                <tbody>
                  {model.params.map((p) => (
                    <tr>
                      <th scope="row">{p.label}</th>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Hide ${p.label}`}
                          checked={hide.includes(p.name)}
                          onChange={(e) => toggle(hide, setHide, p.name, e.currentTarget.checked)}
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Lock ${p.label}`}
                          checked={lock.includes(p.name)}
                          onChange={(e) => toggle(lock, setLock, p.name, e.currentTarget.checked)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
          </form>
          <div class="vl-embed-output">
            <CopyBox id={`${prefix}-iframe`} label="iframe snippet" text={iframeSnippet(snippetInput)} />
            <CopyBox id={`${prefix}-script`} label="Script-tag snippet" text={scriptSnippet(snippetInput)} />
            <p class="vl-help">
              The iframe works anywhere; its script line lets the frame follow the widget’s height. The script tag needs
              the site to send Access-Control-Allow-Origin.{' '}
              <a href={`${base}reference/embedding/`}>How embedding works</a>
            </p>
            <p class="vl-embed-preview-label">Preview</p>
            <iframe
              ref={preview}
              class="vl-embed-preview"
              src={previewSrc}
              title={`Preview of the embedded “${title}”`}
              style={{ height: `${previewHeight}px` }}
            />
          </div>
        </div>
      )}
    </dialog>
  );
}
