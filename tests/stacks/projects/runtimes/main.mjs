// Node (ESM), Deno and Bun: import by name, run the checks, then those of `dimona/validator`.
import * as dimona from "dimona";
import * as validator from "dimona/validator";
import { runChecks, runValidatorChecks } from "./src/check.js";

console.log(JSON.stringify({ ...(await runChecks(dimona)), validator: await runValidatorChecks(validator) }));
