"use client";
// A client component: validates and declares through the simulator in the package.
import { useEffect } from "react";
import * as dimona from "dimona";
import { report, runChecks } from "../src/check.js";

export default function Page() {
  useEffect(() => report(runChecks(dimona)), []);
  return <main>dimona</main>;
}
