// Rollup needs a resolver for packages; the wasm files are copied next to the output (see build).
import { nodeResolve } from "@rollup/plugin-node-resolve";

export default {
  input: "src/index.js",
  output: { dir: "dist-rollup", format: "es" },
  plugins: [nodeResolve({ browser: true })],
};
