// Builds dist/embed/virtlab.js (src/embed/elements.ts) after the site with
// Vite's build API: one ES module with every dynamic import inlined, and the core's .wasm emitted
// beside it with a content hash. Only relative URLs are used (the wasm is
// found from import.meta.url), so the bundle works under any VIRTLAB_BASE and
// from pages of any origin. Register it before serviceWorker() so sw.js,
// written last, covers these files too.
import type { AstroIntegration } from 'astro';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

export function embedBundle(): AstroIntegration {
  let root = '';
  return {
    name: 'virtlab:embed-bundle',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = join(fileURLToPath(dir), 'embed');
        // Imported here so the dev server never loads a second Vite.
        const { build } = await import('vite');
        await build({
          configFile: false,
          root,
          // Asset URLs relative to the bundle, never to a site root.
          base: './',
          logLevel: 'warn',
          publicDir: false,
          define: { 'process.env.NODE_ENV': JSON.stringify('production') },
          oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
          worker: { format: 'es' },
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            // Never inline the wasm: it is emitted beside the bundle with a hash.
            assetsInlineLimit: 0,
            // The worker and its wasm beside virtlab.js too: the worker then
            // asks for the very same .wasm URL as the page (one download, cached).
            assetsDir: '',
            reportCompressedSize: false,
            // Not build.lib: library mode inlines every asset, the 250 KiB wasm included.
            modulePreload: false,
            rolldownOptions: {
              input: join(root, 'src/embed/elements.ts'),
              // Side effects only (customElements.define): nothing to export.
              preserveEntrySignatures: false,
              output: {
                format: 'es',
                entryFileNames: 'virtlab.js',
                codeSplitting: false,
                assetFileNames: '[name]-[hash][extname]',
              },
            },
          },
        });
        const sizes = readdirSync(outDir)
          .filter((f) => f.endsWith('.js') || f.endsWith('.wasm'))
          .map((f) => {
            const file = join(outDir, f);
            return `${f} ${Math.round(statSync(file).size / 1024)} KiB (gzip ${Math.round(gzipSync(readFileSync(file)).length / 1024)} KiB)`;
          });
        logger.info(`wrote embed/: ${sizes.join(', ')}`);
      },
    },
  };
}
