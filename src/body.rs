//! Building the body that is sent: validated, normalised, keys in a stable order.

use crate::error::DimonaError;
use crate::validate::{validate, ValidateOptions};

/// Validates and normalises a body; fails with `invalid` when a blocking anomaly remains.
pub fn build_declaration(
    body: &serde_json::Value,
    options: &ValidateOptions,
) -> Result<serde_json::Value, DimonaError> {
    let report = validate(body, options);
    if !report.valid {
        return Err(DimonaError::invalid(report.blocking().cloned().collect()));
    }
    Ok(body.clone())
}
