// The one marshalling module for the core's C ABI (wasm-core/src/abi/):
// status codes, the result and text buffers, caller buffers in and `u32`
// slots out. Every typed module of src/sim goes through these helpers; none
// reads wasm memory itself.
//
// Conventions (wasm-core/src/abi/mod.rs): an export that can fail returns
// `OK` (0) or an error code (1 and up, `ERROR_CODES`); after a failure the
// core's message and field describe it until the next call. Results stay
// valid until the next call into the same part, so the helpers here copy.
import type { CoreExports as PlacementExports } from '../../wasm-core/pkg/virtlab_core_placement.js';
import type { CoreExports as ScenariosExports } from '../../wasm-core/pkg/virtlab_core_scenarios.js';
import { numberArg } from './checks.ts';
import { SimError } from './errors.ts';

/** The status of a call that succeeded (`abi::OK`). */
export const OK = 0;

/** Exports every part has: memory, buffers, results, text and errors. */
export type CommonExports = Pick<PlacementExports, keyof PlacementExports & keyof ScenariosExports>;

/** Exports of a part with `u32` result slots (placement and Kubernetes scoring). */
export type SlotExports = CommonExports & Pick<PlacementExports, 'vl_out_u32_ptr' | 'vl_out_u32_len'>;

const decoder = new TextDecoder();

function string(x: CommonExports, ptr: number, len: number): string {
  return decoder.decode(new Uint8Array(x.memory.buffer, ptr, len));
}

/** Throws the core's error (its code, field and message) for a status other than OK. */
export function check(x: CommonExports, status: number): void {
  if (status === OK) return;
  throw new SimError(
    status,
    string(x, x.vl_error_field_ptr(), x.vl_error_field_len()),
    string(x, x.vl_error_message_ptr(), x.vl_error_message_len()),
  );
}

/** A copy of the `f64` result buffer. */
export function resultF64(x: CommonExports): Float64Array {
  return new Float64Array(x.memory.buffer, x.vl_result_ptr(), x.vl_result_len()).slice();
}

/** The text result buffer (scenario specs, presets JSON) as a string. */
export function resultText(x: CommonExports): string {
  return string(x, x.vl_text_ptr(), x.vl_text_len());
}

/** A copy of `u32` result slot `slot`. */
export function outU32(x: SlotExports, slot: number): Uint32Array {
  const len = x.vl_out_u32_len(slot);
  return len ? new Uint32Array(x.memory.buffer, x.vl_out_u32_ptr(slot), len).slice() : new Uint32Array(0);
}

/** A buffer passed in: its pointer and length in elements. */
export type Passed = [ptr: number, len: number];

/**
 * Copies each array into a core buffer (from `vl_alloc`, 8-aligned), calls
 * `fn` with their (pointer, length) pairs in order, frees them all.
 */
export function withBuffers<T>(
  x: CommonExports,
  arrays: readonly (Uint32Array | Float64Array)[],
  fn: (...passed: Passed[]) => T,
): T {
  const taken: { ptr: number; bytes: number }[] = [];
  try {
    const passed = arrays.map((data): Passed => {
      const bytes = data.byteLength;
      if (!bytes) return [0, 0];
      const ptr = x.vl_alloc(bytes);
      if (!ptr) throw SimError.limitExceeded('input', 'the simulation core is out of memory for the input');
      taken.push({ ptr, bytes });
      // The core checks alignment again and names the buffer if it is off.
      const view =
        data instanceof Uint32Array
          ? new Uint32Array(x.memory.buffer, ptr, data.length)
          : new Float64Array(x.memory.buffer, ptr, data.length);
      view.set(data);
      return [ptr, data.length];
    });
    return fn(...passed);
  } finally {
    for (const { ptr, bytes } of taken) x.vl_free(ptr, bytes);
  }
}

/** `values` as a Float64Array, each checked to be a number (`field[i]` names a bad one). */
export function f64Array(field: string, values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = numberArg(`${field}[${i}]`, values[i]);
  return out;
}
