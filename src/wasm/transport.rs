//! Performing a request: browser/Node `fetch` through gloo-net, or the simulator compiled into
//! the package (`baseUrl: "sim:"`). Both answer with the core's plain values.

use crate::http::{HttpRequest, HttpResponse, Method, TransportError};
use crate::sim::{SimConfig, SimReply, Simulator};
use std::cell::RefCell;
use web_sys::AbortSignal;

/// Response bodies larger than this are not read (no Dimona answer comes close).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Where requests go.
pub enum Transport {
    /// `fetch` to `base_url` (no trailing slash); a request without an answer after `timeout_ms`
    /// is given up as lost on the way.
    Fetch { base_url: String, timeout_ms: u64 },
    /// The embedded simulator; `base_url` is what it writes into `Location` and `href`s.
    Simulator(RefCell<Simulator>),
}

impl Transport {
    /// The in-page simulator.
    pub fn simulator(seed: u64) -> Transport {
        let config = SimConfig {
            seed,
            base_url: "sim:".into(),
            ..SimConfig::default()
        };
        Transport::Simulator(RefCell::new(Simulator::new(config)))
    }

    /// Sends `request` with an optional bearer token. `Err` when no HTTP response came back;
    /// a failed `fetch` may have reached the server, so it is `Unknown`.
    pub async fn send(
        &self,
        request: &HttpRequest,
        token: Option<&str>,
        signal: Option<&AbortSignal>,
    ) -> Result<HttpResponse, TransportError> {
        match self {
            Transport::Fetch { base_url, timeout_ms } => {
                // Silence must not hang the caller. The request may have arrived, so it is
                // `Unknown`: a POST is then reconciled, never sent again blindly.
                let answer = fetch(base_url, request, token, signal);
                let silence = super::sleep::sleep(*timeout_ms, signal);
                futures::pin_mut!(answer, silence);
                match futures::future::select(answer, silence).await {
                    futures::future::Either::Left((result, _)) => result,
                    futures::future::Either::Right(_) => Err(TransportError::Unknown),
                }
            }
            Transport::Simulator(sim) => {
                let reply = sim.borrow_mut().handle(super::now_ms() as u64, request);
                match reply {
                    SimReply::Respond { delay_ms, response } => {
                        if delay_ms > 0 && !super::sleep::sleep(delay_ms, signal).await {
                            return Err(TransportError::Unknown);
                        }
                        Ok(response)
                    }
                    SimReply::Drop => Err(TransportError::Unknown),
                }
            }
        }
    }
}

async fn fetch(
    base_url: &str,
    request: &HttpRequest,
    token: Option<&str>,
    signal: Option<&AbortSignal>,
) -> Result<HttpResponse, TransportError> {
    use gloo_net::http::RequestBuilder;
    let url = request.url(base_url);
    let mut builder = match request.method {
        Method::Get => RequestBuilder::new(&url).method(gloo_net::http::Method::GET),
        Method::Post => RequestBuilder::new(&url).method(gloo_net::http::Method::POST),
    }
    .header("Accept", "application/json, application/problem+json")
    .abort_signal(signal);
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let built = match &request.body {
        Some(body) => builder.header("Content-Type", "application/json").body(body.as_str()),
        None => builder.build(),
    };
    // Building fails only on a malformed URL or header: nothing was sent.
    let req = built.map_err(|_| TransportError::NotSent)?;
    let response = req.send().await.map_err(|_| TransportError::Unknown)?;
    let status = response.status();
    let headers = response.headers();
    let mut out = HttpResponse::new(status, String::new());
    for name in ["location", "retry-after", "content-type"] {
        if let Some(value) = headers.get(name) {
            out = out.with_header(name, value);
        }
    }
    if let Some(length) = headers
        .get("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok())
    {
        if length > MAX_BODY_BYTES {
            out.body = String::from("{\"title\":\"response too large\"}");
            out.status = if status < 400 { 502 } else { status };
            return Ok(out);
        }
    }
    // A body that cannot be read after the status arrived is an empty body: the status decides.
    out.body = response.text().await.unwrap_or_default();
    if out.body.len() > MAX_BODY_BYTES {
        out.body.clear();
    }
    Ok(out)
}
