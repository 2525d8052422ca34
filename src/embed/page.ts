// The embed page's script (/embed/<id>/): reads the settings from the URL,
// renders the widget with them, reports its height and events to the host
// page and takes its requests. It never moves focus: the host page keeps it.
import { h, render } from 'preact';
import { loadEntry } from '../widgets/entry-loaders.ts';
import { createEmbedBinding } from './binding.ts';
import { parseEmbedConfig } from './config.ts';
import { EmbedFrame } from './EmbedFrame.tsx';
import { ltiFrameResize, VERSION, type OutgoingMessage } from './messages.ts';

const framed = window.parent !== window;

function post(message: OutgoingMessage | string): void {
  // Settings and results are not secret, and the host may be any LMS: '*'.
  if (framed) window.parent.postMessage(message, '*');
}

/** Posts the content height whenever it changes, in VirtLab's and the LTI form. */
function reportHeight(el: HTMLElement, widget: string): void {
  let last = -1;
  const send = (): void => {
    const rect = el.getBoundingClientRect();
    const height = Math.ceil(rect.height);
    if (height === last) return;
    last = height;
    post({ type: 'virtlab:resize', version: VERSION, widget, height, width: Math.ceil(rect.width) });
    post(ltiFrameResize(height));
    // The CSS frame-sizing proposal (opt-in by <meta name="responsive-embedded-sizing">), where supported.
    const w = window as Window & { requestResize?: () => void };
    try {
      w.requestResize?.();
    } catch {
      // Not embedded in a frame-sizing iframe: nothing to do.
    }
  };
  new ResizeObserver(send).observe(el);
  send();
}

async function main(): Promise<void> {
  const root = document.getElementById('vl-embed-root');
  const frame = document.getElementById('vl-embed');
  const id = root?.dataset.embedWidget ?? '';
  // Only this widget's entry: the registry would bring all six.
  const entry = await loadEntry(id);
  if (!root || !frame || !entry) return;
  const config = parseEmbedConfig(entry, location.search);
  document.documentElement.dataset.theme = config.theme;
  const initial: unknown = JSON.parse(document.getElementById('vl-embed-initial')?.textContent ?? 'null');
  const binding = createEmbedBinding(entry, config, post);
  window.addEventListener('message', (event) => {
    // Only the page that frames this one may drive it.
    if (framed && event.source === window.parent) binding.receive(event.data);
  });
  const widget = await entry.load();
  // render (not hydrate): the first client render already applies hide and
  // lock, which the server could not know; Preact reuses the server's DOM.
  render(h(EmbedFrame, { widget: widget as never, initial, binding }), root);
  reportHeight(frame, entry.id);
}

void main();
