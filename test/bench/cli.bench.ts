// Batch scoring through the CLI (issue 17): 10,000 pods, each with its own
// request, scheduled onto 5,000 nodes of four sizes by one `virtlab score`
// process (the "pods" form with "bind": true: filter, score with
// LeastAllocated, bind to the best node, next pod), end to end: Node's start,
// reading and checking the JSON, the core's work and writing the answer.
// Beside it, when Go is installed, kube-scheduler's own NodeResourcesFit
// plugin (k8s.io/kubernetes v1.37.2, test/conformance/kube/batch.go) doing
// the same queue once, and whether both chose the same node for every pod.
//
// The instance is a modelling choice for the benchmark: node sizes 8/16/32/64
// CPU with 4 GiB per CPU, in turn; pod requests are the core's DSLab mix
// (seed 2) divided by 4, plus i millicores for pod i so no two requests are
// alike and no score can be reused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../../src/sim/core.ts';
import { generateWorkloads } from '../../src/sim/workloads.ts';
import { judge, median, type BenchCase } from './harness.ts';

const PODS = 10_000;
const NODES = 5_000;
const root = fileURLToPath(new URL('../../', import.meta.url));
const GiB = 2 ** 30;

async function request() {
  const core = await loadCore('placement');
  const wl = generateWorkloads(core, { kind: 'dslab', count: PODS, seed: 2 });
  const sizes = [8, 16, 32, 64];
  const nodes = Array.from({ length: NODES }, (_, i) => {
    const cpus = sizes[i % sizes.length];
    return { name: `node-${i}`, allocatable: { cpu: cpus * 1000, memory: cpus * 4 * GiB } };
  });
  const pods = Array.from({ length: PODS }, (_, i) => ({
    cpu: Math.floor(wl[2 * i] / 4) + i,
    memory: Math.floor((wl[2 * i + 1] * 2 ** 20) / 4),
  }));
  return {
    strategy: 'LeastAllocated',
    resources: [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    nodes,
    pods,
    bind: true,
  };
}

/** kube-scheduler's plugins on the same queue, once; null when Go or the k8s.io modules are not available. */
function goBatch(file: string, dir: string) {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) return { why: 'Go not installed' };
  const exe = join(dir, 'conformance-1.37');
  const build = spawnSync('go', ['build', '-mod=readonly', '-modfile=go.mod', '-o', exe, '.'], {
    cwd: join(root, 'test/conformance/kube'),
    encoding: 'utf8',
  });
  if (build.status !== 0) return { why: `go build failed: ${build.stderr.trim().split('\n').slice(-1)[0]}` };
  const run = spawnSync(exe, ['-batch', file], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (run.status !== 0) return { why: `the Go batch failed: ${run.stderr.trim()}` };
  return JSON.parse(run.stdout) as { wallMs: number; cpuMs: number; scheduled: number; assignment: number[] };
}

export const cases: BenchCase[] = [
  {
    name: `CLI batch: virtlab score, ${PODS.toLocaleString('en-US')} pods bound one by one onto ${NODES.toLocaleString('en-US')} nodes, end to end`,
    async run(runs) {
      const dir = mkdtempSync(join(tmpdir(), 'virtlab-bench-'));
      try {
        const file = join(dir, 'batch.json');
        writeFileSync(file, JSON.stringify(await request()));
        const cli = () => {
          const t = performance.now();
          const r = spawnSync(process.execPath, [join(root, 'bin/virtlab.mjs'), 'score', '--input', file], {
            encoding: 'utf8',
            maxBuffer: 64 * 2 ** 20,
          });
          const ms = performance.now() - t;
          if (r.status !== 0) throw new Error(`virtlab score failed: ${r.stderr.trim()}`);
          return { ms, out: JSON.parse(r.stdout) as { pods: { node: string | null }[]; scheduled: number } };
        };
        let last = cli(); // warm-up: the file cache, Node's compile cache
        const all: number[] = [];
        for (let i = 0; i < runs; i++) {
          last = cli();
          all.push(last.ms);
        }
        const ms = median(all);
        const ours = last.out.pods.map((p) => (p.node === null ? -1 : Number(p.node.slice('node-'.length))));
        const go = goBatch(file, dir);
        const goOk = 'assignment' in go;
        const scorings = PODS * NODES;
        return judge({
          name: this.name,
          value: +(ms / 1000).toFixed(2),
          unit: 's',
          target: { op: '<=', value: 3 },
          runs,
          details: {
            scheduled: last.out.scheduled,
            nodeScoresPerS: Math.round(scorings / (ms / 1000)),
            goPlugins: goOk
              ? `k8s.io/kubernetes v1.37.2 NodeResourcesFit, same queue: ${(go.wallMs / 1000).toFixed(1)} s wall, ${(go.cpuMs / 1000).toFixed(1)} s CPU, ${Math.round(scorings / (go.wallMs / 1000)).toLocaleString('en-US')} node scores/s (one run)`
              : `not measured (${go.why})`,
            sameNodeAsGo: goOk
              ? `${ours.filter((n, i) => n === go.assignment[i]).length.toLocaleString('en-US')} of ${PODS.toLocaleString('en-US')} pods`
              : undefined,
            goOverVirtlab: goOk ? +(go.wallMs / ms).toFixed(1) : undefined,
          },
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
