// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { fileURLToPath } from 'node:url';
import { csp } from './src/integrations/csp.ts';
import { embedBundle } from './src/integrations/embed-bundle.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { focusableTablesIntegration } from './src/integrations/focusable-tables.ts';

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

// v86 loads Node's fs, crypto and perf_hooks only when it runs under Node
// (each behind a `typeof process`/`require` check); in the browser bundle they
// are empty modules, said here rather than left to Vite's
// "externalized for browser compatibility" warning.
const NODE_ONLY_IN_V86 = new Set(['fs', 'crypto', 'perf_hooks', 'node:fs/promises', 'node:crypto']);
/** @type {import('vite').Plugin} */
const v86NodeBuiltins = {
  name: 'virtlab:v86-node-builtins',
  enforce: 'pre',
  resolveId(id, importer) {
    if (NODE_ONLY_IN_V86.has(id) && importer?.includes(`${'node_modules'}/v86/`) && this.environment?.name === 'client')
      return `\0v86-node-only:${id}`;
    return null;
  },
  load(id) {
    return id.startsWith('\0v86-node-only:') ? 'export default {};' : null;
  },
};

// Starlight adds @astrojs/sitemap, which needs `site` and says so on every
// build without one. A sitemap lists absolute URLs, so it is built only when
// VIRTLAB_SITE names the origin; otherwise this stand-in takes its name.
const noSitemapWithoutSite = { name: '@astrojs/sitemap', hooks: {} };

export default defineConfig({
  base,
  site,
  trailingSlash: 'always',
  vite: {
    plugins: [v86NodeBuiltins],
    build: {
      // The one chunk over Vite's 500 kB default is v86, the labs' emulator:
      // it loads only when a reader starts a lab, and `npm run budgets`
      // measures what each page downloads.
      chunkSizeWarningLimit: 900,
      rolldownOptions: {
        onLog(level, log, handler) {
          // Astro marks MDX modules with this directive for head propagation
          // and the bundler warns about it on every MDX page; harmless, and a
          // known Astro issue (withastro/astro#18087).
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
          handler(level, log);
        },
        output: {
          // Fewer, larger chunks for the islands: one gzip stream compresses
          // better than many small ones (4-5 KB less on a widget page, whose
          // JS + wasm budget is 100 KB). Each group holds modules that load
          // together anyway; a higher priority claims a module first (a
          // group also takes the modules its own import, unless claimed).
          codeSplitting: {
            groups: [
              // Predict boxes on pages without widgets use these two alone.
              { name: 'url-state', priority: 40, test: /src[\\/]widgets[\\/]kit[\\/](url-state|params)\.ts$/ },
              { name: 'preact', priority: 30, test: /node_modules[\\/](preact|@preact[\\/]signals(-core)?)[\\/]/ },
              // What every widget's island uses: the shell, controls, model, core loader.
              {
                name: 'kit',
                priority: 20,
                test: /src[\\/](widgets[\\/](widget-entry\.ts|kit[\\/](?!charts[\\/]|core-params\.ts|core-figures\.ts|worker\.ts)[^\\/]+)|sim[\\/](core|errors|checks|wasm-abi|loader|citations|error-codes\.generated)\.ts)$/,
              },
              // Core wrappers shared by some widgets, so no widget's own chunk claims them
              // (the placement widgets' profile and host figures among them).
              {
                name: 'sim-placement',
                priority: 15,
                test: /src[\\/](sim[\\/](placement|profiles|profiles\.generated)|widgets[\\/]kit[\\/]core-figures)\.ts$/,
              },
              {
                name: 'sim-scenarios',
                priority: 15,
                test: /src[\\/](sim[\\/](scenarios|worker-client)|widgets[\\/]kit[\\/](core-params|worker))\.ts$/,
              },
              // One widget's own modules (its entry stays apart: pages load it up front).
              {
                priority: 10,
                name: (id) => /src[\\/]widgets[\\/]([a-z-]+)[\\/](?!entry\.ts)[^\\/]+$/.exec(id)?.[1] ?? null,
              },
            ],
          },
        },
      },
    },
    resolve: {
      // Pagefind's UI loads when the reader heads for search, not on every
      // page at idle time (src/components/pagefind-ui-on-demand.ts). Exact
      // match only: the stand-in imports the real module by its file path.
      alias: [
        {
          find: /^@pagefind\/default-ui$/,
          replacement: fileURLToPath(new URL('./src/components/pagefind-ui-on-demand.ts', import.meta.url)),
        },
        // "On this page" finds the elements it watches without `:has()`
        // selectors, a long task per table of contents on a loading page
        // (src/components/starlight-toc.ts). Starlight imports it relatively.
        {
          find: /^.*[\\/]components-internals[\\/]TableOfContents[\\/]starlight-toc(\.[jt]s)?$/,
          replacement: fileURLToPath(new URL('./src/components/starlight-toc.ts', import.meta.url)),
        },
      ],
    },
    worker: {
      // Name worker assets like Astro names page assets, so the wasm that the
      // simulation worker imports is the very file the pages use: one URL,
      // one download, one cache entry.
      rolldownOptions: { output: { assetFileNames: '_astro/[name].[hash][extname]' } },
    },
  },
  integrations: [
    ...(site ? [] : [noSitemapWithoutSite]),
    starlight({
      title: 'VirtLab',
      // src/pages/404.astro: links that work from any address, under any base.
      disable404Route: true,
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
        { label: 'Labs', items: [{ autogenerate: { directory: 'content/labs' } }] },
        { label: 'Reference', items: [{ autogenerate: { directory: 'content/reference' } }] },
      ],
      customCss: ['./src/styles/virtlab.css', './src/styles/teach.css'],
      // Wrapped code lines never scroll sideways. A scrolling block becomes an
      // unnamed role="region" (Expressive Code's script), and two of them on a
      // page fail axe's landmark-unique (reference/embedding).
      expressiveCode: { defaultProps: { wrap: true } },
      head: [
        // Offline re-visits: see src/integrations/sw-template.js. public/sw-register.js
        // registers the worker beside itself (any base path; not for file: pages);
        // served as is, so it carries no comments (a page's JS budget counts it).
        { tag: 'script', attrs: { src: `${base.endsWith('/') ? base : `${base}/`}sw-register.js`, defer: true } },
      ],
      components: {
        // Starlight's search button fails axe's label-content-name-mismatch.
        Search: './src/components/Search.astro',
        // Adds each page's topics as search filters.
        MarkdownContent: './src/components/MarkdownContent.astro',
        // Adds the licence line (course text CC BY 4.0, code MIT) to every page.
        Footer: './src/components/Footer.astro',
        // The landing page (no sidebar, so no mobile menu) gets a theme switch at 320 px too.
        Header: './src/components/Header.astro',
      },
    }),
    mdx(),
    preact(),
    // dist/embed/virtlab.js and its wasm; before serviceWorker() so sw.js covers them.
    embedBundle(),
    // Markdown tables that scroll sideways on phones are reachable by keyboard; before sw.js hashes the build.
    focusableTablesIntegration(),
    // After Starlight, so the search index exists when sw.js is written.
    serviceWorker(),
    // Last: dist/_headers, the content security policy hashed from the
    // finished HTML, with a rule for every file the build wrote (sw.js too).
    csp({ frameAncestors }),
  ],
});
