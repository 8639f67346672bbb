// Vite, default settings: the checks on the page, then the same inside a Web Worker.
import * as dimona from "dimona";
import { report, runChecks } from "./check.js";

async function both() {
  const page = await runChecks(dimona);
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  const inWorker = await new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data));
    worker.onerror = (event: ErrorEvent) => reject(new Error(`worker: ${event.message}`));
  });
  return { page, worker: inWorker };
}

report(both());
