// Input checks shared by the typed modules of src/sim: each names the field
// as the caller wrote it (`hosts[3].cpuMillis`), before the core checks again.
import { describeValue, SimError } from './errors.ts';

export const U32_MAX = 4294967295;

/** The wasm boundary coerces any value to a number, and throws a TypeError for
 * some (BigInt, objects without a prototype): non-numbers get a SimError instead. */
export function numberArg(field: string, v: unknown): number {
  if (typeof v !== 'number') throw SimError.outOfRange(field, `${field} must be a number, got ${describeValue(v)}`);
  return v;
}

/** u32 arguments (kinds, variants, handles, steps) would wrap silently (2^32 + 1 → 1, 1.5 → 1). */
export function u32Arg(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > U32_MAX) {
    throw SimError.outOfRange(field, `${field} must be a whole number from 0 to ${U32_MAX}, got ${describeValue(v)}`);
  }
  return v;
}

/** A finite number in `[min, max]`. */
export function numInRange(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw SimError.outOfRange(field, `${field} must be a number from ${min} to ${max}, got ${describeValue(v)}`);
  }
  return v;
}
