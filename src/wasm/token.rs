//! The access token: none (a proxy adds it), a fixed string, or an async function asked again
//! once after a 401. Tokens never appear in errors or logs.

use futures::future::{select, Either};
use js_sys::{Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

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

    /// The token to send now (`None` in proxy mode).
    pub async fn current(&self) -> Result<Option<String>, TokenError> {
        match self {
            TokenSource::None => Ok(None),
            TokenSource::Fixed(t) => Ok(Some(t.clone())),
            TokenSource::Provider { function, cached } => {
                if let Some(t) = cached.borrow().clone() {
                    return Ok(Some(t));
                }
                let fresh = ask(function).await?;
                *cached.borrow_mut() = Some(fresh.clone());
                Ok(Some(fresh))
            }
        }
    }

    /// [`current`](Self::current), within `timeout_ms`: a provider whose promise never settles
    /// would otherwise hold the request, and its caller, for ever. `signal` cuts the wait short.
    pub async fn within(&self, timeout_ms: u64, signal: Option<&AbortSignal>) -> Result<Option<String>, TokenError> {
        if !matches!(self, TokenSource::Provider { .. }) {
            return self.current().await;
        }
        let asked = self.current();
        let limit = super::sleep::sleep(timeout_ms, signal);
        futures::pin_mut!(asked, limit);
        match select(asked, limit).await {
            Either::Left((token, _)) => token,
            Either::Right((true, _)) => Err(TokenError(
                "the accessToken function did not settle within requestTimeoutMs",
            )),
            Either::Right((false, _)) => Err(TokenError("aborted while waiting for the accessToken function")),
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

async fn ask(function: &Function) -> Result<String, TokenError> {
    let returned = function
        .call0(&JsValue::UNDEFINED)
        .map_err(|_| TokenError("the accessToken function threw"))?;
    let value = match returned.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|_| TokenError("the accessToken promise was rejected"))?,
        Err(plain) => plain,
    };
    match super::convert::as_short_string(&value, MAX_TOKEN_LEN) {
        Some(s) if !s.trim().is_empty() && is_header_safe(&s) => Ok(s.trim().to_string()),
        _ => Err(TokenError("the accessToken function did not return a non-empty string")),
    }
}

/// A token goes into a header: printable ASCII only.
fn is_header_safe(s: &str) -> bool {
    s.trim().bytes().all(|b| (0x21..=0x7e).contains(&b))
}
