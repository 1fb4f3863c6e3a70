/**
 * Deferred([beforeStart]) and its synchronous surface: construction, the object's shape, states,
 * resolve/reject/notify and their *With forms, done/fail/progress/always, and promise().
 * `then`, `catch`, `pipe` and `promise(target)` have their own files.
 */
import { describe, expect, it } from "vitest";
import { Deferred } from "../../src/index.js";

/** jQuery's enumerable keys of a deferred, in jQuery's order (for…in over `jQuery.Deferred()`). */
const DEFERRED_KEYS = [
  "notify",
  "notifyWith",
  "resolve",
  "resolveWith",
  "reject",
  "rejectWith",
  "state",
  "always",
  "catch",
  "pipe",
  "then",
  "promise",
  "progress",
  "done",
  "fail",
];
const PROMISE_KEYS = DEFERRED_KEYS.slice(6);

const forInKeys = (value: object): string[] => {
  const keys: string[] = [];
  for (const key in value) keys.push(key);
  return keys;
};

describe("Deferred(beforeStart)", () => {
  it("creates a pending deferred when called without new", () => {
    const dfd = Deferred();
    expect(dfd.state()).toBe("pending");
  });

  it("creates a pending deferred when called with new", () => {
    const dfd = new Deferred();
    expect(dfd.state()).toBe("pending");
    dfd.resolve("works");
    expect(dfd.state()).toBe("resolved");
  });

  it("calls beforeStart before returning, with the new deferred as this and as its argument", () => {
    let seenThis: unknown;
    let seenArgument: unknown;
    let stateDuringCall: string | undefined;
    const dfd = Deferred(function (this: unknown, deferred) {
      seenThis = this;
      seenArgument = deferred;
      stateDuringCall = deferred.state();
    });
    expect(seenThis).toBe(dfd);
    expect(seenArgument).toBe(dfd);
    expect(stateDuringCall).toBe("pending");
  });

  it("lets beforeStart settle the deferred and attach callbacks", () => {
    const seen: unknown[] = [];
    const dfd = Deferred<string>((d) => {
      d.done((value) => seen.push(value));
      d.resolve("from beforeStart");
    });
    expect(dfd.state()).toBe("resolved");
    expect(seen).toEqual(["from beforeStart"]);
  });

  it("treats a null or undefined beforeStart as absent", () => {
    expect(Deferred(undefined).state()).toBe("pending");
    expect(Deferred(null as never).state()).toBe("pending");
  });

  it("rejects a beforeStart that is not a function with a TypeError naming it", () => {
    expect(() => Deferred(42 as never)).toThrow(TypeError);
    expect(() => Deferred("go" as never)).toThrow(/beforeStart/);
  });

  it("has exactly jQuery's fifteen enumerable methods, in jQuery's for…in order", () => {
    const dfd = Deferred();
    expect(forInKeys(dfd)).toEqual(DEFERRED_KEYS);
    for (const key of DEFERRED_KEYS) {
      expect(typeof (dfd as unknown as Record<string, unknown>)[key]).toBe("function");
    }
  });

  it("has no own keys (the methods are inherited getters; documented difference #7)", () => {
    expect(Object.keys(Deferred())).toEqual([]);
  });

  it("shares its promise methods with its promise: dfd.done === dfd.promise().done", () => {
    const dfd = Deferred();
    const promise = dfd.promise();
    for (const key of PROMISE_KEYS) {
      expect((dfd as unknown as Record<string, unknown>)[key]).toBe(
        (promise as unknown as Record<string, unknown>)[key],
      );
    }
  });

  it("returns the same function for a method every time it is read", () => {
    const dfd = Deferred();
    expect(dfd.resolve).toBe(dfd.resolve);
    expect(dfd.then).toBe(dfd.then);
  });

  it("creates independent deferreds", () => {
    const a = Deferred();
    const b = Deferred();
    a.resolve();
    expect(a.state()).toBe("resolved");
    expect(b.state()).toBe("pending");
    expect(a.resolve).not.toBe(b.resolve);
  });
});

describe("state", () => {
  it('returns "pending", then "resolved" after resolve', () => {
    const dfd = Deferred();
    expect(dfd.state()).toBe("pending");
    dfd.resolve();
    expect(dfd.state()).toBe("resolved");
  });

  it('returns "rejected" after reject (not "fulfilled" or "failed")', () => {
    expect(Deferred().reject().state()).toBe("rejected");
  });

  it("already reports the new state inside done and fail callbacks", () => {
    const resolved = Deferred();
    const rejected = Deferred();
    const seen: string[] = [];
    resolved.done(() => seen.push(resolved.state()));
    rejected.fail(() => seen.push(rejected.state()));
    resolved.resolve();
    rejected.reject();
    expect(seen).toEqual(["resolved", "rejected"]);
  });

  it("stays pending through notifications", () => {
    expect(Deferred().notify(1).notify(2).state()).toBe("pending");
  });

  it("works detached", () => {
    const dfd = Deferred();
    const { state } = dfd;
    dfd.reject();
    expect(state()).toBe("rejected");
  });
});

describe("resolve", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.resolve()).toBe(dfd);
  });

  it("calls done callbacks synchronously with every value", () => {
    const dfd = Deferred<[number, number]>();
    const seen: unknown[] = [];
    dfd.done((a, b) => seen.push(a, b));
    dfd.resolve(2, 3);
    expect(seen).toEqual([2, 3]);
  });

  it("called as a method of the deferred, gives callbacks an undefined this", () => {
    const dfd = Deferred();
    let context: unknown = "unset";
    dfd.done(function (this: unknown) {
      context = this;
    });
    dfd.resolve();
    expect(context).toBeUndefined();
  });

  it("borrowed by another object (obj.m = dfd.resolve; obj.m()), resolves with that object as context and returns it", () => {
    const dfd = Deferred();
    const object = { m: dfd.resolve };
    let context: unknown;
    dfd.done(function (this: unknown) {
      context = this;
    });
    expect(object.m("value")).toBe(object);
    expect(dfd.state()).toBe("resolved");
    expect(context).toBe(object);
  });

  it("works detached and passed as a timer callback (setTimeout(dfd.resolve, 10))", async () => {
    const dfd = Deferred<string>();
    setTimeout(dfd.resolve, 10, "from the timer");
    const value = await new Promise((settle) => dfd.done(settle));
    expect(value).toBe("from the timer");
    expect(dfd.state()).toBe("resolved");
  });

  it("is ignored once the deferred is settled", () => {
    const dfd = Deferred();
    const seen: unknown[] = [];
    dfd.done((value) => seen.push(value));
    dfd.fail((value) => seen.push(`fail ${String(value)}`));
    dfd.resolve("first");
    dfd.resolve("second");
    dfd.reject("third");
    expect(seen).toEqual(["first"]);
    expect(dfd.state()).toBe("resolved");
  });

  it("stores a thenable as it is instead of unwrapping it", () => {
    const thenable = { then: () => undefined };
    const inner = Deferred().resolve("inner");
    const seen: unknown[] = [];
    Deferred()
      .done((value) => seen.push(value))
      .resolve(thenable);
    Deferred()
      .done((value) => seen.push(value))
      .resolve(inner);
    expect(seen[0]).toBe(thenable);
    expect(seen[1]).toBe(inner);
  });

  it("resolves with zero values when called without arguments", () => {
    const seen: number[] = [];
    Deferred()
      .done((...args: unknown[]) => seen.push(args.length))
      .resolve();
    expect(seen).toEqual([0]);
  });
});

describe("resolveWith", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.resolveWith({}, [])).toBe(dfd);
  });

  it("resolves with the given context and values", () => {
    const context = { id: "ctx" };
    const seen: unknown[] = [];
    Deferred()
      .done(function (this: unknown, ...args: unknown[]) {
        seen.push(this, args);
      })
      .resolveWith(context, ["a", "b"]);
    expect(seen).toEqual([context, ["a", "b"]]);
  });

  it("resolves with zero values when args is omitted", () => {
    const seen: unknown[] = [];
    Deferred()
      .done(function (this: unknown, ...args: unknown[]) {
        seen.push(this, args.length);
      })
      .resolveWith("context");
    expect(seen).toEqual(["context", 0]);
  });

  it("copies an array of values, so later mutation does not reach late callbacks", () => {
    const dfd = Deferred();
    const values = ["kept"];
    dfd.resolveWith(null, values);
    values[0] = "changed";
    const seen: unknown[] = [];
    dfd.done((value) => seen.push(value));
    expect(seen).toEqual(["kept"]);
  });

  it("accepts an array-like of values", () => {
    const seen: unknown[] = [];
    Deferred()
      .done((...args: unknown[]) => seen.push(args))
      .resolveWith(null, { length: 2, 0: "x", 1: "y" } as never);
    expect(seen).toEqual([["x", "y"]]);
  });

  it("rejects values that are not array-like with a TypeError naming the method and args", () => {
    expect(() => Deferred().resolveWith(null, 5 as never)).toThrow(TypeError);
    expect(() => Deferred().resolveWith(null, 5 as never)).toThrow(/resolveWith.*args/);
  });
});

describe("reject", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.reject()).toBe(dfd);
  });

  it("calls fail callbacks synchronously with every value and skips done callbacks", () => {
    const dfd = Deferred();
    const seen: unknown[] = [];
    dfd.done(() => seen.push("done"));
    dfd.fail((...args: unknown[]) => seen.push(args));
    dfd.reject("error", 500);
    expect(seen).toEqual([["error", 500]]);
  });

  it("borrowed by another object, rejects with that object as context", () => {
    const dfd = Deferred();
    const object = { m: dfd.reject };
    let context: unknown;
    dfd.fail(function (this: unknown) {
      context = this;
    });
    expect(object.m()).toBe(object);
    expect(context).toBe(object);
  });

  it("called as a method of the deferred, gives callbacks an undefined this", () => {
    let context: unknown = "unset";
    Deferred()
      .fail(function (this: unknown) {
        context = this;
      })
      .reject();
    expect(context).toBeUndefined();
  });

  it("is ignored once the deferred is settled", () => {
    const dfd = Deferred().reject("first");
    dfd.reject("second").resolve("third");
    const seen: unknown[] = [];
    dfd.fail((value) => seen.push(value));
    expect(seen).toEqual(["first"]);
    expect(dfd.state()).toBe("rejected");
  });
});

describe("rejectWith", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.rejectWith({}, [])).toBe(dfd);
  });

  it("rejects with the given context and values", () => {
    const context = { id: "xhr" };
    const seen: unknown[] = [];
    Deferred()
      .fail(function (this: unknown, ...args: unknown[]) {
        seen.push(this, args);
      })
      .rejectWith(context, ["e1", "e2"]);
    expect(seen).toEqual([context, ["e1", "e2"]]);
  });

  it("rejects values that are not array-like with a TypeError naming the method", () => {
    expect(() => Deferred().rejectWith(null, true as never)).toThrow(/rejectWith/);
  });
});

describe("notify", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.notify()).toBe(dfd);
  });

  it("calls progress callbacks with every value, each time, while pending", () => {
    const dfd = Deferred();
    const seen: unknown[] = [];
    dfd.progress((...args: unknown[]) => seen.push(args));
    dfd.notify(1, "a").notify(2, "b");
    expect(seen).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  it("borrowed by another object, notifies with that object as context", () => {
    const dfd = Deferred();
    const object = { m: dfd.notify };
    let context: unknown;
    dfd.progress(function (this: unknown) {
      context = this;
    });
    object.m();
    expect(context).toBe(object);
  });

  it("does nothing once the deferred is settled", () => {
    const dfd = Deferred();
    const seen: unknown[] = [];
    dfd.progress((value) => seen.push(value));
    dfd.resolve();
    dfd.notify("too late");
    expect(seen).toEqual([]);
  });

  it("called from inside a progress callback, runs after the current pass", () => {
    const dfd = Deferred();
    const order: string[] = [];
    dfd.progress((value) => {
      order.push(`a${String(value)}`);
      if (value === 1) dfd.notify(2);
    });
    dfd.progress((value) => order.push(`b${String(value)}`));
    dfd.notify(1);
    expect(order).toEqual(["a1", "b1", "a2", "b2"]);
  });

  it("a notification queued from a progress callback is dropped if that callback settles the deferred", () => {
    const dfd = Deferred();
    const order: string[] = [];
    dfd.progress((value) => {
      order.push(`a${String(value)}`);
      if (value === 1) dfd.notify(2).resolve("r");
    });
    dfd.progress((value) => order.push(`b${String(value)}`));
    dfd.done((value) => order.push(`done ${String(value)}`));
    dfd.notify(1);
    expect(order).toEqual(["a1", "done r", "b1"]);
  });
});

describe("notifyWith", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.notifyWith({}, [])).toBe(dfd);
  });

  it("notifies with the given context and values", () => {
    const context = { id: "worker" };
    const seen: unknown[] = [];
    Deferred()
      .progress(function (this: unknown, ...args: unknown[]) {
        seen.push(this, args);
      })
      .notifyWith(context, [50, "%"]);
    expect(seen).toEqual([context, [50, "%"]]);
  });

  it("rejects values that are not array-like with a TypeError naming the method", () => {
    expect(() => Deferred().notifyWith(null, 1 as never)).toThrow(/notifyWith/);
  });
});

describe("done", () => {
  it("returns the object it was called on, deferred or promise", () => {
    const dfd = Deferred();
    const promise = dfd.promise();
    expect(dfd.done(() => undefined)).toBe(dfd);
    expect(promise.done(() => undefined)).toBe(promise);
  });

  it("accepts several functions and nested arrays of them, called in the order added", () => {
    const order: number[] = [];
    const push = (n: number) => () => order.push(n);
    Deferred()
      .done(push(1), [push(2), [push(3)]])
      .done(push(4))
      .resolve();
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("callbacks added after resolve run immediately with the stored values and context", () => {
    const context = { id: 1 };
    const dfd = Deferred().resolveWith(context, ["stored", 2]);
    const seen: unknown[] = [];
    dfd.done(function (this: unknown, ...args: unknown[]) {
      seen.push(this, args);
    });
    expect(seen).toEqual([context, ["stored", 2]]);
  });

  it("callbacks added to a rejected deferred are never called", () => {
    const seen: unknown[] = [];
    Deferred()
      .reject()
      .done(() => seen.push("done"));
    expect(seen).toEqual([]);
  });

  it("a callback added by a done callback during resolution runs in the same pass", () => {
    const dfd = Deferred();
    const order: string[] = [];
    dfd.done(() => {
      order.push("A");
      dfd.done(() => order.push("C"));
    });
    dfd.done(() => order.push("B"));
    dfd.resolve();
    expect(order).toEqual(["A", "B", "C"]);
  });

  it("ignores non-function arguments", () => {
    const dfd = Deferred();
    const seen: unknown[] = [];
    dfd
      .done(null as never, "text" as never, 3 as never, (value) => seen.push(value), [{} as never])
      .resolve("only the function ran");
    expect(seen).toEqual(["only the function ran"]);
  });

  it("works detached", () => {
    const dfd = Deferred();
    const { done } = dfd;
    const seen: unknown[] = [];
    done((value) => seen.push(value));
    dfd.resolve("x");
    expect(seen).toEqual(["x"]);
  });
});

describe("fail", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.fail(() => undefined)).toBe(dfd);
  });

  it("callbacks added after reject run immediately with the stored values and context", () => {
    const dfd = Deferred().rejectWith("ctx", ["reason"]);
    const seen: unknown[] = [];
    dfd.fail(function (this: unknown, reason) {
      seen.push(this, reason);
    });
    expect(seen).toEqual(["ctx", "reason"]);
  });

  it("does nothing on a resolved deferred", () => {
    const seen: unknown[] = [];
    Deferred()
      .resolve()
      .fail(() => seen.push("fail"));
    expect(seen).toEqual([]);
  });

  it("accepts nested arrays of functions", () => {
    const order: number[] = [];
    Deferred()
      .fail([() => order.push(1), [() => order.push(2)]])
      .reject();
    expect(order).toEqual([1, 2]);
  });
});

describe("progress", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.progress(() => undefined)).toBe(dfd);
  });

  it("a callback added after a notification is called at once with the last notification", () => {
    const dfd = Deferred().notifyWith("ctx", [1]).notify(2);
    const seen: unknown[] = [];
    dfd.progress(function (this: unknown, value) {
      seen.push(this, value);
    });
    expect(seen).toEqual([undefined, 2]);
  });

  it("a callback added before any notification waits for one", () => {
    const seen: unknown[] = [];
    const dfd = Deferred().progress((value) => seen.push(value));
    expect(seen).toEqual([]);
    dfd.notify("now");
    expect(seen).toEqual(["now"]);
  });

  it("a callback added after settlement is still called with the last notification (progress memory)", () => {
    const resolved = Deferred().notify("50%").resolve("done");
    const rejected = Deferred().notify("10%").reject("failed");
    const seen: unknown[] = [];
    resolved.progress((value) => seen.push(value));
    rejected.progress((value) => seen.push(value));
    expect(seen).toEqual(["50%", "10%"]);
  });

  it("a callback added after settlement without any notification is never called", () => {
    const seen: unknown[] = [];
    Deferred()
      .resolve()
      .progress(() => seen.push("progress"));
    expect(seen).toEqual([]);
  });

  it("a callback added by a progress callback during a notification is reached in that pass", () => {
    const dfd = Deferred();
    const order: string[] = [];
    dfd.progress(() => {
      order.push("A");
      dfd.progress(() => order.push("C"));
    });
    dfd.notify();
    expect(order).toEqual(["A", "C"]);
  });
});

describe("always", () => {
  it("returns the object it was called on", () => {
    const dfd = Deferred();
    expect(dfd.always(() => undefined)).toBe(dfd);
  });

  it("calls its callbacks on resolution with the resolution values and context", () => {
    const seen: unknown[] = [];
    Deferred()
      .always(function (this: unknown, ...args: unknown[]) {
        seen.push(this, args);
      })
      .resolveWith("ctx", [1, 2]);
    expect(seen).toEqual(["ctx", [1, 2]]);
  });

  it("calls its callbacks on rejection with the rejection values", () => {
    const seen: unknown[] = [];
    Deferred()
      .always((...args: unknown[]) => seen.push(args))
      .reject("no");
    expect(seen).toEqual([["no"]]);
  });

  it("calls a callback added after settlement at once, exactly once", () => {
    let calls = 0;
    Deferred()
      .reject()
      .always(() => calls++);
    Deferred()
      .resolve()
      .always(() => calls++);
    expect(calls).toBe(2);
  });

  it("keeps its place in the order of done and fail callbacks", () => {
    const order: string[] = [];
    Deferred()
      .done(() => order.push("done 1"))
      .always(() => order.push("always"))
      .done(() => order.push("done 2"))
      .resolve();
    expect(order).toEqual(["done 1", "always", "done 2"]);
  });

  it("accepts nested arrays of functions", () => {
    const order: number[] = [];
    Deferred()
      .always([() => order.push(1), [() => order.push(2)]])
      .resolve();
    expect(order).toEqual([1, 2]);
  });
});

describe("promise", () => {
  it("returns the same promise object every time, from the deferred and from the promise", () => {
    const dfd = Deferred();
    const promise = dfd.promise();
    expect(dfd.promise()).toBe(promise);
    expect(promise.promise()).toBe(promise);
    expect(dfd.promise(null as never)).toBe(promise);
    expect(dfd.promise(undefined as never)).toBe(promise);
  });

  it("is a read-only view: exactly the nine promise methods, no resolve or notify", () => {
    const promise = Deferred().promise();
    expect(forInKeys(promise)).toEqual(PROMISE_KEYS);
    for (const key of PROMISE_KEYS) {
      expect(typeof (promise as unknown as Record<string, unknown>)[key]).toBe("function");
    }
    for (const mutator of DEFERRED_KEYS.slice(0, 6)) {
      expect(mutator in promise).toBe(false);
    }
  });

  it("is not the deferred itself", () => {
    const dfd = Deferred();
    expect(dfd.promise()).not.toBe(dfd);
  });

  it("reflects the deferred's state and delivers its values", () => {
    const dfd = Deferred();
    const promise = dfd.promise();
    const seen: unknown[] = [];
    promise.done((value) => seen.push(value));
    expect(promise.state()).toBe("pending");
    dfd.resolve("shared");
    expect(promise.state()).toBe("resolved");
    expect(seen).toEqual(["shared"]);
  });

  it("can be awaited, giving the first resolution value", async () => {
    const dfd = Deferred<[string, number]>();
    setTimeout(() => dfd.resolve("first", 2), 1);
    await expect(dfd.promise()).resolves.toBe("first");
    await expect(dfd).resolves.toBe("first");
  });

  it("an awaited rejected deferred throws its first rejection value", async () => {
    const dfd = Deferred().reject(new RangeError("out"), "second");
    await expect(dfd).rejects.toThrow(RangeError);
    await expect(dfd.promise()).rejects.toThrow("out");
  });
});

// A deferred settled with one value keeps the value itself, not a list of it, unless the value is
// an array (state.ts, `keptValue`). The shapes jQuery can be compared on are in
// test/differential/kept-values.diff.test.ts; a revoked Proxy cannot be described there.
describe("what a settled deferred keeps of a Proxy", () => {
  it("gives a revoked Proxy back to late callbacks, alone, as it was given", async () => {
    const { proxy, revoke } = Proxy.revocable([1, 2], {});
    revoke();
    for (const settle of ["resolve", "reject"] as const) {
      const dfd = Deferred();
      dfd[settle](proxy);
      const seen: unknown[][] = [];
      dfd.always((...args: unknown[]) => seen.push(args));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toHaveLength(1);
      expect(seen[0]![0]).toBe(proxy);
      const handled = await new Promise<unknown[]>((resolve) => {
        dfd.then(
          (...args: unknown[]) => resolve(args),
          (...args: unknown[]) => resolve(args),
        );
      });
      // Compared by identity: an equality that looks inside a revoked Proxy throws.
      expect(handled).toHaveLength(1);
      expect(handled[0]).toBe(proxy);
    }
  });

  it("gives a Proxy revoked after the settlement back too", () => {
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    const dfd = Deferred().resolve(proxy);
    revoke();
    const seen: unknown[][] = [];
    dfd.done((...args: unknown[]) => seen.push(args));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(1);
    expect(seen[0]![0]).toBe(proxy);
  });
});
