// Errors of the simulation layer. The core's codes (`ERROR_CODES`) are
// wasm-core/src/error.rs's `ErrorCode`, generated into error-codes.generated.ts
// from the core itself; a call into the core returns 0 for success and one of these
// codes for a failure. Errors that only this side raises (the core could not
// be loaded, an unexpected exception) have codes of their own from 100 up,
// which no core status can take. Make errors with the constructor of their
// kind: `SimError.outOfRange(field, message)`.

import { CORE_ERROR_CODES } from './error-codes.generated.ts';

export const ERROR_CODES = CORE_ERROR_CODES;

/** Codes raised on the TypeScript side only; never a status of the core. */
export const HOST_ERROR_CODES = {
  /** The core's wasm could not be fetched, compiled or instantiated, or is another build. */
  LoadFailed: 100,
  /** An exception that is not a SimError (a bug), passed on with its message. */
  Internal: 101,
} as const;

export type ErrorCodeName = keyof typeof ERROR_CODES | keyof typeof HOST_ERROR_CODES;

const NAMES = new Map<number, ErrorCodeName>(
  Object.entries({ ...ERROR_CODES, ...HOST_ERROR_CODES }).map(([name, code]) => [code, name as ErrorCodeName]),
);

/** An error reported by the core (or by input checks before calling it). */
export class SimError extends Error {
  readonly code: number;
  readonly codeName: ErrorCodeName | 'Unknown';
  /** The input field at fault, named as in the parameter tables (e.g. `hostMemMiB`). */
  readonly field: string;

  /** For a code received from the core or a worker; elsewhere use the constructor of the kind. */
  constructor(code: number, field: string, message: string) {
    super(message);
    this.name = 'SimError';
    this.code = code;
    this.field = field;
    this.codeName = NAMES.get(code) ?? 'Unknown';
  }

  /** A value outside its allowed range or set (or not a number at all). */
  static outOfRange(field: string, message: string): SimError {
    return new SimError(ERROR_CODES.OutOfRange, field, message);
  }
  /** A buffer or packed array with the wrong length. */
  static badBuffer(field: string, message: string): SimError {
    return new SimError(ERROR_CODES.BadBuffer, field, message);
  }
  /** An input over a hard limit of the simulator (or memory for it). */
  static limitExceeded(field: string, message: string): SimError {
    return new SimError(ERROR_CODES.LimitExceeded, field, message);
  }
  /** A handle that does not refer to a live run. */
  static badHandle(field: string, message: string): SimError {
    return new SimError(ERROR_CODES.BadHandle, field, message);
  }
  /** Values each valid that cannot be combined. */
  static inconsistent(field: string, message: string): SimError {
    return new SimError(ERROR_CODES.Inconsistent, field, message);
  }
  /** The core could not be loaded. */
  static loadFailed(field: string, message: string): SimError {
    return new SimError(HOST_ERROR_CODES.LoadFailed, field, message);
  }
  /** Anything thrown that is not a SimError, as one (its message kept). */
  static from(err: unknown): SimError {
    if (err instanceof SimError) return err;
    return new SimError(HOST_ERROR_CODES.Internal, '', err instanceof Error ? err.message : String(err));
  }

  /** The same error about another field (a widget's or the CLI's name for it). */
  withField(field: string, message: string = this.message): SimError {
    return new SimError(this.code, field, message);
  }
}

/**
 * A value as an error message shows it: JSON where that is safe, a word for
 * what JSON cannot show (BigInt and cyclic objects make JSON.stringify throw),
 * and at most 80 characters, so a 100,000-character input does not become a
 * 100,000-character message.
 */
export function describeValue(v: unknown): string {
  let text: string;
  if (typeof v === 'bigint') text = `${v}n (a BigInt)`;
  else if (typeof v === 'symbol' || typeof v === 'function') text = `a ${typeof v}`;
  else if (typeof v === 'number') text = Object.is(v, -0) ? '-0' : String(v);
  else if (v === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      text = Array.isArray(v) ? 'an array' : 'an object';
    }
  }
  return text.length > 80 ? `${text.slice(0, 60)}… (${text.length} characters)` : text;
}
