// Follow: one timeline per declaration (sent, acknowledged, each status check with its wait
// and reason, the result). Kept in localStorage so that a reload resumes tracking with
// `waitForResult(id, { submittedAt })`. No SSIN or name is ever stored: only the kind,
// the worker type and the dates.

import { h, replace, clock, duration } from "./dom.js";
import { t, pickLabel } from "./i18n.js";

const STORAGE_KEY = "dimona.demo.tracked";
/** Timelines kept at most (the oldest finished ones go first). */
const MAX_TRACKED = 50;
/** Events kept per timeline (minute polling for 20 minutes stays far below). */
const MAX_EVENTS = 200;

/** Reads the tracked declarations; anything unreadable counts as none. */
function load() {
  try {
    const list = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((e) => e && typeof e.localId === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The timelines. `client` sends and polls, `list` is the element holding the cards,
 * `onOpenPeriod(periodId)` opens a period in the look-up view.
 */
export class Tracker {
  constructor({ client, list, onOpenPeriod, environment }) {
    this.client = client;
    this.environment = environment;
    this.list = list;
    this.onOpenPeriod = onOpenPeriod;
    this.entries = load();
    this.controllers = new Map();
    this.cards = new Map();
  }

  save() {
    const keep = this.entries.slice(-MAX_TRACKED);
    this.entries = keep;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(keep));
    } catch {
      // Storage full or disabled: tracking goes on for this page's lifetime.
    }
  }

  /** Sends `body` with `declare`, following it on a new timeline. */
  declare(body, summary, lang) {
    const entry = {
      localId: `d${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      environment: this.environment,
      summary,
      declarationId: null,
      submittedAt: null,
      state: "submitting",
      events: [{ at: Date.now(), type: "posted" }],
      result: null,
      error: null,
    };
    this.entries.push(entry);
    this.save();
    this.renderAll();
    const controller = new AbortController();
    this.controllers.set(entry.localId, controller);
    const run = this.client.declare(body, {
      signal: controller.signal,
      lang,
      onSubmitted: (s) => {
        entry.declarationId = String(s.declarationId);
        entry.submittedAt = s.submittedAt ?? Date.now();
        entry.state = "following";
        this.event(entry, { at: Date.now(), type: "acknowledged" });
      },
      onProgress: (e) => this.progress(entry, e),
    });
    this.settle(entry, run);
    return entry;
  }

  /** Resumes every timeline a reload interrupted. */
  resumeAll() {
    for (const entry of this.entries) {
      const elsewhere = entry.environment !== this.environment || this.environment === "env.page";
      if (entry.state === "following" && elsewhere) {
        // Another environment knows nothing of it, and the in-page simulator starts empty.
        entry.state = "failed";
        entry.error = { kind: "environment", message: "sent to an environment this page no longer uses" };
      } else if (entry.state === "following" && entry.declarationId) this.resume(entry, true);
      else if (entry.state === "submitting") {
        // The page went away before the RSZ acknowledged: whether it arrived is unknown here.
        entry.state = "failed";
        entry.error = { kind: "network", message: "interrupted before the acknowledgement" };
      }
    }
    this.save();
    this.renderAll();
  }

  resume(entry, afterReload = false) {
    const controller = new AbortController();
    this.controllers.set(entry.localId, controller);
    entry.state = "following";
    entry.error = null;
    this.event(entry, { at: Date.now(), type: afterReload ? "resumed" : "resumedByUser" });
    const run = this.client.waitForResult(entry.declarationId, {
      signal: controller.signal,
      submittedAt: entry.submittedAt ?? undefined,
      onProgress: (e) => this.progress(entry, e),
    });
    this.settle(entry, run);
  }

  progress(entry, e) {
    if (e?.declarationId && !entry.declarationId) entry.declarationId = String(e.declarationId);
    this.event(entry, {
      at: Date.now(),
      type: "progress",
      attempt: e?.attempt ?? 0,
      reason: String(e?.reason ?? ""),
      message: String(e?.message ?? ""),
      nextPollInMs: typeof e?.nextPollInMs === "number" ? e.nextPollInMs : null,
    });
  }

  settle(entry, promise) {
    promise.then(
      (result) => {
        entry.state = "done";
        entry.result = plainResult(result);
        this.controllers.delete(entry.localId);
        this.event(entry, { at: Date.now(), type: "result", result: String(entry.result?.result ?? "?") });
      },
      (error) => {
        this.controllers.delete(entry.localId);
        const kind = String(error?.kind ?? "error");
        entry.error = { kind, message: String(error?.message ?? error) };
        if (error?.declarationId && !entry.declarationId) entry.declarationId = String(error.declarationId);
        entry.state = kind === "aborted" || kind === "timeout" ? "stopped" : "failed";
        if (entry.state === "stopped" && !entry.declarationId) entry.state = "failed";
        this.event(entry, { at: Date.now(), type: kind === "aborted" ? "stopped" : "error", kind });
      },
    );
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
    this.entries = this.entries.filter((e) => e !== entry);
    this.save();
    this.renderAll();
  }

  clearFinished() {
    this.entries = this.entries.filter((e) => e.state === "following" || e.state === "submitting");
    this.save();
    this.renderAll();
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
      card = this.buildCard(entry);
      this.cards.set(entry.localId, card);
      this.list.querySelector("p.empty")?.remove();
      this.list.insertBefore(card.root, this.list.querySelector("article.track"));
    }
    const { root, parts } = card;
    root.dataset.state = entry.state;
    if (entry.declarationId) root.dataset.declarationId = entry.declarationId;
    const result = entry.result;
    replace(
      parts.badge,
      result
        ? h("span", { class: `badge result-${resultClass(result.result)}`, "data-result": result.result, text: t(`result.${result.result}`) })
        : h("span", { class: `badge state-${entry.state}`, text: stateText(entry) }),
    );
    parts.id.textContent = entry.declarationId ?? "…";
    const latest = entry.events.at(-1);
    parts.status.textContent = latest ? eventText(latest) : "";
    replace(parts.result, resultBlock(entry, this.onOpenPeriod));
    // The timeline only grows: append what is new instead of rebuilding it.
    for (let i = parts.timeline.children.length; i < entry.events.length; i++) {
      const e = entry.events[i];
      parts.timeline.append(h("li", { "data-type": e.type }, h("time", { text: clock(e.at) }), " ", eventText(e)));
    }
    parts.count.textContent = `${t("follow.events")}: ${entry.events.length}`;
    // Buttons are rebuilt only when the state changes, so keyboard focus stays put.
    if (parts.actions.dataset.state !== entry.state) {
      const hadFocus = parts.actions.contains(document.activeElement);
      replace(parts.actions, this.actions(entry));
      parts.actions.dataset.state = entry.state;
      if (hadFocus) parts.actions.querySelector("button")?.focus();
    }
  }

  buildCard(entry) {
    const parts = {
      badge: h("span", { class: "badge-slot" }),
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
      h("header", {}, h("h3", { id: `${entry.localId}-title`, text: entry.summary }), parts.badge),
      h("p", { class: "decl-id" }, "id ", parts.id),
      parts.status,
      parts.result,
      h("details", { class: "timeline-details", open: true }, parts.count, parts.timeline),
      parts.actions,
    );
    return { root, parts };
  }

  actions(entry) {
    const buttons = [];
    if (entry.state === "following" || entry.state === "submitting") {
      buttons.push(h("button", { type: "button", class: "stop", text: t("follow.stop"), onclick: () => this.stop(entry) }));
    }
    if (entry.state === "stopped" && entry.declarationId && entry.environment === this.environment) {
      buttons.push(h("button", { type: "button", class: "resume", text: t("follow.resume"), onclick: () => this.resume(entry) }));
    }
    if (entry.state !== "following" && entry.state !== "submitting") {
      buttons.push(h("button", { type: "button", class: "remove secondary", text: t("follow.remove"), onclick: () => this.remove(entry) }));
    }
    return h("div", { class: "actions" }, buttons);
  }
}

function plainResult(result) {
  // Keep what the timeline shows, as plain JSON (the object may carry unknown fields).
  try {
    return JSON.parse(JSON.stringify(result));
  } catch {
    return { result: String(result?.result ?? "?") };
  }
}

function resultClass(code) {
  return ["A", "W", "B", "S"].includes(code) ? code : "other";
}

function stateText(entry) {
  if (entry.state === "failed") return `${t("event.error")}: ${entry.error?.kind ?? ""}`;
  if (entry.state === "stopped") return t("follow.resume") + "?";
  return "…";
}

function eventText(e) {
  switch (e.type) {
    case "posted":
      return t("event.posted");
    case "acknowledged":
      return t("event.acknowledged");
    case "resumed":
    case "resumedByUser":
      return t("event.resumed");
    case "stopped":
      return t("event.stopped");
    case "error":
      return `${t("event.error")}${e.kind ? ` (${e.kind})` : ""}`;
    case "result": {
      const label = t(`result.${e.result}`);
      return label.startsWith("result.") ? String(e.result ?? "") : label;
    }
    case "progress": {
      const reason = t(`reason.${e.reason}`);
      const what = reason.startsWith("reason.") ? e.message || e.reason : reason;
      const parts = [];
      if (e.attempt) parts.push(`${t("event.attempt")} ${e.attempt}`);
      parts.push(what);
      if (e.nextPollInMs !== null && e.nextPollInMs !== undefined) parts.push(`${t("event.next")} ${duration(e.nextPollInMs)}`);
      return parts.join(" · ");
    }
    default:
      return String(e.type);
  }
}

function resultBlock(entry, onOpenPeriod) {
  if (entry.error && entry.state !== "done") {
    return h("p", { class: "error", role: "alert", text: `${entry.error.kind}: ${entry.error.message}` });
  }
  const result = entry.result;
  if (!result) return null;
  const anomalies = Array.isArray(result.anomalies) ? result.anomalies : [];
  const periodId = result.period?.id ?? result.dimonaPeriodId ?? null;
  return h(
    "div",
    { class: "result" },
    anomalies.length
      ? h("ul", { class: "anomalies" }, anomalies.map((a) =>
          h("li", {}, h("code", { class: "code", text: String(a?.errorId ?? "") }), " ", pickLabel(a?.label)),
        ))
      : null,
    periodId !== null && periodId !== undefined && periodId !== ""
      ? h("p", { class: "period" }, `${t("result.period")} `, h("code", { text: String(periodId) }), " ",
          h("button", { type: "button", class: "link", text: t("follow.openPeriod"), onclick: () => onOpenPeriod(String(periodId)) }))
      : null,
  );
}
