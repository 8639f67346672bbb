// A TypeScript user of the package's `.d.ts`: must compile under `tsc --noEmit --strict`.
import init, * as dimona from "dimona";
import type { Anomaly, DeclarationBody, ValidationReport } from "dimona";

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
  console.log(built.worker?.ssin);
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
