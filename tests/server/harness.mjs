// One test file, three runtimes: `test` registers with Node's test runner, `deno test` or
// `bun test`, and `serve` starts a loopback HTTP server with the runtime's own server API
// (node:http through a small fetch adapter, Deno.serve, Bun.serve).

export const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";

const register = runtime === "deno"
  ? (name, fn) => globalThis.Deno.test(name, fn)
  : runtime === "bun"
    ? (await import("bun:test")).test
    : (await import("node:test")).test;

/** Registers an async test. */
export function test(name, fn) {
  register(name, fn);
}

/**
 * Serves `handler` (`(Request) => Response | Promise<Response>`) on 127.0.0.1, a free port.
 * Resolves `{ url, close }` (`url` without trailing slash).
 */
export async function serve(handler) {
  if (runtime === "deno") {
    const server = globalThis.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  }
  if (runtime === "bun") {
    const server = globalThis.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler });
    return { url: `http://127.0.0.1:${server.port}`, close: async () => server.stop(true) };
  }
  return serveNode(handler);
}

async function serveNode(handler) {
  const http = await import("node:http");
  const { Readable } = await import("node:stream");
  const sockets = new Set();
  const server = http.createServer(async (req, res) => {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(new URL(req.url, `http://${server.address().address}:${server.address().port}`), {
        method: req.method,
        headers,
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: "half",
      });
      const response = await handler(request);
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, [...response.headers, ["content-length", String(body.length)]].flat());
      res.end(body);
    } catch {
      res.destroy();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Sends raw bytes to `url`'s host (no client-side URL normalisation, so path tricks reach the
 * server as written) and resolves the answer's status (0 when the server closed without one)
 * and text, as soon as the whole answer (per Content-Length) is in, even if the request's own
 * body was never finished.
 */
export async function raw(url, text) {
  const net = await import("node:net");
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let out = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status: Number(out.split(" ")[1]) || 0, text: out });
    };
    socket.on("data", (d) => {
      out += d.toString("latin1");
      const end = out.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *([0-9]+)/i.exec(out);
      if (end >= 0 && length && out.length >= end + 4 + Number(length[1])) finish();
    });
    socket.on("error", finish);
    socket.on("close", finish);
    socket.write(text);
  });
}
