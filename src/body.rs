//! Building the body that is sent: validated, normalised, keys in a stable order.

use crate::error::DimonaError;
use crate::ids;
use crate::validate::fields::{self, BlockSpec, Format};
use crate::validate::{validate, DeclarationKind, ValidateOptions};
use serde_json::{Map, Value};

/// Validates and normalises a body; fails with `invalid` (carrying the blocking anomalies)
/// when a blocking anomaly remains.
///
/// Normalisation: identifiers to digits only (SSIN, enterprise number with its ten digits),
/// RSZ ids and employer numbers as JSON integers, strings trimmed, `null` and empty strings
/// and empty objects dropped, keys in the order of the model (`employer`, `worker`, then the
/// declaration block; inside a block, the field table's order).
pub fn build_declaration(body: &Value, options: &ValidateOptions) -> Result<Value, DimonaError> {
    let report = validate(body, options);
    if !report.valid {
        return Err(DimonaError::invalid(report.blocking().cloned().collect()));
    }
    let Some(root) = body.as_object() else {
        return Err(DimonaError::invalid(Vec::new()));
    };
    let mut out = Map::new();
    let mut put = |key: &str, spec: &BlockSpec| {
        if let Some(v) = root.get(key).and_then(|v| normalise_block(spec, v)) {
            out.insert(key.to_string(), v);
        }
    };
    put("employer", &fields::EMPLOYER);
    put("worker", &fields::WORKER);
    for kind in DeclarationKind::ALL {
        put(kind.block_key(), fields::declaration_block(kind));
    }
    keep_unknown(root, &fields::ROOT, &mut out);
    Ok(Value::Object(out))
}

/// The normalised object, or `None` when nothing is left in it.
fn normalise_block(spec: &BlockSpec, value: &Value) -> Option<Value> {
    let map = value.as_object()?;
    let mut out = Map::new();
    for field in spec.fields {
        let Some(v) = map.get(field.key) else { continue };
        if let Some(n) = normalise_value(field.format, v) {
            out.insert(field.key.to_string(), n);
        }
    }
    keep_unknown(map, spec, &mut out);
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Copies the keys we do not know, after ours and untouched: validation only warns about
/// them (the RSZ publishes no complete schema), so the body sent keeps them.
fn keep_unknown(map: &Map<String, Value>, spec: &BlockSpec, out: &mut Map<String, Value>) {
    for (key, value) in map {
        if !spec.fields.iter().any(|f| f.key == key) && !value.is_null() {
            out.insert(key.clone(), value.clone());
        }
    }
}

fn normalise_value(format: Format, value: &Value) -> Option<Value> {
    let value = crate::validate::present_value(value)?;
    let as_string = |s: String| Some(Value::String(s));
    match format {
        Format::Block(spec) => normalise_block(spec, value),
        Format::Ssin => as_string(ids::digits_only(value.as_str()?)?),
        Format::EnterpriseNumber => as_string(ids::normalise_enterprise_number(value.as_str()?)?),
        Format::RszId | Format::Noss | Format::ProvisionalNoss => match value {
            Value::String(s) => s.trim().parse::<u64>().ok().map(Value::from),
            v => Some(v.clone()),
        },
        _ => match value {
            Value::String(s) => as_string(s.trim().to_string()),
            v => Some(v.clone()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::CivilDate;

    #[test]
    fn seed_example_is_rebuilt_in_model_order() {
        let body: Value = serde_json::from_str(
            r#"{"dimonaIn":{"endDate":"2019-09-21","startDate":" 2019-09-20 ","features":{"jointCommissionNumber":"XXX","workerType":"OTH"}},
                "worker":{"ssin":"65.11.18-999.97","familyName":""},"employer":{"enterpriseNumber":"BE 411.702.543","employerId":null}}"#,
        )
        .unwrap();
        let options = ValidateOptions::new(CivilDate::new(2019, 9, 1).unwrap());
        let built = build_declaration(&body, &options).unwrap();
        assert_eq!(
            serde_json::to_string(&built).unwrap(),
            r#"{"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},"dimonaIn":{"startDate":"2019-09-20","endDate":"2019-09-21","features":{"workerType":"OTH","jointCommissionNumber":"XXX"}}}"#
        );
    }
}
