// What a page is protected from when a server misbehaves, in real Chromium: a wasm file that never
// arrives, or stops halfway (init() rejects after its `timeoutMs`), and an answer that never ends
// (the client stops reading at 16 MiB and lets go of the connection). A plain Node server of this
// test serves the package's files, the page and the misbehaving paths from one origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { root } from "../support/devserver.mjs";
import { launch, newPage } from "../support/browser.mjs";
import { answerEndlessly, settledBytes } from "../support/endless.mjs";

const LIMIT = 16 * 1024 * 1024;
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const wasm = readFileSync(join(root, "pkg", "dimona_bg.wasm"));
let endlessBytes = 0;
let server;
let origin;
let browser;

/** `/pkg/…` from the package; `/silent.wasm`, `/halfway.wasm`, `/endless/…` misbehave. */
function handle(req, res) {
  const path = new URL(req.url, "http://x").pathname;
  if (path === "/silent.wasm") return; // accepted, never answered
  if (path === "/halfway.wasm") {
    res.writeHead(200, { "content-type": "application/wasm" });
    res.write(wasm.subarray(0, 1000)); // and nothing more
    return;
  }
  // A 200 without a length whose JSON never ends, for as long as the client reads.
  if (path.startsWith("/endless/")) return answerEndlessly(res, (n) => (endlessBytes += n));
  const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ""));
  if (path === "/" || !file.startsWith(join(root, "pkg")) || !existsSync(file)) {
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>stalls</title>");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
}

before(async () => {
  server = http.createServer(handle);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
});

test("in Chromium: a wasm that never arrives, or stops halfway, rejects init() with kind load after timeoutMs; init() then loads", { timeout: 60_000 }, async () => {
  const page = await newPage(browser);
  await page.goto(origin + "/");
  const outcome = await page.evaluate(async () => {
    const m = await import("/pkg/index.js");
    const out = {};
    for (const name of ["silent", "halfway"]) {
      const started = performance.now();
      out[name] = await m.default({ module_or_path: `/${name}.wasm`, timeoutMs: 500 }).then(
        () => "loaded",
        (e) => ({ load: e instanceof m.DimonaError && e.kind === "load", message: e.message, ms: performance.now() - started }),
      );
    }
    await m.default();
    out.after = m.isValidSsin("65111899997");
    return out;
  });
  for (const name of ["silent", "halfway"]) {
    const result = outcome[name];
    assert.equal(result.load, true, `${name}: ${JSON.stringify(result)}`);
    assert.match(result.message, /dimona_bg\.wasm could not be loaded: it had not arrived after 500 ms\. A slow network may need a larger timeoutMs/);
    assert.ok(result.ms < 10_000, `${name}: rejected after ${result.ms} ms`);
  }
  assert.equal(outcome.after, true);
  // Only the browser's own lines for the aborted requests, if any.
  assert.deepEqual(page.problems.filter((p) => !/Failed to load resource|net::ERR_ABORTED/.test(p)), []);
  await page.context().close();
});

test("in Chromium: an answer that never ends is read no further than 16 MiB, a decode error, and its connection let go", { timeout: 60_000 }, async () => {
  const page = await newPage(browser);
  await page.goto(origin + "/");
  endlessBytes = 0;
  const outcome = await page.evaluate(async (base) => {
    const m = await import("/pkg/index.js");
    await m.default();
    // The request's own time limit is far away: what ends the call is the size, not the clock.
    const client = new m.DimonaClient({ baseUrl: base, requestTimeoutMs: 120_000 });
    return client.getPeriod("600050201853").then(
      () => "read",
      (e) => ({ decode: e instanceof m.DimonaError && e.kind === "decode", message: e.message }),
    );
  }, `${origin}/endless/REST/dimona/v2`);
  assert.equal(outcome.decode, true, JSON.stringify(outcome));
  assert.match(outcome.message, /larger than 16777216 bytes/);
  // The browser stopped reading and let go of the connection: the server's writes stopped, past
  // the limit by what the sockets' and the browser's buffers held, far from an endless read.
  const sent = await settledBytes(() => endlessBytes);
  assert.ok(sent < 4 * LIMIT, `${sent} bytes were sent`);
  await page.context().close();
});
