/**
 * then (Promises/A+ with jQuery's extras: all values, contexts, progress) and catch, plus how
 * deferreds meet native promises and `await`. The scheduler is the default one (one microtask
 * drain); scheduler.test.ts covers the other modes.
 */
import { describe, expect, it } from "vitest";
import { Deferred, when } from "../../src/index.js";
import { nextTurn, recorder, turns, withExceptionHook } from "./helpers.js";

describe("then", () => {
  it("returns a new read-only promise, never the deferred, its promise or a deferred", () => {
    const dfd = Deferred();
    const derived = dfd.then(() => undefined);
    expect(derived).not.toBe(dfd);
    expect(derived).not.toBe(dfd.promise());
    expect(derived.promise()).toBe(derived);
    expect("resolve" in derived).toBe(false);
    expect(typeof derived.then).toBe("function");
  });

  it("calls handlers asynchronously, even when the deferred is already resolved", async () => {
    const order: string[] = [];
    Deferred()
      .resolve()
      .then(() => order.push("handler"));
    order.push("after then");
    expect(order).toEqual(["after then"]);
    await nextTurn();
    expect(order).toEqual(["after then", "handler"]);
  });

  it("passes every resolution value and the resolution context to the fulfilment handler", async () => {
    const { fn, calls } = recorder();
    const context = { id: "ctx" };
    Deferred().resolveWith(context, [1, 2, 3]).then(fn);
    await nextTurn();
    expect(calls).toEqual([{ context, args: [1, 2, 3] }]);
  });

  it("resolves the derived promise with the handler's value, one value and an undefined context", async () => {
    const { fn, calls } = recorder();
    Deferred()
      .resolveWith("ctx", [2, 3])
      .then((a, b) => (a as number) * (b as number))
      .done(fn);
    await nextTurn();
    expect(calls).toEqual([{ context: undefined, args: [6] }]);
  });

  it("resolves the derived promise with one undefined or null value when the handler returns it (as jQuery 4 does)", async () => {
    const { fn, calls } = recorder();
    Deferred()
      .resolve("x")
      .then(() => undefined)
      .done(fn);
    Deferred()
      .resolve("x")
      .then(() => null)
      .done(fn);
    await nextTurn();
    expect(calls.map((call) => call.args)).toEqual([[undefined], [null]]);
  });

  it("without a handler, settles the derived promise the same way, with the same context and all values, asynchronously", async () => {
    const resolved = recorder();
    const rejected = recorder();
    const source = Deferred().resolveWith("ctx", ["a", "b"]);
    const derived = source.then();
    derived.done(resolved.fn);
    Deferred().rejectWith("ctx2", ["e", "f"]).then().fail(rejected.fn);
    expect(derived.state()).toBe("pending");
    await nextTurn();
    expect(resolved.calls).toEqual([{ context: "ctx", args: ["a", "b"] }]);
    expect(rejected.calls).toEqual([{ context: "ctx2", args: ["e", "f"] }]);
  });

  it("treats non-function arguments as absent (pass-through)", async () => {
    const { fn, calls } = recorder();
    Deferred()
      .resolve("kept")
      .then("not a function" as never, 42 as never, {} as never)
      .done(fn);
    Deferred().reject("kept too").then(null, null).fail(fn);
    await nextTurn();
    expect(calls.map((call) => call.args)).toEqual([["kept"], ["kept too"]]);
  });

  it("treats an array of functions as absent: unlike done/fail/always/progress, then does not walk arrays", async () => {
    const called: string[] = [];
    const { fn, calls } = recorder();
    Deferred()
      .resolve("passed through")
      .then([() => called.push("in array")] as never)
      .done(fn);
    await nextTurn();
    expect(called).toEqual([]);
    expect(calls.map((call) => call.args)).toEqual([["passed through"]]);
  });

  it("uses a handler that is a function even if its Symbol.toStringTag claims String (gh-3596)", async () => {
    const handler = Object.assign(() => "called", { [Symbol.toStringTag]: "String" });
    const { fn, calls } = recorder();
    Deferred().resolve("x").then(handler).done(fn);
    await nextTurn();
    expect(calls[0]?.args).toEqual(["called"]);
  });

  it("a resolved deferred never calls the rejection handler, a rejected one never the fulfilment handler", async () => {
    const order: string[] = [];
    Deferred()
      .resolve()
      .then(
        () => order.push("fulfilled"),
        () => order.push("wrong: rejected"),
      );
    Deferred()
      .reject()
      .then(
        () => order.push("wrong: fulfilled"),
        () => order.push("rejected"),
      );
    await nextTurn();
    expect(order).toEqual(["fulfilled", "rejected"]);
  });

  it("resolves (not rejects) the derived promise with the rejection handler's value", async () => {
    const done = recorder();
    const fail = recorder();
    Deferred()
      .reject(2, 3)
      .then(null, (a, b) => (a as number) * (b as number))
      .done(done.fn)
      .fail(fail.fn);
    await nextTurn();
    expect(done.calls.map((call) => call.args)).toEqual([[6]]);
    expect(fail.calls).toEqual([]);
  });

  it("rejects the derived promise with the exception a handler throws, with an undefined context", async () => {
    await withExceptionHook(async () => {
      const fail = recorder();
      const error = new Error("thrown");
      Deferred()
        .resolveWith("ctx", [1])
        .then(() => {
          throw error;
        })
        .fail(fail.fn);
      Deferred()
        .reject("original")
        .then(null, () => {
          throw "a string";
        })
        .fail(fail.fn);
      await nextTurn();
      expect(fail.calls).toEqual([
        { context: undefined, args: [error] },
        { context: undefined, args: ["a string"] },
      ]);
    });
  });

  it("passes progress through asynchronously when there is no progress handler", async () => {
    const dfd = Deferred();
    const progress = recorder();
    dfd.then().progress(progress.fn);
    dfd.notifyWith("ctx", [10, "%"]);
    expect(progress.calls).toEqual([]);
    await nextTurn();
    expect(progress.calls).toEqual([{ context: "ctx", args: [10, "%"] }]);
  });

  it("notifies the derived promise with the progress handler's value", async () => {
    const dfd = Deferred();
    const progress = recorder();
    const done = recorder();
    dfd
      .then(null, null, (percent) => `${String(percent)}%`)
      .progress(progress.fn)
      .done(done.fn);
    dfd.notify(50);
    await nextTurn();
    expect(progress.calls).toEqual([{ context: undefined, args: ["50%"] }]);
    expect(done.calls).toEqual([]);
  });

  it("notifies the derived promise with the resolution value of a thenable the progress handler returns, ignoring its progress", async () => {
    const dfd = Deferred();
    const progress = recorder();
    const done = recorder();
    dfd
      .then(null, null, () => Deferred().notify("baz").resolve("quux"))
      .progress(progress.fn)
      .done(done.fn);
    dfd.notify("foo");
    dfd.notify("bar");
    await turns(2);
    expect(progress.calls.map((call) => call.args)).toEqual([["quux"], ["quux"]]);
    expect(done.calls).toEqual([]);
  });

  it("adopts a resolved deferred returned by a handler: its values and its context", async () => {
    const done = recorder();
    Deferred()
      .resolve()
      .then(() => Deferred().resolveWith("inner ctx", ["x", "y"]))
      .done(done.fn);
    await turns(2);
    expect(done.calls).toEqual([{ context: "inner ctx", args: ["x", "y"] }]);
  });

  it("a handler returning a rejected deferred flips the derived promise to rejected", async () => {
    const fail = recorder();
    const derived = Deferred()
      .resolve()
      .then(() => Deferred().reject("flipped"));
    derived.fail(fail.fn);
    await turns(2);
    expect(derived.state()).toBe("rejected");
    expect(fail.calls.map((call) => call.args)).toEqual([["flipped"]]);
  });

  it("a rejection handler returning a resolved deferred flips the derived promise to resolved", async () => {
    const derived = Deferred()
      .reject()
      .then(null, () => Deferred().resolve("recovered"));
    await turns(2);
    expect(derived.state()).toBe("resolved");
  });

  it("follows a pending deferred returned by a handler, including its progress", async () => {
    const inner = Deferred();
    const progress = recorder();
    const done = recorder();
    Deferred()
      .resolve()
      .then(() => inner)
      .progress(progress.fn)
      .done(done.fn);
    await nextTurn();
    inner.notify("halfway");
    await nextTurn();
    inner.resolve("finished");
    await nextTurn();
    expect(progress.calls.map((call) => call.args)).toEqual([["halfway"]]);
    expect(done.calls.map((call) => call.args)).toEqual([["finished"]]);
  });

  it("adopts a promise of this library returned by a handler (a promise() or a then-derived promise)", async () => {
    const done = recorder();
    const fail = recorder();
    Deferred()
      .resolve()
      .then(() => Deferred().resolveWith("ctx", ["via promise()"]).promise())
      .done(done.fn);
    Deferred()
      .resolve()
      .then(() => Deferred().reject("via then").then())
      .fail(fail.fn);
    await turns(3);
    expect(done.calls).toEqual([{ context: "ctx", args: ["via promise()"] }]);
    expect(fail.calls.map((call) => call.args)).toEqual([["via then"]]);
  });

  it("follows the progress of a pending promise() returned by a handler", async () => {
    const inner = Deferred();
    const progress = recorder();
    Deferred()
      .resolve()
      .then(() => inner.promise())
      .progress(progress.fn);
    await nextTurn();
    inner.notify("step");
    await nextTurn();
    expect(progress.calls.map((call) => call.args)).toEqual([["step"]]);
  });

  it("only the latest adopted thenable counts: a thenable resolving with another thenable cannot call back again", async () => {
    const second = Deferred();
    let callAgain: ((value: unknown) => void) | undefined;
    const first = {
      then(onFulfilled: (value: unknown) => void) {
        onFulfilled(second.promise());
        callAgain = onFulfilled;
      },
    };
    const done = recorder();
    Deferred()
      .resolve()
      .then(() => first)
      .done(done.fn);
    await turns(2);
    callAgain!("stale");
    await nextTurn();
    expect(done.calls).toEqual([]);
    second.resolve("latest");
    await nextTurn();
    expect(done.calls.map((call) => call.args)).toEqual([["latest"]]);
  });

  it("ignores an exception from an older thenable's then once it handed over to a newer thenable", async () => {
    await withExceptionHook(async () => {
      const second = Deferred();
      const first = {
        then(onFulfilled: (value: unknown) => void) {
          onFulfilled(second.promise());
          throw new Error("too late to matter");
        },
      };
      const derived = Deferred()
        .resolve()
        .then(() => first);
      await turns(2);
      expect(derived.state()).toBe("pending");
      second.resolve("kept following");
      await nextTurn();
      expect(derived.state()).toBe("resolved");
    });
  });

  it("delivers a notification to every then subscription, in order", async () => {
    const dfd = Deferred();
    const order: string[] = [];
    dfd.then(null, null, (value) => order.push(`first ${String(value)}`));
    dfd.then(null, null, (value) => order.push(`second ${String(value)}`));
    dfd.notify("n");
    await nextTurn();
    expect(order).toEqual(["first n", "second n"]);
  });

  it("adopts a native promise returned by a handler", async () => {
    const done = recorder();
    const fail = recorder();
    Deferred()
      .resolve()
      .then(() => Promise.resolve("native"))
      .done(done.fn);
    Deferred()
      .resolve()
      .then(() => Promise.reject(new Error("native rejection")))
      .fail(fail.fn);
    await turns(2);
    expect(done.calls.map((call) => call.args)).toEqual([["native"]]);
    expect((fail.calls[0]?.args[0] as Error).message).toBe("native rejection");
  });

  it("adopts a foreign thenable, counting only its first callback and ignoring a throw after it", async () => {
    const done = recorder();
    const fail = recorder();
    const thenable = {
      then(onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void) {
        onFulfilled("first");
        onFulfilled("second");
        onRejected("third");
        throw new Error("ignored");
      },
    };
    Deferred()
      .resolve()
      .then(() => thenable)
      .done(done.fn)
      .fail(fail.fn);
    await turns(2);
    expect(done.calls.map((call) => call.args)).toEqual([["first"]]);
    expect(fail.calls).toEqual([]);
  });

  it("settles the derived promise synchronously inside an adopted thenable's later callback", async () => {
    let fulfil: ((value: unknown) => void) | undefined;
    const derived = Deferred()
      .resolve()
      .then(() => ({
        then(onFulfilled: (value: unknown) => void) {
          fulfil = onFulfilled;
        },
      }));
    await turns(2);
    const seen: unknown[] = [];
    derived.done((value) => seen.push(value));
    expect(derived.state()).toBe("pending");
    fulfil!("later");
    expect(derived.state()).toBe("resolved");
    expect(seen).toEqual(["later"]);
  });

  it("rejects the derived promise when a thenable's then throws before calling back", async () => {
    await withExceptionHook(async () => {
      const fail = recorder();
      Deferred()
        .resolve()
        .then(() => ({
          then() {
            throw new Error("then threw");
          },
        }))
        .fail(fail.fn);
      await turns(2);
      expect((fail.calls[0]?.args[0] as Error).message).toBe("then threw");
    });
  });

  it("reads a returned thenable's then exactly once, and rejects if reading it throws", async () => {
    await withExceptionHook(async () => {
      let reads = 0;
      const counted = {
        get then() {
          reads++;
          return (resolve: (value: unknown) => void) => resolve("read once");
        },
      };
      const throwing = {
        get then(): never {
          throw new Error("getter threw");
        },
      };
      const done = recorder();
      const fail = recorder();
      Deferred()
        .resolve()
        .then(() => counted)
        .done(done.fn);
      Deferred()
        .resolve()
        .then(() => throwing)
        .fail(fail.fn);
      await turns(2);
      expect(reads).toBe(1);
      expect(done.calls.map((call) => call.args)).toEqual([["read once"]]);
      expect((fail.calls[0]?.args[0] as Error).message).toBe("getter threw");
    });
  });

  it("never treats a primitive as a thenable, even if its prototype has a then method", async () => {
    const prototype = String.prototype as unknown as { then?: unknown };
    prototype.then = () => {
      throw new Error("must not be called");
    };
    try {
      const done = recorder();
      Deferred()
        .resolve()
        .then(() => "plain string")
        .done(done.fn);
      await nextTurn();
      expect(done.calls.map((call) => call.args)).toEqual([["plain string"]]);
    } finally {
      delete prototype.then;
    }
  });

  it("rejects with TypeError('Thenable self-resolution') when a handler returns the derived promise", async () => {
    await withExceptionHook(async () => {
      const fail = recorder();
      const source = Deferred();
      const derived: ReturnType<typeof source.then> = source.then(() => derived);
      derived.fail(fail.fn);
      source.resolve();
      await turns(2);
      const error = fail.calls[0]?.args[0];
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe("Thenable self-resolution");
    });
  });

  it("hands a handler a resolution value that is a thenable as it is; a handler-less then unwraps it", async () => {
    const inner = Deferred().resolve("unwrapped");
    const seen: unknown[] = [];
    const source = Deferred().resolve(inner);
    source.then((value) => seen.push(value === inner ? "raw thenable" : value));
    source
      .then()
      .then()
      .done((value) => seen.push(value));
    await turns(3);
    expect(seen).toEqual(["raw thenable", "unwrapped"]);
  });

  it("schedules then handlers before the deferred's done callbacks run, so a throwing done cannot stop them", async () => {
    const order: string[] = [];
    const dfd = Deferred();
    dfd.done(() => {
      order.push("done");
      throw new Error("done threw");
    });
    dfd.then(() => order.push("then"));
    expect(() => dfd.resolve()).toThrow("done threw");
    expect(order).toEqual(["done"]);
    await nextTurn();
    expect(order).toEqual(["done", "then"]);
  });

  it("on a deferred notified then resolved before then was called, runs the progress handler first", async () => {
    const order: string[] = [];
    Deferred()
      .notify("n")
      .resolve("r")
      .then(
        (value) => order.push(`fulfilled ${String(value)}`),
        null,
        (value) => order.push(`progress ${String(value)}`),
      );
    await nextTurn();
    expect(order).toEqual(["progress n", "fulfilled r"]);
  });

  it("runs handlers in the order they were registered, across deferreds", async () => {
    const order: number[] = [];
    const a = Deferred();
    const b = Deferred();
    a.then(() => order.push(1));
    b.then(() => order.push(2));
    a.then(() => order.push(3));
    b.resolve();
    a.resolve();
    await nextTurn();
    expect(order).toEqual([2, 1, 3]);
  });

  it("works detached", async () => {
    const dfd = Deferred();
    const { then } = dfd;
    const done = recorder();
    then((value: unknown) => `${String(value)}!`).done(done.fn);
    dfd.resolve("detached");
    await nextTurn();
    expect(done.calls[0]?.args).toEqual(["detached!"]);
  });

  it("the derived promise's done order relative to the source's does not matter", async () => {
    const order: string[] = [];
    const source = Deferred();
    const derived = source.then((a, b) => (a as number) * (b as number));
    derived.done((value) => order.push(`derived ${String(value)}`));
    source.done((a, b) => order.push(`source ${String(a)} ${String(b)}`));
    source.resolve(2, 3);
    await nextTurn();
    expect(order).toEqual(["source 2 3", "derived 6"]);
  });
});

describe("catch", () => {
  it("is then(null, fn): the handler's value resolves the derived promise", async () => {
    const done = recorder();
    Deferred()
      .reject(2, 3)
      .catch((a, b) => (a as number) * (b as number))
      .done(done.fn);
    await nextTurn();
    expect(done.calls).toEqual([{ context: undefined, args: [6] }]);
  });

  it("passes a resolution through untouched, context and all values", async () => {
    const done = recorder();
    Deferred()
      .resolveWith("ctx", [1, 2])
      .catch(() => "not called")
      .done(done.fn);
    await nextTurn();
    expect(done.calls).toEqual([{ context: "ctx", args: [1, 2] }]);
  });

  it("returns a new promise and calls its handler asynchronously", async () => {
    const order: string[] = [];
    const dfd = Deferred().reject();
    const derived = dfd.catch(() => order.push("caught"));
    expect(derived).not.toBe(dfd.promise());
    expect(order).toEqual([]);
    await nextTurn();
    expect(order).toEqual(["caught"]);
  });

  it("catches an exception thrown by an earlier then handler", async () => {
    await withExceptionHook(async () => {
      const done = recorder();
      Deferred()
        .resolve()
        .then(() => {
          throw new Error("upstream");
        })
        .catch((error) => `recovered from ${(error as Error).message}`)
        .done(done.fn);
      await turns(2);
      expect(done.calls[0]?.args).toEqual(["recovered from upstream"]);
    });
  });
});

describe("await and native promise interop", () => {
  it("await dfd gives the first resolution value", async () => {
    const dfd = Deferred();
    setTimeout(() => dfd.resolve("a", "b"), 1);
    expect(await dfd).toBe("a");
  });

  it("await dfd.promise() gives the first resolution value", async () => {
    const dfd = Deferred<number>();
    setTimeout(() => dfd.resolve(42), 1);
    expect(await dfd.promise()).toBe(42);
  });

  it("await of a rejected deferred throws its first rejection value", async () => {
    const dfd = Deferred();
    setTimeout(() => dfd.reject("reason", "extra"), 1);
    await expect(dfd).rejects.toBe("reason");
  });

  it("await of a then chain gives the last handler's value", async () => {
    const result = await Deferred<number>()
      .resolve(20)
      .then((n) => n + 1)
      .then((n) => (n as number) * 2);
    expect(result).toBe(42);
  });

  it("Promise.resolve(dfd) adopts the deferred", async () => {
    const dfd = Deferred();
    const native = Promise.resolve(dfd);
    expect(native).toBeInstanceOf(Promise);
    dfd.resolve("adopted");
    await expect(native).resolves.toBe("adopted");
  });

  it("Promise.all accepts deferreds and promises alongside values", async () => {
    const d1 = Deferred();
    const d2 = Deferred();
    const all = Promise.all([d1, d2.promise(), 3]);
    d2.resolve(2);
    d1.resolve(1);
    await expect(all).resolves.toEqual([1, 2, 3]);
  });

  it("Promise.race and Promise.allSettled see deferred rejections", async () => {
    const settled = Promise.allSettled([Deferred().reject("no"), Deferred().resolve("yes")]);
    await expect(settled).resolves.toEqual([
      { status: "rejected", reason: "no" },
      { status: "fulfilled", value: "yes" },
    ]);
    await expect(Promise.race([Deferred().reject("first")])).rejects.toBe("first");
  });

  it("a native promise is accepted wherever a thenable is: then handlers and when", async () => {
    const viaThen = await Deferred()
      .resolve()
      .then(() => Promise.resolve("from then"));
    const viaWhen = await when(Promise.resolve("from when"));
    expect([viaThen, viaWhen]).toEqual(["from then", "from when"]);
  });
});
