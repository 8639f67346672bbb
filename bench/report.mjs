// Rewrites BENCHMARKS.md from the JSON results in bench/out/ (written by bench/run.sh).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { root } from "../tests/support/devserver.mjs";

const out = join(root, "bench", "out");
const read = (name) => (existsSync(join(out, name)) ? JSON.parse(readFileSync(join(out, name), "utf8")) : null);
const polling = read("polling.json");
/** All runs `<prefix>-N.json`, and the median one by `key`. */
function runs(prefix, key) {
  const all = [];
  for (let i = 1; existsSync(join(out, `${prefix}-${i}.json`)); i++) all.push(read(`${prefix}-${i}.json`));
  if (all.length === 0) return null;
  const sorted = [...all].sort((a, b) => key(a) - key(b));
  return { median: sorted[Math.floor(sorted.length / 2)], values: sorted.map(key) };
}
const nativeRuns = runs("validate-native", (r) => r.corpus?.validateValueBodiesPerSecond ?? 0);
const jsRuns = runs("validate-js", (r) => r.results.find((x) => x.name.startsWith("dimona")).bodiesPerSecond);
const native = nativeRuns?.median ?? null;
const js = jsRuns?.median ?? null;
const size = read("size.json");
const startup = read("startup.json");
const profile = read("profile.json");
/**
 * The profile before the body went into wasm memory in the core's binary encoding: the package at
 * commit 58c8e7e (JSON text written into wasm memory and parsed there), measured with the same
 * script in the same session as the first run of the new one.
 */
const PROFILE_BEFORE = {"perBodyUs": 12.39, "parts": {"wasm: reading the body (JSON text, or the binary encoding)": 10.8, "wasm: memory (allocation, copies, drops)": 14.5, "wasm: rules (walk, checks, anomalies and their messages)": 34.4, "JS: the report object (JSON.parse, reports without anomalies)": 9.2, "JS: the body into wasm memory (walk or JSON.stringify, copy)": 16.7, "garbage collector": 1.7, "glue of the crossing (wasm-bindgen shims, other)": 12.6}};
const batch = read("batch.json");
/**
 * Start-up before and after the loading work, from bench/startup.mjs runs of the two builds in
 * alternation (STARTUP_ROOT; before: commit 58c8e7e's package and dev server): pooled medians, ms.
 */
const STARTUP_AB = {"runs": "21 runs each in Chromium (`bench/startup.mjs` with `STARTUP_ROOT`), 15 in Node (the same code, fresh processes)", "load": "load average 2.8 to 9.7", "before": {"node": {"total": 43.9, "parts": {"import": 12.7, "firstValidate": 2.2}}, "cold": {"total": 91.8, "parts": {"import": 111.4, "fetch": 12.6, "compile": 6.2, "instantiate": 0.4, "start": 0.2, "firstValidate": 2.9}}, "warm": {"total": 58.6, "parts": {"import": 48.5, "fetch": 4.6, "compile": 3.8, "instantiate": 0.3, "start": 0, "firstValidate": 0.2}}}, "after": {"node": {"total": 17.9, "parts": {"import": 8.4, "firstValidate": 1.9}}, "cold": {"total": 34, "parts": {"import": 18.4, "fetch": 8.1, "compile": 6.2, "instantiate": 0.4, "start": 0.2, "firstValidate": 2.2}}, "warm": {"total": 19.6, "parts": {"import": 8.2, "fetch": 5.5, "compile": 3.8, "instantiate": 0.3, "start": 0, "firstValidate": 0.2}}}};
/** What the start-up figures show and what was done about them. */
const STARTUP_NOTES = [
  "The figure BENCHMARKS.md gave before (71.3 ms, another run 19.5 ms) loaded the demo page, whose own `init()`",
  "raced the measured one: it measured a second import of a half-loaded package. Now nothing else loads it.",
  "",
  "What the parts showed: the time went to the import, not to the wasm. The entry, then the glue, the loader and",
  "the schema (five files), then the glue's three snippets: three round trips before `init()` could start the",
  "wasm's, each to a dev server that closes every connection after one answer (so that a browser never resends a",
  "dropped POST), six connections at most in parallel. The wasm's own parts (compile, instantiate, start function,",
  "first validate) took about 10 ms cold and 5 ms warm. In Node, `init()` spent about 20 ms on the runtime's fetch",
  "implementation, loaded the first time the glue's asynchronous path named `Request` or `Response`.",
  "",
  "What was done: each entry (browser and Node, main and simulator module) is bundled with what it imports into",
  "one file (esbuild, scripts/build-pkg.sh), so import + `init()` take two round trips, the entry and the wasm;",
  "the simulator module gets the entry's loader, so that its load errors stay the entry's `DimonaError`. Node",
  "compiles the bytes with `WebAssembly.compile` and instantiates through the glue's synchronous path (no",
  "`Request`/`Response`, no fetch implementation). The dev server tags its files (`ETag`) and answers 304 to a",
  "file the browser has, so a warm load transfers no bytes (compile time did not change with it: no sign that",
  "V8's wasm code cache is used at this module's size). In the Node A/B, `init()` went from 29.1 to 7.6 ms.",
  "Already so and kept: the wasm is compiled while it downloads (`instantiateStreaming` of the fetch's `Response`,",
  "served as `application/wasm`); the start function only installs the panic hook; the validation tables are",
  "`static` data, nothing is built at instantiation; the simulator's wasm is loaded by the first `sim:` request.",
  "The first `validate()` runs on V8's baseline compiler (Liftoff), its functions compiled on first call.",
  "",
  "What remains, cold: two round trips on a loaded machine (a new connection each) and about 6 ms of compile.",
  "The resource timings of the cold runs show where the first round trip goes: the entry's request leaves the",
  "browser 5 to 11 ms after `import()` is called, before any connection is opened, while a `fetch()` in the same",
  "fresh page waits about 1.5 ms and a second module import 1 to 3 ms; the package's files are not yet read then.",
  "That wait is part of the first-module figure above.",
  "A page can overlap them with `<link rel=\"modulepreload\" href=\".../index.js\">` and",
  "`<link rel=\"preload\" href=\".../dimona_bg.wasm\" as=\"fetch\" crossorigin>`; bundlers fold the entry into the",
  "app's own code.",
  "",
  "The step table above puts the package's cold time against the floor's, step by step. The waits before each",
  "request and the requests themselves are the browser's and the same for all three; the package's own time is",
  "in the steps that grow with its files: the entry parsed and run (66 KB of JS against 253 bytes), the wasm's",
  "bytes, the compile V8 finishes after the last byte (it validates every function of the module: about 300 KB",
  "of code in 987 functions for `dimona`, 65 KB in 164 for `dimona/validator`), and the first `validate()`, whose",
  "functions V8 compiles on their first call. Each of those grows with the code shipped; the main wasm is also",
  "at its size budget (see Size), so the main entry's start-up comes down with its code, not with the way it",
  "loads. The entry minified again (esbuild, 66 KB → 32 KB; 21 new contexts each, in alternation): its parse",
  "0.5 ms shorter, the total not (22.5 ms as shipped, 23.1 ms minified).",
  "",
  "Where the wait before the entry's request goes (Chromium's own net log, `--log-net-log`, three cold runs): the",
  "network service holds the first module script request of a new context 5 to 7 ms between taking it",
  "(`REQUEST_ALIVE`) and starting it (`NETWORK_DELEGATE_BEFORE_URL_REQUEST`), before any connection; the wasm's",
  "`fetch()` right after starts within 1 ms, and connecting to the dev server and its first byte take 1 to 2 ms.",
  "The server is not the cause: a server keeping connections alive gave the same `fetch()` times (7 new contexts",
  "each, two rounds), and curl reads the wasm's first byte after about 1.3 ms (debug build) or 0.8 ms",
  "(release). What a page has run before matters: the first import of the smallest module took 20.6 ms (median",
  "of 11 new contexts) after the text page, 22.5 ms after an empty HTML page, and 11.7 ms after an HTML page",
  "that had loaded a classic script of its own. A page that uses the package has always run a script first.",
  "",
  "The first `validate()` cold (a trace of one run): V8 compiled 70 of the wasm's functions on their first call",
  "(34 KB of code: 1.7 ms in the baseline compiler, 2.4 ms with the calls' own cost), among them the rules'",
  "`walk_block` (9.2 KB, 0.43 ms) and `walk` (6.8 KB, 0.24 ms); and 1.3 ms went to compiling the JS it runs.",
  "",
  "What V8 does with the main wasm's bytes (Chromium's trace, `v8.wasm` categories, three cold runs): on the",
  "page's main thread it decodes the bytes as they come (`OnBytesReceived`, 1.1 to 3 ms in all) and finishes the",
  "stream (`FinishStreaming`, 0.3 to 0.8 ms); background threads validate the functions meanwhile",
  "(`ValidateFunctionsStreaming`, 2 to 6 ms of CPU, on two cores shared with the page and the network); the module",
  "is ready 0.1 to 0.5 ms after the last of these, instantiated in 0.3 ms, and the first `validate()` then compiles",
  "its functions (2.1 to 2.9 ms). Each of these steps scales with the module's bytes and code, none with the way",
  "they are fetched: see the try with `compileStreaming` below.",
  "",
  "Tried and left out: the wasm inlined in the entry (base64, decoded with `Uint8Array.fromBase64`), which saves",
  "the wasm's round trip. In a page that has imported a module first: median 34.7 → 29.6 ms (21 new contexts",
  "each, in alternation; another run 32.3 → 25.5 ms of 11); after the text page alone no gain (46.9 → 45.6 ms).",
  "Every app would carry the entry at 545 KB instead of 63 KB in its own bundle, its bytes kept in the JS heap,",
  "compiled without streaming; and the plain cold figure, the one the target is measured by, did not move.",
  "",
  "More tries, each against the shipped entry in alternation (new contexts, 15 to 21 each; medians of import + `init()`",
  "+ first `validate()`), none kept:",
  "- V8's lazy compilation of the wasm is what keeps `init()` short: with `--no-wasm-lazy-compilation` `init()` took",
  "  22 ms instead of 10 ms; with `--wasm-lazy-validation` 9.1 instead of 10.1 ms (not a setting a page has).",
  "  A module can ask V8 to compile chosen functions early (the `metadata.code.compilation_priority` custom",
  "  section), but V8 reads it only with its experimental `compilation_hints` feature on (its module decoder and",
  "  feature list): not a setting a page has either. Not tried.",
  "- The compile hint `//# allFunctionsCalledOnLoad` at the top of the entry: the first `validate()` 0.7 to 1 ms",
  "  faster, the import 1 to 1.7 ms slower (every function of the entry compiled up front).",
  "- The entry minified (esbuild, 63.7 KB → 29.9 KB; whitespace and syntax only, 42.9 KB): no change beyond the",
  "  spread (in a page that has imported a module first: 24.6 ms as shipped, 25 ms minified, 28.5 ms whitespace only).",
  "- The wasm served compressed: `fetch` + `compileStreaming` over loopback took 16.7 ms as is, 18.4 ms gzip",
  "  (154 KB) and 21.8 ms brotli (126 KB) from one server: decompressing costs more than the bytes save on loopback.",
  "- A `Link: <dimona_bg.wasm>; rel=preload; as=fetch` header on the entry's answer: Chromium does not act on it",
  "  for a module script (the wasm's request still left after the import), so a server cannot start it early that way.",
  "- The wasm inlined in the entry, tried again (another machine): the import 11 ms slower, `init()` 9 to 14 ms faster,",
  "  totals 39.7 → 38.7 ms cold and 27.3 → 26.7 ms after a module.",
  "- The dev server's release build instead of its debug build, the two alternating (21 new contexts each): 26.6",
  "  and 26.6 ms cold, 22.9 and 21.2 ms after a module; the server is not what the time waits for.",
  "- The JS walk compiled ahead, by encoding a sample body in a timer `init()` starts while the wasm downloads: the",
  "  first `validate()` took 2.5 ms either way (its cost is the wasm's functions compiled on first call).",
  "- A wasm of the validator alone in place of the main one (`init()` resolving with it, the client's wasm loaded",
  "  on first use): about 5 ms less cold in six pairings, but a change of the main entry's loading contract (`new",
  "  DimonaClient` and `buildDeclaration` are synchronous after `init()`). It ships instead as an entry of its own,",
  "  `dimona/validator` (above), for pages that only check forms; the main entry loads as before.",
  "- `dimona/validator` with its rules compiled for size (the rest of its profile as shipped; Node, fresh processes,",
  "  three each): `\"z\"` 76 KB (36.3 KB gzip), its first `validate()` 1.85 instead of 2.4 ms, each later one twice as",
  "  slow (2.79 against 1.40 µs per body of the corpus); `\"s\"` 84 KB (38.4 KB gzip), 2.24 ms, 1.3 times as slow.",
  "  Half a millisecond once against every call after: both entries keep the same rules, built the same way.",
  "- The fetch handed to `WebAssembly.compileStreaming` the moment it starts, and the glue's imports built while the",
  "  bytes come, instead of the glue's `instantiateStreaming` called once the answer's headers had gone through the",
  "  loader: V8 took the stream before the headers rather than 1.6 to 2.3 ms after them, but finished compiling",
  "  4.6 to 5.3 ms after the last byte either way (the steps above); totals in two alternations of 31 new contexts:",
  "  28.6 ms as shipped against 29 ms, and 27 against 30 ms.",
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const int = (n) => Math.round(n).toLocaleString("en-US");
const rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
const lines = [];
const p = (s = "") => lines.push(s);

p("# Benchmarks");
p();
p("Measurements, not tests: `make bench` runs them all (a few minutes) and rewrites this file.");
p();
p(`- Date: ${new Date().toISOString().slice(0, 10)}`);
p(`- Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${rustc}`);
p("- Command: `make bench`");
p();
if (polling) {
  p("## Polling efficiency");
  p();
  p("10,000 declarations per row through the real polling machine against the embedded simulator, in virtual time.");
  p("`documented`: the RSZ's published processing times (none under 2 s, mean 2.5 s, > 90 % under 3 s, > 99 % under 4 s);");
  p("`heavyTail`: 20 % of them take 30 s to 25 minutes. Detection delay = result known − result ready. Violations are");
  p("checked against the RSZ's maximum frequency.");
  const ours = polling.rows.find((r) => r.profile === "documented" && r.plan === "dimona");
  if (ours) {
    const met = ours.getsMean <= 1.2 && ours.detectionDelayP99Ms <= 1000 && ours.violations === 0;
    p(`Target on the documented profile: ≤ 1.2 GET per declaration, p99 detection delay ≤ 1 s, no violation: ${met ? "reached" : "**not reached**"}.`);
  }
  p();
  p("| profile | plan | GET / declaration (mean) | GET p99 | detection delay mean | detection delay p99 | violations | no result in 20 min |");
  p("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const r of polling.rows)
    p(`| ${r.profile} | ${r.plan} | ${r.getsMean} | ${r.getsP99} | ${int(r.detectionDelayMeanMs)} ms | ${int(r.detectionDelayP99Ms)} ms | ${r.violations} | ${r.unfinishedWithin20Min} |`);
  p();
  p("Our plan polls at 3 s, then every 1.025 s to 30 s, then every 61 s; the 25 ms on each one-second gap keep two calls");
  p("a full second apart as the RSZ receives them, at the price of up to 25 ms of detection delay per missed poll (50 ms gave");
  p("a p99 of 1,009 ms). A result ready just after the 2 s floor is seen at the 3 s poll: the p99 sits at that second.");
  p();
}
if (native || js) {
  p("## Validation throughput");
  p();
  if (native) {
    p("Native (`cargo run --profile bench --example bench_validate`), every glossary rule, messages in English.");
    if (native.corpus && native.corpus.bodies) {
      const c = native.corpus;
      const reached = c.validateValueBodiesPerSecond >= 1e6 ? "reached" : "not reached";
      p(`On the corpus of the JS benchmark below (${c.bodies} bodies, each in turn); the median of ${nativeRuns.values.length} processes`);
      p(`(\`validate(&Value)\` ranged from ${int(nativeRuns.values[0])} to ${int(nativeRuns.values.at(-1))} bodies/s: this machine runs the same binary at`);
      p("one of two speeds from one process to the next), each the fastest of five rounds:");
      p();
      p("| call | per body | bodies/s |");
      p("|---|---:|---:|");
      p(`| \`validate(&serde_json::Value)\` | ${c.validateValueUs} µs | **${int(c.validateValueBodiesPerSecond)}** |`);
      p(`| \`validate_json(&str)\` (parsing included) | ${c.validateJsonUs} µs | ${int(c.validateJsonBodiesPerSecond)} |`);
      p();
      p(`Target ≥ 1,000,000 bodies/s natively: **${reached}**.`);
    }
    p();
    p("Single bodies:");
    p();
    p("| body | anomalies | validate | bodies/s | buildDeclaration |");
    p("|---|---:|---:|---:|---:|");
    for (const r of native.rows) p(`| ${r.body} | ${r.anomalies} | ${r.validateUs} µs | ${int(r.bodiesPerSecond)} | ${r.buildDeclarationUs} µs |`);
    p();
  }
  if (js) {
    p(`From JS in Node, the same corpus of ${js.corpus} realistic bodies (all seven kinds, valid and invalid), the three`);
    p(`validators in one process, the median of ${jsRuns.values.length} processes (dimona from ${int(jsRuns.values[0])} to ${int(jsRuns.values.at(-1))} bodies/s);`);
    p("zod and ajv check only structure and formats:");
    p();
    p("| validator | bodies/s |");
    p("|---|---:|");
    for (const r of js.results) p(`| ${r.name} | ${int(r.bodiesPerSecond)} |`);
    const disagree = js.agreement.filter((a) => a.dimona !== a.expected).map((a) => a.name);
    p();
    p(`dimona's verdict differs from the corpus's expectation on: ${disagree.length ? disagree.join(", ") : "none"}.`);
    const ours = js.results.find((r) => r.name.startsWith("dimona"));
    const zod = js.results.find((r) => r.name.startsWith("zod"));
    if (ours && zod) {
      const ratio = ours.bodiesPerSecond / zod.bodiesPerSecond;
      p();
      p(`Target: JS \`validate()\` at least as fast as zod: ${ratio >= 1 ? "reached" : "**not reached**"} (${ratio.toFixed(2)} × zod's throughput).`);
      p("zod runs in the JS engine's JIT with no crossing; dimona's rules run in the size-optimised wasm.");
    }
    p();
  }
}
if (profile) {
  p("### Where a JS `validate()` call's time goes");
  p();
  p("Node's CPU profiler on the corpus above, against the same build keeping the wasm's function names");
  p("(`bench/profile.mjs`), each sample's function put into one part of the call; microseconds per body under");
  p("the profiler (which slows every call alike). Before: the package at commit 58c8e7e, where the body's JSON text");
  p("was written into wasm memory and parsed there, measured with the same script.");
  p();
  p(`| part of the call | before (${PROFILE_BEFORE.perBodyUs} µs per body) | now (${profile.perBodyUs} µs per body) |`);
  p("|---|---:|---:|");
  const now = new Map(profile.parts.map((x) => [x.part, x.percent]));
  const us = (percent, total) => `${((percent * total) / 100).toFixed(2)} µs (${percent} %)`;
  for (const part of new Set([...Object.keys(PROFILE_BEFORE.parts), ...now.keys()]))
    p(`| ${part} | ${us(PROFILE_BEFORE.parts[part] ?? 0, PROFILE_BEFORE.perBodyUs)} | ${us(now.get(part) ?? 0, profile.perBodyUs)} |`);
  p();
  p("The body is no longer turned into JSON text: one walk of the object (`js/validation_input.js`) writes it in");
  p("the core's binary encoding (`rules/src/validate/tape.rs`: tagged values, lengths up front, numbers as `f64`,");
  p("the keys of the body's blocks as one-byte numbers) straight into a buffer the core keeps in wasm memory, and");
  p("the core reads that into the same borrowed tree instead of parsing text; values the walk does not take");
  p("(classes, `toJSON`, BigInt, getters that throw, cycles, huge or deep values) go through the careful JSON path");
  p("as before. The report comes back the same way: a report without anomalies is built in JS from its kind; the");
  p("rules write any other anomaly by anomaly into a binary encoding (`rules/src/validate/report_tape.rs`) from");
  p("which JS builds the objects, keeping the strings it has seen (codes, messages, paths), instead of JSON text");
  p("parsed by `JSON.parse`. The rules, identifiers and dates are a crate of their own (`rules/`) compiled at");
  p("`opt-level = 3`, and so is the allocator, while the rest of the module stays at `\"z\"`: about 7 KB of gzip");
  p("(`\"s\"` for the rules: 4 KB and 15 % slower; the whole crate at `\"s\"`: 19 KB), paid for by smaller");
  p("readers of the client's options and of the RSZ's answers (written-out readers instead of derived ones,");
  p("one copy of what every response type shared). Paired runs of the package before this work and after,");
  p("CPU time per body on this corpus: all bodies 5.9 → 2.6 µs, valid 3.5 → 1.8 µs, invalid 8.9 → 3.6 µs.");
  p();
  p("Then, each change measured alone the same way:");
  p("- the package's entries export a `validate` of their own (`pkg-template/validate.js`): it writes the body");
  p("  into the core's input buffer itself and calls in and reads the report with numbers only, where the glue's");
  p("  export handed the body and the options to wasm as values and back to JS (about 13 %);");
  p("- the rules read a body as one flat list of values (`tape::Doc`): one allocation per body instead of one per");
  p("  object, and nothing to drop (about 5 %);");
  p("- options that name a date are read once while their encoding stays the same (about 4 %);");
  p("- the last messages are kept by code and language and written again with their hash, instead of composed");
  p("  from the tables and hashed again (invalid bodies about 7 %; replaced since by the code numbers below);");
  p("- JS reads reports through one view of the whole memory, keeps strings in slots by their hash and compares");
  p("  them four bytes at a time (invalid bodies about 15 %);");
  p("- smaller steps: codes put together on the stack, path keys copied whole, the aliases a table, known keys");
  p("  looked up in an object without prototype, string values written by the walk without another call.");
  p("Paired, the package before these (commit 03f5a66) and after, CPU µs per body: all 2.58 → 1.76, valid");
  p("1.77 → 1.34, invalid 3.52 → 2.26 (zod in separate processes on the same sets: 1.50, 1.18, 1.72).");
  p("Later, the same way: a standard anomaly (its code's own message, no \"did you mean\") crosses as its code's");
  p("number and its path; JS keeps each code, zone and message, asking the core for a message once per code and");
  p("language, instead of reading and comparing three strings, and the core's message cache went (paired, two");
  p("runs: invalid bodies 1.948 → 1.694 and 1.968 → 1.740 µs, all 1.546 → 1.454 and 1.584 → 1.477 µs; 207 B");
  p("less gzip). Then two changes to the rules counted in instructions natively (callgrind, the corpus): an");
  p("enum's value found by binary search in its sorted list (1 % fewer), and ASCII strings of the body taken as");
  p("text after a byte check rather than the general UTF-8 check (5 % fewer; the wasm part alone about 3 %");
  p("faster). Tried and left out: comparing short strings byte by byte instead of calling `memcmp` (the wasm");
  p("part 2 % faster, but 2.7 % more instructions natively), and looking the never-blocking codes up by");
  p("binary search (more instructions: most entries differ in length, which the linear scan settles at once).");
  p("Tried and left out: reading the encoding in place without any list (strings decoded again at each look:");
  p("no faster, 3.7 KB larger), a comparison of the first byte before the rest of a key (1 KB for no measurable");
  p("gain), `encodeInto` for longer strings, a `Map` or an ordinary object for the key numbers (slower).");
  p("Tried and left out: JS reading the input buffer's and the report's addresses from a \"mailbox\" in wasm");
  p("memory instead of asking the core in two calls (paired, three runs, all bodies: 1.836 → 1.838,");
  p("1.882 → 1.812, 1.841 → 1.848 µs: a call into wasm costs about what reading the address does, 15 to 35 ns).");
  p();
  p("Then, measured the same way, the wasm part alone timed on bodies encoded once (`__validateInput` on a");
  p("written buffer):");
  p("- a key the walk numbered finds its field through a table per block (key number → field) instead of");
  p("  comparing texts; keys given as text still are (wasm part about 4 %, 522 B of gzip);");
  p("- the next body is read into the last one's list, emptied, instead of a new allocation (wasm part about");
  p("  2.5 %, native instructions −2.9 %);");
  p("- the walk writes a known key with a short ASCII string in one go, its bytes and position in locals (the");
  p("  walk about 5 %; its encoding compared byte for byte with the one before on 20,000 random values);");
  p("- the flat list's reader reads leaf values in its loop and calls itself only for arrays and objects");
  p("  (wasm part about 3 %);");
  p("- the options of a JS call are read with the flat list's reader, so the tree reader left the module");
  p("  (889 B of gzip smaller, which pays for the table and the reader's loop).");
  p("- the missing-field pass looks only at the fields a presence rule may require (a mask per block, built");
  p("  with the key table; wasm part about 3 %).");
  p("Paired in one process (`bench/paired.mjs`: alternating short rounds, the fastest of 30 each), µs per body before");
  p("these (commit 5b7e830) and after: all 1.71 → 1.56, valid 1.33 → 1.19, invalid 2.09 → 1.98; zod in the");
  p("same process 1.16 to 1.20, 1.03 to 1.06, 1.21 to 1.23. In rounds that short zod's garbage collection");
  p("mostly falls between them; the table above counts it, as a user's loop would. The ratio in one process");
  p("moves with the machine: separate runs of the table's benchmark gave 0.82 to 0.95 × zod on a quiet");
  p("machine, and 1.08 to 1.15 × while a fuzzer kept the other core busy (zod's collector then had no idle");
  p("core to run on).");
  p();
}
if (size) {
  p("## Size");
  p();
  p("Sizes in KB of 1,024 bytes, the unit of the size budget since it was set.");
  p();
  p("| module | file | raw | gzip -9 |");
  p("|---|---|---:|---:|");
  for (const s of size.sizes) p(`| ${s.module ?? "main"} | ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
  p();
  const wasmGzip = size.sizes.find((x) => x.file === "dimona_bg.wasm").gzip;
  p(`Target: ≤ 150 KB gzip (${int(150 * 1024)} bytes) for the main wasm with all four languages: ${wasmGzip <= 150 * 1024 ? "reached" : "**not reached**"} (${int(wasmGzip)} bytes, ${int(Math.abs(150 * 1024 - wasmGzip))} ${wasmGzip <= 150 * 1024 ? "to spare" : "over"}). The main wasm`);
  p("uses talc as its global allocator instead of dlmalloc, one `future_to_promise` for every export (the futures");
  p("boxed), one asynchronous search body for the four item types, the response text parsed outside the");
  p("per-type readers, and `wasm-opt -Oz --flatten --rereloop -Oz -Oz` (scripts/build-pkg.sh).");
  p("The simulator (`baseUrl: \"sim:\"`) is a module of its own in `sim/`, loaded only by a client that uses it.");
  p("The validator (`dimona/validator`) is a third, in `validator/`: the rules, messages and `validate` crossing");
  p("without the client, for pages that only check forms.");
  p("Most of the main wasm's data is the validation tables: the glossary's anomaly labels and titles and the");
  p("messages in four languages.");
  p();
  if (size.topItems) {
    p("Largest items before wasm-opt (`twiggy top`):");
    p();
    p("| item | bytes | % |");
    p("|---|---:|---:|");
    for (const t of size.topItems) p(`| \`${t.name.replace(/\|/g, "\\|")}\` | ${int(t.bytes)} | ${t.percent} |`);
    p();
  }
}
if (startup) startupSection(startup);
if (batch) {
  p("## Batch through the dev server");
  p();
  p(`${batch.declarations} declarations from Node over loopback to the dev server's simulator, \`declareAll\` with concurrency ${batch.concurrency}.`);
  p();
  p("| completed | wall time | slowest processing | requests | GET / declaration | peak requests/s | RSS peak (growth) | wasm memory | lost | duplicates | schedule violations (strict, on arrival) |");
  p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  p(`| ${batch.completed} | ${int(batch.wallMs)} ms | ${int(batch.slowestProcessingMs)} ms | ${batch.requests} | ${batch.getsPerDeclaration} | ${batch.peakRequestsPerSecond} | ${batch.rssMb} MB (+${batch.rssGrowthMb}) | ${batch.wasmMemoryMb} MB | ${batch.lost} | ${batch.duplicates} | ${batch.scheduleViolations} |`);
  p();
  p("The wall time is set by the RSZ's limits, not by the library: a declaration whose processing takes more than");
  p("30 s is checked once a minute from then on (at 90 s, 151 s, …), so one that is ready at 43 s is seen at 90 s after");
  p("its POST, and the batch cannot end before the last such declaration's next allowed check. One worker in fifty is");
  p("declared without an SSIN: the simulator answers S for them, as the RSZ does until Sigedis identifies the worker,");
  p("and here turns it into A after 60 s (`sDelaySeconds`); those are checked on the schedule meanwhile, which raises");
  p("the GETs per declaration above the polling benchmark's figure.");
  p();
}
p("## Fuzzing");
p();
p("`make fuzz` runs each of the seven libFuzzer targets (`fuzz/fuzz_targets/`: the library's validation, JSON reader,");
p("response parsers and polling machine; the dev server's raw requests, token and RSZ answers, and key files) for");
p("`FUZZ_SECONDS` (default 600), or to `FUZZ_RUNS` executions each; `make test` runs 10 s of each plus a replay of");
p("the seeds, the regressions and a pseudo-random sweep. Findings are kept as regression inputs in");
p("`fuzz/regressions/<target>/`. The runs to ten million executions per target, with their rates on this machine,");
p("are in [FUZZING.md](FUZZING.md).");
p();
writeFileSync(join(root, "BENCHMARKS.md"), lines.join("\n"));

function startupSection(r) {
  const ms = (x) => (x === undefined || x === null ? "–" : `${x} ms`);
  const spread = (t) => `${t.p25}–${t.p75} ms (${t.min}–${t.max})`;
  const ab = STARTUP_AB;
  p("## Start-up");
  p();
  p("Import + `init()` + the first `validate()` (`bench/startup.mjs`), the median of " + `${r.runs} runs per row.`);
  p("Node: a fresh process each run. Chromium (headless): a page of the dev server's origin that loads nothing");
  p("itself, then the measured code imports `/pkg/index.js`. *Cold*: a new browser context each run (empty HTTP");
  p("cache, new renderer process): a first visit. *Warm*: the same page loaded again in one context after a first");
  p("visit, the common case of a user's next page load (the dev server answers 304 to a file the browser has).");
  p(`Load average while measuring: ${r.load.before.join(" ")} before, ${r.load.after.join(" ")} after, on ${cpus().length} cores shared with other`);
  p(`work (niceness ${r.nice ?? 0}): the spread is the machine's more than the package's.`);
  p();
  p("| where | total, median | quartiles (range) | A/B: before → after |");
  p("|---|---:|---:|---:|");
  const rows = [
    ["Node, fresh process", r.node, "node"],
    ["Chromium, cold", r.chromium.cold, "cold"],
    ["Chromium, warm", r.chromium.warm, "warm"],
  ];
  for (const [name, x, key] of rows)
    p(`| ${name} | **${x.total.median} ms** | ${spread(x.total)} | ${ms(ab.before[key].total)} → ${ms(ab.after[key].total)} |`);
  p();
  p("A/B: the package and dev server before the loading work (commit 58c8e7e) and after it, measured in alternation,");
  p(`${ab.runs}, niceness 0, ${ab.load}; pooled medians.`);
  p();
  p("The parts, medians of the runs with `WebAssembly`'s compile and instantiate calls wrapped to time them");
  p("(this run; the A/B's before → after in brackets):");
  p();
  const parts = [
    ["import", "the package's JS fetched, parsed and run"],
    ["fetch", "`init()` until the wasm's response headers"],
    ["compile", "compiled (in Chromium while the body arrives)"],
    ["instantiate", "the module instantiated"],
    ["start", "the glue's set-up and the wasm's start function"],
    ["firstValidate", "the first `validate()` (its code compiled on first call)"],
  ];
  p("| part | what | Node | Chromium cold | Chromium warm |");
  p("|---|---|---:|---:|---:|");
  const cell = (now, key, part) => `${ms(now)} (${ms(ab.before[key].parts[part])} → ${ms(ab.after[key].parts[part])})`;
  for (const [part, what] of parts)
    p(`| ${part} | ${what} | ${cell(r.node.parts[part]?.median, "node", part)} | ${cell(r.chromium.cold.parts[part]?.median, "cold", part)} | ${cell(r.chromium.warm.parts[part]?.median, "warm", part)} |`);
  p();
  const reached = (x) => (x.total.median <= 20 ? "reached" : "**not reached**");
  p(`Target ≤ 20 ms in headless Chromium: warm ${reached(r.chromium.warm)} (${r.chromium.warm.total.median} ms), cold ${reached(r.chromium.cold)} (${r.chromium.cold.total.median} ms).`);
  const first = r.chromium.firstModule;
  if (first) {
    const own = Math.round((r.chromium.cold.total.median - first.ms.median) * 10) / 10;
    p();
    p(`Of the cold figure, the browser's own: a new context importing the package's smallest module (\`${first.file}\`,`);
    p(`${first.bytes} bytes, no import, no wasm) the same way, in alternation with the cold runs, took **${first.ms.median} ms** (median;`);
    p(`quartiles ${spread(first.ms)}). Any page pays that for its first module import, whatever the module. The`);
    p(`rest, about **${own} ms**, also holds what any page pays for its first wasm (the floor below).`);
  }
  const floor = r.chromium.floor;
  if (floor) {
    const over = (x, f) => Math.round((x - f) * 10) / 10;
    p();
    p(`The floor: the least any page can do the same way, a module of ${floor.moduleBytes} bytes that streams a wasm of ${floor.wasmBytes} bytes`);
    p(`(one function), instantiates it and calls it, in alternation with the runs above: **${floor.cold.median} ms** cold`);
    p(`(quartiles ${spread(floor.cold)}) and **${floor.inApp.median} ms** in a page that has imported a module first (quartiles`);
    p(`${spread(floor.inApp)}). What the package takes over that floor, its JS, its wasm's bytes, compile and first`);
    p(`\`validate()\` (the median of each round's difference, the two runs seconds apart): **${floor.overCold.median} ms** cold`);
    p(`(quartiles ${spread(floor.overCold)}) and **${floor.overInApp.median} ms** after a module (quartiles ${spread(floor.overInApp)}).`);
    p(
      floor.cold.median < 20
        ? `The 20 ms target leaves the package ${over(20, floor.cold.median)} ms over the floor cold in this run.`
        : `The floor alone is over the 20 ms target cold in this run (${over(floor.cold.median, 20)} ms over).`,
    );
  }
  const steps = [
    ["entryWait", "`import()` until the entry's request leaves (the browser's own wait for a first module)"],
    ["entryTransfer", "the entry's request and answer"],
    ["entryRun", "the entry parsed, linked and run"],
    ["initToFetch", "`init()` until it calls `fetch()`"],
    ["wasmWait", "the wasm's request queued"],
    ["wasmFirstByte", "the wasm's request until its first byte"],
    ["wasmBody", "the wasm's bytes arriving (compiled as they come)"],
    ["afterBody", "after the last byte: compile finished, instantiated, the glue's set-up"],
    ["firstValidate", "the first `validate()` (its code compiled on first call)"],
  ];
  const timelines = [r.chromium.floor?.timeline, r.validator?.timeline, r.chromium.cold.timeline];
  if (timelines.every(Boolean)) {
    p();
    p("Where the cold time goes, step by step, from the resource timings of the entry's and the wasm's requests in");
    p("the same runs (medians of each step, so they need not add up to the totals' medians):");
    p();
    p("| step | what | floor | `dimona/validator` | `dimona` |");
    p("|---|---|---:|---:|---:|");
    for (const [step, what] of steps) p(`| ${step} | ${what} | ${timelines.map((t) => ms(t[step]?.median)).join(" | ")} |`);
    const sum = (t) => Math.round(steps.reduce((a, [step]) => a + (t[step]?.median ?? 0), 0) * 10) / 10;
    p(`| sum | | ${timelines.map((t) => `${sum(t)} ms`).join(" | ")} |`);
  }
  const inApp = r.chromium.inApp;
  if (inApp) {
    p();
    p(`Cold, in a page that has already imported a module of its own (\`${inApp.afterModule}\`, as an app's code imports`);
    p(`the package; a new context each time, in alternation with the runs above): **${inApp.total.median} ms** (median;`);
    p(`quartiles ${spread(inApp.total)}), ${reached({ total: inApp.total })} for the 20 ms target. The figure the target is`);
    p("measured by stays the cold one above, whose page imports nothing before the package.");
  }
  const v = r.validator;
  if (v) {
    p();
    p(`The validation alone, \`dimona/validator\` (the same \`validate\` from a wasm of ${kb(v.wasmBytes)}, for pages that only`);
    p(`check forms), imported the same way in alternation with the runs above: **${v.cold.median} ms** cold (quartiles`);
    p(`${spread(v.cold)}), **${v.inApp.median} ms** after a module (quartiles ${spread(v.inApp)}), ${v.node.median} ms in Node;`);
    p(`over the floor (each round's difference) **${v.overCold.median} ms** cold and **${v.overInApp.median} ms** after a module.`);
    p(`Target ≤ 20 ms for this entry: cold ${reached({ total: v.cold })}, after a module ${reached({ total: v.inApp })}.`);
  }
  if (r.simulatorFirstRequestMs) {
    const s = r.simulatorFirstRequestMs;
    p();
    p(`First request of a \`sim:\` client (imports the simulator module), median: Node ${s.node.median} ms, headless Chromium (cold) ${s.chromium.median} ms.`);
  }
  p();
  for (const line of STARTUP_NOTES) p(line);
  p();
}
