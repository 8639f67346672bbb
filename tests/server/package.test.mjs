// The package ships dimona/server: `exports["./server"]` points at the files the build copies.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "./harness.mjs";

const template = new URL("../../pkg-template/", import.meta.url);

test("package.json exports ./server with its types, and lists both files", async () => {
  const pkg = JSON.parse(await readFile(new URL("package.json", template), "utf8"));
  assert.deepEqual(pkg.exports["./server"], { types: "./server.d.ts", default: "./server.js" });
  assert.ok(pkg.files.includes("server.js") && pkg.files.includes("server.d.ts"));
  const build = await readFile(new URL("../scripts/build-pkg.sh", template), "utf8");
  assert.match(build, /cp pkg-template\/server\.js pkg-template\/server\.d\.ts pkg\//);
});

test("server.js imports nothing: it runs wherever fetch and WebCrypto do", async () => {
  const source = await readFile(new URL("server.js", template), "utf8");
  assert.doesNotMatch(source, /^\s*import\s|\bimport\(|\brequire\(/m);
  const types = await readFile(new URL("server.d.ts", template), "utf8");
  for (const name of [...source.matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)].map((m) => m[1])) {
    assert.match(types, new RegExp(`export declare (?:function|const|class) ${name}\\b`), `${name} is typed`);
    assert.match(types, new RegExp(`\\*/\\nexport declare (?:function|const|class) ${name}\\b`), `${name} is documented`);
  }
});
