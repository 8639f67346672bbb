// Forms: the package's validation as a Standard Schema v1 (https://standardschema.dev), so that
// any form library that accepts one (react-hook-form's resolvers, TanStack Form, Conform, …)
// validates a declaration without an adapter per library. Blocking anomalies are the issues;
// warnings never block a form.
import { validate } from "./validate.js";

/** "dimonaIn.features.workerType" → ["dimonaIn", "features", "workerType"]; "a[0].b" → ["a", 0, "b"]. */
function keys(path) {
  if (typeof path !== "string" || path === "") return undefined;
  const out = [];
  for (const part of path.split(".")) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    if (match[1] !== "") out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** `options[key]` when it is a string; an option that cannot be read (a throwing getter) is left out. */
function stringOption(options, key) {
  try {
    const value = options?.[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Standard Schema of a declaration body, with messages in `lang` (default "en") and the date
 * rules relative to `today` (YYYY-MM-DD; default: the day of each validation).
 */
export function declarationSchemaFor(options) {
  const lang = stringOption(options, "lang");
  const today = stringOption(options, "today");
  return Object.freeze({
    "~standard": Object.freeze({
      version: 1,
      vendor: "dimona",
      validate(value) {
        const report = validate(value, { lang, today });
        const issues = [];
        for (const anomaly of report.anomalies) {
          if (anomaly.severity !== "B") continue;
          const path = keys(anomaly.path);
          issues.push(path ? { message: anomaly.message, path } : { message: anomaly.message });
        }
        return issues.length > 0 ? { issues } : { value };
      },
    }),
  });
}

/** The Standard Schema of a declaration body, messages in English, dates relative to each day. */
export const declarationSchema = declarationSchemaFor();
