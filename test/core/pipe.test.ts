/**
 * pipe: jQuery's legacy (pre-3.0) `then`, kept for code like seed 002's ajaxPrefilter (spec §2.8):
 * synchronous, state-preserving, context-propagating, exceptions escaping to the caller.
 */
import { describe, expect, it } from "vitest";
import { Deferred } from "../../src/index.js";
import { recorder, withExceptionHook } from "./helpers.js";

describe("pipe", () => {
  it("is a function on deferreds and promises, and returns a new promise", () => {
    const dfd = Deferred();
    expect(typeof dfd.pipe).toBe("function");
    expect(typeof dfd.promise().pipe).toBe("function");
    const piped = dfd.pipe();
    expect(piped).not.toBe(dfd);
    expect(piped).not.toBe(dfd.promise());
    expect(piped.promise()).toBe(piped);
    expect("resolve" in piped).toBe(false);
  });

  it("runs the done filter synchronously and resolves the new promise with its value", () => {
    const { fn, calls } = recorder();
    const dfd = Deferred();
    dfd.pipe((a, b) => (a as number) * (b as number)).done(fn);
    dfd.resolve(2, 3);
    expect(calls.map((call) => call.args)).toEqual([[6]]);
  });

  it("rejects the new promise with the fail filter's value (state-preserving)", () => {
    const done = recorder();
    const fail = recorder();
    Deferred()
      .reject(2, 3)
      .pipe(null, (a, b) => (a as number) * (b as number))
      .done(done.fn)
      .fail(fail.fn);
    expect(done.calls).toEqual([]);
    expect(fail.calls.map((call) => call.args)).toEqual([[6]]);
  });

  it("notifies the new promise with the progress filter's value", () => {
    const { fn, calls } = recorder();
    const dfd = Deferred();
    dfd.pipe(null, null, (a, b) => (a as number) * (b as number)).progress(fn);
    dfd.notify(2, 3);
    expect(calls.map((call) => call.args)).toEqual([[6]]);
  });

  it("propagates the source's context through a filter", () => {
    const { fn, calls } = recorder();
    const context = { id: "custom" };
    Deferred()
      .resolveWith(context, [1])
      .pipe((value) => (value as number) + 1)
      .done(fn);
    expect(calls).toEqual([{ context, args: [2] }]);
  });

  it("without a filter, passes every value and the context through, for each channel", () => {
    const calls: unknown[] = [];
    const record = (label: string) =>
      function (this: unknown, ...args: unknown[]) {
        calls.push([label, this, args]);
      };
    const dfd = Deferred();
    dfd.pipe().progress(record("progress")).done(record("done"));
    dfd.notifyWith("p", [1, 2]);
    dfd.resolveWith("d", [3, 4]);
    Deferred().rejectWith("f", [5, 6]).pipe().fail(record("fail"));
    expect(calls).toEqual([
      ["progress", "p", [1, 2]],
      ["done", "d", [3, 4]],
      ["fail", "f", [5, 6]],
    ]);
  });

  it("ignores filters that are not functions", () => {
    const { fn, calls } = recorder();
    Deferred()
      .resolve("kept")
      .pipe("nope" as never)
      .done(fn);
    expect(calls.map((call) => call.args)).toEqual([["kept"]]);
  });

  it("follows a returned deferred's done, fail and progress, with its context", () => {
    const inner = Deferred();
    const seen: unknown[] = [];
    const dfd = Deferred();
    dfd
      .pipe(() => inner)
      .progress(function (this: unknown, value) {
        seen.push(["progress", this, value]);
      })
      .fail(function (this: unknown, value) {
        seen.push(["fail", this, value]);
      });
    dfd.resolve();
    inner.notifyWith("inner", ["half"]);
    inner.rejectWith("inner", ["broken"]);
    expect(seen).toEqual([
      ["progress", "inner", "half"],
      ["fail", "inner", "broken"],
    ]);
  });

  it("a fail filter returning a resolved deferred resolves the new promise", () => {
    const { fn, calls } = recorder();
    Deferred()
      .reject()
      .pipe(null, () => Deferred().resolve("recovered"))
      .done(fn);
    expect(calls.map((call) => call.args)).toEqual([["recovered"]]);
  });

  it("a progress filter returning a resolved deferred resolves the new promise", () => {
    const done = recorder();
    const dfd = Deferred();
    const piped = dfd.pipe(null, null, (value) => Deferred().resolve((value as number) * 2));
    piped.done(done.fn);
    dfd.notify(3);
    expect(piped.state()).toBe("resolved");
    expect(done.calls.map((call) => call.args)).toEqual([[6]]);
  });

  it("treats a plain thenable (without a promise method) as a value", () => {
    const thenable = { then: () => undefined };
    const { fn, calls } = recorder();
    Deferred()
      .resolve()
      .pipe(() => thenable)
      .done(fn);
    expect(calls[0]?.args[0]).toBe(thenable);
  });

  it("lets a filter's exception escape to the caller of resolve and leaves the new promise pending", () => {
    const dfd = Deferred();
    const piped = dfd.pipe(() => {
      throw new Error("escapes");
    });
    expect(() => dfd.resolve()).toThrow("escapes");
    expect(piped.state()).toBe("pending");
    expect(dfd.state()).toBe("resolved");
  });

  it("never reports a filter's exception to exceptionHook", async () => {
    await withExceptionHook((seen) => {
      const dfd = Deferred();
      dfd.pipe(() => {
        throw new TypeError("not for the hook");
      });
      expect(() => dfd.resolve()).toThrow(TypeError);
      expect(seen).toEqual([]);
    });
  });

  it("rejects the next promise with a TypeError naming pipe when a filter returns an object whose promise() is not a promise", () => {
    const dfd = Deferred();
    const { fn, calls } = recorder();
    dfd.pipe(() => ({ promise: () => 42 })).fail(fn);
    dfd.resolve();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0]).toBeInstanceOf(TypeError);
    expect((calls[0]!.args[0] as Error).message).toMatch(/^pipe\(\)/);
  });

  it("works detached, and filters added to a settled deferred run at once", () => {
    const { pipe } = Deferred().resolve(5);
    const { fn, calls } = recorder();
    pipe((value: unknown) => (value as number) + 1).done(fn);
    expect(calls.map((call) => call.args)).toEqual([[6]]);
  });
  it("chains: each link filters the previous one's value, synchronously, with the context carried along", () => {
    const { fn, calls } = recorder();
    const dfd = Deferred();
    dfd
      .pipe((n) => (n as number) + 1)
      .pipe((n) => (n as number) * 10)
      .pipe()
      .done(fn);
    dfd.resolveWith("ctx", [1]);
    expect(calls).toEqual([{ context: "ctx", args: [20] }]);
  });

  it("settles a chain thousands of links long before resolve returns, without overflowing the stack", () => {
    const dfd = Deferred();
    let tail = dfd.promise();
    for (let i = 0; i < 5000; i++) tail = tail.pipe((n) => (n as number) + 1);
    const { fn, calls } = recorder();
    tail.done(fn);
    dfd.resolve(0);
    expect(calls.map((call) => call.args)).toEqual([[5000]]);
  });

  it("in a long chain, an exception in one link escapes to resolve after the other links ran", () => {
    const dfd = Deferred();
    let tail = dfd.promise();
    for (let i = 0; i < 600; i++) {
      tail = tail.pipe((n) => {
        if (n === 300) throw new Error("link 300");
        return (n as number) + 1;
      });
    }
    const side = dfd.pipe((n) => (n as number) - 1);
    const { fn, calls } = recorder();
    side.done(fn);
    expect(() => dfd.resolve(0)).toThrow("link 300");
    expect(tail.state()).toBe("pending");
    expect(calls.map((call) => call.args)).toEqual([[-1]]);
  });

  it("an exception in the second link of a chain escapes to the caller of resolve", () => {
    const dfd = Deferred();
    const tail = dfd
      .pipe((n) => n)
      .pipe(() => {
        throw new Error("second link");
      });
    expect(() => dfd.resolve(1)).toThrow("second link");
    expect(tail.state()).toBe("pending");
  });
});
