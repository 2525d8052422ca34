import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    // Vitest's 5 s default is a timed test in disguise: several tests start the
    // CLI or run a fuzz campaign, and on a loaded CI machine one ran past it.
    // Tests wait on their results; this only catches a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
