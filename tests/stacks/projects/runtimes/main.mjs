// Node (ESM), Deno and Bun: import by name, run the checks.
import * as dimona from "dimona";
import { runChecks } from "./src/check.js";

console.log(JSON.stringify(await runChecks(dimona)));
