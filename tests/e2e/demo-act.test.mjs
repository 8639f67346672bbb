// The demo page end to end: every list names the worker, and a clerk acts from what is shown
// (Out, Update, Cancel, daily registrations open their form with the ids filled in).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDevserver } from "../support/devserver.mjs";
import { ssinSeries } from "../support/workers.mjs";
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

const nextSsin = ssinSeries(2000, 10);

async function open(options = {}) {
  const page = await newPage(browser, { bypassCSP: true, ...options });
  await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  return page;
}

const problems = (page) => page.problems.filter((p) => !EXPECTED_NETWORK.test(p));

/** Clicks Declare and waits for the new card's result; returns the card. */
async function declareAndWait(page) {
  const count = await page.locator(".track").count();
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.click("#declare-submit");
  await page.waitForFunction((n) => document.querySelectorAll(".track").length === n + 1, count);
  const card = page.locator(".track").first();
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  return card;
}

test("a daily registration started from its period's card, then its Update started from its own card, both succeed", { timeout: 300_000 }, async () => {
  const page = await open();
  const worker = nextSsin();
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", worker);
  const inCard = await declareAndWait(page);
  assert.equal(await inCard.locator("[data-result]").getAttribute("data-result"), "A");
  const periodId = await inCard.locator(".period code").textContent();
  // The card names the worker (masked SSIN) and the period.
  assert.match(await inCard.locator(".who").textContent(), new RegExp(`•{9}${worker.slice(-2)}.*\\d{4}-\\d\\d-\\d\\d`));

  await inCard.locator("button.act-daily").click();
  assert.equal(await page.inputValue("#kind"), "dailyRegistrationIn");
  assert.equal(await page.inputValue("#f-dailyRegistrationIn-periodId"), periodId);
  assert.match(await page.inputValue("#f-dailyRegistrationIn-startDate"), /^\d{4}-\d\d-\d\d$/);
  // "18:00" is accepted and sent as 1800.
  await page.fill("#f-dailyRegistrationIn-startHour", "18:00");
  await page.click("#json-view summary");
  await page.waitForSelector("#declare-submit:not([disabled])");
  assert.equal(JSON.parse(await page.textContent("#json-body")).dailyRegistrationIn.startHour, "1800");
  const drCard = await declareAndWait(page);
  assert.equal(await drCard.locator("[data-result]").getAttribute("data-result"), "A");
  // The card shows the registration id, not the declaration id, as the thing to act on.
  const registrationId = await drCard.locator(".registration code").textContent();
  assert.match(registrationId, /^\d+$/);
  assert.notEqual(registrationId, await drCard.getAttribute("data-declaration-id"));
  await page.screenshot({ path: join(screenshots, "demo-daily-registration-card.png"), fullPage: true });

  await drCard.locator("button.act-daily-update").click();
  assert.equal(await page.inputValue("#kind"), "dailyRegistrationUpdate");
  assert.equal(await page.inputValue("#f-dailyRegistrationUpdate-dailyRegistrationId"), registrationId);
  await page.fill("#f-dailyRegistrationUpdate-endDate", await page.inputValue("#f-dailyRegistrationUpdate-startDate"));
  await page.fill("#f-dailyRegistrationUpdate-endHour", "23:30");
  const updateCard = await declareAndWait(page);
  assert.equal(await updateCard.locator("[data-result]").getAttribute("data-result"), "A");
  // Named too, although its answer carries neither the worker nor the period.
  await page.waitForFunction(() => new RegExp(`•{9}\\d\\d`).test(document.querySelector(".track .who")?.textContent ?? ""));
  await page.screenshot({ path: join(screenshots, "demo-daily-registration-update.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems(page), []);
});

async function setFaults(faults) {
  const response = await fetch(server.url + "/__sim/faults", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(faults) });
  assert.equal(response.status, 200);
}

test("look up: rows name the worker and link to the worker's periods; Out and Cancel open filled in; a cancelled period never looks accepted", { timeout: 300_000 }, async () => {
  // Cancels answer at once here (the simulator's documented profile makes half of them slow).
  await setFaults({ cancelSlowRate: 0 });
  after(() => setFaults({}));
  const page = await open();
  const worker = nextSsin();
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", worker);
  const first = await declareAndWait(page);
  const periodId = await first.locator(".period code").textContent();

  await page.click("#tab-lookup");
  await page.click("label[for=c-declarations]");
  await page.click("#lookup-search");
  await page.waitForSelector("#lookup-results tbody tr");
  const masked = `•••••••••${worker.slice(-2)}`;
  const workerCell = page.locator("#lookup-results tbody tr button.worker-periods", { hasText: masked }).first();
  await workerCell.waitFor();
  // Every row names its worker (those on a period get it from the period).
  await page.waitForFunction(() => [...document.querySelectorAll("#lookup-results tbody tr td:nth-child(3)")].every((td) => td.textContent !== "…"));
  for (const cell of await page.locator("#lookup-results tbody tr td:nth-child(3)").all()) {
    assert.match(await cell.textContent(), /•+\d\d/);
  }
  await workerCell.click();
  await page.waitForSelector("#lookup-results table[data-collection=periods] tbody tr");
  assert.equal(await page.locator("#lookup-results tbody tr").count(), 1);
  assert.equal(await page.textContent("#lookup-results tbody tr td"), periodId);
  await page.screenshot({ path: join(screenshots, "demo-lookup-worker-periods.png"), fullPage: true });

  // Out, from the row: the form opens with the period id.
  await page.locator("#lookup-results tbody tr button.act-out").click();
  assert.equal(await page.isVisible("#panel-declare"), true);
  assert.equal(await page.inputValue("#kind"), "dimonaOut");
  assert.equal(await page.inputValue("#f-dimonaOut-periodId"), periodId);
  await page.screenshot({ path: join(screenshots, "demo-act-out.png"), fullPage: true });

  // Cancel, from the period's detail.
  await page.click("#tab-lookup");
  await page.locator("#lookup-results tbody tr button.open").click();
  await page.waitForSelector("#period-detail .period-actions button.act-cancel");
  await page.click("#period-detail .period-actions button.act-cancel");
  assert.equal(await page.inputValue("#kind"), "dimonaCancel");
  assert.equal(await page.inputValue("#f-dimonaCancel-periodId"), periodId);
  const cancelCard = await declareAndWait(page);
  assert.equal(await cancelCard.locator("[data-result]").getAttribute("data-result"), "A");
  // The Dimona In's card now says its period is cancelled, and offers nothing to declare on it.
  await first.locator(".period-canceled").waitFor();
  assert.equal(await first.locator("button.act-out").count(), 0);

  // The cancelled period: "cancelled" in the list, no action to declare on it.
  await page.click("#tab-lookup");
  await page.click("#lookup-search");
  await page.waitForSelector("#lookup-results tbody tr.canceled");
  assert.match(await page.textContent("#lookup-results tbody tr td.state"), /cancelled/);
  assert.equal(await page.locator("#lookup-results tbody tr button.act-out").count(), 0);
  await page.screenshot({ path: join(screenshots, "demo-lookup-cancelled.png"), fullPage: true });
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(problems(page), []);
});
