// webpack 5, Rollup and `bun build`: the package as is; the bundler finds or is given the wasm.
// The same for `dimona/validator`, whose wasm is a file of its own.
import * as dimona from "dimona";
import * as validator from "dimona/validator";
import { report, runChecks, runValidatorChecks } from "./check.js";

report(runChecks(dimona).then(async (outcome) => ({ ...outcome, validator: await runValidatorChecks(validator) })));
