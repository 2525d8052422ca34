import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { i18nLoader } from '@astrojs/starlight/loaders';

/** Search filters: every page names one or more of these in `topics`. */
export const TOPICS = [
  'Virtual machines',
  'Containers',
  'Density and scheduling',
  'Scaling',
  'Migration',
  'Patching',
  'Security',
  'Ecosystem',
  'Decisions',
  'Reference',
] as const;

// Articles live in the top-level content/ folder rather than src/content/docs.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: z.object({ topics: z.array(z.enum(TOPICS)).optional() }) }),
  }),
  // Starlight's UI strings where VirtLab says something more useful (src/content/i18n/).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
