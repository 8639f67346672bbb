//! The validation walk: one pass over the body, in the body's key order, driven by the
//! field tables of [`super::fields`] and the rule tables of [`super::rules`].

use super::fields::{self, BlockSpec, FieldSpec, Format, Presence};
use super::tape::{same_key, Seq, View};
use super::{codes, messages, rules};
use super::{Anomaly, DeclarationKind, Lang, Severity, ValidateOptions, ValidationReport};
use crate::date::CivilDate;
use crate::ids;
use crate::text::trim;

/// Longest key echoed in a path; longer keys are cut (a path never carries a value).
const MAX_KEY_IN_PATH: usize = 64;

/// A JSON path as a chain of segments, rendered only when an anomaly is reported.
#[derive(Clone, Copy)]
#[doc(hidden)]
pub struct Path<'a> {
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

    /// Appends the path to `out`, which must be empty: the chain is walked from the end, so
    /// recurse to the root.
    pub(crate) fn push_to(&self, out: &mut String) {
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
    // The usual key (one of ours, or a short printable one) goes in whole.
    if key.len() <= MAX_KEY_IN_PATH && key.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        out.push_str(key);
        return;
    }
    for (i, c) in key.chars().enumerate() {
        if i >= MAX_KEY_IN_PATH {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { '?' } else { c });
    }
}

/// An anomaly code put together from a zone and a suffix (`00776` and `005`), on the stack:
/// codes are written for every anomaly, and a zone has five digits and a suffix three.
struct Code {
    bytes: [u8; Code::ROOM],
    len: usize,
    /// A zone and suffix longer than the room (none in the tables).
    long: Option<String>,
}

impl Code {
    const ROOM: usize = 16;

    fn new(zone: &str, suffix: &str) -> Code {
        let len = zone.len() + 1 + suffix.len();
        let mut code = Code {
            bytes: [0; Code::ROOM],
            len,
            long: None,
        };
        if len > Code::ROOM {
            code.long = Some([zone, "-", suffix].concat());
            return code;
        }
        code.bytes[..zone.len()].copy_from_slice(zone.as_bytes());
        code.bytes[zone.len()] = b'-';
        code.bytes[zone.len() + 1..len].copy_from_slice(suffix.as_bytes());
        code
    }

    fn as_str(&self) -> &str {
        match &self.long {
            Some(long) => long,
            // Two `&str`s and an ASCII hyphen: UTF-8 by construction.
            None => std::str::from_utf8(&self.bytes[..self.len]).unwrap_or(""),
        }
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
#[inline]
fn present(value: View<'_>) -> Option<View<'_>> {
    match value {
        View::Null => None,
        View::String(s) if trim(s).is_empty() => None,
        v => Some(v),
    }
}

#[inline]
fn get<'a>(obj: Option<Seq<'a>>, key: &str) -> Option<View<'a>> {
    obj.and_then(|o| o.get(key)).and_then(present)
}

fn known(list: &'static [&'static str], value: Option<View>) -> Option<&'static str> {
    let s = trim(value?.as_str()?);
    list.iter().copied().find(|x| *x == s)
}

fn date_of(value: Option<View>) -> Option<CivilDate> {
    CivilDate::parse(trim(value?.as_str()?))
}

/// `HHMM` as minutes since midnight.
#[doc(hidden)]
pub fn parse_hour(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let hh = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let mm = u32::from(b[2] - b'0') * 10 + u32::from(b[3] - b'0');
    (hh <= 23 && mm <= 59).then_some(hh * 60 + mm)
}

fn hour_of(value: Option<View>) -> Option<u32> {
    parse_hour(trim(value?.as_str()?))
}

/// A 12-digit RSZ id given as an integer or a digit string.
fn rsz_id(value: View) -> Option<u64> {
    let n = match value {
        View::Number(n) => n?,
        View::String(s) => {
            let t = trim(s);
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
fn integer_id(value: View) -> Option<u64> {
    match value {
        View::Number(n) => n,
        View::String(s) => {
            let t = trim(s);
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

/// Where the walker puts each anomaly it reports: a list of [`Anomaly`] values, or straight
/// into the encoding the JS `validate` reads ([`super::report_tape::Encoder`]), which then
/// builds no strings of its own for them.
#[doc(hidden)]
pub trait Sink {
    /// Takes one anomaly. Its message is in `lang`, with a "did you mean `hint`?" when a hint is
    /// given ([`messages::push_message_with_hint`]).
    fn anomaly(&mut self, code: &str, severity: Severity, path: &Path, lang: Lang, hint: Option<&str>);
}

impl Sink for Vec<Anomaly> {
    fn anomaly(&mut self, code: &str, severity: Severity, path: &Path, lang: Lang, hint: Option<&str>) {
        let mut message = String::with_capacity(64);
        messages::push_message_with_hint(&mut message, code, lang, hint);
        self.push(Anomaly {
            code: code.to_string(),
            zone: code.get(..5).unwrap_or(code).to_string(),
            path: path.render(),
            severity,
            message,
        });
    }
}

/// What a walk found besides its anomalies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub struct Outcome {
    /// No blocking anomaly.
    pub valid: bool,
    /// The declaration kind, when the body has exactly one declaration block.
    pub kind: Option<DeclarationKind>,
    /// How many anomalies went to the sink (at most [`MAX_ANOMALIES`]).
    pub anomalies: usize,
}

struct Walker<'o> {
    options: &'o ValidateOptions,
    ctx: Context,
    out: &'o mut dyn Sink,
    /// Anomalies handed to `out` so far.
    count: usize,
    /// A blocking anomaly was reported (or found beyond [`MAX_ANOMALIES`]).
    blocking: bool,
    /// Report everything as a warning (a block whose keys may be named otherwise).
    soften: bool,
}

impl Walker<'_> {
    fn emit(&mut self, code: &str, path: &Path) {
        self.emit_as(code, codes::severity(code), path, None);
    }

    /// Reports `code` at `severity`; `hint` is one of our keys, named in a "did you mean".
    fn emit_as(&mut self, code: &str, severity: Severity, path: &Path, hint: Option<&str>) {
        // A rule may not make blocking what the tables grade as never blocking.
        let severity = if codes::is_warning_only(code) || self.soften {
            Severity::W
        } else {
            severity
        };
        self.blocking |= severity == Severity::B;
        if self.count >= MAX_ANOMALIES {
            return;
        }
        self.count += 1;
        self.out.anomaly(code, severity, path, self.options.lang, hint);
    }

    /// An unknown key in a block (`zone-092`) or at the root (`90372-089`): blocking with a
    /// "did you mean" when it is another spelling of one of the block's keys (a v1 or XML
    /// name, another case, snake_case, a typo), a warning otherwise — the RSZ publishes no
    /// complete schema, and a key we do not know may be one it does. A hint that names a key
    /// whose REST name is itself unconfirmed only warns.
    fn unknown_key(&mut self, code: &str, spec: &BlockSpec, key: &str, path: &Path) {
        let hint = suggest(spec, key);
        let severity = match hint {
            Some((_, true)) if !codes::is_warning_only(spec.zone) => Severity::B,
            _ => Severity::W,
        };
        self.emit_as(code, severity, path, hint.map(|(k, _)| k));
    }

    fn emit_zone(&mut self, zone: &str, suffix: &str, path: &Path) {
        let code = Code::new(zone, suffix);
        self.emit(code.as_str(), path);
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
            // A student's planned hours are for periods "après le 01/01/2017 (inclus)" (FR §5.2);
            // up to 31/12/2016 the planned days take their place (zone 01017, the XSD's choice
            // PlannedHoursNbr | PlannedDaysNbr): then they are not required.
            // (Planned hours are the only field with this presence.)
            Presence::OnlyWorkerTypes(_) if wt == Some("STU") && c.start_date.is_some_and(|d| d.year <= 2016) => None,
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
                    // The end hour of a horeca occasional worker on a day forfait is not required
                    // (zone 00778 "met uitzondering van een gelegenheidwerknemer in de horeca voor
                    // een dagforfait"); an agency extra working for a horeca user (322 with a
                    // user enterprise under 302) may be one too: the body cannot tell.
                    "EXT"
                        if presence == Presence::InEndHour
                            && (c.joint_committee == Some("302") || c.user_joint_committee == Some("302")) =>
                    {
                        None
                    }
                    "EXT" => Some(true),
                    // Hours belong to "een prestatie Flexi-Job van een dag" (zones 00777/00778):
                    // mandatory when the period is one day, "Verboden in de andere gevallen"
                    // when it is longer. Without an end date the length is unknown: both hours
                    // then, or neither.
                    "FLX" => match (c.start_date, c.end_date) {
                        (Some(start), Some(end)) if end == start => Some(true),
                        // A one-day performance across midnight ends the next day, as zone
                        // 00910-459 lets an occasional worker's period span "twee opeenvolgende
                        // dagen": reading such a period as "per periode" is ours, so its hours
                        // are not forbidden (both, or neither; 90373-341 bounds it to 24 h).
                        (Some(start), Some(end)) if start.days_until(end) == 1 => other_hour.then_some(true),
                        (Some(start), Some(end)) if end > start => Some(false),
                        _ => other_hour.then_some(true),
                    },
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

    fn walk_block(&mut self, spec: &'static BlockSpec, value: View, path: &Path) {
        let View::Object(map) = value else {
            self.emit_zone(spec.zone, "003", path);
            return;
        };
        // Which of the spec's fields are present, by index: the missing-field pass below then
        // needs no second lookup of every key (blocks have fewer than 64 fields; a test checks).
        let mut seen: u64 = 0;
        let mut unknown = false;
        for (key, number, v) in map.numbered_pairs() {
            let child = path.child(key);
            // A key the JS encoding numbered is found by its number; any other by its text.
            let index =
                fields::field_index(spec, number).or_else(|| spec.fields.iter().position(|f| same_key(f.key, key)));
            let Some(index) = index else {
                self.unknown_block_key(spec, key, &child);
                unknown = true;
                continue;
            };
            let field = &spec.fields[index];
            let Some(v) = present(v) else { continue };
            seen |= 1 << index;
            if self.required(field.presence) == Some(false) {
                self.forbidden(field, v, &child);
                continue;
            }
            self.check_value(field, v, &child);
        }
        // The user enterprise's inner names are inferred but for `enterpriseNumber` (NL §5.1.7
        // "het enterpriseNumber of a userEnterprise"): with a key we do not know, that key may
        // be the name or joint committee under its real name, so what we miss only warns.
        let saved = self.soften;
        self.soften |= unknown && std::ptr::eq(spec, &fields::USER_ENTERPRISE);
        // The fields not given that a presence rule may require, in order (optional and
        // forbidden ones never are).
        let mut todo = fields::requirable(spec) & !seen;
        while todo != 0 {
            let index = todo.trailing_zeros() as usize;
            todo &= todo - 1;
            let Some(field) = spec.fields.get(index) else { break };
            if self.required(field.presence) == Some(true) {
                let child = path.child(field.key);
                self.missing(field, &child);
            }
        }
        self.block_rules(spec, map, path);
        self.soften = saved;
    }

    fn unknown_block_key(&mut self, spec: &'static BlockSpec, key: &str, path: &Path) {
        let code = Code::new(spec.zone, "092");
        self.unknown_key(code.as_str(), spec, key, path);
    }

    /// A field given where it is forbidden: its zone's `-005`; for a block, the `-005` of the
    /// fields inside it where the glossary has one (00776-005, 00663-005, 00131-005 …).
    fn forbidden(&mut self, field: &FieldSpec, value: View, path: &Path) {
        if let Format::Block(inner) = field.format {
            if !codes::glossary_has(field.zone, "005") {
                let View::Object(map) = value else {
                    self.emit_zone(field.zone, "003", path);
                    return;
                };
                for (key, v) in map.pairs() {
                    let child = path.child(key);
                    let Some(f) = inner.fields.iter().find(|f| same_key(f.key, key)) else {
                        self.unknown_block_key(inner, key, &child);
                        continue;
                    };
                    let Some(v) = present(v) else { continue };
                    self.forbidden(f, v, &child);
                }
                return;
            }
        }
        self.emit_zone(field.zone, "005", path);
    }

    /// The code reported when a field is missing; for a block without a `-001` of its own,
    /// the `-001` of each of its mandatory fields (the glossary's codes: 00663-001, 00517-001 …).
    fn missing(&mut self, spec: &FieldSpec, path: &Path) {
        match (spec.presence, spec.format) {
            // Worker without SSIN and without the minimum identification data.
            (Presence::Mid, _) => self.emit("90017-363", path),
            (_, Format::Block(inner)) if !codes::glossary_has(spec.zone, "001") => {
                if std::ptr::eq(inner, &fields::USER_ENTERPRISE) {
                    self.emit("90107-351", path);
                }
                for f in inner.fields.iter().filter(|f| f.presence == Presence::Mandatory) {
                    self.missing(f, &path.child(f.key));
                }
            }
            _ => self.emit_zone(spec.zone, "001", path),
        }
    }

    fn check_value(&mut self, field: &FieldSpec, v: View, path: &Path) {
        let ok = match field.format {
            Format::Block(spec) => {
                self.walk_block(spec, v, path);
                return;
            }
            Format::Date => match v.as_str().map(trim) {
                Some(s) => match CivilDate::parse(s) {
                    Some(d) => {
                        self.date_rules(field.zone, d, path);
                        true
                    }
                    None => false,
                },
                None => false,
            },
            Format::BirthDate => v.as_str().is_some_and(|s| self.birth_date_ok(trim(s))),
            Format::Hour => match v.as_str().and_then(|s| parse_hour(trim(s))) {
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
                let t = trim(s);
                // ASCII text (the usual case) is as many characters as bytes.
                if t.is_ascii() {
                    return !t.bytes().any(|b| b.is_ascii_control()) && t.len() <= max;
                }
                !t.chars().any(char::is_control) && t.chars().take(max + 1).count() <= max
            }),
            // The lists are sorted (a test checks): a few comparisons instead of one per entry.
            Format::Enum(list) => v.as_str().is_some_and(|s| list.binary_search(&trim(s)).is_ok()),
            Format::Initial => v.as_str().is_some_and(|s| {
                let mut it = trim(s).chars();
                it.next().is_some_and(char::is_alphabetic) && it.next().is_none()
            }),
            Format::Ssin => v
                .as_str()
                .is_some_and(|s| ids::is_valid_ssin_in(s, self.options.today.year)),
            // Zone 00131: "Als het ondernemingsnummer niet gekend is, dient de waarde nul
            // meegedeeld te worden" (the XSD's UsingEmployerCompanyID pattern `0|\d{9}|\d{10}`);
            // zone 00014 says instead "De waarde 0 is nooit toegelaten wanneer het een
            // Dimona-aangifte is".
            Format::EnterpriseNumber if field.zone == "00131" && integer_id(v) == Some(0) => true,
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
            // A number or its digit string: the service's own answers give it as "1".
            Format::Gender => match v.as_u64().or_else(|| match v.as_str().map(trim) {
                Some("0") => Some(0),
                Some("1") => Some(1),
                Some("2") => Some(2),
                _ => None,
            }) {
                Some(1 | 2) => true,
                // 0 is outside "1 = man 2 = vrouw", but with an SSIN the register identifies
                // the worker: the service echoes the register's "0" itself and a production
                // client sends 0 (DIMONA.md), so there it only warns.
                Some(0) if self.ctx.has_ssin => {
                    self.emit_as("00029-003", Severity::W, path, None);
                    return;
                }
                _ => false,
            },
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
                    // "Voor … een Dimona Artikel 17 (de type A17 of T17) of een Dimona
                    // gelegenheidswerknemer in quarantaine moet de einddatum gelijk zijn aan de
                    // begindatum" (zone 00911). A one-day FLX is a one-day performance: its
                    // hours are the zones 00777/00778's rule.
                    Some("A17" | "T17" | "QUA") if date != start => self.emit("00911-008", path),
                    Some("STU" | "O17" | "S17") if !start.same_quarter(date) => self.emit("90373-421", path),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// End hour before start hour on the same day (`00778-345`). An update that carries no
    /// dates changes the hours of a period whose days it does not repeat: a night shift
    /// across midnight is a normal correction there, so only its own dates can tell.
    fn hour_rules(&mut self, zone: &str, path: &Path) {
        if zone != "00778" {
            return;
        }
        let c = &self.ctx;
        let is_update = matches!(
            c.kind,
            Some(DeclarationKind::DimonaUpdate | DeclarationKind::DailyRegistrationUpdate)
        );
        // Blocking only when both dates say the hours fall on one day; without an end date
        // (a daily registration In may leave it out, NL §7.1.2) the end may be the next day:
        // reading a missing end date as the start date is ours, so it only warns.
        let severity = match (c.start_date, c.end_date) {
            (Some(s), Some(e)) => (s == e).then_some(Severity::B),
            _ if is_update => None,
            (_, None) => Some(Severity::W),
            (None, Some(_)) => None,
        };
        if let (Some(s), Some(e), Some(severity)) = (c.start_hour, c.end_hour, severity) {
            if e < s {
                self.emit_as("00778-345", severity, path, None);
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
                if let Some(severity) = rules::worker_type_check(wt, start, self.options.today) {
                    self.emit_as("00655-005", severity, path, None);
                }
            }
            "00046" if path.segment == "jointCommissionNumber" && path_is_features(path) => {
                if let (Some(jc), Some(wt)) = (self.ctx.joint_committee, self.ctx.worker_type) {
                    if let Some(severity) = rules::committee_check(jc, wt) {
                        self.emit_as("90374-349", severity, path, None);
                    }
                }
            }
            _ => {}
        }
    }

    /// Rules on a whole block, after its keys.
    fn block_rules(&mut self, spec: &'static BlockSpec, map: Seq, path: &Path) {
        let has = |k: &str| get(Some(map), k).is_some();
        if std::ptr::eq(spec, &fields::EMPLOYER) {
            if !has("employerId") && !has("enterpriseNumber") && !has("provisionalEmployerId") {
                self.emit("90256-364", path);
            }
        } else if std::ptr::eq(spec, &fields::USER_ENTERPRISE) {
            let number = get(Some(map), "enterpriseNumber");
            match (number.is_some(), has("name")) {
                (false, false) => self.emit("90107-351", path),
                // A number 0 says it is not known (zone 00131): the name goes with it.
                (true, true) if number.and_then(integer_id) != Some(0) => self.emit("90107-352", path),
                _ => {}
            }
        } else if std::ptr::eq(spec, &fields::CONSTRUCTION_CARDS) {
            let a = get(Some(map), "firstMonthC32ANumber").and_then(|v| v.as_u64());
            let b = get(Some(map), "nextMonthC32ANumber").and_then(|v| v.as_u64());
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
            self.daily_registration_hours(path);
        } else if std::ptr::eq(spec, &fields::DAILY_REGISTRATION_IN) {
            self.daily_registration_hours(path);
        } else if std::ptr::eq(spec, &fields::DIMONA_IN) {
            self.period_length_rules(path);
        }
    }

    /// The length of the declared period in minutes, when both dates and hours are known.
    fn period_minutes(&self) -> Option<i64> {
        let c = &self.ctx;
        let days = c.start_date?.days_until(c.end_date?);
        Some(days * 1440 + i64::from(c.end_hour?) - i64::from(c.start_hour?))
    }

    /// Dimona In: "Te lange periode (>24h)" (90373-341), and for an occasional worker
    /// "Verboden om periodes met gelegenheidswerknemers te hebben over meer dan twee
    /// opeenvolgende dagen" (00910-459).
    fn period_length_rules(&mut self, path: &Path) {
        if self.period_minutes().is_some_and(|m| m > 1440) {
            self.emit("90373-341", path);
        }
        let c = &self.ctx;
        if let (Some("EXT"), Some(start), Some(end)) = (c.worker_type, c.start_date, c.end_date) {
            if start.days_until(end) >= 2 {
                self.emit("00910-459", &path.child("startDate"));
            }
        }
    }

    /// "Aantal uren te hoog" (90480-260): the glossary gives no threshold, so a registration
    /// longer than a day is only warned about ([`codes::WARNING_ONLY`]).
    fn daily_registration_hours(&mut self, path: &Path) {
        if self.period_minutes().is_some_and(|m| m > 1440) {
            self.emit("90480-260", path);
        }
    }

    fn walk_root(&mut self, body: View) {
        let root = Path::ROOT;
        let View::Object(map) = body else {
            self.emit("90372-001", &root);
            return;
        };
        let mut seen_block = false;
        for (key, v) in map.pairs() {
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
            match key {
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
                _ => self.unknown_key("90372-089", &fields::ROOT, key, &path),
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

/// Keys the documentation shows elsewhere (responses, searches): never "corrected".
const KNOWN_ELSEWHERE: &[&str] = &["declarationStatus", "givenNames", "href", "references"];

/// Our key that an unknown `key` most likely means, with whether that key's name is
/// confirmed: a v1 or XML name ([`fields::ALIASES`], also after dropping the XML names'
/// `Worker`/`UsingEmployer` prefix), or the same name in another case, in snake_case, with
/// `Nbr` for `Number`, or with one typo (one letter added, missing, changed, or two swapped).
fn suggest(spec: &BlockSpec, key: &str) -> Option<(&'static str, bool)> {
    if key.len() > MAX_KEY_IN_PATH || KNOWN_ELSEWHERE.contains(&key) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    let bare = ["worker", "usingemployer"]
        .iter()
        .find_map(|p| lower.strip_prefix(p).filter(|rest| !rest.is_empty()))
        .unwrap_or(&lower);
    let alias = fields::ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(&lower) || alias.eq_ignore_ascii_case(bare));
    let mut found = None;
    if let Some(&(_, ours)) = alias {
        found = spec
            .fields
            .iter()
            .find(|f| ours.split('.').next() == Some(f.key))
            .map(|f| (ours, f));
    }
    // snake_case and kebab-case meet camelCase; the XML names' `Nbr` is our `Number`.
    for name in [lower.as_str(), bare] {
        let squashed: String = name.chars().filter(|c| *c != '_' && *c != '-').collect();
        let squashed = match squashed.strip_suffix("nbr") {
            Some(stem) => [stem, "number"].concat(),
            None => squashed,
        };
        if found.is_none() && squashed.len() >= 3 {
            found = spec
                .fields
                .iter()
                .find(|f| one_edit_apart(squashed.as_bytes(), f.key.as_bytes()))
                .map(|f| (f.key, f));
        }
    }
    found.map(|(ours, f)| (ours, !codes::is_warning_only(f.zone) && name_confirmed(spec, f.key)))
}

/// False for keys whose REST name is inferred although their zone's other keys are not: the
/// user enterprise's, but for `enterpriseNumber` (NL §5.1.3, §5.1.7 "het enterpriseNumber
/// of a userEnterprise"; DIMONA.md: inner names inferred).
fn name_confirmed(spec: &BlockSpec, key: &str) -> bool {
    // The worker's `boxNumber` is seen only on the place-of-work address (DIMONA.md: "I for
    // worker"); REST v1 called it `postBox`.
    if std::ptr::eq(spec, &fields::WORKER_ADDRESS) {
        return key != "boxNumber";
    }
    !std::ptr::eq(spec, &fields::USER_ENTERPRISE) || key == "enterpriseNumber"
}

/// True when lower-case `a` and `b` (compared without case) are equal or one edit apart:
/// one letter added, missing or changed, or two neighbours swapped.
fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    let same = |x: &u8, y: &u8| *x == y.to_ascii_lowercase();
    let prefix = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| same(x, y))
        .count();
    let (rest_a, rest_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    match (rest_a, rest_b) {
        ([] | [_], [] | [_]) => true,
        ([x1, x2], [y1, y2]) => same(x1, y2) && same(x2, y1),
        _ => false,
    }
}

fn path_is_features(path: &Path) -> bool {
    path.parent.is_some_and(|p| p.segment == "features")
}

/// Reads what the rules need before the walk: the kind, worker type, joint committees,
/// dates and hours of the declaration block, and whether the worker has an SSIN.
fn context(body: View) -> Context {
    let mut ctx = Context::default();
    let Some(root) = body.as_object() else { return ctx };
    let mut kinds = root.pairs().filter_map(|(k, _)| DeclarationKind::from_block_key(k));
    let first = kinds.next();
    ctx.kind = if kinds.next().is_none() { first } else { None };
    let Some(kind) = ctx.kind else { return ctx };
    let block = get(Some(root), kind.block_key()).and_then(|v| v.as_object());
    ctx.start_date = date_of(get(block, "startDate"));
    ctx.end_date = date_of(get(block, "endDate"));
    ctx.start_hour = hour_of(get(block, "startHour"));
    ctx.end_hour = hour_of(get(block, "endHour"));
    let features = get(block, "features").and_then(|v| v.as_object());
    ctx.worker_type = known(fields::WORKER_TYPES, get(features, "workerType"));
    ctx.joint_committee = known(fields::JOINT_COMMITTEES, get(features, "jointCommissionNumber"));
    let user = get(features, "userEnterprise").and_then(|v| v.as_object());
    ctx.user_joint_committee = known(fields::USER_JOINT_COMMITTEES, get(user, "jointCommissionNumber"));
    ctx.has_user_enterprise_number = get(user, "enterpriseNumber").is_some();
    let worker = get(Some(root), "worker").and_then(|v| v.as_object());
    ctx.has_ssin = get(worker, "ssin").is_some();
    ctx
}

/// Validates a body: see [`super::validate`].
#[doc(hidden)]
pub fn run(body: View, options: &ValidateOptions) -> ValidationReport {
    let mut anomalies = Vec::new();
    let outcome = walk(body, options, &mut anomalies);
    ValidationReport {
        valid: outcome.valid,
        kind: outcome.kind,
        anomalies,
    }
}

/// Validates a body, handing each anomaly to `sink` in the order of [`run`]'s report.
#[doc(hidden)]
pub fn walk(body: View, options: &ValidateOptions, sink: &mut dyn Sink) -> Outcome {
    let ctx = context(body);
    let kind = ctx.kind;
    let mut w = Walker {
        options,
        ctx,
        out: sink,
        count: 0,
        blocking: false,
        soften: false,
    };
    w.walk_root(body);
    Outcome {
        valid: !w.blocking,
        kind,
        anomalies: w.count,
    }
}
