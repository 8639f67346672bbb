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

use super::{DeclarationKind, Severity, ValidationReport};

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
    out.push(
        report
            .kind
            .and_then(|k| DeclarationKind::ALL.iter().position(|&x| x == k))
            .map_or(255, |i| i as u8),
    );
    push_u32(out, report.anomalies.len());
    for a in &report.anomalies {
        out.push(match a.severity {
            Severity::B => 0,
            Severity::W => 1,
        });
        for s in [&a.code, &a.zone, &a.path, &a.message] {
            push_u32_raw(out, fnv1a(s.as_bytes()));
            push_u32(out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
    }
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
    fn the_hash_is_fnv_1a() {
        // Published FNV-1a 32-bit test vectors.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
    }
}
