//! The C ABI: the only `extern "C"` surface of the core. No logic lives here:
//! each export unpacks its arguments, calls the safe library and reports
//! either a result buffer or a numbered error.
//!
//! Conventions (mirrored in `src/sim/wasm-abi.ts`):
//! - an export that can fail returns [`OK`] (`0`) on success or an
//!   [`ErrorCode`](crate::ErrorCode) (never 0); after a failure `vl_error_*`
//!   describe it until the next call;
//! - numeric results go to a core-owned `f64` buffer read through
//!   `vl_result_ptr`/`vl_result_len`, valid until the next call; text results
//!   (specs, presets JSON) to one text buffer read through `vl_text_ptr`/`vl_text_len`;
//! - byte buffers passed in are allocated by the caller with `vl_alloc` and
//!   released with `vl_free` (see `buffers.rs`).
//!
//! Each wasm module exports the common functions below plus its features'
//! files: `placement.rs` and `kube.rs` (feature `placement`), `engine.rs`
//! (feature `engine`: scenarios and the datacenter run). The generated
//! `.d.ts` of each module lists exactly what it holds.

use std::cell::RefCell;

use crate::error::Error;

mod buffers;
#[cfg(feature = "engine")]
pub mod engine;
#[cfg(feature = "placement")]
pub mod kube;
#[cfg(feature = "placement")]
pub mod placement;

/// Bumped whenever an export changes shape; the loader refuses a mismatch.
pub const ABI_VERSION: u32 = 3;

/// The status of a call that succeeded. Error codes start at 1.
pub const OK: u32 = 0;

struct State {
    result: Vec<f64>,
    text: String,
    error_message: String,
    error_field: String,
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State {
        result: Vec::new(),
        text: String::new(),
        error_message: String::new(),
        error_field: String::new(),
    }) };
}

/// Stores a call's outcome: the result buffer, or the error for `vl_error_*`.
fn finish(outcome: Result<Vec<f64>, Error>) -> u32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match outcome {
            Ok(values) => {
                s.result = values;
                s.error_message.clear();
                s.error_field.clear();
                OK
            }
            Err(e) => {
                s.result.clear();
                s.error_message = e.message;
                s.error_field = e.field;
                e.code as u32
            }
        }
    })
}

/// Stores a text result, valid until the next text-producing call.
fn set_text(text: String) {
    STATE.with(|s| s.borrow_mut().text = text);
}

#[no_mangle]
pub extern "C" fn vl_abi_version() -> u32 {
    ABI_VERSION
}

/// Which parts this module holds, as bits: 1 placement, 2 scenarios (traffic
/// spike, migration, patch day), 4 datacenter. The loader checks it.
#[no_mangle]
pub extern "C" fn vl_parts() -> u32 {
    (cfg!(feature = "placement") as u32)
        | (cfg!(feature = "scenarios") as u32) << 1
        | (cfg!(feature = "datacenter") as u32) << 2
}

/// The error codes, one `code\tName` line each in the text buffer (so the
/// TypeScript side generates its table from the enum instead of copying it).
#[no_mangle]
pub extern "C" fn vl_error_codes() -> u32 {
    let mut text = String::new();
    for c in crate::error::ErrorCode::ALL {
        text.push_str(&format!("{}\t{}\n", c as u32, c.name()));
    }
    set_text(text);
    OK
}

/// Allocates `len` bytes (8-aligned) for the caller; returns null when memory is exhausted.
#[no_mangle]
pub extern "C" fn vl_alloc(len: usize) -> *mut u8 {
    buffers::alloc(len)
}

/// Releases a buffer from [`vl_alloc`].
///
/// # Safety
/// `ptr` and `len` must come from one earlier `vl_alloc` call, freed once.
#[no_mangle]
pub unsafe extern "C" fn vl_free(ptr: *mut u8, len: usize) {
    buffers::free(ptr, len)
}

#[no_mangle]
pub extern "C" fn vl_result_ptr() -> *const f64 {
    STATE.with(|s| s.borrow().result.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_result_len() -> usize {
    STATE.with(|s| s.borrow().result.len())
}

#[no_mangle]
pub extern "C" fn vl_text_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().text.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_text_len() -> usize {
    STATE.with(|s| s.borrow().text.len())
}

#[no_mangle]
pub extern "C" fn vl_error_message_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().error_message.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_error_message_len() -> usize {
    STATE.with(|s| s.borrow().error_message.len())
}

#[no_mangle]
pub extern "C" fn vl_error_field_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().error_field.as_ptr())
}

#[no_mangle]
pub extern "C" fn vl_error_field_len() -> usize {
    STATE.with(|s| s.borrow().error_field.len())
}
