//! The official glossary's zones, blocks and anomaly codes, as generated tables
//! ([`super::glossary_data`]), and look-ups over them.

use super::glossary_data::{ANOMALY_CODES, ANOMALY_LABEL, ANOMALY_LABELS, BLOCKS, LABELS, ZONES};
use super::Severity;

/// One anomaly of the glossary: code, Dutch label, severity.
pub type ZoneAnomaly = (&'static str, &'static str, Severity);

/// A zone (field) of the glossary, merged over the functional blocks it appears in.
#[derive(Debug)]
pub struct GlossaryZone {
    /// Zone number (`00910`).
    pub code: &'static str,
    /// Dutch title (`DATUM BEGIN`).
    pub label_nl: &'static str,
    /// Name in the XML channel (`StartingDate`).
    pub xml_label: &'static str,
    /// Numeric (`true`) or alphanumeric.
    pub numeric: bool,
    /// Maximum length in the XML channel.
    pub length: u32,
    /// Format as the glossary writes it (`JJJJ-MM-DD`).
    pub format: &'static str,
    /// Allowed domain, in the glossary's Dutch words.
    pub domain_nl: &'static str,
    /// Functional blocks (Dutch names) the zone belongs to.
    pub blocks_nl: &'static [&'static str],
    /// JSON paths of the REST body that carry the zone.
    pub paths: &'static [&'static str],
    /// The zone's anomalies.
    pub anomalies: &'static [ZoneAnomaly],
}

/// A functional block of the glossary.
#[derive(Debug)]
pub struct GlossaryBlock {
    /// Block number (`90373`).
    pub code: &'static str,
    /// Dutch name.
    pub label_nl: &'static str,
    /// Name in the XML channel (`DimonaIn`).
    pub xml_label: &'static str,
    /// Presence rule, in the glossary's Dutch words.
    pub presence_nl: &'static str,
    /// JSON paths of the REST body that carry the block.
    pub paths: &'static [&'static str],
    /// The block's anomalies.
    pub anomalies: &'static [ZoneAnomaly],
}

/// An anomaly code of the glossary: its Dutch label and severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlossaryAnomaly {
    /// Dutch label (`Niet aanwezig`).
    pub label_nl: &'static str,
    /// Severity (`NP` in the glossary is a warning).
    pub severity: Severity,
}

/// Marks a non-blocking code in [`super::glossary_data::ANOMALY_CODES`].
pub const WARNING_BIT: u32 = 1 << 31;

/// `zzzzz-nnn` as the number `zzzzznnn`.
pub fn code_number(code: &str) -> Option<u32> {
    let b = code.as_bytes();
    if b.len() != 9 || b[5] != b'-' {
        return None;
    }
    b.iter()
        .enumerate()
        .filter(|(i, _)| *i != 5)
        .try_fold(0u32, |n, (_, &d)| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
}

/// Orders two codes (`00910-003`, `00910`) as `str::cmp` does, without a call to `memcmp`: the
/// first eight bytes are compared as one big-endian integer, the rest byte by byte. Every
/// anomaly reported costs a few table searches, so this is on the hot path of validation.
pub fn code_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn head(s: &[u8]) -> u64 {
        let mut buf = [0u8; 8];
        let n = s.len().min(8);
        buf[..n].copy_from_slice(&s[..n]);
        u64::from_be_bytes(buf)
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Zero padding orders a prefix first only up to a NUL byte; the lengths settle that case.
    head(a).cmp(&head(b)).then_with(|| {
        let (ta, tb) = (a.get(8..).unwrap_or(&[]), b.get(8..).unwrap_or(&[]));
        for (x, y) in ta.iter().zip(tb) {
            if x != y {
                return x.cmp(y);
            }
        }
        a.len().min(8).cmp(&b.len().min(8)).then(ta.len().cmp(&tb.len()))
    })
}

/// The glossary's anomaly with this code, for the zones and blocks a REST body carries.
pub fn anomaly(code: &str) -> Option<GlossaryAnomaly> {
    let n = code_number(code)?;
    let i = ANOMALY_CODES.binary_search_by(|c| (c & !WARNING_BIT).cmp(&n)).ok()?;
    let label = ANOMALY_LABELS.get(usize::from(*ANOMALY_LABEL.get(i)?))?;
    let severity = if ANOMALY_CODES[i] & WARNING_BIT == 0 {
        Severity::B
    } else {
        Severity::W
    };
    Some(GlossaryAnomaly {
        label_nl: label,
        severity,
    })
}

/// The glossary's zone with this number.
pub fn zone(code: &str) -> Option<&'static GlossaryZone> {
    ZONES
        .binary_search_by(|z| code_cmp(z.code, code))
        .ok()
        .and_then(|i| ZONES.get(i))
}

/// The glossary's block with this number.
pub fn block(code: &str) -> Option<&'static GlossaryBlock> {
    BLOCKS
        .binary_search_by(|b| code_cmp(b.code, code))
        .ok()
        .and_then(|i| BLOCKS.get(i))
}

/// The Dutch title of a zone or block.
pub fn label_nl(code: &str) -> Option<&'static str> {
    LABELS
        .binary_search_by(|(c, _)| c.cmp(&code))
        .ok()
        .and_then(|i| LABELS.get(i))
        .map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_cmp_orders_as_str_does() {
        let codes = [
            "",
            "0",
            "00910",
            "00910-003",
            "00910-00",
            "00911",
            "90372-001",
            "9037",
            "a",
            "é",
            "0091\u{0}",
            "00910-003-and-more",
            "00910-003-and-mor",
            "zzzzzzzzzzzzzzzzz",
        ];
        for a in codes {
            for b in codes {
                assert_eq!(code_cmp(a, b), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn tables_are_sorted_and_complete() {
        assert!(ZONES.windows(2).all(|w| w[0].code < w[1].code));
        assert!(BLOCKS.windows(2).all(|w| w[0].code < w[1].code));
        assert!(ANOMALY_CODES
            .windows(2)
            .all(|w| (w[0] & !WARNING_BIT) < (w[1] & !WARNING_BIT)));
        assert_eq!(ANOMALY_CODES.len(), ANOMALY_LABEL.len());
        assert_eq!(anomaly("00910-001").map(|a| a.label_nl), Some("Niet aanwezig"));
        assert!(anomaly("00910-0a1").is_none() && anomaly("00910001").is_none());
        assert!(LABELS.windows(2).all(|w| w[0].0 < w[1].0));
        for z in ZONES.iter().filter(|z| !z.paths.is_empty()) {
            assert_eq!(label_nl(z.code), Some(z.label_nl));
        }
        for b in BLOCKS.iter().filter(|b| zone(b.code).is_none() && !b.paths.is_empty()) {
            assert_eq!(label_nl(b.code), Some(b.label_nl));
        }
        assert_eq!(anomaly("00778-345").map(|a| a.severity), Some(Severity::B));
        assert_eq!(anomaly("90373-460").map(|a| a.severity), Some(Severity::W));
        assert_eq!(zone("00910").map(|z| z.xml_label), Some("StartingDate"));
        assert_eq!(block("90374").map(|b| b.xml_label), Some("DimonaFeatures"));
        assert!(anomaly("99999-999").is_none());
    }
}
