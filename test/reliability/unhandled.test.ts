/**
 * Unhandled-rejection tracking (`trackUnhandledRejections`): off by default; when on, a promise
 * rejected without a fail/always/then/catch/pipe/when subscriber by the end of its turn is
 * reported once, and a subscriber attached later reports it as handled.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  Deferred,
  type DeferredPromise,
  isTrackingUnhandledRejections,
  setScheduler,
  trackUnhandledRejections,
  when,
} from "../../src/index.js";

/**
 * Waits past the end-of-turn check. Two timers in sequence: the second is created after every
 * rejection of the current turn has scheduled its check, however late a loaded machine runs them.
 */
const nextTurn = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 1));
};

function recorder() {
  const unhandled: [unknown, DeferredPromise, unknown[]][] = [];
  const handled: DeferredPromise[] = [];
  trackUnhandledRejections({
    unhandled: (reason, promise, values) => unhandled.push([reason, promise, values]),
    handled: (promise) => handled.push(promise),
  });
  return { unhandled, handled };
}

afterEach(() => {
  trackUnhandledRejections(false);
  setScheduler("microtask");
  vi.restoreAllMocks();
});

describe("trackUnhandledRejections", () => {
  it("is off by default: a lone rejection reports nothing and schedules no check", async () => {
    expect(isTrackingUnhandledRejections()).toBe(false);
    const warning = vi.fn();
    process.on("warning", warning);
    const timers = vi.spyOn(globalThis, "setTimeout");
    Deferred().reject(new Error("nobody listens"));
    expect(timers).not.toHaveBeenCalled();
    timers.mockRestore();
    await nextTurn();
    process.off("warning", warning);
    expect(warning).not.toHaveBeenCalled();
  });

  it("reports a rejection with no handler once, with its reason, promise and all values", async () => {
    const { unhandled, handled } = recorder();
    expect(isTrackingUnhandledRejections()).toBe(true);
    const dfd = Deferred();
    const reason = new Error("lost");
    dfd.reject(reason, "second value");
    expect(unhandled).toEqual([]); // not before the end of the turn
    await nextTurn();
    await nextTurn();
    expect(unhandled).toEqual([[reason, dfd.promise(), [reason, "second value"]]]);
    expect(handled).toEqual([]);
  });

  it("reports a rejection with no value with reason undefined", async () => {
    const { unhandled } = recorder();
    const dfd = Deferred();
    dfd.rejectWith({ some: "context" });
    await nextTurn();
    expect(unhandled).toEqual([[undefined, dfd.promise(), []]]);
  });

  it.each([
    ["fail", (p: DeferredPromise) => p.fail(() => undefined)],
    ["always", (p: DeferredPromise) => p.always(() => undefined)],
    ["catch", (p: DeferredPromise) => p.catch(() => undefined)],
    ["then with a rejection handler", (p: DeferredPromise) => p.then(null, () => undefined)],
    ["when with several arguments", (p: DeferredPromise) => when(p, 1).fail(() => undefined)],
    ["when with one argument", (p: DeferredPromise) => when(p).fail(() => undefined)],
    ["pipe", (p: DeferredPromise) => p.pipe().fail(() => undefined)],
  ])("a handler attached by %s in the same turn counts as handling", async (_, attach) => {
    const { unhandled, handled } = recorder();
    const dfd = Deferred();
    dfd.reject("x");
    attach(dfd.promise());
    await nextTurn();
    expect(unhandled).toEqual([]);
    expect(handled).toEqual([]);
  });

  it("a handler attached before the rejection counts as handling", async () => {
    const { unhandled } = recorder();
    const dfd = Deferred();
    dfd.fail(() => undefined);
    dfd.reject("x");
    await nextTurn();
    expect(unhandled).toEqual([]);
  });

  it.each([
    ["done", (p: DeferredPromise) => p.done(() => undefined)],
    ["progress", (p: DeferredPromise) => p.progress(() => undefined)],
    ["fail without a function", (p: DeferredPromise) => p.fail("not a function" as never)],
  ])("%s does not count as handling", async (_, attach) => {
    const { unhandled } = recorder();
    const dfd = Deferred();
    attach(dfd.promise());
    dfd.reject("x");
    await nextTurn();
    expect(unhandled.map(([reason, promise]) => [reason, promise])).toEqual([["x", dfd.promise()]]);
  });

  it("a then without a rejection handler passes the rejection on: the derived promise is the one reported", async () => {
    const { unhandled } = recorder();
    const dfd = Deferred();
    const derived = dfd.then((value) => value);
    dfd.reject("x");
    await nextTurn();
    expect(unhandled.map(([reason, promise]) => [reason, promise])).toEqual([["x", derived]]);
  });

  it("a pipe passes the rejection on (its fail filter's value rejects): the piped promise is the one reported", async () => {
    const { unhandled } = recorder();
    const dfd = Deferred();
    const piped = dfd.pipe(null, () => "filtered");
    dfd.reject("x");
    await nextTurn();
    expect(unhandled.map(([reason, promise]) => [reason, promise])).toEqual([["filtered", piped]]);
  });

  it("an exception thrown in a then handler rejects the derived promise, which is reported", async () => {
    const { unhandled } = recorder();
    const error = new RangeError("handler failed");
    const hook = vi.fn();
    const saved = Deferred.exceptionHook;
    Deferred.exceptionHook = hook;
    try {
      const derived = Deferred()
        .resolve(1)
        .then(() => {
          throw error;
        });
      await nextTurn();
      expect(unhandled.map(([reason, promise]) => [reason, promise])).toEqual([[error, derived]]);
      expect(hook).toHaveBeenCalledWith(error, undefined);
    } finally {
      Deferred.exceptionHook = saved;
    }
  });

  it("a chain handled at its end reports nothing, whatever the scheduler", async () => {
    for (const scheduler of ["microtask", "jquery"] as const) {
      setScheduler(scheduler);
      const { unhandled } = recorder();
      const dfd = Deferred();
      const caught = vi.fn();
      dfd
        .then((v) => v)
        .then((v) => v)
        .catch(caught);
      dfd.reject("x");
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(caught).toHaveBeenCalledWith("x");
      expect(unhandled).toEqual([]);
    }
  });

  it("a rejected multi-argument when with no handler is reported, its arguments are not", async () => {
    const { unhandled } = recorder();
    const a = Deferred();
    const combined = when(a, Deferred());
    a.reject("first");
    await nextTurn();
    expect(unhandled.map(([reason, promise]) => [reason, promise])).toEqual([["first", combined]]);
  });

  it("a handler attached after the report reports the promise as handled, once", async () => {
    const { unhandled, handled } = recorder();
    const dfd = Deferred();
    dfd.reject("late");
    await nextTurn();
    expect(unhandled).toHaveLength(1);
    const seen: unknown[] = [];
    dfd.fail((reason) => seen.push(reason));
    dfd.catch(() => undefined);
    dfd.always(() => undefined);
    expect(seen).toEqual(["late"]);
    expect(handled).toEqual([dfd.promise()]);
    await nextTurn();
    expect(unhandled).toHaveLength(1);
  });

  it("a then attached after the report reports handled; its derived promise is tracked in turn", async () => {
    const { unhandled, handled } = recorder();
    const dfd = Deferred();
    dfd.reject("late");
    await nextTurn();
    const derived = dfd.then((v) => v);
    expect(handled).toEqual([dfd.promise()]);
    await nextTurn();
    expect(unhandled.map(([, promise]) => promise)).toEqual([dfd.promise(), derived]);
  });

  it("reports in rejection order, each promise once, however many rejections a turn has", async () => {
    const { unhandled } = recorder();
    const deferreds = Array.from({ length: 100 }, () => Deferred());
    deferreds.forEach((dfd, i) => dfd.reject(i));
    deferreds[50]!.fail(() => undefined);
    await nextTurn();
    await nextTurn();
    expect(unhandled.map(([reason]) => reason)).toEqual(
      Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 50),
    );
  });

  it("a throwing unhandled hook does not stop the other reports; its exception surfaces as uncaught", async () => {
    const reported: unknown[] = [];
    const boom = new Error("hook failed");
    trackUnhandledRejections({
      unhandled: (reason) => {
        reported.push(reason);
        if (reason === "a") throw boom;
      },
    });
    const uncaught = new Promise<unknown>((resolve) => {
      const listeners = process.listeners("uncaughtException");
      process.removeAllListeners("uncaughtException");
      process.once("uncaughtException", (error) => {
        for (const listener of listeners) process.on("uncaughtException", listener);
        resolve(error);
      });
    });
    Deferred().reject("a");
    Deferred().reject("b");
    expect(await uncaught).toBe(boom);
    expect(reported).toEqual(["a", "b"]);
  });

  it("a throwing handled hook does not keep the late handler from running; its exception surfaces as uncaught", async () => {
    const boom = new Error("handled hook failed");
    trackUnhandledRejections({
      unhandled: () => undefined,
      handled: () => {
        throw boom;
      },
    });
    const dfd = Deferred();
    dfd.reject("late");
    await nextTurn();
    const uncaught = new Promise<unknown>((resolve) => {
      const listeners = process.listeners("uncaughtException");
      process.removeAllListeners("uncaughtException");
      process.once("uncaughtException", (error) => {
        for (const listener of listeners) process.on("uncaughtException", listener);
        resolve(error);
      });
    });
    const seen: unknown[] = [];
    dfd.fail((reason) => seen.push(reason));
    expect(seen).toEqual(["late"]);
    expect(await uncaught).toBe(boom);
  });

  it("without hooks, reports through process.emitWarning (and a late handler too)", async () => {
    trackUnhandledRejections();
    // Observed, not replaced by a fake: the call is checked, only Node's printing is skipped.
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const dfd = Deferred();
    dfd.reject(new TypeError("bad thing"));
    await nextTurn();
    await nextTurn();
    dfd.fail(() => undefined);
    await nextTurn();
    const calls = emitWarning.mock.calls as unknown as [string, string][];
    expect(calls.map(([, type]) => type)).toEqual([
      "UnhandledRejectionWarning",
      "PromiseRejectionHandledWarning",
    ]);
    expect(calls[0]![0]).toMatch(
      /^Unhandled rejection of a jq-deferred promise \(rejection id: (\d+)\): TypeError: bad thing\n\s+at /,
    );
    const id = /rejection id: (\d+)/.exec(calls[0]![0])![1];
    expect(calls[1]![0]).toBe(
      `A jq-deferred promise rejection was handled asynchronously (rejection id: ${id})`,
    );
  });

  it("without process.emitWarning, reports through console.warn, describing any reason", async () => {
    trackUnhandledRejections(true);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const emitWarning = process.emitWarning;
    (process as { emitWarning?: unknown }).emitWarning = undefined;
    try {
      const unprintable = {
        toString() {
          throw new Error("no");
        },
      };
      Deferred().reject("text");
      Deferred().reject(unprintable);
      Deferred().reject(Symbol.for("s"));
      await nextTurn();
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(warn.mock.calls.map(([message]) => String(message).replace(/id: \d+/, "id: N"))).toEqual(
      [
        'Unhandled rejection of a jq-deferred promise (rejection id: N): "text"',
        "Unhandled rejection of a jq-deferred promise (rejection id: N): (a value that cannot be converted to a string)",
        "Unhandled rejection of a jq-deferred promise (rejection id: N): Symbol(s)",
      ],
    );
  });

  it("without hooks, describes an Error without a stack by its name and message", async () => {
    trackUnhandledRejections();
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const error = new RangeError("no stack");
    error.stack = undefined;
    Deferred().reject(error);
    await nextTurn();
    expect(String(emitWarning.mock.calls[0]![0])).toMatch(
      /^Unhandled rejection of a jq-deferred promise \(rejection id: \d+\): RangeError: no stack$/,
    );
  });

  it("a promise reported through a hook, handled after the hooks were dropped, gets a warning without an id", async () => {
    trackUnhandledRejections({ unhandled: () => undefined });
    const dfd = Deferred();
    dfd.reject("x");
    await nextTurn();
    trackUnhandledRejections(true);
    const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    dfd.fail(() => undefined);
    expect(emitWarning.mock.calls).toEqual([
      [
        "A jq-deferred promise rejection was handled asynchronously (rejection id: ?)",
        "PromiseRejectionHandledWarning",
      ],
    ]);
  });

  it("turning tracking off forgets pending candidates and reported promises", async () => {
    const { unhandled, handled } = recorder();
    const reportedEarlier = Deferred();
    reportedEarlier.reject("one");
    await nextTurn();
    expect(unhandled).toHaveLength(1);
    Deferred().reject("two");
    trackUnhandledRejections(false);
    expect(isTrackingUnhandledRejections()).toBe(false);
    await nextTurn();
    reportedEarlier.fail(() => undefined);
    expect(unhandled).toHaveLength(1);
    expect(handled).toEqual([]);
  });

  it("calling it again replaces the hooks", async () => {
    const first = vi.fn();
    const second = vi.fn();
    trackUnhandledRejections({ unhandled: first });
    trackUnhandledRejections({ unhandled: second });
    Deferred().reject("x");
    await nextTurn();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it("rejects a setting that is neither a hooks object nor a boolean, and hooks that are not functions", () => {
    expect(() => trackUnhandledRejections("yes" as never)).toThrow(
      new TypeError(
        "trackUnhandledRejections(setting): expected a hooks object or a boolean, got yes",
      ),
    );
    expect(() => trackUnhandledRejections({ unhandled: 42 as never })).toThrow(
      new TypeError(
        "trackUnhandledRejections(hooks): hooks.unhandled must be a function, got number",
      ),
    );
    expect(() => trackUnhandledRejections({ handled: "log" as never })).toThrow(
      new TypeError(
        "trackUnhandledRejections(hooks): hooks.handled must be a function, got string",
      ),
    );
    expect(isTrackingUnhandledRejections()).toBe(false);
  });
});
