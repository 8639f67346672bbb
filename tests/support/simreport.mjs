// What the dev server's simulator says about a batch: how many declarations it stored, how many
// it stored twice, how many the caller never heard of, and whose status calls came too early.

/** Reads `/__sim/report` and `/__sim/requests` and sets them against `declareAll`'s results. */
export async function simOutcome(serverUrl, results) {
  const report = await (await fetch(`${serverUrl}/__sim/report`)).json();
  const requests = await allRequests(serverUrl);
  const copies = new Map();
  for (const d of report.declarations) copies.set(d.fingerprint, (copies.get(d.fingerprint) ?? 0) + 1);
  const reported = new Set(results.map((r) => r.declarationId).filter(Boolean));
  const pollsOf = (d) =>
    requests.filter((r) => r.method === "GET" && r.path.startsWith(`/declarations/${d.id}`)).map((r) => r.at - d.acknowledgedAt);
  return {
    report,
    requests,
    stored: report.declarations.length,
    byId: new Map(report.declarations.map((d) => [d.id, d])),
    duplicated: [...copies.values()].filter((c) => c > 1).length,
    // Lost: stored by the simulator but neither completed nor reported with its id.
    lost: report.declarations.filter((d) => !reported.has(d.id)).length,
    // The simulator checks arrival times to the millisecond.
    strictViolations: report.declarations.filter((d) => !d.scheduleKept),
    /** Declarations whose status calls break the RSZ's schedule by more than `toleranceMs`. */
    violations: (toleranceMs) => report.declarations.filter((d) => !keepsSchedule(pollsOf(d), toleranceMs)).length,
    pollsOf,
  };
}

/** The whole request log: `/__sim/requests` answers 1,000 at a time, `?from=N` pages from request number N. */
async function allRequests(serverUrl) {
  const all = [];
  for (let from = 0; ; ) {
    const page = await (await fetch(`${serverUrl}/__sim/requests?from=${from}`)).json();
    all.push(...page);
    if (page.length < 1000) return all;
    from = page.at(-1).n + 1;
  }
}

/** The RSZ's maximum frequency (no call in the first 2 s, then 1 per second up to 30 s, then 1
 * per minute), with `tolerance` ms of network queueing allowed on each gap. */
function keepsSchedule(polls, tolerance) {
  for (let i = 0; i < polls.length; i++) {
    const at = polls[i];
    if (at < 2000 - tolerance) return false;
    if (i === 0) continue;
    const gap = at - polls[i - 1];
    const min = at <= 30_000 ? 1000 : 60_000;
    if (gap < min - tolerance) return false;
  }
  return true;
}
