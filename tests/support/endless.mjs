// An answer that never ends, for the tests of what a client does with one.

/**
 * Answers `res` with a 200 whose JSON never ends: 64 KB chunks of a string for as long as the
 * client reads, with a `Content-Length` of `declared` bytes when given (chunked otherwise).
 * `count(bytes)` is told each chunk written, until the client lets go of the connection.
 */
export function answerEndlessly(res, count, declared) {
  const headers = { "content-type": "application/json" };
  if (declared) headers["content-length"] = String(declared);
  res.writeHead(200, headers);
  res.write('{"id":"');
  const chunk = Buffer.alloc(64 * 1024, "x");
  let open = true;
  res.on("close", () => (open = false));
  const pump = () => {
    while (open) {
      count(chunk.length);
      if (!res.write(chunk)) return res.once("drain", pump);
    }
  };
  pump();
}

/**
 * Whether the client let go: `written()` sampled twice, `ms` apart, after `ms`. Resolves with the
 * bytes written by then, or rejects when they were still growing (the client still reading).
 */
export async function settledBytes(written, ms = 300) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  const first = written();
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (written() !== first) throw new Error(`the answer was still being read: ${first} then ${written()} bytes`);
  return first;
}
