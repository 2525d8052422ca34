// The TypeScript error codes must match the Rust enum they mirror.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/sim/errors.ts';

it('ERROR_CODES equals the ErrorCode enum in wasm-core/src/error.rs', () => {
  const rust = readFileSync(new URL('../../wasm-core/src/error.rs', import.meta.url), 'utf8');
  const body = /pub enum ErrorCode \{([\s\S]*?)\n\}/.exec(rust)?.[1] ?? '';
  const variants = Object.fromEntries(
    [...body.matchAll(/^\s*(\w+)\s*=\s*(\d+),/gm)].map((m) => [m[1], Number(m[2])]),
  );
  expect(Object.keys(variants).length).toBeGreaterThan(0);
  expect(ERROR_CODES).toEqual(variants);
});
