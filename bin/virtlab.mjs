#!/usr/bin/env node
// Launcher for `virtlab`. The CLI is TypeScript with erasable syntax only:
// - Node 22.18+ / 23.6+ strip the types by default: run it directly;
// - Node 22.6 to 22.17 have type stripping behind a flag: re-run with it;
// - Node 18.19 to 22.5 (module hooks, no stripping): erase the types with
//   the TypeScript compiler from the dev dependencies (bin/ts-hooks.mjs);
// - older Node: say which versions work, and stop.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchPlan, REQUIRED } from './node-support.mjs';

const plan = launchPlan(process.versions.node, Boolean(process.features?.typescript));

function stop(message) {
  process.stderr.write(`virtlab: ${message}\n`);
  process.exit(1);
}

async function runMain() {
  const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
  process.exitCode = await main(process.argv.slice(2));
}

if (plan === 'direct') {
  await runMain();
} else if (plan === 'flag') {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', self, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
} else if (plan === 'hooks' && typeof nodeModule.register === 'function') {
  let typescript;
  try {
    typescript = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
  } catch {
    stop(
      `this is Node ${process.version}, which cannot read TypeScript by itself; run \`npm install\` in VirtLab's ` +
        'folder (the TypeScript compiler is a dev dependency) or use Node.js 22.18 or newer.',
    );
  }
  nodeModule.register(new URL('./ts-hooks.mjs', import.meta.url), { data: { typescript } });
  // The wasm package reads its .wasm through process.getBuiltinModule (Node 20.16+), which bundlers leave alone.
  if (typeof process.getBuiltinModule !== 'function') {
    const require = createRequire(import.meta.url);
    process.getBuiltinModule = (id) => require(id);
  }
  await runMain();
} else {
  stop(`this is Node ${process.version}; virtlab needs ${REQUIRED}.`);
}
