// The demo page explains itself, end to end: codes with their names, the RSZ's anomalies and
// the client's errors in the chosen language, faults in the timeline and in the Simulator
// panel as they really are, and the small things (today's date, the SSIN check digits,
// "18:00", phone width, focus on the pager, axe-core).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDevserver } from "../support/devserver.mjs";
import { isoDay, ssinSeries } from "../support/workers.mjs";
import { launch, newPage, screenshots, seriousViolations } from "../support/browser.mjs";

let server;
let browser;

const EXPECTED_NETWORK = /Failed to load resource|net::ERR_EMPTY_RESPONSE|net::ERR_CONNECTION/;

before(async () => {
  server = await startDevserver();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const nextSsin = ssinSeries(1960, 10);
const today = isoDay;

async function open(options = {}, lang = "en") {
  const page = await newPage(browser, { bypassCSP: true, ...options });
  await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  await setLang(page, lang);
  return page;
}

async function setLang(page, lang) {
  await page.selectOption("#lang", lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const problems = (page) => page.problems.filter((p) => !EXPECTED_NETWORK.test(p));

async function setFaults(faults) {
  const response = await fetch(server.url + "/__sim/faults", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(faults) });
  assert.equal(response.status, 200);
}

test("worker types and joint committees are named, the allowed committees come first, and choices show the fields they need", async () => {
  const page = await open({}, "fr");
  await page.click("#fill-example");
  const type = page.locator("#f-dimonaIn-features-workerType");
  assert.match(await type.locator("option[value=FLX]").textContent(), /^FLX: flexi-job/);
  await setLang(page, "en");
  assert.equal(await type.locator("option[value=STU]").textContent(), "STU: student");
  await page.selectOption("#f-dimonaIn-features-workerType", "FLX");
  const jc = page.locator("#f-dimonaIn-features-jointCommissionNumber");
  // Flexi workers: 302 is refused (90374-349), so it is not among the first choices.
  assert.equal(await jc.locator("optgroup").first().getAttribute("label"), "Allowed");
  assert.equal(await jc.locator("optgroup").first().locator("option[value='302']").count(), 0);
  assert.equal(await jc.locator("optgroup").nth(1).locator("option[value='302']").count(), 1);
  await page.selectOption("#f-dimonaIn-features-jointCommissionNumber", "302");
  await page.waitForSelector("#f-dimonaIn-features-jointCommissionNumber-anomalies [data-code='90374-349']");
  assert.match(await page.textContent("#f-dimonaIn-features-jointCommissionNumber-anomalies .hint.allowed"), /^With FLX: flexi-job worker, choose: XXX: other sectors, 124: construction/);
  await page.screenshot({ path: join(screenshots, "demo-codes-flexi-302.png"), fullPage: true });

  // The fields a choice needs appear with it.
  await page.selectOption("#f-dimonaIn-features-workerType", "OTH");
  await page.selectOption("#f-dimonaIn-features-jointCommissionNumber", "322");
  await page.waitForSelector("#f-dimonaIn-features-userEnterprise-enterpriseNumber");
  await page.selectOption("#f-dimonaIn-features-jointCommissionNumber", "124");
  await page.waitForSelector("#f-dimonaIn-constructionCards-firstMonthC32ANumber");
  assert.equal(await page.locator("#f-dimonaIn-features-userEnterprise-enterpriseNumber").count(), 0);
  await page.selectOption("#f-dimonaIn-features-jointCommissionNumber", "XXX");
  await page.selectOption("#f-dimonaIn-features-workerType", "STU");
  await page.waitForSelector("#f-dimonaIn-studentPlaceOfWork-name");
  await page.selectOption("#f-dimonaIn-features-workerType", "IVT");
  await page.waitForSelector("#f-dimonaIn-smallStatutesInformation-employmentNature");
  await page.screenshot({ path: join(screenshots, "demo-codes-small-statutes.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems(page), []);
});

test("the small things: today's date, a wrong SSIN check digit, 18:00 in an hour field, field names in the summary", async () => {
  const page = await open();
  assert.equal(await page.inputValue("#f-dimonaIn-startDate"), today().slice(0, 10).length === 10 ? await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }) : "");
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", "65111899998");
  await page.waitForSelector("#f-worker-ssin-anomalies .hint.check-digit");
  assert.match(await page.textContent("#f-worker-ssin-anomalies .hint.check-digit"), /check digits/);
  // The summary names the field by its label, not its path.
  assert.match(await page.textContent("#summary .all-anomalies button"), /^SSIN \(INSZ\/NISS\)$/);
  await page.fill("#f-worker-ssin", "65111899997");
  await page.selectOption("#f-dimonaIn-features-workerType", "EXT");
  await page.selectOption("#f-dimonaIn-features-jointCommissionNumber", "302");
  await page.fill("#f-dimonaIn-startHour", "18:00");
  await page.fill("#f-dimonaIn-endHour", "23h30");
  await page.fill("#f-dimonaIn-endDate", await page.inputValue("#f-dimonaIn-startDate"));
  await page.click("#json-view summary");
  await page.waitForSelector("#declare-submit:not([disabled])");
  const body = JSON.parse(await page.textContent("#json-body"));
  assert.equal(body.dimonaIn.startHour, "1800");
  assert.equal(body.dimonaIn.endHour, "2330");
  await page.screenshot({ path: join(screenshots, "demo-small-things.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("an RSZ refusal reads in the chosen language with the RSZ's own label beside it; client errors are translated", { timeout: 240_000 }, async () => {
  const page = await open({}, "de");
  await page.selectOption("#kind", "dimonaCancel");
  await page.fill("#f-dimonaCancel-periodId", "600050201853");
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.click("#declare-submit");
  const card = page.locator(".track").first();
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "B");
  const anomaly = card.locator(".anomalies li").first();
  assert.equal(await anomaly.locator(".code").textContent(), "00913-354");
  assert.equal(await anomaly.locator(".message").textContent(), "Kennnummer des Dimona-Zeitraums unbekannt");
  // The RSZ's Dutch and French labels stay beside it, to quote to the RSZ.
  assert.match(await anomaly.locator(".rsz-label").textContent(), /nl: Identificatienummer van Dimonaperiode onbekend.*fr: Numéro/);
  await setLang(page, "en");
  assert.equal(await anomaly.locator(".message").textContent(), "Unknown Dimona period id");
  await page.screenshot({ path: join(screenshots, "demo-refusal-en.png"), fullPage: true });

  // A client error (a search without any criterion) in French.
  await setLang(page, "fr");
  await page.click("#tab-lookup");
  await page.fill("#l-enterpriseNumber", "");
  await page.click("#lookup-search");
  await page.waitForSelector("#lookup-results .error");
  const error = await page.textContent("#lookup-results .error");
  assert.ok(/Saisie invalide|Le serveur a répondu par une erreur/.test(error), error);
  assert.deepEqual(problems(page), []);
});

test("faults: the timeline explains a garbled answer and offers a safe check again; the Simulator panel shows the faults really active after a reload", { timeout: 240_000 }, async () => {
  // Set from outside the page: the panel must read them from the simulator.
  await setFaults({ malformedJsonRate: 1, slowMs: 0 });
  const page = await open();
  try {
    await page.click("#tab-simulator");
    await page.waitForSelector("#faults-form[data-loaded=true]");
    assert.equal(await page.inputValue("#fault-malformedJsonRate"), "1");
    assert.match(await page.textContent("#faults-active"), /Truncated JSON/);
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#tab-simulator");
    await page.waitForSelector("#faults-form[data-loaded=true]");
    assert.equal(await page.inputValue("#fault-malformedJsonRate"), "1");
    // The simulator's result S and slow-cancel settings have labels too.
    assert.equal(await page.textContent("label[for=fault-sRate]"), "Result S first (rate 0–1)");
    assert.equal(await page.textContent("label[for=fault-cancelSlowRate]"), "Slow cancels (rate 0–1, empty: as documented)");
    await page.screenshot({ path: join(screenshots, "demo-faults-active.png"), fullPage: true });

    await page.click("#tab-declare");
    await page.click("#fill-example");
    await page.fill("#f-worker-ssin", nextSsin());
    await page.waitForSelector("#declare-submit:not([disabled])");
    await page.click("#declare-submit");
    const card = page.locator(".track").first();
    // Every status answer is garbled: the client gives up checking, the RSZ still has it.
    await card.locator("button.check-again").waitFor({ timeout: 120_000 });
    assert.equal(await card.getAttribute("data-state"), "stopped");
    assert.match(await card.locator(".timeline").textContent(), /could not be read/);
    assert.match(await card.locator(".status").textContent(), /The RSZ has this declaration/);
    await page.screenshot({ path: join(screenshots, "demo-fault-garbled.png"), fullPage: true });
    await page.click("#tab-simulator");
    await page.click("#faults-reset");
    await page.waitForFunction(() => document.querySelector("#faults-active [data-fault=malformedJsonRate]") === null);
    await page.click("#tab-declare");
    await card.locator("button.check-again").click();
    await card.locator("[data-result]").waitFor({ timeout: 200_000 });
    assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "A");
  } finally {
    await setFaults({});
  }
  assert.deepEqual(problems(page), []);
});

test("fields the page does not know are shown by their name in the Simulator panel", async () => {
  const page = await newPage(browser);
  await page.route("**/__sim/faults", (route) =>
    route.request().method() === "GET"
      ? route.fulfill({ contentType: "application/json", body: JSON.stringify({ post500Rate: 0, slowMs: 250, sTurnsIntoRate: 0.5, slowCancelMs: 2000 }) })
      : route.continue(),
  );
  await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  await page.click("#tab-simulator");
  await page.waitForSelector("#faults-form[data-loaded=true]");
  assert.equal(await page.inputValue("#fault-sTurnsIntoRate"), "0.5");
  assert.equal(await page.inputValue("#fault-slowCancelMs"), "2000");
  assert.equal(await page.inputValue("#fault-slowMs"), "250");
  assert.match(await page.textContent("#faults-active"), /sTurnsIntoRate: 0.5/);
  assert.deepEqual(problems(page), []);
});

test("phone width, pager focus and axe-core on every view", { timeout: 240_000 }, async () => {
  const page = await open({ viewport: { width: 390, height: 844 } });
  const lines = Array.from({ length: 6 }, () => `${nextSsin()},${today()},${today(1)},OTH,XXX,`);
  await page.click("#tab-batch");
  await page.fill("#batch-csv", lines.join("\n"));
  await page.click("#batch-check");
  await page.click("#batch-run");
  await page.waitForFunction(() => document.querySelectorAll("#batch-table td.status-done").length === 6, null, { timeout: 200_000 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok((await overflow()) <= 0, "batch view scrolls sideways");
  assert.deepEqual(await seriousViolations(page), []);

  await page.click("#tab-lookup");
  await page.selectOption("#l-pageSize", "5");
  await page.click("#lookup-search");
  await page.waitForSelector("#lookup-pager .next:not([disabled])");
  await page.focus("#lookup-pager .next");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /Page 2/.test(document.querySelector("#lookup-pager .position")?.textContent ?? ""));
  // Focus stays on the pager (on Next, or on Previous when Next went off).
  assert.ok(await page.evaluate(() => document.getElementById("lookup-pager").contains(document.activeElement)));
  await page.keyboard.press(await page.evaluate(() => (document.activeElement.classList.contains("prev") ? "Enter" : "Shift+Tab")));
  assert.ok((await overflow()) <= 0, "look-up view scrolls sideways");
  await page.screenshot({ path: join(screenshots, "demo-phone-lookup.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), []);

  await page.click("#tab-declare");
  await page.click("#fill-example");
  assert.ok((await overflow()) <= 0, "declare view scrolls sideways");
  await page.screenshot({ path: join(screenshots, "demo-phone-declare.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), []);
  await page.click("#tab-simulator");
  await page.click("#sim-refresh");
  await page.waitForSelector("#sim-requests table");
  assert.ok((await overflow()) <= 0, "simulator view scrolls sideways");
  await page.screenshot({ path: join(screenshots, "demo-phone-simulator.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems(page), []);
});
