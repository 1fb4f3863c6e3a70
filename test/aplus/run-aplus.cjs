// Runs the official Promises/A+ compliance suite (promises-aplus-tests) against the built
// package through one adapter: `node run-aplus.cjs <adapter> [jquery]`, the adapter being one of
// jQuery's two (deferred, when) or one of the raw-value adapters below (when-raw,
// when-raw-multi). The optional second argument selects jQuery's setTimeout timing. Exits
// non-zero on failure.
"use strict";
const promisesAplusTests = require("promises-aplus-tests");
const { Deferred, when, setScheduler } = require("../../dist/index.cjs");

const [adapterName, timing] = process.argv.slice(2);
if (timing === "jquery") setScheduler("jquery");

const adapters = {
  // The deferred's own promise; resolve/reject called as plain functions (no `this`).
  deferred() {
    const d = Deferred();
    return { promise: d.promise(), resolve: d.resolve.bind(d), reject: d.reject.bind(d) };
  },
  // A promise produced by when() over a pending deferred.
  when() {
    const d = Deferred();
    return { promise: when(d), resolve: d.resolve.bind(d), reject: d.reject.bind(d) };
  },
};

/**
 * The raw-value adapters: `when` adopts every value the suite produces, as it comes.
 *
 * jQuery's "when" adapter only ever gives `when` one of our own deferreds, so the suite's hostile
 * thenables (2.3.3: `then` getters that count their reads or throw, thenables that call back
 * twice or resolve then reject) never reach `when`'s own adoption: they are returned from `then`
 * handlers, which `then` adopts. Here every promise the suite sees is a thin wrapper whose `then`
 * hands each handler's return value, raw, to `when` (`when(x)`, or `when(x, 0)` and its first
 * value for the multi-argument form), and returns a wrapper again. `resolved(value)` is
 * `when(value)`; `deferred()` gives `when` a raw thenable that the suite's `resolve`/`reject`
 * call back.
 */
function rawWhenAdapter(adopt) {
  /** The wrapper of our promise `promise`: its `then` routes handler results through `adopt`. */
  function wrap(promise) {
    const wrapper = {
      then(onFulfilled, onRejected) {
        let derived;
        const route = (handler) =>
          typeof handler === "function"
            ? (value) => {
                const x = handler(value);
                // A handler returning its own promise (2.3.1) must meet `then`'s TypeError:
                // hand `then` its own derived promise, not a wrapper `when` would wait on.
                return x === derivedWrapper ? derived : adopt(x);
              }
            : handler;
        derived = promise.then(route(onFulfilled), route(onRejected));
        const derivedWrapper = wrap(derived);
        return derivedWrapper;
      },
    };
    return wrapper;
  }
  return {
    resolved: (value) => wrap(adopt(value)),
    rejected: (reason) => wrap(adopt(Deferred().reject(reason))),
    deferred() {
      let settle;
      const settled = [];
      // A raw thenable: when() calls its then at once; resolve/reject call back later.
      const thenable = {
        then(onFulfilled, onRejected) {
          settle = { onFulfilled, onRejected };
          for (const [channel, value] of settled.splice(0)) settle[channel](value);
        },
      };
      const promise = wrap(adopt(thenable));
      const call = (channel) => (value) => {
        if (settle === undefined) settled.push([channel, value]);
        else settle[channel](value);
      };
      return { promise, resolve: call("onFulfilled"), reject: call("onRejected") };
    },
  };
}

const rawAdapters = {
  // Single-argument when(x), like Promise.resolve(x).
  "when-raw": rawWhenAdapter((x) => when(x)),
  // Multi-argument when(x, 0), like Promise.all([x, 0]), read back as x's value.
  "when-raw-multi": rawWhenAdapter((x) => when(x, 0).then((value) => value)),
};

const adapter = adapters[adapterName]
  ? { deferred: adapters[adapterName] }
  : rawAdapters[adapterName];
if (!adapter) {
  throw new TypeError(
    `unknown adapter ${adapterName}; use ${[...Object.keys(adapters), ...Object.keys(rawAdapters)].join(", ")}`,
  );
}

promisesAplusTests(adapter, { reporter: "dot" }, (err) => {
  process.exitCode = err ? 1 : 0;
});
