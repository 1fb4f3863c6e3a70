/**
 * Deferred.exceptionHook, Deferred.getErrorHook and defaultExceptionHook (spec §2.9): when they
 * are called, with what, and that they are read at the moment of use.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultExceptionHook, Deferred, setScheduler } from "../../src/index.js";
import { nextTurn, turns, withExceptionHook } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  setScheduler("microtask");
  Deferred.exceptionHook = defaultExceptionHook;
  Deferred.getErrorHook = undefined;
});

describe("defaultExceptionHook", () => {
  it("is the initial Deferred.exceptionHook", () => {
    expect(Deferred.exceptionHook).toBe(defaultExceptionHook);
  });

  it.each([
    "EvalError",
    "InternalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
  ])(
    "warns on the console for a %s, passing the error object itself and the async error",
    (name) => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const error = Object.assign(new Error("programmer mistake"), { name });
      defaultExceptionHook(error, "async stack");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith("jQuery.Deferred exception", error, "async stack");
    },
  );

  it("stays silent for a plain Error, a custom error name, and thrown non-errors", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    defaultExceptionHook(new Error("Make me a sandwich"));
    defaultExceptionHook(Object.assign(new Error("x"), { name: "AbortError" }));
    defaultExceptionHook("a string");
    defaultExceptionHook({ message: "an object" });
    defaultExceptionHook(null);
    defaultExceptionHook(undefined);
    expect(warn).not.toHaveBeenCalled();
  });

  it("in then handlers, warns exactly for the programmer errors (a call of a missing method, an undefined variable)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const dfd = Deferred();
    const api = {} as { barf?: () => void };
    dfd.then(() => api.barf!());
    dfd.then(function barf() {
      // eslint-disable-next-line @typescript-eslint/ban-ts-comment
      // @ts-ignore: deliberately undefined, to raise a ReferenceError
      return thisDiesToo();
    });
    dfd.then(() => {
      throw new Error("Make me a sandwich");
    });
    dfd.resolve();
    await nextTurn();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls.map((call) => (call[1] as Error).name)).toEqual([
      "TypeError",
      "ReferenceError",
    ]);
  });
});

describe("Deferred.exceptionHook", () => {
  it("is called with the exception of a fulfilment or rejection handler, asyncError undefined by default", async () => {
    await withExceptionHook(async (seen) => {
      const first = new Error("in fulfilment");
      const second = new Error("in rejection");
      Deferred()
        .resolve()
        .then(() => {
          throw first;
        });
      Deferred()
        .reject()
        .then(null, () => {
          throw second;
        });
      await nextTurn();
      expect(seen).toEqual([
        { error: first, asyncError: undefined },
        { error: second, asyncError: undefined },
      ]);
    });
  });

  it("is called for a rejection passing through a then without a rejection handler", async () => {
    await withExceptionHook(async (seen) => {
      Deferred()
        .reject("passing through")
        .then(() => undefined);
      await nextTurn();
      expect(seen.map((entry) => entry.error)).toEqual(["passing through"]);
    });
  });

  it("is called even for an exception that is then ignored because the thenable already resolved", async () => {
    await withExceptionHook(async (seen) => {
      const late = new Error("after resolving");
      const derived = Deferred()
        .resolve()
        .then(() => ({
          then(onFulfilled: (value: unknown) => void) {
            onFulfilled("fine");
            throw late;
          },
        }));
      await turns(2);
      expect(derived.state()).toBe("resolved");
      expect(seen.map((entry) => entry.error)).toEqual([late]);
    });
  });

  it("is never called for exceptions in done, fail, progress or always callbacks", async () => {
    await withExceptionHook(async (seen) => {
      const boom = () => {
        throw new TypeError("synchronous callback");
      };
      const resolved = Deferred().done(boom).always(boom);
      const rejected = Deferred().fail(boom);
      const notified = Deferred().progress(boom);
      expect(() => resolved.resolve()).toThrow(TypeError);
      expect(() => rejected.reject()).toThrow(TypeError);
      expect(() => notified.notify()).toThrow(TypeError);
      await nextTurn();
      expect(seen).toEqual([]);
    });
  });

  it("is read at the moment the exception is caught, not when then was called", async () => {
    const early: unknown[] = [];
    const late: unknown[] = [];
    Deferred.exceptionHook = (error) => early.push(error);
    const dfd = Deferred();
    dfd.then(() => {
      throw new Error("caught later");
    });
    Deferred.exceptionHook = (error) => late.push(error);
    dfd.resolve();
    await nextTurn();
    expect(early).toEqual([]);
    expect((late[0] as Error).message).toBe("caught later");
  });

  it("can be removed: exceptions then only reject the derived promise", async () => {
    Deferred.exceptionHook = undefined;
    const derived = Deferred()
      .resolve()
      .then(() => {
        throw new TypeError("quiet");
      });
    await nextTurn();
    expect(derived.state()).toBe("rejected");
  });
});

describe("Deferred.getErrorHook", () => {
  it("is undefined by default", () => {
    expect(Deferred.getErrorHook).toBeUndefined();
  });

  it("is called when a then handler is scheduled, and its result reaches exceptionHook as asyncError", async () => {
    await withExceptionHook(async (seen) => {
      const order: string[] = [];
      Deferred.getErrorHook = () => {
        order.push("getErrorHook");
        return "NO ERROR FOR YOU";
      };
      const dfd = Deferred();
      dfd.then(() => {
        order.push("handler");
        throw new Error("with async error");
      });
      expect(order).toEqual([]);
      dfd.resolve();
      expect(order).toEqual(["getErrorHook"]);
      await nextTurn();
      expect(order).toEqual(["getErrorHook", "handler"]);
      expect(seen.map((entry) => entry.asyncError)).toEqual(["NO ERROR FOR YOU"]);
    });
  });

  it("its result is passed by the default exceptionHook to console.warn", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    Deferred.getErrorHook = () => "NO ERROR FOR YOU";
    Deferred()
      .resolve()
      .then(() => {
        throw new TypeError("warned");
      });
    await nextTurn();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]).toContain("NO ERROR FOR YOU");
  });

  it("is called once per scheduled handler, not for the callbacks of an adopted thenable", async () => {
    let calls = 0;
    Deferred.getErrorHook = () => {
      calls++;
      return undefined;
    };
    const derived = Deferred()
      .resolve()
      .then(() => Promise.resolve("adopted"));
    await turns(2);
    expect(derived.state()).toBe("resolved");
    expect(calls).toBe(1);
  });

  it("is called again when an adopted deferred schedules its own handler (as in jQuery)", async () => {
    let calls = 0;
    Deferred.getErrorHook = () => {
      calls++;
      return undefined;
    };
    const derived = Deferred()
      .resolve()
      .then(() => Deferred().resolve("adopted"));
    await turns(2);
    expect(derived.state()).toBe("resolved");
    expect(calls).toBe(2);
  });

  it("is read at scheduling time: a hook installed after then() but before resolve() is used", async () => {
    await withExceptionHook(async (seen) => {
      const dfd = Deferred();
      dfd.then(() => {
        throw new Error("x");
      });
      Deferred.getErrorHook = () => "installed late";
      dfd.resolve();
      await nextTurn();
      expect(seen.map((entry) => entry.asyncError)).toEqual(["installed late"]);
    });
  });

  it("is ignored while it is not a function, and reads back as it was set", async () => {
    await withExceptionHook(async (seen) => {
      const fail = () =>
        Deferred()
          .resolve()
          .then(() => {
            throw new Error("x");
          });
      Deferred.getErrorHook = () => "first";
      const hook = { not: "a function" } as unknown as () => unknown;
      Deferred.getErrorHook = hook;
      expect(Deferred.getErrorHook).toBe(hook);
      fail();
      await nextTurn();
      Deferred.getErrorHook = () => "second";
      fail();
      await nextTurn();
      expect(seen.map((entry) => entry.asyncError)).toEqual([undefined, "second"]);
    });
  });
});

describe("a throwing hook", () => {
  /** Runs then jobs by hand and collects what would surface as uncaught errors. */
  function captureUncaught() {
    const tasks: Array<() => void> = [];
    const uncaught: Array<() => void> = [];
    setScheduler((task) => tasks.push(task));
    vi.stubGlobal("queueMicrotask", (callback: () => void) => uncaught.push(callback));
    const runJobs = () => {
      while (tasks.length > 0) tasks.shift()!();
    };
    return { runJobs, uncaught };
  }

  it("a throwing exceptionHook still lets the derived promise reject, and its exception surfaces as uncaught", () => {
    const { runJobs, uncaught } = captureUncaught();
    const hookError = new Error("hook threw");
    Deferred.exceptionHook = () => {
      throw hookError;
    };
    const handlerError = new Error("handler threw");
    const derived = Deferred()
      .resolve()
      .then(() => {
        throw handlerError;
      });
    const reasons: unknown[] = [];
    derived.fail((reason) => reasons.push(reason));
    runJobs();
    expect(derived.state()).toBe("rejected");
    expect(reasons).toEqual([handlerError]);
    expect(uncaught).toHaveLength(1);
    expect(() => uncaught[0]!()).toThrow(hookError);
  });

  it("a throwing getErrorHook does not stop the settlement: the handler still runs, with no asyncError, and the exception surfaces as uncaught", () => {
    const { runJobs, uncaught } = captureUncaught();
    const hookError = new Error("getErrorHook threw");
    Deferred.getErrorHook = () => {
      throw hookError;
    };
    const seen: Array<{ error: unknown; asyncError: unknown }> = [];
    Deferred.exceptionHook = (error, asyncError) => seen.push({ error, asyncError });
    const order: string[] = [];
    const dfd = Deferred();
    dfd.then(() => {
      order.push("then");
      throw new Error("from the handler");
    });
    dfd.done(() => order.push("done"));
    expect(() => dfd.resolve()).not.toThrow();
    expect(order).toEqual(["done"]);
    runJobs();
    expect(order).toEqual(["done", "then"]);
    expect(seen.map((entry) => entry.asyncError)).toEqual([undefined]);
    expect(uncaught).toHaveLength(1);
    expect(() => uncaught[0]!()).toThrow(hookError);
  });

  it("hooks are called with the Deferred function as this, as jQuery calls jQuery.Deferred.exceptionHook", async () => {
    const contexts: unknown[] = [];
    Deferred.getErrorHook = function (this: unknown) {
      contexts.push(this);
      return undefined;
    };
    Deferred.exceptionHook = function (this: unknown) {
      contexts.push(this);
    };
    Deferred()
      .resolve()
      .then(() => {
        throw new Error("x");
      });
    await nextTurn();
    expect(contexts).toEqual([Deferred, Deferred]);
  });
});
