// Makes an object with a `next()` returning a Promise of `{ done, value }` usable with
// `for await … of`.
export function asyncIterable(source) {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      return source.next();
    },
    return() {
      source.close();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}
