//! VirtLab's simulation core.
//!
//! The library is pure Rust: it knows nothing of JavaScript and never panics
//! on input. Every invalid input becomes an [`Error`] that names the field and
//! the allowed range. `abi/` is the only folder with `extern "C"` exports.

//!
//! Cargo features pick what one wasm module holds (see `Cargo.toml`):
//! `placement`, `scenarios` and `datacenter`; native builds have all three.

pub mod abi;
#[cfg(feature = "placement")]
pub mod density;
#[cfg(feature = "engine")]
pub mod engine;
pub mod error;
#[cfg(feature = "placement")]
pub mod kube;
#[cfg(feature = "placement")]
pub mod kube_batch;
pub mod num;
#[cfg(feature = "placement")]
pub mod placement;
#[cfg(feature = "placement")]
pub mod profiles;
pub mod rng;
#[cfg(feature = "engine")]
pub mod scenarios;
#[cfg(feature = "placement")]
pub mod workloads;

pub use error::{Error, ErrorCode};
