#!/usr/bin/env node
// Cargo's runner for the browser wasm tests (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER`):
// runs `wasm-bindgen-test-runner <test.wasm> <args>` as a server (NO_HEADLESS=1, a free loopback
// port) and drives its test page in Debian's headless Chromium with playwright-core, instead of
// letting the runner drive Chromium through chromedriver.
//
// Why: the runner's HTTP server (rouille on tiny_http 0.12) dispatches each connection to a task
// pool that can lose a wake-up when several connections arrive at once (the accept thread counts
// a thread as idle until that thread has taken its task), and every pool thread then stays with
// its keep-alive connection for as long as the browser keeps it open. Chromium opens about six
// connections to the test page's origin in a burst: now and then one of them is never read,
// its request (a script of the page) stays pending and the page's load never completes. So the
// browser never talks to that server here: it talks to a small proxy in this process, which
// forwards each request on a connection of its own, closed after the response, so that no pool
// thread is ever held by an idle connection.
//
// Prints the page's test output as it comes, exits 0 when it ends with "test result: ok", 1 on a
// failed test, a page error or a timeout (WASM_BINDGEN_TEST_TIMEOUT seconds, 60 by default, for
// the tests; 20 s for the page to load), and always stops Chromium and the runner.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../tests/support/browser.mjs";

const PAGE_LOAD_MS = 20_000;
const SERVER_START_MS = 60_000;
const TESTS_MS = Number(process.env.WASM_BINDGEN_TEST_TIMEOUT || 60) * 1000;
// Headers that describe one hop of a connection, not the resource.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);

const [wasm, ...runnerArgs] = process.argv.slice(2);
if (!wasm) {
  console.error("usage: wasm-browser-runner.mjs <test.wasm> [test args…]");
  process.exit(2);
}

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // Best effort: the rest must still be stopped.
    }
  }
}
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => cleanup().finally(() => process.exit(code)));
}

/** A loopback port free right now (the runner binds it a moment later; a lost race is retried). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts wasm-bindgen-test-runner as a server and resolves with its address, or with
 * `{ exitCode }` when it ends without serving (a `--list`, a bad argument, a port just taken).
 */
async function startRunner(port) {
  // The runner writes the generated files to a temporary directory it removes only when it exits
  // by itself; it is killed here, so that directory is one of ours, removed afterwards.
  const tmp = mkdtempSync(join(tmpdir(), "wasm-browser-"));
  const child = spawn("wasm-bindgen-test-runner", [wasm, ...runnerArgs], {
    env: { ...process.env, NO_HEADLESS: "1", WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}`, TMPDIR: tmp },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  cleanups.push(stop);
  let output = "";
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      process.stderr.write(output);
      console.error(`wasm-browser-runner: the runner did not serve within ${SERVER_START_MS / 1000} s`);
      resolve({ exitCode: 1 });
    }, SERVER_START_MS);
    const onData = (chunk) => {
      output += chunk;
      const found = /available at (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve({ address: new URL(found[1]) });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    // "close", not "exit": the output is complete only once the pipes are closed.
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, signal, output });
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      resolve({ exitCode: 1, output: `${output}${err.message}\n` });
    });
  });
}

/** A loopback HTTP proxy to `upstream`: one upstream connection per request, closed after it. */
async function startProxy(upstream) {
  const server = http.createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, host: upstream.host, connection: "close" },
        agent: false,
      },
      (upstreamRes) => {
        const out = Object.fromEntries(
          Object.entries(upstreamRes.headers).filter(([k]) => !HOP_BY_HOP.has(k)),
        );
        res.writeHead(upstreamRes.statusCode, out);
        upstreamRes.pipe(res);
      },
    );
    forward.setTimeout(PAGE_LOAD_MS, () => forward.destroy(new Error("no answer")));
    forward.on("error", (err) => {
      console.error(`wasm-browser-runner: ${req.method} ${req.url}: ${err.message}`);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${server.address().port}/`;
}

async function runPage(url) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    timeout: SERVER_START_MS,
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  const consoleLines = [];
  const problems = [];
  let pageError = false;
  page.on("console", (msg) => consoleLines.push(`${msg.type()}: ${msg.text()}`));
  page.on("pageerror", (err) => {
    pageError = true;
    problems.push(`page error: ${err.message}`);
  });
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));

  await page.goto(url, { waitUntil: "load", timeout: PAGE_LOAD_MS });
  const output = page.locator("#output");
  let printed = 0;
  let text = "";
  const deadline = Date.now() + TESTS_MS;
  for (;;) {
    text = (await output.textContent({ timeout: PAGE_LOAD_MS })) ?? "";
    // The page's placeholder line ("Loading scripts...", "Loading Wasm module...") is not output.
    const shown = text.replace(/^Loading[^\n]*(\n|$)/, "");
    if (shown.length > printed) {
      process.stdout.write(shown.slice(printed));
      printed = shown.length;
    }
    if (text.includes("test result: ") || pageError || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const passed = /test result: ok\b/.test(text);
  if (!passed) {
    if (!text.includes("test result: ")) {
      console.error(`wasm-browser-runner: no test result within ${TESTS_MS / 1000} s; the page shows:\n${text}`);
    }
    for (const line of problems) console.error(`wasm-browser-runner: ${line}`);
    if (consoleLines.length) console.error(`browser console:\n${consoleLines.join("\n")}`);
  }
  return passed;
}

async function main() {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const runner = await startRunner(port);
    if (runner.address) return (await runPage(await startProxy(runner.address))) ? 0 : 1;
    const portTaken = /failed to spawn server|Address already in use/i.test(runner.output ?? "");
    if (!portTaken || attempt === 3) {
      process.stdout.write(runner.output ?? "");
      return runner.exitCode;
    }
    await cleanup();
  }
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`wasm-browser-runner: ${err.stack || err}`);
}
await cleanup();
process.exit(code);
