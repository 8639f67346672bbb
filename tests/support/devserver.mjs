// Starts the real dev server on a free loopback port and returns its URL.
import { spawn } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function devserverPath() {
  return process.env.DIMONA_DEVSERVER || join(root, "target", "debug", "dimona-devserver");
}

/** Starts `dimona-devserver --port 0 …args`; resolves `{ url, stop, output }` once it prints its URL. */
export async function startDevserver(args = []) {
  const child = spawn(devserverPath(), ["--port", "0", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const output = [];
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("dev server did not print its URL within 30 s")), 30_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      const m = /(http:\/\/[^\s]+\/)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => output.push(chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dev server exited with ${code}: ${output.join("")}`));
    });
  });
  child.stdout.on("data", (chunk) => output.push(chunk.toString()));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url: url.replace(/\/$/, ""), stop, output };
}
