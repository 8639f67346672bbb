// Look up (the personnel file): search declarations, periods and relations, list a period's
// daily registrations, with sorting and paging; open a period with its daily registrations.

import { h, replace, byId } from "./dom.js";
import { t, lang } from "./i18n.js";
import { workerLine, periodSpan, hourText, idFromHref, linkId } from "./who.js";
import { WORKER_TYPE_NAMES, JOINT_COMMITTEE_NAMES, codeName } from "./codes.js";
import { faultExplanation } from "./faults.js";
import { periodActions, registrationActions } from "./follow.js";

/** Per collection: the client call, the sortable fields, the criteria shown and the columns. */
const COLLECTIONS = {
  declarations: {
    call: (c, criteria, page) => c.searchDeclarations(criteria, page),
    sort: ["creationDate"],
    criteria: ["employer", "worker", "dates", "periodId"],
    dateKeys: ["fromCreationDate", "toCreationDate"],
    columns: [
      ["col.id", (d) => d?.declarationStatus?.declarationId ?? idFromHref(d?.href)],
      ["col.type", (d) => (declarationKind(d) ? t(`kind.${declarationKind(d)}`).split(":")[0] : "")],
      ["col.worker", (d) => workerLine(d?.worker), "worker"],
      ["col.start", (d) => periodSpan(blockOf(d))],
      ["col.result", (d) => resultText(d?.declarationStatus?.result)],
      ["result.period", (d) => linkId(d?.declarationStatus?.period) || blockOf(d)?.periodId || ""],
    ],
  },
  periods: {
    call: (c, criteria, page) => c.searchPeriods(criteria, page),
    sort: ["startDate", "endDate", "modificationDate"],
    criteria: ["employer", "worker", "dates", "workerType"],
    dateKeys: ["activeFromDate", "activeToDate"],
    columns: [
      ["col.id", (p) => p?.periodId ?? idFromHref(p?.href)],
      ["col.worker", (p) => workerLine(p?.worker), "worker"],
      ["col.type", (p) => codeName(WORKER_TYPE_NAMES, p?.dimonaFeatures?.workerType ?? p?.features?.workerType ?? "", lang())],
      ["col.jc", (p) => codeName(JOINT_COMMITTEE_NAMES, p?.dimonaFeatures?.jointCommissionNumber ?? p?.features?.jointCommissionNumber ?? "", lang())],
      ["col.start", (p) => joinDateHour(p?.startDate, p?.startHour)],
      ["col.end", (p) => joinDateHour(p?.endDate, p?.endHour)],
      ["col.state", (p) => periodState(p), "state"],
    ],
    open: true,
    actions: (p, onAct) => periodActions(String(p?.periodId ?? idFromHref(p?.href)), p, onAct),
  },
  relations: {
    call: (c, criteria, page) => c.searchRelations(criteria, page),
    sort: ["startDate", "endDate"],
    criteria: ["employer", "worker", "dates"],
    dateKeys: ["activeFromDate", "activeToDate"],
    columns: [
      ["col.worker", (r) => workerLine(r?.worker), "worker"],
      ["col.start", (r) => r?.startDate ?? ""],
      ["col.end", (r) => r?.endDate ?? ""],
      ["col.periods", (r) => r?.numberOfPeriods ?? ""],
      ["col.type", (r) => (Array.isArray(r?.workerTypes) ? r.workerTypes.join(", ") : "")],
      ["col.jc", (r) => (Array.isArray(r?.jointCommissionNumbers) ? r.jointCommissionNumbers.join(", ") : "")],
    ],
  },
  dailyRegistrations: {
    call: (c, criteria, page) => c.listDailyRegistrations(criteria, page),
    sort: ["startDate"],
    criteria: ["periodId", "dates"],
    dateKeys: ["activeFromDate", "activeToDate"],
    columns: [registrationColumns()[0], ["col.worker", (r) => workerLine(r?.worker), "worker"], ...registrationColumns().slice(1)],
    actions: (r, onAct) => registrationActions(String(r?.dailyRegistrationId ?? idFromHref(r?.href)), onAct, r),
  },
};

function registrationColumns() {
  return [
    ["col.id", (r) => r?.dailyRegistrationId ?? idFromHref(r?.href)],
    ["result.period", (r) => r?.periodId ?? ""],
    ["col.start", (r) => joinDateHour(r?.startDate, r?.startHour)],
    ["col.end", (r) => joinDateHour(r?.endDate, r?.endHour)],
    ["col.state", (r) => (r?.isCanceled ? t("state.canceled") : ""), "state"],
  ];
}

const BLOCKS = ["dimonaIn", "dimonaOut", "dimonaUpdate", "dimonaCancel", "dailyRegistrationIn", "dailyRegistrationUpdate", "dailyRegistrationCancel"];

function declarationKind(d) {
  return BLOCKS.find((k) => d && typeof d[k] === "object") ?? "";
}

function blockOf(d) {
  const k = declarationKind(d);
  return k ? d[k] : undefined;
}

function joinDateHour(date, hour) {
  return [date, hourText(hour)].filter((x) => x !== undefined && x !== null && x !== "").join(" ");
}

/** A period's state: "cancelled" wins over everything, so a cancelled period never looks accepted. */
function periodState(p) {
  if (p?.isCanceled) return t("state.canceled");
  // The last declaration on it ("in", "out", "update"), as the Dimona kinds are called everywhere.
  return p?.lastDimonaType ? `Dimona ${String(p.lastDimonaType).toUpperCase()}` : "";
}

function resultText(code) {
  if (!code) return "";
  const text = t(`result.${code}`);
  return text.startsWith("result.") ? String(code) : text;
}

/** The look-up view. */
export class Lookup {
  constructor({ client, onAct }) {
    this.client = client;
    this.onAct = onAct ?? (() => {});
    this.periods = new Map();
    this.form = byId("lookup-form");
    this.results = byId("lookup-results");
    this.pager = byId("lookup-pager");
    this.detail = byId("period-detail");
    this.status = byId("lookup-status");
    this.state = null;
    this.form.addEventListener("change", (e) => {
      if (e.target.name === "collection") this.onCollection();
    });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.search(1);
    });
    this.onCollection();
  }

  get collection() {
    return this.form.querySelector("input[name=collection]:checked")?.value ?? "periods";
  }

  onCollection() {
    const spec = COLLECTIONS[this.collection];
    for (const el of this.form.querySelectorAll("[data-criterion]")) {
      el.hidden = !spec.criteria.includes(el.dataset.criterion);
    }
    const sort = byId("lookup-sort");
    const previous = sort.value;
    replace(
      sort,
      spec.sort.flatMap((f) => [h("option", { value: f, text: `${t(`sort.${f}`)} ↑` }), h("option", { value: `-${f}`, text: `${t(`sort.${f}`)} ↓` })]),
    );
    if ([...sort.options].some((o) => o.value === previous)) sort.value = previous;
  }

  criteria() {
    const spec = COLLECTIONS[this.collection];
    const value = (name) => this.form.elements[name]?.value?.trim() ?? "";
    const criteria = {};
    if (spec.criteria.includes("employer")) {
      const employer = {};
      if (value("enterpriseNumber")) employer.enterpriseNumber = value("enterpriseNumber");
      if (value("employerId")) employer.employerId = /^\d+$/.test(value("employerId")) ? Number(value("employerId")) : value("employerId");
      if (Object.keys(employer).length) criteria.employer = employer;
    }
    if (spec.criteria.includes("worker") && value("ssin")) criteria.worker = { ssin: value("ssin") };
    if (spec.criteria.includes("dates")) {
      if (value("from")) criteria[spec.dateKeys[0]] = value("from");
      if (value("to")) criteria[spec.dateKeys[1]] = value("to");
    }
    if (spec.criteria.includes("periodId") && value("periodId")) criteria.periodId = value("periodId");
    if (spec.criteria.includes("workerType") && value("workerType")) {
      criteria.features = { workerTypes: [value("workerType")] };
    }
    return criteria;
  }

  /** Searches page `page` with the form's criteria (kept for the pager). */
  async search(page) {
    const collection = this.collection;
    this.periods.clear();
    // An open period may have changed since (cancelled, closed): show it as it is now.
    if (!this.detail.hidden && this.detailId) this.openPeriod(this.detailId, false);
    this.state = {
      collection,
      criteria: this.criteria(),
      pageSize: Number(this.form.elements.pageSize.value) || 10,
      sort: byId("lookup-sort").value,
    };
    await this.load(page);
  }

  async load(page) {
    const { collection, criteria, pageSize, sort } = this.state;
    const spec = COLLECTIONS[collection];
    this.status.textContent = "…";
    this.form.setAttribute("aria-busy", "true");
    try {
      const result = await spec.call(this.client, criteria, { page, pageSize, sort });
      this.state.page = result?.page ?? page;
      this.render(spec, result);
    } catch (error) {
      replace(this.results, h("p", { class: "error", role: "alert", text: faultExplanation(error?.kind, error?.status) }));
      replace(this.pager);
      this.status.textContent = "";
    } finally {
      this.form.removeAttribute("aria-busy");
    }
  }

  render(spec, result) {
    const items = Array.isArray(result?.items) ? result.items : [];
    const page = Number(result?.page ?? this.state.page ?? 1);
    const pageSize = Number(result?.pageSize ?? this.state.pageSize);
    const total = typeof result?.total === "number" ? result.total : null;
    const pages = total !== null && pageSize > 0 ? Math.max(1, Math.ceil(total / pageSize)) : null;
    const hasNext = Boolean(result?.next) || (pages !== null && page < pages);
    const hasPrev = Boolean(result?.prev) || page > 1;

    if (items.length === 0) {
      replace(this.results, h("p", { class: "empty", text: t("lookup.none") }));
    } else {
      const headers = spec.columns.map(([label]) => h("th", { scope: "col", text: t(label) }));
      if (spec.open || spec.actions) headers.push(h("th", { scope: "col", text: t("col.actions") }));
      replace(
        this.results,
        h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { "data-collection": this.state.collection },
            h("caption", { text: `${t(`lookup.${this.state.collection}`)} · ${t("lookup.page")} ${page}` }),
            h("thead", {}, h("tr", {}, headers)),
            h("tbody", {}, items.map((item) => {
              const cells = spec.columns.map((column) => this.cell(column, item));
              if (spec.open || spec.actions) {
                const id = spec.columns[0][1](item);
                cells.push(h("td", { class: "row-actions", "data-label": t("col.actions") },
                  spec.open && id ? h("button", { type: "button", class: "link open", text: t("lookup.open"), onclick: () => this.openPeriod(String(id)) }) : null,
                  spec.actions ? spec.actions(item, this.onAct) : null));
              }
              return h("tr", { class: item?.isCanceled ? "canceled" : null }, cells);
            })),
          ),
        ),
      );
    }
    const focused = this.pager.contains(document.activeElement) ? document.activeElement.className : null;
    const position = `${t("lookup.page")} ${page}${pages ? ` ${t("lookup.of")} ${pages}` : ""}${total !== null ? ` · ${total} ${t("lookup.total")}` : ""}`;
    replace(
      this.pager,
      h("button", { type: "button", class: "prev", disabled: !hasPrev, text: t("lookup.prev"), onclick: () => this.load(page - 1) }),
      h("span", { class: "position", text: position }),
      h("button", { type: "button", class: "next", disabled: !hasNext, text: t("lookup.next"), onclick: () => this.load(page + 1) }),
    );
    this.status.textContent = position;
    if (focused) {
      // Keep keyboard focus on the pager: the same button, or the other one when it is disabled now.
      const same = this.pager.querySelector(`button.${focused.split(" ")[0]}:not([disabled])`);
      (same ?? this.pager.querySelector("button:not([disabled])"))?.focus();
    }
  }

  /** A table cell; the Worker cell links to that worker's periods. */
  cell([label, get, role], item) {
    const text = String(get(item) ?? "");
    const attrs = { "data-label": t(label) };
    if (role === "state") attrs.class = item?.isCanceled ? "state canceled" : "state";
    const ssin = item?.worker?.ssin;
    if (role === "worker" && !ssin) {
      // Declarations on a period (Out, Cancel, daily registrations) may come without the
      // worker: it is the period's.
      const periodId = linkId(item?.declarationStatus?.period) || blockOf(item)?.periodId || item?.periodId;
      const td = h("td", attrs, text || "…");
      if (periodId) {
        this.periodOf(String(periodId)).then((period) => {
          if (period?.worker?.ssin) td.replaceWith(this.cell([label, () => workerLine(period.worker), role], { worker: period.worker }));
          else td.textContent = text || "—";
        });
      } else td.textContent = text || "—";
      return td;
    }
    if (role === "worker" && ssin) {
      return h("td", attrs, h("button", { type: "button", class: "link worker-periods", title: t("lookup.workerPeriods"), "aria-label": `${text}: ${t("lookup.workerPeriods")}`, text, onclick: () => this.workerPeriods(String(ssin)) }));
    }
    attrs.text = text;
    return h("td", attrs);
  }

  /** A period, fetched once per search (memory only: it names the worker). */
  periodOf(periodId) {
    if (!this.periods.has(periodId)) this.periods.set(periodId, this.client.getPeriod(periodId).catch(() => null));
    return this.periods.get(periodId);
  }

  /** Lists the periods of a worker (the SSIN goes into the criteria, as if typed). */
  workerPeriods(ssin) {
    this.form.querySelector("#c-periods").checked = true;
    this.onCollection();
    this.form.elements.ssin.value = ssin;
    for (const name of ["from", "to", "periodId", "workerType"]) if (this.form.elements[name]) this.form.elements[name].value = "";
    this.search(1);
  }

  /** Names the worker types of the criteria in the page's language. */
  translate() {
    this.onCollection();
    for (const option of byId("l-workerType").options) {
      if (option.value) option.textContent = codeName(WORKER_TYPE_NAMES, option.value, lang());
    }
  }

  /** Shows a period and its daily registrations. */
  async openPeriod(periodId, focus = true) {
    this.detailId = periodId;
    replace(this.detail, h("p", { text: "…" }));
    this.detail.hidden = false;
    try {
      const period = await this.client.getPeriod(periodId);
      const rows = [
        ["col.id", period?.periodId ?? periodId],
        ["col.worker", workerLine(period?.worker)],
        ["col.type", codeName(WORKER_TYPE_NAMES, period?.dimonaFeatures?.workerType ?? "", lang())],
        ["col.jc", codeName(JOINT_COMMITTEE_NAMES, period?.dimonaFeatures?.jointCommissionNumber ?? "", lang())],
        ["col.start", joinDateHour(period?.startDate, period?.startHour)],
        ["col.end", joinDateHour(period?.endDate, period?.endHour)],
        ["col.hours", period?.plannedHoursNumber ?? ""],
        ["col.state", periodState(period)],
        ["col.created", period?.creationDate ?? ""],
      ];
      const registrations = h("div", { class: "registrations" }, h("p", { text: "…" }));
      replace(
        this.detail,
        h("h3", { tabindex: "-1", text: `${t("lookup.periodTitle")} ${period?.periodId ?? periodId}` }),
        h("dl", { class: period?.isCanceled ? "canceled" : null }, rows.filter(([, v]) => v !== "" && v !== null && v !== undefined).flatMap(([k, v]) => [h("dt", { text: t(k) }), h("dd", { text: String(v) })])),
        h("div", { class: "period-actions buttons" }, periodActions(String(period?.periodId ?? periodId), period, this.onAct)),
        h("h4", { text: t("lookup.registrations") }),
        registrations,
      );
      if (focus) this.detail.querySelector("h3").focus();
      try {
        const page = await this.client.listDailyRegistrations({ periodId }, { pageSize: 50 });
        const items = Array.isArray(page?.items) ? page.items : [];
        const columns = registrationColumns();
        replace(
          registrations,
          items.length
            ? h("div", { class: "table-scroll" }, h("table", {},
                h("thead", {}, h("tr", {}, columns.map(([l]) => h("th", { scope: "col", text: t(l) })), h("th", { scope: "col", text: t("col.actions") }))),
                h("tbody", {}, items.map((r) => h("tr", { class: r?.isCanceled ? "canceled" : null },
                  columns.map((column) => this.cell(column, r)),
                  h("td", { class: "row-actions", "data-label": t("col.actions") }, registrationActions(String(r?.dailyRegistrationId ?? idFromHref(r?.href)), this.onAct, r))))),
              ))
            : h("p", { class: "empty", text: t("lookup.none") }),
        );
      } catch (error) {
        replace(registrations, h("p", { class: "error", text: faultExplanation(error?.kind, error?.status) }));
      }
    } catch (error) {
      replace(this.detail, h("p", { class: "error", role: "alert", text: faultExplanation(error?.kind, error?.status) }));
    }
  }

  /** Re-renders the current page in the current language. */
  refresh() {
    if (this.state?.page) this.load(this.state.page);
  }
}
