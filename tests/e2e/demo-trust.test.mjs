// The demo page a payroll clerk can trust, end to end (real dev server and simulator, real
// Chromium): the truth after an uncertain POST, no double send, the worker named, acting from
// what is shown. The simulator's faults make the uncertain cases happen; nothing sleeps.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDevserver } from "../support/devserver.mjs";
import { isoDay, ssinSeries } from "../support/workers.mjs";
import { launch, newPage, screenshots, seriousViolations } from "../support/browser.mjs";

let server;
let browser;

const EXPECTED_NETWORK = /Failed to load resource|net::ERR_EMPTY_RESPONSE|net::ERR_CONNECTION|net::ERR_ABORTED/;

before(async () => {
  server = await startDevserver();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const nextSsin = ssinSeries(1970, 10);
const today = isoDay;

async function open(options = {}) {
  const page = await newPage(browser, { bypassCSP: true, ...options });
  await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  return page;
}

const problems = (page) => page.problems.filter((p) => !EXPECTED_NETWORK.test(p));

async function setFaults(faults) {
  const response = await fetch(server.url + "/__sim/faults", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(faults) });
  assert.equal(response.status, 200);
}

async function requests() {
  const json = await (await fetch(server.url + "/__sim/requests")).json();
  return Array.isArray(json) ? json : json.requests;
}
const posts = async () => (await requests()).filter((r) => r.method === "POST" && /\/declarations$/.test(r.path)).length;

/** Polls the simulator until `predicate` holds (the server, not a timer, says when). */
async function until(predicate, what) {
  for (let i = 0; i < 600; i++) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function fillIn(page, worker) {
  await page.selectOption("#kind", "dimonaIn");
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", worker);
  await page.waitForSelector("#declare-submit:not([disabled])");
}

async function assertAccessible(page, where) {
  assert.deepEqual(await seriousViolations(page), [], `axe-core: serious or critical violations ${where}`);
}

test("reload before the acknowledgement: the card finds the declaration the server holds", { timeout: 240_000 }, async () => {
  const page = await open();
  const worker = nextSsin();
  await fillIn(page, worker);
  const before = await posts();
  // The simulator stores the declaration at once and answers slowly: the page reloads first.
  await setFaults({ slowMs: 8000 });
  try {
    await page.click("#declare-submit");
    await page.waitForSelector(".track[data-state=submitting]");
    await until(async () => (await posts()) === before + 1, "the POST to reach the simulator");
    await setFaults({});
    await page.reload();
  } finally {
    await setFaults({});
  }
  await page.waitForSelector("body[data-ready=true]");
  const card = page.locator(".track").first();
  await card.locator(".timeline li[data-type=interrupted]").waitFor({ state: "attached" });
  await card.locator(".timeline li[data-type=found]").waitFor({ state: "attached", timeout: 30_000 });
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "A");
  // The id is the one the simulator holds for this worker, and nothing was sent again.
  const id = await card.getAttribute("data-declaration-id");
  const search = await fetch(`${server.url}/REST/dimona/v2/declarations/search`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ worker: { ssin: worker }, employer: { enterpriseNumber: "0411702543" } }),
  }).then((r) => r.json());
  assert.equal(search.items.length, 1);
  assert.equal(String(search.items[0].declarationStatus.declarationId), id);
  assert.equal(await posts(), before + 1);
  assert.equal(await card.locator(".badge.state-failed").count(), 0);
  // The worker is named (masked SSIN) with the period; the SSIN never went to localStorage.
  assert.match(await card.locator(".who").textContent(), new RegExp(`•{9}${worker.slice(-2)}`));
  assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage))).includes(worker));
  // Typing the same declaration again after the reload draws a warning (the page cannot be
  // sure it is the same worker, so it does not block).
  await fillIn(page, worker);
  await page.waitForSelector("#declare-note[data-kind=similar]");
  await page.screenshot({ path: join(screenshots, "demo-reload-before-ack.png"), fullPage: true });
  await assertAccessible(page, "on a recovered card");
  assert.deepEqual(problems(page), []);
});

test("without the body after a reload, the card asks for the SSIN again and finds the declaration", { timeout: 240_000 }, async () => {
  const page = await open();
  const worker = nextSsin();
  await fillIn(page, worker);
  const before = await posts();
  await setFaults({ slowMs: 8000 });
  try {
    await page.click("#declare-submit");
    await until(async () => (await posts()) === before + 1, "the POST to reach the simulator");
    await setFaults({});
    // As if the tab had been closed: sessionStorage is gone, localStorage stays.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
  } finally {
    await setFaults({});
  }
  await page.waitForSelector("body[data-ready=true]");
  const card = page.locator(".track").first();
  await card.locator("input.ssin-again").waitFor();
  assert.equal(await card.getAttribute("data-state"), "unknown");
  assert.match(await card.locator(".status").textContent(), /not known whether the RSZ received/);
  await page.screenshot({ path: join(screenshots, "demo-unknown-asks-ssin.png"), fullPage: true });
  await assertAccessible(page, "on a card asking for the SSIN");
  await card.locator("input.ssin-again").fill(worker);
  await card.locator("button.check-again").click();
  await card.locator(".timeline li[data-type=found]").waitFor({ state: "attached", timeout: 30_000 });
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "A");
  assert.equal(await posts(), before + 1);
  assert.deepEqual(problems(page), []);
});

test("a POST that never reached the RSZ: after a reload the search says so, and only then Send again is offered", { timeout: 240_000 }, async () => {
  const page = await open();
  const worker = nextSsin();
  await fillIn(page, worker);
  const before = await posts();
  // The POST hangs in the browser and never reaches the simulator; the page reloads meanwhile.
  await page.route("**/REST/dimona/v2/declarations", (route) => (route.request().method() === "POST" ? undefined : route.continue()));
  await page.click("#declare-submit");
  await page.waitForSelector(".track[data-state=submitting]");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const card = page.locator(".track").first();
  await card.locator(".timeline li[data-type=notFound]").waitFor({ state: "attached", timeout: 30_000 });
  await page.unrouteAll({ behavior: "ignoreErrors" });
  assert.equal(await card.getAttribute("data-state"), "unknown");
  assert.equal(await card.locator(".badge.state-failed").count(), 0);
  assert.equal(await posts(), before);
  await page.screenshot({ path: join(screenshots, "demo-not-received.png"), fullPage: true });
  await card.locator("button.send-again").click();
  const again = page.locator(".track").first();
  await again.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await again.locator("[data-result]").getAttribute("data-result"), "A");
  assert.equal(await posts(), before + 1);
  assert.deepEqual(problems(page), []);
});

test("the in-page simulator forgets on reload: its cards say so instead of calling a declaration failed", { timeout: 120_000 }, async () => {
  const page = await newPage(browser);
  await page.goto(server.url + "/?env=page");
  await page.waitForSelector("body[data-ready=true]");
  await fillIn(page, nextSsin());
  await page.click("#declare-submit");
  await page.waitForSelector(".track[data-declaration-id]");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const card = page.locator(".track").first();
  assert.equal(await card.getAttribute("data-state"), "elsewhere");
  assert.equal(await card.locator(".badge.state-failed").count(), 0);
  assert.match(await card.locator(".status").textContent(), /environment this page no longer uses/);
  assert.deepEqual(problems(page), []);
});

test("a dropped connection after the POST never shows Failed and ends with the real result", { timeout: 240_000 }, async () => {
  const page = await open();
  const worker = nextSsin();
  await fillIn(page, worker);
  const before = await posts();
  await setFaults({ dropAfterReceiveRate: 1 });
  try {
    await page.click("#declare-submit");
    const card = page.locator(".track").first();
    await until(async () => (await posts()) === before + 1, "the POST");
    await setFaults({});
    await card.locator("[data-result]").waitFor({ timeout: 200_000 });
    assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "A");
    assert.equal(await posts(), before + 1);
    await page.screenshot({ path: join(screenshots, "demo-dropped-connection.png"), fullPage: true });
  } finally {
    await setFaults({});
  }
  assert.deepEqual(problems(page), []);
});

test("a result S is not final: the card follows it until the RSZ decides", { timeout: 240_000 }, async () => {
  await setFaults({ sRate: 1, sDelaySeconds: 4 });
  const page = await open();
  try {
    await fillIn(page, nextSsin());
    await page.click("#declare-submit");
    const card = page.locator(".track").first();
    await card.locator("[data-result]").waitFor({ timeout: 200_000 });
    assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "A");
    assert.equal(await card.locator(".timeline li[data-type=result]").count(), 1);
  } finally {
    await setFaults({});
  }
  assert.deepEqual(problems(page), []);
});

test("a double click on Declare sends one POST; Declare stays off until the form changes", { timeout: 240_000 }, async () => {
  const page = await open();
  await fillIn(page, nextSsin());
  const before = await posts();
  await page.dblclick("#declare-submit");
  const card = page.locator(".track").first();
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await page.locator(".track").count(), 1);
  assert.equal(await posts(), before + 1);
  assert.equal(await page.isDisabled("#declare-submit"), true);
  assert.match(await page.textContent("#declare-note"), /change the form/);
  await page.screenshot({ path: join(screenshots, "demo-no-double-send.png"), fullPage: true });
  // Another worker: the form changed, Declare is back.
  await page.fill("#f-worker-ssin", nextSsin());
  await page.waitForSelector("#declare-submit:not([disabled])");
  assert.deepEqual(problems(page), []);
});

test("running a batch twice sends no second POST for lines already accepted", { timeout: 300_000 }, async () => {
  const page = await open();
  const lines = Array.from({ length: 3 }, () => `${nextSsin()},${today()},${today(1)},OTH,XXX,`);
  await page.click("#tab-batch");
  await page.fill("#batch-csv", lines.join("\n"));
  await page.click("#batch-check");
  await page.waitForSelector("#batch-run:not([disabled])");
  const before = await posts();
  await page.click("#batch-run");
  await page.waitForFunction(() => document.querySelectorAll("#batch-table td.status-done").length === 3, null, { timeout: 280_000 });
  assert.equal(await posts(), before + 3);
  // The lines name their workers as the RSZ knows them, beside the masked SSIN.
  await page.waitForFunction(() => [...document.querySelectorAll("#batch-table td.worker")].every((td) => /\p{Lu}{2,}.* · •{9}\d\d$/u.test(td.textContent)));
  // One more line, and the batch runs again: only the new line goes out.
  await page.fill("#batch-csv", [...lines, `${nextSsin()},${today()},${today(1)},OTH,XXX,`].join("\n"));
  await page.click("#batch-check");
  assert.equal(await page.locator("#batch-table td.status-skipped").count(), 3);
  await page.click("#batch-run");
  await page.waitForFunction(() => document.querySelectorAll("#batch-table td.status-done").length === 1, null, { timeout: 280_000 });
  assert.equal(await posts(), before + 4);
  // And a third time: nothing left to send.
  await page.click("#batch-check");
  assert.equal(await page.isDisabled("#batch-run"), true);
  assert.equal(await page.locator("#batch-table td.status-skipped").count(), 4);
  await page.screenshot({ path: join(screenshots, "demo-batch-rerun.png"), fullPage: true });
  await assertAccessible(page, "on the batch view");
  assert.deepEqual(problems(page), []);
});
