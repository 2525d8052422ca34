// Embedding a terminal lab (an iframe of /embed/lab-<id>/), for teachers:
// the embed page's id, its height and the snippet to paste. The lab runs
// entirely inside the frame, from VirtLab's origin, under its own policy.
import type { LabDef } from './labs.ts';

/** The embed page's id: lab ids get a prefix so they never collide with a widget's. */
export const labEmbedId = (lab: LabDef): string => `lab-${lab.id}`;

/** A lab needs room for the terminal (80 columns) beside or above its steps. */
export const LAB_EMBED_HEIGHT = 1100;

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The iframe a teacher pastes; `siteBase` is the site's base URL ending in '/'. */
export function labIframeSnippet(lab: LabDef, siteBase: string): string {
  const src = `${siteBase}embed/${labEmbedId(lab)}/`;
  // clipboard-write: the steps' Copy buttons work inside the frame.
  return `<iframe data-virtlab src="${attr(src)}" title="${attr(`Lab: ${lab.title}`)} (VirtLab)" width="100%" height="${LAB_EMBED_HEIGHT}" style="border:0;width:100%;max-width:100%" loading="lazy" allow="clipboard-write"></iframe>`;
}
