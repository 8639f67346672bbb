//! A report with anomalies as the JS `validate` hands it back: a compact binary encoding read by
//! `js/validation_report.js`, which builds the report object itself. No JSON text is written
//! here nor parsed there, and the strings JS has seen before (codes, messages, paths of a form
//! that is filled in keystroke by keystroke) are reused instead of decoded again.
//!
//! Little-endian throughout:
//!
//! | bytes | what |
//! |---|---|
//! | 1 | `valid`: 1 or 0 |
//! | 1 | the kind: its index in [`DeclarationKind::ALL`], or 255 for none |
//! | 4 | the number of anomalies |
//! | per anomaly | its flags (below), then, for a standard anomaly, its code as a number (4 bytes: `00910-003` as 910003) and its `path`; for any other, `code`, `zone`, `path`, `message`, each a string |
//!
//! The flags: bit 0 the severity (0 `B`, 1 `W`); bit 1 a standard anomaly, whose code is
//! `zzzzz-nnn`, whose zone is the code's first five characters and whose message is the code's
//! own in the language of bits 2 and 3 ([`LANGS`]): what JS reads as the code's number, and
//! whose message it asks [`standard_message`] for once per code and language. Most anomalies
//! are standard; those with a "did you mean" are not.
//!
//! A string is its FNV-1a hash (4 bytes, over its UTF-8), its length in bytes (4), then its
//! UTF-8. The hash only finds a candidate in the JS cache; the bytes decide.

use super::engine::{Outcome, Path, Sink};
use super::{glossary, messages, DeclarationKind, Lang, Severity, ValidateOptions, ValidationReport};

/// The languages by their number in an anomaly's flags.
pub const LANGS: [Lang; 4] = [Lang::Nl, Lang::Fr, Lang::De, Lang::En];

const WARNING_FLAG: u8 = 1;
const STANDARD_FLAG: u8 = 2;

/// An anomaly's flags byte.
fn flags(severity: Severity, standard: bool, lang: Lang) -> u8 {
    let lang = LANGS.iter().position(|&l| l == lang).unwrap_or(3) as u8;
    let warning = if severity == Severity::W { WARNING_FLAG } else { 0 };
    warning | if standard { STANDARD_FLAG } else { 0 } | lang << 2
}

/// The message of the code numbered `number` (`910003` for `00910-003`) in the language numbered
/// `lang` ([`LANGS`]): what a standard anomaly of the encoding says.
pub fn standard_message(number: u32, lang: u32) -> String {
    let code = format!("{:05}-{:03}", number / 1000, number % 1000);
    let lang = LANGS.get(lang as usize).copied().unwrap_or_default();
    messages::message(&code, lang)
}

/// The FNV-1a hash of `bytes`, 32 bits: what the JS side looks its cache up by.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5_u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Writes `report`, whose messages are in `lang`, in the encoding above into `out` (cleared
/// first).
pub fn write_report(report: &ValidationReport, lang: Lang, out: &mut Vec<u8>) {
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
        let standard = glossary::code_number(&a.code)
            .filter(|_| a.code.get(..5) == Some(a.zone.as_str()) && a.message == messages::message(&a.code, lang));
        out.push(flags(a.severity, standard.is_some(), lang));
        if let Some(number) = standard {
            push_u32_raw(out, number);
            push_str(out, &a.path);
            continue;
        }
        for s in [&a.code, &a.zone, &a.path, &a.message] {
            push_str(out, s);
        }
    }
}

/// The encoding written anomaly by anomaly as the rules find them, so that no [`Anomaly`] with
/// its four strings is built for a report JS reads anyway: the path (and a message with a
/// hint) is written into one reused string, then copied.
///
/// [`Anomaly`]: super::Anomaly
pub struct Encoder<'b> {
    out: &'b mut Vec<u8>,
    scratch: String,
}

impl Sink for Encoder<'_> {
    fn anomaly(&mut self, code: &str, severity: Severity, path: &Path, lang: Lang, hint: Option<&str>) {
        // A message with a hint is not the code's own.
        let standard = hint.is_none().then(|| glossary::code_number(code)).flatten();
        self.out.push(flags(severity, standard.is_some(), lang));
        self.scratch.clear();
        // Room for a usual path and message at once, instead of growing a byte count at a time.
        self.scratch.reserve(256);
        path.push_to(&mut self.scratch);
        if let Some(number) = standard {
            push_u32_raw(self.out, number);
            push_str(self.out, &self.scratch);
            return;
        }
        push_str(self.out, code);
        push_str(self.out, code.get(..5).unwrap_or(code));
        push_str(self.out, &self.scratch);
        self.scratch.clear();
        messages::push_message_with_hint(&mut self.scratch, code, lang, hint);
        push_str(self.out, &self.scratch);
    }
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

/// Writes a string: its hash, its length, its bytes.
fn push_str(out: &mut Vec<u8>, s: &str) {
    push_u32_raw(out, fnv1a(s.as_bytes()));
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
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        let string_at = |at: &mut usize| {
            let (hash, len) = (u32_at(*at), u32_at(*at + 4) as usize);
            let text = &bytes[*at + 8..*at + 8 + len];
            assert_eq!(hash, fnv1a(text));
            *at += 8 + len;
            String::from_utf8(text.to_vec()).unwrap()
        };
        let mut at = 6;
        let mut anomalies = Vec::new();
        for _ in 0..u32_at(2) {
            let flags = bytes[at];
            at += 1;
            let severity = if flags & WARNING_FLAG == 0 {
                Severity::B
            } else {
                Severity::W
            };
            if flags & STANDARD_FLAG != 0 {
                let number = u32_at(at);
                at += 4;
                let code = format!("{:05}-{:03}", number / 1000, number % 1000);
                let path = string_at(&mut at);
                anomalies.push(Anomaly {
                    zone: code[..5].to_string(),
                    message: standard_message(number, u32::from(flags >> 2)),
                    code,
                    path,
                    severity,
                });
                continue;
            }
            let [code, zone, path, message] = [(); 4].map(|_| string_at(&mut at));
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
    fn standard_messages_are_the_codes_own_in_each_language() {
        for (i, lang) in LANGS.into_iter().enumerate() {
            assert_eq!(
                standard_message(910_003, i as u32),
                messages::message("00910-003", lang)
            );
            assert_eq!(flags(Severity::W, true, lang) >> 2, i as u8);
        }
        assert_eq!(
            standard_message(90_372_001, 3),
            messages::message("90372-001", Lang::En)
        );
        // A language number out of range reads as the default language.
        assert_eq!(standard_message(910_003, 9), messages::message("00910-003", Lang::En));
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
            write_report(&report, options.lang, &mut out);
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
                write_report(&report, lang, &mut expected);
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
        write_report(
            &crate::validate::validate_tape(&[9, 9], &options),
            options.lang,
            &mut expected,
        );
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
