// The simulator behind `baseUrl: "sim:"` is a wasm module of its own (`sim/` in the package), so
// that the main module stays small for everyone who never uses it. The package's `init()` says
// how to import it (Node reads the file, a browser fetches it) and where its wasm is; it is
// loaded the first time a client of the simulator sends a request, and once for all such clients.

let importModule = null;
let source;
let loading = null;

/**
 * Called by the package's `init()`: the function that imports the simulator module, and the
 * simulator's wasm (a URL or the bytes; `undefined` keeps the file next to that module).
 */
export function useSimulator(load, wasm) {
  importModule = load;
  if (wasm !== undefined && wasm !== null) {
    source = wasm;
    loading = null;
  }
}

function load() {
  if (!loading) {
    if (!importModule) {
      return Promise.reject(new Error("dimona: init() was not called"));
    }
    loading = importModule().then(
      (module) => module.load(source),
      (e) => {
        throw new Error(`dimona: the simulator module (sim/index.js of the package) could not be imported: ${e?.message ?? e}`);
      },
    );
    // A failed load (the network down) may succeed on a later request.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** The simulator of one client, created in the simulator module on first use. */
export class LazySimulator {
  /** `config`: the simulator's configuration as JSON text. */
  constructor(config) {
    this.config = config;
    this.faults = null;
    this.sim = null;
    this.freed = false;
  }

  /** Resolves once the simulator exists; rejects when its module or wasm cannot be loaded. */
  async ready() {
    if (this.sim) return;
    const Simulator = await load();
    if (this.sim) return;
    if (this.freed) throw new Error("dimona: the client was freed");
    const sim = new Simulator(this.config);
    if (this.faults !== null) sim.setFaults(this.faults);
    this.sim = sim;
  }

  /**
   * Handles a request (after `ready`): `{ dropped: true }`, or `{ dropped: false, delayMs, status,
   * headers: [name, value, …], body }`.
   */
  handle(now, method, target, body) {
    return JSON.parse(this.sim.handle(now, method, target, body));
  }

  /** Replaces the faults (JSON text), now or as soon as the simulator exists. */
  setFaults(faults) {
    if (this.sim) this.sim.setFaults(faults);
    else this.faults = faults;
  }

  /**
   * Gives the simulator's wasm memory back (the client's state is gone): without this, it would
   * wait for the garbage collector, which does not see it. Nothing is created after it.
   */
  free() {
    this.freed = true;
    this.sim?.free();
    this.sim = null;
  }

  /** The requests received so far (none before the first). */
  requests() {
    return this.sim ? JSON.parse(this.sim.requests()) : [];
  }
}
