// Error codes mirrored from wasm-core/src/error.rs (`ErrorCode`). A unit test
// reads the Rust enum and fails if the two lists drift apart.

export const ERROR_CODES = {
  OutOfRange: 1,
  BadBuffer: 2,
  LimitExceeded: 3,
  BadHandle: 4,
  Inconsistent: 5,
} as const;

export type ErrorCodeName = keyof typeof ERROR_CODES;

const NAMES = new Map<number, ErrorCodeName>(
  Object.entries(ERROR_CODES).map(([name, code]) => [code, name as ErrorCodeName]),
);

/** An error reported by the core (or by input checks before calling it). */
export class SimError extends Error {
  readonly code: number;
  readonly codeName: ErrorCodeName | 'Unknown' | 'LoadFailed';
  /** The input field at fault, named as in the parameter tables (e.g. `hostMemMiB`). */
  readonly field: string;

  constructor(code: number, field: string, message: string) {
    super(message);
    this.name = 'SimError';
    this.code = code;
    this.field = field;
    this.codeName = code === 0 ? 'LoadFailed' : (NAMES.get(code) ?? 'Unknown');
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
