/**
 * The contenders of the benchmark, each behind the same small adapter.
 *
 * A workload is written once against the adapter, and every contender runs in its own process,
 * so each adapter function sees one library only and stays monomorphic. jQuery-style libraries
 * map `done` to their synchronous `done`; promise-only libraries have no synchronous callbacks,
 * so their `done` is `then` (the closest thing they offer) and the workload waits for it.
 *
 * Adapter:
 *   deferred()           a pending deferred (for promises: promise + resolvers from the executor)
 *   resolve(d, value)    settles it
 *   addDone(d, fn)       adds a callback (synchronous where the library has them)
 *   addThen(d, fn)       `then` on the deferred's promise; returns a promise
 *   chain(p, fn)         `then` on a promise returned by `then`
 *   all(items, fn)       `when(...items)` / `Promise.all(items)`, calling fn when it resolves
 *   Callbacks            the `Callbacks(flags)` factory, or `undefined`
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/**
 * Names, in report order, with a human label and the optional adapter members they have. `only`
 * names the one adapter member a contender has: it runs only the workloads that need it.
 */
export const CONTENDERS = [
  { name: "jq-deferred", label: "jq-deferred", api: ["Callbacks"] },
  { name: "jquery4", label: "jQuery 4", api: ["Callbacks"] },
  { name: "jquery-deferred", label: "jquery-deferred (1.8)", api: ["Callbacks"] },
  { name: "bluebird", label: "bluebird", api: [] },
  { name: "native", label: "native Promise", api: [] },
  { name: "p-defer", label: "p-defer", api: [] },
  {
    name: "array-loop",
    label: "array + loop (lower bound)",
    api: ["Callbacks"],
    only: "Callbacks",
  },
];

/**
 * The lower bound of the Callbacks workloads, not a callback list: `add` pushes one function onto
 * an array, `fire` calls each with one value (a plain call, the cheapest V8 has: `this` is not
 * set), and `once` drops later fires. Other flags, nested lists, re-entrant fires and exceptions
 * are left out: the workloads add distinct functions that never return `false` nor read `this`,
 * all before the first fire, so they need none of them. Every real list does at least this work, so its row shows how far below jQuery 4's time
 * any list can get with the workload's functions.
 */
function arrayLoopCallbacks(flags) {
  const once = flags.split(" ").includes("once");
  const functions = [];
  let fired = false;
  return {
    add(fn) {
      functions.push(fn);
      return this;
    },
    fire(value) {
      if (once && fired) return this;
      fired = true;
      for (let i = 0; i < functions.length; i++) functions[i](value);
      return this;
    },
  };
}

/**
 * The smallest window jQuery 4's factory runs with: it reads `document.documentElement` and
 * `document.createElement("div").style` for feature tests, `location.href` for ajax defaults,
 * and calls `window.setTimeout` (document ready, and every `then` callback).
 */
export function minimalWindow() {
  return {
    document: { documentElement: {}, createElement: () => ({ style: {} }) },
    location: { href: "" },
    setTimeout,
  };
}

/** An adapter for a jQuery-style library (`$` with Deferred, when and Callbacks). */
function jQueryStyle($) {
  return {
    deferred: () => $.Deferred(),
    resolve: (d, value) => d.resolve(value),
    addDone: (d, fn) => d.done(fn),
    addThen: (d, fn) => d.then(fn),
    chain: (p, fn) => p.then(fn),
    all: (items, fn) => $.when(...items).done(fn),
    Callbacks: $.Callbacks,
  };
}

/** An adapter for an ES-style promise library; `defer()` returns `{ promise, resolve }`. */
function promiseStyle(PromiseClass, defer) {
  return {
    deferred: defer,
    resolve: (d, value) => d.resolve(value),
    addDone: (d, fn) => d.promise.then(fn),
    addThen: (d, fn) => d.promise.then(fn),
    chain: (p, fn) => p.then(fn),
    all: (items, fn) => PromiseClass.all(items.map((d) => d.promise)).then(fn),
    Callbacks: undefined,
  };
}

/**
 * Loads one contender. `jqDeferredPath` is the built ESM bundle of this library to measure.
 * @param {string} name
 * @param {{ jqDeferredPath: string }} options
 */
export async function loadContender(name, { jqDeferredPath }) {
  switch (name) {
    case "jq-deferred": {
      const lib = await import(pathToFileURL(jqDeferredPath).href);
      return jQueryStyle({ Deferred: lib.Deferred, when: lib.when, Callbacks: lib.Callbacks });
    }
    case "jquery4": {
      const { jQueryFactory } = require("jquery/factory");
      return jQueryStyle(jQueryFactory(minimalWindow()));
    }
    case "jquery-deferred":
      return jQueryStyle(require("jquery-deferred"));
    case "bluebird": {
      const Bluebird = require("bluebird");
      return promiseStyle(Bluebird, () => {
        const d = {};
        d.promise = new Bluebird((resolve, reject) => {
          d.resolve = resolve;
          d.reject = reject;
        });
        return d;
      });
    }
    case "native":
      return promiseStyle(Promise, () => {
        const d = {};
        d.promise = new Promise((resolve, reject) => {
          d.resolve = resolve;
          d.reject = reject;
        });
        return d;
      });
    case "array-loop":
      return { Callbacks: arrayLoopCallbacks };
    case "p-defer": {
      const { default: pDefer } = await import("p-defer");
      return promiseStyle(Promise, pDefer);
    }
    default:
      throw new RangeError(`loadContender(name): unknown contender "${name}"`);
  }
}
