//! The body as the JS `validate` hands it over: a compact binary encoding of a plain JS value,
//! written by `js/validation_input.js` straight from the object (no JSON text to produce in JS
//! and parse here), read here into the same borrowed [`Json`] tree the JSON reader gives.
//!
//! Each value starts with a tag byte; lengths and counts are little-endian `u32`:
//!
//! | tag | value | then |
//! |---|---|---|
//! | 0 | `null` | — |
//! | 1 / 2 | `false` / `true` | — |
//! | 3 | a number | its IEEE 754 `f64`, 8 bytes |
//! | 4 | a string | length in bytes, then UTF-8 |
//! | 5 | an array | item count, then the items |
//! | 6 | an object | pair count, then each key and its value |
//!
//! A key is one byte: the key's number in [`known_keys`] (the keys of the body's blocks), or
//! 255 followed by its length and UTF-8 for any other key. Most keys of a body are then one
//! byte to write and to read instead of a string to copy and check.
//!
//! A number reads as the JSON reader reads what `JSON.stringify` writes for it: an integer
//! from 0 to `u64::MAX` is `Some`, anything else (negative, fractional, too large) `None`.

use super::fields::known_keys;
use super::json::{Json, MAX_DEPTH};
use std::borrow::Cow;

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const NUMBER: u8 = 3;
const STRING: u8 = 4;
const ARRAY: u8 = 5;
const OBJECT: u8 = 6;
/// The key byte of a key that is not one of [`known_keys`]: its text follows.
const OTHER_KEY: u8 = 255;

/// 2^64: the first `f64` that no longer fits a `u64`.
const U64_END: f64 = 18_446_744_073_709_551_616.0;

impl<'a> Json<'a> {
    /// Reads one encoded value at the start of `bytes` and returns it with the bytes after it;
    /// `None` when they are not one well-formed value (or it nests deeper than [`MAX_DEPTH`]).
    pub fn read_tape(bytes: &'a [u8]) -> Option<(Json<'a>, &'a [u8])> {
        let mut reader = Reader {
            bytes,
            pos: 0,
            keys: known_keys(),
        };
        let value = reader.value(0)?;
        Some((value, bytes.get(reader.pos..)?))
    }

    /// Appends this value's encoding to `out` (what the JS side writes for the same value).
    pub fn write_tape(&self, out: &mut Vec<u8>) {
        match self {
            Json::Null => out.push(NULL),
            Json::Bool(b) => out.push(if *b { TRUE } else { FALSE }),
            Json::Number(n) => {
                out.push(NUMBER);
                // Only what the rules read is kept: any other number becomes -1.
                let value = n.map_or(-1.0, |n| n as f64);
                out.extend_from_slice(&value.to_le_bytes());
            }
            Json::String(s) => {
                out.push(STRING);
                push_str(out, s);
            }
            Json::Array(items) => {
                out.push(ARRAY);
                push_len(out, items.len());
                items.iter().for_each(|item| item.write_tape(out));
            }
            Json::Object(pairs) => {
                out.push(OBJECT);
                push_len(out, pairs.len());
                for (key, value) in pairs {
                    match known_keys().iter().position(|k| *k == key.as_ref()) {
                        Some(number) => out.push(number as u8),
                        None => {
                            out.push(OTHER_KEY);
                            push_str(out, key);
                        }
                    }
                    value.write_tape(out);
                }
            }
        }
    }
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    push_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// The integer a number stands for, as the JSON reader reads `JSON.stringify`'s text of it.
fn integer(value: f64) -> Option<u64> {
    // `-0` is written "0"; an integral value under 2^64 converts exactly.
    ((0.0..U64_END).contains(&value) && value.fract() == 0.0).then_some(value as u64)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    keys: &'static [&'static str],
}

impl<'a> Reader<'a> {
    #[inline]
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    #[inline]
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    #[inline]
    fn len(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok()
    }

    #[inline]
    fn str(&mut self) -> Option<&'a str> {
        let len = self.len()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// A count of entries, each at least `min_bytes` long: never more than the bytes left
    /// can hold, so a wrong count cannot make the reader reserve more than the input.
    #[inline]
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = self.len()?;
        let left = self.bytes.len() - self.pos;
        (n <= left / min_bytes).then_some(n)
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        Some(match self.byte()? {
            NULL => Json::Null,
            FALSE => Json::Bool(false),
            TRUE => Json::Bool(true),
            NUMBER => {
                let b = self.take(8)?;
                let bits = [b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]];
                Json::Number(integer(f64::from_le_bytes(bits)))
            }
            STRING => Json::String(Cow::Borrowed(self.str()?)),
            ARRAY if depth < MAX_DEPTH => {
                let n = self.count(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Json::Array(items)
            }
            OBJECT if depth < MAX_DEPTH => {
                let n = self.count(2)?;
                let mut pairs = Vec::with_capacity(n);
                for _ in 0..n {
                    let key = match self.byte()? {
                        OTHER_KEY => self.str()?,
                        number => self.keys.get(usize::from(number))?,
                    };
                    pairs.push((Cow::Borrowed(key), self.value(depth + 1)?));
                }
                Json::Object(pairs)
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let value = Json::parse(text).unwrap();
        let mut tape = Vec::new();
        value.write_tape(&mut tape);
        let (read, rest) = Json::read_tape(&tape).unwrap();
        assert!(rest.is_empty());
        assert_eq!(read, value, "{text}");
    }

    #[test]
    fn values_read_back_as_written() {
        for text in [
            "null",
            "true",
            "[false, 1, 2.5, -3, \"é\\u0000\"]",
            r#"{"worker":{"ssin":"65111899997","gender":1},"dimonaIn":{"features":{"workerType":"OTH"}},"x":[[],{}]}"#,
            r#"{"employer":{"enterpriseNumber":"1","é":2},"":{"dimonaIn":null,"startDate":[]}}"#,
            "9007199254740992",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn numbers_read_as_the_json_reader_reads_their_text() {
        let read = |v: f64| {
            let mut tape = vec![NUMBER];
            tape.extend_from_slice(&v.to_le_bytes());
            Json::read_tape(&tape)
                .unwrap()
                .0
                .as_u64()
                .map_or(Json::Number(None), |n| Json::Number(Some(n)))
        };
        assert_eq!(read(0.0), Json::Number(Some(0)));
        assert_eq!(read(-0.0), Json::Number(Some(0)));
        assert_eq!(read(600_123_456_789.0), Json::Number(Some(600_123_456_789)));
        assert_eq!(read(2f64.powi(60)), Json::Number(Some(1 << 60)));
        for v in [-1.0, 0.5, U64_END, 1e21, f64::NAN, f64::INFINITY] {
            assert_eq!(read(v), Json::Number(None), "{v}");
        }
    }

    #[test]
    fn malformed_input_is_refused_without_reserving_what_it_claims() {
        assert!(Json::read_tape(&[]).is_none());
        assert!(Json::read_tape(&[9]).is_none());
        assert!(Json::read_tape(&[OBJECT, 0xff, 0xff, 0xff, 0xff]).is_none());
        // A key number beyond the known keys.
        assert!(Json::read_tape(&[OBJECT, 1, 0, 0, 0, 254, NULL]).is_none());
        assert!(Json::read_tape(&[OBJECT, 1, 0, 0, 0, OTHER_KEY, 1, 0, 0, 0, 0xff, NULL]).is_none());
        assert!(Json::read_tape(&[STRING, 2, 0, 0, 0, 0xc3]).is_none());
        assert!(Json::read_tape(&[STRING, 1, 0, 0, 0, 0xff]).is_none());
        let mut deep = [ARRAY, 1, 0, 0, 0].repeat(MAX_DEPTH + 1);
        deep.push(NULL);
        assert!(Json::read_tape(&deep).is_none());
    }
}
