// The package inside a Web Worker.
import * as dimona from "dimona";
import { runChecks } from "./check.js";

runChecks(dimona).then(
  (outcome) => postMessage(outcome),
  (error: unknown) => postMessage({ error: String((error as Error)?.message ?? error) }),
);
