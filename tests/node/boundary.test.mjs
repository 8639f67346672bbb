// Any JS value, at every export: the answer is a report, a boolean, a value or a DimonaError,
// never another exception, a trap, a hang; and the instance keeps working with bounded memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, * as dimona from "dimona";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const wasm = await init();
const { DimonaClient, DimonaError } = dimona;

// A deterministic generator: the same values on every run.
let seed = 0x2545f491;
const rnd = (n) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};

const cyclic = () => {
  const o = { employer: {}, worker: {} };
  o.employer.self = o;
  o.dimonaIn = o;
  return o;
};
const throwingGetter = () => ({
  get employer() {
    throw new Error("getter");
  },
  worker: { ssin: "65111899997" },
});
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error("proxy get");
      },
      ownKeys() {
        throw new Error("proxy keys");
      },
      getOwnPropertyDescriptor() {
        throw new Error("proxy descriptor");
      },
    },
  );
const deep = (n) => {
  let v = {};
  for (let i = 0; i < n; i++) v = { dimonaIn: v, list: [v] };
  return v;
};
const deepArray = (n) => {
  let v = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

const atoms = [
  () => undefined,
  () => null,
  () => true,
  () => 0,
  () => -0,
  () => NaN,
  () => Infinity,
  () => 1e308,
  () => -1,
  () => 3.5,
  () => 10n ** 30n,
  () => Symbol("s"),
  () => "",
  () => "65111899997",
  () => "\u{1F600}\uD800 lone surrogate",
  () => "x".repeat(1 + rnd(200_000)),
  () => new Uint8Array(1 + rnd(100_000)),
  () => new ArrayBuffer(64),
  () => new Date(NaN),
  () => new Map([["a", 1]]),
  () => new Set([1]),
  () => Promise.resolve(1),
  () => new Error("boom"),
  () => () => 1,
  () => Object.create(null),
  () => ({ toJSON() {
    throw new Error("toJSON");
  } }),
  () => ({ __proto__: { employer: 1 }, ["__proto__"]: 2 }),
  () => Object.freeze({ dimonaIn: Object.freeze({}) }),
  cyclic,
  throwingGetter,
  throwingProxy,
  () => deep(1 + rnd(3_000)),
  () => deepArray(1 + rnd(3_000)),
  () => ({ employer: { enterpriseNumber: 411702543 }, worker: { ssin: 65111899997n }, dimonaIn: [] }),
  () => ({ employer: null, worker: "x", dimonaIn: { startDate: {}, features: [] } }),
  () => ({ today: "2026-02-30", lang: Symbol("l") }),
  () => ({ today: 5, lang: "xx" }),
  () => ({ signal: {}, onProgress: 5, onSubmitted: "f", concurrency: -1 }),
  () => ({ baseUrl: "sim:", pollPlan: { segments: "x" } }),
  () => ({ baseUrl: 5, accessToken: () => 5 }),
  () => ({ environment: "nowhere" }),
  () => ({ page: -1, pageSize: 1e9, sort: "__proto__" }),
];
const randomValue = () => {
  const v = atoms[rnd(atoms.length)]();
  // Sometimes wrap a value where a body part is expected.
  switch (rnd(4)) {
    case 0:
      return { employer: v, worker: { ssin: v }, dimonaIn: { startDate: v, features: v } };
    case 1:
      return [v, v];
    default:
      return v;
  }
};

const isDimonaError = (e) => e instanceof DimonaError && typeof e.kind === "string" && typeof e.message === "string";

function expectReportOrDimonaError(name, f) {
  try {
    return f();
  } catch (e) {
    assert.ok(isDimonaError(e), `${name} threw something other than a DimonaError: ${e?.constructor?.name}: ${e?.message}`);
    assert.ok(!/65111899997/.test(e.message), `${name}: the error echoes an SSIN`);
  }
}

async function expectSettlesWithDimonaError(name, promise) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not settle within 10 s`)), 10_000);
  });
  try {
    await Promise.race([promise, hang]);
  } catch (e) {
    if (e?.message?.endsWith("did not settle within 10 s")) throw e;
    assert.ok(isDimonaError(e), `${name} rejected with something other than a DimonaError: ${e?.constructor?.name}: ${e?.message}`);
  } finally {
    clearTimeout(timer);
  }
}

const validBody = {
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: "65111899997" },
  dimonaIn: { startDate: "2026-12-01", features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
};

function stillWorks() {
  assert.equal(typeof dimona.version(), "string");
  assert.equal(dimona.isValidSsin("65111899997"), true);
  const report = dimona.validate(validBody, { today: "2026-11-30" });
  assert.equal(typeof report.valid, "boolean");
}

test("pure exports: 1000 random pairs each, then the instance still works", () => {
  for (let i = 0; i < 1000; i++) {
    const a = randomValue();
    const b = randomValue();
    const report = expectReportOrDimonaError("validate", () => dimona.validate(a, b));
    if (report !== undefined) {
      assert.equal(typeof report.valid, "boolean");
      assert.ok(Array.isArray(report.anomalies));
    }
    expectReportOrDimonaError("buildDeclaration", () => dimona.buildDeclaration(a, b));
    const s = expectReportOrDimonaError("isValidSsin", () => dimona.isValidSsin(a));
    if (s !== undefined) assert.equal(typeof s, "boolean");
    const e = expectReportOrDimonaError("isValidEnterpriseNumber", () => dimona.isValidEnterpriseNumber(a));
    if (e !== undefined) assert.equal(typeof e, "boolean");
    const schema = dimona.declarationSchemaFor(a)["~standard"];
    const outcome = schema.validate(b);
    assert.ok(Array.isArray(outcome.issues) || "value" in outcome, "declarationSchemaFor(…).validate");
    // The error class itself, given anything, makes an error (as `Error` would, without its TypeError
    // for a Symbol or an object that has no string form).
    const error = new DimonaError(a, b, randomValue());
    assert.ok(error instanceof Error && typeof error.message === "string");
  }
  stillWorks();
});

test("validate without arguments and with too many", () => {
  expectReportOrDimonaError("validate()", () => dimona.validate());
  expectReportOrDimonaError("validate(a,b,c)", () => dimona.validate(validBody, {}, 1, 2));
  expectReportOrDimonaError("buildDeclaration()", () => dimona.buildDeclaration());
  stillWorks();
});

test("the client: random constructor options and random arguments to every method", async () => {
  const nonIdAtoms = () => {
    // Ids that could be real are left out of the polling methods: they would poll for minutes.
    let v;
    do v = randomValue();
    while ((typeof v === "number" && Number.isInteger(v) && v > 0) || (typeof v === "string" && /^\d+$/.test(v)));
    return v;
  };
  for (let i = 0; i < 300; i++) {
    const options = randomValue();
    const client = expectReportOrDimonaError("new DimonaClient", () => new DimonaClient(options));
    if (client !== undefined) client.free?.();
  }
  const client = new DimonaClient({ baseUrl: "sim:" });
  const aborted = AbortSignal.abort();
  for (let i = 0; i < 200; i++) {
    const a = randomValue();
    const b = randomValue();
    await expectSettlesWithDimonaError("submit", expectAsync(() => client.submit(a)));
    await expectSettlesWithDimonaError("getDeclaration", expectAsync(() => client.getDeclaration(nonIdAtoms())));
    await expectSettlesWithDimonaError(
      "waitForResult",
      expectAsync(() => client.waitForResult(nonIdAtoms(), { signal: aborted })),
    );
    await expectSettlesWithDimonaError("declare", expectAsync(() => client.declare(a, { signal: aborted })));
    await expectSettlesWithDimonaError("declareAll", expectAsync(() => client.declareAll(a, { signal: aborted })));
    await expectSettlesWithDimonaError("searchDeclarations", expectAsync(() => client.searchDeclarations(a, b)));
    await expectSettlesWithDimonaError("searchPeriods", expectAsync(() => client.searchPeriods(a, b)));
    await expectSettlesWithDimonaError("searchRelations", expectAsync(() => client.searchRelations(a, b)));
    await expectSettlesWithDimonaError("listDailyRegistrations", expectAsync(() => client.listDailyRegistrations(a, b)));
    await expectSettlesWithDimonaError("getPeriod", expectAsync(() => client.getPeriod(nonIdAtoms())));
    await expectSettlesWithDimonaError("getDailyRegistration", expectAsync(() => client.getDailyRegistration(nonIdAtoms())));
    expectReportOrDimonaError("setSimulatorFaults", () => client.setSimulatorFaults(a));
  }
  client.setSimulatorFaults({});
  stillWorks();
});

// A method may throw synchronously or return a promise; both must end in a DimonaError.
function expectAsync(f) {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

// Each member of the package's classes, on objects that hold no client state: a freed client,
// a PageIterator made with `new`, the prototype itself, a plain object, no object at all. The
// methods the types declare as returning a Promise must reject, the others throw; each with a
// DimonaError of kind "usage", never the glue's "null pointer passed to rust".
test("the classes' members on objects without client state: kind usage, async ones reject", async () => {
  const types = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg", "dimona.d.ts"), "utf8");
  const classBody = (name) => types.slice(types.indexOf(`export class ${name} {`), types.indexOf("\n}\n", types.indexOf(`export class ${name} {`)));
  const returnsPromise = (name, key) => new RegExp(`^\\s+${key}\\([^\\n]*\\): Promise<`, "m").test(classBody(name));
  const freed = new DimonaClient({ baseUrl: "sim:" });
  freed.free();
  freed.free(); // a second free() does nothing
  const cases = {
    DimonaClient: [freed, DimonaClient.prototype, {}, undefined],
    PageIterator: [new dimona.PageIterator(), dimona.PageIterator.prototype, {}, undefined],
  };
  // The glue's prototypes, where the members are (the exported DimonaClient extends the glue's).
  const glueProtos = { DimonaClient: Object.getPrototypeOf(DimonaClient.prototype), PageIterator: dimona.PageIterator.prototype };
  assert.ok(returnsPromise("DimonaClient", "declare") && returnsPromise("PageIterator", "next") && !returnsPromise("DimonaClient", "pages"));
  let checked = 0;
  for (const [name, selves] of Object.entries(cases)) {
    const proto = glueProtos[name];
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor" || key.startsWith("__")) continue;
      const { value, get } = Object.getOwnPropertyDescriptor(proto, key);
      for (const self of selves) {
        const label = `${name}.${key} on ${self === undefined ? "undefined" : Object.getPrototypeOf(self) === Object.prototype ? "{}" : "a stateless object"}`;
        if (key === "free") {
          assert.equal(value.call(self), undefined, label);
          continue;
        }
        let outcome;
        try {
          outcome = get ? get.call(self) : value.call(self, { worker: { ssin: "65111899997" } });
        } catch (e) {
          assert.ok(get || !returnsPromise(name, key), `${label}: threw although it returns a Promise`);
          assert.ok(isDimonaError(e) && e.kind === "usage", `${label}: ${e}`);
          assert.match(e.message, new RegExp(`${name}\\.${key}`), label);
          checked++;
          continue;
        }
        assert.ok(outcome instanceof Promise && returnsPromise(name, key), `${label}: neither threw nor is an async method`);
        await assert.rejects(outcome, (e) => isDimonaError(e) && e.kind === "usage", label);
        checked++;
      }
    }
  }
  assert.ok(checked > 50, `${checked} calls checked`);
  assert.equal(DimonaClient.prototype[Symbol.dispose], Object.getPrototypeOf(DimonaClient.prototype).free);
  stillWorks();
});

test("memory stays bounded over repeated bad input", () => {
  const big = { employer: { enterpriseNumber: "x".repeat(200_000) }, worker: cyclic(), dimonaIn: deep(8) };
  for (let i = 0; i < 50; i++) {
    dimona.validate(big, { lang: "fr" });
    expectReportOrDimonaError("buildDeclaration", () => dimona.buildDeclaration(big));
  }
  const after = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 500; i++) {
    dimona.validate(big, { lang: "fr" });
    expectReportOrDimonaError("buildDeclaration", () => dimona.buildDeclaration(big));
  }
  const later = wasm.memory.buffer.byteLength;
  assert.ok(later <= after + 4 * 1024 * 1024, `wasm memory grew from ${after} to ${later} bytes`);
  stillWorks();
});
