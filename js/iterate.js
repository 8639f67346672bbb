// Makes an object with a `next()` returning a Promise of `{ done, value }` usable with
// `for await … of`.
//
// The source (a PageIterator) holds wasm memory and the client's state, which only its `free()`
// gives back: the engine's garbage collector sees a few bytes of JS object and may not collect it
// for a long time, and the wasm memory grows meanwhile (it never shrinks). So the walk frees its
// source as soon as it ends: its last page, a `break` (`return()`), or a page that failed (the
// walk cannot go on from there: its cursor gave the failed request away). After that, `next()`
// answers `{ done: true }`, as a finished iterator does. A `next()` already under way keeps what it
// needs.
export function asyncIterable(source) {
  let open = true;
  const finish = () => {
    if (open) {
      open = false;
      source.free();
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (!open) return Promise.resolve({ done: true, value: undefined });
      return source.next().then(
        (result) => {
          if (result.done) finish();
          return result;
        },
        (error) => {
          finish();
          throw error;
        },
      );
    },
    return() {
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}
