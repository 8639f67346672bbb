// The demo page: wires the views to one DimonaClient. Plain ES modules, no framework, no
// inline script or style (the dev server's CSP forbids them).

import init, { version } from "/pkg/index.js";
import { byId, replace } from "./js/dom.js";
import { LANGS, lang, setLang, t, translateStatic } from "./js/i18n.js";
import { detectEnvironment, clientFor } from "./js/env.js";
import { DeclareForm } from "./js/declare.js";
import { Tracker } from "./js/follow.js";
import { Lookup } from "./js/lookup.js";
import { Batch } from "./js/batch.js";
import { FaultPanel } from "./js/faults.js";

const LANG_KEY = "dimona.demo.lang";

await init();
byId("version").textContent = version();

const env = await detectEnvironment();
const client = clientFor(env);
const envBadge = byId("env");
envBadge.dataset.kind = env.kind;

/** Asks before anything goes to production; resolves true when the user confirmed. */
function confirmProduction() {
  if (!env.production) return Promise.resolve(true);
  const dialog = byId("confirm-production");
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "send"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

const tabs = setUpTabs();
/** Opens the Declare form of `kind` filled in (from a period, a registration or a card). */
function act(kind, values) {
  tabs.select("tab-declare");
  form.openWith(kind, values);
}
const lookup = new Lookup({ client, onAct: act });
const tracker = new Tracker({
  client,
  list: byId("tracked"),
  environment: env.kind,
  onOpenPeriod: (periodId) => {
    tabs.select("tab-lookup");
    lookup.openPeriod(periodId);
  },
  onAct: act,
  onSettled: (entry) => form.settled(tracker.fingerprintOf(entry), entry.state === "failed" || entry.result?.result === "B"),
});
const form = new DeclareForm({
  onDeclare: async (body, summary, fingerprint) => {
    if (!(await confirmProduction())) return false;
    tracker.declare(body, summary, fingerprint);
    return true;
  },
  isHeld: (fingerprint) => tracker.holds(fingerprint),
  similarTo: (body) => tracker.similar(body),
});
const batch = new Batch({ client, confirm: confirmProduction });
const faults = new FaultPanel({ env, client });
byId("clear-finished").addEventListener("click", () => tracker.clearFinished());

/** Applies a language to every view (anomaly messages come again from `validate`). */
function applyLang(value) {
  setLang(value);
  document.documentElement.lang = lang();
  byId("lang").value = lang();
  try {
    localStorage.setItem(LANG_KEY, lang());
  } catch {
    // Private mode: the choice lasts for this page.
  }
  translateStatic();
  replace(envBadge, t(env.kind));
  form.render();
  tracker.renderAll();
  lookup.translate();
  batch.render();
  faults.render();
  lookup.refresh();
}

let saved = null;
try {
  saved = localStorage.getItem(LANG_KEY);
} catch {
  saved = null;
}
const preferred = saved ?? navigator.languages?.map((l) => l.slice(0, 2)).find((l) => LANGS.includes(l)) ?? "en";
byId("lang").addEventListener("change", (e) => applyLang(e.target.value));
applyLang(preferred);
tracker.resumeAll();
document.body.dataset.ready = "true";

/** ARIA tabs: click or arrow keys move between the four views. */
function setUpTabs() {
  const list = document.querySelector("[role=tablist]");
  const all = [...list.querySelectorAll("[role=tab]")];
  function select(id, focus = false) {
    for (const tab of all) {
      const on = tab.id === id;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      byId(tab.getAttribute("aria-controls")).hidden = !on;
      if (on && focus) tab.focus();
    }
  }
  list.addEventListener("click", (e) => {
    const tab = e.target.closest("[role=tab]");
    if (tab) select(tab.id);
  });
  list.addEventListener("keydown", (e) => {
    const i = all.findIndex((tab) => tab.getAttribute("aria-selected") === "true");
    const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    select(all[(moves[e.key] + all.length) % all.length].id, true);
  });
  return { select };
}
