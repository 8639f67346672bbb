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
//! Rust writes an integer it holds exactly as tag 7 and its `u64` (8 bytes).
//!
//! The rules read a body as a [`Doc`]: every value in one list, an object's pairs side by side,
//! strings borrowed from the encoding. One allocation per body, none per object, and nothing
//! to drop but that list.

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
const INTEGER: u8 = 7;
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
            Json::Number(Some(n)) => {
                out.push(INTEGER);
                out.extend_from_slice(&n.to_le_bytes());
            }
            Json::Number(None) => {
                // Only what the rules read is kept: any other number becomes -1.
                out.push(NUMBER);
                out.extend_from_slice(&(-1.0f64).to_le_bytes());
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
        let bytes = self.take(len)?;
        // Most strings of a body are short and ASCII: checked byte by byte here, which costs
        // less than the general UTF-8 check's set-up.
        if bytes.iter().all(|&b| b < 0x80) {
            // SAFETY: bytes below 0x80 are ASCII, and ASCII is valid UTF-8.
            return Some(unsafe { std::str::from_utf8_unchecked(bytes) });
        }
        std::str::from_utf8(bytes).ok()
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
            NUMBER => Json::Number(integer(f64::from_le_bytes(self.eight()?))),
            INTEGER => Json::Number(Some(u64::from_le_bytes(self.eight()?))),
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
                    let (key, _) = self.key()?;
                    pairs.push((Cow::Borrowed(key), self.value(depth + 1)?));
                }
                Json::Object(pairs)
            }
            _ => return None,
        })
    }

    /// A key and its number among the known keys ([`OTHER_KEY`] for a key given as text).
    #[inline]
    fn key(&mut self) -> Option<(&'a str, u8)> {
        match self.byte()? {
            OTHER_KEY => Some((self.str()?, OTHER_KEY)),
            number => Some((self.keys.get(usize::from(number)).copied()?, number)),
        }
    }

    #[inline]
    fn eight(&mut self) -> Option<[u8; 8]> {
        let b = self.take(8)?;
        Some([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    }

    /// Reads one value into `nodes` (an array's items and an object's pairs each side by
    /// side, reserved before they are read) and returns it.
    fn node(&mut self, nodes: &mut Vec<Node<'a>>, depth: usize) -> Option<Value<'a>> {
        let tag = self.byte()?;
        match self.leaf(tag)? {
            Some(value) => Some(value),
            None => self.container(tag, nodes, depth),
        }
    }

    /// The value of `tag` when it holds no other; `Some(None)` for an array or object, `None`
    /// for anything unreadable. Read in the loop of [`Self::container`], which calls itself
    /// only for the arrays and objects inside.
    #[inline(always)]
    fn leaf(&mut self, tag: u8) -> Option<Option<Value<'a>>> {
        Some(Some(match tag {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            NUMBER => Value::Number(integer(f64::from_le_bytes(self.eight()?))),
            INTEGER => Value::Number(Some(u64::from_le_bytes(self.eight()?))),
            STRING => Value::String(self.str()?),
            ARRAY | OBJECT => return Some(None),
            _ => return None,
        }))
    }

    /// An array or object (`tag`), its items or pairs side by side in `nodes`.
    fn container(&mut self, tag: u8, nodes: &mut Vec<Node<'a>>, depth: usize) -> Option<Value<'a>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let n = self.count(if tag == ARRAY { 1 } else { 2 })?;
        let first = nodes.len();
        nodes.resize(first + n, Node::NULL);
        for i in first..first + n {
            if tag == OBJECT {
                (nodes[i].key, nodes[i].number) = self.key()?;
            }
            let item = self.byte()?;
            nodes[i].value = match self.leaf(item)? {
                Some(value) => value,
                None => self.container(item, nodes, depth + 1)?,
            };
        }
        let range = (u32::try_from(first).ok()?, u32::try_from(n).ok()?);
        Some(if tag == ARRAY {
            Value::Array(range.0, range.1)
        } else {
            Value::Object(range.0, range.1)
        })
    }
}

/// A body read from its encoding: every array item and object pair in one list.
pub struct Doc<'a> {
    nodes: Vec<Node<'a>>,
    root: Value<'a>,
}

/// An item of an array (its key empty) or a pair of an object.
#[derive(Clone, Copy)]
struct Node<'a> {
    key: &'a str,
    /// The key's number among the known keys when the JS encoding gave it as one, else
    /// [`OTHER_KEY`].
    number: u8,
    value: Value<'a>,
}

impl Node<'_> {
    const NULL: Node<'static> = Node {
        key: "",
        number: OTHER_KEY,
        value: Value::Null,
    };
}

/// A value in a [`Doc`]: an array or object as the place of its first item or pair in the
/// list, and how many.
#[derive(Clone, Copy)]
enum Value<'a> {
    Null,
    Bool(bool),
    Number(Option<u64>),
    String(&'a str),
    Array(u32, u32),
    Object(u32, u32),
}

impl<'a> Doc<'a> {
    /// Reads one encoded value at the start of `bytes` and returns it with the bytes after it;
    /// `None` when they are not one well-formed value (or it nests deeper than [`MAX_DEPTH`]).
    pub fn read(bytes: &'a [u8]) -> Option<(Doc<'a>, &'a [u8])> {
        let mut reader = Reader {
            bytes,
            pos: 0,
            keys: known_keys(),
        };
        let mut nodes = spare_list();
        let root = reader.node(&mut nodes, 0)?;
        Some((Doc { nodes, root }, bytes.get(reader.pos..)?))
    }

    /// The body.
    pub fn root(&self) -> View<'_> {
        view(&self.nodes, self.root)
    }

    /// The value when it is a string, borrowed from what it was read from (an option of the JS
    /// `validate`'s input).
    pub fn as_str(&self) -> Option<&'a str> {
        match self.root {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A tree's values in one list, borrowing its strings; `None` when it nests deeper than
    /// [`MAX_DEPTH`] (which JSON text the reader takes never does).
    pub fn from_json(value: &'a Json<'_>) -> Option<Doc<'a>> {
        let mut nodes = spare_list();
        let root = json_node(value, &mut nodes, 0)?;
        Some(Doc { nodes, root })
    }

    /// A `serde_json::Value`'s values in one list, borrowing its strings; `None` when it nests
    /// deeper than [`MAX_DEPTH`].
    pub fn from_value(value: &'a serde_json::Value) -> Option<Doc<'a>> {
        let mut nodes = spare_list();
        let root = value_node(value, &mut nodes, 0)?;
        Some(Doc { nodes, root })
    }
}

impl Drop for Doc<'_> {
    fn drop(&mut self) {
        let mut nodes = std::mem::take(&mut self.nodes);
        if nodes.capacity() > MAX_SPARE_NODES {
            return;
        }
        nodes.clear();
        // The emptied list as one of another lifetime: collected in place, it keeps its room.
        let empty: Vec<Node<'static>> = nodes.into_iter().map(|_| Node::NULL).collect();
        SPARE.with(|spare| spare.set(empty));
    }
}

thread_local! {
    /// The list of the last body read, emptied: the next body is read into its room rather
    /// than into a new allocation (bodies are validated one after the other, on every
    /// keystroke of a form).
    static SPARE: std::cell::Cell<Vec<Node<'static>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most items and pairs whose room is kept for the next body (a usual body has a few
/// dozen; a huge one's room is given back).
const MAX_SPARE_NODES: usize = 1024;

/// An empty list for a body's items and pairs: the last body's room when there is one.
fn spare_list<'a>() -> Vec<Node<'a>> {
    let mut nodes: Vec<Node<'a>> = SPARE.with(|spare| spare.take());
    // A usual body has a few dozen items and pairs: grown at most once or twice.
    nodes.reserve(32);
    nodes
}

fn json_node<'a>(value: &'a Json<'_>, nodes: &mut Vec<Node<'a>>, depth: usize) -> Option<Value<'a>> {
    Some(match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Number(*n),
        Json::String(s) => Value::String(s),
        Json::Array(items) if depth < MAX_DEPTH => {
            let first = reserve(nodes, items.len());
            for (i, item) in items.iter().enumerate() {
                nodes[first + i].value = json_node(item, nodes, depth + 1)?;
            }
            Value::Array(u32::try_from(first).ok()?, u32::try_from(items.len()).ok()?)
        }
        Json::Object(pairs) if depth < MAX_DEPTH => {
            let first = reserve(nodes, pairs.len());
            for (i, (key, item)) in pairs.iter().enumerate() {
                nodes[first + i].key = key;
                nodes[first + i].value = json_node(item, nodes, depth + 1)?;
            }
            Value::Object(u32::try_from(first).ok()?, u32::try_from(pairs.len()).ok()?)
        }
        _ => return None,
    })
}

fn value_node<'a>(value: &'a serde_json::Value, nodes: &mut Vec<Node<'a>>, depth: usize) -> Option<Value<'a>> {
    use serde_json::Value as V;
    Some(match value {
        V::Null => Value::Null,
        V::Bool(b) => Value::Bool(*b),
        V::Number(n) => Value::Number(n.as_u64()),
        V::String(s) => Value::String(s),
        V::Array(items) if depth < MAX_DEPTH => {
            let first = reserve(nodes, items.len());
            for (i, item) in items.iter().enumerate() {
                nodes[first + i].value = value_node(item, nodes, depth + 1)?;
            }
            Value::Array(u32::try_from(first).ok()?, u32::try_from(items.len()).ok()?)
        }
        V::Object(map) if depth < MAX_DEPTH => {
            let first = reserve(nodes, map.len());
            for (i, (key, item)) in map.iter().enumerate() {
                nodes[first + i].key = key;
                nodes[first + i].value = value_node(item, nodes, depth + 1)?;
            }
            Value::Object(u32::try_from(first).ok()?, u32::try_from(map.len()).ok()?)
        }
        _ => return None,
    })
}

/// Places for `n` items or pairs side by side at the end of `nodes`; the first one's index.
fn reserve(nodes: &mut Vec<Node<'_>>, n: usize) -> usize {
    let first = nodes.len();
    nodes.resize(first + n, Node::NULL);
    first
}

fn view<'d>(nodes: &'d [Node<'d>], value: Value<'d>) -> View<'d> {
    let seq = |first: u32, len: u32| Seq {
        nodes: nodes.get(first as usize..first as usize + len as usize).unwrap_or(&[]),
        all: nodes,
    };
    match value {
        Value::Null => View::Null,
        Value::Bool(b) => View::Bool(b),
        Value::Number(n) => View::Number(n),
        Value::String(s) => View::String(s),
        Value::Array(first, len) => View::Array(seq(first, len)),
        Value::Object(first, len) => View::Object(seq(first, len)),
    }
}

/// True when two keys are the same: at once when both are the same constant (a known key of
/// the body and the key the rules look for are the tables' own).
#[inline]
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.as_ptr() == b.as_ptr() || a == b)
}

/// A value of a [`Doc`], as the rules read it. Copied freely (a few words).
#[derive(Clone, Copy)]
pub enum View<'d> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number: `Some` for an integer from 0 to `u64::MAX`, `None` for any other number.
    Number(Option<u64>),
    /// A string.
    String(&'d str),
    /// An array.
    Array(Seq<'d>),
    /// An object, keys in the body's order.
    Object(Seq<'d>),
}

/// The items of an array, or the pairs of an object, of a [`Doc`].
#[derive(Clone, Copy)]
pub struct Seq<'d> {
    nodes: &'d [Node<'d>],
    all: &'d [Node<'d>],
}

impl<'d> View<'d> {
    /// The string, if this is one.
    #[inline]
    pub fn as_str(&self) -> Option<&'d str> {
        match self {
            View::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is a non-negative integer.
    #[inline]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            View::Number(n) => *n,
            _ => None,
        }
    }

    /// The pairs, if this is an object.
    #[inline]
    pub fn as_object(&self) -> Option<Seq<'d>> {
        match self {
            View::Object(pairs) => Some(*pairs),
            _ => None,
        }
    }
}

impl<'d> Seq<'d> {
    /// The pairs of an object (the items of an array, each with an empty key), in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'d str, View<'d>)> + 'd {
        let all = self.all;
        self.nodes.iter().map(move |n| (n.key, view(all, n.value)))
    }

    /// The pairs of an object with each key's number among the known keys ([`OTHER_KEY`] when
    /// it came as text: from JSON text, a `serde_json::Value`, or an unknown key).
    pub fn numbered_pairs(&self) -> impl Iterator<Item = (&'d str, u8, View<'d>)> + 'd {
        let all = self.all;
        self.nodes.iter().map(move |n| (n.key, n.number, view(all, n.value)))
    }

    /// The value of `key` in an object (the first, should the body repeat a key).
    pub fn get(&self, key: &str) -> Option<View<'d>> {
        self.nodes
            .iter()
            .find(|n| same_key(n.key, key))
            .map(|n| view(self.all, n.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_body_is_read_into_the_last_ones_room() {
        let tape = {
            let mut out = Vec::new();
            Json::parse(r#"{"a":[1,2,{"b":"c"}],"d":null}"#)
                .unwrap()
                .write_tape(&mut out);
            out
        };
        let first = Doc::read(&tape).unwrap().0;
        let room = first.nodes.as_ptr() as usize;
        drop(first);
        let second = Doc::read(&tape).unwrap().0;
        assert_eq!(second.nodes.as_ptr() as usize, room, "the room is used again");
        assert_eq!(second.nodes.len(), 6);
        // Two bodies at once: the second gets a room of its own.
        let third = Doc::read(&tape).unwrap().0;
        assert_ne!(third.nodes.as_ptr() as usize, second.nodes.as_ptr() as usize);
    }

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

    /// The tree a view stands for.
    fn tree<'d>(view: View<'d>) -> Json<'d> {
        match view {
            View::Null => Json::Null,
            View::Bool(b) => Json::Bool(b),
            View::Number(n) => Json::Number(n),
            View::String(s) => Json::String(Cow::Borrowed(s)),
            View::Array(items) => Json::Array(items.pairs().map(|(_, v)| tree(v)).collect()),
            View::Object(pairs) => Json::Object(pairs.pairs().map(|(k, v)| (Cow::Borrowed(k), tree(v))).collect()),
        }
    }

    #[test]
    fn a_doc_reads_what_the_tree_reader_reads() {
        for text in [
            "null",
            "[false, 1, 2.5, -3, \"é\\u0000\", 18446744073709551615, 9007199254740993]",
            r#"{"worker":{"ssin":"65111899997","gender":1},"dimonaIn":{"features":{"workerType":"OTH"}},"x":[[],{}]}"#,
            r#"{"employer":{"enterpriseNumber":"1","é":2},"":{"dimonaIn":null,"startDate":[[{"a":[1,{"b":2}]}]]},"employer":3}"#,
        ] {
            let value = Json::parse(text).unwrap();
            let mut tape = Vec::new();
            value.write_tape(&mut tape);
            tape.push(9);
            let (doc, rest) = Doc::read(&tape).unwrap();
            assert_eq!(rest, [9]);
            assert_eq!(tree(doc.root()), value, "{text}");
            assert_eq!(Json::read_tape(&tape).unwrap().0, value, "{text}");
        }
        // The first of a repeated key, as the tree reader's `field` gives it.
        let value = Json::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        let mut tape = Vec::new();
        value.write_tape(&mut tape);
        let (doc, _) = Doc::read(&tape).unwrap();
        assert_eq!(doc.root().as_object().unwrap().get("a").unwrap().as_u64(), Some(1));
        assert_eq!(doc.root().as_object().unwrap().pairs().count(), 3);
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
        let refused = |bytes: &[u8]| Json::read_tape(bytes).is_none() && Doc::read(bytes).is_none();
        for bytes in [
            &[][..],
            &[9],
            &[OBJECT, 0xff, 0xff, 0xff, 0xff],
            &[ARRAY, 0xff, 0xff, 0xff, 0x7f, NULL],
            &[OBJECT, 1, 0, 0, 0, 254, NULL],
            &[OBJECT, 1, 0, 0, 0, OTHER_KEY, 1, 0, 0, 0, 0xff, NULL],
            &[STRING, 2, 0, 0, 0, 0xc3],
            &[STRING, 1, 0, 0, 0, 0xff],
            &[INTEGER, 1, 2, 3],
            &[NUMBER, 1, 2, 3, 4, 5, 6, 7],
        ] {
            assert!(refused(bytes), "{bytes:?}");
        }
        let mut deep = [ARRAY, 1, 0, 0, 0].repeat(MAX_DEPTH + 1);
        deep.push(NULL);
        assert!(refused(&deep));
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
