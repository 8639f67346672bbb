//! The typed Dimona REST v2 model.
//!
//! * [`request`]: the bodies POSTed to `/declarations` (all seven declaration kinds) and the
//!   search criteria. **Strict**: unknown fields, including the v1 names that other clients
//!   still send (`dimonaNumber`, `jointCommitteeNumber`, `startingDate`…), are rejected.
//! * [`response`]: what the service answers (declarations with their `declarationStatus`,
//!   periods, relations, daily registrations, pages, the two kinds of 404 body, problem
//!   bodies). **Lenient**: unknown fields are kept in `extra`, unknown enum values are kept
//!   as text, ids may be numbers or strings.
//! * [`parse`]: decoding with the path of the first shape error
//!   (`items[3].declarationStatus.result`).

#[macro_use]
mod lenient;
pub mod common;
pub mod parse;
pub mod request;
pub mod response;

pub use common::{Id, NumOrStr, ResultCode};
pub use parse::{from_value, parse_json, DecodeError};
pub use request::*;
pub use response::*;
