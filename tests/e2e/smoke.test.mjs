// The demo page served by the real dev server, in real Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startDevserver, root } from "../support/devserver.mjs";
import { launch, newPage, screenshots } from "../support/browser.mjs";

const cargoVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];
let server;
let browser;

before(async () => {
  server = await startDevserver();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the page loads the package under the strict CSP and shows its version", async () => {
  const page = await newPage(browser);
  await page.goto(server.url + "/");
  await page.waitForFunction(() => document.getElementById("version")?.textContent !== "loading…");
  assert.equal(await page.textContent("#version"), cargoVersion);
  await page.screenshot({ path: join(screenshots, "smoke.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
});

test("dimona/validator loads as plain ES modules under the same CSP and answers as the main entry", async () => {
  const page = await newPage(browser);
  await page.goto(server.url + "/");
  await page.waitForFunction(() => document.getElementById("version")?.textContent !== "loading…");
  const outcome = await page.evaluate(async () => {
    const [light, main] = await Promise.all([import("/pkg/validator/index.js"), import("/pkg/index.js")]);
    // A wrong URL first: a load error naming the file, after which init() may be called again.
    const wrong = await light.default({ module_or_path: "/pkg/validator/missing.wasm" }).then(
      () => "loaded",
      (e) => ({ load: e instanceof light.DimonaError && e.kind === "load", message: e.message }),
    );
    await Promise.all([light.default(), main.default()]);
    const bodies = [
      { dimonaCancel: { periodId: 600050201853 } },
      { employer: { enterpriseNumber: "0411702543" }, worker: { ssin: "65111899998" }, dimonaIn: { startDate: "x" } },
      null,
      "text",
    ];
    const options = { today: "2026-11-20", lang: "fr" };
    return {
      wrong,
      same: bodies.map((b) => JSON.stringify(light.validate(b, options)) === JSON.stringify(main.validate(b, options))),
      version: light.version(),
      wasm: performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).map((e) => new URL(e.name).pathname),
    };
  });
  assert.equal(outcome.wrong.load, true, JSON.stringify(outcome.wrong));
  assert.match(outcome.wrong.message, /validator\/dimona_validator_bg\.wasm could not be loaded: http:\/\/[^ ]+\/pkg\/validator\/missing\.wasm answered 404/);
  assert.deepEqual(outcome.same, [true, true, true, true]);
  assert.equal(outcome.version, cargoVersion);
  assert.ok(outcome.wasm.includes("/pkg/validator/dimona_validator_bg.wasm"), outcome.wasm.join(", "));
  // The browser's own line for the wrong URL's 404; nothing else.
  assert.deepEqual(page.problems.filter((p) => !/Failed to load resource: .* 404/.test(p)), []);
  await page.context().close();
});
