//! # dimona
//!
//! Declare workers to the Belgian social security (RSZ/ONSS) through the Dimona REST v2
//! web service: offline validation with the official glossary's anomaly codes, body
//! construction, a sans-IO polling state machine that keeps to the RSZ's maximum polling
//! frequency, and an embedded simulator of the service.
//!
//! Everything outside `wasm` is pure Rust: no clock, no network, no `JsValue`. Time goes in
//! as a value (milliseconds), requests and responses are plain values ([`http`]).

// Errors are rare and carry the server's problem body and the anomalies; boxing them would
// only add an allocation to every failure path.
#![allow(clippy::result_large_err)]

pub mod body;
pub mod env;
pub mod error;
pub mod http;
pub mod model;
pub mod search;
#[cfg(feature = "sim")]
pub mod sim;
#[cfg(any(feature = "sim", all(target_arch = "wasm32", feature = "bindings")))]
mod sim_faults;
pub mod submission;

#[cfg(all(target_arch = "wasm32", feature = "validator"))]
pub mod wasm;

// The rules live in a crate of their own (compiled for speed, see Cargo.toml), under the same
// names as the other modules.
use dimona_rules::text;
pub use dimona_rules::{date, ids, validate};

pub use body::build_declaration;
pub use error::{DimonaError, ErrorKind};
pub use ids::{is_valid_enterprise_number, is_valid_ssin};
pub use validate::{
    validate, validate_json, Anomaly, DeclarationKind, Lang, Severity, ValidateOptions, ValidationReport,
};

/// The crate version, as published on crates.io and npm.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

// Talc instead of the standard library's dlmalloc: the same single-threaded wasm heap, grown
// with `memory.grow`, in a few kilobytes less code.
#[cfg(all(target_arch = "wasm32", feature = "validator"))]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
