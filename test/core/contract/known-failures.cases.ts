/**
 * The programs of known-failures.test.ts, one per named case. Bundled with the library and run in
 * a child process of their own under a watchdog (several of them loop forever on a broken core):
 * `node --expose-gc known-failures.cases.mjs <case>` prints `RESULT {observed, threw, uncaught}`.
 *
 * Each program returns what it observed as JSON; identity checks (rejected with *the* error a read
 * threw) are made here, where the values live, and returned as booleans.
 */
import { Callbacks, Deferred, setScheduler, when } from "../../../src/index.js";
import { runCase, settlement, show, uncaughtValues } from "./child-kit.js";

const D = Deferred as any;
const whenAny = when as (...values: unknown[]) => any;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- Values -------------------------------------------------------------------------------------

/** A Proxy every trap of which throws `error` (so any read, whatever its kind, throws it). */
function throwingProxy(error: Error): object {
  const trap = () => {
    throw error;
  };
  return new Proxy(
    {},
    {
      get: trap,
      has: trap,
      getPrototypeOf: trap,
      getOwnPropertyDescriptor: trap,
      ownKeys: trap,
      defineProperty: trap,
      set: trap,
      isExtensible: trap,
    },
  );
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/**
 * The hostile values of item 2, each with what adopting it must give: `{ resolves: x }`,
 * `{ rejects: e }` (that very value), or `{ rejectsTypeError: true }`.
 */
type Expectation = { resolves: unknown } | { rejects: unknown } | { rejectsTypeError: true };

function item2Value(kind: string): { value: unknown; expect: Expectation } {
  switch (kind) {
    case "throwing-proxy": {
      const error = new Error("trap");
      return { value: throwingProxy(error), expect: { rejects: error } };
    }
    case "revoked-proxy":
      return { value: revokedProxy(), expect: { rejectsTypeError: true } };
    case "object-create-promise":
      return { value: Object.create(D().resolve(5).promise()), expect: { resolves: 5 } };
    case "object-create-rejected-promise":
      return { value: Object.create(D().reject(9).promise()), expect: { rejects: 9 } };
    case "object-create-deferred":
      return { value: Object.create(D().resolve(7)), expect: { resolves: 7 } };
    case "proxy-of-promise":
      return { value: new Proxy(D().resolve(6).promise(), {}), expect: { resolves: 6 } };
    case "proxy-of-deferred":
      return { value: new Proxy(D().resolve(8), {}), expect: { resolves: 8 } };
    default:
      throw new Error(`unknown value kind ${kind}`);
  }
}

/** Whether `settled` meets `expect`; returns a JSON verdict with the facts. */
function verdict(settled: Awaited<ReturnType<typeof settlement>>, expect: Expectation) {
  let ok: boolean;
  if ("resolves" in expect)
    ok = settled.outcome === "resolved" && settled.value === expect.resolves;
  else if ("rejects" in expect)
    ok = settled.outcome === "rejected" && settled.value === expect.rejects;
  else ok = settled.outcome === "rejected" && settled.value instanceof TypeError;
  return { ok, ...settled.summary() };
}

// ---- Thenables ----------------------------------------------------------------------------------

/** An object whose `then` getter answers `then` once, then `undefined`; counts its reads. */
function thenOnce(then: (resolve: any, reject: any) => void) {
  const counter = { reads: 0 };
  const value = {
    get then() {
      counter.reads++;
      return counter.reads === 1 ? then : undefined;
    },
  };
  return { value, counter };
}

/** A chain of `length` distinct thenables, each calling back synchronously with the next. */
function thenableChain(length: number): object {
  let next: object = {
    then(resolve: (v: unknown) => void) {
      resolve(`end of ${length}`);
    },
  };
  for (let i = 1; i < length; i++) {
    const inner = next;
    next = {
      then(resolve: (v: unknown) => void) {
        resolve(inner);
      },
    };
  }
  return next;
}

/** Two thenables calling back with each other; `stop()` ends the cycle, `calls` counts steps. */
function thenableCycle(breakAfter = Infinity) {
  const state = { calls: 0, stopped: false };
  const a: any = {
    then(resolve: (v: unknown) => void) {
      state.calls++;
      if (state.stopped) return;
      resolve(state.calls >= breakAfter ? "broken" : b);
    },
  };
  const b: any = {
    then(resolve: (v: unknown) => void) {
      state.calls++;
      if (state.stopped) return;
      resolve(state.calls >= breakAfter ? "broken" : a);
    },
  };
  return { a, state };
}

// ---- Cases --------------------------------------------------------------------------------------

const cases: Record<string, () => unknown> = {};

// 1. `when` reads `then` and `promise` once.
cases["1 when(x): then getter answering once"] = async () => {
  const { value, counter } = thenOnce((resolve) => resolve(42));
  const settled = await settlement(whenAny(value));
  return { ...settled.summary(), reads: counter.reads };
};
cases["1 when(x): then getter throwing on its second read"] = async () => {
  let reads = 0;
  const value = {
    get then() {
      if (++reads > 1) throw new Error("second read");
      return (resolve: (v: unknown) => void) => resolve(42);
    },
  };
  const settled = await settlement(whenAny(value));
  return { ...settled.summary(), reads };
};
cases["1 when(x, 1): then getter answering once"] = async () => {
  const { value, counter } = thenOnce((resolve) => resolve(42));
  const settled = await settlement(whenAny(value, 1));
  return { ...settled.summary(), values: settled.calls[0]?.args.map(show), reads: counter.reads };
};
cases["1 when(x): promise getter answering once"] = async () => {
  let reads = 0;
  const value = {
    get promise() {
      return ++reads === 1 ? () => D().resolve(7).promise() : undefined;
    },
  };
  const settled = await settlement(whenAny(value));
  return { ...settled.summary(), reads };
};
cases["1 when(x, 1): promise getter answering once"] = async () => {
  let reads = 0;
  const value = {
    get promise() {
      return ++reads === 1 ? () => D().resolve(7).promise() : undefined;
    },
  };
  const settled = await settlement(whenAny(value, 1));
  return { ...settled.summary(), reads };
};

// 2. Hostile values adopted through a then handler, resolve() then then(), when(resolved(v)).
export const ITEM2_KINDS = [
  "throwing-proxy",
  "revoked-proxy",
  "object-create-promise",
  "object-create-rejected-promise",
  "object-create-deferred",
  "proxy-of-promise",
  "proxy-of-deferred",
];
export const ITEM2_FORMS = ["then handler returns v", "resolve(v).then()", "when(resolved(v))"];
for (const kind of ITEM2_KINDS) {
  for (const form of ITEM2_FORMS) {
    cases[`2 ${form}: ${kind}`] = async () => {
      D.exceptionHook = undefined; // the expected rejections need no console warning
      const { value, expect } = item2Value(kind);
      const promise =
        form === "then handler returns v"
          ? D()
              .resolve()
              .then(() => value)
          : form === "resolve(v).then()"
            ? D().resolve(value).then()
            : whenAny(D().resolve(value));
      return verdict(await settlement(promise), expect);
    };
  }
}

// 3. Multi-argument `when` with the same values neither throws nor hangs.
for (const kind of ITEM2_KINDS) {
  cases[`3 when(v, 1): ${kind}`] = async () => {
    D.exceptionHook = undefined;
    const { value, expect } = item2Value(kind);
    const settled = await settlement(whenAny(value, 1));
    const ok =
      "resolves" in expect
        ? settled.outcome === "resolved" &&
          settled.calls[0]!.args[0] === expect.resolves &&
          settled.calls[0]!.args[1] === 1
        : verdict(settled, expect).ok;
    return { ok, ...settled.summary() };
  };
}

// 4. Hostile array-likes given to Callbacks.
/** Calls `thunk`, returning "returned", or the thrown value's description and kind. */
function outcomeOf(thunk: () => void, readError?: unknown) {
  try {
    thunk();
    return { returned: true };
  } catch (error) {
    return {
      returned: false,
      threw: show(error),
      threwTheReadError: error === readError,
      threwTypeError: error instanceof TypeError,
    };
  }
}
cases["4 fireWith(ctx, array-like whose index getter throws)"] = () => {
  const error = new Error("index read");
  const calls: unknown[][] = [];
  const list = Callbacks();
  list.add((...args: unknown[]) => calls.push(args));
  const first = outcomeOf(
    () =>
      list.fireWith({}, {
        length: 1,
        get 0() {
          throw error;
        },
      } as any),
    error,
  );
  // The list is not left wedged: a later fire reaches its callback.
  list.fire("later");
  return { first, later: calls.map((args) => args.map(show)) };
};
cases["4 fireWith(ctx, Proxy array-like whose index read throws)"] = () => {
  const error = new Error("index trap");
  const calls: unknown[][] = [];
  const list = Callbacks();
  list.add((...args: unknown[]) => calls.push(args));
  const arrayLike = new Proxy(
    { length: 1 },
    {
      get(target, key) {
        if (key === "0") throw error;
        return Reflect.get(target, key);
      },
    },
  );
  const first = outcomeOf(() => list.fireWith({}, arrayLike as any), error);
  list.fire("later");
  return { first, later: calls.map((args) => args.map(show)) };
};
cases["4 resolveWith(ctx, array-like whose index getter throws)"] = () => {
  const error = new Error("index read");
  const dfd = D();
  const first = outcomeOf(
    () =>
      dfd.resolveWith(
        {},
        {
          length: 1,
          get 0() {
            throw error;
          },
        },
      ),
    error,
  );
  return { first, state: dfd.state() };
};
cases["4 done({length: Infinity})"] = () => {
  const dfd = D();
  const seen: unknown[] = [];
  const first = outcomeOf(() => dfd.done({ length: Infinity }, (v: unknown) => seen.push(v)));
  dfd.resolve(1);
  return { first, state: dfd.state(), seen };
};
cases["4 Callbacks().add({length: 2 ** 40})"] = () => {
  const list = Callbacks();
  const seen: unknown[] = [];
  const first = outcomeOf(() => list.add({ length: 2 ** 40 } as any));
  list.add((v: unknown) => seen.push(v));
  list.fire(3);
  return { first, seen };
};

// 5. A throwing custom scheduler does not stop resolve() halfway.
cases["5 throwing scheduler: done callbacks after a then all run"] = async () => {
  const schedulerError = new Error("scheduler");
  const ran: string[] = [];
  const dfd = D();
  dfd.then(() => ran.push("then handler"));
  dfd.done(() => ran.push("done 1"));
  dfd.done(() => ran.push("done 2"));
  setScheduler(() => {
    throw schedulerError;
  });
  let resolveThrewIt = false;
  try {
    dfd.resolve();
  } catch (error) {
    resolveThrewIt = error === schedulerError;
  } finally {
    setScheduler("microtask");
  }
  await sleep(20);
  return {
    ran,
    state: dfd.state(),
    // Not lost: thrown by resolve() or reported as uncaught.
    surfaced: resolveThrewIt || uncaughtValues.includes(schedulerError),
  };
};
cases["5 throwing scheduler: later jobs are not one behind"] = async () => {
  const dfd = D();
  dfd.then(() => undefined);
  setScheduler(() => {
    throw new Error("scheduler");
  });
  try {
    dfd.resolve();
  } catch {
    // Whether resolve() rethrows is the other case's concern.
  }
  // The job the throwing scheduler refused runs from a microtask instead.
  await sleep(0);
  // A scheduler that records its tasks: each task handed out must run a job, and the tasks
  // handed out for a new job must run that job.
  const tasks: (() => void)[] = [];
  setScheduler((task) => tasks.push(task));
  let ran = false;
  try {
    D()
      .resolve()
      .then(() => {
        ran = true;
      });
    for (let i = 0; i < 100 && tasks.length > 0; i++) tasks.shift()!();
  } finally {
    setScheduler("microtask");
  }
  return { ranWithItsOwnTasks: ran };
};

// 6. No fixed depth turns a valid chain of thenables into a rejection.
for (const length of [1_000, 10_000]) {
  cases[`6 then handler returns a chain of ${length} thenables`] = async () => {
    D.exceptionHook = undefined;
    const settled = await settlement(
      D()
        .resolve()
        .then(() => thenableChain(length)),
      5_000,
    );
    return settled.summary();
  };
  cases[`6 when(chain of ${length} thenables)`] = async () => {
    D.exceptionHook = undefined;
    return (await settlement(whenAny(thenableChain(length)), 5_000)).summary();
  };
  cases[`6 resolve(chain of ${length} thenables).then()`] = async () => {
    D.exceptionHook = undefined;
    return (await settlement(D().resolve(thenableChain(length)).then(), 5_000)).summary();
  };
}
cases["6 a cycle of two thenables broken after 100,000 steps"] = async () => {
  D.exceptionHook = undefined;
  const { a, state } = thenableCycle(100_000);
  const settled = await settlement(
    D()
      .resolve()
      .then(() => a),
    5_000,
  );
  return { ...settled.summary(), calls: state.calls };
};
cases["6 an endless cycle keeps the event loop responsive (jquery scheduler)"] = async () => {
  D.exceptionHook = undefined;
  setScheduler("jquery");
  try {
    const { a, state } = thenableCycle();
    const derived = D()
      .resolve()
      .then(() => a);
    let outcome = "pending";
    derived.done(() => (outcome = "resolved")).fail(() => (outcome = "rejected"));
    // Timers fire while the cycle goes on, as with jQuery's setTimeout steps.
    await sleep(50);
    const callsAtTimer = state.calls;
    const outcomeAtTimer = outcome;
    state.stopped = true;
    await sleep(20);
    return { outcomeAtTimer, progressed: callsAtTimer > 2, outcome };
  } finally {
    setScheduler("microtask");
  }
};

// 7. Callbacks("unique") lets go of callbacks it no longer holds.
/**
 * Adds 100 fresh callbacks to a new list, applies `drop`, and returns WeakRefs to them and the
 * list. Synchronous on purpose: an async function keeps its stale locals alive across `await`.
 */
function fill(flags: string, drop: (list: any, callbacks: unknown[]) => void) {
  const list = Callbacks(flags);
  const refs: WeakRef<object>[] = [];
  const held: unknown[] = [];
  for (let i = 0; i < 100; i++) {
    const callback = () => i;
    refs.push(new WeakRef(callback));
    held.push(callback);
    list.add(callback);
  }
  drop(list, held);
  return { list, refs };
}
async function collectedAfter(flags: string, drop: (list: any, callbacks: unknown[]) => void) {
  const { list, refs } = fill(flags, drop);
  for (let i = 0; i < 2; i++) {
    await sleep(0);
    (globalThis as { gc?: () => void }).gc!();
  }
  const collected = refs.filter((ref) => ref.deref() === undefined).length;
  // The list itself stays alive until here: only what it holds is tested.
  return { collected, total: refs.length, locked: list.locked() };
}
cases["7 unique: removed callbacks are collected"] = () =>
  collectedAfter("unique", (list, callbacks) => list.remove(...callbacks));
cases["7 unique: emptied callbacks are collected"] = () =>
  collectedAfter("unique", (list) => list.empty());
cases["7 unique: callbacks of a disabled list are collected"] = () =>
  collectedAfter("unique", (list) => list.disable());
cases["7 unique: callbacks of a locked list are collected"] = () =>
  collectedAfter("unique", (list) => list.lock());
cases["7 once unique: callbacks are collected once fired"] = () =>
  collectedAfter("once unique", (list) => list.fire());
cases["7 unique: callbacks still held are kept (control)"] = () =>
  collectedAfter("unique", () => undefined);

// 8. promise(target) when target inherits from one of our promises or deferreds.
for (const [name, make] of [
  ["Object.create(d)", (d: any) => Object.create(d)],
  ["Object.create(d.promise())", (d: any) => Object.create(d.promise())],
  ["Object.create(another deferred's promise)", () => Object.create(D().promise())],
] as const) {
  cases[`8 d.promise(${name})`] = async () => {
    const dfd = D();
    const target = make(dfd);
    const returned = dfd.promise(target);
    const own = ["then", "done", "fail", "state", "promise", "always"].filter((key) =>
      Object.hasOwn(target, key),
    );
    const seen: unknown[] = [];
    target.done((v: unknown) => seen.push(`done ${show(v)}`));
    const thenSettled = settlement(target.then((v: number) => v * 2));
    const before = target.state();
    dfd.resolve(3);
    return {
      returnedTarget: returned === target,
      own,
      before,
      after: target.state(),
      seen,
      then: (await thenSettled).summary(),
    };
  };
}

// 9. Exception hooks: nothing lost, nothing uncaught when a rejection handler exists.
cases["9 throwing exceptionHook and throwing fail callback: both surface"] = async () => {
  const hookError = new Error("hook");
  const failError = new Error("fail callback");
  D.exceptionHook = () => {
    throw hookError;
  };
  let failCalled = false;
  D()
    .resolve()
    .then(() => {
      throw new Error("handler");
    })
    .fail(() => {
      failCalled = true;
      throw failError;
    });
  await sleep(50);
  return {
    failCalled,
    hookErrorSurfaced: uncaughtValues.includes(hookError),
    failErrorSurfaced: uncaughtValues.includes(failError),
  };
};
/** Reasons whose inspection throws. */
function hostileReason(kind: string): unknown {
  if (kind === "revoked Proxy") return revokedProxy();
  if (kind === "name getter that throws") {
    return Object.defineProperty(new Error("reason"), "name", {
      get() {
        throw new Error("name getter");
      },
    });
  }
  if (kind === "toString that throws") {
    return {
      toString() {
        throw new Error("toString");
      },
    };
  }
  return Object.create(null);
}
for (const kind of ["revoked Proxy", "name getter that throws", "toString that throws"]) {
  for (const handler of ["catch", "fail"]) {
    cases[`9 default hook, thrown ${kind}, handled by ${handler}`] = async () => {
      const reason = hostileReason(kind);
      const derived = D()
        .resolve()
        .then(() => {
          throw reason;
        });
      let seen: unknown = "not called";
      if (handler === "catch") derived.catch((r: unknown) => (seen = r));
      else derived.fail((r: unknown) => (seen = r));
      await sleep(50);
      return { handlerGotTheReason: seen === reason };
    };
  }
}

// 10. A thenable calling resolve then reject inside a multi-argument when: first call wins.
cases["10 when(thenable resolving then rejecting synchronously, d)"] = async () => {
  const dfd = D();
  const combined = whenAny(
    {
      then(resolve: (v: unknown) => void, reject: (r: unknown) => void) {
        resolve(1);
        reject(2);
      },
    },
    dfd,
  );
  dfd.resolve("x");
  const settled = await settlement(combined);
  return { ...settled.summary(), values: settled.calls[0]?.args.map(show) };
};
cases["10 when(thenable resolving then rejecting later, d)"] = async () => {
  const dfd = D();
  let callBack: () => void = () => undefined;
  const combined = whenAny(
    {
      then(resolve: (v: unknown) => void, reject: (r: unknown) => void) {
        callBack = () => {
          resolve(1);
          reject(2);
        };
      },
    },
    dfd,
  );
  callBack();
  dfd.resolve("x");
  const settled = await settlement(combined);
  return { ...settled.summary(), values: settled.calls[0]?.args.map(show) };
};

/** The names of every case, for the test file. */
export const CASE_NAMES = Object.keys(cases);

if (process.argv[1]?.endsWith("known-failures.cases.mjs")) await runCase(cases);
