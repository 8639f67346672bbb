// A real form library: react-hook-form's Standard Schema resolver with the package's schema.
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import init, { declarationSchema, declarationSchemaFor } from "dimona";
import { declarationBody } from "./src/check.js";

await init();
const options = { fields: {}, shouldUseNativeValidation: false };
const body = declarationBody();
const valid = await standardSchemaResolver(declarationSchema)(body, undefined, options);
const invalid = await standardSchemaResolver(declarationSchemaFor({ lang: "fr" }))(
  { ...body, worker: { ssin: "65111899998" } },
  undefined,
  options,
);
console.log(
  JSON.stringify({
    validErrors: Object.keys(valid.errors),
    validValues: valid.values === body || JSON.stringify(valid.values) === JSON.stringify(body),
    invalidMessage: invalid.errors?.worker?.ssin?.message ?? null,
  }),
);
