// /embed/virtlab.js: one script tag that defines <virtlab-<id>> for every
// registry widget, for pages of any origin. Built by
// src/integrations/embed-bundle.ts into one ES module; the wasm sits beside
// it and is found from import.meta.url (src/sim/loader.ts). Each element
// loads only the core part its widget needs, and elements share each part's
// one compiled module. Styles live in each element's Shadow
// DOM, and the module defines no globals besides the custom elements.
//
//   <script type="module" src="https://…/embed/virtlab.js"></script>
//   <virtlab-one-host preset="heavy-vm" theme="light"></virtlab-one-host>
//
// Attributes are the embed page's URL parameters (names ignore case). Events
// (virtlab:ready, virtlab:result, virtlab:error) are DOM CustomEvents whose
// `detail` is the message an iframe would post; `element.send(message)` takes
// the messages an iframe accepts.
import { h, render } from 'preact';
import { loadCore } from '../sim/core.ts';
import { defaults } from '../widgets/kit/params.ts';
import { REGISTRY, type WidgetEntry } from '../widgets/registry.ts';
import kitCss from '../styles/virtlab.css?inline';
import { createEmbedBinding, type EmbedHost } from './binding.ts';
import { parseEmbedConfig } from './config.ts';
import { EmbedFrame } from './EmbedFrame.tsx';
import type { OutgoingMessage } from './messages.ts';
import themeCss from './theme.css?inline';

const SHADOW_CSS = `:host{display:block}:host([hidden]){display:none}\n${themeCss}\n${kitCss}`;

let sheet: CSSStyleSheet | null | undefined;
/**
 * One constructed stylesheet shared by every element. Unlike a <style>
 * element, it is not subject to the host page's style-src, so a page with a
 * strict content security policy needs no 'unsafe-inline' or hash for it.
 * Null where constructable stylesheets are missing (then a <style> element).
 */
function shadowSheet(): CSSStyleSheet | null {
  if (sheet !== undefined) return sheet;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(SHADOW_CSS);
  } catch {
    sheet = null;
  }
  return sheet;
}

/** Attributes that belong to the element itself, not to the widget. */
const HTML_ATTRIBUTES = new Set([
  'id',
  'class',
  'style',
  'slot',
  'hidden',
  'title',
  'lang',
  'dir',
  'tabindex',
  'part',
  'is',
]);

function defineWidget(entry: WidgetEntry): void {
  const tag = `virtlab-${entry.id}`;
  if (customElements.get(tag)) return; // the script was included twice: keep the first
  class VirtlabWidget extends HTMLElement {
    #host: EmbedHost | null = null;
    #mount: HTMLElement | null = null;
    #run = 0;

    connectedCallback(): void {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      if (!this.#mount) {
        this.#mount = document.createElement('div');
        const sheet = shadowSheet();
        if (sheet) {
          shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
          shadow.append(this.#mount);
        } else {
          const style = document.createElement('style');
          style.textContent = SHADOW_CSS;
          shadow.append(style, this.#mount);
        }
      }
      void this.#start(this.#mount, ++this.#run);
    }

    disconnectedCallback(): void {
      this.#run++;
      if (this.#mount) render(null, this.#mount); // disposes the model
      this.#host = null;
    }

    /** Takes a message of the embed schema (virtlab:set, virtlab:get, virtlab:reset). */
    send(message: unknown): void {
      this.#host?.receive(message);
    }

    async #start(mount: HTMLElement, run: number): Promise<void> {
      const attrs: [string, string][] = [];
      for (const name of this.getAttributeNames()) {
        if (!HTML_ATTRIBUTES.has(name) && !name.startsWith('aria-') && !name.startsWith('data-'))
          attrs.push([name, this.getAttribute(name) ?? '']);
      }
      const config = parseEmbedConfig(entry, attrs, { ignoreCase: true });
      mount.className = 'vl-theme';
      mount.dataset.theme = config.theme;
      mount.innerHTML = '';
      const loading = document.createElement('p');
      loading.className = 'vl-embed-loading';
      loading.textContent = `Loading “${entry.title}”…`;
      mount.append(loading);
      const emit = (m: OutgoingMessage): void => {
        this.dispatchEvent(new CustomEvent(m.type, { detail: m, bubbles: true, composed: true }));
      };
      const host = createEmbedBinding(entry, config, emit);
      this.#host = host;
      try {
        // The first result for the defaults, as the embed page has it from the build.
        const [core, widget] = await Promise.all([loadCore(entry.core), entry.load()]);
        if (run !== this.#run) return;
        const initial = entry.compute(core, defaults(entry.params));
        mount.innerHTML = '';
        render(h(EmbedFrame, { widget: widget as never, initial, binding: host }), mount);
      } catch (err) {
        if (run !== this.#run) return;
        loading.textContent = `“${entry.title}” could not start: ${err instanceof Error ? err.message : String(err)}`;
        loading.setAttribute('role', 'alert');
        emit({ type: 'virtlab:error', version: 1, widget: entry.id, message: loading.textContent, source: 'widget' });
      }
    }
  }
  customElements.define(tag, VirtlabWidget);
}

for (const entry of REGISTRY) defineWidget(entry);
