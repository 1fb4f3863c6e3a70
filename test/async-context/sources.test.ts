/**
 * `useAsyncContext(source)` with wrong and hostile sources: a wrong one is refused at once with a
 * TypeError; one whose snapshot() breaks later never leaves a promise pending, and what went wrong
 * surfaces as an uncaught exception.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type AsyncContextSource,
  type ContextRunner,
  Deferred,
  setScheduler,
  useAsyncContext,
} from "../../src/index.js";

afterEach(() => {
  useAsyncContext(false);
  setScheduler("microtask");
  vi.unstubAllGlobals();
});

/** Runs then jobs by hand and collects what would surface as uncaught exceptions. */
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

/** A source whose snapshot() answers as AsyncLocalStorage for its first call, then `later()`. */
function sourceBreakingAfterOneCall(later: () => unknown): AsyncContextSource {
  let calls = 0;
  return {
    snapshot: () => (calls++ === 0 ? AsyncLocalStorage.snapshot() : later()) as ContextRunner,
  };
}

describe("useAsyncContext(source)", () => {
  it.each<[string, unknown]>([
    ["a number", 1],
    ["null", null],
    ["undefined", undefined],
    ["an object without snapshot", {}],
    ["a snapshot that is not a function", { snapshot: 1 }],
    ["a snapshot returning a non-function", { snapshot: () => 1 }],
    ["an AsyncLocalStorage instance (snapshot is static)", new AsyncLocalStorage()],
    ["a revoked Proxy", Proxy.revocable({}, {}).proxy],
  ])("refuses %s with a TypeError naming the argument", (_, source) => {
    const install = () => useAsyncContext(source as AsyncContextSource);
    expect(install).toThrow(TypeError);
    expect(install).toThrow(/useAsyncContext\(source\)/);
  });

  it("lets the exception of a throwing snapshot getter or call through, and installs nothing", async () => {
    const error = new Error("getter");
    const getter = {
      get snapshot(): never {
        throw error;
      },
    };
    expect(() => useAsyncContext(getter)).toThrow(error);
    const call = {
      snapshot: (): never => {
        throw error;
      },
    };
    expect(() => useAsyncContext(call)).toThrow(error);
    // Still off: a handler runs in the drain's context.
    const als = new AsyncLocalStorage<string>();
    const deferred = Deferred();
    const seen = als.run("registered", () => deferred.then(() => als.getStore()));
    als.run("resolver", () => deferred.resolve());
    expect(await seen).toBe("resolver");
  });

  it("useAsyncContext(true) turns the last source back on", async () => {
    const als = new AsyncLocalStorage<string>();
    const registeredIn = async () => {
      const deferred = Deferred();
      const seen = als.run("registered", () => deferred.then(() => als.getStore()));
      als.run("resolver", () => deferred.resolve());
      return seen;
    };
    useAsyncContext(AsyncLocalStorage);
    useAsyncContext(false);
    expect(await registeredIn()).toBe("resolver");
    useAsyncContext(true);
    expect(await registeredIn()).toBe("registered");
  });

  it("useAsyncContext(true) with no source installed before is a TypeError", async () => {
    vi.resetModules();
    const fresh = await import("../../src/core/async-context.js");
    expect(() => fresh.useAsyncContext(true)).toThrow(
      new TypeError("useAsyncContext(true): no source was installed before; pass one"),
    );
  });

  it("accepts a function with a static snapshot, as AsyncLocalStorage is, and an object", () => {
    expect(() => useAsyncContext(AsyncLocalStorage)).not.toThrow();
    expect(() => useAsyncContext({ snapshot: () => AsyncLocalStorage.snapshot() })).not.toThrow();
  });
});

describe("a source that breaks after it was installed", () => {
  it("a throwing snapshot(): the handler runs without a captured context and the error surfaces", () => {
    const error = new Error("snapshot broke");
    useAsyncContext(
      sourceBreakingAfterOneCall(() => {
        throw error;
      }),
    );
    const { runJobs, uncaught } = captureUncaught();
    const deferred = Deferred<[number]>();
    const derived = deferred.then((value) => value * 2);
    deferred.resolve(21);
    runJobs();
    expect(derived.state()).toBe("resolved");
    derived.done((value) => expect(value).toBe(42));
    expect(uncaught).toHaveLength(1);
    expect(() => uncaught[0]!()).toThrow(error);
  });

  it("a snapshot() returning a non-function: the same, with a TypeError", () => {
    useAsyncContext(sourceBreakingAfterOneCall(() => "not a runner"));
    const { runJobs, uncaught } = captureUncaught();
    const derived = Deferred()
      .resolve(1)
      .then(() => "ran");
    runJobs();
    expect(derived.state()).toBe("resolved");
    expect(uncaught).toHaveLength(1);
    expect(() => uncaught[0]!()).toThrow(
      /useAsyncContext\(source\): snapshot\(\) returned the string "not a runner"/,
    );
  });

  it("an exception of the handler itself still rejects the derived promise (not reported twice)", () => {
    useAsyncContext(AsyncLocalStorage);
    const { runJobs, uncaught } = captureUncaught();
    const error = new Error("handler");
    const derived = Deferred()
      .resolve()
      .then(() => {
        throw error;
      });
    runJobs();
    expect(derived.state()).toBe("rejected");
    derived.fail((reason) => expect(reason).toBe(error));
    expect(uncaught).toHaveLength(0);
  });

  it("an exception of a pipe filter reaches the caller of resolve, as without a context", () => {
    useAsyncContext(AsyncLocalStorage);
    const error = new Error("filter");
    const deferred = Deferred();
    deferred.pipe(() => {
      throw error;
    });
    expect(() => deferred.resolve()).toThrow(error);
  });
});
