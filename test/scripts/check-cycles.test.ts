// The import-cycle and layer gate of `npm run lint`: it must fail on a cycle
// through any kind of import (a lazy import() included) and on an import
// against the layers, and pass on the real tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/check-cycles.mjs', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-cycles-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const run = (dir?: string) => spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });

describe('check-cycles', () => {
  it('fails on a cycle closed by a lazy import, naming the loop', () => {
    const r = run(
      tree({
        'kit/shell.tsx': "export const open = () => import('../embed/builder.tsx');\n",
        'embed/builder.tsx': "import { REGISTRY } from '../widgets/registry.ts';\nexport const b = REGISTRY;\n",
        'widgets/registry.ts': "import '../kit/shell.tsx';\nexport const REGISTRY = [];\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/import cycle among 3 modules/);
    expect(r.stderr).toMatch(/kit\/shell\.tsx/);
  });

  it('fails on a cycle through import.meta.glob and type imports', () => {
    const r = run(
      tree({
        'registry.ts': "const all = import.meta.glob('./*/entry.ts');\nexport default all;\n",
        'a/entry.ts': "import type { X } from '../registry.ts';\nexport type Y = X;\n",
      }),
    );
    expect(r.status).toBe(1);
  });

  it('passes one-way imports, and ignores imports named in comments', () => {
    const r = run(
      tree({
        'a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
        'b.ts': "// import { a } from './a.ts';\nexport const b = 1;\n",
      }),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails on an import against the layers: sim importing a widget, a widget importing another', () => {
    const r = run(
      tree({
        'sim/core.ts': "import { PARAMS } from '../widgets/one-host/params.ts';\nexport const p = PARAMS;\n",
        'widgets/one-host/params.ts': 'export const PARAMS = [];\n',
        'widgets/patch-day/model.ts': "import { PARAMS } from '../one-host/params.ts';\nexport const q = PARAMS;\n",
        'widgets/kit/params.ts': "import '../../sim/core.ts';\n",
        'widgets/registry.ts': "import '../widgets/one-host/params.ts';\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /sim\/core\.ts -> .*widgets\/one-host\/params\.ts \(src\/sim may not import src\/widgets\/one-host\)/,
    );
    expect(r.stderr).toMatch(/src\/widgets\/patch-day may not import src\/widgets\/one-host/);
    // Downward imports and the widget list reading a widget are allowed.
    expect(r.stderr).not.toMatch(/kit\/params\.ts ->/);
    expect(r.stderr).not.toMatch(/registry\.ts ->/);
  });

  it('finds no cycle and no import against the layers in src/', () => {
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/import cycles and layers: none among \d+ modules in src\//);
    expect(r.status).toBe(0);
  });
});
