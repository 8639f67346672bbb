// esbuild: its `file` loader copies both wasm files and gives their URLs, passed to init().
import * as dimona from "dimona";
import wasm from "dimona/dimona_bg.wasm";
import simulator from "dimona/sim/dimona_sim_bg.wasm";
import { report, runChecks } from "./check.js";

report(runChecks(dimona, { module_or_path: wasm, simulator }));
