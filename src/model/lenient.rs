//! `lenient_struct!`: response structs that keep unknown fields and report the JSON path
//! of a shape error.
//!
//! `#[serde(flatten)]` would keep unknown fields too, but it buffers the object and loses
//! the path of nested errors; this macro deserializes field by field from the map, so
//! [`super::parse`] sees every step.

macro_rules! lenient_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $json:literal => $fname:ident : $fty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(rename = $json, skip_serializing_if = "Option::is_none")]
                pub $fname: Option<$fty>,
            )*
            /// Fields this version of the library does not know, kept as they came.
            #[serde(flatten)]
            #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visit;
                impl<'de> serde::de::Visitor<'de> for Visit {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!("an object (", stringify!($name), ")"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some(key) = map.next_key::<String>()? {
                            // Each arm only reads its field and says whether it was null; the
                            // bookkeeping of `extra` is one shared function, not one copy per field.
                            let null = match key.as_str() {
                                $( $json => {
                                    out.$fname = map.next_value()?;
                                    out.$fname.is_none()
                                } )*
                                _ => {
                                    let value: serde_json::Value = map.next_value()?;
                                    out.extra.insert(key, value);
                                    continue;
                                }
                            };
                            $crate::model::lenient::note_known_field(&mut out.extra, key, null);
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_map(Visit)
            }
        }
    };
}

/// After a known field was read: an explicit null is kept in `extra` so that a round trip loses
/// nothing; a value replaces a null seen before under the same key. Not generic and never
/// inlined: one copy for every field of every lenient struct.
#[inline(never)]
pub(crate) fn note_known_field(extra: &mut serde_json::Map<String, serde_json::Value>, key: String, null: bool) {
    if null {
        extra.insert(key, serde_json::Value::Null);
    } else {
        extra.remove(&key);
    }
}
