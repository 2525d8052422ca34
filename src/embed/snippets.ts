// The HTML a teacher pastes: an iframe of the embed page (with a small
// optional listener that applies the height messages), or the script tag and
// a <virtlab-…> element. URLs are absolute, from the site's origin and base.
import { embedQuery, type EmbedConfig, type EmbedSpec } from './config.ts';

export interface SnippetInput {
  spec: EmbedSpec & { title: string; height: number };
  /** Absolute URL of the site's base, ending in '/', e.g. https://example.org/virtlab/. */
  siteBase: string;
  config: Partial<Omit<EmbedConfig, 'issues'>>;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function embedPageUrl(siteBase: string, id: string, query = ''): string {
  return `${siteBase}embed/${id}/${query}`;
}

/** The listener a host page needs for the iframe to follow the widget's height. */
export const RESIZE_LISTENER =
  "<script>addEventListener('message',function(e){var d=e.data;if(!d||d.type!=='virtlab:resize'||typeof d.height!=='number')return;" +
  "document.querySelectorAll('iframe[data-virtlab]').forEach(function(f){if(f.contentWindow===e.source)f.style.height=Math.ceil(d.height)+'px';});});</script>";

export function iframeSnippet({ spec, siteBase, config }: SnippetInput, withListener = true): string {
  const src = embedPageUrl(siteBase, spec.id, embedQuery(spec, config));
  const frame = `<iframe data-virtlab src="${attr(src)}" title="${attr(spec.title)} (VirtLab)" width="100%" height="${spec.height}" style="border:0;width:100%;max-width:100%" loading="lazy"></iframe>`;
  return withListener ? `${frame}\n${RESIZE_LISTENER}` : frame;
}

export function scriptSnippet({ spec, siteBase, config }: SnippetInput): string {
  const attrs: string[] = [];
  if (config.preset) attrs.push(`preset="${attr(config.preset)}"`);
  const query = new URLSearchParams(embedQuery(spec, config));
  for (const [k, v] of query) if (k !== 'preset') attrs.push(`${k}="${attr(v)}"`);
  const tag = `virtlab-${spec.id}`;
  return `<script type="module" src="${attr(`${siteBase}embed/virtlab.js`)}"></script>\n<${tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}></${tag}>`;
}
