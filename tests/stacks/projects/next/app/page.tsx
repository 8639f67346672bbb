"use client";
// A client component: validates and declares through the simulator in the package, then
// validates through `dimona/validator`.
import { useEffect } from "react";
import * as dimona from "dimona";
import * as validator from "dimona/validator";
import { report, runChecks, runValidatorChecks } from "../src/check.js";

export default function Page() {
  useEffect(
    () => report(runChecks(dimona).then(async (outcome) => ({ ...outcome, validator: await runValidatorChecks(validator) }))),
    [],
  );
  return <main>dimona</main>;
}
