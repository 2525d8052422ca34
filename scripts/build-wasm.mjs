#!/usr/bin/env node
// Builds wasm-core/ into wasm-core/pkg/: one wasm module per part (Cargo
// features, see PARTS), each shaped like wasm-pack's output (the .wasm, an ES
// module that loads it, .d.ts types), and one package.json for all.
//
//   node scripts/build-wasm.mjs           rebuild and write wasm-core/pkg/
//   node scripts/build-wasm.mjs --check   rebuild into a temp folder and fail
//                                         if any byte differs from the commit
//
// Reproducible: paths are remapped, nothing records a time, and the toolchain
// is pinned (Debian's rustc 1.63 + binaryen's wasm-opt); the versions used are
// written into pkg/package.json so a mismatch is visible.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { cargo, crateDir, toolchain } from './cargo.mjs';
import { describeExports } from './wasm-exports.mjs';

const PINNED_RUSTC = 'rustc 1.63.0';
const check = process.argv.includes('--check');
const pkgDir = join(crateDir, 'pkg');
const name = 'virtlab_core';

// The parts the site loads separately, so a page fetches only what its
// widgets use. `profile` is a Cargo profile; `opt` the wasm-opt level.
// A `variant` is another build of a part: only its .wasm is written, as
// `<name>_<part>_<variant>_bg.wasm`, and src/sim/loader.ts picks it.
const PARTS = [
  // Browsers get placement tuned for size (widgets place hundreds of
  // workloads, and the download is what a reader waits for)...
  { part: 'placement', features: 'placement', profile: 'release-size', opt: '-Oz' },
  // ...and Node gets it tuned for speed: issue #3's first-fit target (a
  // million workloads) is the CLI's and the benchmarks' workload, and
  // Kubernetes scheduling's fast path (`kube-fast`, same choices as the
  // browsers' plain scan) is issue #17's 10,000 pods on 5,000 nodes.
  // Only Node has `vl_kube_score` (`kube-score`: the CLI's `virtlab score`).
  // `speed`: code tuned for speed where it costs size (see Cargo.toml).
  // Node 22 has every post-MVP feature; three pay here (`WASM_FEATURES`).
  {
    part: 'placement',
    variant: 'node',
    features: 'placement,kube-fast,kube-score,speed',
    profile: 'release',
    opt: '-O3',
    wasmFeatures: ['nontrapping-fptoint', 'bulk-memory', 'simd128'],
  },
  { part: 'scenarios', features: 'scenarios', profile: 'release', opt: '-O3' },
  // The CloudSim-shaped datacenter run (engine + placement): CLI only.
  {
    part: 'datacenter',
    features: 'datacenter,speed',
    profile: 'release',
    opt: '-O3',
    wasmFeatures: ['nontrapping-fptoint', 'bulk-memory'],
  },
];

// Post-MVP wasm features a Node-only build may use: rustc's target feature
// and the matching wasm-opt flag. Saturating float-to-int conversions are
// one instruction instead of a range check and a branch (Rust's `as`), and
// memcpy / memset become memory.copy / memory.fill instead of byte loops:
// Kubernetes scheduling of 10,000 distinct pods took 55 ms instead of 71.
// 128-bit SIMD lets LLVM compare and combine a tree node's six u32 maxima a
// vector at a time: first-fit of a million workloads and the Kubernetes mix
// about 7-15 % faster in wasm (interleaved runs, paired medians), best-fit
// and first-fit-decreasing unchanged. Node has had it on since 16.4.
// Browsers' builds stay MVP (any browser that runs wasm runs them).
const WASM_FEATURES = {
  'nontrapping-fptoint': '--enable-nontrapping-float-to-int',
  'bulk-memory': '--enable-bulk-memory',
  simd128: '--enable-simd',
};

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

const { rustc } = toolchain();
const rustcVersion = run(rustc, ['--version']).split(' (')[0];
const wasmOpt = process.env.VIRTLAB_WASM_OPT ?? 'wasm-opt';
const wasmOptVersion = run(wasmOpt, ['--version']);
if (rustcVersion !== PINNED_RUSTC) {
  const msg = `build-wasm: expected ${PINNED_RUSTC} (Debian's rustc), found ${rustcVersion}; the bytes will not match the committed package`;
  if (check) throw new Error(msg);
  console.warn(msg);
}

const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const rustflags = [
  `--remap-path-prefix=${crateDir.replace(/\/$/, '')}=/virtlab-core`,
  `--remap-path-prefix=${cargoHome}=/cargo`,
];
const outDir = check ? mkdtempSync(join(tmpdir(), 'virtlab-pkg-')) : pkgDir;
mkdirSync(outDir, { recursive: true });
const template = (file) => readFileSync(new URL(`./wasm-pkg/${file}`, import.meta.url), 'utf8');
const files = [];
const built = [];
/** Exports of each build, by part and variant ('' for the browsers' build). */
const exportsOf = new Map();
for (const { part, variant, features, profile, opt, wasmFeatures = [] } of PARTS) {
  // Parts build one after another into the same target folder: take each
  // .wasm out before the next build overwrites it.
  const status = cargo(
    [
      'build',
      '--profile',
      profile,
      '--lib',
      '--target',
      'wasm32-unknown-unknown',
      '--locked',
      '--no-default-features',
      '--features',
      features,
    ],
    // Cargo reads CARGO_ENCODED_RUSTFLAGS (0x1f-separated) before RUSTFLAGS,
    // and a caller's (cargo test, say) would otherwise leak in.
    {
      CARGO_ENCODED_RUSTFLAGS: [
        ...rustflags,
        ...(wasmFeatures.length ? ['-C', `target-feature=${wasmFeatures.map((f) => `+${f}`).join(',')}`] : []),
      ].join('\x1f'),
      RUSTFLAGS: '',
    },
  );
  if (status !== 0) process.exit(status);
  const raw = join(crateDir, 'target/wasm32-unknown-unknown', profile, `${name}.wasm`);
  const base = `${name}_${part}`;
  const wasmPath = join(outDir, `${variant ? `${base}_${variant}` : base}_bg.wasm`);
  const enable = wasmFeatures.map((f) => WASM_FEATURES[f]);
  run(wasmOpt, [opt, ...enable, '--strip-debug', '--strip-producers', raw, '-o', wasmPath]);
  const list = describeExports(readFileSync(wasmPath));
  exportsOf.set(`${part}/${variant ?? ''}`, list);
  files.push(variant ? `${base}_${variant}_bg.wasm` : `${base}_bg.wasm`);
  built.push(
    `${part}${variant ? ` (${variant})` : ''} ${readFileSync(wasmPath).length} bytes (${list.length} exports)`,
  );
}
for (const { part } of PARTS.filter((p) => !p.variant)) {
  const base = `${name}_${part}`;
  const own = exportsOf.get(`${part}/`);
  const names = new Set(own.map((e) => e.name));
  // A variant may export more (the Node build's `vl_kube_score`): typed as
  // optional, so code that calls one checks first.
  const extra = [...exportsOf.entries()]
    .filter(([k]) => k.startsWith(`${part}/`) && k !== `${part}/`)
    .flatMap(([, l]) => l)
    .filter((e) => !names.has(e.name) && names.add(e.name));
  writeFileSync(
    join(outDir, `${base}.js`),
    template('virtlab_core.js').replaceAll('__WASM__', `${base}_bg.wasm`).replaceAll('__PART__', part),
  );
  writeFileSync(
    join(outDir, `${base}.d.ts`),
    template('virtlab_core.d.ts')
      .replaceAll('__PART__', part)
      .replace(
        '/* EXPORTS */',
        [
          ...own.map((e) => `  ${e.name}: ${e.type};`),
          ...(extra.length ? ['  // Only in the Node build of this part (see scripts/build-wasm.mjs):'] : []),
          ...extra.map((e) => `  ${e.name}?: ${e.type};`),
        ].join('\n'),
      ),
  );
  files.push(`${base}.js`, `${base}.d.ts`);
}

if (!check) {
  // A part renamed or dropped leaves no stale file behind.
  for (const f of readdirSync(pkgDir)) if (f !== 'package.json' && !files.includes(f)) rmSync(join(pkgDir, f));
}

const cargoToml = readFileSync(join(crateDir, 'Cargo.toml'), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargoToml)[1];
writeFileSync(
  join(outDir, 'package.json'),
  `${JSON.stringify(
    {
      name: 'virtlab-core',
      version,
      description: "VirtLab's simulation core, compiled to WebAssembly (generated by scripts/build-wasm.mjs)",
      type: 'module',
      license: 'MIT',
      files,
      exports: Object.fromEntries(
        PARTS.filter((p) => !p.variant).map(({ part }) => [
          `./${part}`,
          { types: `./${name}_${part}.d.ts`, default: `./${name}_${part}.js` },
        ]),
      ),
      sideEffects: false,
      virtlab: { rustc: rustcVersion, wasmOpt: wasmOptVersion },
    },
    null,
    2,
  )}\n`,
);

if (check) {
  const differ = [];
  const files = new Set([...readdirSync(outDir), ...(existsSync(pkgDir) ? readdirSync(pkgDir) : [])]);
  for (const f of [...files].sort()) {
    const a = existsSync(join(pkgDir, f)) ? readFileSync(join(pkgDir, f)) : null;
    const b = existsSync(join(outDir, f)) ? readFileSync(join(outDir, f)) : null;
    if (!a || !b || !a.equals(b))
      differ.push(`${f} (committed ${a ? a.length : 'missing'} bytes, rebuilt ${b ? b.length : 'missing'} bytes)`);
  }
  rmSync(outDir, { recursive: true, force: true });
  if (differ.length) {
    console.error(
      `check:wasm: the committed wasm-core/pkg/ differs from a fresh build:\n  ${differ.join('\n  ')}\nRun \`npm run build:wasm\` and commit wasm-core/pkg/.`,
    );
    process.exit(1);
  }
  console.log(`check:wasm: wasm-core/pkg/ is byte-identical to a fresh build (${rustcVersion}, ${wasmOptVersion})`);
} else {
  console.log(`build:wasm: wrote ${pkgDir}: ${built.join(', ')}`);
}
