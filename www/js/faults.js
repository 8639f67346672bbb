// The simulator's fault panel: shows the faults really active (read from `GET /__sim/faults`,
// or the in-page simulator), whatever fields the simulator has — labels for the known ones,
// the field's own name for the others — and sets them with `PUT /__sim/faults` (or
// `setSimulatorFaults`). The request log (`GET /__sim/requests` / `simulatorRequests()`)
// shows retries, waits and reconciliation happen.

import { h, replace, byId, clock } from "./dom.js";
import { t, tf } from "./i18n.js";

/** The faults the page knows: input type and range. Others are shown by their type. */
export const FAULTS = [
  { key: "post500Rate", type: "rate" },
  { key: "dropAfterReceiveRate", type: "rate" },
  { key: "malformedJsonRate", type: "rate" },
  { key: "tooManyRequestsRate", type: "rate" },
  { key: "retryAfterSeconds", type: "int", max: 3600 },
  { key: "slowMs", type: "int", max: 60_000 },
  { key: "unauthorizedOnce", type: "bool" },
  { key: "sRate", type: "rate" },
  { key: "sDelaySeconds", type: "int", max: 86_400, setting: true },
  { key: "sRefusedRate", type: "rate" },
  { key: "cancelSlowRate", type: "rate", nullable: true },
  { key: "cancelSlowMinSeconds", type: "int", max: 86_400, setting: true },
  { key: "cancelSlowMaxSeconds", type: "int", max: 86_400, setting: true },
];

/** Settings that only shape a fault (how long, how slow): not faults themselves. */
const SETTINGS = new Set(["retryAfterSeconds", ...FAULTS.filter((f) => f.setting).map((f) => f.key)]);

/** Requests shown in the log (the newest). */
const LOG_ROWS = 100;

/** A fault or failure explained for the timeline, from a DimonaError's kind (and HTTP status). */
export function faultExplanation(kind, status) {
  const key = `fault.${kind ?? "error"}`;
  const text = t(key);
  const base = text === key ? t("fault.error") : text;
  return status ? `${base} (HTTP ${status})` : base;
}

/** The type of a field the page does not know, from its value. */
function typeOf(value) {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) && value > 1 ? "int" : "number";
  if (typeof value === "string") return "text";
  return "json";
}

/** The fault panel for `env` (see env.js); `client` serves the in-page simulator. */
export class FaultPanel {
  constructor({ env, client }) {
    this.env = env;
    this.client = client;
    this.form = byId("faults-form");
    this.fields = byId("fault-fields");
    this.status = byId("faults-status");
    this.active = byId("faults-active");
    this.log = byId("sim-requests");
    /** The faults as the simulator last reported them (unknown fields are kept and sent back). */
    this.current = Object.fromEntries(FAULTS.slice(0, 7).map((f) => [f.key, f.type === "bool" ? false : 0]));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.apply(this.read());
    });
    byId("faults-reset").addEventListener("click", () => {
      const off = {};
      for (const [key, value] of Object.entries(this.current)) {
        // Settings keep their values; every fault goes off.
        off[key] = SETTINGS.has(key) ? value : typeof value === "boolean" ? false : typeof value === "number" ? 0 : value;
      }
      this.apply(off);
    });
    byId("sim-refresh").addEventListener("click", () => this.refreshLog());
    this.form.querySelector("fieldset").disabled = !env.faults;
    if (!env.faults) this.status.textContent = t("sim.notAvailable");
    this.render();
    this.load();
  }

  /** Reads the faults the simulator really has now. */
  async load() {
    if (this.env.faults !== "server") return this.render();
    try {
      const response = await fetch("/__sim/faults", { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const faults = await response.json();
      if (faults && typeof faults === "object" && !Array.isArray(faults)) this.current = faults;
    } catch (error) {
      this.status.textContent = `${t("error.generic")}: ${error?.message ?? error}`;
    }
    this.render();
    this.form.dataset.loaded = "true";
  }

  fieldList() {
    const known = FAULTS.map((f) => f.key);
    // Known fields the simulator does not have are left out: it would ignore them.
    const present = FAULTS.filter((f) => f.key in this.current);
    const extra = Object.keys(this.current).filter((k) => !known.includes(k)).map((key) => ({ key, type: typeOf(this.current[key]), unknown: true }));
    return [...present, ...extra];
  }

  label(field) {
    const key = `sim.${field.key}`;
    const text = t(key);
    return text === key ? field.key : text;
  }

  render() {
    replace(
      this.fields,
      this.fieldList().map((f) => {
        const id = `fault-${f.key}`;
        const value = this.current[f.key];
        let input;
        if (f.type === "bool") input = h("input", { id, name: f.key, type: "checkbox", checked: Boolean(value) });
        else if (f.type === "text") input = h("input", { id, name: f.key, type: "text", value: value ?? "" });
        else if (f.type === "json") input = h("input", { id, name: f.key, type: "text", value: JSON.stringify(value ?? null), "data-json": "true" });
        else {
          input = h("input", {
            id, name: f.key, type: "number", min: 0,
            max: f.type === "rate" ? 1 : f.max, step: f.type === "rate" ? 0.05 : f.type === "int" ? 1 : "any",
            value: value ?? (f.nullable ? "" : 0), inputmode: "decimal",
            placeholder: f.nullable ? t("sim.default") : null,
          });
        }
        const label = h("label", { for: id, text: this.label(f) });
        return h("div", { class: f.type === "bool" ? "field checkbox" : "field", "data-fault": f.key }, f.type === "bool" ? [input, label] : [label, input]);
      }),
    );
    this.renderActive();
  }

  /** One line naming the faults in force ("none" when all are off). */
  renderActive() {
    const on = this.fieldList().filter((f) => {
      const v = this.current[f.key];
      return !SETTINGS.has(f.key) && ((f.nullable && v === null) || v === true || (typeof v === "number" && v > 0) || (f.type === "text" && v) || (f.type === "json" && v && Object.keys(v).length));
    });
    replace(
      this.active,
      on.length
        ? [t("sim.active"), " ", ...on.map((f) => h("span", { class: "badge fault-on", "data-fault": f.key, text: `${this.label(f)}: ${this.current[f.key] === null && f.nullable ? t("sim.default") : typeof this.current[f.key] === "object" ? JSON.stringify(this.current[f.key]) : this.current[f.key]}` }))]
        : t("sim.noneActive"),
    );
  }

  /** The faults as the panel holds them, clamped to their ranges. */
  read() {
    const faults = { ...this.current };
    for (const f of this.fieldList()) {
      const input = this.form.elements[f.key];
      if (!input) continue;
      if (f.type === "bool") faults[f.key] = Boolean(input.checked);
      else if (f.type === "text") faults[f.key] = input.value;
      else if (f.type === "json") {
        try {
          faults[f.key] = JSON.parse(input.value);
        } catch {
          // Unreadable: the simulator keeps what it had.
        }
      } else if (f.nullable && input.value.trim() === "") {
        faults[f.key] = null;
      } else {
        const n = Number(input.value);
        const max = f.type === "rate" ? 1 : f.max ?? Number.MAX_SAFE_INTEGER;
        const v = Number.isFinite(n) ? Math.min(max, Math.max(0, n)) : 0;
        faults[f.key] = f.type === "int" ? Math.round(v) : v;
      }
    }
    return faults;
  }

  async apply(faults) {
    try {
      if (this.env.faults === "page") {
        this.client.setSimulatorFaults(faults);
        this.current = faults;
      } else if (this.env.faults === "server") {
        const response = await fetch("/__sim/faults", {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(faults),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        // The simulator answers the faults it now has.
        const now = await response.json().catch(() => faults);
        this.current = now && typeof now === "object" ? now : faults;
      } else return;
      this.render();
      this.status.textContent = t("sim.applied");
    } catch (error) {
      this.status.textContent = tf("sim.failed", { error: error?.message ?? String(error) });
    }
  }

  async refreshLog() {
    let requests = [];
    try {
      if (this.env.faults === "page") requests = this.client.simulatorRequests();
      else if (this.env.faults === "server") {
        const response = await fetch("/__sim/requests", { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const json = await response.json();
        requests = Array.isArray(json) ? json : Array.isArray(json?.requests) ? json.requests : [];
      }
    } catch (error) {
      replace(this.log, h("p", { class: "error", text: `${t("error.generic")}: ${error?.message ?? error}` }));
      return;
    }
    const rows = requests.slice(-LOG_ROWS).reverse();
    const cols = ["sim.col.time", "sim.col.method", "sim.col.path", "sim.col.status"];
    replace(
      this.log,
      rows.length
        ? h("div", { class: "table-scroll" }, h("table", {},
            h("thead", {}, h("tr", {}, cols.map((k) => h("th", { scope: "col", text: t(k) })))),
            h("tbody", {}, rows.map((r) => h("tr", {},
              h("td", { "data-label": t(cols[0]), text: typeof r?.at === "number" ? clock(r.at) : "" }),
              h("td", { "data-label": t(cols[1]), text: String(r?.method ?? "") }),
              h("td", { "data-label": t(cols[2]), class: "path", text: String(r?.path ?? "") }),
              h("td", { "data-label": t(cols[3]), text: String(r?.status ?? "") }),
            ))),
          ))
        : h("p", { class: "empty", text: "—" }),
    );
  }
}
