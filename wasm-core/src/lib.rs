//! VirtLab's simulation core.
//!
//! The library is pure Rust: it knows nothing of JavaScript and never panics
//! on input. Every invalid input becomes an [`Error`] that names the field and
//! the allowed range. `abi.rs` is the only file with `extern "C"` exports.

pub mod abi;
pub mod density;
pub mod engine;
pub mod error;
pub mod kube;
pub mod placement;
pub mod profiles;
pub mod rng;
pub mod workloads;
pub mod scenarios;

pub use error::{Error, ErrorCode};
