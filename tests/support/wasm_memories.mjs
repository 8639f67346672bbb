// Which wasm memories a realm makes: the test of a module's memory use needs the memory of a
// module instantiated inside the package (the simulator's, on a `sim:` client's first request).

/**
 * From now on, records the memory of every wasm instance made in this realm, Node's or a page's:
 * `WebAssembly.instantiate`, `instantiateStreaming` and `new WebAssembly.Instance` are wrapped.
 * The memories gather in `globalThis.wasmMemories`; `globalThis.stopRecordingWasm()` puts the
 * originals back. Self-contained, so that it can run in a page too: `page.evaluate(recordWasmMemories)`.
 */
export function recordWasmMemories() {
  const W = WebAssembly;
  const saved = { instantiate: W.instantiate, instantiateStreaming: W.instantiateStreaming, Instance: W.Instance };
  const memories = [];
  const keep = (instance) => {
    const memory = instance?.exports?.memory;
    if (memory instanceof W.Memory && !memories.includes(memory)) memories.push(memory);
    return instance;
  };
  W.instantiateStreaming = async (...args) => {
    const result = await saved.instantiateStreaming.apply(W, args);
    keep(result.instance);
    return result;
  };
  W.instantiate = async (...args) => {
    const result = await saved.instantiate.apply(W, args);
    keep(result instanceof saved.Instance ? result : result.instance);
    return result;
  };
  W.Instance = function Instance(module, imports) {
    return keep(new saved.Instance(module, imports));
  };
  W.Instance.prototype = saved.Instance.prototype;
  globalThis.wasmMemories = memories;
  globalThis.stopRecordingWasm = () => Object.assign(W, saved);
}
