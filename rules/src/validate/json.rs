//! The body as the validator reads it: a borrowed JSON tree.
//!
//! Validation runs on every keystroke of a form and on every body of a batch, so it does not go
//! through `serde_json::Value`: strings are borrowed from the text (or from a `Value`) instead of
//! copied, an object is a short list of pairs looked up by a scan (a declaration block has a
//! handful of keys: a scan beats hashing them), and a number keeps only what the rules read, its
//! value as a non-negative integer.

use serde_json::Value;
use std::borrow::Cow;

/// Objects and arrays nested deeper than this are not read (the text is then unreadable).
pub const MAX_DEPTH: usize = 128;

/// One JSON value, borrowing from its source.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number: `Some` for an integer from 0 to `u64::MAX` written without fraction or
    /// exponent (as `serde_json` reads it), `None` for any other number.
    Number(Option<u64>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, keys in the source's order.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// The pairs of an object.
pub type Object<'a> = [(Cow<'a, str>, Json<'a>)];

impl<'a> Json<'a> {
    /// Reads JSON text; `None` when it is not one well-formed JSON value (or nests deeper than
    /// [`MAX_DEPTH`]). Lone surrogates in `\u` escapes become U+FFFD instead of failing the
    /// whole body: they are a wrong character in one field, not an unreadable declaration.
    pub fn parse(text: &'a str) -> Option<Json<'a>> {
        let (value, rest) = Json::parse_prefix(text)?;
        rest.bytes().all(is_whitespace).then_some(value)
    }

    /// Reads one JSON value at the start of `text` and returns it with the rest of the text
    /// (for inputs that carry a small JSON header before a body).
    pub fn parse_prefix(text: &'a str) -> Option<(Json<'a>, &'a str)> {
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        let value = parser.value(0)?;
        Some((value, text.get(parser.pos..)?))
    }

    /// A view of a `serde_json::Value`, borrowing its strings.
    pub fn from_value(value: &'a Value) -> Json<'a> {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.as_u64()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::from_value).collect()),
            Value::Object(map) => Json::Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The string, if this is one.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is a non-negative integer.
    #[inline]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => *n,
            _ => None,
        }
    }

    /// The pairs, if this is an object.
    #[inline]
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(pairs) => Some(pairs),
            _ => None,
        }
    }
}

/// The value of `key` in an object (the first, should a text repeat a key).
#[inline]
pub fn field<'o, 'a>(object: &'o Object<'a>, key: &str) -> Option<&'o Json<'a>> {
    object.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// JSON's four whitespace characters.
fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn skip_whitespace(&mut self) {
        while self.bytes.get(self.pos).copied().is_some_and(is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, literal: &[u8]) -> Option<()> {
        let end = self.pos.checked_add(literal.len())?;
        (self.bytes.get(self.pos..end)? == literal).then(|| self.pos = end)
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.skip_whitespace();
        match *self.bytes.get(self.pos)? {
            b'n' => self.eat(b"null").map(|()| Json::Null),
            b't' => self.eat(b"true").map(|()| Json::Bool(true)),
            b'f' => self.eat(b"false").map(|()| Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if self.eat(b"]").is_some() {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_whitespace();
                    if self.eat(b",").is_none() {
                        self.eat(b"]")?;
                        return Some(Json::Array(items));
                    }
                }
            }
            b'{' => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.pos += 1;
                let mut pairs = Vec::new();
                self.skip_whitespace();
                if self.eat(b"}").is_some() {
                    return Some(Json::Object(pairs));
                }
                loop {
                    self.skip_whitespace();
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    self.skip_whitespace();
                    self.eat(b":")?;
                    let value = self.value(depth + 1)?;
                    pairs.push((key, value));
                    self.skip_whitespace();
                    if self.eat(b",").is_none() {
                        self.eat(b"}")?;
                        return Some(Json::Object(pairs));
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// A number per the JSON grammar; only a plain non-negative integer keeps its value.
    fn number(&mut self) -> Option<Json<'a>> {
        let start = self.pos;
        let negative = self.bytes[self.pos] == b'-';
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        let digits = self.digits();
        if digits == 0 || (digits > 1 && self.bytes[int_start] == b'0') {
            return None;
        }
        let mut plain = !negative;
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
            plain = false;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return None;
            }
            plain = false;
        }
        if !plain {
            return Some(Json::Number(None));
        }
        Some(Json::Number(self.text.get(start..self.pos)?.parse().ok()))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A string at `"`: borrowed when it has no escape, unescaped otherwise.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => {
                    let s = self.text.get(start..self.pos)?;
                    self.pos += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                b if b < 0x20 => return None,
                _ => self.pos += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.pos)?);
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.pos += 1;
                    let escaped = *self.bytes.get(self.pos)?;
                    self.pos += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return None,
                    }
                }
                b if b < 0x20 => return None,
                _ => {
                    // Copy the run up to the next quote or escape in one go (UTF-8 stays whole:
                    // both delimiters are ASCII).
                    let run = self.pos;
                    while self
                        .bytes
                        .get(self.pos)
                        .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
                    {
                        self.pos += 1;
                    }
                    out.push_str(self.text.get(run..self.pos)?);
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.pos.checked_add(4)?;
        let hex = self.text.get(self.pos..end)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos = end;
        u32::from_str_radix(hex, 16).ok()
    }

    /// The character of a `\uXXXX` escape (after `\u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Some(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_serde_json() {
        let texts = [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"x"},"e":-1,"f":1.5,"g":1e3,"h":18446744073709551615}"#,
            r#"[-0,-0.0,-0e1,0]"#,
            r#"{"s":"caf\u00e9 \"q\" \\ \/ \n\t","t":"\ud83d\ude00","u":"plain é"}"#,
            r#"  [ ]  "#,
            r#"{}"#,
            r#""just a string""#,
            r#"0"#,
            r#"18446744073709551616"#,
        ];
        for text in texts {
            let serde: Value = serde_json::from_str(text).expect("serde reads it");
            assert_eq!(Json::parse(text), Some(Json::from_value(&serde)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\":}",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "\"\u{1}\"",
            "{} x",
            "{'a':1}",
            "\"\\x\"",
            "\"\\u12\"",
            "[1 2]",
            "{\"a\":1,}",
        ] {
            assert_eq!(Json::parse(text), None, "{text:?}");
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn a_prefix_leaves_the_rest() {
        let (header, rest) = Json::parse_prefix(r#"["fr",null]{"a":1}"#).expect("prefix");
        assert_eq!(header, Json::Array(vec![Json::String("fr".into()), Json::Null]));
        assert_eq!(rest, r#"{"a":1}"#);
        assert_eq!(Json::parse_prefix("[1"), None);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(Json::parse(r#""a\ud800b""#), Some(Json::String("a\u{FFFD}b".into())));
        assert_eq!(Json::parse(r#""\udc00""#), Some(Json::String("\u{FFFD}".into())));
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(Json::parse(&deep), None);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Json::parse(&ok).is_some());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let json = Json::parse(r#"{"key":"value"}"#).expect("json");
        let pairs = json.as_object().expect("object");
        assert!(matches!(pairs[0].0, Cow::Borrowed("key")));
        assert!(matches!(
            field(pairs, "key"),
            Some(Json::String(Cow::Borrowed("value")))
        ));
        assert_eq!(field(pairs, "other"), None);
    }
}
