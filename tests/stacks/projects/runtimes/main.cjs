// CommonJS: `require` of the package and of `dimona/validator` (Node 20.19+), `initSync()`
// reading the file next to each.
const dimona = require("dimona");
const validator = require("dimona/validator");

dimona.initSync();
validator.initSync();
import("./src/check.js")
  .then(async ({ runChecks, runValidatorChecks }) => ({
    ...(await runChecks(dimona)),
    validator: await runValidatorChecks(validator),
  }))
  .then((outcome) => console.log(JSON.stringify(outcome)));
