#!/usr/bin/env node
// Launcher for `virtlab`: the CLI is TypeScript (erasable syntax only), so
// when this Node does not strip types by default, re-run this launcher with
// type stripping switched on.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.features?.typescript) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
} else {
  const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
  process.exitCode = await main(process.argv.slice(2));
}
