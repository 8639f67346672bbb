// Declare: a form per kind, checked offline with `validate` on every input. Anomalies appear
// next to the field their `path` names (code + message in the chosen language); those of
// no field on screen go to the summary. Submit stays disabled while a blocking anomaly remains.

import { validate, buildDeclaration, isValidSsin } from "/pkg/index.js";
import { h, replace, byId, isoToday, clock } from "./dom.js";
import { t, tf, lang } from "./i18n.js";
import { KINDS, fieldsOf, fieldLabelKey, inputId, toJsonValue, setPath, example } from "./fields.js";
import { WORKER_TYPE_NAMES, JOINT_COMMITTEE_NAMES, codeName, allowedCommittees } from "./codes.js";
import { hourText } from "./who.js";

/** Fields filled with today's date when a form opens empty. */
const TODAY_FIELDS = ["dimonaIn.startDate", "dailyRegistrationIn.startDate", "dimonaOut.endDate"];

/**
 * The declare view. `onDeclare(body, summary, fingerprint)` sends a valid body and resolves
 * true once it is sent; `isHeld(fingerprint)` tells whether that very body is in flight or
 * already accepted (then Declare stays disabled until the form changes).
 */
export class DeclareForm {
  constructor({ onDeclare, isHeld, similarTo }) {
    this.onDeclare = onDeclare;
    this.isHeld = isHeld ?? (() => false);
    this.similarTo = similarTo ?? (() => null);
    /** The fingerprint of the body last sent (in memory only: it holds the SSIN). */
    this.lastSent = null;
    this.note = byId("declare-note");
    this.form = byId("declare-form");
    this.kindSelect = byId("kind");
    this.fieldsEl = byId("fields");
    this.summaryEl = byId("summary");
    this.jsonEl = byId("json-body");
    this.jsonNote = byId("json-note");
    this.submit = byId("declare-submit");
    this.values = new Map();
    this.touched = new Set();
    this.report = { valid: false, anomalies: [] };
    this.body = {};

    for (const kind of KINDS) this.kindSelect.append(h("option", { value: kind }));
    this.kindSelect.addEventListener("change", () => {
      this.touched.clear();
      this.note.textContent = "";
      this.render();
    });
    this.form.addEventListener("input", (e) => this.onInput(e));
    this.form.addEventListener("change", (e) => this.onInput(e));
    this.form.addEventListener("focusout", (e) => {
      if (e.target?.dataset?.path) {
        this.touched.add(e.target.dataset.path);
        this.check();
      }
    });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.send();
    });
    byId("fill-example").addEventListener("click", () => this.fillExample());
    byId("clear-form").addEventListener("click", () => {
      this.values.clear();
      this.touched.clear();
      this.render();
    });
  }

  get kind() {
    return this.kindSelect.value || "dimonaIn";
  }

  onInput(e) {
    const path = e.target?.dataset?.path;
    if (!path) return;
    this.values.set(path, e.target.type === "checkbox" ? (e.target.checked ? "true" : "") : e.target.value);
    this.touched.add(path);
    // The worker type, the joint committee and the toggles decide which fields show.
    if (path.startsWith("@") || path.endsWith(".workerType") || path.endsWith(".jointCommissionNumber")) {
      this.renderFields();
    }
    this.check();
  }

  /** Opens the form of `kind` filled with `values` (block keys: periodId, dates, hours…). */
  openWith(kind, values) {
    this.kindSelect.value = kind;
    this.values.clear();
    this.touched.clear();
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === null || value === "") continue;
      const path = `${kind}.${key}`;
      this.values.set(path, key.endsWith("Hour") ? hourText(value) : String(value));
      this.touched.add(path);
    }
    this.render();
    const id = values.periodId ?? values.dailyRegistrationId ?? "";
    this.note.textContent = tf("act.opened", { what: t(values.periodId ? "result.period" : "result.registration"), id });
    const firstEmpty = [...this.fieldsEl.querySelectorAll("input[data-path]")].find((el) => !el.value);
    (firstEmpty ?? (this.submit.disabled ? this.kindSelect : this.submit)).focus();
  }

  fillExample() {
    const values = example(this.kind, isoToday(), isoToday(1));
    for (const [path, value] of Object.entries(values)) {
      this.values.set(path, value);
      this.touched.add(path);
    }
    this.render();
  }

  /** Rebuilds labels and options in the current language, then the fields and the check. */
  render() {
    for (const option of this.kindSelect.options) option.textContent = t(`kind.${option.value}`);
    for (const path of TODAY_FIELDS) {
      if (path.startsWith(`${this.kind}.`) && !this.values.has(path)) this.values.set(path, isoToday());
    }
    this.renderFields();
    this.check();
  }

  /** Context of the `when` predicates. */
  context() {
    const kind = this.kind;
    return {
      kind,
      workerType: this.values.get(`${kind}.features.workerType`) ?? "OTH",
      jointCommission: this.values.get(`${kind}.features.jointCommissionNumber`) ?? "XXX",
      noSsin: this.values.get("@noSsin") === "true",
    };
  }

  renderFields() {
    const focused = document.activeElement?.id;
    const ctx = this.context();
    const groups = new Map();
    for (const field of fieldsOf(ctx.kind)) {
      const applies = !field.when || field.when(ctx);
      const value = this.values.get(field.path) ?? "";
      // A field that does not apply is hidden, unless it holds a value: then it stays, marked,
      // so that its anomaly can be seen and the value cleared.
      if (!applies && (value === "" || field.dropWhenHidden || field.path.startsWith("@"))) continue;
      if (!groups.has(field.group)) groups.set(field.group, []);
      groups.get(field.group).push(this.fieldRow(field, value, applies));
    }
    replace(
      this.fieldsEl,
      [...groups].map(([group, rows]) => h("fieldset", {}, h("legend", { text: t(group) }), rows)),
    );
    if (focused) document.getElementById(focused)?.focus();
  }

  fieldRow(field, value, applies) {
    const id = inputId(field.path);
    const common = { id, name: field.path, "data-path": field.path, "aria-describedby": `${id}-anomalies` };
    let input;
    if (field.type === "toggle") {
      // A switch of the form itself, not a field of the body.
      return h(
        "div",
        { class: "field checkbox", "data-field": field.path },
        h("input", { id, name: field.path, "data-path": field.path, type: "checkbox", checked: value === "true" }),
        h("label", { for: id, text: t(field.label) }),
      );
    }
    if (field.type === "select") {
      const current = value || field.options[0];
      if (!value) this.values.set(field.path, current);
      input = h("select", common, this.options(field, current));
    } else {
      const attrs = { ...common, value, autocomplete: field.autocomplete ?? "off" };
      if (field.type === "date") attrs.type = "date";
      else attrs.type = "text";
      if (field.type === "number") attrs.inputmode = "numeric";
      if (field.type === "hhmm") Object.assign(attrs, { placeholder: t("hint.hhmm"), maxlength: 5 });
      input = h("input", attrs);
      input.value = value;
    }
    return h(
      "div",
      { class: applies ? "field" : "field not-applicable", "data-field": field.path },
      h("label", { for: id, text: t(field.label) }),
      input,
      applies ? null : h("p", { class: "hint", text: t("hint.notForType") }),
      h("ul", { class: "field-anomalies", id: `${id}-anomalies`, "aria-live": "polite" }),
    );
  }

  /**
   * A select's options: worker types and joint committees named in the page's language, the
   * committees the rules allow with the chosen worker type first, the others apart.
   */
  options(field, current) {
    const option = (o, table) => h("option", { value: o, selected: o === current, text: table ? codeName(table, o, lang()) : o || "—" });
    if (field.path.endsWith("features.workerType")) return field.options.map((o) => option(o, WORKER_TYPE_NAMES));
    if (field.path.endsWith("features.jointCommissionNumber")) {
      const allowed = allowedCommittees(this.context().workerType);
      const refused = field.options.filter((o) => !allowed.includes(o));
      return [
        h("optgroup", { label: t("optgroup.allowed") }, allowed.map((o) => option(o, JOINT_COMMITTEE_NAMES))),
        refused.length ? h("optgroup", { label: t("optgroup.refused") }, refused.map((o) => option(o, JOINT_COMMITTEE_NAMES))) : null,
      ];
    }
    return field.options.map((o) => option(o));
  }

  /** The body as the form holds it now. */
  collect() {
    const kind = this.kind;
    const ctx = this.context();
    // Fields come in table order (employer, worker, then the block), as the RSZ's examples show them.
    const body = {};
    for (const field of fieldsOf(kind)) {
      // Fields that belong to a switched-off part of the form (the worker's identification
      // without SSIN) are not sent; others stay, so that validate can explain them.
      if (field.dropWhenHidden && field.when && !field.when(ctx)) continue;
      const raw = this.values.get(field.path);
      if (raw === undefined || field.path.startsWith("@")) continue;
      const value = toJsonValue(field, raw);
      if (value !== undefined) setPath(body, field.path, value);
    }
    body[kind] ??= {};
    return body;
  }

  /** Validates offline and shows the anomalies, the JSON and the submit state. */
  check() {
    this.body = this.collect();
    this.report = validate(this.body, { lang: lang() }) ?? { valid: false, anomalies: [] };
    const anomalies = Array.isArray(this.report.anomalies) ? this.report.anomalies : [];
    const blocking = anomalies.filter((a) => a.severity === "B");
    const warnings = anomalies.filter((a) => a.severity !== "B");

    for (const list of this.fieldsEl.querySelectorAll(".field-anomalies")) list.replaceChildren();
    for (const input of this.fieldsEl.querySelectorAll("[data-path]")) input.removeAttribute("aria-invalid");
    for (const anomaly of anomalies) {
      const list = document.getElementById(`${inputId(anomaly.path ?? "")}-anomalies`);
      // Missing mandatory fields wait until the field was touched; every other anomaly shows at once.
      const quiet = String(anomaly.code).endsWith("-001") && !this.touched.has(anomaly.path);
      if (list && !quiet) {
        list.append(anomalyItem(anomaly));
        if (anomaly.severity === "B") document.getElementById(inputId(anomaly.path))?.setAttribute("aria-invalid", "true");
      }
    }

    this.explain(anomalies);
    const valid = this.report.valid === true && blocking.length === 0;
    const fingerprint = JSON.stringify(this.body);
    const held = fingerprint === this.lastSent || this.isHeld(fingerprint);
    this.submit.disabled = !valid || held;
    const similar = !held && valid ? this.similarTo(this.body) : null;
    // The note says why Declare is off (or what to check first); an "opened from" note stays.
    if (held) this.note.textContent = t("declare.sent");
    else if (similar) this.note.textContent = tf("declare.similar", { time: clock(similar.sentAt ?? Date.now()) });
    else if (this.note.dataset.kind) this.note.textContent = "";
    this.note.dataset.kind = held ? "held" : similar ? "similar" : "";
    // An untouched form is not yet wrong: it says how to start instead of listing what is missing.
    const untouched = this.touched.size === 0 && !valid;
    replace(
      this.summaryEl,
      untouched
        ? h("p", { class: "start", text: t("summary.start") })
        : valid
        ? h("p", { class: "ok", text: t("summary.valid") })
        : h("p", { class: "counts" }, `${blocking.length} ${t("summary.blocking")}, ${warnings.length} ${t("summary.warnings")}`),
      anomalies.length && !untouched
        ? h("ul", { class: "all-anomalies" }, anomalies.map((a) =>
            h("li", {}, h("button", { type: "button", class: "link", "data-path": a.path, text: fieldName(a.path), onclick: () => this.focusField(a.path) }), " ", anomalyItem(a, "span")),
          ))
        : null,
    );
    this.renderJson(valid);
  }

  /** Words next to the codes: a wrong SSIN check digit, the committees allowed with a worker type. */
  explain(anomalies) {
    const ssinInput = document.getElementById(inputId("worker.ssin"));
    const digits = (ssinInput?.value ?? "").replace(/\D/g, "");
    const list = document.getElementById(`${inputId("worker.ssin")}-anomalies`);
    if (list && digits.length === 11 && !isValidSsin(digits)) {
      list.append(h("li", { class: "hint check-digit", text: t("hint.checkDigit") }));
    }
    const jcPath = `${this.kind}.features.jointCommissionNumber`;
    const jcList = document.getElementById(`${inputId(jcPath)}-anomalies`);
    if (jcList && anomalies.some((a) => a.code === "90374-349")) {
      const type = this.context().workerType;
      jcList.append(h("li", { class: "hint allowed", text: tf("hint.allowedWith", { type: codeName(WORKER_TYPE_NAMES, type, lang()), list: allowedCommittees(type).map((c) => codeName(JOINT_COMMITTEE_NAMES, c, lang())).join(", ") }) }));
    }
  }

  focusField(path) {
    const el = document.getElementById(inputId(path ?? ""));
    if (el) el.focus();
  }

  renderJson(valid) {
    let shown = this.body;
    let exact = false;
    if (valid) {
      try {
        shown = buildDeclaration(this.body, { lang: lang() });
        exact = true;
      } catch {
        shown = this.body;
      }
    }
    this.jsonNote.textContent = exact ? t("json.exact") : t("json.draft");
    this.jsonEl.textContent = JSON.stringify(shown, null, 2);
  }

  /** A short description of the declaration without SSIN or name, for the timeline. */
  summary() {
    const kind = this.kind;
    const b = this.body[kind] ?? {};
    const parts = [t(`kind.${kind}`).split(":")[0]];
    if (b.features?.workerType) parts.push(b.features.workerType);
    if (b.periodId) parts.push(`#${b.periodId}`);
    if (b.dailyRegistrationId) parts.push(`#${b.dailyRegistrationId}`);
    if (b.startDate) parts.push(b.startDate);
    return parts.join(" · ");
  }

  async send() {
    this.check();
    if (this.submit.disabled) return;
    // Locked at once, before anything asynchronous: a double click sends one POST.
    const fingerprint = JSON.stringify(this.body);
    this.lastSent = fingerprint;
    this.submit.disabled = true;
    const sent = await this.onDeclare(this.body, this.summary(), fingerprint);
    if (!sent) this.lastSent = null;
    this.check();
  }

  /** A declaration ended: a refusal or a request that never arrived may be sent again. */
  settled(fingerprint, canResend) {
    if (canResend && fingerprint === this.lastSent) this.lastSent = null;
    this.check();
  }
}

/** The label of the field an anomaly path names, in the page's language (the path when unknown). */
export function fieldName(path) {
  const key = fieldLabelKey(path) ?? { employer: "group.employer", worker: "group.worker" }[path];
  if (key) return t(key);
  const last = String(path ?? "").split(".").filter(Boolean).at(-1);
  return last ? last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() : "—";
}

function anomalyItem(anomaly, tag = "li") {
  return h(
    tag,
    { class: `anomaly severity-${anomaly.severity === "B" ? "B" : "W"}`, "data-code": anomaly.code },
    h("code", { class: "code", text: anomaly.code }),
    " ",
    h("span", { class: "message", text: anomaly.message }),
  );
}
