//! Typed errors. Codes are numbered and stable: the TypeScript side mirrors
//! them in `src/sim/errors.ts`, and a test checks the two lists agree.

use std::fmt;

pub use crate::num::{push_int, push_num, Num};

/// Numbered error codes crossing the ABI. Never renumber a variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ErrorCode {
    /// A value was outside its allowed range (or not a finite number).
    OutOfRange = 1,
    /// A buffer passed across the ABI had the wrong length or a null pointer.
    BadBuffer = 2,
    /// An input exceeded a hard limit of the simulator (for example too many workloads).
    LimitExceeded = 3,
    /// A handle did not refer to a live object.
    BadHandle = 4,
    /// Values were each valid but cannot be combined.
    Inconsistent = 5,
}

impl ErrorCode {
    /// Every code, in numeric order, for the cross-language consistency test.
    pub const ALL: [ErrorCode; 5] = [
        ErrorCode::OutOfRange,
        ErrorCode::BadBuffer,
        ErrorCode::LimitExceeded,
        ErrorCode::BadHandle,
        ErrorCode::Inconsistent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::OutOfRange => "OutOfRange",
            ErrorCode::BadBuffer => "BadBuffer",
            ErrorCode::LimitExceeded => "LimitExceeded",
            ErrorCode::BadHandle => "BadHandle",
            ErrorCode::Inconsistent => "Inconsistent",
        }
    }
}

/// An error with its code, the offending field and a readable message.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub code: ErrorCode,
    pub field: String,
    pub message: String,
}

impl Error {
    pub fn new(code: ErrorCode, field: &str, message: String) -> Error {
        Error {
            code,
            field: field.to_string(),
            message,
        }
    }

    /// A buffer passed across the ABI had the wrong length or a null pointer.
    pub fn bad_buffer(field: &str, message: String) -> Error {
        Error::new(ErrorCode::BadBuffer, field, message)
    }

    /// An input exceeded a hard limit of the simulator.
    pub fn limit_exceeded(field: &str, message: String) -> Error {
        Error::new(ErrorCode::LimitExceeded, field, message)
    }

    /// A handle did not refer to a live object.
    pub fn bad_handle(field: &str, message: String) -> Error {
        Error::new(ErrorCode::BadHandle, field, message)
    }

    /// Values each valid that cannot be combined.
    pub fn inconsistent(field: &str, message: String) -> Error {
        Error::new(ErrorCode::Inconsistent, field, message)
    }

    /// `field` must be a finite number in `[min, max]`.
    pub fn out_of_range(field: &str, value: f64, min: f64, max: f64) -> Error {
        Error::new(
            ErrorCode::OutOfRange,
            field,
            format!(
                "{} must be a number from {} to {}, got {}",
                field,
                Num(min),
                Num(max),
                Num(value)
            ),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Checks that `value` is finite and within `[min, max]`.
pub fn check_range(field: &str, value: f64, min: f64, max: f64) -> Result<f64, Error> {
    if value.is_finite() && value >= min && value <= max {
        Ok(value)
    } else {
        Err(Error::out_of_range(field, value, min, max))
    }
}
