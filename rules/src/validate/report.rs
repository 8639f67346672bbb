//! The validation report: an ordered, flat list of anomalies with official codes.

use crate::date::CivilDate;
use serde::{Deserialize, Serialize};

/// Language of anomaly messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch (the glossary's own labels).
    Nl,
    /// French.
    Fr,
    /// German.
    De,
    /// English (default).
    #[default]
    En,
}

impl Lang {
    /// Parses `nl`, `fr`, `de`, `en` (case-insensitive, region ignored: `fr-BE`).
    pub fn parse(s: &str) -> Option<Lang> {
        let code = s.trim().get(..2)?.to_ascii_lowercase();
        match code.as_str() {
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Severity of an anomaly, as the glossary grades it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Severity {
    /// Blocking: the RSZ would refuse the declaration (result B).
    B,
    /// Warning: accepted with warnings (result W); the glossary's "NP".
    W,
}

/// The seven declaration kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum DeclarationKind {
    /// `dimonaIn`
    DimonaIn,
    /// `dimonaOut`
    DimonaOut,
    /// `dimonaUpdate`
    DimonaUpdate,
    /// `dimonaCancel`
    DimonaCancel,
    /// `dailyRegistrationIn`
    DailyRegistrationIn,
    /// `dailyRegistrationUpdate`
    DailyRegistrationUpdate,
    /// `dailyRegistrationCancel`
    DailyRegistrationCancel,
}

impl DeclarationKind {
    /// All seven, in the order of the functional documentation.
    pub const ALL: [DeclarationKind; 7] = [
        DeclarationKind::DimonaIn,
        DeclarationKind::DimonaOut,
        DeclarationKind::DimonaUpdate,
        DeclarationKind::DimonaCancel,
        DeclarationKind::DailyRegistrationIn,
        DeclarationKind::DailyRegistrationUpdate,
        DeclarationKind::DailyRegistrationCancel,
    ];

    /// The JSON key of the kind's block (`dimonaIn`).
    pub fn block_key(self) -> &'static str {
        match self {
            DeclarationKind::DimonaIn => "dimonaIn",
            DeclarationKind::DimonaOut => "dimonaOut",
            DeclarationKind::DimonaUpdate => "dimonaUpdate",
            DeclarationKind::DimonaCancel => "dimonaCancel",
            DeclarationKind::DailyRegistrationIn => "dailyRegistrationIn",
            DeclarationKind::DailyRegistrationUpdate => "dailyRegistrationUpdate",
            DeclarationKind::DailyRegistrationCancel => "dailyRegistrationCancel",
        }
    }

    /// The kind whose block is called `key`.
    pub fn from_block_key(key: &str) -> Option<DeclarationKind> {
        // A match rather than a search of `ALL`: every root key of every body goes through here.
        match key {
            "dimonaIn" => Some(DeclarationKind::DimonaIn),
            "dimonaOut" => Some(DeclarationKind::DimonaOut),
            "dimonaUpdate" => Some(DeclarationKind::DimonaUpdate),
            "dimonaCancel" => Some(DeclarationKind::DimonaCancel),
            "dailyRegistrationIn" => Some(DeclarationKind::DailyRegistrationIn),
            "dailyRegistrationUpdate" => Some(DeclarationKind::DailyRegistrationUpdate),
            "dailyRegistrationCancel" => Some(DeclarationKind::DailyRegistrationCancel),
            _ => None,
        }
    }

    /// The name used in reports (`DimonaIn`).
    pub fn as_str(self) -> &'static str {
        match self {
            DeclarationKind::DimonaIn => "DimonaIn",
            DeclarationKind::DimonaOut => "DimonaOut",
            DeclarationKind::DimonaUpdate => "DimonaUpdate",
            DeclarationKind::DimonaCancel => "DimonaCancel",
            DeclarationKind::DailyRegistrationIn => "DailyRegistrationIn",
            DeclarationKind::DailyRegistrationUpdate => "DailyRegistrationUpdate",
            DeclarationKind::DailyRegistrationCancel => "DailyRegistrationCancel",
        }
    }
}

/// One problem found in a body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Anomaly {
    /// Official code `zzzzz-nnn` (`00910-003`), as the RSZ returns it in `errorId`.
    pub code: String,
    /// The zone or block (`00910`).
    pub zone: String,
    /// Where in the body (`dimonaIn.startDate`, `worker.ssin`).
    pub path: String,
    /// `B` blocking, `W` warning.
    pub severity: Severity,
    /// Explanation in the requested language; never echoes an SSIN or a name.
    pub message: String,
}

/// The outcome of [`crate::validate()`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ValidationReport {
    /// True when no anomaly is blocking.
    pub valid: bool,
    /// The declaration kind, when the body has exactly one declaration block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DeclarationKind>,
    /// Anomalies, ordered by their position in the body; deterministic.
    pub anomalies: Vec<Anomaly>,
}

impl ValidationReport {
    /// The blocking anomalies.
    pub fn blocking(&self) -> impl Iterator<Item = &Anomaly> {
        self.anomalies.iter().filter(|a| a.severity == Severity::B)
    }

    /// The report as JSON text, exactly as `serde_json::to_string` writes it. Written by hand
    /// because the JS `validate` returns a report on every keystroke: this is several times
    /// faster than the generic serializer in the size-optimised wasm, and smaller.
    pub fn to_json_text(&self) -> String {
        let mut out = String::with_capacity(48 + self.anomalies.len() * 160);
        out.push_str(if self.valid {
            "{\"valid\":true"
        } else {
            "{\"valid\":false"
        });
        if let Some(kind) = self.kind {
            out.push_str(",\"kind\":\"");
            out.push_str(kind.as_str());
            out.push('"');
        }
        out.push_str(",\"anomalies\":[");
        for (i, a) in self.anomalies.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            for (j, (key, value)) in [
                ("code", a.code.as_str()),
                ("zone", a.zone.as_str()),
                ("path", a.path.as_str()),
                ("severity", a.severity.as_str()),
                ("message", a.message.as_str()),
            ]
            .into_iter()
            .enumerate()
            {
                out.push_str(if j == 0 { "{\"" } else { ",\"" });
                out.push_str(key);
                out.push_str("\":");
                push_json_string(&mut out, value);
            }
            out.push('}');
        }
        out.push_str("]}");
        out
    }
}

impl Severity {
    /// `"B"` or `"W"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::B => "B",
            Severity::W => "W",
        }
    }
}

/// A JSON string literal, escaped as `serde_json` does it.
fn push_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Context of a validation: the date rules are relative to, and the message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidateOptions {
    /// "Today" for date rules (start date domain, FLX and article 17 advance limits).
    pub today: CivilDate,
    /// Language of the messages.
    pub lang: Lang,
}

impl ValidateOptions {
    /// Options for `today`, messages in English.
    pub fn new(today: CivilDate) -> Self {
        ValidateOptions { today, lang: Lang::En }
    }

    /// Same options, messages in `lang`.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_keys_round_trip() {
        for kind in DeclarationKind::ALL {
            assert_eq!(DeclarationKind::from_block_key(kind.block_key()), Some(kind));
        }
        assert_eq!(DeclarationKind::from_block_key("DimonaIn"), None);
    }

    #[test]
    fn json_text_is_what_serde_writes() {
        let anomaly = |code: &str, path: &str, message: &str, severity| Anomaly {
            code: code.into(),
            zone: code[..5].into(),
            path: path.into(),
            severity,
            message: message.into(),
        };
        let reports = [
            ValidationReport {
                valid: true,
                kind: Some(DeclarationKind::DailyRegistrationIn),
                anomalies: vec![],
            },
            ValidationReport {
                valid: false,
                kind: None,
                anomalies: vec![
                    anomaly(
                        "00910-003",
                        "dimonaIn.startDate",
                        "Datum begin : valeur « invalide »",
                        Severity::B,
                    ),
                    anomaly(
                        "90372-089",
                        "a\"b\\c\u{1}\u{1f}\n\t\r\u{8}\u{c}\u{7f}é…",
                        "x",
                        Severity::W,
                    ),
                ],
            },
        ];
        for report in reports {
            assert_eq!(report.to_json_text(), serde_json::to_string(&report).unwrap());
        }
    }
}
