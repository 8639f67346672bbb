//! `DimonaClient`: the driver of the sans-IO machine. A short loop: `Send` → fetch →
//! `handle_response(Date.now())`; `WaitUntil` → sleep → `handle_timeout(Date.now())`;
//! `Finished` → resolve. Everything it decides comes from `crate::submission` and
//! `crate::search`.

use super::convert::to_json;
use super::errors::{to_js, to_js_error};
use super::options::Options;
use super::sleep::sleep;
use super::token::TokenSource;
use super::transport::Transport;
use super::{now_ms, validation::read_options};
use crate::env::{normalise_base_url, Environment, IN_PAGE_SIMULATOR_BASE_URL};
use crate::error::{DimonaError, ErrorKind};
use crate::model::{DailyRegistration, Declaration, DeclarationStatus, NumOrStr, Page, Period, Relation};
use crate::search::{self, Collection, DeclarationLookup, PageCursor, PageRequest, DEFAULT_MAX_PAGES};
use crate::sim_faults::Faults;
use crate::submission::{
    submission_key, Action, Outcome, PollConfig, PollPlan, Resume, Submission, RESTART_INTERVAL_MS,
};
use futures::StreamExt;
use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/iterate.js")]
extern "C" {
    #[wasm_bindgen(js_name = asyncIterable)]
    fn async_iterable(source: PageIterator) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_TS: &'static str = r#"
/** Options of `new DimonaClient(…)`. */
export interface ClientOptions {
  /** The v2 base URL: an RSZ environment, a proxy (`"/REST/dimona/v2"` on the dev server), or `"sim:"` for the simulator inside the package. Default: the simulation environment. */
  baseUrl?: string;
  /** `"simulation"` (default) or `"production"`; ignored when `baseUrl` is given. */
  environment?: "simulation" | "production";
  /** Sent as `Authorization: Bearer …`; a function is asked for the first request, again once after a 401, and may take up to `requestTimeoutMs` (one that throws, rejects or does not settle makes the call reject with kind `"unauthorized"`). Omit it behind a proxy that adds the token. */
  accessToken?: string | (() => Promise<string>);
  /** For `baseUrl: "sim:"`: the simulator's seed and faults. */
  simulator?: { seed?: number; faults?: SimulatorFaults };
  /** Override of the poll plan (checked against the RSZ's maximum frequency). */
  pollPlan?: { startMs: number; everyMs: number; endMs: number }[];
  /** A request without an answer after this long (1000–600000 ms, default 60000) is treated as lost on the way: a declaration is then looked up before anything is sent again, a status check is retried at its next slot, a consultation rejects with kind `"network"`. */
  requestTimeoutMs?: number;
}

/** Faults the simulator can inject. */
export interface SimulatorFaults {
  post500Rate?: number;
  dropAfterReceiveRate?: number;
  slowMs?: number;
  malformedJsonRate?: number;
  unauthorizedOnce?: boolean;
  tooManyRequestsRate?: number;
  retryAfterSeconds?: number;
}

/** The result of a processed declaration: the API's `declarationStatus`, field names as the API sends them; unknown fields are kept. */
export type DeclarationResult = DeclarationStatus & {
  declarationId: Id;
  result: ResultCode;
  /** False for S (awaiting the worker's identification at Sigedis): the RSZ has not decided yet. */
  final: boolean;
  /** Epoch ms of the status check this result comes from: pass it back as `lastCheckedAt`. */
  checkedAt?: number;
  /** When not final: the earliest epoch ms at which the RSZ allows the next check (hourly past 20 minutes). */
  nextCheckAt?: number;
};

/** What `submit` resolves with. */
export interface Submitted {
  declarationId: string;
  location: string;
  /** Epoch ms of the acknowledgement: pass it to `waitForResult` to resume after a reload. */
  submittedAt: number;
  /** Epoch ms at which the POST was sent (the RSZ's clock started between the two): pass it back too. */
  sentAt?: number;
}

/** A progress event of `waitForResult`, `declare` and `declareAll`. */
export interface ProgressEvent {
  /** Status checks made so far. */
  attempt: number;
  /** Time since the acknowledgement. */
  elapsedMs: number;
  /** Time until the next check, or null. */
  nextPollInMs: number | null;
  /** Stable name of the step (new names may come). */
  reason: "submitting" | "firstCheck" | "stillProcessing" | "notVisibleYet" | "awaitingIdentification" | "retryAfterError" | "serverAskedToWait" | "resendAfterFailure" | "reconciling" | "refreshingToken" | "done" | (string & {});
  /** The same for people. */
  message: string;
  /** The declaration, once known. */
  declarationId?: string;
  /** For `declareAll`: the index of the body. */
  index?: number;
}

/** Options of `waitForResult`. */
export interface WaitOptions {
  signal?: AbortSignal;
  /** Epoch ms of the acknowledgement, to resume tracking after a reload; default: now. */
  submittedAt?: number;
  /** Epoch ms of the POST's send (`Submitted.sentAt`); default: `submittedAt`. */
  sentAt?: number;
  /** Epoch ms of the last status check (`DeclarationResult.checkedAt`): past 20 minutes the RSZ allows one check per hour per declaration, and a call less than an hour after it makes no request and rejects with kind "timeout" and `retryAfterMs`. */
  lastCheckedAt?: number;
  onProgress?: (event: ProgressEvent) => void;
}

/** Options of `declare`. */
export interface DeclareOptions {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Called once the RSZ acknowledged the declaration: persist it to resume after a reload. */
  onSubmitted?: (submitted: Submitted) => void;
  /** The date validation rules are relative to, YYYY-MM-DD; default: today. */
  today?: string;
  /** Language of anomaly messages when the body is invalid. */
  lang?: Lang;
}

/** Options of `declareAll`. */
export interface DeclareAllOptions extends Omit<DeclareOptions, "onSubmitted"> {
  /** Declarations in flight at once, 1–64 (default 8). */
  concurrency?: number;
  /** Called as each declaration ends, in completion order. */
  onResult?: (result: BatchResult) => void;
  onSubmitted?: (submitted: Submitted & { index: number }) => void;
}

/** One declaration of a batch: its result, or why it failed. */
export type BatchResult =
  | { index: number; ok: true; declarationId: string; result: DeclarationResult }
  | { index: number; ok: false; declarationId?: string; error: DimonaError };

/** `getDeclaration`: still processing, or processed. */
export type DeclarationLookup = { status: "pending" } | { status: "done"; declaration: Declaration };

/** Criteria of `searchDeclarations` (functional documentation 5.1.3). Needs an employer, a user enterprise's number or a worker's SSIN. The user enterprise goes inside `features` (a top-level `userEnterprise` is moved there). */
export interface DeclarationSearchCriteria {
  employer?: { employerId?: number; enterpriseNumber?: string };
  features?: { userEnterprise?: { enterpriseNumber?: string }; [feature: string]: unknown };
  /** @deprecated use `features.userEnterprise` */
  userEnterprise?: { enterpriseNumber?: string };
  worker?: { ssin?: string };
  fromCreationDate?: string;
  toCreationDate?: string;
  dimonaDeclarationType?: ("dimonaIn" | "dimonaOut" | "dimonaUpdate" | "dimonaCancel" | "dailyRegistrationIn" | "dailyRegistrationUpdate" | "dailyRegistrationCancel")[];
  dimonaDeclarationStatus?: string[];
  periodId?: number;
  dailyRegistrationId?: number;
  [criterion: string]: unknown;
}

/** Criteria of `searchPeriods` (5.1.7). The user enterprise goes inside `features` (a top-level `userEnterprise` is moved there). */
export interface PeriodSearchCriteria {
  employer?: { employerId?: number; enterpriseNumber?: string };
  /** @deprecated use `features.userEnterprise` */
  userEnterprise?: { enterpriseNumber?: string };
  worker?: { ssin?: string };
  features?: { jointCommissionNumbers?: string[]; workerTypes?: WorkerType[]; subEntityNumber?: number; userEnterprise?: { enterpriseNumber?: string } };
  activeFromDate?: string;
  activeToDate?: string;
  [criterion: string]: unknown;
}

/** Criteria of `searchRelations` (5.1.8). */
export interface RelationSearchCriteria {
  employer?: { employerId?: number; enterpriseNumber?: string };
  userEnterprise?: { enterpriseNumber?: string };
  worker?: { ssin?: string };
  activeFromDate?: string;
  activeToDate?: string;
  [criterion: string]: unknown;
}

/** Query of `listDailyRegistrations` (5.1.5): the period is required. */
export interface DailyRegistrationQuery {
  periodId: number | string;
  activeFromDate?: string;
  activeToDate?: string;
  creationDate?: string;
}

export interface DimonaClient {
  /**
   * Every page of a search, following `next` links (with a loop guard):
   * `for await (const page of client.pages("periods", criteria)) …`.
   * The walk frees its wasm state when it ends (its last page, a `break`, or a failed page);
   * asked again, it answers `{ done: true }`.
   */
  pages(collection: "declarations", criteria: DeclarationSearchCriteria, page?: PageRequest): AsyncIterable<Page<Declaration>>;
  pages(collection: "periods", criteria: PeriodSearchCriteria, page?: PageRequest): AsyncIterable<Page<Period>>;
  pages(collection: "relations", criteria: RelationSearchCriteria, page?: PageRequest): AsyncIterable<Page<Relation>>;
  pages(collection: "dailyRegistrations", query: DailyRegistrationQuery, page?: PageRequest): AsyncIterable<Page<DailyRegistration>>;
}

/**
 * A request recorded by the in-package simulator: `n`, its number since the simulator started
 * (the log keeps the last 10,000; `n` tells what is new since a previous read), when it arrived
 * (ms), its method and path, and the status answered (0 for a dropped connection).
 */
export interface SimulatorRequest { n: number; at: number; method: string; path: string; status: number }
"#;

/// How long a request may go unanswered before it is taken as lost on the way.
const DEFAULT_REQUEST_TIMEOUT_MS: u64 = 60_000;
/// Most declarations in flight at once in `declareAll`.
const MAX_CONCURRENCY: usize = 64;
/// A wait is cut into slices of at most this long, so that clock jumps are noticed.
const MAX_SLEEP_SLICE_MS: u64 = 60_000;

struct Inner {
    transport: Transport,
    token: TokenSource,
    /// `requestTimeoutMs`: also how long the `accessToken` function may take.
    request_timeout_ms: u64,
    base_url: String,
    environment: String,
    config: PollConfig,
    /// The last status check per declaration id on this client (the hourly limit after 20 minutes),
    /// as epoch ms. A JSON map rather than a `HashMap`: its code is in the module anyway.
    checks: RefCell<serde_json::Map<String, Value>>,
    /// Submissions in flight, by normalised body: identical ones share one POST and one result.
    /// (A few at a time: a list, not a map.)
    in_flight: RefCell<Vec<(String, &'static str, Promise)>>,
}

/// A client of Dimona REST v2: submit declarations, follow them within the RSZ's maximum polling
/// frequency, consult declarations, periods, relations and daily registrations. Works in
/// browsers and Node 20 (both through `fetch`), or offline against the simulator in the package.
///
/// @example
/// ```js
/// const client = new DimonaClient({ baseUrl: "sim:" });
/// const result = await client.declare(body, { onProgress: (e) => console.log(e.message) });
/// console.log(result.result, result.period?.id);
/// ```
#[wasm_bindgen]
pub struct DimonaClient {
    inner: Rc<Inner>,
}

fn now() -> u64 {
    now_ms().max(0.0) as u64
}

fn invalid(message: impl Into<String>) -> JsValue {
    to_js_error(&DimonaError::new(ErrorKind::Invalid, message))
}

#[wasm_bindgen]
impl DimonaClient {
    /// Creates a client. Throws a `DimonaError` of kind `"invalid"` for options that make no sense.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<DimonaClient, JsValue> {
        if !(options.is_undefined() || options.is_null() || options.is_object()) {
            return Err(invalid("the client options must be an object"));
        }
        let options = Options::new(options);
        let environment = match options.string("environment").map_err(invalid)?.as_deref() {
            None | Some("simulation") => Environment::Simulation,
            Some("production") => Environment::Production,
            Some(_) => return Err(invalid("environment must be \"simulation\" or \"production\"")),
        };
        let base_url = options
            .string("baseUrl")
            .map_err(invalid)?
            .map(|u| normalise_base_url(&u));
        let timeout_ms = match options.number("requestTimeoutMs").map_err(invalid)? {
            None => DEFAULT_REQUEST_TIMEOUT_MS,
            Some(ms) if (1_000.0..=600_000.0).contains(&ms) => ms as u64,
            Some(_) => return Err(invalid("requestTimeoutMs must lie between 1000 and 600000")),
        };
        let (transport, base_url, environment) = match base_url.as_deref() {
            Some(IN_PAGE_SIMULATOR_BASE_URL) => {
                let sim = options.json("simulator");
                let seed = sim.get("seed").and_then(Value::as_u64).unwrap_or(1);
                let faults = match sim.get("faults") {
                    Some(faults) => read_faults(faults)?,
                    None => Faults::default(),
                };
                let transport = Transport::simulator(seed, &faults);
                (
                    transport,
                    IN_PAGE_SIMULATOR_BASE_URL.to_string(),
                    "simulator".to_string(),
                )
            }
            Some("") => return Err(invalid("baseUrl must not be empty")),
            Some(url) => {
                let ok = url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
                if !ok || url.len() > 2048 || url.chars().any(char::is_whitespace) {
                    return Err(invalid(
                        "baseUrl must be an http(s) URL, a path on this origin, or \"sim:\"",
                    ));
                }
                let label = if url == Environment::Production.base_url() {
                    "production"
                } else if url == Environment::Simulation.base_url() {
                    "simulation"
                } else {
                    "custom"
                };
                (
                    Transport::Fetch {
                        base_url: url.to_string(),
                        timeout_ms,
                    },
                    url.to_string(),
                    label.to_string(),
                )
            }
            None => {
                let url = environment.base_url().to_string();
                let label = if environment == Environment::Production {
                    "production"
                } else {
                    "simulation"
                };
                (
                    Transport::Fetch {
                        base_url: url.clone(),
                        timeout_ms,
                    },
                    url,
                    label.to_string(),
                )
            }
        };
        let token = TokenSource::from_option(&options.raw("accessToken")).map_err(|e| invalid(e.0))?;
        let mut config = PollConfig::default();
        let plan = options.json("pollPlan");
        if !plan.is_null() {
            config.plan = PollPlan::from_json(&plan)
                .ok_or_else(|| invalid("pollPlan breaks the RSZ's maximum polling frequency or is malformed"))?;
        }
        Ok(DimonaClient {
            inner: Rc::new(Inner {
                transport,
                token,
                request_timeout_ms: timeout_ms,
                base_url,
                environment,
                config,
                checks: RefCell::new(serde_json::Map::new()),
                in_flight: RefCell::new(Vec::new()),
            }),
        })
    }

    /// The base URL requests go to (`"sim:"` for the simulator in the package).
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url.clone()
    }

    /// `"simulation"`, `"production"`, `"simulator"` (in the package) or `"custom"` (a proxy).
    #[wasm_bindgen(getter)]
    pub fn environment(&self) -> String {
        self.inner.environment.clone()
    }

    /// Validates the body (no request when it is invalid: rejects with kind `"invalid"` and the
    /// anomalies), then `POST /declarations`. Resolves with the declaration id from the
    /// `Location` header once the RSZ acknowledged it; a connection lost after sending is
    /// reconciled through a search, never by sending blindly again.
    #[wasm_bindgen(unchecked_return_type = "Promise<Submitted>")]
    pub fn submit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeclarationBody")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DeclareOptions")] options: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        let built = build(&body, &options);
        let options = Options::new(options);
        shared(&self.inner, "submit", built, move |body| async move {
            let signal = options.signal().map_err(invalid)?;
            let config = PollConfig {
                stop_after_ack: true,
                ..inner.config.clone()
            };
            let machine = Submission::submit(body, now(), config);
            let outcome = drive(&inner, machine, signal.as_ref(), None, None, None).await;
            outcome_to_js(outcome)
        })
    }

    /// One status check: `{ status: "pending" }` while the RSZ is processing, `{ status: "done",
    /// declaration }` once processed; rejects with kind `"notFound"` for an id that was never
    /// submitted. Mind the RSZ's maximum polling frequency; `waitForResult` keeps to it for you.
    #[wasm_bindgen(js_name = getDeclaration, unchecked_return_type = "Promise<DeclarationLookup>")]
    pub fn get_declaration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] declaration_id: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        let id = to_json(&declaration_id);
        spawn_promise(async move {
            let request = search::get_declaration_request(&id).map_err(|e| to_js_error(&e))?;
            let response = send_once(&inner, &request).await?;
            match search::parse_declaration_lookup(&response) {
                Ok(DeclarationLookup::Pending) => to_js(&Lookup {
                    status: "pending",
                    declaration: None,
                }),
                Ok(DeclarationLookup::Done(declaration)) => to_js(&Lookup {
                    status: "done",
                    declaration: Some(&declaration),
                }),
                Err(e) => Err(to_js_error(&e)),
            }
        })
    }

    /// Follows a submitted declaration until the RSZ has processed it, within the RSZ's maximum
    /// polling frequency (first check at 3 s, then every 1.025 s to 30 s, then every 61 s), and
    /// resolves with its `declarationStatus` (A, W, B or S). Rejects with kind `"timeout"` after
    /// 20 minutes, `"notFound"` for an unknown id, `"aborted"` when `signal` aborts. Pass
    /// `submittedAt` to resume after a reload: the schedule continues from the elapsed time.
    #[wasm_bindgen(js_name = waitForResult, unchecked_return_type = "Promise<DeclarationResult>")]
    pub fn wait_for_result(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] declaration_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitOptions")] options: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        let id = to_json(&declaration_id);
        let options = Options::new(options);
        spawn_promise(async move {
            let id = search::check_id(&id, "declarationId").map_err(|e| to_js_error(&e))?;
            let signal = options.signal().map_err(invalid)?;
            let on_progress = options.function("onProgress").map_err(invalid)?;
            let now = now();
            let epoch = |key: &str| match options.number(key).map_err(invalid)? {
                Some(t) if t.is_finite() && t >= 0.0 => Ok(Some((t as u64).min(now))),
                Some(_) => Err(invalid(format!("{key} must be epoch milliseconds"))),
                None => Ok(None),
            };
            let submitted_at = epoch("submittedAt")?.unwrap_or(now);
            let sent_at = epoch("sentAt")?;
            // The caller's record of the last check, or this client's, whichever is later.
            let last_checked_at = epoch("lastCheckedAt")?.max(inner.checks.borrow().get(&id).and_then(Value::as_u64));
            let resume = Resume {
                submitted_at,
                sent_at,
                last_checked_at,
            };
            let machine = Submission::resume(&id, resume, now, inner.config.clone());
            let outcome = drive(&inner, machine, signal.as_ref(), on_progress.as_ref(), None, None).await;
            outcome_to_js(outcome)
        })
    }

    /// `submit` then `waitForResult`: validates, sends, follows, and resolves with the
    /// `declarationStatus`. `onSubmitted` is called as soon as the declaration id is known.
    #[wasm_bindgen(unchecked_return_type = "Promise<DeclarationResult>")]
    pub fn declare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeclarationBody")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DeclareOptions")] options: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        let built = build(&body, &options);
        let options = Options::new(options);
        shared(&self.inner, "declare", built, move |body| async move {
            let signal = options.signal().map_err(invalid)?;
            let on_progress = options.function("onProgress").map_err(invalid)?;
            let on_submitted = options.function("onSubmitted").map_err(invalid)?;
            let machine = Submission::submit(body, now(), inner.config.clone());
            let outcome = drive(
                &inner,
                machine,
                signal.as_ref(),
                on_progress.as_ref(),
                on_submitted.as_ref(),
                None,
            )
            .await;
            outcome_to_js(outcome)
        })
    }

    /// Declares many bodies with bounded concurrency, each on its own schedule. `onResult` is
    /// called as each one ends; the promise resolves with every result in input order, none
    /// lost: an invalid body gets `{ ok: false, error }` without being sent; identical bodies
    /// are sent once and share the result.
    #[wasm_bindgen(js_name = declareAll, unchecked_return_type = "Promise<BatchResult[]>")]
    pub fn declare_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeclarationBody[]")] bodies: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DeclareAllOptions")] options: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        let list: Result<Vec<JsValue>, JsValue> = if Array::is_array(&bodies) {
            let array: Array = bodies.unchecked_into();
            if array.length() > 100_000 {
                Err(invalid("at most 100000 declarations per batch"))
            } else {
                Ok(array.iter().collect())
            }
        } else {
            Err(invalid("declareAll takes an array of declaration bodies"))
        };
        let built: Vec<Result<Value, JsValue>> = match &list {
            Ok(items) => items.iter().map(|b| build(b, &options)).collect(),
            Err(_) => Vec::new(),
        };
        let options = Options::new(options);
        spawn_promise(async move {
            list?;
            let signal = options.signal().map_err(invalid)?;
            let on_progress = options.function("onProgress").map_err(invalid)?;
            let on_submitted = options.function("onSubmitted").map_err(invalid)?;
            let on_result = options.function("onResult").map_err(invalid)?;
            let concurrency = match options.number("concurrency").map_err(invalid)? {
                None => 8,
                Some(n) if n >= 1.0 && n <= MAX_CONCURRENCY as f64 => n as usize,
                Some(_) => return Err(invalid("concurrency must be between 1 and 64")),
            };
            let total = built.len();
            // Identical bodies of one batch share one POST and one result: each is sent once,
            // under the index where it first appears. A JSON map rather than a `HashMap`: its code
            // is in the module anyway.
            let mut first_of = serde_json::Map::new();
            // (copy, first): few in practice.
            let mut copies: Vec<(usize, usize)> = Vec::new();
            let mut tasks = Vec::with_capacity(total);
            for (index, body) in built.into_iter().enumerate() {
                if let Ok(b) = &body {
                    let key = submission_key(b);
                    if let Some(first) = first_of.get(&key).and_then(Value::as_u64) {
                        copies.push((index, first as usize));
                        continue;
                    }
                    first_of.insert(key, Value::from(index as u64));
                }
                tasks.push((index, body));
            }
            let tasks = tasks.into_iter().map(|(index, body)| {
                let inner = inner.clone();
                let signal = signal.clone();
                let on_progress = on_progress.clone();
                let on_submitted = on_submitted.clone();
                async move {
                    let outcome = match body {
                        Err(error) => Err(error),
                        Ok(body) => {
                            let machine = Submission::submit(body, now(), inner.config.clone());
                            let outcome = drive(
                                &inner,
                                machine,
                                signal.as_ref(),
                                on_progress.as_ref(),
                                on_submitted.as_ref(),
                                Some(index),
                            )
                            .await;
                            outcome_to_js(outcome)
                        }
                    };
                    (index, outcome)
                }
            });
            let mut results: Vec<JsValue> = vec![JsValue::UNDEFINED; total];
            let mut stream = futures::stream::iter(tasks).buffer_unordered(concurrency);
            while let Some((index, outcome)) = stream.next().await {
                let same = std::iter::once(index).chain(copies.iter().filter(|c| c.1 == index).map(|c| c.0));
                for i in same {
                    let result = batch_result(i, outcome.clone());
                    if let Some(callback) = &on_result {
                        let _ = callback.call1(&JsValue::UNDEFINED, &result);
                    }
                    if let Some(slot) = results.get_mut(i) {
                        *slot = result;
                    }
                }
            }
            Ok(results.into_iter().collect::<Array>().into())
        })
    }

    /// `POST /declarations/search`: one page of declarations.
    #[wasm_bindgen(js_name = searchDeclarations, unchecked_return_type = "Promise<Page<Declaration>>")]
    pub fn search_declarations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeclarationSearchCriteria")] criteria: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest")] page: JsValue,
    ) -> Promise {
        self.search(
            read_search_page::<Declaration>,
            Collection::Declarations,
            criteria,
            page,
        )
    }

    /// `POST /periods/search`: one page of Dimona periods.
    #[wasm_bindgen(js_name = searchPeriods, unchecked_return_type = "Promise<Page<Period>>")]
    pub fn search_periods(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PeriodSearchCriteria")] criteria: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest")] page: JsValue,
    ) -> Promise {
        self.search(read_search_page::<Period>, Collection::Periods, criteria, page)
    }

    /// `POST /relations/search`: one page of employer–worker relations.
    #[wasm_bindgen(js_name = searchRelations, unchecked_return_type = "Promise<Page<Relation>>")]
    pub fn search_relations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RelationSearchCriteria")] criteria: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest")] page: JsValue,
    ) -> Promise {
        self.search(read_search_page::<Relation>, Collection::Relations, criteria, page)
    }

    /// `GET /dailyRegistrations?periodId=…`: one page of a period's daily registrations.
    #[wasm_bindgen(js_name = listDailyRegistrations, unchecked_return_type = "Promise<Page<DailyRegistration>>")]
    pub fn list_daily_registrations(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DailyRegistrationQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest")] page: JsValue,
    ) -> Promise {
        self.search(
            read_search_page::<DailyRegistration>,
            Collection::DailyRegistrations,
            query,
            page,
        )
    }

    /// `GET /periods/{periodId}`; rejects with kind `"notFound"` for an unknown period.
    #[wasm_bindgen(js_name = getPeriod, unchecked_return_type = "Promise<Period>")]
    pub fn get_period(&self, #[wasm_bindgen(unchecked_param_type = "string | number")] period_id: JsValue) -> Promise {
        let inner = self.inner.clone();
        let id = to_json(&period_id);
        spawn_promise(async move {
            let request = search::get_period_request(&id).map_err(|e| to_js_error(&e))?;
            let response = send_once(&inner, &request).await?;
            let period: Period = search::parse_one(&response).map_err(|e| to_js_error(&e))?;
            to_js(&period)
        })
    }

    /// `GET /dailyRegistrations/{id}`; rejects with kind `"notFound"` for an unknown registration.
    #[wasm_bindgen(js_name = getDailyRegistration, unchecked_return_type = "Promise<DailyRegistration>")]
    pub fn get_daily_registration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] daily_registration_id: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        let id = to_json(&daily_registration_id);
        spawn_promise(async move {
            let request = search::get_daily_registration_request(&id).map_err(|e| to_js_error(&e))?;
            let response = send_once(&inner, &request).await?;
            let registration: DailyRegistration = search::parse_one(&response).map_err(|e| to_js_error(&e))?;
            to_js(&registration)
        })
    }

    /// Every page of a search, following `next` links (with a loop guard), for
    /// `for await (const page of client.pages("periods", criteria)) …`.
    /// `collection`: `"declarations"`, `"periods"`, `"relations"` or `"dailyRegistrations"`.
    /// (Typed per collection by the overloads in `CLIENT_TS`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn pages(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "\"declarations\" | \"periods\" | \"relations\" | \"dailyRegistrations\""
        )]
        collection: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "DeclarationSearchCriteria | PeriodSearchCriteria | RelationSearchCriteria | DailyRegistrationQuery"
        )]
        criteria: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PageRequest")] page: JsValue,
    ) -> Result<JsValue, JsValue> {
        let collection = collection
            .as_string()
            .and_then(|c| Collection::parse(&c))
            .ok_or_else(|| {
                invalid("collection must be \"declarations\", \"periods\", \"relations\" or \"dailyRegistrations\"")
            })?;
        let page = read_page(&page)?;
        let first = search::search_request(collection, &to_json(&criteria), &page).map_err(|e| to_js_error(&e))?;
        let iterator = PageIterator {
            inner: self.inner.clone(),
            collection,
            cursor: Rc::new(RefCell::new(PageCursor::new(first, DEFAULT_MAX_PAGES))),
        };
        Ok(async_iterable(iterator))
    }

    /// For `baseUrl: "sim:"`: replaces the simulator's faults.
    #[wasm_bindgen(js_name = setSimulatorFaults)]
    pub fn set_simulator_faults(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SimulatorFaults")] faults: JsValue,
    ) -> Result<(), JsValue> {
        if self
            .inner
            .transport
            .set_simulator_faults(&read_faults(&to_json(&faults))?)
        {
            Ok(())
        } else {
            Err(no_simulator())
        }
    }

    /// For `baseUrl: "sim:"`: the requests the simulator received (the last 10,000), with their
    /// time and status.
    #[wasm_bindgen(js_name = simulatorRequests, unchecked_return_type = "SimulatorRequest[]")]
    pub fn simulator_requests(&self) -> Result<JsValue, JsValue> {
        self.inner.transport.simulator_requests().ok_or_else(no_simulator)
    }

    /// Not generic over the item type (only `read` is): one copy of the asynchronous part.
    fn search(&self, read: SearchPageReader, collection: Collection, criteria: JsValue, page: JsValue) -> Promise {
        let inner = self.inner.clone();
        let criteria = to_json(&criteria);
        let page = read_page(&page);
        spawn_promise(async move {
            let request = search::search_request(collection, &criteria, &page?).map_err(|e| to_js_error(&e))?;
            let response = send_once(&inner, &request).await?;
            read(&response)
        })
    }
}

/// `{ status: "pending" }` or `{ status: "done", declaration }` of `getDeclaration`, serialised
/// straight to text like the pages of declarations, rather than through a `json!` value: that
/// needed a second serializer of declarations, into `Value`, in the module.
#[derive(Serialize)]
struct Lookup<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    declaration: Option<&'a Declaration>,
}

/// What `submit` resolves with and `onSubmitted` receives, serialised straight to text rather
/// than through a `json!` value (whose conversions bring in a serializer into `Value` and the
/// debug formatting of its errors).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubmittedJs<'a> {
    declaration_id: &'a str,
    location: &'a str,
    submitted_at: u64,
    sent_at: u64,
    /// For `declareAll`.
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

/// Reads one page of search results for JavaScript.
type SearchPageReader = fn(&Result<crate::http::HttpResponse, crate::http::TransportError>) -> Result<JsValue, JsValue>;

fn read_search_page<T: serde::de::DeserializeOwned + Serialize>(
    response: &Result<crate::http::HttpResponse, crate::http::TransportError>,
) -> Result<JsValue, JsValue> {
    let page: Page<T> = search::parse_page(response).map_err(|e| to_js_error(&e))?;
    to_js(&page)
}

/// The pages of a search, one `next()` at a time.
#[wasm_bindgen]
pub struct PageIterator {
    inner: Rc<Inner>,
    collection: Collection,
    cursor: Rc<RefCell<PageCursor>>,
}

#[wasm_bindgen]
impl PageIterator {
    /// The next page: `{ done: false, value: page }`, or `{ done: true }`.
    #[wasm_bindgen(
        unchecked_return_type = "Promise<IteratorResult<Page<Declaration | Period | Relation | DailyRegistration>>>"
    )]
    pub fn next(&self) -> Promise {
        let inner = self.inner.clone();
        let cursor = self.cursor.clone();
        let collection = self.collection;
        spawn_promise(async move {
            let Some(request) = cursor.borrow_mut().next_request() else {
                return iterator_result(true, JsValue::UNDEFINED);
            };
            let response = send_once(&inner, &request).await?;
            let value = match collection {
                Collection::Declarations => page_step::<Declaration>(&cursor, &request, &response)?,
                Collection::Periods => page_step::<Period>(&cursor, &request, &response)?,
                Collection::Relations => page_step::<Relation>(&cursor, &request, &response)?,
                Collection::DailyRegistrations => page_step::<DailyRegistration>(&cursor, &request, &response)?,
            };
            iterator_result(false, value)
        })
    }
}

fn page_step<T: serde::de::DeserializeOwned + Serialize>(
    cursor: &RefCell<PageCursor>,
    request: &crate::http::HttpRequest,
    response: &Result<crate::http::HttpResponse, crate::http::TransportError>,
) -> Result<JsValue, JsValue> {
    let page: Page<T> = search::parse_page(response).map_err(|e| to_js_error(&e))?;
    cursor.borrow_mut().advance(request, &page);
    to_js(&page)
}

fn iterator_result(done: bool, value: JsValue) -> Result<JsValue, JsValue> {
    let object = Object::new();
    let _ = Reflect::set(&object, &JsValue::from_str("done"), &JsValue::from_bool(done));
    let _ = Reflect::set(&object, &JsValue::from_str("value"), &value);
    Ok(object.into())
}

fn read_page(page: &JsValue) -> Result<PageRequest, JsValue> {
    if page.is_undefined() || page.is_null() {
        return Ok(PageRequest::default());
    }
    PageRequest::from_json(&to_json(page))
        .ok_or_else(|| invalid("page must be { page?: number, pageSize?: number, sort?: string }"))
}

/// Reads simulator faults here, so that a bad value throws at once, before the simulator module
/// is even imported.
fn read_faults(faults: &Value) -> Result<Faults, JsValue> {
    Faults::from_json(faults).ok_or_else(|| invalid("unreadable simulator faults"))
}

fn no_simulator() -> JsValue {
    invalid("only a client with baseUrl \"sim:\" has a simulator")
}

/// Validates and builds a body with the caller's `today`/`lang`.
fn build(body: &JsValue, options: &JsValue) -> Result<Value, JsValue> {
    let validate_options = read_options(options);
    crate::body::build_declaration(&to_json(body), &validate_options).map_err(|e| to_js_error(&e))
}

/// One request outside the submission machine (consultation), with the token and one refresh
/// after a 401. `Err` when no token could be had: nothing was sent, and the error says why
/// rather than passing for the RSZ's 401.
async fn send_once(
    inner: &Inner,
    request: &crate::http::HttpRequest,
) -> Result<Result<crate::http::HttpResponse, crate::http::TransportError>, JsValue> {
    for attempt in 0..2 {
        let token = match inner.token.current(inner.request_timeout_ms, None).await {
            Ok(t) => t,
            Err(e) => return Err(to_js_error(&DimonaError::new(ErrorKind::Unauthorized, e.0))),
        };
        let response = inner.transport.send(request, token.as_deref(), None).await;
        let unauthorized = matches!(&response, Ok(r) if r.status == 401);
        if !unauthorized || attempt == 1 || !inner.token.invalidate() {
            return Ok(response);
        }
    }
    Ok(Ok(crate::http::HttpResponse::new(401, "")))
}

fn progress_event(machine: &Submission, index: Option<usize>) -> JsValue {
    let progress = machine.progress(now());
    let value = to_js(&progress).unwrap_or(JsValue::NULL);
    if let Some(index) = index {
        let _ = Reflect::set(&value, &JsValue::from_str("index"), &JsValue::from_f64(index as f64));
    }
    value
}

/// Runs a machine to its end.
async fn drive(
    inner: &Inner,
    mut machine: Submission,
    signal: Option<&AbortSignal>,
    on_progress: Option<&Function>,
    on_submitted: Option<&Function>,
    index: Option<usize>,
) -> Outcome {
    let mut announced = false;
    loop {
        if signal.is_some_and(AbortSignal::aborted) {
            machine.cancel(now());
        }
        if !announced {
            if let (Some(id), Some(at), Some(callback)) =
                (machine.declaration_id(), machine.submitted_at(), on_submitted)
            {
                announced = true;
                let location = format!("{}/declarations/{id}", inner.base_url);
                let sent = machine.sent_at().unwrap_or(at);
                let submitted = SubmittedJs {
                    declaration_id: id,
                    location: &location,
                    submitted_at: at,
                    sent_at: sent,
                    index,
                };
                if let Ok(value) = to_js(&submitted) {
                    let _ = callback.call1(&JsValue::UNDEFINED, &value);
                }
            }
        }
        let action = machine.poll_action();
        if let (Some(callback), Some(Action::WaitUntil { .. })) = (on_progress, &action) {
            let _ = callback.call1(&JsValue::UNDEFINED, &progress_event(&machine, index));
        }
        match action {
            Some(Action::Send(request)) => {
                let token = match inner.token.current(inner.request_timeout_ms, signal).await {
                    Ok(t) => t,
                    // Aborted while the provider was asked: the loop's top ends the machine as aborted.
                    Err(_) if signal.is_some_and(AbortSignal::aborted) => continue,
                    Err(e) => {
                        // Past the POST, the id goes with the error: the declaration can be followed later.
                        let mut error = DimonaError::new(ErrorKind::Unauthorized, e.0);
                        error.declaration_id = machine.declaration_id().map(str::to_string);
                        return Outcome::Failed(error);
                    }
                };
                let response = inner.transport.send(&request, token.as_deref(), signal).await;
                if signal.is_some_and(AbortSignal::aborted) {
                    continue;
                }
                machine.handle_response(now(), response);
            }
            Some(Action::WaitUntil { at, .. }) => {
                let wait = at.saturating_sub(now()).min(MAX_SLEEP_SLICE_MS);
                if sleep(wait, signal).await {
                    machine.handle_timeout(now());
                }
            }
            Some(Action::RefreshCredentials) => {
                inner.token.invalidate();
                machine.credentials_refreshed(now());
            }
            Some(Action::Finished(outcome)) => {
                // This client's last check of the declaration (the hourly limit past 20 minutes).
                if let Outcome::Completed(c) = &outcome {
                    if let Some(at) = c.checked_at {
                        let mut checks = inner.checks.borrow_mut();
                        // Checks older than an hour limit nothing: forget them once there are many.
                        if checks.len() >= 10_000 {
                            checks
                                .retain(|_, t| t.as_u64().is_some_and(|t| at.saturating_sub(t) < RESTART_INTERVAL_MS));
                        }
                        checks.insert(c.declaration_id.clone(), Value::from(at));
                    }
                }
                if let Some(callback) = on_progress {
                    let _ = callback.call1(&JsValue::UNDEFINED, &progress_event(&machine, index));
                }
                return outcome;
            }
            None => {
                return Outcome::Failed(DimonaError::new(ErrorKind::Network, "the request was interrupted"));
            }
        }
    }
}

/// One promise per normalised body and operation in flight: a second identical call while the
/// first is under way gets the first one's promise (one POST, one result). An invalid body
/// rejects at once, without sharing.
fn shared<F, Fut>(inner: &Rc<Inner>, operation: &'static str, built: Result<Value, JsValue>, run: F) -> Promise
where
    F: FnOnce(Value) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<JsValue, JsValue>> + 'static,
{
    let body = match built {
        Ok(body) => body,
        Err(e) => return Promise::reject(&e),
    };
    // Boxed, so that the sharing below is compiled once for both operations.
    let future: Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>> = Box::pin(run(body.clone()));
    share_future(inner, operation, &body, future)
}

fn share_future(
    inner: &Rc<Inner>,
    operation: &'static str,
    body: &Value,
    future: Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>,
) -> Promise {
    let key = submission_key(body);
    match inner
        .in_flight
        .borrow()
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, op, p)| (op, p))
    {
        Some((op, promise)) if *op == operation => return promise.clone(),
        // `submit` and `declare` of one body at once would POST it twice: the second waits for
        // nothing and says so.
        Some((op, _)) => {
            return Promise::reject(&invalid(format!(
                "the same declaration is already in flight on this client through {op}(): \
                 wait for it (then waitForResult) instead of sending it again"
            )))
        }
        None => {}
    }
    let owner = inner.clone();
    let settled_key = key.clone();
    let promise = spawn_promise(async move {
        let result = future.await;
        owner.in_flight.borrow_mut().retain(|(k, _, _)| *k != settled_key);
        result
    });
    inner.in_flight.borrow_mut().push((key, operation, promise.clone()));
    promise
}

fn outcome_to_js(outcome: Outcome) -> Result<JsValue, JsValue> {
    match outcome {
        Outcome::Submitted {
            declaration_id,
            location,
            submitted_at,
            sent_at,
        } => to_js(&SubmittedJs {
            declaration_id: &declaration_id,
            location: &location,
            submitted_at,
            sent_at: sent_at.unwrap_or(submitted_at),
            index: None,
        }),
        Outcome::Completed(completed) => {
            let mut status: DeclarationStatus = completed.status();
            if status.declaration_id.is_none() {
                status.declaration_id = Some(NumOrStr::Text(completed.declaration_id.clone()));
            }
            let extra = &mut status.extra;
            extra.insert("final".into(), completed.is_final().into());
            if let Some(at) = completed.checked_at {
                extra.insert("checkedAt".into(), at.into());
                if !completed.is_final() {
                    extra.insert("nextCheckAt".into(), (at + RESTART_INTERVAL_MS).into());
                }
            }
            to_js(&status)
        }
        Outcome::Failed(error) => Err(to_js_error(&error)),
    }
}

/// `n` rounded to a whole number and written out as `format!("{n:.0}")` does, without pulling
/// Rust's float formatting (about 14 KB of wasm) into the module: the digits come from `BigInt`.
fn whole_number_text(n: f64) -> String {
    let r = n.round_ties_even();
    if r.is_nan() {
        return "NaN".into();
    }
    if r.is_infinite() {
        return if r > 0.0 { "inf" } else { "-inf" }.into();
    }
    let digits = js_sys::BigInt::new(&JsValue::from_f64(r.abs()))
        .ok()
        .and_then(|b| b.to_string(10).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    if r.is_sign_negative() {
        format!("-{digits}")
    } else {
        digits
    }
}

fn batch_result(index: usize, outcome: Result<JsValue, JsValue>) -> JsValue {
    let object = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&object, &JsValue::from_str(k), v);
    };
    set("index", &JsValue::from_f64(index as f64));
    match outcome {
        Ok(result) => {
            set("ok", &JsValue::TRUE);
            let id = Reflect::get(&result, &JsValue::from_str("declarationId")).unwrap_or(JsValue::UNDEFINED);
            let id = id
                .as_string()
                .or_else(|| id.as_f64().map(whole_number_text))
                .map(JsValue::from)
                .unwrap_or(id);
            set("declarationId", &id);
            set("result", &result);
        }
        Err(error) => {
            set("ok", &JsValue::FALSE);
            let id = Reflect::get(&error, &JsValue::from_str("declarationId")).unwrap_or(JsValue::UNDEFINED);
            if !id.is_undefined() {
                set("declarationId", &id);
            }
            set("error", &error);
        }
    }
    object.into()
}

/// A promise of `future`. The future is boxed so that `future_to_promise` (its promise and the
/// task that settles it) is compiled once for every export instead of once per export.
fn spawn_promise(future: impl std::future::Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    boxed_promise(Box::pin(future))
}

fn boxed_promise(future: Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>) -> Promise {
    wasm_bindgen_futures::future_to_promise(future)
}
