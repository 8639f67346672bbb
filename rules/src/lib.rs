//! # dimona-rules
//!
//! The rules the `dimona` crate validates declarations with, in a crate of their own so that
//! they can be compiled for speed while the rest of the package is compiled for size (the JS
//! `validate` runs them on every keystroke of a form): the official Dimona glossary's zones,
//! presence rules and anomaly codes ([`validate`]), identifiers and their check digits
//! ([`ids`]), civil dates without a clock ([`date`]). Use them through `dimona`, which
//! re-exports these modules under the same names.

pub mod date;
pub mod ids;
#[doc(hidden)]
pub mod text;
pub mod validate;
