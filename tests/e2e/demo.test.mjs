// The demo page end to end: real dev server with its simulator, real Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDevserver } from "../support/devserver.mjs";
import { isoDay, ssinSeries } from "../support/workers.mjs";
import { launch, newPage, screenshots } from "../support/browser.mjs";

let server;
let browser;

/** Status lines Chromium logs for HTTP answers the client handles (404 while processing, injected faults). */
const EXPECTED_NETWORK = /Failed to load resource|net::ERR_EMPTY_RESPONSE|net::ERR_CONNECTION/;

before(async () => {
  server = await startDevserver();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const nextSsin = ssinSeries(1980, 20);

const today = isoDay;

async function open(options = {}) {
  const page = await newPage(browser, options);
  await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

function problems(page) {
  return page.problems.filter((p) => !EXPECTED_NETWORK.test(p));
}

async function setLang(page, lang) {
  await page.selectOption("#lang", lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function declareExample(page, workerSsin) {
  await page.selectOption("#kind", "dimonaIn");
  await page.click("#fill-example");
  if (workerSsin) await page.fill("#f-worker-ssin", workerSsin);
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.click("#declare-submit");
  await page.waitForSelector(".track[data-declaration-id]");
  return page.getAttribute(".track[data-declaration-id]", "data-declaration-id");
}

test("an invalid field shows its anomaly code next to it, and fixing it enables Declare", async () => {
  const page = await open();
  await setLang(page, "en");
  await page.click("#fill-example");
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.fill("#f-worker-ssin", "12345678901");
  const item = page.locator("#f-worker-ssin-anomalies .anomaly").first();
  await item.waitFor();
  assert.match(await item.getAttribute("data-code"), /^00024-\d{3}$/);
  assert.ok((await item.locator(".message").textContent()).trim().length > 0);
  assert.equal(await page.getAttribute("#f-worker-ssin", "aria-invalid"), "true");
  assert.equal(await page.isDisabled("#declare-submit"), true);
  // The message never repeats the value typed.
  assert.ok(!(await item.textContent()).includes("12345678901"));
  await page.screenshot({ path: join(screenshots, "demo-anomaly.png"), fullPage: true });

  await page.fill("#f-worker-ssin", "65.11.18-999.97");
  await page.waitForSelector("#declare-submit:not([disabled])");
  assert.equal(await page.locator("#f-worker-ssin-anomalies .anomaly").count(), 0);
  await page.click("#json-view summary");
  const json = JSON.parse(await page.textContent("#json-body"));
  assert.equal(json.worker.ssin, "65111899997");
  assert.equal(json.dimonaIn.features.workerType, "OTH");
  assert.deepEqual(problems(page), []);
});

test("a student with a start hour is refused offline with 00777-005", async () => {
  const page = await open();
  await page.click("#fill-example");
  await page.selectOption("#f-dimonaIn-features-workerType", "EXT");
  await page.fill("#f-dimonaIn-startHour", "0800");
  await page.selectOption("#f-dimonaIn-features-workerType", "STU");
  // The hour does not apply to students; it stays visible while it holds a value.
  await page.waitForSelector("[data-field='dimonaIn.startHour'].not-applicable");
  await page.waitForSelector("#f-dimonaIn-startHour-anomalies [data-code='00777-005']");
  assert.equal(await page.isDisabled("#declare-submit"), true);
  await page.screenshot({ path: join(screenshots, "demo-student-hour.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("a worker without SSIN is identified by name, birth and address", async () => {
  const page = await open();
  await setLang(page, "en");
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", "");
  await page.check("#f--noSsin");
  await page.waitForSelector("#f-worker-familyName");
  assert.equal(await page.locator("#f-worker-ssin").count(), 0);
  await page.fill("#f-worker-familyName", "Peeters");
  await page.fill("#f-worker-givenName", "An");
  await page.fill("#f-worker-birthDate", "1990-05-17");
  await page.selectOption("#f-worker-gender", "2");
  await page.click("#json-view summary");
  const json = JSON.parse(await page.textContent("#json-body"));
  assert.equal(json.worker.familyName, "Peeters");
  assert.equal(json.worker.gender, 2);
  assert.equal(json.worker.ssin, undefined);
  // Switched off again, the identification data leaves the body.
  await page.uncheck("#f--noSsin");
  await page.waitForSelector("#f-worker-ssin");
  assert.equal(JSON.parse(await page.textContent("#json-body")).worker?.familyName, undefined);
  await page.screenshot({ path: join(screenshots, "demo-no-ssin.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("the language switch translates the page and the anomaly messages", async () => {
  const page = await open();
  await setLang(page, "en");
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", "12345678901");
  const message = page.locator("#f-worker-ssin-anomalies .message").first();
  await message.waitFor();
  const english = await message.textContent();
  const messages = { en: english };
  for (const lang of ["fr", "nl", "de"]) {
    await setLang(page, lang);
    await page.waitForFunction((before) => {
      const m = document.querySelector("#f-worker-ssin-anomalies .message");
      return m && m.textContent !== before;
    }, english);
    messages[lang] = await message.textContent();
  }
  assert.equal(new Set(Object.values(messages)).size, 4, JSON.stringify(messages));
  assert.equal(await page.textContent("#tab-declare"), "Anmelden");
  await setLang(page, "fr");
  assert.equal(await page.textContent("#tab-declare"), "Déclarer");
  // The value the user typed survives the switch.
  assert.equal(await page.inputValue("#f-worker-ssin"), "12345678901");
  await page.screenshot({ path: join(screenshots, "demo-lang-fr.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("a valid Dimona In is declared and its timeline reaches A", { timeout: 240_000 }, async () => {
  const page = await open();
  await setLang(page, "en");
  const id = await declareExample(page, nextSsin());
  assert.match(id, /^\d+$/);
  const card = page.locator(`.track[data-declaration-id='${id}']`);
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "A");
  assert.ok((await card.locator(".timeline li[data-type=acknowledged]").count()) === 1);
  assert.ok((await card.locator(".timeline li[data-type=progress]").count()) >= 1);
  assert.match(await card.locator(".period code").textContent(), /^\d+$/);
  await page.screenshot({ path: join(screenshots, "demo-declared-A.png"), fullPage: true });
  // The period opens in the look-up view, with its daily registrations.
  await card.locator("button.open-period").click();
  await page.waitForSelector("#panel-lookup:not([hidden]) #period-detail dl");
  assert.match(await page.textContent("#period-detail h3"), /\d{6,}/);
  // Nothing about the worker is kept in clear in the browser's storage.
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(!stored.includes("65111899997"));
  assert.deepEqual(problems(page), []);
});

test("a reload mid-poll resumes tracking from submittedAt", { timeout: 240_000 }, async () => {
  const page = await open();
  const id = await declareExample(page, nextSsin());
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const card = page.locator(`.track[data-declaration-id='${id}']`);
  await card.waitFor();
  await card.locator(".timeline li[data-type=resumed]").waitFor();
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.match(await card.locator("[data-result]").getAttribute("data-result"), /^[AWS]$/);
  await page.screenshot({ path: join(screenshots, "demo-resumed.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("consultation: search periods and page through them", { timeout: 300_000 }, async () => {
  const page = await open();
  await setLang(page, "en");
  const lines = Array.from({ length: 11 }, () => `${nextSsin()},${today()},${today(1)},OTH,XXX,`);
  await page.click("#tab-batch");
  await page.fill("#batch-csv", ["ssin,startDate,endDate,workerType,jointCommissionNumber,plannedHoursNumber", ...lines].join("\n"));
  await page.click("#batch-check");
  await page.waitForSelector("#batch-run:not([disabled])");
  await page.click("#batch-run");
  await page.waitForFunction(() => document.querySelectorAll("#batch-table td.status-done").length === 11, null, { timeout: 280_000 });
  await page.screenshot({ path: join(screenshots, "demo-batch.png"), fullPage: true });

  await page.click("#tab-lookup");
  await page.click("label[for=c-periods]");
  await page.selectOption("#l-pageSize", "5");
  await page.click("#lookup-search");
  await page.waitForSelector("#lookup-results table[data-collection=periods] tbody tr");
  assert.equal(await page.locator("#lookup-results tbody tr").count(), 5);
  assert.equal(await page.isDisabled("#lookup-pager .prev"), true);
  const first = await page.textContent("#lookup-results tbody tr td");
  await page.click("#lookup-pager .next");
  await page.waitForFunction((f) => document.querySelector("#lookup-results tbody tr td")?.textContent !== f, first);
  assert.match(await page.textContent("#lookup-pager .position"), /Page 2/);
  assert.equal(await page.isDisabled("#lookup-pager .prev"), false);
  await page.screenshot({ path: join(screenshots, "demo-lookup.png"), fullPage: true });

  // Open a period: its details and daily registrations.
  await page.locator("#lookup-results tbody tr button.open").first().click();
  await page.waitForSelector("#period-detail dl");
  await page.click("#lookup-pager .prev");
  await page.waitForFunction(() => /Page 1/.test(document.querySelector("#lookup-pager .position")?.textContent ?? ""));
  assert.deepEqual(problems(page), []);
});

test("with faults injected a declaration still ends exactly once", { timeout: 300_000 }, async () => {
  const page = await open();
  await setLang(page, "en");
  await page.click("#tab-simulator");
  await page.fill("#fault-dropAfterReceiveRate", "1");
  await page.fill("#fault-malformedJsonRate", "0.3");
  await page.click("#faults-apply");
  await page.waitForFunction(() => document.getElementById("faults-status").textContent.length > 0);
  await page.screenshot({ path: join(screenshots, "demo-faults.png"), fullPage: true });
  await page.click("#tab-declare");
  const worker = nextSsin();
  await page.click("#fill-example");
  await page.fill("#f-worker-ssin", worker);
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.click("#declare-submit");
  const card = page.locator(".track").first();
  await card.locator("[data-result]").waitFor({ timeout: 280_000 });
  await page.click("#tab-simulator");
  await page.click("#faults-reset");
  await page.waitForFunction(() => document.getElementById("faults-status").textContent.length > 0);

  // Exactly one declaration exists for this worker.
  await page.click("#tab-lookup");
  await page.click("label[for=c-declarations]");
  await page.fill("#l-ssin", worker);
  await page.click("#lookup-search");
  await page.waitForSelector("#lookup-pager .position");
  assert.equal(await page.locator("#lookup-results tbody tr").count(), 1);
  await page.click("#tab-simulator");
  await page.click("#sim-refresh");
  await page.waitForSelector("#sim-requests table");
  await page.screenshot({ path: join(screenshots, "demo-faults-requests.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("keyboard and phone width: tabs move with arrows, nothing scrolls sideways", async () => {
  const page = await open({ viewport: { width: 390, height: 844 } });
  await page.focus("#tab-declare");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-batch", "aria-selected"), "true");
  assert.equal(await page.isVisible("#panel-batch"), true);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-declare");
  await page.click("#fill-example");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: join(screenshots, "demo-phone.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});

test("without a dev server environment the page falls back to the in-page simulator", { timeout: 240_000 }, async () => {
  const page = await open();
  await page.goto(server.url + "/?env=page");
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("#env", "data-kind"), "env.page");
  // The simulator in the package answers the whole round trip without any server.
  const id = await declareExample(page, nextSsin());
  const card = page.locator(`.track[data-declaration-id='${id}']`);
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.match(await card.locator("[data-result]").getAttribute("data-result"), /^[AW]$/);
  assert.deepEqual(problems(page), []);
});

test("production through the proxy: nothing is sent without an explicit confirmation", async () => {
  const page = await newPage(browser);
  const posts = [];
  await page.route("**/__env", (route) =>
    route.fulfill({
      contentType: "application/json",
      body: JSON.stringify({
        mode: "proxy",
        baseUrl: server.url + "/REST/dimona/v2",
        upstream: "https://services.socialsecurity.be/REST/dimona/v2",
        environment: "production",
      }),
    }),
  );
  // Stands in for the proxy: records what would reach production.
  await page.route("**/REST/dimona/v2/**", (route) => {
    const request = route.request();
    if (request.method() === "POST") {
      posts.push(request.url());
      return route.fulfill({ status: 201, headers: { Location: server.url + "/REST/dimona/v2/declarations/600000000001" }, body: "" });
    }
    return route.fulfill({
      status: 404,
      contentType: "application/json",
      body: JSON.stringify({ code: "Not Found", message: "Declaration with Dimona Declaration Nbr 600000000001 has been submitted but not processed yet" }),
    });
  });
  await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("#env", "data-kind"), "env.proxyProduction");
  await page.click("#fill-example");
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.click("#declare-submit");
  await page.waitForSelector("#confirm-production[open]");
  await page.screenshot({ path: join(screenshots, "demo-production-confirm.png") });
  await page.click("#confirm-production button[value=cancel]");
  await page.waitForSelector("#confirm-production", { state: "hidden" });
  assert.equal(posts.length, 0);
  assert.equal(await page.locator(".track").count(), 0);

  await page.click("#declare-submit");
  await page.click("#confirm-production button[value=send]");
  await page.waitForSelector(".track[data-declaration-id='600000000001']");
  assert.equal(posts.length, 1);
  await page.click(".track button.stop");
  await page.waitForSelector(".track[data-state=stopped]");
  assert.deepEqual(problems(page), []);
});

test("everything is served locally under a CSP without unsafe-inline", async () => {
  const page = await newPage(browser);
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  const response = await page.goto(server.url + "/");
  await page.waitForSelector("body[data-ready=true]");
  const csp = response.headers()["content-security-policy"] ?? "";
  assert.match(csp, /script-src[^;]*'self'/);
  assert.ok(!csp.includes("unsafe-inline"), csp);
  assert.ok(urls.length > 5);
  for (const url of urls) assert.ok(url.startsWith(server.url + "/"), url);
  // Server text goes in as text: no element of the page was built from HTML strings.
  assert.equal(await page.locator("script:not([src])").count(), 0);
  assert.deepEqual(problems(page), []);
});

test("a refusal (B) shows the RSZ's anomaly code and label in the chosen language", { timeout: 240_000 }, async () => {
  const page = await open();
  await setLang(page, "fr");
  await page.selectOption("#kind", "dimonaCancel");
  await page.fill("#f-dimonaCancel-periodId", "600050201853");
  await page.waitForSelector("#declare-submit:not([disabled])");
  await page.click("#declare-submit");
  const card = page.locator(".track").first();
  await card.locator("[data-result]").waitFor({ timeout: 200_000 });
  assert.equal(await card.locator("[data-result]").getAttribute("data-result"), "B");
  const anomaly = card.locator(".anomalies li").first();
  assert.match(await anomaly.locator(".code").textContent(), /^\d{5}-\d{3}$/);
  const french = await anomaly.textContent();
  await setLang(page, "nl");
  await page.waitForFunction((before) => document.querySelector(".track .anomalies li")?.textContent !== before, french);
  await page.screenshot({ path: join(screenshots, "demo-refused-B.png"), fullPage: true });
  assert.deepEqual(problems(page), []);
});
