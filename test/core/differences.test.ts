/**
 * The documented differences from jQuery 4, one `describe` each, asserted as what this library
 * does on purpose (numbered as in the README's "Differences from jQuery").
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Callbacks, Deferred, setScheduler, when } from "../../src/index.js";
import { nextTurn, recorder, turns, withExceptionHook } from "./helpers.js";

afterEach(() => {
  setScheduler("microtask");
  vi.unstubAllGlobals();
});

describe('#1 then callbacks run on a microtask drain by default; "jquery" restores setTimeout timing', () => {
  it("by default a then callback runs before a timer set before it", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("timer"));
    Deferred()
      .resolve()
      .then(() => order.push("then"));
    await turns(2);
    expect(order).toEqual(["then", "timer"]);
  });

  it('with setScheduler("jquery") it runs after that timer, as in jQuery', async () => {
    setScheduler("jquery");
    const order: string[] = [];
    setTimeout(() => order.push("timer"));
    Deferred()
      .resolve()
      .then(() => order.push("then"));
    await turns(2);
    expect(order).toEqual(["timer", "then"]);
  });
});

describe("#2 a throwing done/fail/progress/always or Callbacks callback never wedges its list", () => {
  it("the rest of the done pass runs and the first exception is rethrown to the caller of resolve", () => {
    const dfd = Deferred();
    const order: string[] = [];
    dfd.done(() => {
      order.push("first");
      throw new Error("first threw");
    });
    dfd.done(() => {
      order.push("second");
      throw new Error("second threw");
    });
    dfd.always(() => order.push("always"));
    expect(() => dfd.resolve()).toThrow("first threw");
    expect(order).toEqual(["first", "second", "always"]);
  });

  it("later done callbacks still run at once after a throwing pass", () => {
    const dfd = Deferred();
    dfd.done(() => {
      throw new Error("x");
    });
    expect(() => dfd.resolve("value")).toThrow("x");
    const { fn, calls } = recorder();
    dfd.done(fn);
    expect(calls.map((call) => call.args)).toEqual([["value"]]);
    expect(dfd.state()).toBe("resolved");
  });

  it("fail and progress passes finish too", () => {
    const order: string[] = [];
    const rejected = Deferred()
      .fail(() => {
        throw new Error("fail threw");
      })
      .fail(() => order.push("fail 2"));
    expect(() => rejected.reject()).toThrow("fail threw");
    const notified = Deferred()
      .progress(() => {
        throw new Error("progress threw");
      })
      .progress((value) => order.push(`progress ${String(value)}`));
    expect(() => notified.notify(1)).toThrow("progress threw");
    expect(() => notified.notify(2)).toThrow("progress threw");
    expect(order).toEqual(["fail 2", "progress 1", "progress 2"]);
  });

  it("a throwing callback added to a settled deferred throws to the caller of done, and the deferred stays usable", () => {
    const dfd = Deferred().resolve("v");
    expect(() =>
      dfd.done(() => {
        throw new Error("late throw");
      }),
    ).toThrow("late throw");
    const { fn, calls } = recorder();
    dfd.done(fn);
    expect(calls).toHaveLength(1);
  });

  it("a Callbacks list keeps firing after a callback threw", () => {
    const list = Callbacks();
    const order: unknown[] = [];
    list.add((value: unknown) => {
      if (value === 1) throw new Error("one");
      order.push(value);
    });
    list.add((value: unknown) => order.push(`second ${String(value)}`));
    expect(() => list.fire(1)).toThrow("one");
    list.fire(2);
    expect(order).toEqual(["second 1", 2, "second 2"]);
  });
});

describe("#3 exceptions in then progress handlers are caught", () => {
  it("calls exceptionHook and rejects the derived promise", async () => {
    await withExceptionHook(async (seen) => {
      const error = new Error("progress handler threw");
      const dfd = Deferred();
      const derived = dfd.then(null, null, () => {
        throw error;
      });
      const { fn, calls } = recorder();
      derived.fail(fn);
      dfd.notify();
      await nextTurn();
      expect(seen.map((entry) => entry.error)).toEqual([error]);
      expect(derived.state()).toBe("rejected");
      expect(calls.map((call) => call.args)).toEqual([[error]]);
    });
  });

  it("a thenable returned by a progress handler that rejects rejects the derived promise", async () => {
    await withExceptionHook(async () => {
      const dfd = Deferred();
      const derived = dfd.then(null, null, () => Deferred().reject("surrogate rejected"));
      const { fn, calls } = recorder();
      derived.fail(fn);
      dfd.notify();
      await turns(2);
      expect(calls.map((call) => call.args)).toEqual([["surrogate rejected"]]);
    });
  });
});

describe("#4 an exception thrown by a done callback of a then-derived promise surfaces as an uncaught error", () => {
  it("is rethrown from a fresh microtask, and the callbacks queued behind it still run", () => {
    const tasks: Array<() => void> = [];
    const rethrows: Array<() => void> = [];
    setScheduler((task) => tasks.push(task));
    vi.stubGlobal("queueMicrotask", (callback: () => void) => rethrows.push(callback));
    const error = new Error("done callback of a derived promise");
    const order: string[] = [];
    const source = Deferred();
    source
      .then(() => "derived value")
      .done(() => {
        throw error;
      });
    source.then(() => order.push("next job"));
    source.resolve();
    for (const task of tasks) task();
    expect(order).toEqual(["next job"]);
    expect(rethrows).toHaveLength(1);
    expect(() => rethrows[0]!()).toThrow(error);
  });

  it("never reaches exceptionHook", async () => {
    await withExceptionHook((seen) => {
      const tasks: Array<() => void> = [];
      setScheduler((task) => tasks.push(task));
      vi.stubGlobal("queueMicrotask", () => undefined);
      const derived = Deferred()
        .resolve()
        .then(() => "value");
      derived.done(() => {
        throw new TypeError("from done");
      });
      for (const task of tasks) task();
      expect(derived.state()).toBe("resolved");
      expect(seen).toEqual([]);
    });
  });
});

describe("#5 bad input gets a clear TypeError", () => {
  it.each([
    ["promise(primitive)", () => Deferred().promise(42 as never), /promise\(target\)/],
    ["a frozen promise(target)", () => Deferred().promise(Object.freeze({})), /frozen/],
    [
      "resolveWith(ctx, nonArrayLike)",
      () => Deferred().resolveWith(null, 1 as never),
      /resolveWith/,
    ],
    ["rejectWith(ctx, nonArrayLike)", () => Deferred().rejectWith(null, 1 as never), /rejectWith/],
    ["notifyWith(ctx, nonArrayLike)", () => Deferred().notifyWith(null, 1 as never), /notifyWith/],
    ["fireWith(ctx, nonArrayLike)", () => Callbacks().fireWith(null, 1 as never), /fireWith/],
    ["Callbacks(123)", () => Callbacks(123 as never), /Callbacks\(flags\)/],
    ["Deferred(nonFunction)", () => Deferred({} as never), /Deferred\(beforeStart\)/],
    ["setScheduler(bad)", () => setScheduler("soon" as never), /setScheduler/],
  ])("%s throws a TypeError naming the argument", (_, action, message) => {
    expect(action).toThrow(TypeError);
    expect(action).toThrow(message);
  });

  it.each([
    ["an array", () => Deferred([] as never), /got an array/],
    ["an object", () => Deferred({} as never), /got an object/],
    ["a function", () => Callbacks((() => undefined) as never), /got a function/],
    ["a string", () => Deferred("go" as never), /got the string "go"/],
    ["a number", () => Deferred().promise(42 as never), /got number 42/],
    ["a boolean", () => Deferred().resolveWith(null, true as never), /got boolean true/],
  ])("the message says what it got instead: %s", (_, action, message) => {
    expect(action).toThrow(message);
  });

  it("when() over an object whose promise() returns no promise rejects with a TypeError", () => {
    const { fn, calls } = recorder();
    when({ promise: () => "not a promise" }).fail(fn);
    when(1, { promise: () => null }).fail(fn);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.args[0]).toBeInstanceOf(TypeError);
      expect((call.args[0] as Error).message).toMatch(/done\/fail\/progress/);
    }
  });
});

describe("#6 multi-argument when counts each argument once", () => {
  it("a thenable calling back twice does not resolve the primary before the other arguments", () => {
    const twice = {
      then(onFulfilled: (value: unknown) => void) {
        onFulfilled("once");
        onFulfilled("twice");
      },
    };
    const pending = Deferred();
    const { fn, calls } = recorder();
    const primary = when(twice, pending).done(fn);
    expect(primary.state()).toBe("pending");
    pending.resolve("last");
    expect(calls.map((call) => call.args)).toEqual([["once", "last"]]);
  });
});

describe("#7 the methods are inherited enumerable getters", () => {
  it("for…in sees exactly jQuery's keys, Object.keys sees none", () => {
    const dfd = Deferred();
    const keys: string[] = [];
    for (const key in dfd) keys.push(key);
    expect(keys).toHaveLength(15);
    expect(Object.keys(dfd)).toEqual([]);
    expect(Object.keys(dfd.promise())).toEqual([]);
  });

  it("a for…in copy ($.extend) of a deferred carries working methods", () => {
    const dfd = Deferred();
    const copy: Record<string, unknown> = {};
    for (const key in dfd) copy[key] = (dfd as unknown as Record<string, unknown>)[key];
    (copy["resolve"] as () => void)();
    expect(dfd.state()).toBe("resolved");
  });
});

describe("#8 when(x) with a value whose then getter throws rejects asynchronously", () => {
  it("does not throw from when, and rejects the returned promise a turn later", async () => {
    await withExceptionHook(async () => {
      const error = new Error("then getter");
      const hostile = {
        get then(): never {
          throw error;
        },
      };
      let promise: ReturnType<typeof when> | undefined;
      expect(() => {
        promise = when(Deferred().resolve(hostile));
      }).not.toThrow();
      expect(promise!.state()).toBe("pending");
      await nextTurn();
      expect(promise!.state()).toBe("rejected");
      const { fn, calls } = recorder();
      promise!.fail(fn);
      expect(calls.map((call) => call.args)).toEqual([[error]]);
    });
  });
});
