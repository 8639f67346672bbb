//! The OAuth2 client assertion (`private_key_jwt`, RFC 7523): an RS256 JWT whose issuer and
//! subject are the client id and whose audience is the token endpoint.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde::{Deserialize, Serialize};

/// How long an assertion stays valid. Short: it is used once, right away.
pub const ASSERTION_LIFETIME_SECS: u64 = 60;

/// The claims of a client assertion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssertionClaims {
    /// Issuer: the client id.
    pub iss: String,
    /// Subject: the client id.
    pub sub: String,
    /// Audience: the token endpoint URL.
    pub aud: String,
    /// Unique id of this assertion.
    pub jti: String,
    /// Issued at (seconds since the epoch).
    pub iat: u64,
    /// Expiry (seconds since the epoch).
    pub exp: u64,
}

impl AssertionClaims {
    /// The claims for `client_id` at `now_secs`, valid for [`ASSERTION_LIFETIME_SECS`].
    pub fn new(client_id: &str, audience: &str, now_secs: u64, jti: String) -> Self {
        AssertionClaims {
            iss: client_id.to_string(),
            sub: client_id.to_string(),
            aud: audience.to_string(),
            jti,
            iat: now_secs,
            exp: now_secs.saturating_add(ASSERTION_LIFETIME_SECS),
        }
    }
}

/// Signing failed (ring reports no detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignError;

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("could not sign the client assertion")
    }
}

impl std::error::Error for SignError {}

/// A fresh random `jti` (128 bits, hex).
pub fn random_jti(rng: &SystemRandom) -> Result<String, SignError> {
    let mut bytes = [0u8; 16];
    rng.fill(&mut bytes).map_err(|_| SignError)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `header.claims.signature`, RS256.
pub fn sign(claims: &AssertionClaims, key: &RsaKeyPair, rng: &SystemRandom) -> Result<String, SignError> {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let payload = serde_json::to_vec(claims).map_err(|_| SignError)?;
    let signing_input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(payload));
    let mut signature = vec![0u8; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, rng, signing_input.as_bytes(), &mut signature)
        .map_err(|_| SignError)?;
    Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_follow_the_client_id_and_audience() {
        let c = AssertionClaims::new("self_service_expeditor_1", "https://t/token", 1_000, "j".into());
        assert_eq!(c.iss, c.sub);
        assert_eq!(c.aud, "https://t/token");
        assert_eq!(c.exp - c.iat, ASSERTION_LIFETIME_SECS);
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""iss":"self_service_expeditor_1""#));
    }

    #[test]
    fn jti_is_random_hex() {
        let rng = SystemRandom::new();
        let a = random_jti(&rng).unwrap();
        let b = random_jti(&rng).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
