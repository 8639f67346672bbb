// The main entries' client and body builder, asking first whether the wasm is there (`ready.js`):
// before `init()` has resolved they throw a DimonaError of kind "load" instead of the glue's
// TypeError. And the glue's classes asking whether an object still holds its wasm state: a method
// of a client after its `free()`, of a PageIterator made with `new`, or one called without its
// object gets a DimonaError of kind "usage" instead of the glue's "null pointer passed to rust".
import {
  DimonaClient as GlueDimonaClient,
  PageIterator as GluePageIterator,
  buildDeclaration as glueBuildDeclaration,
} from "./dimona.js";
import { requireReady } from "./ready.js";
import { DimonaError } from "__DIMONA_ERROR_MODULE__";

/** A client of the Dimona REST v2 service (the glue's class, constructed once the wasm is there). */
export class DimonaClient extends GlueDimonaClient {
  constructor(options) {
    requireReady("new DimonaClient()");
    super(options);
  }
}
// The bundle holds the glue's class of the same name, so the bundler renames one of the two:
// the name a console or a stack shows stays the documented one.
Object.defineProperty(DimonaClient, "name", { value: "DimonaClient" });

/** Validates and normalises a body into exactly what is sent; throws a DimonaError otherwise. */
export function buildDeclaration(body, options) {
  requireReady("buildDeclaration()");
  return glueBuildDeclaration(body, options);
}

// The methods that answer with a Promise: called on an object without its wasm state, they
// reject (a caller awaiting them catches it) instead of throwing. `tests/node/boundary.test.mjs`
// checks this table against the types' `Promise<…>` returns.
const ASYNC_METHODS = {
  DimonaClient: [
    "declare",
    "declareAll",
    "submit",
    "waitForResult",
    "getDeclaration",
    "getDailyRegistration",
    "getPeriod",
    "listDailyRegistrations",
    "searchDeclarations",
    "searchPeriods",
    "searchRelations",
  ],
  PageIterator: ["next"],
};

/** Whether `self` is an object of `Class` that still holds its wasm state (not freed). */
const holdsState = (self, Class) => self instanceof Class && typeof self.__wbg_ptr === "number" && self.__wbg_ptr !== 0;

function usageError(className, member) {
  const what = member.endsWith("()") ? `${member} was called` : `${member} was read`;
  return new DimonaError(
    "usage",
    `dimona: ${className}.${what} on an object that holds no client state: ` +
      (className === "PageIterator"
        ? "iterate what client.pages() returns, before free()"
        : "it was freed (free(), or the end of a `using` block) or not made by new DimonaClient()"),
  );
}

/**
 * Wraps each method and getter of a glue class so that it first checks its object; `free()` of an
 * object already freed does nothing, as `Symbol.dispose` expects.
 */
function guardMembers(Class, className) {
  const asynchronous = new Set(ASYNC_METHODS[className]);
  const proto = Class.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === "constructor" || key.startsWith("__")) continue;
    const { value, get } = Object.getOwnPropertyDescriptor(proto, key);
    if (typeof value === "function") {
      const wrapped =
        key === "free"
          ? function () {
              if (holdsState(this, Class)) value.call(this);
            }
          : asynchronous.has(key)
            ? function (...args) {
                return holdsState(this, Class) ? value.apply(this, args) : Promise.reject(usageError(className, `${key}()`));
              }
            : function (...args) {
                if (!holdsState(this, Class)) throw usageError(className, `${key}()`);
                return value.apply(this, args);
              };
      Object.defineProperty(wrapped, "name", { value: key });
      Object.defineProperty(proto, key, { value: wrapped, writable: true, configurable: true, enumerable: false });
    } else if (typeof get === "function") {
      Object.defineProperty(proto, key, {
        get() {
          if (!holdsState(this, Class)) throw usageError(className, key);
          return get.call(this);
        },
        configurable: true,
        enumerable: false,
      });
    }
  }
  if (Symbol.dispose) proto[Symbol.dispose] = proto.free;
}
guardMembers(GlueDimonaClient, "DimonaClient");
guardMembers(GluePageIterator, "PageIterator");
