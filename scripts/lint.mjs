#!/usr/bin/env node
// `npm run lint`: every static gate, each reported with its time.
//   1. Biome: formatting and lint rules over src/, test/, scripts/, bin/
//      (biome.jsonc); a warning fails as an error does.
//   2. Import cycles under src/ (scripts/check-cycles.mjs).
//   3. rustfmt --check and clippy -D warnings on wasm-core, with rustup's
//      toolchain (the wasm build itself stays on Debian's rustc 1.63).
// Without rustup's cargo (with clippy and rustfmt) the Rust gates are
// skipped with a loud message, on CI too: a CI image without rustup has no
// other way to run them. Cargo.lock is never rewritten: the Rust gates run
// with --locked and the file is compared before and after.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const crate = join(root, 'wasm-core');
const lock = join(crate, 'Cargo.lock');
const results = [];

function gate(name, cmd, args, opts = {}) {
  const t0 = performance.now();
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  const ok = r.status === 0;
  if (r.error) console.error(`${name}: could not run ${cmd}: ${r.error.message}`);
  results.push({ name, ok, s });
  return ok;
}

/** rustup's cargo: $VIRTLAB_RUSTUP_CARGO, ~/.cargo/bin/cargo, or a `cargo` on PATH that has clippy and rustfmt. */
function rustupCargo() {
  const candidates = [process.env.VIRTLAB_RUSTUP_CARGO, join(homedir(), '.cargo/bin/cargo'), 'cargo'].filter(Boolean);
  for (const c of candidates) {
    if (c !== 'cargo' && !existsSync(c)) continue;
    const ok = (sub) => spawnSync(c, [sub, '--version'], { stdio: 'ignore', cwd: crate }).status === 0;
    if (ok('clippy') && ok('fmt')) return c;
  }
  return null;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
gate('biome', npx, ['biome', 'check', '--error-on-warnings']);
gate('import cycles and layers', process.execPath, ['scripts/check-cycles.mjs']);

const cargo = rustupCargo();
if (!cargo) {
  console.error(
    [
      '',
      '!!! RUST LINT SKIPPED: no rustup cargo with clippy and rustfmt found',
      '!!! (looked at $VIRTLAB_RUSTUP_CARGO, ~/.cargo/bin/cargo, cargo on PATH).',
      '!!! Install rustup (https://rustup.rs) with the clippy and rustfmt components to run them.',
      '',
    ].join('\n'),
  );
  results.push({ name: 'rustfmt + clippy', ok: true, s: '0.0', skipped: true });
} else {
  const before = readFileSync(lock);
  // Debian's rustc (RUSTC in the environment of scripts/cargo.mjs) must not leak in: clippy needs rustup's.
  const env = { ...process.env };
  delete env.RUSTC;
  gate('rustfmt', cargo, ['fmt', '--check'], { cwd: crate, env });
  gate('clippy', cargo, ['clippy', '--locked', '--all-targets', '--', '-D', 'warnings'], { cwd: crate, env });
  if (!readFileSync(lock).equals(before)) {
    writeFileSync(lock, before);
    console.error('wasm-core/Cargo.lock was rewritten by rustup cargo: restored (Debian cargo 1.65 must read it).');
    results.push({ name: 'Cargo.lock unchanged', ok: false, s: '0.0' });
  }
}

console.log('\n=== lint summary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.s} s)${r.skipped ? ' SKIPPED' : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
