/**
 * The async-context programs: each is written once over a small promise API and run twice, with
 * native promises and with jq-deferred, under one `AsyncLocalStorage`. Every handler records the
 * store it sees; the two traces must be equal. Two "requests" (stores "A" and "B") subscribe, and
 * their promises are settled from elsewhere (store "resolver", or a timer started under another
 * store), interleaved, so a handler that ran in the wrong request's context, or in the context of
 * whoever queued the job drain, shows up as a different store.
 *
 * Plain JavaScript, so that scripts/check-async-context.mjs runs the same programs against the
 * built package on every Node version (Node 18 runs no TypeScript); test/async-context/ runs
 * them against src/. Types in programs.d.mts.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The two requests of every program. */
const REQUESTS = ["A", "B"];

/** Native promises: the reference. `pipe` is `then`, the native form of a filter. */
export const nativeApi = {
  name: "native",
  deferred() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  },
  all: (values) => Promise.all(values),
  one: (value) => Promise.resolve(value),
  pipe: (promise, onDone, onFail) => promise.then(onDone, onFail),
};

/** The same API over jq-deferred (`lib` is the package, from src/ or from dist/). */
export function jqApi(lib) {
  return {
    name: "jq-deferred",
    deferred() {
      const deferred = lib.Deferred();
      return {
        promise: deferred.promise(),
        resolve: (value) => deferred.resolve(value),
        reject: (reason) => deferred.reject(reason),
      };
    },
    all: (values) => lib.when(...values),
    one: (value) => lib.when(value),
    pipe: (promise, onDone, onFail) => promise.pipe(onDone, onFail),
  };
}

/** Calls `fn` later from a timer started under `store`, so it runs in that store's context. */
function laterIn(als, store, fn) {
  als.run(store, () => setTimeout(fn, 1));
}

/**
 * The programs, by name. Each gets `{ api, lib, als, record }` and returns the promises that end
 * its chains; `record(label)` notes the store current in a handler.
 */
export const PROGRAMS = {
  "then/catch chains of two requests settled from a third context": ({ api, als, record }) => {
    const ends = [];
    const sources = {};
    const rejected = {};
    for (const name of REQUESTS) {
      als.run(name, () => {
        const source = (sources[name] = api.deferred());
        ends.push(
          source.promise
            .then((value) => {
              record(`${name} then`);
              return value + 1;
            })
            .then(() => {
              record(`${name} then after then`);
              throw new Error(name);
            })
            .catch(() => record(`${name} catch`))
            .then(() => record(`${name} then after catch`)),
        );
        const failing = (rejected[name] = api.deferred());
        ends.push(
          failing.promise.then(undefined).then(
            () => record(`${name} unexpected`),
            () => record(`${name} onRejected after a pass-through`),
          ),
        );
      });
    }
    // B first, so that the drain's first job belongs to B.
    als.run("resolver", () => {
      sources.B.resolve(1);
      sources.A.resolve(1);
      rejected.A.reject(new Error("A"));
      rejected.B.reject(new Error("B"));
    });
    // Registered after settlement: the job is queued by `then` itself. And each request
    // subscribes to the other's promise: the registration counts, not where the deferred was made.
    for (const [name, other] of [REQUESTS, [...REQUESTS].reverse()]) {
      als.run(name, () => {
        ends.push(
          sources[name].promise.then(() => record(`${name} then on a settled promise`)),
          sources[other].promise.then(() => record(`${name} then on ${other}'s promise`)),
        );
      });
    }
    return ends;
  },

  "handlers returning our promises, native promises and thenables (adoption)": ({
    api,
    lib,
    als,
    record,
  }) => {
    const ends = [];
    const sources = {};
    for (const name of REQUESTS) {
      als.run(name, () => {
        const source = (sources[name] = api.deferred());
        ends.push(
          source.promise
            .then((value) => {
              record(`${name} returns a resolved jq-deferred promise`);
              return lib.Deferred().resolve(value).promise();
            })
            .then((value) => {
              record(`${name} returns a pending jq-deferred promise`);
              const later = lib.Deferred();
              laterIn(als, "late jq-deferred resolver", () => later.resolve(value));
              return later.promise();
            })
            .then((value) => {
              record(`${name} returns a resolved native promise`);
              return Promise.resolve(value);
            })
            .then((value) => {
              record(`${name} returns a pending native promise`);
              return new Promise((resolve) =>
                laterIn(als, "late native resolver", () => resolve(value)),
              );
            })
            .then((value) => {
              record(`${name} returns a thenable calling back later`);
              return { then: (onFulfilled) => laterIn(als, "thenable", () => onFulfilled(value)) };
            })
            .then((value) => {
              record(`${name} returns a rejected jq-deferred promise`);
              return lib.Deferred().reject(value).promise();
            })
            .catch(() => record(`${name} catch after adoptions`)),
        );
      });
    }
    als.run("resolver", () => {
      sources.A.resolve(1);
      sources.B.resolve(2);
    });
    return ends;
  },

  "when of several inputs and of one": ({ api, als, record }) => {
    const ends = [];
    const inputs = {};
    for (const name of REQUESTS) {
      als.run(name, () => {
        const first = api.deferred();
        const second = api.deferred();
        const failing = api.deferred();
        inputs[name] = { first, second, failing };
        const native = new Promise((resolve) => laterIn(als, "native input", () => resolve(3)));
        ends.push(
          api.all([first.promise, 2, native]).then(() => record(`${name} when of several`)),
          api.all([second.promise, failing.promise]).then(
            () => record(`${name} unexpected`),
            () => record(`${name} when of several, one rejected`),
          ),
          api.one(first.promise).then(() => record(`${name} when of a pending promise`)),
          api.one(7).then(() => record(`${name} when of a plain value`)),
          api.one(native).then(() => record(`${name} when of a native promise`)),
        );
      });
    }
    als.run("resolver", () => {
      for (const name of [...REQUESTS].reverse()) {
        inputs[name].first.resolve(1);
        inputs[name].failing.reject(new Error(name));
      }
    });
    return ends;
  },

  "pipe filters": ({ api, lib, als, record }) => {
    const ends = [];
    const sources = {};
    const rejected = {};
    for (const name of REQUESTS) {
      als.run(name, () => {
        const source = (sources[name] = api.deferred());
        const failing = (rejected[name] = api.deferred());
        const piped = api.pipe(source.promise, (value) => {
          record(`${name} done filter`);
          return value + 1;
        });
        ends.push(
          piped.then(() => record(`${name} then after a pipe`)),
          api
            .pipe(piped, (value) => {
              record(`${name} done filter returning a promise`);
              const later = lib.Deferred();
              laterIn(als, "late jq-deferred resolver", () => later.resolve(value));
              return later.promise();
            })
            .then(() => record(`${name} then after a pipe that adopted`)),
          // A pipe keeps the state (still rejected), native `then` recovers: both reach one label.
          api
            .pipe(failing.promise, undefined, (reason) => {
              record(`${name} fail filter`);
              return reason;
            })
            .then(
              () => record(`${name} handler after a fail filter`),
              () => record(`${name} handler after a fail filter`),
            ),
        );
      });
    }
    als.run("resolver", () => {
      sources.B.resolve(1);
      sources.A.resolve(1);
      rejected.A.reject(new Error("A"));
      rejected.B.reject(new Error("B"));
    });
    return ends;
  },
};

/**
 * `done`/`fail`/`always`/`progress` (jq-deferred only): synchronous, so they run in the context of
 * the code that settles or notifies, here "resolver", wherever they were registered.
 */
export const SYNCHRONOUS_CALLBACKS = {
  program: ({ lib, als, record }) => {
    const sources = {};
    for (const name of REQUESTS) {
      als.run(name, () => {
        const source = (sources[name] = lib.Deferred());
        source
          .progress(() => record(`${name} progress`))
          .done(() => record(`${name} done`))
          .always(() => record(`${name} always`));
        source.pipe((value) => value).done(() => record(`${name} done of a pipe's promise`));
        const failing = lib.Deferred();
        failing.fail(() => record(`${name} fail`));
        als.run("resolver", () => failing.reject());
      });
    }
    als.run("resolver", () => {
      for (const name of REQUESTS) sources[name].notify(0).resolve(1);
    });
    return [];
  },
  expected: REQUESTS.flatMap((name) =>
    ["always", "done", "done of a pipe's promise", "fail", "progress"].map(
      (label) => `${name} ${label}: resolver`,
    ),
  ).sort(),
};

/**
 * Runs `program` with `api` and returns its trace: one `"label: store"` line per handler call,
 * sorted (the order of handlers across requests is not the question; their context is).
 */
export async function traceOf(program, api, lib) {
  const als = new AsyncLocalStorage();
  const seen = [];
  const record = (label) => seen.push(`${label}: ${String(als.getStore() ?? "no store")}`);
  const ends = program({ api, lib, als, record });
  await Promise.allSettled(ends);
  // The timers of `laterIn` and the "jquery" scheduler's: everything has run after a few turns.
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 2));
  return seen.sort();
}

/**
 * Runs every program natively and with `lib`; returns the programs whose traces differ (with both
 * traces), and throws if a native trace is too poor to tell contexts apart.
 */
export async function differencesFromNative(lib) {
  const differences = [];
  for (const [name, program] of Object.entries(PROGRAMS)) {
    const native = await traceOf(program, nativeApi, lib);
    for (const request of REQUESTS) {
      if (!native.some((line) => line.endsWith(`: ${request}`))) {
        throw new Error(`${name}: no native handler saw store ${request}: ${native.join("; ")}`);
      }
    }
    const ours = await traceOf(program, jqApi(lib), lib);
    if (JSON.stringify(ours) !== JSON.stringify(native)) differences.push({ name, native, ours });
  }
  return differences;
}
