// What every stack checks with the packed package: a valid and an invalid `validate`, and a
// `declare` through the simulator in the package (`baseUrl: "sim:"`), and the client's method after
// its `free()`; then the same two
// `validate` calls through `dimona/validator`, which loads a wasm file of its own.

const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A Dimona In three days from now, valid for the glossary's rules. */
export function declarationBody() {
  return {
    employer: { enterpriseNumber: "0411702543" },
    worker: { ssin: "65111899997" },
    dimonaIn: { startDate: day(3), endDate: day(10), features: { jointCommissionNumber: "XXX", workerType: "OTH" } },
  };
}

/** `dimona`: the package's module namespace; `initOptions`: what this stack passes to `init()`. */
export async function runChecks(dimona, initOptions) {
  await dimona.default(initOptions);
  const body = declarationBody();
  const valid = dimona.validate(body);
  const invalid = dimona.validate({ ...body, worker: { ssin: "65111899998" } });
  const client = new dimona.DimonaClient({ baseUrl: "sim:" });
  const result = await client.declare(body);
  // The package's guard of its classes survives the stack's bundling: a freed client's method
  // rejects with kind "usage".
  client.free();
  const afterFree = await client.getPeriod(1).then(
    () => "resolved",
    (e) => (e instanceof dimona.DimonaError ? e.kind : `not a DimonaError: ${e}`),
  );
  return {
    valid: valid.valid,
    invalid: invalid.valid,
    code: invalid.anomalies.find((a) => a.severity === "B")?.code ?? null,
    result: result.result,
    afterFree,
  };
}

/** `validator`: the `dimona/validator` module namespace; `initOptions`: what this stack passes to its `init()`. */
export async function runValidatorChecks(validator, initOptions) {
  await validator.default(initOptions);
  const body = declarationBody();
  const valid = validator.validate(body);
  const invalid = validator.validate({ ...body, worker: { ssin: "65111899998" } });
  return {
    valid: valid.valid,
    invalid: invalid.valid,
    code: invalid.anomalies.find((a) => a.severity === "B")?.code ?? null,
  };
}

/** In a page: the outcome as `data-result` (JSON) or `data-error` on `<body>`, for the test to read. */
export function report(promise) {
  promise.then(
    (outcome) => document.body.setAttribute("data-result", JSON.stringify(outcome)),
    (error) => document.body.setAttribute("data-error", String(error?.message ?? error)),
  );
}
