/**
 * The workloads of the issue, written once against the contender adapter (see contenders.mjs).
 *
 * Every workload returns one or more metrics, each the best of several runs inside the process
 * after a warm-up run: on a shared machine the fastest run is the one least disturbed by other
 * processes (run.mjs then reports the median and spread of these over several processes).
 * Timed workloads stop the clock in the callback that runs last, so asynchronous `then`
 * callbacks are timed "until the last callback ran". Each workload also
 * checks that its callbacks ran as often and with the values expected, so a broken contender
 * fails loudly instead of reporting a fast, meaningless figure.
 */
import { performance } from "node:perf_hooks";
import { setImmediate as nextMacrotask } from "node:timers/promises";

/**
 * Workload sizes: the (`full`) and a fast smoke run (`quick`). `then` workloads use fewer
 * deferreds than `done`: jQuery 4 keeps every `then`-derived deferred (about 9 KB each) alive
 * until its setTimeout fires, and at 100,000 of them its run is dominated by garbage collection of
 * a gigabyte-sized heap and takes minutes.
 */
export const SIZES = {
  full: {
    deferreds: 100_000,
    thenDeferreds: 10_000,
    thenDeferredsLarge: 100_000,
    deferredsWith10: 1_000,
    links: 1_000,
    linksLong: 20_000,
    whenInputs: 1_000,
    callbacksAdded: 1_000,
    callbacksFires: 100,
    memoryDeferreds: 3_000,
    memoryDeferredsMax: 30_000,
    memoryTargetBytes: 8_000_000,
    budgetMs: 200,
  },
  quick: {
    deferreds: 2_000,
    thenDeferreds: 500,
    thenDeferredsLarge: 2_000,
    deferredsWith10: 200,
    links: 50,
    linksLong: 1_000,
    whenInputs: 100,
    callbacksAdded: 100,
    callbacksFires: 10,
    memoryDeferreds: 1_000,
    budgetMs: 20,
  },
};

/** The `Callbacks` flag combinations measured: none, each flag, and the ones jQuery itself uses. */
export const CALLBACK_FLAGS = ["", "once", "memory", "once memory", "unique", "stopOnFalse"];

/**
 * The two lists each flag set is measured with, as the prefixes of their job ids: `callbacks`
 * holds closures of one function (V8 can inline them all at one call site), `callbacksUnrelated`
 * holds functions that share no code (see `unrelatedFunctions`), so the list's call site sees a
 * thousand different functions, as it does in an application where unrelated modules subscribe.
 */
export const CALLBACK_VARIANTS = ["callbacks", "callbacksUnrelated"];

/**
 * Parses a Callbacks job id (`callbacks:once memory`, `callbacksUnrelated:unique`) into its flags
 * and whether its functions are unrelated; `undefined` for any other id.
 */
export function callbacksJob(jobId) {
  const colon = jobId.indexOf(":");
  const variant = jobId.slice(0, colon);
  if (colon < 0 || !CALLBACK_VARIANTS.includes(variant)) return undefined;
  return { flags: jobId.slice(colon + 1), unrelated: variant === "callbacksUnrelated" };
}

/**
 * `count` functions that share no code, each adding 1 to `counter.calls` and returning a number
 * (never `false`, so `stopOnFalse` never stops). Each is compiled by `new Function` from its own
 * source text: V8 caches compiled code by source text, so identical texts would share it. Built
 * once, before any timing, the same way for every contender.
 */
export function unrelatedFunctions(count, counter) {
  return Array.from({ length: count }, (_, i) =>
    new Function(
      "counter",
      `return function unrelated${i}(value) { counter.calls += 1; return value * ${i + 1}; };`,
    )(counter),
  );
}

/** `count` closures of one function, each adding 1 to `counter.calls`. */
export function relatedFunctions(count, counter) {
  return Array.from({ length: count }, () => () => {
    counter.calls++;
  });
}

/**
 * The metrics, in report order. `unit` is what the value measures; `lowerIsBetter` is true for
 * all of them (time and bytes). `needs` names an adapter member without which it is skipped.
 */
export const METRICS = [
  { id: "done", title: "create + 1 done + resolve, N = {deferreds}", unit: "ns/deferred" },
  { id: "then", title: "create + 1 then + resolve, N = {thenDeferreds}", unit: "ns/deferred" },
  {
    id: "thenLarge",
    title: "create + 1 then + resolve, N = {thenDeferredsLarge}",
    unit: "ns/deferred",
  },
  { id: "done10", title: "create + 10 done + resolve, N = {deferredsWith10}", unit: "ns/deferred" },
  { id: "then10", title: "create + 10 then + resolve, N = {deferredsWith10}", unit: "ns/deferred" },
  { id: "chainBuild", title: "then-chain of {links}: build", unit: "ns/link" },
  { id: "chainLink", title: "then-chain of {links}: resolve to last callback", unit: "ns/link" },
  { id: "chainLongBuild", title: "then-chain of {linksLong}: build", unit: "ns/link" },
  {
    id: "chainLongLink",
    title: "then-chain of {linksLong}: resolve to last callback",
    unit: "ns/link",
  },
  { id: "whenResolved", title: "when / all of {whenInputs} resolved", unit: "µs/call" },
  {
    id: "whenPending",
    title: "when / all of {whenInputs} pending, then resolved",
    unit: "µs/call",
  },
  ...CALLBACK_FLAGS.map((flags) => ({
    id: `callbacks:${flags}`,
    title: `Callbacks("${flags}"): add {callbacksAdded} + fire {callbacksFires}`,
    unit: "µs/list",
    needs: "Callbacks",
  })),
  ...CALLBACK_FLAGS.map((flags) => ({
    id: `callbacksUnrelated:${flags}`,
    title: `Callbacks("${flags}"): add {callbacksAdded} unrelated functions + fire {callbacksFires}`,
    unit: "µs/list",
    needs: "Callbacks",
  })),
  { id: "memPending", title: "memory: pending deferred", unit: "B/deferred", memory: true },
  { id: "memPending3", title: "memory: pending + 3 done", unit: "B/deferred", memory: true },
  { id: "memPending3Then", title: "memory: pending + 3 then", unit: "B/deferred", memory: true },
  { id: "memSettled", title: "memory: settled (3 done ran)", unit: "B/deferred", memory: true },
];

/** A metric's title with the sizes of the run filled in. */
export function metricTitle(metric, sizes) {
  return metric.title.replace(/\{(\w+)\}/g, (_, key) => sizes[key].toLocaleString("en-US"));
}

/**
 * Why jQuery 4 sits out the jobs of many `then` callbacks: it runs each in its own setTimeout
 * (at least 1 ms in Node), and every `then`-derived deferred (about 9 KB) stays alive until its
 * timer fires, so one process would take minutes, mostly in garbage collection.
 */
const JQUERY_THEN_SKIP = "skipped: one setTimeout per then callback (minutes per process)";

/**
 * The process-level jobs: each runs in a fresh process per contender and yields some metrics.
 * `gc` marks the job that needs `--expose-gc`; `skip` maps a contender to the reason it does not
 * run the job (the report shows the reason).
 */
export const JOBS = [
  { id: "done", metrics: ["done"] },
  { id: "then", metrics: ["then"] },
  { id: "thenLarge", metrics: ["thenLarge"], skip: { jquery4: JQUERY_THEN_SKIP } },
  { id: "done10", metrics: ["done10"] },
  { id: "then10", metrics: ["then10"] },
  { id: "chain", metrics: ["chainBuild", "chainLink"] },
  {
    id: "chainLong",
    metrics: ["chainLongBuild", "chainLongLink"],
    skip: { jquery4: JQUERY_THEN_SKIP },
  },
  { id: "whenResolved", metrics: ["whenResolved"] },
  { id: "whenPending", metrics: ["whenPending"] },
  ...CALLBACK_FLAGS.flatMap((flags) =>
    CALLBACK_VARIANTS.map((variant) => ({
      id: `${variant}:${flags}`,
      metrics: [`${variant}:${flags}`],
      needs: "Callbacks",
    })),
  ),
  {
    id: "memory",
    metrics: ["memPending", "memPending3", "memPending3Then", "memSettled"],
    gc: true,
  },
];

const now = () => performance.now();

/**
 * Counts callback calls and records the time of the `expected`-th one.
 * `finished()` resolves with that time once it has happened.
 */
function completion(expected) {
  let count = 0;
  let endedAt = 0;
  let signal;
  const ended = new Promise((resolve) => (signal = resolve));
  return {
    tick() {
      if (++count === expected) {
        endedAt = now();
        signal();
      } else if (count > expected) {
        throw new Error(`a callback ran ${count} times, expected ${expected}`);
      }
    },
    finished: () => ended.then(() => endedAt),
  };
}

/**
 * A first run longer than this many budgets is the measurement on its own (see `sample`).
 * jQuery's setTimeout-per-callback `then` takes seconds per run there. With one budget as the
 * bound, a contender whose cold first run came out just above it (create + `then` + `resolve` at
 * N = 100,000 takes about 200 ms cold, 50 ms warm) was measured cold in some processes and warm
 * in others: medians 4 times apart from one build.
 */
const SINGLE_RUN_BUDGETS = 5;

/**
 * Runs `once` (which resolves to `{ elapsedMs, metrics }`) to warm up for half of `budgetMs`, so
 * the JIT has optimised the library's code, then measures runs for `budgetMs` (at least three).
 * A contender whose first run alone takes more than {@link SINGLE_RUN_BUDGETS} budgets (jQuery's
 * setTimeout-per-callback `then`) is measured by that one run, so the slowest contender does not
 * stretch the whole benchmark. Returns the per-metric minimum over the measured runs.
 */
async function sample(once, budgetMs) {
  const warmUp = await once();
  const runs = [];
  if (warmUp.elapsedMs > budgetMs * SINGLE_RUN_BUDGETS) {
    runs.push(warmUp);
  } else {
    const warming = now();
    while (now() - warming < budgetMs / 2) await once();
    const started = now();
    while (runs.length < 3 || (runs.length < 1000 && now() - started < budgetMs)) {
      runs.push(await once());
    }
  }
  const metrics = {};
  for (const key of Object.keys(warmUp.metrics))
    metrics[key] = Math.min(...runs.map((r) => r.metrics[key]));
  return metrics;
}

/** create + `callbacks` × (done or then) + resolve, for `count` deferreds; ns per deferred. */
function createAndResolve(adapter, method, callbacks, count) {
  return async () => {
    const done = completion(count * callbacks);
    const tick = done.tick;
    const add = adapter[method];
    const started = now();
    for (let i = 0; i < count; i++) {
      const d = adapter.deferred();
      for (let c = 0; c < callbacks; c++) add(d, tick);
      adapter.resolve(d, i);
    }
    const elapsedMs = (await done.finished()) - started;
    return { elapsedMs, metrics: { value: (elapsedMs * 1e6) / count } };
  };
}

/**
 * A then-chain of `links` links: build time and resolve-to-last time, in ns per link, as the
 * metrics `{prefix}Build` and `{prefix}Link`.
 */
function thenChain(adapter, links, prefix) {
  const increment = (value) => value + 1;
  return async () => {
    const done = completion(1);
    let last;
    const started = now();
    const root = adapter.deferred();
    let promise = adapter.addThen(root, increment);
    for (let i = 1; i < links; i++) promise = adapter.chain(promise, increment);
    adapter.chain(promise, (value) => {
      last = value;
      done.tick();
    });
    const built = now();
    adapter.resolve(root, 0);
    const ended = await done.finished();
    if (last !== links) throw new Error(`the chain ended with ${last}, expected ${links}`);
    return {
      elapsedMs: ended - started,
      metrics: {
        [`${prefix}Build`]: ((built - started) * 1e6) / links,
        [`${prefix}Link`]: ((ended - built) * 1e6) / links,
      },
    };
  };
}

/** A combined callback's values as one array, whether `when`-style (spread) or `all`-style. */
export function combinedValues(values) {
  return values.length === 1 && Array.isArray(values[0]) ? values[0] : values;
}

/** Throws unless `combined` holds the `inputs` values 0 … inputs − 1 the inputs resolved with. */
export function checkCombined(combined, inputs) {
  if (combined === undefined || combined.length !== inputs || combined[inputs - 1] !== inputs - 1) {
    throw new Error(`when/all resolved with ${combined?.length} values, expected ${inputs}`);
  }
}

/** `when`/`Promise.all` of `inputs` deferreds, resolved before or after the call; µs per call. */
function whenAll(adapter, inputs, resolvedFirst) {
  return async () => {
    const items = [];
    for (let i = 0; i < inputs; i++) {
      const d = adapter.deferred();
      if (resolvedFirst) adapter.resolve(d, i);
      items.push(d);
    }
    const done = completion(1);
    let combined;
    const started = now();
    adapter.all(items, (...values) => {
      combined = combinedValues(values);
      done.tick();
    });
    if (!resolvedFirst) for (let i = 0; i < inputs; i++) adapter.resolve(items[i], i);
    const elapsedMs = (await done.finished()) - started;
    checkCombined(combined, inputs);
    return { elapsedMs, metrics: { value: elapsedMs * 1e3 } };
  };
}

/** How many calls `added` callbacks fired `fires` times make under `flags` (`once` fires once). */
export function expectedCallbackCalls(flags, added, fires) {
  return added * (flags.split(" ").includes("once") ? 1 : fires);
}

/**
 * `Callbacks(flags)`: add `added` distinct functions one by one, then fire `fires` times; the
 * functions are closures of one function, or `unrelated` ones (see `unrelatedFunctions`).
 */
function callbacksAddFire(adapter, flags, unrelated, added, fires) {
  const counter = { calls: 0 };
  const functions = (unrelated ? unrelatedFunctions : relatedFunctions)(added, counter);
  const expected = expectedCallbackCalls(flags, added, fires);
  return async () => {
    counter.calls = 0;
    const started = now();
    const list = adapter.Callbacks(flags);
    for (let i = 0; i < added; i++) list.add(functions[i]);
    for (let i = 0; i < fires; i++) list.fire(i);
    const elapsedMs = now() - started;
    if (counter.calls !== expected)
      throw new Error(`Callbacks("${flags}") made ${counter.calls} calls, expected ${expected}`);
    return { elapsedMs, metrics: { value: elapsedMs * 1e3 } };
  };
}

/** Heap bytes retained per object made by `make(i)`, over `count` objects, after full GCs. */
async function retainedBytes(count, make) {
  const gc = globalThis.gc;
  if (typeof gc !== "function") throw new Error("the memory job needs node --expose-gc");
  // Create a few first, so compiling `make` and filling its inline caches is not counted.
  for (let i = 0; i < 100; i++) make(i);
  const keep = new Array(count).fill(null);
  const heapAfterGc = async () => {
    // Let pending callbacks (microtasks, bluebird's and jQuery's timers) run before collecting.
    await nextMacrotask();
    await new Promise((resolve) => setTimeout(resolve, 5));
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = await heapAfterGc();
  for (let i = 0; i < count; i++) keep[i] = make(i);
  const after = await heapAfterGc();
  if (keep[count - 1] === null) throw new Error("nothing was retained");
  return (after - before) / count;
}

/**
 * Retained bytes per object made by `make`. A pilot run estimates the size, then enough objects
 * are kept for about `targetBytes` in all (between `minCount` and `maxCount`), so small objects
 * are measured over many instances, where heap noise is negligible, and jQuery's large ones
 * over fewer, which keeps its run short.
 */
async function retainedBytesAdaptive(make, { minCount, maxCount, targetBytes }) {
  const estimate = Math.max(16, await retainedBytes(Math.min(500, minCount), make));
  const count = Math.max(minCount, Math.min(maxCount, Math.round(targetBytes / estimate)));
  return retainedBytes(count, make);
}

async function memory(adapter, sizes) {
  const handler = () => undefined;
  const limits = {
    minCount: sizes.memoryDeferreds,
    maxCount: sizes.memoryDeferredsMax ?? sizes.memoryDeferreds,
    targetBytes: sizes.memoryTargetBytes ?? 0,
  };
  const measure = (make) => retainedBytesAdaptive(make, limits);
  return {
    memPending: await measure(() => adapter.deferred()),
    memPending3: await measure(() => {
      const d = adapter.deferred();
      adapter.addDone(d, handler);
      adapter.addDone(d, handler);
      adapter.addDone(d, handler);
      return d;
    }),
    memPending3Then: await measure(() => {
      const d = adapter.deferred();
      adapter.addThen(d, handler);
      adapter.addThen(d, handler);
      adapter.addThen(d, handler);
      return d;
    }),
    memSettled: await measure((i) => {
      const d = adapter.deferred();
      adapter.addDone(d, handler);
      adapter.addDone(d, handler);
      adapter.addDone(d, handler);
      adapter.resolve(d, i);
      return d;
    }),
  };
}

/**
 * Runs one job for one loaded contender; resolves to `{ metricId: value }`.
 * @param {string} jobId
 * @param {object} adapter
 * @param {typeof SIZES.full} sizes
 */
export async function runJob(jobId, adapter, sizes) {
  const one = async (once) => ({ [jobId]: (await sample(once, sizes.budgetMs)).value });
  switch (jobId) {
    case "done":
      return one(createAndResolve(adapter, "addDone", 1, sizes.deferreds));
    case "then":
      return one(createAndResolve(adapter, "addThen", 1, sizes.thenDeferreds));
    case "thenLarge":
      return one(createAndResolve(adapter, "addThen", 1, sizes.thenDeferredsLarge));
    case "done10":
      return one(createAndResolve(adapter, "addDone", 10, sizes.deferredsWith10));
    case "then10":
      return one(createAndResolve(adapter, "addThen", 10, sizes.deferredsWith10));
    case "chain":
      return sample(thenChain(adapter, sizes.links, "chain"), sizes.budgetMs);
    case "chainLong":
      return sample(thenChain(adapter, sizes.linksLong, "chainLong"), sizes.budgetMs);
    case "whenResolved":
      return one(whenAll(adapter, sizes.whenInputs, true));
    case "whenPending":
      return one(whenAll(adapter, sizes.whenInputs, false));
    case "memory":
      return memory(adapter, sizes);
    default: {
      const callbacks = callbacksJob(jobId);
      if (callbacks !== undefined) {
        const { flags, unrelated } = callbacks;
        return one(
          callbacksAddFire(adapter, flags, unrelated, sizes.callbacksAdded, sizes.callbacksFires),
        );
      }
      throw new RangeError(`runJob(jobId): unknown job "${jobId}"`);
    }
  }
}
