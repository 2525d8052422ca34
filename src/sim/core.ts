// Typed functions over the core's C ABI. This folder is the only code that
// touches wasm; widgets call these functions (or the worker client).
import type { CoreExports } from '../../wasm-core/pkg/virtlab_core.js';
import { SimError } from './errors.ts';
import { loadCoreExports, type CoreSource } from './loader.ts';

export interface HostFitInput {
  hostMemMiB: number;
  hostReserveMiB: number;
  appMemMiB: number;
  /** Memory each instance needs besides the app: a guest OS, a VMM, a runtime shim. */
  overheadMiB: number;
}

export interface HostFit {
  apps: number;
  appMemMiB: number;
  overheadMemMiB: number;
  freeMemMiB: number;
}

export class Core {
  readonly #x: CoreExports;
  readonly #decoder = new TextDecoder();

  constructor(exports: CoreExports) {
    this.#x = exports;
  }

  #string(ptr: number, len: number): string {
    return this.#decoder.decode(new Uint8Array(this.#x.memory.buffer, ptr, len));
  }

  /** Turns a status code into a SimError carrying the core's message and field. */
  #check(status: number): void {
    if (status === 0) return;
    const x = this.#x;
    throw new SimError(
      status,
      this.#string(x.vl_error_field_ptr(), x.vl_error_field_len()),
      this.#string(x.vl_error_message_ptr(), x.vl_error_message_len()),
    );
  }

  /** A view of the core's result buffer; valid until the next core call. */
  #result(): Float64Array {
    return new Float64Array(this.#x.memory.buffer, this.#x.vl_result_ptr(), this.#x.vl_result_len());
  }

  /** How many identical apps fit in one host's memory. */
  hostFit(input: HostFitInput): HostFit {
    this.#check(this.#x.vl_host_fit(input.hostMemMiB, input.hostReserveMiB, input.appMemMiB, input.overheadMiB));
    const [apps, appMemMiB, overheadMemMiB, freeMemMiB] = this.#result();
    return { apps, appMemMiB, overheadMemMiB, freeMemMiB };
  }
}

let corePromise: Promise<Core> | undefined;

/** The typed core for this realm, loaded once. */
export function loadCore(source?: CoreSource): Promise<Core> {
  corePromise ??= loadCoreExports(source).then(
    (x) => new Core(x),
    (err: unknown) => {
      corePromise = undefined;
      throw err;
    },
  );
  return corePromise;
}
