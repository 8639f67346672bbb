// The demo page served by the real dev server, in real Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startDevserver, root } from "../support/devserver.mjs";
import { launch, newPage, screenshots } from "../support/browser.mjs";
import { recordWasmMemories } from "../support/wasm_memories.mjs";

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

// A portal's page stays open all day: `sim:` clients made and freed, searches paged through and
// left, lookups that find nothing, must give their wasm memory back as they end, the main module's
// and the simulator module's, not when the page's garbage collector gets to them (it does not see
// wasm memory, which never shrinks). The same check runs in Node, with more rounds
// (tests/node/endurance.test.mjs); here the browser's own loading, timers and collector take part.
test("sim: clients and page walks give their wasm memory back in Chromium", { timeout: 120_000 }, async () => {
  const page = await newPage(browser);
  // A page of the dev server's origin that loads nothing itself (the package's README, as text).
  await page.goto(`${server.url}/pkg/README.md`, { waitUntil: "networkidle" });
  // Every wasm memory the page instantiates from here on: the main module's at init(), the
  // simulator's at the first `sim:` request.
  await page.evaluate(recordWasmMemories);
  const outcome = await page.evaluate(async () => {
    const memories = globalThis.wasmMemories;
    const dimona = await import("/pkg/index.js");
    await dimona.default();
    const employer = { enterpriseNumber: "0411702543" };
    const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    let pages = 0;
    const round = async (i) => {
      const client = new dimona.DimonaClient({ baseUrl: "sim:", simulator: { seed: i } });
      try {
        const body = {
          employer,
          worker: { ssin: "65111899997" },
          dimonaIn: { startDate: day(3 + (i % 200)), features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
        };
        await client.submit(body);
        await client.submit({ ...body, dimonaIn: { ...body.dimonaIn, startDate: day(250 + (i % 50)) } });
        // One walk left after its first page, one to its end.
        for await (const found of client.pages("declarations", { employer }, { pageSize: 1 })) {
          pages += found.items.length;
          break;
        }
        for await (const found of client.pages("declarations", { employer }, { pageSize: 1 })) pages += found.items.length;
        await client.getPeriod(600000000000 + i).catch((e) => {
          if (e.kind !== "notFound") throw e;
        });
      } finally {
        client.free();
      }
    };
    for (let i = 0; i < 50; i++) await round(i);
    const settled = memories.map((m) => m.buffer.byteLength);
    pages = 0;
    for (let i = 50; i < 450; i++) await round(i);
    globalThis.stopRecordingWasm();
    return { count: memories.length, settled, after: memories.map((m) => m.buffer.byteLength), pages };
  });
  assert.equal(outcome.count, 2, "the main module's and the simulator's memories");
  assert.equal(outcome.pages, 400 * 3, "every walk read its pages");
  for (const [i, name] of ["the main module's", "the simulator's"].entries()) {
    assert.ok(
      outcome.after[i] <= outcome.settled[i] + 64 * 1024,
      `${name} wasm memory grew from ${outcome.settled[i]} to ${outcome.after[i]} bytes`,
    );
  }
  assert.deepEqual(page.problems, []);
});
