// Rollup needs a resolver for packages; the wasm files are copied next to the output (see build).
// The build script copies the main and the simulator's wasm; the validator's is emitted here, as
// the project's install is cached by the hash of its package.json.
import { readFileSync } from "node:fs";
import { nodeResolve } from "@rollup/plugin-node-resolve";

const validatorWasm = {
  name: "validator-wasm",
  generateBundle() {
    this.emitFile({
      type: "asset",
      fileName: "dimona_validator_bg.wasm",
      source: readFileSync("node_modules/dimona/validator/dimona_validator_bg.wasm"),
    });
  },
};

export default {
  input: "src/index.js",
  output: { dir: "dist-rollup", format: "es" },
  plugins: [nodeResolve({ browser: true }), validatorWasm],
};
