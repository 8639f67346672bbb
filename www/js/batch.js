// Batch: paste or upload a CSV of workers, check every line offline, declare them all with
// `declareAll` (bounded concurrency, each on its own polling schedule) and watch them complete.

import { validate } from "/pkg/index.js";
import { h, replace, byId, duration } from "./dom.js";
import { t, tf, lang } from "./i18n.js";
import { maskSsin, linkId, workerName } from "./who.js";
import { rszAnomalyText } from "./codes.js";
import { faultExplanation } from "./faults.js";
import { fieldName } from "./declare.js";

/** Results after which a line is never sent again: accepted, or possibly at the RSZ. */
const HELD = new Set(["A", "W", "S", "unknown", "sending"]);

const COLUMNS = ["ssin", "startDate", "endDate", "workerType", "jointCommissionNumber", "plannedHoursNumber"];
/** Lines whose worker the page names from the RSZ after a run (one period request each). */
const NAMED_LINES = 50;
/** Lines accepted at once: a demo page, not a bulk channel. */
const MAX_LINES = 500;

/** Splits CSV text into rows of trimmed cells (commas or semicolons, optional quotes). */
export function parseCsv(text) {
  const rows = [];
  for (const line of String(text).split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells = [];
    const re = /\s*(?:"((?:[^"]|"")*)"|([^,;]*))\s*(?:[,;]|$)/gy;
    let m;
    while (re.lastIndex < line.length && (m = re.exec(line)) !== null) {
      cells.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2].trim());
      if (m[0] === "") break;
    }
    rows.push(cells);
  }
  if (rows.length && rows[0][0]?.toLowerCase() === "ssin") rows.shift();
  return rows.slice(0, MAX_LINES);
}

/** The Dimona In body of one CSV row. */
export function rowToBody(cells, enterpriseNumber) {
  const cell = (name) => (cells[COLUMNS.indexOf(name)] ?? "").trim();
  const dimonaIn = {
    startDate: cell("startDate"),
    features: { workerType: cell("workerType") || "OTH", jointCommissionNumber: cell("jointCommissionNumber") || "XXX" },
  };
  if (cell("endDate")) dimonaIn.endDate = cell("endDate");
  const hours = cell("plannedHoursNumber");
  if (hours) dimonaIn.plannedHoursNumber = /^\d+$/.test(hours) ? Number(hours) : hours;
  return { employer: { enterpriseNumber }, worker: { ssin: cell("ssin") }, dimonaIn };
}

/** True when an error proves the RSZ stored nothing. */
function notStored(error) {
  const status = Number(error?.status ?? 0);
  return error?.kind === "invalid" || error?.kind === "unauthorized" || (error?.kind === "http" && status >= 400 && status < 500 && status !== 408 && status !== 429);
}

/** The batch view. */
export class Batch {
  constructor({ client, confirm }) {
    this.client = client;
    this.confirm = confirm ?? (async () => true);
    this.csv = byId("batch-csv");
    this.employer = byId("batch-employer");
    this.table = byId("batch-table");
    this.run = byId("batch-run");
    this.status = byId("batch-status");
    this.rows = [];
    this.running = false;
    /** What became of each body sent from this page (by its JSON; in memory only, it holds SSINs). */
    this.outcomes = new Map();
    byId("batch-file").addEventListener("change", async (e) => {
      const file = e.target.files?.[0];
      if (file) {
        this.csv.value = (await file.text()).slice(0, 200_000);
        this.check();
      }
    });
    byId("batch-check").addEventListener("click", () => this.check());
    this.run.addEventListener("click", () => this.declareAll());
  }

  check() {
    if (this.running) return;
    const employer = this.employer.value.trim();
    this.rows = parseCsv(this.csv.value).map((cells, i) => {
      const body = rowToBody(cells, employer);
      const report = validate(body, { lang: lang() });
      const anomalies = Array.isArray(report?.anomalies) ? report.anomalies : [];
      const key = JSON.stringify(body);
      const before = this.outcomes.get(key);
      const row = { line: i + 1, body, key, valid: report?.valid === true, anomalies, status: report?.valid ? "ready" : "invalid", detail: "" };
      if (row.valid && before && HELD.has(before.result)) Object.assign(row, { status: "skipped", result: before.result, periodId: before.periodId, detail: before.detail, worker: before.worker });
      return row;
    });
    this.run.disabled = !this.rows.some((r) => r.status === "ready");
    this.render();
  }

  async declareAll() {
    if (this.running) return;
    this.check();
    // Lines already accepted (or that may be at the RSZ) are skipped: never declared twice.
    const rows = this.rows.filter((r) => r.status === "ready");
    if (!rows.length || !(await this.confirm())) return;
    this.running = true;
    this.run.disabled = true;
    for (const r of rows) {
      r.status = "waiting";
      this.outcomes.set(r.key, { result: "sending" });
    }
    this.render();
    try {
      await this.client.declareAll(rows.map((r) => r.body), {
        concurrency: 4,
        lang: lang(),
        onProgress: (e) => {
          const row = rows[e.index];
          if (!row || row.status === "done") return;
          const reason = t(`reason.${e.reason}`);
          row.detail = `${reason.startsWith("reason.") ? e.reason : reason}${e.nextPollInMs != null ? ` · ${t("event.next")} ${duration(e.nextPollInMs)}` : ""}`;
          this.renderRow(row);
        },
        onResult: (r) => {
          const row = rows[r.index];
          if (!row) return;
          row.status = "done";
          if (r.ok) {
            row.result = r.result?.result ?? "?";
            row.periodId = linkId(r.result?.period);
            row.detail = (r.result?.anomalies ?? []).map((a) => `${a?.errorId ?? ""} ${rszAnomalyText(a?.errorId, lang()) ?? a?.label?.[lang()] ?? a?.label?.nl ?? ""}`.trim()).join("; ");
          } else if (notStored(r.error)) {
            row.result = "error";
            row.detail = faultExplanation(r.error?.kind, r.error?.status);
          } else {
            // It may be at the RSZ: never sent again from here, and never called failed.
            row.result = "unknown";
            row.detail = `${faultExplanation(r.error?.kind, r.error?.status)} · ${t("unknown.searchFailed")}`;
          }
          this.outcomes.set(row.key, { result: row.result, periodId: row.periodId, detail: row.detail });
          this.renderRow(row);
          this.renderStatus();
        },
      });
    } catch (error) {
      this.status.textContent = faultExplanation(error?.kind, error?.status);
    } finally {
      this.running = false;
      for (const r of rows) if (this.outcomes.get(r.key)?.result === "sending") this.outcomes.delete(r.key);
      this.run.disabled = !this.rows.some((r) => r.status === "ready");
      this.renderStatus();
    }
    await this.nameWorkers(rows);
  }

  /**
   * Names the workers of the accepted lines as the RSZ knows them (from their periods, one
   * request at a time, at most NAMED_LINES): in memory only, like the SSINs.
   */
  async nameWorkers(rows) {
    for (const row of rows.filter((r) => r.periodId && !r.worker).slice(0, NAMED_LINES)) {
      try {
        const period = await this.client.getPeriod(row.periodId);
        if (period?.worker) {
          row.worker = period.worker;
          const outcome = this.outcomes.get(row.key);
          if (outcome) outcome.worker = period.worker;
          this.renderRow(row);
        }
      } catch {
        // The masked SSIN stays.
      }
    }
  }

  renderStatus() {
    const done = this.rows.filter((r) => r.status === "done").length;
    const counts = {};
    for (const r of this.rows) if (r.result) counts[r.result] = (counts[r.result] ?? 0) + 1;
    const parts = Object.entries(counts).map(([k, v]) => `${k}: ${v}`);
    const skipped = this.rows.filter((r) => r.status === "skipped").length;
    const toSend = this.rows.filter((r) => r.valid && r.status !== "skipped").length;
    const progress = toSend ? `${done} / ${toSend} ${t("batch.done")}${parts.length ? ` (${parts.join(", ")})` : ""}` : "";
    this.status.textContent = [progress, skipped ? tf("batch.skipNote", { count: skipped }) : ""].filter(Boolean).join(" · ");
  }

  render() {
    if (!this.rows.length) {
      replace(this.table);
      this.status.textContent = "";
      return;
    }
    replace(
      this.table,
      h("div", { class: "table-scroll" }, h("table", {},
        h("thead", {}, h("tr", {},
          ["batch.line", "col.worker", "field.startDate", "field.workerType", "batch.status", "col.result", "result.period", "batch.detail"].map((k) => h("th", { scope: "col", text: t(k) })),
        )),
        h("tbody", {}, this.rows.map((row) => {
          row.el = h("tr", { "data-line": row.line });
          this.renderRow(row);
          return row.el;
        })),
      )),
    );
    this.renderStatus();
  }

  renderRow(row) {
    if (!row.el) return;
    const detail = row.valid
      ? row.detail
      : row.anomalies.filter((a) => a.severity === "B").map((a) => `${fieldName(a.path)}: ${a.code} ${a.message}`).join("; ");
    replace(
      row.el,
      h("td", { "data-label": t("batch.line"), text: row.line }),
      h("td", { "data-label": t("col.worker"), class: "worker", text: [workerName(row.worker), maskSsin(row.body.worker.ssin)].filter(Boolean).join(" · ") || "—" }),
      h("td", { "data-label": t("field.startDate"), text: row.body.dimonaIn.startDate }),
      h("td", { "data-label": t("field.workerType"), text: row.body.dimonaIn.features.workerType }),
      h("td", { "data-label": t("batch.status"), class: `status-${row.status}`, text: t(`batch.${row.status}`) }),
      h("td", { "data-label": t("col.result"), class: "result", "data-result": row.result ?? "", text: row.result ? (t(`result.${row.result}`).startsWith("result.") ? t(`state.${row.result}`) : t(`result.${row.result}`)) : "" }),
      h("td", { "data-label": t("result.period"), text: row.periodId ?? "" }),
      h("td", { class: "detail", "data-label": t("batch.detail"), text: detail }),
    );
  }
}
