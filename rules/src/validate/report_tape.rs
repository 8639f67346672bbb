//! A report with anomalies as the JS `validate` hands it back: a compact binary encoding read by
//! `js/validation_report.js`, which builds the report object itself. No JSON text is written
//! here nor parsed there, and the strings JS has seen before (codes, zones, messages, paths of
//! a form that is filled in keystroke by keystroke) are reused instead of decoded again.
//!
//! Little-endian throughout:
//!
//! | bytes | what |
//! |---|---|
//! | 1 | `valid`: 1 or 0 |
//! | 1 | the kind: its index in [`DeclarationKind::ALL`], or 255 for none |
//! | 4 | the number of anomalies |
//! | per anomaly | severity (0 `B`, 1 `W`), then `code`, `zone`, `path`, `message`, each a string |
//!
//! A string is its FNV-1a hash (4 bytes, over its UTF-8), its length in bytes (4), then its
//! UTF-8. The hash only finds a candidate in the JS cache; the bytes decide.

use super::engine::{Outcome, Path, Sink};
use super::{messages, DeclarationKind, Lang, Severity, ValidateOptions, ValidationReport};

/// The FNV-1a hash of `bytes`, 32 bits: what the JS side looks its cache up by.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Writes `report` in the encoding above into `out` (cleared first).
pub fn write_report(report: &ValidationReport, out: &mut Vec<u8>) {
    out.clear();
    let strings: usize = report
        .anomalies
        .iter()
        .map(|a| a.code.len() + a.zone.len() + a.path.len() + a.message.len() + 33)
        .sum();
    out.reserve(6 + strings);
    out.push(u8::from(report.valid));
    out.push(kind_byte(report.kind));
    push_u32(out, report.anomalies.len());
    for a in &report.anomalies {
        out.push(match a.severity {
            Severity::B => 0,
            Severity::W => 1,
        });
        for s in [&a.code, &a.zone, &a.path, &a.message] {
            push_str(out, s);
        }
    }
}

/// The encoding written anomaly by anomaly as the rules find them, so that no [`Anomaly`] with
/// its four strings is built for a report JS reads anyway: the path and the message are
/// written into one reused string, then copied.
///
/// [`Anomaly`]: super::Anomaly
pub struct Encoder<'b> {
    out: &'b mut Vec<u8>,
    scratch: String,
}

impl Sink for Encoder<'_> {
    fn anomaly(&mut self, code: &str, severity: Severity, path: &Path, lang: Lang, hint: Option<&str>) {
        self.out.push(match severity {
            Severity::B => 0,
            Severity::W => 1,
        });
        let code_hash = fnv1a(code.as_bytes());
        push_hashed(self.out, code_hash, code);
        push_str(self.out, code.get(..5).unwrap_or(code));
        self.scratch.clear();
        // Room for a usual path and message at once, instead of growing a byte count at a time.
        self.scratch.reserve(256);
        path.push_to(&mut self.scratch);
        push_str(self.out, &self.scratch);
        if hint.is_none() && push_kept_message(self.out, code, code_hash, lang) {
            return;
        }
        self.scratch.clear();
        messages::push_message_with_hint(&mut self.scratch, code, lang, hint);
        let hash = fnv1a(self.scratch.as_bytes());
        push_hashed(self.out, hash, &self.scratch);
        if hint.is_none() {
            keep_message(code, code_hash, lang, &self.scratch, hash);
        }
    }
}

/// How many messages are kept ([`MESSAGES`]), one per slot.
const KEPT_MESSAGES: usize = 64;

/// A message as written before: its code, language, text and the text's hash.
struct KeptMessage {
    code: String,
    lang: Lang,
    text: String,
    hash: u32,
}

thread_local! {
    /// Messages written lately, one per slot chosen by the code's hash and the language: a form
    /// gets the same anomalies keystroke after keystroke, and finding a message costs less than
    /// composing it from the tables and hashing it again.
    static MESSAGES: std::cell::RefCell<Vec<Option<KeptMessage>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn message_slot(code_hash: u32, lang: Lang) -> usize {
    (code_hash ^ lang as u32) as usize % KEPT_MESSAGES
}

/// Writes the kept message of `code` in `lang`, if there is one; false otherwise.
fn push_kept_message(out: &mut Vec<u8>, code: &str, code_hash: u32, lang: Lang) -> bool {
    MESSAGES.with(|kept| {
        let Ok(kept) = kept.try_borrow() else { return false };
        match kept.get(message_slot(code_hash, lang)) {
            Some(Some(m)) if m.lang == lang && m.code == code => {
                push_hashed(out, m.hash, &m.text);
                true
            }
            _ => false,
        }
    })
}

fn keep_message(code: &str, code_hash: u32, lang: Lang, text: &str, hash: u32) {
    MESSAGES.with(|kept| {
        let Ok(mut kept) = kept.try_borrow_mut() else { return };
        if kept.is_empty() {
            kept.resize_with(KEPT_MESSAGES, || None);
        }
        kept[message_slot(code_hash, lang)] = Some(KeptMessage {
            code: code.to_owned(),
            lang,
            text: text.to_owned(),
            hash,
        });
    });
}

/// Validates a body given in the binary encoding of [`super::tape`] and writes its report in
/// the encoding above into `out` (cleared first): what [`write_report`] writes for the report
/// [`super::validate_tape`] gives, without building that report.
pub fn validate_tape_into(bytes: &[u8], options: &ValidateOptions, out: &mut Vec<u8>) -> Outcome {
    out.clear();
    out.extend_from_slice(&[0; 6]);
    let mut encoder = Encoder {
        out,
        scratch: String::new(),
    };
    let outcome = super::with_tape_body(bytes, |body| super::engine::walk(body, options, &mut encoder));
    out[0] = u8::from(outcome.valid);
    out[1] = kind_byte(outcome.kind);
    out[2..6].copy_from_slice(&u32::try_from(outcome.anomalies).unwrap_or(u32::MAX).to_le_bytes());
    outcome
}

/// The kind's index in [`DeclarationKind::ALL`], or 255 for none.
fn kind_byte(kind: Option<DeclarationKind>) -> u8 {
    kind.and_then(|k| DeclarationKind::ALL.iter().position(|&x| x == k))
        .map_or(255, |i| i as u8)
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    push_hashed(out, fnv1a(s.as_bytes()), s);
}

/// Writes a string whose hash is known.
fn push_hashed(out: &mut Vec<u8>, hash: u32, s: &str) {
    push_u32_raw(out, hash);
    push_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn push_u32(out: &mut Vec<u8>, n: usize) {
    push_u32_raw(out, u32::try_from(n).unwrap_or(u32::MAX));
}

fn push_u32_raw(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Anomaly;

    /// Reads the encoding back, as `js/validation_report.js` does (but for its cache).
    fn read(bytes: &[u8]) -> ValidationReport {
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let mut at = 6;
        let mut anomalies = Vec::new();
        for _ in 0..u32_at(2) {
            let severity = if bytes[at] == 0 { Severity::B } else { Severity::W };
            at += 1;
            let mut s = Vec::new();
            for _ in 0..4 {
                let (hash, len) = (u32_at(at), u32_at(at + 4));
                let text = &bytes[at + 8..at + 8 + len];
                assert_eq!(hash as u32, fnv1a(text));
                s.push(String::from_utf8(text.to_vec()).unwrap());
                at += 8 + len;
            }
            let [code, zone, path, message] = <[String; 4]>::try_from(s).unwrap();
            anomalies.push(Anomaly {
                code,
                zone,
                path,
                severity,
                message,
            });
        }
        assert_eq!(at, bytes.len());
        ValidationReport {
            valid: bytes[0] == 1,
            kind: DeclarationKind::ALL.get(usize::from(bytes[1])).copied(),
            anomalies,
        }
    }

    #[test]
    fn reports_read_back_as_written() {
        let options = crate::validate::ValidateOptions::new(crate::date::CivilDate::parse("2026-11-20").unwrap())
            .with_lang(crate::validate::Lang::Fr);
        let bodies = [
            serde_json::json!({}),
            serde_json::json!({"dimonaCancel": {"periodId": 1}}),
            serde_json::json!({"dimonaIn": {"startingDate": "x", "é\"\n": 1}, "worker": {"ssin": "1"}}),
        ];
        let mut out = vec![9; 3];
        for body in bodies {
            let report = crate::validate::validate(&body, &options);
            write_report(&report, &mut out);
            assert_eq!(read(&out), report);
        }
    }

    #[test]
    fn the_encoder_writes_what_write_report_writes_for_the_report() {
        let today = crate::date::CivilDate::parse("2026-11-20").unwrap();
        let bodies = [
            r#"{}"#,
            r#"null"#,
            r#"{"dimonaCancel":{"periodId":600050201853}}"#,
            r#"{"dimonaIn":{"startingDate":"x","features":{"workerType":"FLX","jointCommitteeNumber":1}},"worker":{"ssin":"1"}}"#,
            r#"{"employer":{"enterpriseNumber":"0411702543"},"worker":{"ssin":"65111899997"},"dimonaIn":{"startDate":"2026-11-23","features":{"workerType":"OTH","jointCommissionNumber":"XXX","colour":1}}}"#,
        ];
        let mut many = String::from(r#"{"dimonaOut":{"#);
        for i in 0..150 {
            many.push_str(&format!(r#""k{i}":1,"#));
        }
        many.push_str(r#""endDate":"x"}}"#);
        let mut expected = Vec::new();
        let mut got = vec![1, 2, 3];
        // Twice over: the second time, the messages come from those kept the first time.
        for text in bodies.iter().chain(&bodies).copied().chain([many.as_str()]) {
            for lang in [
                crate::validate::Lang::Nl,
                crate::validate::Lang::Fr,
                crate::validate::Lang::De,
                crate::validate::Lang::En,
            ] {
                let options = crate::validate::ValidateOptions::new(today).with_lang(lang);
                let mut tape = Vec::new();
                crate::validate::json::Json::parse(text).unwrap().write_tape(&mut tape);
                let report = crate::validate::validate_tape(&tape, &options);
                write_report(&report, &mut expected);
                let outcome = validate_tape_into(&tape, &options, &mut got);
                assert_eq!(got, expected, "{text}");
                assert_eq!(
                    (outcome.valid, outcome.kind, outcome.anomalies),
                    (report.valid, report.kind, report.anomalies.len())
                );
            }
        }
        // Bytes that are not one value: reported as unreadable, by both.
        let options = crate::validate::ValidateOptions::new(today);
        write_report(&crate::validate::validate_tape(&[9, 9], &options), &mut expected);
        validate_tape_into(&[9, 9], &options, &mut got);
        assert_eq!(got, expected);
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        // Published FNV-1a 32-bit test vectors.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
    }
}
