// /embed/lab-<id>/oembed.json: a static oEmbed response for a terminal lab
// (as ../[widget]/oembed.json.ts for the widgets).
import type { APIRoute } from 'astro';
import { LAB_EMBED_HEIGHT, labIframeSnippet } from '../../../labs/embed.ts';
import { type LabDef, LABS } from '../../../labs/labs.ts';

export function getStaticPaths() {
  return LABS.map((lab) => ({ params: { lab: lab.id }, props: { lab } }));
}

export const GET: APIRoute = ({ props, site }) => {
  const lab = (props as { lab: LabDef }).lab;
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  const siteBase = site ? new URL(base, site).href : base;
  const body = {
    version: '1.0',
    type: 'rich',
    title: `Lab: ${lab.title}`,
    provider_name: 'VirtLab',
    provider_url: siteBase,
    html: labIframeSnippet(lab, siteBase),
    width: 720,
    height: LAB_EMBED_HEIGHT,
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
