// `npm run conformance:kube`: VirtLab's Kubernetes scoring against
// kube-scheduler's own noderesources plugins at v1.37.2 (go.mod) and v1.35.4
// (go1.35.mod), on seeded random clusters (test/conformance/kube/main.go).
// Needs Go; the k8s.io modules come through the Go module proxy (first run:
// several minutes to download and compile). Without Go it says so and exits
// 0 (`--require-go`: exit 1 instead).
//   node scripts/conformance-kube.mjs [--cases N] [--seed S] [--require-go]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'test/conformance/kube');
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    'require-go': { type: 'boolean', default: false },
  },
});

if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
  console.error(
    '\n!!! KUBE CONFORMANCE SKIPPED: no Go toolchain (go) found. Install Go 1.25+ to compare with kube-scheduler.\n',
  );
  process.exit(values['require-go'] ? 1 : 0);
}

const out = join(tmpdir(), 'virtlab-kube-conformance');
mkdirSync(out, { recursive: true });
const versions = [
  { label: '1.37', modfile: 'go.mod', pin: 'k8s.io/kubernetes v1.37.2' },
  { label: '1.35', modfile: 'go1.35.mod', pin: 'k8s.io/kubernetes v1.35.4' },
];
let failed = false;
for (const v of versions) {
  const exe = join(out, `conformance-${v.label}`);
  let t = Date.now();
  // -mod=readonly: the pinned go.mod / go.sum decide every version.
  const build = spawnSync('go', ['build', '-mod=readonly', `-modfile=${v.modfile}`, '-o', exe, '.'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error(`conformance: building against ${v.pin} failed`);
    process.exit(1);
  }
  console.log(`built against ${v.pin} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  const run = spawnSync(
    exe,
    [
      '-version',
      v.label,
      '-cases',
      values.cases,
      '-seed',
      values.seed,
      '-virtlab',
      `${process.execPath} ${join(root, 'bin/virtlab.mjs')} score --jsonl`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  console.log(`compared in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
