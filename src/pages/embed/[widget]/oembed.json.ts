// /embed/<id>/oembed.json: a static oEmbed response ("rich": the iframe
// snippet), found through the discovery link on each widget page. oEmbed
// wants absolute URLs: they come from VIRTLAB_SITE (astro `site`); without
// it the iframe's src is root-relative and platforms cannot use it.
import type { APIRoute } from 'astro';
import { iframeSnippet } from '../../../embed/snippets.ts';
import { REGISTRY, type WidgetEntry } from '../../../widgets/registry.ts';

export function getStaticPaths() {
  return REGISTRY.map((entry) => ({ params: { widget: entry.id }, props: { entry } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const entry = (props as { entry: WidgetEntry }).entry;
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  const siteBase = site ? new URL(base, site).href : base;
  const body = {
    version: '1.0',
    type: 'rich',
    title: entry.title,
    provider_name: 'VirtLab',
    provider_url: siteBase,
    // oEmbed's html must stand alone: the iframe only, no script (consumers strip scripts).
    html: iframeSnippet({ spec: entry, siteBase, config: {} }, false),
    width: 720,
    height: entry.height,
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
