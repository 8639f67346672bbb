//! Decoding responses, with the JSON path of the first shape error.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use serde_json::Value;
use std::fmt;

/// A response the client could not read: where, and what was wrong. Never contains the
/// offending value (it could be an SSIN or a name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// JSON path of the problem, e.g. `items[3].declarationStatus.result`; `.` for the root.
    pub path: String,
    /// What was expected, without the value found.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the response at {}: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Bodies above this size are refused before parsing (no Dimona response comes close).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Parses `text` as `T`, reporting the path of the first shape error.
///
/// The text is parsed into a [`Value`] first, then `T` is read from it by [`from_value`]: one
/// JSON parser for every type, and a deserializer that keeps the path itself, so that each
/// response type is instantiated once (this is most of the wasm module's code).
pub fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    from_value(&parse_value(text)?)
}

/// The text as a JSON value. Not generic, so every response type shares one copy of it.
#[inline(never)]
fn parse_value(text: &str) -> Result<Value, DecodeError> {
    if text.len() > MAX_RESPONSE_BYTES {
        return Err(DecodeError {
            path: ".".into(),
            message: format!("body larger than {MAX_RESPONSE_BYTES} bytes"),
        });
    }
    serde_json::from_str::<Value>(text).map_err(|e| DecodeError {
        // Not JSON at all (truncated, HTML): the error is in the text, at no path.
        path: ".".into(),
        message: redact(&e.to_string()),
    })
}

/// Reads `T` from a JSON value, reporting the path of the first shape error.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    T::deserialize(ValueDe(value)).map_err(decode_error)
}

/// A shape error as reported. Not generic, like [`parse_value`].
#[inline(never)]
fn decode_error(e: ShapeError) -> DecodeError {
    DecodeError {
        // Map keys are data too (a key may be an identifier): the path is redacted like the message.
        path: redact(&e.path()),
        message: redact(&e.message),
    }
}

/// A shape error on its way up: each map or sequence it leaves adds its key or index.
#[derive(Debug)]
struct ShapeError {
    message: String,
    /// Innermost first.
    segments: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl ShapeError {
    fn at(mut self, segment: Segment) -> Self {
        self.segments.push(segment);
        self
    }

    /// `items[3].declarationStatus.result`; `.` for the root.
    fn path(&self) -> String {
        if self.segments.is_empty() {
            return ".".into();
        }
        let mut out = String::new();
        for segment in self.segments.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShapeError {}

impl de::Error for ShapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ShapeError {
            message: msg.to_string(),
            segments: Vec::new(),
        }
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        Self::custom(format_args!("invalid type: {}, expected {expected}", kind(&unexpected)))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {expected}",
            kind(&unexpected)
        ))
    }
}

/// The kind of value found, never the value itself: it could be an SSIN or a name.
fn kind<'a>(unexpected: &Unexpected<'a>) -> &'a str {
    match *unexpected {
        Unexpected::Bool(_) => "boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "integer",
        Unexpected::Float(_) => "floating point",
        Unexpected::Char(_) => "character",
        Unexpected::Str(_) => "string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Option => "optional value",
        Unexpected::NewtypeStruct => "newtype struct",
        Unexpected::Seq => "sequence",
        Unexpected::Map => "map",
        Unexpected::Enum => "enum",
        Unexpected::UnitVariant => "unit variant",
        Unexpected::NewtypeVariant => "newtype variant",
        Unexpected::TupleVariant => "tuple variant",
        Unexpected::StructVariant => "struct variant",
        Unexpected::Other(other) => other,
    }
}

/// Deserializes from a borrowed [`Value`], like `serde_json`'s own, with the path in its errors.
struct ValueDe<'a>(&'a Value);

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
            }),
            Value::Object(map) => visitor.visit_map(MapDe {
                entries: map.iter(),
                pending: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(variant.as_str().into_deserializer()),
            Value::Object(map) if map.len() == 1 => match map.iter().next() {
                Some((variant, content)) => visitor.visit_enum(EnumDe { variant, content }),
                None => Err(de::Error::invalid_type(Unexpected::Map, &"a map with a single key")),
            },
            _ => Err(de::Error::invalid_type(
                unexpected(self.0),
                &"a string or a map with a single key",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        visitor.visit_unit()
    }

    // A map or a sequence asked for: a boolean, number or string is refused here, with the error
    // `deserialize_any` gets from the visitors of maps and sequences (which take no scalar), in
    // one shared function rather than in every visitor's copy of `deserialize_any`.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        self.deserialize_composite(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        self.deserialize_composite(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct tuple tuple_struct struct identifier
    }
}

impl<'de> ValueDe<'de> {
    /// `deserialize_any` for a visitor of maps or sequences: the same calls for null, arrays and
    /// objects; for a scalar, the error the visitor's default `visit_bool`, `visit_u64`,
    /// `visit_i64`, `visit_f64` or `visit_str` would give.
    fn deserialize_composite<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Array(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
            }),
            Value::Object(map) => visitor.visit_map(MapDe {
                entries: map.iter(),
                pending: None,
            }),
            scalar => Err(not_composite(scalar, &visitor)),
        }
    }
}

/// The error of a scalar where a map or a sequence was expected, as the visitor's default scalar
/// method makes it after `deserialize_any` (numbers: `visit_u64`, then `visit_i64`, then
/// `visit_f64`). Not generic: one copy for every visitor.
#[inline(never)]
fn not_composite(scalar: &Value, expected: &dyn Expected) -> ShapeError {
    let unexpected = match scalar {
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        // Not reached: null, arrays and objects go to the visitor.
        _ => Unexpected::Other("value"),
    };
    de::Error::invalid_type(unexpected, expected)
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = ShapeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ShapeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDe(item))
            .map(Some)
            .map_err(|e| e.at(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: serde_json::map::Iter<'a>,
    pending: Option<(&'a String, &'a Value)>,
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = ShapeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ShapeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some((key, value));
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ShapeError> {
        match self.pending.take() {
            Some((key, value)) => seed
                .deserialize(ValueDe(value))
                .map_err(|e| e.at(Segment::Key(key.clone()))),
            None => Err(de::Error::custom("a value without its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumDe<'a> {
    variant: &'a String,
    content: &'a Value,
}

impl<'de> de::EnumAccess<'de> for EnumDe<'de> {
    type Error = ShapeError;
    type Variant = VariantDe<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, VariantDe<'de>), ShapeError> {
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::new(self.variant))?;
        Ok((
            variant,
            VariantDe {
                name: self.variant,
                content: self.content,
            },
        ))
    }
}

struct VariantDe<'a> {
    name: &'a String,
    content: &'a Value,
}

impl VariantDe<'_> {
    fn within<T>(&self, result: Result<T, ShapeError>) -> Result<T, ShapeError> {
        result.map_err(|e| e.at(Segment::Key(self.name.clone())))
    }
}

impl<'de> de::VariantAccess<'de> for VariantDe<'de> {
    type Error = ShapeError;

    fn unit_variant(self) -> Result<(), ShapeError> {
        self.within(de::Deserialize::deserialize(ValueDe(self.content)))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, ShapeError> {
        self.within(seed.deserialize(ValueDe(self.content)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, ShapeError> {
        self.within(de::Deserializer::deserialize_seq(ValueDe(self.content), visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        self.within(de::Deserializer::deserialize_map(ValueDe(self.content), visitor))
    }
}

/// serde messages quote the offending value (`invalid type: string "6511…", expected …`);
/// keep only the kind of value and what was expected.
fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_quotes = false;
    for c in message.chars() {
        match c {
            '"' | '`' => {
                in_quotes = !in_quotes;
                if !in_quotes {
                    out.push('…');
                }
            }
            _ if in_quotes => {}
            _ => out.push(c),
        }
    }
    // Numbers are values too: drop digit runs longer than 4 (line/column stay readable).
    let mut cleaned = String::with_capacity(out.len());
    let mut run = String::new();
    for c in out.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() > 4 {
                cleaned.push('…');
            } else {
                cleaned.push_str(&run);
            }
            run.clear();
            cleaned.push(c);
        }
    }
    if run.len() > 4 {
        cleaned.push('…');
    } else {
        cleaned.push_str(&run);
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Declaration, Page};

    #[test]
    fn path_of_a_shape_error() {
        let text = r#"{"items":[{},{},{},{"declarationStatus":{"result":5}}]}"#;
        let err = parse_json::<Page<Declaration>>(text).unwrap_err();
        assert_eq!(err.path, "items[3].declarationStatus.result");
    }

    #[test]
    fn messages_do_not_echo_values() {
        let text = r#"{"items":[{"worker":{"ssin":{"x":1},"familyName":["JANSSENS"]}}]}"#;
        let err = parse_json::<Page<Declaration>>(text).unwrap_err();
        assert!(err.path.starts_with("items[0].worker."));
        let text = r#"{"items":[{"worker":{"familyName":65111899997}}]}"#;
        let err = parse_json::<Page<Declaration>>(text).unwrap_err();
        assert!(!err.message.contains("65111899997"), "{}", err.message);
        let text = r#"{"items":[{"worker":{"givenNames":true, "familyName": 1}}]}"#;
        assert!(parse_json::<Page<Declaration>>(text).is_err());
    }

    #[test]
    fn messages_name_the_kind_of_value_only() {
        let err = parse_json::<Page<Declaration>>(r#"{"items":[{"worker":{"familyName":1.5}}]}"#).unwrap_err();
        assert_eq!(err.path, "items[0].worker.familyName");
        assert_eq!(err.message, "invalid type: floating point, expected a string");
        let err = parse_json::<Page<Declaration>>(r#"{"items":[{},{"declarationStatus":[true]}]}"#).unwrap_err();
        assert_eq!(err.path, "items[1].declarationStatus");
        assert_eq!(parse_json::<Declaration>("[1").unwrap_err().path, ".");
    }

    /// `ValueDe` as it was before maps and sequences had their own entry: everything through
    /// `deserialize_any`.
    struct AnyDe<'a>(&'a Value);

    impl<'de> de::Deserializer<'de> for AnyDe<'de> {
        type Error = ShapeError;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
            ValueDe(self.0).deserialize_any(visitor)
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
            match self.0 {
                Value::Null => visitor.visit_none(),
                _ => visitor.visit_some(self),
            }
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
        }
    }

    #[test]
    fn maps_and_sequences_refuse_scalars_as_deserialize_any_did() {
        use crate::model::{AnomalyItem, Page, Relation};
        use de::Deserialize;
        fn same<T: DeserializeOwned + fmt::Debug + PartialEq>(value: &Value) {
            let now = T::deserialize(ValueDe(value)).map_err(|e| e.message);
            let before = T::deserialize(AnyDe(value)).map_err(|e| e.message);
            assert_eq!(now, before, "{} from {value}", std::any::type_name::<T>());
        }
        for text in [
            "null", "true", "false", "0", "7", "-7", "1.5", "1e400", "\"x\"", "[]", "[{}]", "{}", "[1]",
        ] {
            let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            same::<Page<Relation>>(&value);
            same::<Declaration>(&value);
            same::<AnomalyItem>(&value);
            same::<Vec<String>>(&value);
            same::<Vec<AnomalyItem>>(&value);
            same::<Option<Vec<u64>>>(&value);
            same::<serde_json::Map<String, Value>>(&value);
            same::<std::collections::BTreeMap<String, u64>>(&value);
        }
        // The error names the kind of scalar only.
        let e = Vec::<String>::deserialize(ValueDe(&Value::from(-7))).unwrap_err();
        assert_eq!(e.message, "invalid type: integer, expected a sequence");
    }

    #[test]
    fn truncated_and_non_json() {
        assert!(parse_json::<Declaration>(r#"{"declarationStatus":{"resu"#).is_err());
        assert!(parse_json::<Declaration>("<html>502</html>").is_err());
        assert!(parse_json::<Declaration>("").is_err());
        assert!(parse_json::<Declaration>("{} trailing").is_err());
    }
}
