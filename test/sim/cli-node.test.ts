// `npx virtlab` on the Node versions the offline bundle supports: the
// launcher picks how to run the TypeScript CLI by version, and on a Node
// without type stripping (the system Node 20 of this project's machines) it
// runs, instead of failing with "bad option: --experimental-strip-types".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchPlan, REQUIRED } from '../../bin/node-support.mjs';

describe('bin/virtlab.mjs: Node versions', () => {
  it('runs directly, with the flag, with the compiler hooks, or refuses, by version', () => {
    expect(launchPlan('24.1.0', true)).toBe('direct');
    expect(launchPlan('22.18.0', true)).toBe('direct');
    expect(launchPlan('22.12.0', false)).toBe('flag');
    expect(launchPlan('22.6.0', false)).toBe('flag');
    expect(launchPlan('22.5.1', false)).toBe('hooks');
    expect(launchPlan('v20.20.2', false)).toBe('hooks');
    expect(launchPlan('18.19.0', false)).toBe('hooks');
    expect(launchPlan('18.18.2', false)).toBe('unsupported');
    expect(launchPlan('16.20.0', false)).toBe('unsupported');
    expect(REQUIRED).toMatch(/^Node\.js 18\.19 or newer/);
  });

  // The machines this project runs on have Node 20 as the system Node; elsewhere there is nothing to run.
  const older = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => {
    if (!existsSync(p)) return false;
    const v = spawnSync(p, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    return launchPlan(v, false) === 'hooks';
  });
  it.skipIf(!older)(
    `runs place and simulate on a Node without type stripping (${older ?? 'none found'})`,
    () => {
      const bin = fileURLToPath(new URL('../../bin/virtlab.mjs', import.meta.url));
      const place = spawnSync(older as string, [bin, 'place', '--format', 'csv'], {
        input: JSON.stringify({
          policy: 'first-fit',
          hosts: [{ cpuMillis: 1000, memMiB: 1000 }],
          workloads: [{ cpuMillis: 600 }],
        }),
        encoding: 'utf8',
      });
      expect(place.stderr).toBe('');
      expect(place.stdout.split('\n')[1]).toMatch(/^0,1,1000,600,/);
      const bad = spawnSync(older as string, [bin, 'simulate'], {
        input: JSON.stringify({ scenario: 'migration', link: { gbpss: 1 } }),
        encoding: 'utf8',
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^virtlab simulate: scenario\.link\.gbpss/);
      // Loading the TypeScript compiler takes seconds, more on a busy machine: a generous bound, not a speed check.
    },
    180_000,
  );
});
