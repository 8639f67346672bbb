// Follow: one card per declaration (who, which period, the timeline of sent, acknowledged,
// each status check, the result) kept in localStorage so that a reload resumes tracking.
//
// What is stored, and where (privacy): localStorage never holds an SSIN or a name — only the
// kind, employer number, dates, worker type, period/registration ids, the masked SSIN's last
// two digits and the RSZ's ids. While a POST's fate is unknown (sent, not yet acknowledged)
// the body is also kept in sessionStorage, which lives only as long as the tab, and it is
// removed as soon as the RSZ's id is known; without it (another tab, tab closed) the page asks
// the clerk to type the SSIN again, and keeps it in memory only. Names come from the RSZ
// again after a reload.

import { h, replace, clock, duration } from "./dom.js";
import { t, tf, lang } from "./i18n.js";
import { identityOf, findDeclaration, declarationIdOf } from "./recognize.js";
import { maskSsin, workerName, periodSpan, linkId } from "./who.js";
import { anomalyView } from "./anomalies.js";
import { faultExplanation } from "./faults.js";

const STORAGE_KEY = "dimona.demo.tracked";
const INFLIGHT_KEY = "dimona.demo.inflight";
/** Timelines kept at most (the oldest finished ones go first). */
const MAX_TRACKED = 50;
/** Events kept per timeline (minute polling for 20 minutes stays far below). */
const MAX_EVENTS = 200;
/** States in which a card is still working. */
const ACTIVE = new Set(["submitting", "following", "checking"]);
/** States in which the declaration may exist at the RSZ without a known result. */
const MAY_EXIST = new Set([...ACTIVE, "unknown", "stopped"]);

/** Reads the tracked declarations; anything unreadable counts as none. */
function load() {
  try {
    const list = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((e) => e && typeof e.localId === "string") : [];
  } catch {
    return [];
  }
}

function loadInflight() {
  try {
    const map = JSON.parse(sessionStorage.getItem(INFLIGHT_KEY) ?? "{}");
    return map && typeof map === "object" ? map : {};
  } catch {
    return {};
  }
}

function saveInflight(map) {
  try {
    if (Object.keys(map).length) sessionStorage.setItem(INFLIGHT_KEY, JSON.stringify(map));
    else sessionStorage.removeItem(INFLIGHT_KEY);
  } catch {
    // Storage disabled: a reload will ask the clerk for the SSIN instead.
  }
}

/** True when an error proves the RSZ stored nothing (a request refused before any processing). */
function provesNotStored(error) {
  const kind = String(error?.kind ?? "");
  if (kind === "invalid" || kind === "unauthorized") return true;
  const status = Number(error?.status ?? 0);
  return kind === "http" && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * The cards. `client` sends and polls, `list` is the element holding the cards,
 * `onOpenPeriod(periodId)` opens a period, `onAct(kind, values)` opens a form filled in,
 * `onSettled(entry)` tells the form a declaration ended.
 */
export class Tracker {
  constructor({ client, list, onOpenPeriod, onAct, onSettled, environment }) {
    this.client = client;
    this.environment = environment;
    this.list = list;
    this.onOpenPeriod = onOpenPeriod;
    this.onAct = onAct ?? (() => {});
    this.onSettled = onSettled ?? (() => {});
    this.entries = load();
    this.controllers = new Map();
    this.cards = new Map();
    /** Per card, what may not be stored: the body, the worker (name, SSIN) and the period. */
    this.memory = new Map();
    this.inflight = loadInflight();
  }

  mem(entry) {
    if (!this.memory.has(entry.localId)) this.memory.set(entry.localId, {});
    return this.memory.get(entry.localId);
  }

  save() {
    this.entries = this.entries.slice(-MAX_TRACKED);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.entries));
    } catch {
      // Storage full or disabled: tracking goes on for this page's lifetime.
    }
  }

  /** Sends `body` with `declare`, following it on a new card. */
  declare(body, summary, fingerprint) {
    const identity = identityOf(body);
    const entry = {
      localId: `d${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      environment: this.environment,
      summary,
      identity,
      ssinTail: maskSsin(body?.worker?.ssin),
      sentAt: Date.now(),
      declarationId: null,
      submittedAt: null,
      state: "submitting",
      events: [{ at: Date.now(), type: "posted" }],
      result: null,
      error: null,
    };
    this.mem(entry).body = body;
    // The fingerprint holds the SSIN: memory only.
    this.mem(entry).fingerprint = fingerprint;
    this.inflight[entry.localId] = body;
    saveInflight(this.inflight);
    this.entries.push(entry);
    this.save();
    this.renderAll();
    this.lookUpWorker(entry);
    const controller = new AbortController();
    this.controllers.set(entry.localId, controller);
    const run = this.client.declare(body, {
      signal: controller.signal,
      lang: lang(),
      onSubmitted: (s) => this.acknowledged(entry, s.declarationId, s.submittedAt),
      onProgress: (e) => this.progress(entry, e),
    });
    this.settle(entry, run);
    return entry;
  }

  acknowledged(entry, declarationId, submittedAt) {
    entry.declarationId = String(declarationId);
    entry.submittedAt = submittedAt ?? entry.sentAt ?? Date.now();
    entry.state = "following";
    this.forgetBody(entry);
    this.event(entry, { at: Date.now(), type: "acknowledged" });
  }

  /** The RSZ knows the declaration by its id now: the body leaves sessionStorage. */
  forgetBody(entry) {
    if (entry.localId in this.inflight) {
      delete this.inflight[entry.localId];
      saveInflight(this.inflight);
    }
  }

  /** Resumes every card a reload interrupted. */
  resumeAll() {
    for (const entry of this.entries) {
      const elsewhere = entry.environment !== this.environment || this.environment === "env.page";
      const open = entry.state === "following" || entry.state === "submitting" || entry.state === "checking";
      if (open && elsewhere) {
        // This page cannot follow it: another environment holds it (or, for the in-page
        // simulator, held it until the reload). Never called "not declared".
        entry.state = "elsewhere";
        continue;
      }
      if (this.inflight[entry.localId]) this.mem(entry).body = this.inflight[entry.localId];
      if (entry.state === "following" && entry.declarationId) this.resume(entry, true);
      else if (entry.state === "submitting" || entry.state === "checking") {
        // The page went away before the RSZ acknowledged: whether it arrived is unknown.
        this.event(entry, { at: Date.now(), type: "interrupted" });
        this.recognize(entry);
      }
      if (entry.state !== "failed") this.lookUpWorker(entry);
    }
    this.save();
    this.renderAll();
  }

  resume(entry, afterReload = false) {
    const controller = new AbortController();
    this.controllers.set(entry.localId, controller);
    entry.state = "following";
    entry.error = null;
    this.event(entry, { at: Date.now(), type: afterReload ? "resumed" : "checkAgain" });
    const run = this.client.waitForResult(entry.declarationId, {
      signal: controller.signal,
      submittedAt: entry.submittedAt ?? entry.sentAt ?? undefined,
      onProgress: (e) => this.progress(entry, e),
    });
    this.settle(entry, run);
  }

  /**
   * Finds out whether a declaration of unknown fate reached the RSZ, by its identity; `ssin`
   * is the worker's when the clerk typed it again.
   */
  async recognize(entry, ssin) {
    entry.state = "checking";
    entry.unknown = null;
    this.event(entry, { at: Date.now(), type: "searching" });
    const body = this.mem(entry).body;
    const claimed = new Set(this.entries.filter((e) => e !== entry && e.declarationId).map((e) => e.declarationId));
    try {
      const found = await findDeclaration(this.client, {
        identity: entry.identity ?? {},
        ssin: ssin ?? body?.worker?.ssin ?? null,
        sentAt: entry.sentAt ?? Date.now(),
        claimed,
      });
      if (found.needSsin) {
        entry.state = "unknown";
        entry.unknown = "needSsin";
        this.event(entry, { at: Date.now(), type: "needSsin" });
      } else if (found.declaration) {
        const id = declarationIdOf(found.declaration);
        this.mem(entry).worker = found.declaration.worker ?? this.mem(entry).worker;
        entry.declarationId = id;
        entry.submittedAt = entry.sentAt;
        this.forgetBody(entry);
        this.event(entry, { at: Date.now(), type: "found", id });
        this.resume(entry);
      } else {
        entry.state = "unknown";
        entry.unknown = "notFound";
        this.event(entry, { at: Date.now(), type: "notFound" });
      }
    } catch (error) {
      entry.state = "unknown";
      entry.unknown = "searchFailed";
      this.event(entry, { at: Date.now(), type: "error", kind: String(error?.kind ?? "error"), status: error?.status ?? null });
    }
    this.save();
    this.renderCard(entry);
  }

  /** Sends again a declaration the RSZ was shown not to have (asked by the clerk). */
  sendAgain(entry) {
    const { body, fingerprint } = this.mem(entry);
    if (!body) return;
    this.remove(entry);
    this.declare(body, entry.summary, fingerprint);
  }

  progress(entry, e) {
    if (e?.declarationId && !entry.declarationId) entry.declarationId = String(e.declarationId);
    this.event(entry, {
      at: Date.now(),
      type: "progress",
      attempt: e?.attempt ?? 0,
      reason: String(e?.reason ?? ""),
      nextPollInMs: typeof e?.nextPollInMs === "number" ? e.nextPollInMs : null,
      status: typeof e?.status === "number" ? e.status : null,
    });
  }

  settle(entry, promise) {
    promise.then(
      (result) => {
        this.controllers.delete(entry.localId);
        entry.result = plainResult(result);
        entry.state = entry.result?.final === false ? "stopped" : "done";
        entry.error = null;
        if (!entry.declarationId && entry.result?.declarationId) entry.declarationId = String(entry.result.declarationId);
        this.forgetBody(entry);
        this.event(entry, { at: Date.now(), type: "result", result: String(entry.result?.result ?? "?") });
        this.lookUpWorker(entry);
        // An accepted Out, Update or Cancel changed its period: cards showing it fetch it again.
        const kind = entry.identity?.kind;
        if (["dimonaOut", "dimonaUpdate", "dimonaCancel"].includes(kind) && ["A", "W"].includes(entry.result?.result)) {
          this.refreshPeriod(entry.identity?.periodId);
        }
        this.onSettled(entry);
      },
      (error) => {
        this.controllers.delete(entry.localId);
        const kind = String(error?.kind ?? "error");
        entry.error = { kind, status: typeof error?.status === "number" ? error.status : null };
        if (error?.declarationId && !entry.declarationId) entry.declarationId = String(error.declarationId);
        this.event(entry, { at: Date.now(), type: kind === "aborted" ? "stopped" : "error", kind, status: entry.error.status });
        if (entry.declarationId) {
          // The RSZ has it: only its result is not known yet.
          entry.state = "stopped";
          this.forgetBody(entry);
        } else if (provesNotStored(error)) {
          entry.state = "failed";
          this.forgetBody(entry);
        } else {
          // Sent, but whether it arrived is unknown: never "failed", find out.
          this.recognize(entry);
          return;
        }
        this.save();
        this.renderCard(entry);
        this.onSettled(entry);
      },
    );
  }

  /** Fetches the worker's name and the period from the RSZ (kept in memory only). */
  async lookUpWorker(entry) {
    const memory = this.mem(entry);
    const registrationId = linkId(entry.result?.dailyRegistration);
    if (registrationId && memory.registrationId !== registrationId) {
      memory.registrationId = registrationId;
      this.client.getDailyRegistration(registrationId).then((r) => {
        memory.registration = r;
        this.renderCard(entry);
        // An Update or Cancel of a registration names its period only here.
        if (!memory.periodId) this.lookUpWorker(entry);
      }, () => {});
    }
    const periodId = linkId(entry.result?.period) || entry.identity?.periodId || linkId(memory.registration?.periodId);
    if (!periodId || memory.periodId === periodId) return;
    memory.periodId = periodId;
    try {
      const period = await this.client.getPeriod(periodId);
      memory.period = period;
      if (period?.worker) memory.worker = period.worker;
      this.renderCard(entry);
    } catch {
      // The card shows what it has: the masked SSIN and the dates.
    }
  }

  /** Fetches period `periodId` again for every card that shows it. */
  refreshPeriod(periodId) {
    if (!periodId) return;
    for (const entry of this.entries) {
      const memory = this.memory.get(entry.localId);
      if (memory?.periodId === String(periodId)) {
        memory.periodId = null;
        this.lookUpWorker(entry);
      }
    }
  }

  event(entry, event) {
    entry.events.push(event);
    if (entry.events.length > MAX_EVENTS) entry.events.splice(1, entry.events.length - MAX_EVENTS);
    this.save();
    this.renderCard(entry);
  }

  stop(entry) {
    this.controllers.get(entry.localId)?.abort();
  }

  remove(entry) {
    this.stop(entry);
    this.forgetBody(entry);
    this.memory.delete(entry.localId);
    this.entries = this.entries.filter((e) => e !== entry);
    this.save();
    this.renderAll();
  }

  clearFinished() {
    const finished = (e) => e.state === "done" || e.state === "failed" || e.state === "elsewhere";
    for (const entry of this.entries.filter(finished)) this.memory.delete(entry.localId);
    this.entries = this.entries.filter((e) => !finished(e));
    this.save();
    this.renderAll();
  }

  /** True when a card for this body fingerprint is in flight or ended accepted. */
  holds(fingerprint) {
    return this.entries.some(
      (e) => this.memory.get(e.localId)?.fingerprint === fingerprint && (MAY_EXIST.has(e.state) || ["A", "W", "S"].includes(e.result?.result)),
    );
  }

  /**
   * A card sent for the same identity (kind, employer, dates, ids, worker type) and the same
   * SSIN ending as `body`, that may be at the RSZ: after a reload the page cannot be sure it
   * is the same worker, so it warns instead of blocking.
   */
  similar(body) {
    const identity = JSON.stringify(identityOf(body));
    const tail = maskSsin(body?.worker?.ssin);
    return this.entries.find(
      (e) => JSON.stringify(e.identity) === identity && (e.ssinTail ?? "") === tail && (MAY_EXIST.has(e.state) || ["A", "W", "S"].includes(e.result?.result)),
    ) ?? null;
  }

  /** The fingerprint of a card's body (memory only), or undefined. */
  fingerprintOf(entry) {
    return this.memory.get(entry.localId)?.fingerprint;
  }

  /** Re-renders every card (after a language switch or a list change). */
  renderAll() {
    this.cards.clear();
    if (this.entries.length === 0) {
      replace(this.list, h("p", { class: "empty", text: t("follow.empty") }));
      return;
    }
    replace(this.list);
    // Each card goes on top as it is built, so chronological order leaves the newest first.
    for (const entry of this.entries) this.renderCard(entry);
  }

  renderCard(entry) {
    let card = this.cards.get(entry.localId);
    if (!card) {
      if (!this.entries.includes(entry)) return;
      card = this.buildCard(entry);
      this.cards.set(entry.localId, card);
      this.list.querySelector("p.empty")?.remove();
      this.list.insertBefore(card.root, this.list.querySelector("article.track"));
    }
    const { root, parts } = card;
    const memory = this.mem(entry);
    root.dataset.state = entry.state;
    if (entry.declarationId) root.dataset.declarationId = entry.declarationId;
    const result = entry.result;
    replace(parts.badge, badge(entry), memory.period?.isCanceled ? h("span", { class: "badge state-canceled period-canceled", text: t("follow.periodCanceled") }) : null);
    parts.title.textContent = entry.summary;
    replace(parts.who, whoLine(entry, memory));
    parts.id.textContent = entry.declarationId ?? "—";
    const latest = entry.events.at(-1);
    // Working cards say what happens now; ended ones say what the clerk must know (or nothing).
    parts.status.textContent = stateExplanation(entry) ?? (ACTIVE.has(entry.state) && latest ? eventText(latest) : "");
    replace(parts.result, resultBlock(entry, memory));
    // The timeline only grows: append what is new instead of rebuilding it.
    if (parts.timeline.children.length > entry.events.length) parts.timeline.replaceChildren();
    for (let i = parts.timeline.children.length; i < entry.events.length; i++) {
      const e = entry.events[i];
      parts.timeline.append(h("li", { "data-type": e.type, class: isFault(e) ? "fault" : null }, h("time", { text: clock(e.at) }), " ", eventText(e)));
    }
    parts.count.textContent = `${t("follow.events")}: ${entry.events.length}`;
    // Buttons are rebuilt only when what they offer changes, so keyboard focus stays put.
    const key = `${entry.state}|${entry.unknown ?? ""}|${linkId(result?.period)}|${lang()}|${memory.period ? 1 : 0}|${memory.registration ? 1 : 0}`;
    if (parts.actions.dataset.key !== key) {
      const hadFocus = parts.actions.contains(document.activeElement);
      const focusedClass = hadFocus ? document.activeElement.className : "";
      replace(parts.actions, this.actions(entry, memory));
      parts.actions.dataset.key = key;
      if (hadFocus) (parts.actions.querySelector(`[class="${focusedClass}"]`) ?? parts.actions.querySelector("button, input"))?.focus();
    }
  }

  buildCard(entry) {
    const parts = {
      badge: h("span", { class: "badge-slot" }),
      title: h("h3", { id: `${entry.localId}-title` }),
      who: h("p", { class: "who" }),
      id: h("code", {}),
      status: h("p", { class: "status", role: "status", "aria-live": "polite" }),
      result: h("div", { class: "result-slot" }),
      count: h("summary", {}),
      timeline: h("ol", { class: "timeline" }),
      actions: h("div", { class: "actions-slot" }),
    };
    const root = h(
      "article",
      { class: "track", "aria-labelledby": `${entry.localId}-title` },
      h("header", {}, parts.title, parts.badge),
      parts.who,
      h("p", { class: "decl-id" }, `${t("follow.declarationId")} `, parts.id),
      parts.status,
      parts.result,
      h("details", { class: "timeline-details", open: true }, parts.count, parts.timeline),
      parts.actions,
    );
    return { root, parts };
  }

  actions(entry, memory) {
    const items = [];
    const button = (cls, key, onclick) => h("button", { type: "button", class: cls, text: t(key), onclick });
    if (entry.state === "following" || entry.state === "submitting") items.push(button("stop secondary", "follow.stop", () => this.stop(entry)));
    if (entry.state === "stopped" && entry.declarationId && entry.environment === this.environment) {
      items.push(button("check-again", "follow.checkAgain", () => this.resume(entry)));
    }
    if (entry.state === "unknown") {
      if (entry.unknown === "needSsin") {
        const id = `${entry.localId}-ssin`;
        const input = h("input", { id, class: "ssin-again", autocomplete: "off", inputmode: "numeric" });
        items.push(h("form", { class: "ssin-form", onsubmit: (e) => { e.preventDefault(); if (input.value.trim()) this.recognize(entry, input.value.trim()); } },
          h("label", { for: id, text: t("follow.ssinAgain") }), input,
          h("button", { type: "submit", class: "check-again", text: t("follow.find") })));
      } else {
        items.push(button("check-again", "follow.checkAgain", () => this.recognize(entry)));
      }
      if (entry.unknown === "notFound" && memory.body) items.push(button("send-again secondary", "follow.sendAgain", () => this.sendAgain(entry)));
    }
    // What can be declared next on what this card shows: its period, or its daily registration.
    const kind = entry.identity?.kind ?? "";
    const accepted = entry.state === "done" && ["A", "W"].includes(entry.result?.result);
    const periodId = linkId(entry.result?.period) || entry.identity?.periodId;
    const registrationId = linkId(entry.result?.dailyRegistration) || entry.identity?.dailyRegistrationId;
    if (accepted && periodId) {
      if (kind.startsWith("dimona") && kind !== "dimonaCancel") items.push(...periodActions(periodId, memory.period, this.onAct, this.onOpenPeriod));
      else items.push(...periodActions(periodId, { isCanceled: true }, this.onAct, this.onOpenPeriod));
    }
    if (accepted && registrationId && kind !== "dailyRegistrationCancel") {
      items.push(...registrationActions(registrationId, this.onAct, memory.registration ?? entry.identity));
    }
    // A card whose declaration may exist stays until it is found, or shown not to exist.
    if (!ACTIVE.has(entry.state) && (entry.state !== "unknown" || entry.unknown === "notFound")) items.push(button("remove secondary small", "follow.remove", () => this.remove(entry)));
    return h("div", { class: "actions" }, items);
  }
}

/** Out / Update / Cancel / daily registration of a period, and "open", as buttons. */
export function periodActions(periodId, period, onAct, onOpenPeriod) {
  const today = new Date().toISOString().slice(0, 10);
  const b = (cls, key, onclick) => h("button", { type: "button", class: `${cls} small secondary`, text: t(key), "data-period-id": periodId, onclick });
  const items = [];
  if (onOpenPeriod) items.push(b("open-period", "follow.openPeriod", () => onOpenPeriod(periodId)));
  if (period?.isCanceled) return items;
  items.push(
    b("act-out", "act.out", () => onAct("dimonaOut", { periodId, endDate: period?.endDate ?? today })),
    b("act-update", "act.update", () => onAct("dimonaUpdate", { periodId, startDate: period?.startDate, startHour: period?.startHour, endDate: period?.endDate, endHour: period?.endHour, plannedHoursNumber: period?.plannedHoursNumber })),
    b("act-cancel", "act.cancel", () => onAct("dimonaCancel", { periodId })),
    b("act-daily", "act.daily", () => onAct("dailyRegistrationIn", { periodId, startDate: today })),
  );
  return items;
}

/** Update / Cancel of a daily registration, as buttons. */
export function registrationActions(registrationId, onAct, registration) {
  const b = (cls, key, onclick) => h("button", { type: "button", class: `${cls} small secondary`, text: t(key), "data-registration-id": registrationId, onclick });
  if (registration?.isCanceled) return [];
  return [
    b("act-daily-update", "act.dailyUpdate", () => onAct("dailyRegistrationUpdate", { dailyRegistrationId: registrationId, startDate: registration?.startDate, startHour: registration?.startHour, endDate: registration?.endDate, endHour: registration?.endHour })),
    b("act-daily-cancel", "act.dailyCancel", () => onAct("dailyRegistrationCancel", { dailyRegistrationId: registrationId })),
  ];
}

function plainResult(result) {
  // Keep what the card shows, as plain JSON (the object may carry unknown fields).
  try {
    return JSON.parse(JSON.stringify(result));
  } catch {
    return { result: String(result?.result ?? "?") };
  }
}

function resultClass(code) {
  return ["A", "W", "B", "S"].includes(code) ? code : "other";
}

function badge(entry) {
  const result = entry.result;
  if (result && (entry.state === "done" || result.final === false)) {
    const text = t(`result.${result.result}`);
    return h("span", { class: `badge result-${resultClass(result.result)}`, "data-result": result.result, text: text.startsWith("result.") ? String(result.result) : text });
  }
  return h("span", { class: `badge state-${entry.state}`, "data-state": entry.state, text: t(`state.${entry.state}`) });
}

/** What the clerk should know about a card that has no final result. */
function stateExplanation(entry) {
  switch (entry.state) {
    case "unknown":
      return t(`unknown.${entry.unknown ?? "searchFailed"}`);
    case "checking":
      return t("unknown.checking");
    case "stopped":
      return entry.result?.final === false ? t("follow.notFinal") : t("follow.stoppedExplained");
    case "elsewhere":
      return t("failed.environment");
    case "failed":
      return t(`failed.${entry.error?.kind === "invalid" ? "invalid" : "refused"}`);
    default:
      return null;
  }
}

function whoLine(entry, memory) {
  const worker = memory.worker ?? (memory.body?.worker ? memory.body.worker : null);
  const name = workerName(worker);
  const masked = maskSsin(worker?.ssin) || entry.ssinTail || "";
  // A daily registration card shows the registration's times; the others the period's.
  const daily = String(entry.identity?.kind ?? "").startsWith("dailyRegistration");
  const period = daily ? periodSpan(memory.registration ?? entry.identity ?? {}) : periodSpan(memory.period ?? entry.identity ?? {});
  const parts = [];
  parts.push(h("span", { class: "worker-name", text: name || (masked ? t("who.unnamed") : t("who.periodWorker")) }));
  if (masked) parts.push(" · ", h("span", { class: "ssin-masked", text: masked }));
  if (period) parts.push(" · ", h("span", { class: "span", text: period }));
  return parts;
}

/** Reasons that come from a fault (the timeline marks them). */
const FAULT_REASONS = new Set(["retryAfterError", "serverAskedToWait", "reconciling", "resendAfterFailure", "refreshingToken"]);

function isFault(e) {
  return e.type === "error" || e.type === "interrupted" || (e.type === "progress" && FAULT_REASONS.has(e.reason));
}

function eventText(e) {
  switch (e.type) {
    case "posted":
      return t("event.posted");
    case "acknowledged":
      return t("event.acknowledged");
    case "resumed":
      return t("event.resumed");
    case "checkAgain":
      return t("event.checkAgain");
    case "interrupted":
      return t("event.interrupted");
    case "searching":
      return t("event.searching");
    case "found":
      return tf("event.found", { id: e.id });
    case "notFound":
      return t("event.notFound");
    case "needSsin":
      return t("event.needSsin");
    case "stopped":
      return t("event.stopped");
    case "error":
      return faultExplanation(e.kind, e.status);
    case "result": {
      const label = t(`result.${e.result}`);
      return label.startsWith("result.") ? String(e.result ?? "") : label;
    }
    case "progress": {
      const reason = t(`reason.${e.reason}`);
      const parts = [];
      if (e.attempt) parts.push(`${t("event.attempt")} ${e.attempt}`);
      parts.push(reason.startsWith("reason.") ? e.reason : reason);
      if (e.nextPollInMs !== null && e.nextPollInMs !== undefined) parts.push(`${t("event.next")} ${duration(e.nextPollInMs)}`);
      return parts.join(" · ");
    }
    default:
      return String(e.type);
  }
}

function resultBlock(entry, memory) {
  const result = entry.result;
  if (!result) return null;
  const anomalies = Array.isArray(result.anomalies) ? result.anomalies : [];
  const registrationId = linkId(result.dailyRegistration);
  // A daily registration's answer carries its own number, not the period: the card knows it.
  const periodId = linkId(result.period) || (registrationId ? entry.identity?.periodId ?? "" : "");
  const canceled = memory.period?.isCanceled || entry.identity?.kind === "dimonaCancel";
  return h(
    "div",
    { class: "result" },
    anomalies.length ? h("ul", { class: "anomalies" }, anomalies.map((a) => anomalyView(a))) : null,
    registrationId
      ? h("p", { class: "registration" }, `${t("result.registration")} `, h("code", { text: registrationId }))
      : null,
    periodId && !registrationId
      ? h("p", { class: "period" }, `${t("result.period")} `, h("code", { text: periodId }),
          canceled && ["A", "W"].includes(result.result) ? h("span", { class: "badge state-canceled", text: t("state.canceled") }) : null)
      : null,
    periodId && registrationId ? h("p", { class: "period-of" }, `${t("result.period")} `, h("code", { text: periodId })) : null,
  );
}

