// esbuild: its `file` loader copies the wasm files and gives their URLs, passed to init(), and
// the validator's to the `init()` of `dimona/validator`.
import * as dimona from "dimona";
import * as validator from "dimona/validator";
import wasm from "dimona/dimona_bg.wasm";
import simulator from "dimona/sim/dimona_sim_bg.wasm";
import validatorWasm from "dimona/validator/dimona_validator_bg.wasm";
import { report, runChecks, runValidatorChecks } from "./check.js";

report(
  runChecks(dimona, { module_or_path: wasm, simulator }).then(async (outcome) => ({
    ...outcome,
    validator: await runValidatorChecks(validator, { module_or_path: validatorWasm }),
  })),
);
