// The package inside a Web Worker, and `dimona/validator` after it.
import * as dimona from "dimona";
import * as validator from "dimona/validator";
import { runChecks, runValidatorChecks } from "./check.js";

runChecks(dimona)
  .then(async (outcome) => ({ ...outcome, validator: await runValidatorChecks(validator) }))
  .then(
    (outcome) => postMessage(outcome),
    (error: unknown) => postMessage({ error: String((error as Error)?.message ?? error) }),
  );
