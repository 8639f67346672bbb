//! Loading the RSA private key of the REST channel from a PEM file (PKCS#8 `PRIVATE KEY` or
//! PKCS#1 `RSA PRIVATE KEY`). Errors never quote the file's content.

use base64::Engine;
use ring::signature::RsaKeyPair;
use std::fmt;
use std::path::Path;

/// Why a key could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The file could not be read (kind of I/O error).
    Unreadable(std::io::ErrorKind),
    /// No PEM private key block in the file.
    NoPrivateKey,
    /// The key is encrypted: decrypt it first (`openssl pkey -in enc.pem -out key.pem`).
    Encrypted,
    /// The block's base64 is broken.
    BadBase64,
    /// Not an RSA key ring accepts (needs 2048–8192 bits); the reason is ring's fixed text.
    Rejected(String),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Unreadable(kind) => write!(f, "cannot read the private key file ({kind})"),
            KeyError::NoPrivateKey => {
                f.write_str("no PEM private key (PRIVATE KEY or RSA PRIVATE KEY) in the key file")
            }
            KeyError::Encrypted => {
                f.write_str("the private key is encrypted; store it decrypted, readable only by you")
            }
            KeyError::BadBase64 => f.write_str("the PEM block of the private key is not valid base64"),
            KeyError::Rejected(why) => write!(f, "the private key is not a usable RSA key ({why})"),
        }
    }
}

impl std::error::Error for KeyError {}

/// The PEM labels understood, and whether the DER is PKCS#8 (else PKCS#1).
const LABELS: &[(&str, bool)] = &[("PRIVATE KEY", true), ("RSA PRIVATE KEY", false)];
const ENCRYPTED_LABEL: &str = "ENCRYPTED PRIVATE KEY";

/// Reads and parses the key file.
pub fn load_key_file(path: &Path) -> Result<RsaKeyPair, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|e| KeyError::Unreadable(e.kind()))?;
    parse_rsa_key(&text)
}

/// Parses the first private key block of a PEM text.
pub fn parse_rsa_key(pem: &str) -> Result<RsaKeyPair, KeyError> {
    if pem.contains(&format!("-----BEGIN {ENCRYPTED_LABEL}-----")) || pem.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(KeyError::Encrypted);
    }
    for (label, pkcs8) in LABELS {
        let Some(b64) = block(pem, label) else { continue };
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| KeyError::BadBase64)?;
        let parsed = if *pkcs8 {
            RsaKeyPair::from_pkcs8(&der)
        } else {
            RsaKeyPair::from_der(&der)
        };
        return parsed.map_err(|e| KeyError::Rejected(e.to_string()));
    }
    Err(KeyError::NoPrivateKey)
}

/// The base64 between `-----BEGIN label-----` and `-----END label-----`, whitespace removed.
fn block(pem: &str, label: &str) -> Option<String> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = start + pem[start..].find(&end)?;
    Some(pem[start..stop].chars().filter(|c| !c.is_whitespace()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_key() {
        assert_eq!(parse_rsa_key("hello").err(), Some(KeyError::NoPrivateKey));
        assert_eq!(
            parse_rsa_key("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----").err(),
            Some(KeyError::Encrypted)
        );
        assert_eq!(
            parse_rsa_key("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----").err(),
            Some(KeyError::BadBase64)
        );
        assert!(matches!(
            parse_rsa_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
            Err(KeyError::Rejected(_))
        ));
    }

    #[test]
    fn errors_do_not_quote_the_file() {
        let secret_looking = "-----BEGIN RSA PRIVATE KEY-----\nTUlJRXBBSUJBQUtDQVFFQQ==\n-----END RSA PRIVATE KEY-----";
        let e = parse_rsa_key(secret_looking)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!e.contains("TUlJ"), "{e}");
    }
}
