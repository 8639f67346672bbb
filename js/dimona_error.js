/**
 * Every failure of the dimona package is a DimonaError: a real Error whose `kind` tells how far
 * the request got ("invalid", "network", "http", "unauthorized", "notFound", "timeout", "aborted",
 * "decode"). Messages never contain a token, an SSIN or a name.
 */
export class DimonaError extends Error {
  constructor(kind, message, details) {
    super(message);
    this.name = "DimonaError";
    this.kind = kind;
    if (details !== null && typeof details === "object") {
      for (const key of ["status", "problem", "anomalies", "path", "declarationId", "retryAfterMs"]) {
        if (details[key] !== undefined) this[key] = details[key];
      }
    }
  }
}

export function createDimonaError(kind, message, details) {
  return new DimonaError(kind, message, details);
}
