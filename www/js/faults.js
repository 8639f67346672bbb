// The simulator's fault panel: the dev server's `PUT /__sim/faults` (or the in-page simulator's
// `setSimulatorFaults`), and the request log (`GET /__sim/requests` / `simulatorRequests()`) to
// see retries, waits and reconciliation happen.

import { h, replace, byId, clock } from "./dom.js";
import { t } from "./i18n.js";

/** The faults, their input type and the range the panel accepts. */
export const FAULTS = [
  { key: "post500Rate", type: "rate" },
  { key: "dropAfterReceiveRate", type: "rate" },
  { key: "malformedJsonRate", type: "rate" },
  { key: "tooManyRequestsRate", type: "rate" },
  { key: "retryAfterSeconds", type: "int", max: 3600 },
  { key: "slowMs", type: "int", max: 60_000 },
  { key: "unauthorizedOnce", type: "bool" },
];

/** Requests shown in the log (the newest). */
const LOG_ROWS = 100;

/** The fault panel for `env` (see env.js); `client` serves the in-page simulator. */
export class FaultPanel {
  constructor({ env, client }) {
    this.env = env;
    this.client = client;
    this.form = byId("faults-form");
    this.fields = byId("fault-fields");
    this.status = byId("faults-status");
    this.log = byId("sim-requests");
    this.render();
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.apply(this.read());
    });
    byId("faults-reset").addEventListener("click", () => {
      for (const input of this.fields.querySelectorAll("input")) {
        if (input.type === "checkbox") input.checked = false;
        else input.value = "0";
      }
      this.apply(this.read());
    });
    byId("sim-refresh").addEventListener("click", () => this.refreshLog());
    this.form.querySelector("fieldset").disabled = !env.faults;
    if (!env.faults) this.status.textContent = t("sim.notAvailable");
  }

  render() {
    const values = this.readIfAny();
    replace(
      this.fields,
      FAULTS.map((f) => {
        const id = `fault-${f.key}`;
        const input =
          f.type === "bool"
            ? h("input", { id, name: f.key, type: "checkbox", checked: Boolean(values?.[f.key]) })
            : h("input", {
                id, name: f.key, type: "number", min: 0,
                max: f.type === "rate" ? 1 : f.max, step: f.type === "rate" ? 0.05 : 1,
                value: values?.[f.key] ?? 0, inputmode: "decimal",
              });
        return h("div", { class: f.type === "bool" ? "field checkbox" : "field" }, f.type === "bool" ? [input, h("label", { for: id, text: t(`sim.${f.key}`) })] : [h("label", { for: id, text: t(`sim.${f.key}`) }), input]);
      }),
    );
  }

  readIfAny() {
    return this.fields.querySelector("input") ? this.read() : null;
  }

  /** The faults as the panel holds them, clamped to their ranges. */
  read() {
    const faults = {};
    for (const f of FAULTS) {
      const input = this.form.elements[f.key];
      if (f.type === "bool") faults[f.key] = Boolean(input?.checked);
      else {
        const n = Number(input?.value);
        const max = f.type === "rate" ? 1 : f.max;
        const v = Number.isFinite(n) ? Math.min(max, Math.max(0, n)) : 0;
        faults[f.key] = f.type === "rate" ? v : Math.round(v);
      }
    }
    return faults;
  }

  async apply(faults) {
    try {
      if (this.env.faults === "page") this.client.setSimulatorFaults(faults);
      else if (this.env.faults === "server") {
        const response = await fetch("/__sim/faults", {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(faults),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } else return;
      this.status.textContent = t("sim.applied");
    } catch (error) {
      this.status.textContent = `${t("error.generic")}: ${error?.message ?? error}`;
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
    replace(
      this.log,
      rows.length
        ? h("div", { class: "table-scroll" }, h("table", {},
            h("thead", {}, h("tr", {}, ["time", "method", "path", "status"].map((k) => h("th", { scope: "col", text: k })))),
            h("tbody", {}, rows.map((r) => h("tr", {},
              h("td", { text: typeof r?.at === "number" ? clock(r.at) : "" }),
              h("td", { text: String(r?.method ?? "") }),
              h("td", { text: String(r?.path ?? "") }),
              h("td", { text: String(r?.status ?? "") }),
            ))),
          ))
        : h("p", { class: "empty", text: "—" }),
    );
  }
}
