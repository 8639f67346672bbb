//! The access token: none (a proxy adds it), a fixed string, or an async function asked again
//! once after a 401. Tokens never appear in errors or logs.

use js_sys::{Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/token.js")]
extern "C" {
    #[wasm_bindgen(js_name = askToken)]
    fn ask_token(function: &Function, ms: f64, signal: Option<&AbortSignal>) -> Promise;
}

/// Why `askToken` (`js/token.js`) had no token, by the index it rejects with.
const NO_TOKEN: [&str; 4] = [
    "the accessToken function threw",
    "the accessToken promise was rejected",
    "the accessToken function did not settle within requestTimeoutMs",
    "aborted while waiting for the accessToken function",
];

/// A token longer than this is not a token.
const MAX_TOKEN_LEN: u32 = 16 * 1024;

/// Where the bearer token comes from.
pub enum TokenSource {
    /// No `Authorization` header (proxy mode).
    None,
    /// A fixed token.
    Fixed(String),
    /// `() => Promise<string>` (or a plain string), asked when needed and once more after a 401.
    Provider {
        function: Function,
        cached: RefCell<Option<String>>,
    },
}

/// Why a token could not be had (never contains the token).
pub struct TokenError(pub &'static str);

impl TokenSource {
    /// Reads the `accessToken` option.
    pub fn from_option(value: &JsValue) -> Result<TokenSource, TokenError> {
        if value.is_undefined() || value.is_null() {
            return Ok(TokenSource::None);
        }
        if let Some(function) = value.dyn_ref::<Function>() {
            return Ok(TokenSource::Provider {
                function: function.clone(),
                cached: RefCell::new(None),
            });
        }
        match super::convert::as_short_string(value, MAX_TOKEN_LEN) {
            Some(s) if !s.trim().is_empty() && is_header_safe(&s) => Ok(TokenSource::Fixed(s.trim().to_string())),
            _ => Err(TokenError(
                "accessToken must be a non-empty string or a function returning a Promise of one",
            )),
        }
    }

    /// The token to send now (`None` in proxy mode). A provider may take up to `timeout_ms`;
    /// `signal` cuts the wait short.
    pub async fn current(&self, timeout_ms: u64, signal: Option<&AbortSignal>) -> Result<Option<String>, TokenError> {
        match self {
            TokenSource::None => Ok(None),
            TokenSource::Fixed(t) => Ok(Some(t.clone())),
            TokenSource::Provider { function, cached } => {
                if let Some(t) = cached.borrow().clone() {
                    return Ok(Some(t));
                }
                let fresh = ask(function, timeout_ms, signal).await?;
                *cached.borrow_mut() = Some(fresh.clone());
                Ok(Some(fresh))
            }
        }
    }

    /// Forgets the cached token so that the next request asks the provider again. Returns false
    /// when refreshing cannot help (no provider).
    pub fn invalidate(&self) -> bool {
        match self {
            TokenSource::Provider { cached, .. } => {
                cached.borrow_mut().take();
                true
            }
            _ => false,
        }
    }
}

async fn ask(function: &Function, timeout_ms: u64, signal: Option<&AbortSignal>) -> Result<String, TokenError> {
    let value = JsFuture::from(ask_token(function, timeout_ms as f64, signal))
        .await
        .map_err(|why| TokenError(NO_TOKEN[why.as_f64().unwrap_or(1.0) as usize % NO_TOKEN.len()]))?;
    match super::convert::as_short_string(&value, MAX_TOKEN_LEN) {
        Some(s) if !s.trim().is_empty() && is_header_safe(&s) => Ok(s.trim().to_string()),
        _ => Err(TokenError("the accessToken function did not return a non-empty string")),
    }
}

/// A token goes into a header: printable ASCII only.
fn is_header_safe(s: &str) -> bool {
    s.trim().bytes().all(|b| (0x21..=0x7e).contains(&b))
}
