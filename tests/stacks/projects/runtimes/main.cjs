// CommonJS: `require` of the package (Node 20.19+), `initSync()` reading the file next to it.
const dimona = require("dimona");

dimona.initSync();
import("./src/check.js")
  .then(({ runChecks }) => runChecks(dimona))
  .then((outcome) => console.log(JSON.stringify(outcome)));
