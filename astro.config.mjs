// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { fileURLToPath } from 'node:url';
import { csp } from './src/integrations/csp.ts';
import { embedBundle } from './src/integrations/embed-bundle.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';

// Pages render each widget's first result at build time. The bundled server
// code cannot find the .wasm beside itself, so tell src/sim/build-time.ts
// where the committed package is.
process.env.VIRTLAB_CORE_PKG ??= fileURLToPath(new URL('./wasm-core/pkg/', import.meta.url));

// VIRTLAB_BASE serves the site under a sub-path, e.g. VIRTLAB_BASE=/courses/virtlab/.
// It is fixed at build time: links, islands, the wasm and Pagefind all follow it.
const base = process.env.VIRTLAB_BASE || '/';
// VIRTLAB_SITE is the public origin (for canonical URLs and the sitemap); optional.
const site = process.env.VIRTLAB_SITE || undefined;
// VIRTLAB_EDIT_URL turns on "Edit page" links, e.g. https://example.org/virtlab/edit/main/
// Starlight appends each page's path from the repository root (content/...).
const editUrl = process.env.VIRTLAB_EDIT_URL || undefined;
// VIRTLAB_FRAME_ANCESTORS: who may frame the /embed/ pages (space-separated
// CSP sources, e.g. "https://lms.example.edu https://moodle.example.org");
// default * (see content/reference/security.mdx). Other pages: 'self' only.
const frameAncestors = process.env.VIRTLAB_FRAME_ANCESTORS || undefined;

export default defineConfig({
  base,
  site,
  trailingSlash: 'always',
  vite: {
    resolve: {
      // Pagefind's UI loads when the reader heads for search, not on every
      // page at idle time (src/components/pagefind-ui-on-demand.ts). Exact
      // match only: the stand-in imports the real module by its file path.
      alias: [{ find: /^@pagefind\/default-ui$/, replacement: fileURLToPath(new URL('./src/components/pagefind-ui-on-demand.ts', import.meta.url)) }],
    },
    worker: {
      // Name worker assets like Astro names page assets, so the wasm that the
      // simulation worker imports is the very file the pages use: one URL,
      // one download, one cache entry.
      rolldownOptions: { output: { assetFileNames: '_astro/[name].[hash][extname]' } },
    },
  },
  integrations: [
    starlight({
      title: 'VirtLab',
      description:
        'An interactive course: why containers replaced virtual machines for most services, how both work, and where VMs still win.',
      ...(editUrl ? { editLink: { baseUrl: editUrl } } : {}),
      // Starlight reads last-updated dates only under src/content/docs; our
      // articles live in content/, so src/route-data.ts supplies them from git.
      routeMiddleware: './src/route-data.ts',
      sidebar: [
        // Starlight's autogenerate matches directories against each entry's
        // path from the project root when the docs are not in
        // src/content/docs, hence the `content/` prefix (checked by test/e2e).
        { label: 'Course', items: [{ autogenerate: { directory: 'content/course' } }] },
        { label: 'Widgets', items: [{ autogenerate: { directory: 'content/widgets' } }] },
        { label: 'Reference', items: [{ autogenerate: { directory: 'content/reference' } }] },
      ],
      customCss: ['./src/styles/virtlab.css'],
      // Wrapped code lines never scroll sideways. A scrolling block becomes an
      // unnamed role="region" (Expressive Code's script), and two of them on a
      // page fail axe's landmark-unique (reference/embedding).
      expressiveCode: { defaultProps: { wrap: true } },
      head: [
        // Offline re-visits: see src/integrations/sw-template.js.
        { tag: 'script', attrs: { src: `${base.endsWith('/') ? base : base + '/'}sw-register.js`, defer: true } },
      ],
      components: {
        // Starlight's search button fails axe's label-content-name-mismatch.
        Search: './src/components/Search.astro',
        // Adds each page's topics as search filters.
        MarkdownContent: './src/components/MarkdownContent.astro',
      },
    }),
    mdx(),
    preact(),
    // dist/embed/virtlab.js and its wasm; before serviceWorker() so sw.js covers them.
    embedBundle(),
    // After Starlight, so the search index exists when sw.js is written.
    serviceWorker(),
    // Last: dist/_headers, the content security policy hashed from the
    // finished HTML, with a rule for every file the build wrote (sw.js too).
    csp({ frameAncestors }),
  ],
});
