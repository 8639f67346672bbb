/**
 * Every failure of the dimona package is a DimonaError: a real Error whose `kind` tells how far
 * the request got ("invalid", "network", "http", "unauthorized", "notFound", "timeout", "aborted",
 * "decode", "load", "usage"). Messages never contain a token, an SSIN or a name.
 */
export class DimonaError extends Error {
  constructor(kind, message, details) {
    super(text(message));
    this.name = "DimonaError";
    this.kind = kind;
    if (details !== null && typeof details === "object") {
      for (const key of ["status", "problem", "anomalies", "path", "declarationId", "retryAfterMs"]) {
        try {
          if (details[key] !== undefined) this[key] = details[key];
        } catch {
          // A field whose getter throws is left out: the error is still made.
        }
      }
    }
  }
}

// A message as text, whatever it is given: `Error`'s own conversion throws for a Symbol
// (`String()` does not) or an object without a string form ("" then).
function text(message) {
  if (typeof message === "string" || message === undefined) return message;
  try {
    return String(message);
  } catch {
    return "";
  }
}

export function createDimonaError(kind, message, details) {
  return new DimonaError(kind, message, details);
}
