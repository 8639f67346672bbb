//! OAuth2 client-credentials tokens for the RSZ, obtained with a `private_key_jwt` client
//! assertion, cached until shortly before they expire, renewed when the RSZ rejects one.
//!
//! The cache logic is pure (time passed as values) so its schedule is tested without waiting.

use crate::jwt::{random_jti, sign, AssertionClaims};
use ring::rand::SystemRandom;
use ring::signature::RsaKeyPair;
use serde::Deserialize;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::Mutex;

/// The RSZ's token endpoint (the same for the simulation and production environments).
pub const RSZ_TOKEN_URL: &str = "https://services.socialsecurity.be/REST/oauth/v5/token";
/// `client_assertion_type` of RFC 7523.
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// Renew this long before expiry at most, so a token never expires on its way to the RSZ.
const MAX_EXPIRY_MARGIN_MS: u64 = 60_000;
/// Lifetime assumed when the token endpoint does not say.
const DEFAULT_EXPIRES_IN_SECS: u64 = 60;
/// Longest wait for the token endpoint.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// An access token. Its `Debug` hides the value so it cannot slip into a log.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// The token, for the `Authorization` header only.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(…)")
    }
}

/// A token and when to stop using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedToken {
    /// The token.
    pub token: AccessToken,
    /// When it expires (ms since the epoch).
    pub expires_at_ms: u64,
    /// From when it is renewed instead of used (ms since the epoch).
    pub renew_at_ms: u64,
}

impl CachedToken {
    /// A token received at `now_ms` that lives `expires_in_secs`: renewed a margin before
    /// expiry (a minute, or half the lifetime for short-lived tokens).
    pub fn received(token: AccessToken, now_ms: u64, expires_in_secs: u64) -> Self {
        let lifetime = expires_in_secs.saturating_mul(1000);
        let margin = (lifetime / 2).min(MAX_EXPIRY_MARGIN_MS);
        CachedToken {
            token,
            expires_at_ms: now_ms.saturating_add(lifetime),
            renew_at_ms: now_ms.saturating_add(lifetime - margin),
        }
    }

    /// Whether the token may still be used at `now_ms`.
    pub fn usable_at(&self, now_ms: u64) -> bool {
        now_ms < self.renew_at_ms
    }
}

/// Why no token could be obtained. Never carries the token, the assertion or the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// The client assertion could not be signed.
    Sign,
    /// The token endpoint could not be reached.
    Unreachable,
    /// The token endpoint refused, with its HTTP status and OAuth `error` code when given.
    Refused(u16, Option<String>),
    /// The answer was not a bearer token.
    BadAnswer,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Sign => f.write_str("could not sign the client assertion"),
            TokenError::Unreachable => f.write_str("the token endpoint could not be reached"),
            TokenError::Refused(status, Some(code)) => write!(f, "the token endpoint refused ({status}, {code})"),
            TokenError::Refused(status, None) => write!(f, "the token endpoint refused ({status})"),
            TokenError::BadAnswer => f.write_str("the token endpoint did not answer with a bearer token"),
        }
    }
}

impl std::error::Error for TokenError {}

/// Who asks for tokens, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSettings {
    /// Token endpoint URL.
    pub token_url: String,
    /// `aud` of the assertion (the token endpoint URL unless told otherwise).
    pub audience: String,
    /// Client id of the REST channel.
    pub client_id: String,
    /// Space-separated scopes, or `None` for the client's default scopes.
    pub scope: Option<String>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
}

/// Obtains and caches tokens. One fetch at a time: concurrent callers wait for it.
pub struct TokenProvider {
    settings: TokenSettings,
    key: RsaKeyPair,
    rng: SystemRandom,
    http: reqwest::Client,
    cache: Mutex<Option<CachedToken>>,
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenProvider")
            .field("token_url", &self.settings.token_url)
            .finish_non_exhaustive()
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl TokenProvider {
    /// A provider signing with `key`.
    pub fn new(settings: TokenSettings, key: RsaKeyPair) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(TOKEN_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(TokenProvider {
            settings,
            key,
            rng: SystemRandom::new(),
            http,
            cache: Mutex::new(None),
        })
    }

    /// A usable token: the cached one, or a new one.
    pub async fn token(&self) -> Result<AccessToken, TokenError> {
        let mut cache = self.cache.lock().await;
        let now = now_ms();
        if let Some(cached) = cache.as_ref().filter(|c| c.usable_at(now)) {
            return Ok(cached.token.clone());
        }
        let fresh = self.fetch(now).await?;
        let token = fresh.token.clone();
        *cache = Some(fresh);
        Ok(token)
    }

    /// The RSZ refused `rejected` (401): forget it (unless another request already renewed
    /// it) and get a token again.
    pub async fn renew_after_rejection(&self, rejected: &AccessToken) -> Result<AccessToken, TokenError> {
        {
            let mut cache = self.cache.lock().await;
            if cache.as_ref().is_some_and(|c| &c.token == rejected) {
                *cache = None;
            }
        }
        self.token().await
    }

    async fn fetch(&self, now: u64) -> Result<CachedToken, TokenError> {
        let claims = AssertionClaims::new(
            &self.settings.client_id,
            &self.settings.audience,
            now / 1000,
            random_jti(&self.rng).map_err(|_| TokenError::Sign)?,
        );
        let assertion = sign(&claims, &self.key, &self.rng).map_err(|_| TokenError::Sign)?;
        let mut form = vec![
            ("grant_type", "client_credentials"),
            ("client_assertion_type", ASSERTION_TYPE),
            ("client_assertion", assertion.as_str()),
        ];
        if let Some(scope) = &self.settings.scope {
            form.push(("scope", scope.as_str()));
        }
        let answer = self
            .http
            .post(&self.settings.token_url)
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|_| TokenError::Unreachable)?;
        let status = answer.status().as_u16();
        let body = answer.bytes().await.map_err(|_| TokenError::Unreachable)?;
        read_token_answer(status, &body, now_ms())
    }
}

/// Reads the token endpoint's answer (its status and body) received at `now_ms`: a bearer token
/// with its lifetime, or why not. Errors repeat at most the status and an OAuth error code, never
/// the body.
pub fn read_token_answer(status: u16, body: &[u8], now_ms: u64) -> Result<CachedToken, TokenError> {
    if status != 200 {
        let code = serde_json::from_slice::<OAuthError>(body)
            .ok()
            .map(|e| e.error)
            .filter(|c| is_oauth_error_code(c));
        return Err(TokenError::Refused(status, code));
    }
    // RFC 6749 §5.1: a JSON object, and JSON is UTF-8 (serde alone would also take an array, and
    // bytes that are not UTF-8 inside a member it skips).
    let text = std::str::from_utf8(body).map_err(|_| TokenError::BadAnswer)?;
    if !text.trim_start().starts_with('{') {
        return Err(TokenError::BadAnswer);
    }
    let answer: TokenAnswer = serde_json::from_str(text).map_err(|_| TokenError::BadAnswer)?;
    let bearer = answer
        .token_type
        .as_deref()
        .is_none_or(|t| t.eq_ignore_ascii_case("bearer"));
    if !bearer || answer.access_token.is_empty() || !is_header_safe(&answer.access_token) {
        return Err(TokenError::BadAnswer);
    }
    Ok(CachedToken::received(
        AccessToken(answer.access_token),
        now_ms,
        answer.expires_in.unwrap_or(DEFAULT_EXPIRES_IN_SECS),
    ))
}

/// OAuth error codes are short ASCII words (RFC 6749 §5.2); anything else is not repeated.
fn is_oauth_error_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 64 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A token must fit in a header value unchanged.
fn is_header_safe(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(s: &str) -> AccessToken {
        AccessToken(s.into())
    }

    #[test]
    fn renewed_a_minute_before_expiry() {
        let c = CachedToken::received(token("t"), 1_000_000, 3600);
        assert!(c.usable_at(1_000_000));
        assert!(c.usable_at(1_000_000 + 3_539_999));
        assert!(!c.usable_at(1_000_000 + 3_540_000));
        assert_eq!(c.expires_at_ms, 1_000_000 + 3_600_000);
    }

    #[test]
    fn short_tokens_renewed_at_half_life() {
        let c = CachedToken::received(token("t"), 0, 10);
        assert!(c.usable_at(4_999));
        assert!(!c.usable_at(5_000));
        let zero = CachedToken::received(token("t"), 0, 0);
        assert!(!zero.usable_at(0));
    }

    #[test]
    fn debug_hides_the_token() {
        let c = CachedToken::received(token("very-secret"), 0, 10);
        assert!(!format!("{c:?}").contains("very-secret"));
    }

    #[test]
    fn reads_a_bearer_token_from_a_json_object_only() {
        let ok = read_token_answer(
            200,
            br#"{"access_token":"abc","token_type":"Bearer","expires_in":10}"#,
            0,
        );
        assert_eq!(
            ok.map(|c| (c.token.secret().to_string(), c.expires_at_ms)),
            Ok(("abc".into(), 10_000))
        );
        for bad in [
            &br#"["abc","Bearer",10]"#[..],
            b"{\"access_token\":\"abc\",\"x\":\"\xff\"}",
            br#"{"access_token":"abc","token_type":"mac"}"#,
            br#"{"access_token":"a b"}"#,
        ] {
            assert_eq!(read_token_answer(200, bad, 0), Err(TokenError::BadAnswer));
        }
        assert_eq!(
            read_token_answer(400, br#"{"error":"invalid_client"}"#, 0),
            Err(TokenError::Refused(400, Some("invalid_client".into())))
        );
    }

    #[test]
    fn errors_repeat_only_oauth_codes() {
        assert!(is_oauth_error_code("invalid_client"));
        assert!(!is_oauth_error_code("<script>"));
        assert!(!is_oauth_error_code(""));
        assert_eq!(
            TokenError::Refused(400, Some("invalid_client".into())).to_string(),
            "the token endpoint refused (400, invalid_client)"
        );
    }
}
