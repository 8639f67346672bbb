// Declare: a form per kind, checked offline with `validate` on every input. Anomalies appear
// next to the field their `path` names (code + message in the chosen language); those of
// no field on screen go to the summary. Submit stays disabled while a blocking anomaly remains.

import { validate, buildDeclaration } from "/pkg/index.js";
import { h, replace, byId, isoToday } from "./dom.js";
import { t, lang } from "./i18n.js";
import { KINDS, fieldsOf, inputId, toJsonValue, setPath, example } from "./fields.js";

/** The declare view. `onDeclare(body, summary)` sends a valid body. */
export class DeclareForm {
  constructor({ onDeclare }) {
    this.onDeclare = onDeclare;
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
      input = h("select", common, field.options.map((o) => h("option", { value: o, selected: o === current, text: o || "—" })));
    } else {
      const attrs = { ...common, value, autocomplete: field.autocomplete ?? "off" };
      if (field.type === "date") attrs.type = "date";
      else attrs.type = "text";
      if (field.type === "number") attrs.inputmode = "numeric";
      if (field.type === "hhmm") Object.assign(attrs, { inputmode: "numeric", placeholder: t("hint.hhmm"), maxlength: 4 });
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

    const valid = this.report.valid === true && blocking.length === 0;
    this.submit.disabled = !valid;
    replace(
      this.summaryEl,
      valid
        ? h("p", { class: "ok", text: t("summary.valid") })
        : h("p", { class: "counts" }, `${blocking.length} ${t("summary.blocking")}, ${warnings.length} ${t("summary.warnings")}`),
      anomalies.length
        ? h("ul", { class: "all-anomalies" }, anomalies.map((a) =>
            h("li", {}, h("button", { type: "button", class: "link", "data-path": a.path, text: a.path || "—", onclick: () => this.focusField(a.path) }), " ", anomalyItem(a, "span")),
          ))
        : null,
    );
    this.renderJson(valid);
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

  send() {
    this.check();
    if (this.submit.disabled) return;
    this.onDeclare(this.body, this.summary());
  }
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
