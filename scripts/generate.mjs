#!/usr/bin/env node
// `npm run generate`: rewrites the checked-in files generated from the core's
// tables. Run it after `npm run build:wasm`; tests fail while either is stale.
//   src/sim/params.generated.ts   every scenario's parameter table (generate-params.ts)
//   src/sim/profiles.generated.ts the isolation profiles and example hosts (generate-params.ts)
//   src/sim/error-codes.generated.ts  the core's error codes (generate-params.ts)
//   src/cli/scenario.schema.json  the CLI's scenario-file schema (`virtlab simulate --schema`)
// The schema is written by a second process: it reads the scenario names from
// the file the first step has just written.
// Needs a Node that strips TypeScript types (22.18+; 22.6+ with the flag).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--schema') {
  const { loadCore } = await import('../src/sim/core.ts');
  const { scenarioJsonSchema } = await import('../src/cli/simulate.ts');
  const schemaPath = new URL('../src/cli/scenario.schema.json', import.meta.url);
  writeFileSync(schemaPath, `${JSON.stringify(scenarioJsonSchema(await loadCore()), null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(schemaPath)}`);
} else {
  const g = await import('./generate-params.ts');
  const { GENERATED_PATH, generatedSource, ERROR_CODES_PATH, generatedErrorCodesSource } = g;
  writeFileSync(GENERATED_PATH, await generatedSource());
  console.log(`wrote ${fileURLToPath(GENERATED_PATH)}`);
  writeFileSync(g.PROFILES_PATH, await g.generatedProfilesSource());
  console.log(`wrote ${fileURLToPath(g.PROFILES_PATH)}`);
  writeFileSync(ERROR_CODES_PATH, await generatedErrorCodesSource());
  console.log(`wrote ${fileURLToPath(ERROR_CODES_PATH)}`);
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--schema'], {
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
}
