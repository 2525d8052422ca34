import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

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
};
