// Where declarations go. The dev server tells the page through `GET /__env`
// (`{mode, baseUrl}`); without a dev server (or with `?env=page`) the page uses the
// simulator in the package (`baseUrl: "sim:"`).

import { DimonaClient } from "/pkg/index.js";

/** Production hosts of the RSZ: anything sent there has legal effect. */
const PRODUCTION_HOST = /(^|\/\/)services\.socialsecurity\.be/;

/**
 * Reads the environment: `{ kind, baseUrl, production, faults }` where `kind` is a label key
 * (`env.sim`, `env.page`, `env.proxySimulation`, `env.proxyProduction`, `env.custom`) and
 * `faults` says how simulator faults are set ("server", "page" or null).
 */
export async function detectEnvironment(search = location.search) {
  if (new URLSearchParams(search).get("env") === "page") return inPage();
  let info;
  try {
    const response = await fetch("/__env", { headers: { Accept: "application/json" } });
    if (!response.ok) return inPage();
    info = await response.json();
  } catch {
    return inPage();
  }
  const baseUrl = typeof info?.baseUrl === "string" && info.baseUrl ? info.baseUrl : "/REST/dimona/v2";
  const mode = String(info?.mode ?? "sim");
  if (mode === "sim" || mode === "simulator") return { kind: "env.sim", baseUrl, production: false, faults: "server" };
  if (baseUrl === "sim:") return inPage();
  const upstream = String(info?.upstream ?? info?.target ?? "");
  const production =
    info?.environment === "production" ||
    PRODUCTION_HOST.test(upstream) ||
    PRODUCTION_HOST.test(baseUrl);
  if (mode === "proxy") {
    if (production) return { kind: "env.proxyProduction", baseUrl, production, faults: null };
    const custom = info?.environment === "custom";
    return { kind: custom ? "env.custom" : "env.proxySimulation", baseUrl, production, faults: null };
  }
  return { kind: "env.custom", baseUrl, production, faults: null };
}

function inPage() {
  return { kind: "env.page", baseUrl: "sim:", production: false, faults: "page" };
}

/** The client for an environment (the in-page simulator gets a seed that differs per load). */
export function clientFor(env) {
  if (env.baseUrl === "sim:") {
    return new DimonaClient({ baseUrl: "sim:", simulator: { seed: Date.now() % 1_000_000 } });
  }
  return new DimonaClient({ baseUrl: env.baseUrl });
}
