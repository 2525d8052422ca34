//! Caller buffers in (allocated with `vl_alloc`) and `u32` result slots out.
//! Helpers of the exports; no export lives here.

use crate::error::Error;

/// Caller buffers are aligned for `f64`, so typed-array views fit any buffer.
const ALIGN: usize = 8;

pub(super) fn alloc(len: usize) -> *mut u8 {
    if len == 0 {
        return ALIGN as *mut u8; // dangling but aligned; never read
    }
    match std::alloc::Layout::from_size_align(len, ALIGN) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) => unsafe { std::alloc::alloc(layout) },
        Err(_) => std::ptr::null_mut(),
    }
}

/// # Safety
/// `ptr` and `len` must come from one earlier [`alloc`] call, freed once.
pub(super) unsafe fn free(ptr: *mut u8, len: usize) {
    if ptr.is_null() || len == 0 {
        return;
    }
    if let Ok(layout) = std::alloc::Layout::from_size_align(len, ALIGN) {
        std::alloc::dealloc(ptr, layout);
    }
}

/// Most `f64` values a scenario parameter buffer may hold.
#[cfg(feature = "engine")]
const MAX_PARAMS: usize = 10_000_000;

/// Copies `len` f64 values from a caller buffer (from `vl_alloc`; may be unaligned).
#[cfg(feature = "engine")]
pub(super) fn read_f64s(ptr: *const f64, len: usize) -> Result<Vec<f64>, Error> {
    if len > MAX_PARAMS {
        return Err(Error::bad_buffer(
            "params",
            format!("at most {} values may be passed, got {}", MAX_PARAMS, len),
        ));
    }
    if ptr.is_null() && len > 0 {
        return Err(Error::bad_buffer(
            "params",
            "the parameter buffer pointer is null".to_string(),
        ));
    }
    // SAFETY: the caller passes a live buffer of `len` f64s (the ABI contract).
    Ok((0..len)
        .map(|i| unsafe { std::ptr::read_unaligned(ptr.add(i)) })
        .collect())
}

/// A caller buffer as a slice, without copying; checks the length limit,
/// null and alignment.
#[cfg(feature = "placement")]
pub(super) fn in_slice<'a, T>(
    ptr: *const T,
    len: usize,
    field: &str,
    max: usize,
) -> Result<&'a [T], Error> {
    if len == 0 {
        return Ok(&[]);
    }
    if len > max {
        return Err(Error::limit_exceeded(
            field,
            format!("{} has {} values; the limit is {}", field, len, max),
        ));
    }
    if ptr.is_null() || (ptr as usize) % std::mem::align_of::<T>() != 0 {
        return Err(Error::bad_buffer(
            field,
            format!("{} buffer is null or misaligned", field),
        ));
    }
    // SAFETY: the caller passes a live, aligned buffer of `len` values (the ABI contract).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `in_slice` that also requires a whole number of `per`-value records.
#[cfg(feature = "placement")]
pub(super) fn in_records<'a, T>(
    ptr: *const T,
    len: usize,
    field: &str,
    per: usize,
    max_records: usize,
    what: &str,
) -> Result<&'a [T], Error> {
    let v = in_slice(ptr, len, field, per * max_records)?;
    if v.len() % per != 0 {
        return Err(Error::bad_buffer(
            field,
            format!("{} must hold {} values per {}", field, per, what),
        ));
    }
    Ok(v)
}

#[cfg(feature = "placement")]
thread_local! {
    /// Bulk `u32` results, read through `vl_out_u32_ptr/len(slot)`, valid
    /// until the next call that writes them.
    static OUT_U32: std::cell::RefCell<[Vec<u32>; 4]> =
        const { std::cell::RefCell::new([Vec::new(), Vec::new(), Vec::new(), Vec::new()]) };
}

#[cfg(feature = "placement")]
pub(super) fn set_out(slots: [Vec<u32>; 4]) {
    OUT_U32.with(|o| *o.borrow_mut() = slots);
}

#[cfg(feature = "placement")]
pub(super) fn clear_out() {
    set_out([Vec::new(), Vec::new(), Vec::new(), Vec::new()]);
}

#[cfg(feature = "placement")]
pub(super) fn out_ptr(slot: u32) -> *const u32 {
    OUT_U32.with(|o| {
        o.borrow()
            .get(slot as usize)
            .map_or(std::ptr::null(), |v| v.as_ptr())
    })
}

#[cfg(feature = "placement")]
pub(super) fn out_len(slot: u32) -> usize {
    OUT_U32.with(|o| o.borrow().get(slot as usize).map_or(0, |v| v.len()))
}
