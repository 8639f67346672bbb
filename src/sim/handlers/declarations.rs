//! `POST /declarations`, `GET /declarations/{id}`, `POST /declarations/search`.

use super::{ok, sort_number, Ctx};
use crate::http::HttpResponse;
use crate::model::{parse_json, DeclarationBody, UserEnterprise};
use crate::sim::criteria::{self, Identity};
use crate::sim::paging;
use crate::sim::problem::{declaration_pending, declaration_unknown, Issue};
use crate::sim::render::{self, View};
use crate::sim::store::{DeclarationRecord, EmployerKey, PendingIdentification, Polls, Store};
use crate::sim::Millis;
use crate::validate::DeclarationKind;
use serde_json::Value;

/// Reads a POSTed declaration: its JSON, its shape (the strict request model) and its one block.
pub fn read_body(body: Option<&str>) -> Result<(Value, DeclarationKind), Issue> {
    let text = body.unwrap_or("").trim();
    if text.is_empty() {
        return Err(Issue::body(".", "a declaration body is required"));
    }
    let value: Value = serde_json::from_str(text).map_err(|_| Issue::body(".", "the body is not well-formed JSON"))?;
    if !value.is_object() {
        return Err(Issue::body(".", "the declaration must be a JSON object"));
    }
    let typed: DeclarationBody = match parse_json(text) {
        Ok(typed) => typed,
        Err(e) => typed_without_features_user_enterprise(&value).ok_or_else(|| Issue::body(e.path, e.message))?,
    };
    let kind = typed
        .block_key()
        .and_then(DeclarationKind::from_block_key)
        .ok_or_else(|| {
            Issue::body(
                ".",
                "exactly one declaration block is required (dimonaIn, dimonaOut, …)",
            )
        })?;
    Ok((value, kind))
}

/// The strict model of a Dimona In whose user enterprise sits in `features` (block 90107 of
/// `DimonaFeatures`, where the documentation puts it) even when the request model only knows
/// it beside `features`: the user enterprise is checked on its own, the rest without it.
fn typed_without_features_user_enterprise(value: &Value) -> Option<DeclarationBody> {
    let user = value.get("dimonaIn")?.get("features")?.get("userEnterprise")?;
    serde_json::from_value::<UserEnterprise>(user.clone()).ok()?;
    let mut rest = value.clone();
    rest.get_mut("dimonaIn")?
        .get_mut("features")?
        .as_object_mut()?
        .remove("userEnterprise");
    serde_json::from_value(rest).ok()
}

/// True when a Dimona In has no `features` block or no joint committee in it: production
/// refuses such a POST at once with 400 "Bad Request: Features required" (a production
/// client's record) instead of accepting it and answering B later.
pub fn lacks_features(body: &Value, kind: DeclarationKind) -> bool {
    if kind != DeclarationKind::DimonaIn {
        return false;
    }
    let joint = body
        .get(kind.block_key())
        .and_then(|b| b.get("features"))
        .and_then(|f| f.get("jointCommissionNumber"));
    match joint {
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Number(_)) => false,
        _ => true,
    }
}

/// A declaration as it arrives.
pub struct Received {
    /// When it arrived.
    pub now: Millis,
    /// When its 201 left.
    pub ack_at: Millis,
    /// Its processing delay from its arrival.
    pub delay_ms: u64,
    /// The body.
    pub body: Value,
    /// Its kind.
    pub kind: DeclarationKind,
    /// Set when it is to be answered S first.
    pub identification: Option<PendingIdentification>,
}

/// Stores a declaration; its id.
pub fn receive(store: &mut Store, r: Received) -> u64 {
    let id = store.next_id();
    store.receive(DeclarationRecord {
        id,
        received_at: r.now,
        acknowledged_at: r.ack_at,
        due_at: r.now.saturating_add(r.delay_ms),
        body: r.body,
        kind: r.kind,
        processed: None,
        identification: r.identification,
        polls: Polls::default(),
    });
    id
}

/// The 201 of a received declaration.
pub fn created(ctx: &Ctx, id: u64) -> HttpResponse {
    HttpResponse::new(201, "")
        .with_header("location", format!("{}/declarations/{id}", ctx.base_url))
        .with_header("access-control-allow-origin", "*")
}

/// `GET /declarations/{id}`: 200 once processed, else one of the two documented 404s.
pub fn get(store: &Store, ctx: &Ctx, id: Option<u64>, id_text: &str) -> HttpResponse {
    match id.and_then(|id| store.declarations.get(&id)) {
        Some(d) if d.processed.is_some() => ok(&rendered(store, ctx, d, View::Get)),
        Some(d) => declaration_pending(d.id, ctx.trace),
        None => declaration_unknown(id_text, ctx.trace),
    }
}

/// Who a declaration is about: employer, worker, user enterprise and period, from its body or
/// from the period it refers to.
struct About {
    employer: EmployerKey,
    ssin: Option<String>,
    user_enterprise: Option<String>,
    period: Option<u64>,
}

/// The period a declaration created or refers to (directly, or through its daily
/// registration).
fn period_about(store: &Store, d: &DeclarationRecord) -> Option<u64> {
    let block = d.body.get(d.kind.block_key());
    let processed_period = d.processed.as_ref().and_then(|p| p.period_id);
    let referenced_period = block
        .and_then(|b| b.get("periodId"))
        .and_then(Value::as_u64)
        .or_else(|| {
            block
                .and_then(|b| b.get("dailyRegistrationId"))
                .and_then(Value::as_u64)
                .and_then(|id| store.daily.get(&id))
                .map(|r| r.period_id)
        });
    processed_period.or(referenced_period)
}

/// A declaration as the service answers it, with the employer and worker of its period.
fn rendered(store: &Store, ctx: &Ctx, d: &DeclarationRecord, view: View) -> Value {
    let period = period_about(store, d).and_then(|id| store.periods.get(&id));
    render::declaration(ctx.base_url, d, view, period)
}

fn identity_of(store: &Store, d: &DeclarationRecord) -> About {
    let period = period_about(store, d);
    let mut employer = crate::sim::register::complete(&EmployerKey::of(d.body.get("employer")));
    let mut ssin = d
        .body
        .get("worker")
        .and_then(|w| w.get("ssin"))
        .and_then(Value::as_str)
        .and_then(crate::ids::digits_only);
    let mut user_enterprise = None;
    if let Some(p) = period.and_then(|id| store.periods.get(&id)) {
        if employer.employer_id.is_none() && employer.enterprise_number.is_none() {
            employer = p.employer_key.clone();
        }
        if ssin.is_none() {
            ssin = p.ssin.clone();
        }
        user_enterprise = p.user_enterprise.clone();
    }
    About {
        employer,
        ssin,
        user_enterprise,
        period,
    }
}

/// `POST /declarations/search`.
pub fn search(store: &Store, ctx: &Ctx, query: &[(String, String)], body: Option<&str>) -> HttpResponse {
    ctx.answer(search_inner(store, ctx, query, body))
}

fn search_inner(
    store: &Store,
    ctx: &Ctx,
    query: &[(String, String)],
    body: Option<&str>,
) -> Result<HttpResponse, Issue> {
    let paging = paging::parse(query, &["creationDate"])?;
    let map = criteria::body_object(body)?;
    let who: Identity = criteria::identity(&map)?;
    let window = criteria::window(&map, "fromCreationDate", "toCreationDate")?;
    let period_id = criteria::id(&map, "periodId")?;
    let daily_id = criteria::id(&map, "dailyRegistrationId")?;
    let types = criteria::strings(&map, "dimonaDeclarationType", "dimonaDeclarationType")?;
    let statuses = criteria::strings(&map, "dimonaDeclarationStatus", "dimonaDeclarationStatus")?;
    let mut found: Vec<&DeclarationRecord> = store
        .declarations
        .values()
        .filter(|d| {
            let about = identity_of(store, d);
            let daily = d.processed.as_ref().and_then(|p| p.daily_registration_id).or_else(|| {
                d.body
                    .get(d.kind.block_key())
                    .and_then(|b| b.get("dailyRegistrationId"))
                    .and_then(Value::as_u64)
            });
            let result = d.processed.as_ref().map(|p| p.result);
            who.matches(&about.employer, about.ssin.as_deref())
                && who
                    .user_enterprise
                    .as_ref()
                    .is_none_or(|u| about.user_enterprise.as_ref() == Some(u))
                && window.contains(&render::day(d.received_at))
                && period_id.is_none_or(|p| about.period == Some(p))
                && daily_id.is_none_or(|id| daily == Some(id))
                && types.as_ref().is_none_or(|t| t.iter().any(|t| t == d.kind.block_key()))
                && statuses
                    .as_ref()
                    .is_none_or(|s| result.is_some_and(|r| s.iter().any(|s| s == r)))
        })
        .collect();
    paging.sort(&mut found, |d, _| sort_number(d.received_at), |d| d.id);
    let items = found
        .into_iter()
        .map(|d| rendered(store, ctx, d, View::Search))
        .collect();
    Ok(ok(&paging.envelope(
        ctx.base_url,
        paging::link_paths::DECLARATIONS,
        &[],
        items,
    )))
}
