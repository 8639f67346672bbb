//! The validation of `dimona` alone, as a wasm module of its own (`validator/` in the npm
//! package, imported as `dimona/validator`): `validate`, `isValidSsin`,
//! `isValidEnterpriseNumber` and `version`, from the same rules and glue as the main module,
//! without the client, the body builder and the RSZ's response readers. A page that only
//! checks forms loads about a quarter of the main module's wasm.
//!
//! The exports are `dimona::wasm`'s, compiled with the `validator` feature alone; this crate
//! only links them into a module of their own.

#![cfg(target_arch = "wasm32")]

pub use dimona::wasm::{is_valid_enterprise_number, is_valid_ssin, validate};
