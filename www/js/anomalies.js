// RSZ anomalies in the chosen language: the page's table (codes.js) for a known errorId,
// the RSZ's own Dutch and French labels kept beside it, so the clerk can quote them.

import { h } from "./dom.js";
import { lang, pickLabel, t } from "./i18n.js";
import { rszAnomalyText } from "./codes.js";

/** The RSZ's nl/fr labels as one line ("nl: … · fr: …"), or "". */
function rszLabels(label) {
  if (!label || typeof label !== "object") return "";
  return ["nl", "fr", "de", "en"]
    .filter((l) => typeof label[l] === "string" && label[l].trim())
    .map((l) => `${l}: ${label[l]}`)
    .join(" · ");
}

/** One RSZ anomaly (`{ errorId, label }`) as a list item. */
export function anomalyView(anomaly, tag = "li") {
  const code = String(anomaly?.errorId ?? "");
  const label = anomaly?.label;
  const text = rszAnomalyText(code, lang()) ?? (typeof label?.[lang()] === "string" ? label[lang()] : null) ?? pickLabel(label);
  const own = rszLabels(label);
  return h(
    tag,
    { class: "rsz-anomaly", "data-code": code },
    h("code", { class: "code", text: code }),
    " ",
    h("span", { class: "message", text: text || t("anomaly.noLabel") }),
    own ? h("span", { class: "rsz-label", text: ` (${t("anomaly.rszSays")} ${own})` }) : null,
  );
}
