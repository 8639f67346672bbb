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
