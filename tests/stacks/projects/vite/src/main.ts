// Vite, default settings: the checks on the page, then the same inside a Web Worker; in both,
// those of `dimona/validator` after the main entry's.
import * as dimona from "dimona";
import * as validator from "dimona/validator";
import { report, runChecks, runValidatorChecks } from "./check.js";

async function both() {
  const page = { ...(await runChecks(dimona)), validator: await runValidatorChecks(validator) };
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  const inWorker = await new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data));
    worker.onerror = (event: ErrorEvent) => reject(new Error(`worker: ${event.message}`));
  });
  return { page, worker: inWorker };
}

report(both());
