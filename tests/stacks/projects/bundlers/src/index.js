// webpack 5, Rollup and `bun build`: the package as is; the bundler finds or is given the wasm.
import * as dimona from "dimona";
import { report, runChecks } from "./check.js";

report(runChecks(dimona));
