#!/usr/bin/env node
// Runs cargo in wasm-core/ with the pinned toolchain: Debian's rustc 1.63 and
// cargo 1.65 when they are installed (CI), else whatever `cargo` is on PATH.
// Debian's cargo matters: rustup's newer cargo writes a version-4 Cargo.lock
// that cargo 1.65 cannot read.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const crateDir = fileURLToPath(new URL('../wasm-core/', import.meta.url));

export function toolchain() {
  const debian = existsSync('/usr/bin/cargo') && existsSync('/usr/bin/rustc');
  return {
    cargo: process.env.VIRTLAB_CARGO ?? (debian ? '/usr/bin/cargo' : 'cargo'),
    rustc: process.env.VIRTLAB_RUSTC ?? (debian ? '/usr/bin/rustc' : 'rustc'),
  };
}

export function cargo(args, extraEnv = {}) {
  const { cargo: bin, rustc } = toolchain();
  const r = spawnSync(bin, args, {
    cwd: crateDir,
    stdio: 'inherit',
    env: { ...process.env, RUSTC: rustc, ...extraEnv },
  });
  if (r.error) throw new Error(`could not run ${bin}: ${r.error.message}`);
  return r.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(cargo(process.argv.slice(2)));
}
