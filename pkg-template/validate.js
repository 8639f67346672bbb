// The package's `validate`: the glue's own export (`src/wasm/validation.rs`) takes the body as a
// value handed to wasm and back to JS, which costs a small body about as much as its rules. This
// one writes the body into the core's input buffer first, then calls in and reads the report
// with numbers only. Same arguments, same reports, never throws.
import {
  __validationInput as inputBuffer,
  __validateInput as validateInput,
  __validateTape as validateTape,
  __validationReport as reportBuffer,
} from "./dimona.js";
import {
  cleanReport,
  isWritingInput,
  takeOversizedInput,
  validationInputCapacity,
  validationTape,
  writeValidationInput,
} from "__DIMONA_INPUT_MODULE__";
import { readReport } from "__DIMONA_REPORT_MODULE__";
import { requireReady } from "./ready.js";

/**
 * Validates a declaration body offline against the rules of the official Dimona glossary.
 * Once `init()` has resolved it never throws: anything may be passed, and the answer is always
 * a report. Before, it throws a DimonaError of kind "load" saying so.
 */
export function validate(body, options) {
  // A `validate` called by a getter of the body being written encodes its own copy.
  const at = isWritingInput() ? 0 : buffer();
  if (at !== 0) {
    let written;
    try {
      written = writeValidationInput(body, options, at, validationInputCapacity());
    } catch (_) {
      // Not expected (the walk reads anything the careful way): the body is then unreadable.
      written = 0;
    }
    if (written >= 0) return report(validateInput(written));
    // Larger than the buffer: validated from the encoding already made.
    const oversized = takeOversizedInput(body);
    if (oversized !== null) return report(validateTape(oversized));
  }
  let tape;
  try {
    tape = validationTape(body, options);
  } catch (_) {
    tape = new Uint8Array(0);
  }
  return report(validateTape(tape));
}

/** The report the core's answer stands for: a kind alone, or an encoding to read. */
function report(answer) {
  if (answer < 0) {
    const kind = -1 - answer;
    return cleanReport(kind === 255 ? -1 : kind);
  }
  return readReport(reportBuffer(), answer);
}

/** The core's input buffer; a DimonaError when the wasm is not there yet (`ready.js`). */
function buffer() {
  requireReady("validate()");
  return inputBuffer();
}
