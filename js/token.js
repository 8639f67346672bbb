// Asks the `accessToken` function for a token, bounded: a promise that never settles must not
// hold a request, and its caller, for ever. Resolves with what the function gave (a plain value
// or what its promise or thenable settles with); rejects with the index of why not in the
// binding's table (`src/wasm/token.rs`): 0 it threw, 1 its promise rejected, 2 no answer within
// `ms`, 3 `signal` aborted.
export function askToken(fn, ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(3);
    const onAbort = () => end(reject, 3);
    const timer = setTimeout(() => end(reject, 2), ms);
    function end(settle, value) {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle(value);
    }
    signal?.addEventListener("abort", onAbort);
    let answer;
    try {
      answer = fn();
    } catch {
      return end(reject, 0);
    }
    Promise.resolve(answer).then(
      (value) => end(resolve, value),
      () => end(reject, 1),
    );
  });
}
