//! Performing a request: browser/Node `fetch` through gloo-net, or the simulator in the package
//! (`baseUrl: "sim:"`), a wasm module of its own imported on first use. Both answer with the
//! core's plain values.

use crate::http::{HttpRequest, HttpResponse, Method, TransportError};
use crate::sim_faults::Faults;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/simulator.js")]
extern "C" {
    /// One client's simulator, created in the simulator module when first needed.
    pub type LazySimulator;
    #[wasm_bindgen(constructor)]
    fn new(config: &str) -> LazySimulator;
    #[wasm_bindgen(method, catch)]
    async fn ready(this: &LazySimulator) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn handle(
        this: &LazySimulator,
        now: f64,
        method: &str,
        target: &str,
        body: Option<&str>,
    ) -> Result<SimAnswer, JsValue>;
    #[wasm_bindgen(method, js_name = setFaults)]
    fn set_faults(this: &LazySimulator, faults: &str);
    #[wasm_bindgen(method)]
    fn requests(this: &LazySimulator) -> JsValue;
    #[wasm_bindgen(method)]
    fn free(this: &LazySimulator);

    /// The simulator's answer to one request.
    type SimAnswer;
    #[wasm_bindgen(method, getter)]
    fn dropped(this: &SimAnswer) -> bool;
    #[wasm_bindgen(method, getter, js_name = delayMs)]
    fn delay_ms(this: &SimAnswer) -> f64;
    #[wasm_bindgen(method, getter)]
    fn status(this: &SimAnswer) -> u16;
    /// Names and values in turn.
    #[wasm_bindgen(method, getter)]
    fn headers(this: &SimAnswer) -> Array;
    #[wasm_bindgen(method, getter)]
    fn body(this: &SimAnswer) -> String;
}

thread_local! {
    /// Why the simulator last failed to load, for the `load` error the client then rejects with.
    pub static LOAD_FAILURE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

#[wasm_bindgen(module = "/js/body.js")]
extern "C" {
    /// The body's text, read up to a little over `max` bytes (`js/body.js`); "" when unreadable.
    #[wasm_bindgen(js_name = boundedText, catch)]
    async fn bounded_text(response: &JsValue, max: f64) -> Result<JsValue, JsValue>;
}

/// The simulator module's configuration, `{"seed":…,"baseUrl":"sim:","faults":{…}}`, written
/// straight to text with the serializer `setFaults` needs anyway (a `json!` value needed a
/// second serializer of the faults, into `Value`).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SimulatorConfig<'a> {
    seed: u64,
    base_url: &'static str,
    faults: &'a Faults,
}

/// Where requests go.
pub enum Transport {
    /// `fetch` to `base_url` (no trailing slash); a request without an answer after `timeout_ms`
    /// is given up as lost on the way.
    Fetch { base_url: String, timeout_ms: u64 },
    /// The simulator in the package, which writes `sim:` into `Location` and `href`s.
    Simulator(LazySimulator),
}

/// A simulator's state lives in the simulator module's wasm memory, which the engine's garbage
/// collector does not see: left to it, the memory of every client ever made stays taken for as long
/// as the collector waits (tens of megabytes over a few thousand clients). It is given back when the
/// client's last user lets go: its `free()`, and the requests and page walks still under way.
impl Drop for Transport {
    fn drop(&mut self) {
        if let Transport::Simulator(sim) = self {
            sim.free();
        }
    }
}

impl Transport {
    /// The in-page simulator with its seed and faults. Its module is imported by the first request.
    pub fn simulator(seed: u64, faults: &Faults) -> Transport {
        let config = SimulatorConfig {
            seed,
            base_url: "sim:",
            faults,
        };
        Transport::Simulator(LazySimulator::new(&serde_json::to_string(&config).unwrap_or_default()))
    }

    /// Replaces the simulator's faults; `false` for a transport without a simulator.
    pub fn set_simulator_faults(&self, faults: &Faults) -> bool {
        match self {
            Transport::Simulator(sim) => {
                sim.set_faults(&serde_json::to_string(faults).unwrap_or_default());
                true
            }
            Transport::Fetch { .. } => false,
        }
    }

    /// The requests the simulator received, or `None` for a transport without a simulator.
    pub fn simulator_requests(&self) -> Option<JsValue> {
        match self {
            Transport::Simulator(sim) => Some(sim.requests()),
            Transport::Fetch { .. } => None,
        }
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
                // `Unknown`: a POST is then reconciled, never sent again blindly. The fetch has
                // its own controller, aborted when the time is up or the caller's signal fires,
                // so that an abandoned request does not keep its connection open.
                let controller = web_sys::AbortController::new().ok();
                let own = controller.as_ref().map(web_sys::AbortController::signal);
                let answer = fetch(base_url, request, token, own.as_ref().or(signal));
                let silence = super::sleep::sleep(*timeout_ms, signal);
                futures::pin_mut!(answer, silence);
                match futures::future::select(answer, silence).await {
                    futures::future::Either::Left((result, _)) => result,
                    futures::future::Either::Right(_) => {
                        if let Some(controller) = &controller {
                            controller.abort();
                        }
                        Err(TransportError::Unknown)
                    }
                }
            }
            Transport::Simulator(sim) => {
                // A simulator that cannot load will not load on a retry either: fail at once, with
                // what the loader tried (its message names the file and the URL, never data).
                if let Err(error) = sim.ready().await {
                    let detail = js_sys::Error::from(error).message().as_string().unwrap_or_default();
                    LOAD_FAILURE.with(|last| *last.borrow_mut() = Some(detail));
                    return Err(TransportError::Unavailable);
                }
                let answer = sim
                    .handle(
                        super::now_ms(),
                        request.method.as_str(),
                        &request.path_and_query(),
                        request.body.as_deref(),
                    )
                    .map_err(|_| TransportError::Unknown)?;
                if answer.dropped() {
                    return Err(TransportError::Unknown);
                }
                let delay_ms = answer.delay_ms().max(0.0) as u64;
                if delay_ms > 0 && !super::sleep::sleep(delay_ms, signal).await {
                    return Err(TransportError::Unknown);
                }
                let mut response = HttpResponse::new(answer.status(), answer.body());
                let headers = answer.headers();
                for i in (0..headers.length()).step_by(2) {
                    if let (Some(name), Some(value)) = (headers.get(i).as_string(), headers.get(i + 1).as_string()) {
                        response = response.with_header(&name, value);
                    }
                }
                Ok(response)
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
    // No Dimona answer comes close to the core's limit: a body over it is read no further than
    // that, and the core reports it as too large (a `decode` error).
    // A body that cannot be read after the status arrived is an empty body: the status decides.
    let raw = web_sys::Response::from(response);
    out.body = bounded_text(raw.as_ref(), crate::model::parse::MAX_RESPONSE_BYTES as f64)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default();
    Ok(out)
}
