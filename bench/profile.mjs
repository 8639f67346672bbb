// Where the time of a JS `validate()` call goes: Node's CPU profiler on the benchmark's corpus,
// against a build of the package that keeps the wasm's function names (`bench/run.sh` makes it
// in bench/out/named-pkg), each sample's function put into one of a few parts of the call.
// Prints one JSON object; `node bench/report.mjs` puts it into BENCHMARKS.md.
//   node bench/profile.mjs <package dir with names> [seconds]
import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const pkg = resolve(process.argv[2] || "bench/out/named-pkg");
const seconds = Number(process.argv[3] || 4);

if (process.env.DIMONA_PROFILE_CHILD) {
  // The profiled process: validate the corpus in a loop, nothing else.
  // The package's Node entry: the `validate` users call.
  const { initSync, validate } = await import(join(pkg, "node.js"));
  const { corpus } = await import("./corpus.mjs");
  initSync({ module: readFileSync(join(pkg, "dimona_bg.wasm")) });
  const bodies = corpus("2026-11-20").map((r) => r.body);
  const options = { today: "2026-11-20", lang: "en" };
  let sink = 0;
  for (let i = 0; i < 300; i++) for (const b of bodies) sink += validate(b, options).anomalies.length;
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 50; i++) for (const b of bodies) sink += validate(b, options).anomalies.length;
    n += 50 * bodies.length;
  }
  console.log(JSON.stringify({ perBodyUs: ((performance.now() - start) * 1000) / n, sink: sink > 0 }));
  process.exit(0);
}

/** The part of a call a function belongs to: first match wins. */
const PARTS = [
  ["wasm: reading the body (JSON text, or the binary encoding)", (f) => /validate::json::|validate::tape::|str::from_utf8|converts::from_utf8|run_utf8_validation/.test(f)],
  ["wasm: the report written for JS (JSON text before, a binary encoding now)", (f) => /to_json_text|push_json_string|report_tape/.test(f)],
  ["wasm: memory (allocation, copies, drops)", (f) => /talc|dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc)|alloc_impl|raw_vec|drop_in_place|append_elements|with_capacity|String>::push|copy_from_slice|memcpy|memset/.test(f)],
  ["wasm: rules (walk, checks, anomalies and their messages)", (f) => /validate::|ids::|date::|text::|memcmp|trim_matches|str::iter|next_code_point|cmp::|PartialEq|str::<impl str>|parse/.test(f) && f.includes("wasm")],
  ["JS: the report object (JSON.parse, reports without anomalies)", (f) => /^(cleanReport|readReport|text|report) |validation_report\.js|getStringFromWasm0|decode |import parse/.test(f)],
  ["JS: the body into wasm memory (walk or JSON.stringify, copy)", (f) => /^(plain|string|room|encodeInput|writeInput|writeOptions|optionalString|prototypeIsClean) |sanitize\.js|validation_input\.js|writeValidationInput|validationInput|encodeInto|passStringToWasm0|encoding|getUint8ArrayMemory0|get buffer/.test(f)],
  ["garbage collector", (f) => /garbage collector/.test(f)],
];
const OTHER = "glue of the crossing (wasm-bindgen shims, other)";

const dir = mkdtempSync(join(tmpdir(), "dimona-profile-"));
let perBodyUs;
try {
  const out = execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "50", process.argv[1], pkg, String(seconds)], {
    env: { ...process.env, DIMONA_PROFILE_CHILD: "1" },
    encoding: "utf8",
  });
  perBodyUs = JSON.parse(out.trim().split("\n").at(-1)).perBodyUs;
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))), "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // wasm-bindgen's import shims are anonymous functions: named here by the import they define.
  const glueLines = readFileSync(join(pkg, "node.js"), "utf8").split("\n");
  const importAt = (line) => {
    for (let l = line; l >= Math.max(0, line - 2); l--) {
      const m = /__wbg_(\w+?)_[0-9a-f]{8,}/.exec(glueLines[l] || "");
      if (m) return `import ${m[1]}`;
    }
    return "";
  };
  const time = new Map();
  let total = 0;
  const names = new Map();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const frame = node.callFrame;
    // Node's own frames (the loop, idle, the profiler) are not part of a call.
    if (["(idle)", "(program)", "(root)"].includes(frame.functionName) || frame.url.includes("profile.mjs")) return;
    const file = frame.url.split("/").pop();
    const fn = frame.functionName || (file === "node.js" ? importAt(frame.lineNumber) : "");
    const name = `${fn} ${file}`;
    const part = (PARTS.find(([, test]) => test(name)) || [OTHER])[0];
    const dt = profile.timeDeltas[i] || 0;
    if (process.env.DIMONA_PROFILE_NAMES) names.set(`${part.slice(0, 12)} ${name}`, (names.get(`${part.slice(0, 12)} ${name}`) || 0) + dt);
    time.set(part, (time.get(part) || 0) + dt);
    total += dt;
  });
  const parts = [...PARTS.map(([p]) => p), OTHER]
    .map((part) => ({ part, percent: Math.round((1000 * (time.get(part) || 0)) / total) / 10 }))
    .filter((p) => p.percent > 0);
  if (process.env.DIMONA_PROFILE_NAMES) for (const [n, t] of [...names].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.error((t / total * 100).toFixed(1), n.slice(0, 120));
  console.log(JSON.stringify({ benchmark: "profile", perBodyUs: Math.round(perBodyUs * 100) / 100, parts }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
