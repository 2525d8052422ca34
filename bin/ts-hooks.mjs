// Module hooks for Node without type stripping (18.19 to 22.5): loads the
// CLI's `.ts` files by erasing their types with the TypeScript compiler (a
// dev dependency; the CLI uses erasable syntax only, so nothing else
// changes). Registered by bin/virtlab.mjs with module.register.
import { readFile } from 'node:fs/promises';

let ts;

export async function initialize(data) {
  ts = (await import(data.typescript)).default;
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
      sourceMap: false,
    },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
