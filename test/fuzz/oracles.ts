// What every fuzzed call must do: return a well-formed result, or throw a
// SimError with a known code, a message and the input field at fault. Never
// another exception, never a wasm trap, and the core keeps answering.
import { expect } from 'vitest';
import { instantiate } from '../../wasm-core/pkg/virtlab_core_placement.js';
import { CORE_PARTS, Core } from '../../src/sim/core.ts';
import { ERROR_CODES, SimError } from '../../src/sim/errors.ts';
import { compileCore, type PartExports } from '../../src/sim/loader.ts';

const KNOWN = new Set(Object.keys(ERROR_CODES));

/** A second, untouched instance of every core part: the reference for "state not lost". */
export async function freshCore(): Promise<Core> {
  // Every part's module instantiates the same way (it imports nothing).
  const xs = await Promise.all(CORE_PARTS.map(async (p) => instantiate(await compileCore(p))));
  return new Core(Object.fromEntries(CORE_PARTS.map((p, i) => [p, xs[i]])) as unknown as Partial<PartExports>);
}

/** The first name of a field path: `hosts[3].cpuMillis` → `hosts`, `scenario.autoscaler.x` → `scenario`. */
export function fieldRoot(field: string): string {
  return field.split(/[.[]/)[0];
}

/**
 * Checks a thrown value: a SimError (not a TypeError, RangeError or
 * WebAssembly.RuntimeError), a known code, a non-empty message, and a field
 * that `fieldOk` accepts as one of the input's fields (only an input with an
 * empty key may get an empty field).
 */
export function expectCleanRejection(err: unknown, fieldOk: (field: string) => boolean, context = ''): SimError {
  if (err instanceof WebAssembly.RuntimeError) throw new Error(`wasm trap${context}: ${err.message}`, { cause: err });
  if (!(err instanceof SimError))
    throw new Error(`not a SimError${context}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, {
      cause: err,
    });
  expect(KNOWN.has(err.codeName), `known error code, got ${err.code} (${err.codeName})`).toBe(true);
  expect(typeof err.message === 'string' && err.message.trim().length > 0, 'non-empty message').toBe(true);
  expect(
    fieldOk(err.field),
    `field ${JSON.stringify(err.field)} names an input field${context} (message: ${err.message})`,
  ).toBe(true);
  return err;
}

/** Runs `fn`; returns its result, or undefined after checking the rejection. */
export function resultOrRejection<T>(
  fn: () => T,
  fieldOk: (field: string) => boolean,
  context = '',
): { ok: true; value: T } | { ok: false; error: SimError } {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, error: expectCleanRejection(err, fieldOk, context) };
  }
}

/** Every number finite. */
export function expectFinite(values: ArrayLike<number> | Iterable<number>, what: string): void {
  for (const v of Array.from(values as ArrayLike<number>)) {
    if (!Number.isFinite(v)) throw new Error(`${what}: ${v} is not finite`);
  }
}

/** A plain assertion for hot loops (a Vitest `expect` per element costs more than most calls under test). */
export function ensure(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}
