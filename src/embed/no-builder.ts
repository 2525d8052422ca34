// Stands in for EmbedBuilder.tsx in /embed/virtlab.js (see
// src/integrations/embed-bundle.ts): the "Embed" button never shows inside an
// embed, so the panel's code would be dead weight.
export function EmbedBuilder(): null {
  return null;
}
