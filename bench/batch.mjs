// 1,000 declarations through the dev server's simulator over loopback from Node, with the
// library's bounded concurrency: wall time against the slowest processing time, peak requests per
// second, memory, and lost / duplicated / schedule violations.
import init, { DimonaClient } from "dimona";
import { startDevserver } from "../tests/support/devserver.mjs";
import { workers } from "../tests/support/workers.mjs";
import { simOutcome } from "../tests/support/simreport.mjs";

const wasm = await init();
const N = 1000;
const CONCURRENCY = 64;
const server = await startDevserver(["--seed", "3"]);
try {
  // The RSZ answers S for a worker without SSIN until Sigedis identifies them; the simulator's
  // default keeps S past the 20-minute window. One minute here keeps the batch about throughput.
  await fetch(`${server.url}/__sim/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ sDelaySeconds: 60 }) });
  const people = workers(N);
  const client = new DimonaClient({ baseUrl: `${server.url}/REST/dimona/v2` });
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const results = await client.declareAll(people.map((p) => p.body), { concurrency: CONCURRENCY });
  const wallMs = performance.now() - t0;
  clearInterval(sampler);

  const outcome = await simOutcome(server.url, results);
  const processing = outcome.report.declarations.map((d) => d.dueAt - d.acknowledgedAt);
  const perSecond = new Map();
  for (const r of outcome.requests) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
  console.log(
    JSON.stringify({
      benchmark: "batch",
      declarations: N,
      concurrency: CONCURRENCY,
      completed: results.filter((r) => r.ok).length,
      wallMs: Math.round(wallMs),
      slowestProcessingMs: Math.max(...processing),
      requests: outcome.requests.length,
      getsPerDeclaration: Math.round((outcome.requests.filter((r) => r.method === "GET").length / N) * 100) / 100,
      peakRequestsPerSecond: Math.max(...perSecond.values()),
      rssMb: Math.round(rssPeak / 1e6),
      rssGrowthMb: Math.round((rssPeak - rssBefore) / 1e6),
      wasmMemoryMb: Math.round(wasm.memory.buffer.byteLength / 1e6),
      lost: outcome.lost,
      duplicates: outcome.duplicated,
      scheduleViolations: outcome.strictViolations.length,
    }),
  );
} finally {
  await server.stop();
}
