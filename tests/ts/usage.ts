// A TypeScript user of the package's `.d.ts`: must compile under `tsc --noEmit --strict`.
import init, * as dimona from "dimona";
import type { Anomaly, DeclarationBody, ValidationReport } from "dimona";
import initValidator, * as validatorOnly from "dimona/validator";

await init();

const body: DeclarationBody = {
  employer: { enterpriseNumber: "0411702543" },
  worker: { ssin: "65111899997" },
  dimonaIn: {
    startDate: "2025-09-20",
    endDate: "2025-09-21",
    features: { jointCommissionNumber: "XXX", workerType: "OTH" },
  },
};

const report: ValidationReport = dimona.validate(body, { today: "2025-09-01", lang: "fr" });
const codes: string[] = report.anomalies.map((a: Anomaly) => `${a.code} ${a.path} ${a.severity}`);
const valid: boolean = report.valid;

// Anything may be passed to validate (a half-filled form).
dimona.validate({ dimonaIn: {} }, {});

try {
  const built: DeclarationBody = dimona.buildDeclaration(body, { today: "2025-09-01" });
  // The built body is typed down to its worker (never logged: it carries personal data).
  const ssin: string | undefined = built.worker?.ssin;
  void ssin;
} catch (e) {
  if (e instanceof dimona.DimonaError) {
    const kind: dimona.DimonaErrorKind = e.kind;
    console.log(kind, e.anomalies?.length, e.status);
  }
}

const ok: boolean = dimona.isValidSsin("65.11.18-999.97") && dimona.isValidEnterpriseNumber("BE 0411.702.543");
const v: string = dimona.version();
console.log(codes, valid, ok, v);

// @ts-expect-error: v1 field names are not part of the v2 model.
const v1: DeclarationBody = { dimonaOut: { dimonaNumber: 600050201853, endDate: "2025-09-21" } };
console.log(v1);

// Every options argument is optional, as in the README.
dimona.validate(body);
dimona.buildDeclaration(body);
const client = new dimona.DimonaClient();
const simulated = new dimona.DimonaClient({ baseUrl: "sim:" });
async function flows(): Promise<void> {
  const result: dimona.DeclarationResult = await simulated.declare(body);
  const code: "A" | "W" | "B" | "S" | (string & {}) = result.result;
  if (result.result === "S") console.log("not final", result.final);
  const submitted = await client.submit(body);
  await client.waitForResult(submitted.declarationId);
  await client.declareAll([body, body]);
  await client.searchDeclarations({ worker: { ssin: "65111899997" } });
  await client.searchRelations({ worker: { ssin: "65111899997" } });
  await client.listDailyRegistrations({ periodId: 1 });
  // pages() is typed per collection.
  for await (const page of client.pages("periods", { worker: { ssin: "65111899997" } })) {
    const periods: dimona.Period[] = page.items;
    console.log(periods.length);
  }
  for await (const page of client.pages("declarations", { worker: { ssin: "65111899997" } })) {
    const declarations: dimona.Declaration[] = page.items;
    console.log(declarations.length);
  }
  for await (const page of client.pages("dailyRegistrations", { periodId: 1 }, { pageSize: 50 })) {
    const registrations: dimona.DailyRegistration[] = page.items;
    console.log(registrations.length, code);
  }
}
console.log(flows);

// Closed domains are literal unions; the worker types stay open to new RSZ values.
const workerType: dimona.WorkerType = "STU";
const future: dimona.WorkerType = "NEW";
const committee: dimona.JointCommitteeNumber = "322";
// @ts-expect-error: not a joint committee of the Dimona message.
const wrongCommittee: dimona.JointCommitteeNumber = "200";
const kinds: dimona.DimonaErrorKind[] = ["invalid", "network", "http", "unauthorized", "notFound", "timeout", "aborted", "decode", "load", "usage"];
// @ts-expect-error: not an error kind.
const wrongKind: dimona.DimonaErrorKind = "oops";
console.log(workerType, future, committee, wrongCommittee, kinds, wrongKind);

// Loading: the URL or the bytes of each wasm file.
await init({ module_or_path: new URL("https://example.test/dimona_bg.wasm"), simulator: "/assets/dimona_sim_bg.wasm" });
await init({ module_or_path: new Uint8Array(8) });
// How long the wasm may take to arrive.
await init({ timeoutMs: 30_000 });
// @ts-expect-error milliseconds are a number
await init({ timeoutMs: "30s" });
dimona.initSync({ module: new Uint8Array(8) });

// Forms: a Standard Schema v1.
const schema: dimona.StandardSchemaV1<unknown, DeclarationBody> = dimona.declarationSchemaFor({ lang: "nl", today: "2025-09-01" });
const outcome = await schema["~standard"].validate({ dimonaIn: {} });
if (outcome.issues) {
  for (const issue of outcome.issues) console.log(issue.message, issue.path?.join("."));
} else {
  const accepted: DeclarationBody = outcome.value;
  console.log(accepted, dimona.declarationSchema["~standard"].vendor);
}

// The validation alone (`dimona/validator`): the same functions and types, its own `init`.
const light: ValidationReport = validatorOnly.validate(body, { lang: "de" });
const lightValid: boolean = validatorOnly.isValidSsin("65111899997") && validatorOnly.isValidEnterpriseNumber("0411702543");
const lightSchema: dimona.StandardSchemaV1<unknown, DeclarationBody> = validatorOnly.declarationSchema;
await initValidator({ module_or_path: "/assets/dimona_validator_bg.wasm" });
validatorOnly.initSync({ module: new Uint8Array(8) });
try {
  validatorOnly.validate(null);
} catch (e) {
  if (e instanceof validatorOnly.DimonaError) console.log(e.kind satisfies dimona.DimonaErrorKind);
}
// @ts-expect-error: the client is not in the validator's entry.
console.log(validatorOnly.DimonaClient, light, lightValid, lightSchema, validatorOnly.version());
