//! The C ABI: the only `extern "C"` surface of the core. No logic lives here:
//! each export unpacks its arguments, calls the safe library and reports
//! either a result buffer or a numbered error.
//!
//! Conventions (mirrored in `src/sim/core.ts`):
//! - an export that can fail returns `0` on success or an [`ErrorCode`];
//!   after a failure `vl_error_*` describe it until the next call;
//! - numeric results go to a core-owned `f64` buffer read through
//!   `vl_result_ptr`/`vl_result_len`, valid until the next call;
//! - byte buffers passed in are allocated by the caller with `vl_alloc` and
//!   released with `vl_free`.

use std::cell::RefCell;

use crate::density::{host_fit, HostFitInput};
use crate::error::Error;

/// Bumped whenever an export changes shape; the loader refuses a mismatch.
pub const ABI_VERSION: u32 = 1;

struct State {
    result: Vec<f64>,
    error_message: String,
    error_field: String,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State {
        result: Vec::new(),
        error_message: String::new(),
        error_field: String::new(),
    });
}

fn finish(outcome: Result<Vec<f64>, Error>) -> u32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match outcome {
            Ok(values) => {
                s.result = values;
                s.error_message.clear();
                s.error_field.clear();
                0
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

#[no_mangle]
pub extern "C" fn vl_abi_version() -> u32 {
    ABI_VERSION
}

/// Allocates `len` bytes for the caller; returns null when memory is exhausted.
#[no_mangle]
pub extern "C" fn vl_alloc(len: usize) -> *mut u8 {
    let mut v: Vec<u8> = Vec::new();
    if v.try_reserve_exact(len).is_err() {
        return std::ptr::null_mut();
    }
    let ptr = v.as_mut_ptr();
    std::mem::forget(v);
    ptr
}

/// Releases a buffer from [`vl_alloc`].
///
/// # Safety
/// `ptr` and `len` must come from one earlier `vl_alloc` call, freed once.
#[no_mangle]
pub unsafe extern "C" fn vl_free(ptr: *mut u8, len: usize) {
    if !ptr.is_null() {
        drop(Vec::from_raw_parts(ptr, 0, len));
    }
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

/// Result: `[apps, appMemMiB, overheadMemMiB, freeMemMiB]`.
#[no_mangle]
pub extern "C" fn vl_host_fit(host_mem_mib: f64, host_reserve_mib: f64, app_mem_mib: f64, overhead_mib: f64) -> u32 {
    let input = HostFitInput { host_mem_mib, host_reserve_mib, app_mem_mib, overhead_mib };
    finish(host_fit(&input).map(|r| vec![r.apps as f64, r.app_mem_mib, r.overhead_mem_mib, r.free_mem_mib]))
}
