/**
 * Errors are never lost. A throwing done/fail/always/progress or Callbacks callback never wedges
 * its list: the rest of the pass and the queued fires run, later calls work, and the first
 * exception is rethrown to the caller after the pass (documented difference #2). A throwing `then`
 * handler (progress included, difference #3) rejects the derived promise and goes to
 * `Deferred.exceptionHook(error, asyncError)`, `asyncError` being `getErrorHook()`'s value. A
 * throwing hook still lets the promise settle and surfaces as an uncaught error.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Callbacks, Deferred, type ExceptionHook, type GetErrorHook } from "../../src/index.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Resolves with the next `count` uncaught exceptions of this process, kept from vitest. */
function nextUncaught(count = 1): Promise<unknown[]> {
  return new Promise((resolve) => {
    const saved = process.listeners("uncaughtException");
    process.removeAllListeners("uncaughtException");
    const errors: unknown[] = [];
    const collect = (error: unknown) => {
      errors.push(error);
      if (errors.length < count) return;
      process.off("uncaughtException", collect);
      for (const listener of saved) process.on("uncaughtException", listener);
      resolve(errors);
    };
    process.on("uncaughtException", collect);
  });
}

const savedHooks = {
  exceptionHook: Deferred.exceptionHook,
  getErrorHook: Deferred.getErrorHook,
};
afterEach(() => {
  Deferred.exceptionHook = savedHooks.exceptionHook;
  Deferred.getErrorHook = savedHooks.getErrorHook;
});

/** Five callbacks: three that log their argument and, between them, two that throw. */
function throwingPass(log: unknown[]) {
  const first = new Error("first");
  const second = new Error("second");
  const callbacks = [
    (value: unknown) => log.push(`A ${String(value)}`),
    () => {
      throw first;
    },
    (value: unknown) => log.push(`B ${String(value)}`),
    () => {
      throw second;
    },
    (value: unknown) => log.push(`C ${String(value)}`),
  ];
  return { first, callbacks };
}

const FLAGS = ["once", "memory", "unique", "stopOnFalse"] as const;
const FLAG_SETS = Array.from({ length: 16 }, (_, mask) =>
  FLAGS.filter((_, bit) => mask & (1 << bit)).join(" "),
);

describe("Callbacks.fire", () => {
  it.each(FLAG_SETS.map((flags) => [flags || "(no flags)", flags]))(
    "with %s: a throwing callback does not stop the pass, rethrows the first error, and leaves the list working",
    (_, flags) => {
      const once = flags.includes("once");
      const memory = flags.includes("memory");
      const list = Callbacks(flags);
      const log: unknown[] = [];
      const { first, callbacks } = throwingPass(log);
      list.add(callbacks);

      expect(() => list.fire(1)).toThrow(first);
      expect(log).toEqual(["A 1", "B 1", "C 1"]);
      expect(list.fired()).toBe(true);
      expect(list.locked()).toBe(once);
      expect(list.disabled()).toBe(once && !memory);

      log.length = 0;
      if (once) {
        expect(() => list.fire(2)).not.toThrow();
        expect(log).toEqual([]);
      } else {
        expect(() => list.fire(2)).toThrow(first);
        expect(log).toEqual(["A 2", "B 2", "C 2"]);
      }

      log.length = 0;
      list.add((value: unknown) => log.push(`late ${String(value)}`));
      expect(log).toEqual(memory ? [`late ${once ? 1 : 2}`] : []);
    },
  );

  it.each(FLAG_SETS.map((flags) => [flags || "(no flags)", flags]))(
    "with %s: a fire queued from inside a callback still runs after a throw in the pass",
    (_, flags) => {
      const list = Callbacks(flags);
      const log: unknown[] = [];
      const boom = new Error("boom");
      list.add(
        (value: number) => {
          log.push(value);
          if (value === 1) list.fire(2);
        },
        () => {
          throw boom;
        },
      );
      expect(() => list.fire(1)).toThrow(boom);
      expect(log).toEqual(flags.includes("once") ? [1] : [1, 2]);
    },
  );

  it("a callback returning false after a throw still ends a stopOnFalse pass, and the error is rethrown", () => {
    const list = Callbacks("stopOnFalse memory");
    const log: string[] = [];
    const boom = new Error("boom");
    list.add(
      () => {
        throw boom;
      },
      () => false,
      () => log.push("after false"),
    );
    expect(() => list.fire()).toThrow(boom);
    expect(log).toEqual([]);
    // stopOnFalse erased the memory: a late callback is not called.
    list.add(() => log.push("late"));
    expect(log).toEqual([]);
  });

  it("a throwing callback replayed by add on a memory list is rethrown by add, after the other new callbacks ran", () => {
    const list = Callbacks("memory");
    list.fire("x");
    const log: unknown[] = [];
    const { first, callbacks } = throwingPass(log);
    expect(() => list.add(callbacks)).toThrow(first);
    expect(log).toEqual(["A x", "B x", "C x"]);
    expect(() => list.fire("y")).toThrow(first);
    expect(log.slice(3)).toEqual(["A y", "B y", "C y"]);
  });

  it("rethrows a thrown non-Error value (even undefined) as it was thrown", () => {
    const list = Callbacks();
    list.add(() => {
      throw undefined;
    });
    let caught: unknown = "nothing";
    let threw = false;
    try {
      list.fire();
    } catch (error) {
      threw = true;
      caught = error;
    }
    expect(threw).toBe(true);
    expect(caught).toBeUndefined();
  });
});

describe.each([
  ["done", "resolve"],
  ["fail", "reject"],
  ["always", "resolve"],
  ["always", "reject"],
] as const)("%s callbacks, settled by %s", (method, settle) => {
  it("a throwing callback does not stop the pass; the first error reaches the caller of the settle", () => {
    const dfd = Deferred();
    const log: unknown[] = [];
    const { first, callbacks } = throwingPass(log);
    dfd[method](callbacks);
    expect(() => dfd[settle]("v")).toThrow(first);
    expect(log).toEqual(["A v", "B v", "C v"]);
    expect(dfd.state()).toBe(settle === "resolve" ? "resolved" : "rejected");
  });

  it("the deferred keeps working: a callback added later runs at once", () => {
    const dfd = Deferred();
    dfd[method](() => {
      throw new Error("boom");
    });
    expect(() => dfd[settle]("v")).toThrow("boom");
    const late: unknown[] = [];
    dfd[method]((value: unknown) => late.push(value));
    expect(late).toEqual(["v"]);
  });

  it("a throwing callback added after settlement is rethrown by the adding call, after its siblings ran", () => {
    const dfd = Deferred();
    dfd[settle]("v");
    const log: unknown[] = [];
    const { first, callbacks } = throwingPass(log);
    expect(() => dfd[method](callbacks)).toThrow(first);
    expect(log).toEqual(["A v", "B v", "C v"]);
  });

  it("then handlers registered on the same deferred still run", async () => {
    const dfd = Deferred();
    dfd[method](() => {
      throw new Error("boom");
    });
    const seen: unknown[] = [];
    dfd.then(
      (value) => seen.push(["fulfilled", value]),
      (reason) => seen.push(["rejected", reason]),
    );
    expect(() => dfd[settle]("v")).toThrow("boom");
    await tick();
    expect(seen).toEqual([[settle === "resolve" ? "fulfilled" : "rejected", "v"]]);
  });
});

describe("progress callbacks", () => {
  it("a throwing callback does not stop the pass; notify rethrows the first error; later notifications arrive", () => {
    const dfd = Deferred();
    const log: unknown[] = [];
    const { first, callbacks } = throwingPass(log);
    dfd.progress(callbacks);
    expect(() => dfd.notify(1)).toThrow(first);
    expect(() => dfd.notify(2)).toThrow(first);
    expect(log).toEqual(["A 1", "B 1", "C 1", "A 2", "B 2", "C 2"]);
    dfd.resolve();
    expect(dfd.state()).toBe("resolved");
  });

  it("notifications queued from a callback still run after a throw; notify rethrows the first error once", () => {
    const dfd = Deferred<unknown, unknown, [number]>();
    const log: number[] = [];
    dfd.progress((n) => {
      log.push(n);
      if (n < 3) dfd.notify(n + 1);
      if (n === 2) throw new Error(`at ${n}`);
    });
    expect(() => dfd.notify(1)).toThrow("at 2");
    expect(log).toEqual([1, 2, 3]);
  });

  it("a throwing progress callback added after a notification is rethrown by progress()", () => {
    const dfd = Deferred();
    dfd.notify("n");
    const log: unknown[] = [];
    const { first, callbacks } = throwingPass(log);
    expect(() => dfd.progress(callbacks)).toThrow(first);
    expect(log).toEqual(["A n", "B n", "C n"]);
    dfd.resolve();
    const { first: again, callbacks: more } = throwingPass(log);
    expect(() => dfd.progress(more)).toThrow(again);
  });
});

describe("then handlers", () => {
  function recordHooks() {
    const calls: unknown[][] = [];
    let scheduled = 0;
    Deferred.exceptionHook = ((...args: unknown[]) => {
      calls.push(args);
    }) as ExceptionHook;
    Deferred.getErrorHook = (() => `scheduled #${++scheduled}`) as GetErrorHook;
    return calls;
  }

  it.each([
    ["fulfilment", "resolve", 0],
    ["rejection", "reject", 1],
    ["progress", "notify", 2],
  ] as const)(
    "an exception in a %s handler rejects the derived promise with it alone and calls exceptionHook(error, getErrorHook())",
    async (_, fire, position) => {
      const calls = recordHooks();
      const error = new TypeError("handler failed");
      const handlers: unknown[] = [undefined, undefined, undefined];
      handlers[position] = function (this: unknown) {
        throw error;
      };
      const dfd = Deferred();
      const derived = dfd.then(...(handlers as [never, never, never]));
      const outcome: unknown[] = [];
      derived.fail(function (this: unknown, ...values: unknown[]) {
        outcome.push(this, values);
      });
      dfd[`${fire}With`]({ context: "source" }, ["v", "w"]);
      await tick();
      expect(outcome).toEqual([undefined, [error]]);
      expect(calls).toEqual([[error, "scheduled #1"]]);
    },
  );

  it("a rejection passing through a then without a rejection handler keeps its context and values, and goes to exceptionHook, as in jQuery", async () => {
    const calls = recordHooks();
    const reason = new Error("passing through");
    const context = { context: "source" };
    const derived = Deferred()
      .rejectWith(context, [reason, "extra"])
      .then((value) => value);
    const outcome: unknown[] = [];
    derived.fail(function (this: unknown, ...values: unknown[]) {
      outcome.push(this, values);
    });
    await tick();
    expect(outcome).toEqual([context, [reason, "extra"]]);
    expect(calls).toEqual([[reason, "scheduled #1"]]);
  });

  it("exceptionHook is read when the exception is caught; unset, the derived promise still rejects", async () => {
    Deferred.exceptionHook = undefined;
    const error = new Error("quiet");
    const derived = Deferred()
      .resolve()
      .then(() => {
        throw error;
      });
    await tick();
    expect(derived.state()).toBe("rejected");
    const late = vi.fn();
    Deferred.exceptionHook = late;
    derived.catch(() => undefined);
    await tick();
    expect(late).not.toHaveBeenCalled();
  });

  it("a throwing exceptionHook still lets the derived promise reject; the hook's exception surfaces as uncaught", async () => {
    const hookError = new Error("hook failed");
    Deferred.exceptionHook = () => {
      throw hookError;
    };
    const error = new Error("handler failed");
    const uncaught = nextUncaught();
    const derived = Deferred()
      .resolve()
      .then(() => {
        throw error;
      });
    expect(await uncaught).toEqual([hookError]);
    const reasons: unknown[] = [];
    derived.fail((reason) => reasons.push(reason));
    expect(reasons).toEqual([error]);
  });

  it("a throwing getErrorHook loses nothing: every handler and callback still runs and its exception surfaces as uncaught", async () => {
    const hookError = new Error("getErrorHook failed");
    Deferred.getErrorHook = () => {
      throw hookError;
    };
    const log: string[] = [];
    const dfd = Deferred();
    dfd.then(() => log.push("then 1"));
    dfd.then(() => log.push("then 2"));
    dfd.done(() => log.push("done"));
    // One exception per scheduled handler.
    const uncaught = nextUncaught(2);
    dfd.resolve();
    expect(log).toEqual(["done"]);
    const errors = await uncaught;
    expect(errors).toHaveLength(2);
    expect(errors.every((error) => error === hookError)).toBe(true);
    await tick();
    expect(log).toEqual(["done", "then 1", "then 2"]);
  });

  it("an exception in a done callback of a then-derived promise surfaces as uncaught and the chain goes on", async () => {
    const boom = new Error("in done");
    const uncaught = nextUncaught();
    const derived = Deferred<[number]>()
      .resolve(1)
      .then((n) => n + 1);
    derived.done(() => {
      throw boom;
    });
    const next = derived.then((n) => n * 10);
    expect(await uncaught).toEqual([boom]);
    const values: unknown[] = [];
    next.done((n) => values.push(n));
    await tick();
    expect(values).toEqual([20]);
  });
});
