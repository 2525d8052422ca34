// The lab's terminal: xterm.js (npm @xterm/xterm, MIT), loaded with the
// emulator when a reader starts a lab.
//
// xterm's DOM renderer writes its computed styles (cell sizes, theme colours)
// into <style> elements it creates, which the site's content security policy
// refuses (style-src allows hashed inline styles only, and these change with
// the font and the window). Such styles go into constructed stylesheets
// (document.adoptedStyleSheets) instead, which the policy does not govern:
// createElement('style') hands out an inert <template> whose textContent
// fills a CSSStyleSheet. Nothing else on a lab page creates <style> elements.
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

let shimmed = false;

function adoptStyleElements(): void {
  if (shimmed || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  shimmed = true;
  const create = document.createElement;
  document.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
    if (String(tag).toLowerCase() !== 'style') return create.call(this, tag, options);
    const el = create.call(this, 'template') as HTMLTemplateElement;
    const sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    let text = '';
    Object.defineProperty(el, 'textContent', {
      get: () => text,
      set: (v: unknown) => {
        text = v == null ? '' : String(v);
        sheet.replaceSync(text);
      },
    });
    const remove = el.remove.bind(el);
    el.remove = () => {
      remove();
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
    return el;
  } as typeof document.createElement;
}

export interface LabTerminal {
  write(data: string): void;
  clear(): void;
  focus(): void;
  dispose(): void;
}

/** Columns BusyBox ash assumes on a serial console: the terminal keeps to them. */
export const COLUMNS = 80;

function fontSizeFor(width: number): number {
  // A monospace cell is about 0.6 em wide; fit 80 columns, 10-15 px.
  return Math.max(10, Math.min(15, Math.floor((width - 24) / (COLUMNS * 0.6))));
}

/**
 * Opens a terminal in `host`. `onData` receives what the reader types (and
 * xterm's answers to the shell's cursor-position queries). Escape moves focus
 * out of the terminal to `escapeTo`, so keyboard users are never trapped (Tab
 * belongs to the shell's completion inside).
 */
export function openTerminal(host: HTMLElement, onData: (data: string) => void, escapeTo: () => void): LabTerminal {
  adoptStyleElements();
  const dark = document.documentElement.dataset.theme === 'dark';
  const term = new Terminal({
    cols: COLUMNS,
    rows: 24,
    fontSize: fontSizeFor(host.clientWidth || 720),
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    scrollback: 5000,
    cursorBlink: false,
    theme: dark
      ? { background: '#111418', foreground: '#e6e6e6', cursor: '#e6e6e6' }
      : { background: '#15181c', foreground: '#f0f0f0', cursor: '#f0f0f0' },
  });
  term.open(host);
  term.textarea?.setAttribute('aria-label', 'Terminal input: type commands for the lab VM. Press Escape to leave.');
  term.attachCustomKeyEventHandler((e) => {
    if (e.type === 'keydown' && e.key === 'Escape') {
      escapeTo();
      return false;
    }
    return true;
  });
  term.onData(onData);
  const resize = new ResizeObserver(() => {
    const size = fontSizeFor(host.clientWidth);
    if (term.options.fontSize !== size) term.options.fontSize = size;
  });
  resize.observe(host);
  return {
    write: (data) => term.write(data),
    clear: () => term.reset(),
    focus: () => term.focus(),
    dispose: () => {
      resize.disconnect();
      term.dispose();
    },
  };
}
