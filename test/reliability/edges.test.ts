/**
 * Edge cases that mutation testing (npm run mutation) showed no test pinned down: each test here
 * fails on a specific mutant of src/core that survived the rest of the in-process suites.
 */
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import {
  Callbacks,
  Deferred,
  defaultExceptionHook,
  setScheduler,
  trackUnhandledRejections,
  when,
} from "../../src/index.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const savedHooks = { exceptionHook: Deferred.exceptionHook, getErrorHook: Deferred.getErrorHook };
afterEach(() => {
  Deferred.exceptionHook = savedHooks.exceptionHook;
  Deferred.getErrorHook = savedHooks.getErrorHook;
  trackUnhandledRejections(false);
  vi.restoreAllMocks();
});

describe("Callbacks", () => {
  it("treats null flags as no flags", () => {
    const list = Callbacks(null as never);
    const seen: unknown[] = [];
    list.add((v: unknown) => seen.push(v));
    list.fire(1).fire(2);
    expect(seen).toEqual([1, 2]);
  });

  it("remove on a disabled list does nothing and returns the list", () => {
    const list = Callbacks();
    const fn = () => undefined;
    list.add(fn).disable();
    expect(list.remove(fn)).toBe(list);
  });
});

describe("done", () => {
  it("several callbacks added in one call to a long list run after the others, in order", () => {
    const dfd = Deferred();
    const log: number[] = [];
    for (let i = 0; i < 40; i++) dfd.done(() => log.push(i));
    dfd.done(
      () => log.push(40),
      () => log.push(41),
    );
    dfd.resolve();
    expect(log).toEqual(Array.from({ length: 42 }, (_, i) => i));
  });
});

describe("progress", () => {
  it("a callback added to a notified pending deferred is called alone, not its siblings again", () => {
    const dfd = Deferred();
    const log: string[] = [];
    dfd.notify("n");
    dfd.progress(() => log.push("a"));
    dfd.progress(() => log.push("b"));
    dfd.progress(
      () => log.push("c"),
      () => log.push("d"),
    );
    expect(log).toEqual(["a", "b", "c", "d"]);
  });
});

describe("then", () => {
  it("a handler result whose then is not a function is a plain value", async () => {
    const value = { then: 5 };
    const seen: unknown[] = [];
    Deferred()
      .resolve()
      .then(() => value)
      .done((v) => seen.push(v));
    await tick();
    expect(seen).toEqual([value]);
  });

  it("a thenable returned by a progress handler is called with two callbacks, by a fulfilment handler with three", async () => {
    const counts: number[] = [];
    const thenable = {
      then(...callbacks: unknown[]) {
        counts.push(callbacks.length);
      },
    };
    const dfd = Deferred();
    dfd.then(
      () => thenable,
      null,
      () => thenable,
    );
    dfd.notify();
    await tick();
    dfd.resolve();
    await tick();
    expect(counts).toEqual([2, 3]);
  });

  it("a pending deferred returned by a progress handler notifies with its resolution value only, ignoring its own progress", async () => {
    // Nothing may throw along the way, not even out of sight in a scheduled job.
    const uncaught: unknown[] = [];
    const saved = process.listeners("uncaughtException");
    process.removeAllListeners("uncaughtException");
    const collect = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", collect);
    onTestFinished(() => {
      process.off("uncaughtException", collect);
      for (const listener of saved) process.on("uncaughtException", listener);
    });
    const source = Deferred();
    const surrogate = Deferred();
    const progress: unknown[] = [];
    source.then(null, null, () => surrogate).progress((v) => progress.push(v));
    source.notify("trigger");
    await tick();
    surrogate.notify("ignored");
    await tick();
    surrogate.resolve("value");
    await tick();
    expect(progress).toEqual(["value"]);
    expect(uncaught).toEqual([]);
  });

  it("thenables that call back synchronously are followed at any depth: 256 in one job, more after a task every 256", async () => {
    const nested = (n: number): unknown => ({
      then(resolve: (v: unknown) => void) {
        resolve(n === 1 ? "bottom" : nested(n - 1));
      },
    });
    const outcomes: unknown[] = [];
    for (const depth of [256, 257]) {
      const derived = Deferred()
        .resolve()
        .then(() => nested(depth));
      await tick();
      outcomes.push(derived.state());
    }
    expect(outcomes).toEqual(["resolved", "pending"]);
    const deep = Deferred()
      .resolve()
      .then(() => nested(10_000));
    for (let i = 0; i < 200 && deep.state() === "pending"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const values: unknown[] = [];
    deep.done((v) => values.push(v));
    expect(values).toEqual(["bottom"]);
  });

  it("getErrorHook is called with no arguments and Deferred as this, as jQuery calls it", async () => {
    const calls: unknown[][] = [];
    Deferred.getErrorHook = function (this: unknown, ...args: unknown[]) {
      calls.push([this === Deferred, args.length]);
      return undefined;
    };
    Deferred().resolve().then();
    await tick();
    expect(calls).toEqual([[true, 0]]);
  });
});

describe("pipe", () => {
  it("forwards nest 256 deep in jQuery's order; the 257th waits for the outermost one", () => {
    const first = Deferred();
    const log: number[] = [];
    const links = [first.promise()];
    for (let i = 1; i <= 300; i++) links.push(links[i - 1]!.pipe((n: number) => n + 1));
    // Each link's done callback comes after the pipe to the next link.
    for (const link of links.slice(1)) link.done((n: number) => log.push(n));
    first.resolve(0);
    // Links 1..256 settle one inside the other, so their done callbacks run innermost first
    // (256, 255, ..., 1); link 257 onwards runs from the outermost forward's loop.
    expect(log.slice(0, 3)).toEqual([256, 255, 254]);
    expect(log).toHaveLength(300);
  });

  it("sibling pipes of one promise all run nested at the same depth, in jQuery's order", () => {
    const first = Deferred();
    const middle = first.pipe((n: number) => n);
    const log: unknown[] = [];
    for (let i = 0; i < 300; i++) middle.pipe(() => i).done((v) => log.push(v));
    middle.done(() => log.push("middle"));
    first.resolve(0);
    expect(log).toEqual([...Array.from({ length: 300 }, (_, i) => i), "middle"]);
  });
});

describe("when", () => {
  it("follows a foreign promise-like through its promise() method's done and fail", () => {
    const foreign = (settle: "resolve" | "reject") => {
      const inner = Deferred();
      const promiseLike = {
        done: (fn: () => void) => (inner.done(fn), promiseLike),
        fail: (fn: () => void) => (inner.fail(fn), promiseLike),
        progress: (fn: () => void) => (inner.progress(fn), promiseLike),
      };
      return { promise: () => promiseLike, settle: () => inner[settle]("v") };
    };
    const resolved = foreign("resolve");
    const rejected = foreign("reject");
    const seen: unknown[] = [];
    when(resolved, 1).done((...v) => seen.push(["done", ...v]));
    when(rejected, 1).fail((...v) => seen.push(["fail", ...v]));
    resolved.settle();
    rejected.settle();
    expect(seen).toEqual([
      ["done", "v", 1],
      ["fail", "v"],
    ]);
  });

  it("treats a function with a promise() method as promise-like, and one with then as a thenable", async () => {
    const dfd = Deferred().resolve("from promise()");
    const withPromise = Object.assign(() => undefined, { promise: () => dfd.promise() });
    const withThen = Object.assign(() => undefined, {
      then: (resolve: (v: unknown) => void) => resolve("from then"),
    });
    const seen: unknown[] = [];
    when(withPromise).done((v) => seen.push(v));
    when(withThen, 2).done((...v) => seen.push(v));
    await tick();
    expect(seen).toEqual(["from promise()", ["from then", 2]]);
  });

  it("accepts a promise() result that is a function carrying done, fail and progress", () => {
    const inner = Deferred().resolve("ok");
    const promiseLike = Object.assign(() => undefined, {
      done: inner.done,
      fail: inner.fail,
      progress: inner.progress,
    });
    const seen: unknown[] = [];
    when({ promise: () => promiseLike }).done((v) => seen.push(v));
    expect(seen).toEqual(["ok"]);
  });

  it.each([
    ["done", "it"],
    ["fail", "done()"],
  ])(
    "rejects with a TypeError when the promise() result lacks only %s, read where jQuery reads it",
    async (missing, from) => {
      Deferred.exceptionHook = undefined;
      const inner = Deferred();
      const result: Record<string, unknown> = {
        done: inner.done,
        fail: inner.fail,
        progress: inner.progress,
      };
      delete result[missing];
      const reasons: unknown[] = [];
      // jQuery calls `value.promise().done(resolve).fail(reject)`: `fail` is read on what `done`
      // returned (its `this`, here the result object).
      when({ promise: () => result }, 1).fail((e) => reasons.push(e));
      expect(reasons).toEqual([
        new TypeError(
          `when(): the value has a promise() method, but ${from} returned an object ` +
            "instead of a promise with done/fail/progress methods",
        ),
      ]);
    },
  );

  it("follows a promise() result without progress, as jQuery's when never calls it", () => {
    const inner = Deferred();
    const seen: unknown[] = [];
    when({ promise: () => ({ done: inner.done, fail: inner.fail }) }, 1).done((a, b) =>
      seen.push(a, b),
    );
    inner.resolve("ok");
    expect(seen).toEqual(["ok", 1]);
  });

  it("a single rejected deferred is observed synchronously, even when its reason is a thenable", () => {
    const thenable = { then: () => undefined };
    const seen: unknown[] = [];
    when(Deferred().reject(thenable)).fail((reason) => seen.push(reason));
    when(Deferred().reject("plain")).fail((reason) => seen.push(reason));
    expect(seen).toEqual([thenable, "plain"]);
  });

  it("a single deferred resolved with a thenable and another value is observed synchronously, unwrapping nothing", () => {
    const thenable = { then: () => undefined };
    const seen: unknown[] = [];
    when(Deferred().resolve(thenable, 2)).done((...values) => seen.push(values));
    expect(seen).toEqual([[thenable, 2]]);
  });
});

describe("argument checks", () => {
  it("resolveWith rejects an object without a length", () => {
    expect(() => Deferred().resolveWith(null, {} as never)).toThrow(
      new TypeError(
        "resolveWith(context, args): args must be an array or array-like object, got an object " +
          "whose length is not an integer from 0 to 1048576",
      ),
    );
  });

  it("error messages quote at most 40 characters of a string", () => {
    expect(() => Deferred("x".repeat(100) as never)).toThrow(
      new TypeError(
        `Deferred(beforeStart): beforeStart must be a function, got the string "${"x".repeat(40)}"`,
      ),
    );
  });
});

describe("defaultExceptionHook", () => {
  it("warns only for names that are exactly one of the native programmer-error types", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const name of ["MyTypeError", "TypeErrorish", "RangeError"]) {
      const error = new Error("x");
      error.name = name;
      defaultExceptionHook(error);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect((warn.mock.calls[0]![1] as Error).name).toBe("RangeError");
  });
});

describe("trackUnhandledRejections", () => {
  const nextTurn = async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 1));
  };

  it("checks once per turn, however many promises are rejected in it", async () => {
    trackUnhandledRejections({ unhandled: () => undefined });
    const timers = vi.spyOn(globalThis, "setTimeout");
    for (let i = 0; i < 10; i++) Deferred().reject(i);
    expect(timers).toHaveBeenCalledTimes(1);
    timers.mockRestore();
    await nextTurn();
  });

  it("once turned off, reports nothing and schedules nothing", async () => {
    trackUnhandledRejections();
    trackUnhandledRejections(false);
    const timers = vi.spyOn(globalThis, "setTimeout");
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    Deferred().reject("x");
    expect(timers).not.toHaveBeenCalled();
    timers.mockRestore();
    await nextTurn();
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it("true drops hooks given earlier, and null hooks count as absent", async () => {
    const earlier = vi.fn();
    trackUnhandledRejections({ unhandled: earlier, handled: null as never });
    trackUnhandledRejections(true);
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    Deferred().reject("x");
    await nextTurn();
    expect(earlier).not.toHaveBeenCalled();
    expect(emitWarning).toHaveBeenCalledTimes(1);
  });
});

describe("queued jobs", () => {
  it("read their values without the array iterator, which a program may have replaced", () => {
    // The jobs run synchronously below, from a scheduler function, so that nothing but them runs
    // while the iterator is replaced.
    const tasks: (() => void)[] = [];
    setScheduler((task) => {
      tasks.push(task);
    });
    onTestFinished(() => setScheduler("microtask"));
    const seen: unknown[] = [];
    // Thenables that call back at once with another: past 256 nested calls the next `then` call
    // is a job of its own.
    let depth = 0;
    const nested = (): PromiseLike<unknown> =>
      ({
        then(onFulfilled: (value: unknown) => void) {
          depth++;
          onFulfilled(depth < 300 ? nested() : "deep");
        },
      }) as PromiseLike<unknown>;
    const root = Deferred();
    root.then(() => nested()).then((value: unknown) => seen.push(["deep", value, depth]));
    // `when` of a deferred resolved with a promise adopts that promise from a job of its own.
    const inner = Deferred();
    when(Deferred().resolve(inner.promise()).promise()).then((value: unknown) =>
      seen.push(["when", value]),
    );
    const iterator = Array.prototype[Symbol.iterator];
    Array.prototype[Symbol.iterator] = () => {
      throw new Error("replaced iterator");
    };
    try {
      root.resolve();
      inner.resolve(7);
      for (let i = 0; tasks.length > 0 && i < 10_000; i++) tasks.shift()!();
    } finally {
      Array.prototype[Symbol.iterator] = iterator;
    }
    expect(tasks).toEqual([]);
    expect(seen).toHaveLength(2);
    expect(seen).toContainEqual(["when", 7]);
    expect(seen).toContainEqual(["deep", "deep", 300]);
  });
});
