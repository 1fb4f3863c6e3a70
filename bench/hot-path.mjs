/**
 * One Deferred workload in a loop, for profiling a build of jq-deferred (V8's `--prof` or
 * `--cpu-prof`, or `perf`), where the full benchmark's many processes get in the way:
 *
 *   node --prof bench/hot-path.mjs dist/index.js then 200
 *   node --prof-process isolate*.log
 *
 * Workloads: done, then, chain, whenPending, whenResolved (as in instruction-workloads.mjs);
 * the last argument is the number of rounds of 1,000 units. Prints the time per unit of the last
 * half of the rounds, which is only a hint: compare builds with compare-instructions.mjs.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setImmediate } from "node:timers";
import { pathToFileURL } from "node:url";

const [library, workload = "then", roundsArg = "200"] = process.argv.slice(2);
if (library === undefined) {
  throw new TypeError("usage: node bench/hot-path.mjs <dist/index.js> [workload] [rounds]");
}
const { Deferred, when } = await import(pathToFileURL(path.resolve(library)).href);
const UNITS = 1_000;
const tick = () => {};
const increment = (value) => value + 1;
const resolvedInputs = Array.from({ length: UNITS }, (_, i) => Deferred().resolve(i));

const ROUNDS = {
  async done() {
    for (let i = 0; i < UNITS; i++) {
      const d = Deferred();
      d.done(tick);
      d.resolve(i);
    }
  },
  async then() {
    for (let i = 0; i < UNITS; i++) {
      const d = Deferred();
      d.then(tick);
      d.resolve(i);
    }
    await null;
  },
  async chain() {
    const root = Deferred();
    let promise = root.then(increment);
    for (let i = 1; i < UNITS; i++) promise = promise.then(increment);
    let last;
    promise.then((value) => (last = value));
    root.resolve(0);
    await new Promise((resolve) => setImmediate(resolve));
    if (last !== UNITS) throw new Error(`chain ended with ${last}`);
  },
  async whenPending() {
    // Made as the instruction workload makes them (Array.from over an array-like would read each
    // index through the runtime and dominate the profile).
    const inputs = [];
    for (let i = 0; i < UNITS; i++) inputs.push(Deferred());
    let result;
    when(...inputs).done((...values) => (result = values));
    for (let i = 0; i < UNITS; i++) inputs[i].resolve(i);
    if (result?.length !== UNITS) throw new Error("when did not resolve");
  },
  async whenResolved() {
    let result;
    when(...resolvedInputs).done((...values) => (result = values));
    if (result?.length !== UNITS) throw new Error("when did not resolve");
  },
};

const round = ROUNDS[workload];
if (round === undefined) throw new RangeError(`unknown workload "${workload}"`);
const rounds = Number(roundsArg);
let start = 0;
for (let r = 0; r < rounds; r++) {
  if (r === rounds >> 1) start = performance.now();
  await round();
}
const perUnit = ((performance.now() - start) * 1e6) / ((rounds - (rounds >> 1)) * UNITS);
console.log(`${workload}: ${perUnit.toFixed(1)} ns/unit`);
