// A portal's page stays open all day: in real Chromium, `sim:` clients made and freed, searches
// paged through and left, lookups that find nothing, must give their wasm memory back as they end,
// the main module's and the simulator module's, not when the page's garbage collector gets to them
// (it does not see wasm memory, which never shrinks). The same check runs in Node, with more rounds
// (tests/node/endurance.test.mjs); here the browser's own loading, timers and collector take part.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDevserver } from "../support/devserver.mjs";
import { launch, newPage } from "../support/browser.mjs";
import { recordWasmMemories } from "../support/wasm_memories.mjs";

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
