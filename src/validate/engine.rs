//! The validation walk: one pass over the body, in the body's key order, driven by the
//! field tables of [`super::fields`] and the rule tables of [`super::rules`].

use super::fields::{self, BlockSpec, FieldSpec, Format, Presence};
use super::json::{field, Json, Object};
use super::{codes, messages, rules};
use super::{Anomaly, DeclarationKind, ValidateOptions, ValidationReport};
use crate::date::CivilDate;
use crate::ids;

/// Longest key echoed in a path; longer keys are cut (a path never carries a value).
const MAX_KEY_IN_PATH: usize = 64;

/// A JSON path as a chain of segments, rendered only when an anomaly is reported.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: &'a str,
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        parent: None,
        segment: "",
    };

    fn child<'b>(&'b self, segment: &'b str) -> Path<'b> {
        Path {
            parent: Some(self),
            segment,
        }
    }

    fn render(&self) -> String {
        let mut out = String::with_capacity(48);
        self.push_to(&mut out);
        out
    }

    /// Writes the path root first: the chain is walked from the end, so recurse to the root.
    fn push_to(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.push_to(out);
        }
        if !self.segment.is_empty() {
            if !out.is_empty() {
                out.push('.');
            }
            push_key(out, self.segment);
        }
    }
}

/// Appends a key to a path: printable characters only, cut at [`MAX_KEY_IN_PATH`].
fn push_key(out: &mut String, key: &str) {
    for (i, c) in key.chars().enumerate() {
        if i >= MAX_KEY_IN_PATH {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { '?' } else { c });
    }
}

/// What the rules need to know about the declaration before walking it.
#[derive(Default)]
struct Context {
    kind: Option<DeclarationKind>,
    worker_type: Option<&'static str>,
    joint_committee: Option<&'static str>,
    user_joint_committee: Option<&'static str>,
    has_ssin: bool,
    has_user_enterprise_number: bool,
    start_date: Option<CivilDate>,
    end_date: Option<CivilDate>,
    start_hour: Option<u32>,
    end_hour: Option<u32>,
}

/// The value, unless it counts as absent: `null`, or a string empty once trimmed.
fn present<'v, 'a>(value: &'v Json<'a>) -> Option<&'v Json<'a>> {
    match value {
        Json::Null => None,
        Json::String(s) if s.trim().is_empty() => None,
        v => Some(v),
    }
}

fn get<'v, 'a>(obj: Option<&'v Object<'a>>, key: &str) -> Option<&'v Json<'a>> {
    obj.and_then(|o| field(o, key)).and_then(present)
}

fn known(list: &'static [&'static str], value: Option<&Json>) -> Option<&'static str> {
    let s = value?.as_str()?.trim();
    list.iter().copied().find(|x| *x == s)
}

fn date_of(value: Option<&Json>) -> Option<CivilDate> {
    CivilDate::parse(value?.as_str()?.trim())
}

/// `HHMM` as minutes since midnight.
pub(crate) fn parse_hour(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let hh = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let mm = u32::from(b[2] - b'0') * 10 + u32::from(b[3] - b'0');
    (hh <= 23 && mm <= 59).then_some(hh * 60 + mm)
}

fn hour_of(value: Option<&Json>) -> Option<u32> {
    parse_hour(value?.as_str()?.trim())
}

/// A 12-digit RSZ id given as an integer or a digit string.
fn rsz_id(value: &Json) -> Option<u64> {
    let n = match value {
        Json::Number(n) => (*n)?,
        Json::String(s) => {
            let t = s.trim();
            if t.len() != 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse().ok()?
        }
        _ => return None,
    };
    (100_000_000_000..=999_999_999_999).contains(&n).then_some(n)
}

/// An employer number given as an integer or a digit string.
fn integer_id(value: &Json) -> Option<u64> {
    match value {
        Json::Number(n) => *n,
        Json::String(s) => {
            let t = s.trim();
            if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse().ok()
        }
        _ => None,
    }
}

/// A report lists at most this many anomalies: a form has far fewer fields, and a body with
/// thousands of unknown keys must not cost thousands of messages.
pub const MAX_ANOMALIES: usize = 100;

struct Walker<'o> {
    options: &'o ValidateOptions,
    ctx: Context,
    out: Vec<Anomaly>,
    /// A blocking anomaly was found beyond [`MAX_ANOMALIES`].
    blocking_beyond_cap: bool,
}

impl Walker<'_> {
    fn emit(&mut self, code: &str, path: &Path) {
        let severity = codes::severity(code);
        if self.out.len() >= MAX_ANOMALIES {
            self.blocking_beyond_cap |= severity == super::Severity::B;
            return;
        }
        self.out.push(Anomaly {
            code: code.to_string(),
            zone: code.get(..5).unwrap_or(code).to_string(),
            path: path.render(),
            severity,
            message: messages::message(code, self.options.lang),
        });
    }

    fn emit_zone(&mut self, zone: &str, suffix: &str, path: &Path) {
        let mut code = String::with_capacity(9);
        code.push_str(zone);
        code.push('-');
        code.push_str(suffix);
        self.emit(&code, path);
    }

    fn in_kind(&self) -> bool {
        self.ctx.kind == Some(DeclarationKind::DimonaIn)
    }

    fn wt_is(&self, list: &[&str]) -> bool {
        self.ctx.worker_type.is_some_and(|w| list.contains(&w))
    }

    /// `Some(true)` mandatory, `Some(false)` forbidden, `None` optional.
    fn required(&self, presence: Presence) -> Option<bool> {
        let c = &self.ctx;
        let wt = c.worker_type;
        match presence {
            Presence::Mandatory => Some(true),
            Presence::Optional => None,
            Presence::Forbidden => Some(false),
            Presence::OnlyWorkerTypes(list) => wt.map(|w| list.contains(&w)),
            Presence::SmallStatutes => wt.map(|w| fields::SMALL_STATUTES_TYPES.contains(&w)),
            Presence::Mid => (self.in_kind() && !c.has_ssin).then_some(true),
            Presence::InSsin => (self.in_kind() && wt == Some("EXT")).then_some(true),
            Presence::InStartHour | Presence::InEndHour => {
                let other_hour = if presence == Presence::InStartHour {
                    c.end_hour.is_some()
                } else {
                    c.start_hour.is_some()
                };
                match wt? {
                    // The end hour of a horeca occasional worker on a day forfait is not required.
                    "EXT" if presence == Presence::InEndHour && c.joint_committee == Some("302") => None,
                    "EXT" => Some(true),
                    // A one-day Flexi performance is declared with its hours; both then.
                    "FLX" => other_hour.then_some(true),
                    _ => Some(false),
                }
            }
            Presence::InEndDate => {
                const NEED_END: &[&str] = &["EXT", "STU", "IVT", "TRI", "STG", "A17", "O17", "S17", "T17"];
                (c.joint_committee == Some("322") || self.wt_is(NEED_END)).then_some(true)
            }
            Presence::StudentPlaceOfWork => wt.and_then(|w| (w != "STU").then_some(false)),
            Presence::UserEnterprise => c.joint_committee.map(|j| j == "322"),
            Presence::UserEnterpriseAddress => (!c.has_user_enterprise_number).then_some(true),
            Presence::ConstructionCards => {
                let jc = c.joint_committee;
                let user = c.user_joint_committee;
                if jc == Some("124")
                    || user == Some("124")
                    || (jc == Some("322") && user.is_none() && wt == Some("BCW"))
                {
                    Some(true)
                } else if jc == Some("322") && user.is_none() && self.wt_is(&["DWD", "IVT", "TRI", "STU"]) {
                    None
                } else if jc.is_some() && wt.is_some() {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }

    /// The code reported when a field is missing.
    fn missing(&mut self, spec: &FieldSpec, path: &Path) {
        match spec.presence {
            // Worker without SSIN and without the minimum identification data.
            Presence::Mid => self.emit("90017-363", path),
            _ => self.emit_zone(spec.zone, "001", path),
        }
    }

    fn walk_block(&mut self, spec: &'static BlockSpec, value: &Json, path: &Path) {
        let Json::Object(map) = value else {
            self.emit_zone(spec.zone, "003", path);
            return;
        };
        // Which of the spec's fields are present, by index: the missing-field pass below then
        // needs no second lookup of every key (blocks have fewer than 64 fields; a test checks).
        let mut seen: u64 = 0;
        for (key, v) in map {
            let child = path.child(key);
            let Some(index) = spec.fields.iter().position(|f| f.key == key.as_ref()) else {
                self.emit_zone(spec.zone, "092", &child);
                continue;
            };
            let field = &spec.fields[index];
            let Some(v) = present(v) else { continue };
            seen |= 1 << index;
            if self.required(field.presence) == Some(false) {
                self.emit_zone(field.zone, "005", &child);
                continue;
            }
            self.check_value(field, v, &child);
        }
        for (index, field) in spec.fields.iter().enumerate() {
            if seen & (1 << index) == 0 && self.required(field.presence) == Some(true) {
                let child = path.child(field.key);
                self.missing(field, &child);
            }
        }
        self.block_rules(spec, map, path);
    }

    fn check_value(&mut self, field: &FieldSpec, v: &Json, path: &Path) {
        let ok = match field.format {
            Format::Block(spec) => {
                self.walk_block(spec, v, path);
                return;
            }
            Format::Date => match v.as_str().map(str::trim) {
                Some(s) => match CivilDate::parse(s) {
                    Some(d) => {
                        self.date_rules(field.zone, d, path);
                        true
                    }
                    None => false,
                },
                None => false,
            },
            Format::BirthDate => v.as_str().is_some_and(|s| self.birth_date_ok(s.trim())),
            Format::Hour => match v.as_str().and_then(|s| parse_hour(s.trim())) {
                Some(_) => {
                    self.hour_rules(field.zone, path);
                    true
                }
                None => false,
            },
            Format::Int(min, max) => v.as_u64().is_some_and(|n| (min..=max).contains(&n)),
            Format::RszId => match rsz_id(v) {
                Some(id) => {
                    if !ids::has_rsz_id_check_digits(id) {
                        self.emit_zone(field.zone, "008", path);
                    }
                    true
                }
                None => false,
            },
            Format::Text(max) => v.as_str().is_some_and(|s| {
                let t = s.trim();
                !t.chars().any(char::is_control) && t.chars().take(max + 1).count() <= max
            }),
            Format::Enum(list) => v.as_str().is_some_and(|s| list.contains(&s.trim())),
            Format::Initial => v.as_str().is_some_and(|s| {
                let mut it = s.trim().chars();
                it.next().is_some_and(char::is_alphabetic) && it.next().is_none()
            }),
            Format::Ssin => v.as_str().is_some_and(ids::is_valid_ssin),
            Format::EnterpriseNumber => v.as_str().is_some_and(ids::is_valid_enterprise_number),
            Format::Noss => match integer_id(v) {
                Some(n) if ids::is_in_noss_domain(n) => {
                    if !ids::has_noss_check_digits(n) {
                        self.emit_zone(field.zone, "008", path);
                    }
                    true
                }
                _ => false,
            },
            Format::ProvisionalNoss => match integer_id(v) {
                Some(n)
                    if (ids::PROVISIONAL_NOSS_NUMBER_RANGE.0..=ids::PROVISIONAL_NOSS_NUMBER_RANGE.1).contains(&n) =>
                {
                    if !ids::has_noss_check_digits(n) {
                        self.emit_zone(field.zone, "008", path);
                    }
                    true
                }
                _ => false,
            },
            Format::Country => v.as_u64().is_some_and(|n| (1..=99_999).contains(&n)),
            Format::Gender => matches!(v.as_u64(), Some(1 | 2)),
        };
        if !ok {
            self.emit_zone(field.zone, "003", path);
            return;
        }
        self.value_rules(field, path);
    }

    fn birth_date_ok(&self, s: &str) -> bool {
        let year = if let Some(d) = CivilDate::parse(s) {
            d.year
        } else {
            let b = s.as_bytes();
            if b.len() != 10 || &b[4..] != b"-00-00" || !b[..4].iter().all(u8::is_ascii_digit) {
                return false;
            }
            s[..4].parse().unwrap_or(0)
        };
        let now = self.options.today.year;
        year + 120 >= now && year <= now
    }

    /// Zone rules on a well-formed date.
    fn date_rules(&mut self, zone: &str, date: CivilDate, path: &Path) {
        let today = self.options.today;
        let in_kind = self.in_kind();
        let wt = if in_kind { self.ctx.worker_type } else { None };
        match zone {
            "00910" if !rules::start_date_allowed(wt, date, today) => self.emit("00910-008", path),
            "00911" => {
                let is_update = self.ctx.kind == Some(DeclarationKind::DimonaUpdate);
                if !rules::end_date_allowed(date, today, is_update) {
                    self.emit("00911-008", path);
                    return;
                }
                let Some(start) = self.ctx.start_date else { return };
                if date < start {
                    self.emit("00911-014", path);
                    return;
                }
                match wt {
                    // Article 17 (A17, T17): a one-day period.
                    Some("A17" | "T17") if date != start => self.emit("00911-008", path),
                    // Flexi per period: the end comes after the start (one day needs hours).
                    Some("FLX") if date == start && self.ctx.start_hour.is_none() && self.ctx.end_hour.is_none() => {
                        self.emit("00911-008", path)
                    }
                    Some("STU" | "O17" | "S17") if !start.same_quarter(date) => self.emit("90373-421", path),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// End hour before start hour on the same day (`00778-345`).
    fn hour_rules(&mut self, zone: &str, path: &Path) {
        if zone != "00778" {
            return;
        }
        let c = &self.ctx;
        let same_day = match (c.start_date, c.end_date) {
            (Some(s), Some(e)) => s == e,
            (_, None) => true,
            (None, Some(_)) => false,
        };
        if let (Some(s), Some(e)) = (c.start_hour, c.end_hour) {
            if same_day && e < s {
                self.emit("00778-345", path);
            }
        }
    }

    /// Zone rules on a well-formed value that are not about dates.
    fn value_rules(&mut self, field: &FieldSpec, path: &Path) {
        match field.zone {
            "00655" if self.in_kind() => {
                let (Some(wt), Some(start)) = (self.ctx.worker_type, self.ctx.start_date) else {
                    return;
                };
                if !rules::worker_type_valid_on(wt, start) {
                    self.emit("00655-005", path);
                }
            }
            "00046" if path.segment == "jointCommissionNumber" && path_is_features(path) => {
                if let (Some(jc), Some(wt)) = (self.ctx.joint_committee, self.ctx.worker_type) {
                    if !rules::committee_allows(jc, wt) {
                        self.emit("90374-349", path);
                    }
                }
            }
            _ => {}
        }
    }

    /// Rules on a whole block, after its keys.
    fn block_rules(&mut self, spec: &'static BlockSpec, map: &Object, path: &Path) {
        let has = |k: &str| get(Some(map), k).is_some();
        if std::ptr::eq(spec, &fields::EMPLOYER) {
            if !has("employerId") && !has("enterpriseNumber") && !has("provisionalEmployerId") {
                self.emit("90256-364", path);
            }
        } else if std::ptr::eq(spec, &fields::USER_ENTERPRISE) {
            match (has("enterpriseNumber"), has("name")) {
                (false, false) => self.emit("90107-351", path),
                (true, true) => self.emit("90107-352", path),
                _ => {}
            }
        } else if std::ptr::eq(spec, &fields::CONSTRUCTION_CARDS) {
            let a = get(Some(map), "firstMonthC32ANumber").and_then(Json::as_u64);
            let b = get(Some(map), "nextMonthC32ANumber").and_then(Json::as_u64);
            if a.is_some() && a == b {
                self.emit("00664-353", &path.child("nextMonthC32ANumber"));
            }
        } else if std::ptr::eq(spec, &fields::DIMONA_UPDATE) {
            const CHANGES: &[&str] = &["startDate", "startHour", "endDate", "endHour", "plannedHoursNumber"];
            if !CHANGES.iter().any(|k| has(k)) {
                self.emit("90378-361", path);
            }
        } else if std::ptr::eq(spec, &fields::DAILY_REGISTRATION_UPDATE) {
            const CHANGES: &[&str] = &["startDate", "startHour", "endDate", "endHour"];
            if !CHANGES.iter().any(|k| has(k)) {
                self.emit("90480-444", path);
            }
        }
    }

    fn walk_root(&mut self, body: &Json) {
        let root = Path::ROOT;
        let Json::Object(map) = body else {
            self.emit("90372-001", &root);
            return;
        };
        let mut seen_block = false;
        for (key, v) in map {
            let path = root.child(key);
            if let Some(kind) = DeclarationKind::from_block_key(key) {
                if seen_block {
                    self.emit("90372-005", &path);
                    continue;
                }
                seen_block = true;
                match present(v) {
                    Some(v) => self.walk_block(fields::declaration_block(kind), v, &path),
                    None => {
                        let zone = fields::declaration_block(kind).zone;
                        self.emit_zone(zone, "001", &path);
                    }
                }
                continue;
            }
            match key.as_ref() {
                "employer" => {
                    if let Some(v) = present(v) {
                        self.walk_block(&fields::EMPLOYER, v, &path);
                    }
                }
                "worker" => {
                    if let Some(v) = present(v) {
                        self.walk_block(&fields::WORKER, v, &path);
                    }
                }
                _ => self.emit("90372-089", &path),
            }
        }
        if !seen_block {
            self.emit("90372-001", &root);
        }
        if self.in_kind() {
            if get(Some(map), "employer").is_none() {
                self.emit("90256-364", &root.child("employer"));
            }
            if get(Some(map), "worker").is_none() {
                self.emit("90017-363", &root.child("worker"));
            }
        }
    }
}

fn path_is_features(path: &Path) -> bool {
    path.parent.is_some_and(|p| p.segment == "features")
}

/// Reads what the rules need before the walk: the kind, worker type, joint committees,
/// dates and hours of the declaration block, and whether the worker has an SSIN.
fn context(body: &Json) -> Context {
    let mut ctx = Context::default();
    let Some(root) = body.as_object() else { return ctx };
    let mut kinds = root.iter().filter_map(|(k, _)| DeclarationKind::from_block_key(k));
    let first = kinds.next();
    ctx.kind = if kinds.next().is_none() { first } else { None };
    let Some(kind) = ctx.kind else { return ctx };
    let block = get(Some(root), kind.block_key()).and_then(Json::as_object);
    ctx.start_date = date_of(get(block, "startDate"));
    ctx.end_date = date_of(get(block, "endDate"));
    ctx.start_hour = hour_of(get(block, "startHour"));
    ctx.end_hour = hour_of(get(block, "endHour"));
    let features = get(block, "features").and_then(Json::as_object);
    ctx.worker_type = known(fields::WORKER_TYPES, get(features, "workerType"));
    ctx.joint_committee = known(fields::JOINT_COMMITTEES, get(features, "jointCommissionNumber"));
    let user = get(block, "userEnterprise").and_then(Json::as_object);
    ctx.user_joint_committee = known(fields::USER_JOINT_COMMITTEES, get(user, "jointCommissionNumber"));
    ctx.has_user_enterprise_number = get(user, "enterpriseNumber").is_some();
    let worker = get(Some(root), "worker").and_then(Json::as_object);
    ctx.has_ssin = get(worker, "ssin").is_some();
    ctx
}

/// Validates a body: see [`super::validate`].
pub(crate) fn run(body: &Json, options: &ValidateOptions) -> ValidationReport {
    let ctx = context(body);
    let kind = ctx.kind;
    let mut w = Walker {
        options,
        ctx,
        out: Vec::new(),
        blocking_beyond_cap: false,
    };
    w.walk_root(body);
    let valid = !w.blocking_beyond_cap && !w.out.iter().any(|a| a.severity == super::Severity::B);
    ValidationReport {
        valid,
        kind,
        anomalies: w.out,
    }
}
