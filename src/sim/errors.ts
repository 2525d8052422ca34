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
