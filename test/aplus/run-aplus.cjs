// Runs the official Promises/A+ compliance suite (promises-aplus-tests) against the built
// package through one adapter, as jQuery does: `node run-aplus.cjs <deferred|when> [jquery]`.
// The optional second argument selects jQuery's setTimeout timing. Exits non-zero on failure.
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

const deferred = adapters[adapterName];
if (!deferred) throw new TypeError(`unknown adapter ${adapterName}; use deferred or when`);

promisesAplusTests({ deferred }, { reporter: "dot" }, (err) => {
  process.exitCode = err ? 1 : 0;
});
