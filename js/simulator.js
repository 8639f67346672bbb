// The simulator behind `baseUrl: "sim:"` is a wasm module of its own (`sim/` in the package), so
// that the main module stays small for everyone who never uses it. The package's entry points
// register how to import it (Node reads the file, a browser fetches it); it is imported the first
// time a client of the simulator sends a request, and once for all such clients.

let importModule = null;
let loading = null;

/** Registers the function that imports the simulator module (the package's entries call it). */
export function useSimulatorModule(load) {
  importModule = load;
}

function load() {
  if (!loading) {
    if (!importModule) {
      return Promise.reject(new Error("dimona: the simulator module was not registered"));
    }
    loading = importModule();
    // A failed import (a network error in a browser) may succeed on a later request.
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
  }

  /** Resolves once the simulator exists; rejects when its module cannot be imported. */
  async ready() {
    if (this.sim) return;
    const module = await load();
    if (this.sim) return;
    const sim = new module.Simulator(this.config);
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

  /** The requests received so far (none before the first). */
  requests() {
    return this.sim ? JSON.parse(this.sim.requests()) : [];
  }
}
