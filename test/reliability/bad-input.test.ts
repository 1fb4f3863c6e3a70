/**
 * Bad input, each with its exact outcome: what jQuery ignores is ignored (documented), an unusable
 * value is a TypeError whose message names the argument and what was expected, nothing hangs, and
 * no value is silently lost.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Callbacks, Deferred, setScheduler, when } from "../../src/index.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The outcome of a promise after the current turn: its state and its values. */
async function settled(promise: {
  done(fn: (...values: unknown[]) => void): unknown;
  fail(fn: (...values: unknown[]) => void): unknown;
  state(): string;
}) {
  await tick();
  await tick();
  const values: unknown[] = [];
  promise.done((...all) => values.push(...all));
  promise.fail((...all) => values.push(...all));
  return { state: promise.state(), values };
}

const savedHook = Deferred.exceptionHook;
afterEach(() => {
  Deferred.exceptionHook = savedHook;
  setScheduler("microtask");
});

describe("done / fail / progress / always / Callbacks.add", () => {
  it("ignore non-function values and return the object they were called on", () => {
    const dfd = Deferred();
    const calls: unknown[] = [];
    const junk = [1, "text", null, undefined, {}, true, Symbol("s"), [null, [2, "x"]]];
    expect(dfd.done(...(junk as never[]))).toBe(dfd);
    expect(dfd.fail(...(junk as never[]))).toBe(dfd);
    expect(dfd.progress(...(junk as never[]))).toBe(dfd);
    expect(dfd.always(...(junk as never[]))).toBe(dfd);
    dfd.done((value: unknown) => calls.push(value));
    dfd.resolve("v");
    expect(calls).toEqual(["v"]);

    const list = Callbacks();
    expect(list.add(...(junk as never[]))).toBe(list);
    expect(list.has()).toBe(false);
  });

  it("ignore strings: a string is not walked character by character", () => {
    const list = Callbacks();
    list.add("a string with length 25" as never);
    expect(list.has()).toBe(false);
  });

  it("walk nested arrays and array-likes (arguments included), keeping their order", () => {
    const order: string[] = [];
    const fn = (name: string) => () => order.push(name);
    const arrayLike = { length: 2, 0: fn("c"), 1: fn("d") };
    function withArguments(..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    const list = Callbacks();
    list.add(fn("a"), [[fn("b")], arrayLike], withArguments(fn("e"), [fn("f")]));
    list.fire();
    expect(order).toEqual(["a", "b", "c", "d", "e", "f"]);

    order.length = 0;
    const dfd = Deferred();
    dfd.done([fn("a"), [[fn("b")]]], arrayLike);
    dfd.resolve();
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("never walk a function, even one that looks like an array", () => {
    const order: string[] = [];
    const fn = Object.assign(() => order.push("fn"), { 0: () => order.push("property") });
    const list = Callbacks();
    list.add(fn);
    list.fire();
    expect(order).toEqual(["fn"]);
  });

  it("walk a nesting 1,000 arrays deep", () => {
    let nested: unknown = () => "deep";
    for (let i = 0; i < 1000; i++) nested = [nested];
    const list = Callbacks("memory");
    const results: unknown[] = [];
    list.add(nested as never);
    list.add(() => results.push(list.has()));
    list.fire();
    expect(results).toEqual([true]);
  });
});

describe("then / catch / pipe with non-function arguments", () => {
  it("then treats non-function handlers as pass-throughs", async () => {
    const resolved = Deferred()
      .resolve("r")
      .then("not a function" as never, 42 as never, {} as never);
    const rejected = Deferred()
      .reject("x")
      .then(null, "not a function" as never);
    expect(await settled(resolved)).toEqual({ state: "resolved", values: ["r"] });
    Deferred.exceptionHook = undefined;
    expect(await settled(rejected)).toEqual({ state: "rejected", values: ["x"] });
  });

  it("catch with a non-function passes the rejection on", async () => {
    Deferred.exceptionHook = undefined;
    const caught = Deferred()
      .reject("x")
      .catch(null as never);
    expect(await settled(caught)).toEqual({ state: "rejected", values: ["x"] });
  });

  it("pipe with non-function filters passes values, context and state on", () => {
    const context = { c: 1 };
    const piped = Deferred()
      .rejectWith(context, ["a", "b"])
      .pipe(1 as never, "x" as never);
    const seen: unknown[] = [];
    piped.fail(function (this: unknown, ...values: unknown[]) {
      seen.push(this, values);
    });
    expect(seen).toEqual([context, ["a", "b"]]);
  });
});

describe("promise(target)", () => {
  it("returns the deferred's promise for null and undefined", () => {
    const dfd = Deferred();
    expect(dfd.promise(null)).toBe(dfd.promise());
    expect(dfd.promise(undefined)).toBe(dfd.promise());
  });

  it.each([
    [5, "number 5"],
    ["abc", 'the string "abc"'],
    [true, "boolean true"],
    [Symbol("s"), "symbol Symbol(s)"],
    [10n, "bigint 10"],
  ])("throws a TypeError for the primitive %s", (target, described) => {
    expect(() => Deferred().promise(target as never)).toThrow(
      new TypeError(`promise(target): target must be an object or a function, got ${described}`),
    );
  });

  it("extends a function", () => {
    const target = function target() {};
    const dfd = Deferred();
    expect(dfd.promise(target)).toBe(target);
    expect((target as unknown as { done: unknown }).done).toBe(dfd.done);
  });

  it.each([
    ["frozen", Object.freeze({})],
    ["sealed", Object.seal({})],
    ["non-extensible", Object.preventExtensions({})],
  ])(
    "throws a TypeError naming the problem for a %s object, which is left untouched",
    (_, target) => {
      expect(() => Deferred().promise(target)).toThrow(
        new TypeError(
          'promise(target): cannot attach "state" to the target (is it frozen or sealed?): ' +
            "TypeError: Cannot add property state, object is not extensible",
        ),
      );
      expect(Object.keys(target)).toEqual([]);
    },
  );

  it("throws a TypeError naming the property for a target with a read-only method name, keeping the cause", () => {
    const target = {};
    Object.defineProperty(target, "done", { value: "read-only", enumerable: true });
    let thrown: unknown;
    try {
      Deferred().promise(target);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as TypeError).message).toBe(
      'promise(target): cannot attach "done" to the target (is it frozen or sealed?): ' +
        "TypeError: Cannot assign to read only property 'done' of object '#<Object>'",
    );
    expect((thrown as TypeError).cause).toBeInstanceOf(TypeError);
  });

  it("a frozen deferred or promise still works: its state is private", () => {
    const dfd = Object.freeze(Deferred<[number]>());
    const promise = Object.freeze(dfd.promise());
    const seen: unknown[] = [];
    promise.done((n) => seen.push(n));
    dfd.resolve(1);
    expect(seen).toEqual([1]);
    expect(promise.state()).toBe("resolved");
  });

  it("frozen argument arrays are copied, not modified", () => {
    const args = Object.freeze([1, 2]);
    const seen: unknown[] = [];
    Deferred()
      .resolveWith(null, args)
      .done((...values: unknown[]) => seen.push(values));
    Callbacks()
      .add((...values: unknown[]) => seen.push(values))
      .fireWith(null, args);
    expect(seen).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });
});

describe("when with values whose promise property is unusable", () => {
  it("treats a non-function promise property as a plain value, as jQuery does", () => {
    const value = { promise: 5 };
    const seen: unknown[] = [];
    when(value).done((v) => seen.push(v));
    expect(seen).toEqual([value]);
  });

  it.each([
    ["undefined (seed 003: when({ promise() {} }))", () => undefined, "it", "undefined"],
    ["null", () => null, "it", "null"],
    ["a number", () => 42, "it", "number 42"],
    // jQuery reads `fail` on what `done(resolve)` returned.
    ["an object whose done() returns nothing", () => ({ done() {} }), "done()", "undefined"],
  ])(
    "rejects with a clear TypeError when promise() returns %s",
    async (_, promise, from, described) => {
      const expected =
        `when(): the value has a promise() method, but ${from} returned ${described} ` +
        "instead of a promise with done/fail/progress methods";
      const single = when({ promise });
      const multiple = when({ promise }, 1);
      for (const combined of [single, multiple]) {
        const outcome = await settled(combined);
        expect(outcome.state).toBe("rejected");
        expect(outcome.values).toEqual([new TypeError(expected)]);
        expect(outcome.values[0]).toBeInstanceOf(TypeError);
      }
    },
  );

  it("rejects with the exception when promise() throws", async () => {
    const error = new Error("promise() failed");
    const outcome = await settled(
      when({
        promise() {
          throw error;
        },
      }),
    );
    expect(outcome).toEqual({ state: "rejected", values: [error] });
  });

  it("pipe throws the same clear TypeError to the caller of resolve when a filter returns such a value", () => {
    const dfd = Deferred();
    const piped = dfd.pipe(() => ({ promise: () => 42 }));
    expect(() => dfd.resolve()).toThrow(
      new TypeError(
        "pipe(): the value has a promise() method, but it returned number 42 " +
          "instead of a promise with done/fail/progress methods",
      ),
    );
    expect(piped.state()).toBe("pending");
  });
});

/** A then-handler result and a `when` argument for each misbehaving thenable. */
function viaThenAndWhen(make: () => unknown) {
  return [Deferred().resolve().then(make), when(make()), when(make(), "second")];
}

describe("misbehaving thenables", () => {
  it("a thenable whose then getter throws rejects, through then and when", async () => {
    Deferred.exceptionHook = undefined;
    const error = new Error("then getter");
    const make = () => ({
      get then() {
        throw error;
      },
    });
    for (const promise of viaThenAndWhen(make)) {
      expect(await settled(promise)).toEqual({ state: "rejected", values: [error] });
    }
  });

  it("a thenable that resolves twice counts its first value only", async () => {
    const make = () => ({
      then(resolve: (v: unknown) => void) {
        resolve("first");
        resolve("second");
      },
    });
    const [viaThen, viaWhen, viaWhenMany] = viaThenAndWhen(make);
    expect(await settled(viaThen!)).toEqual({ state: "resolved", values: ["first"] });
    expect(await settled(viaWhen!)).toEqual({ state: "resolved", values: ["first"] });
    expect(await settled(viaWhenMany!)).toEqual({ state: "resolved", values: ["first", "second"] });
  });

  it("a thenable that resolves then rejects stays resolved; one that rejects then resolves stays rejected", async () => {
    Deferred.exceptionHook = undefined;
    const resolvesFirst = () => ({
      then(resolve: (v: unknown) => void, reject: (r: unknown) => void) {
        resolve("value");
        reject("reason");
      },
    });
    const rejectsFirst = () => ({
      then(resolve: (v: unknown) => void, reject: (r: unknown) => void) {
        reject("reason");
        resolve("value");
      },
    });
    for (const promise of viaThenAndWhen(resolvesFirst)) {
      expect((await settled(promise)).state).toBe("resolved");
    }
    for (const promise of viaThenAndWhen(rejectsFirst)) {
      expect(await settled(promise)).toEqual({ state: "rejected", values: ["reason"] });
    }
  });

  it("a thenable that throws after resolving stays resolved; the exception still reaches exceptionHook through then, as in jQuery", async () => {
    const hooked: unknown[] = [];
    Deferred.exceptionHook = (error) => {
      hooked.push(error);
    };
    const error = new Error("after resolve");
    const make = () => ({
      then(resolve: (v: unknown) => void) {
        resolve("value");
        throw error;
      },
    });
    const [viaThen, viaWhen, viaWhenMany] = viaThenAndWhen(make);
    expect(await settled(viaThen!)).toEqual({ state: "resolved", values: ["value"] });
    expect(await settled(viaWhen!)).toEqual({ state: "resolved", values: ["value"] });
    expect(await settled(viaWhenMany!)).toEqual({
      state: "resolved",
      values: ["value", "second"],
    });
    expect(hooked).toEqual([error]);
  });

  it("a then handler returning its own derived promise rejects it with TypeError('Thenable self-resolution')", async () => {
    Deferred.exceptionHook = undefined;
    const derived: ReturnType<ReturnType<typeof Deferred>["then"]> = Deferred()
      .resolve()
      .then(() => derived);
    const outcome = await settled(derived);
    expect(outcome).toEqual({
      state: "rejected",
      values: [new TypeError("Thenable self-resolution")],
    });
    expect(outcome.values[0]).toBeInstanceOf(TypeError);
  });

  it("thenables that call back with each other synchronously, forever, stay pending without overflowing the stack or blocking timers", async () => {
    let running = true;
    let steps = 0;
    const first: { then(resolve: (v: unknown) => void): void } = {
      then(resolve) {
        steps++;
        if (running) resolve(second);
      },
    };
    const second = {
      then(resolve: (v: unknown) => void) {
        steps++;
        if (running) resolve(first);
      },
    };
    const promises = [
      Deferred()
        .resolve()
        .then(() => first),
      when(first),
    ];
    // Timers keep firing while the cycle runs: it continues from a task every 256 steps.
    let timers = 0;
    for (; timers < 20; timers++) await new Promise((resolve) => setTimeout(resolve, 0));
    const seen = steps;
    running = false;
    expect(timers).toBe(20);
    expect(seen).toBeGreaterThan(2 * 256);
    for (const promise of promises) expect(promise.state()).toBe("pending");
  });

  it("a thenable that calls back with another thenable 200 times synchronously is followed to its value", async () => {
    const nested = (n: number): unknown => ({
      then(resolve: (v: unknown) => void) {
        resolve(n === 0 ? "bottom" : nested(n - 1));
      },
    });
    const outcome = await settled(
      Deferred()
        .resolve()
        .then(() => nested(200)),
    );
    expect(outcome).toEqual({ state: "resolved", values: ["bottom"] });
  });

  it("two promises adopting each other stay pending without busy-looping, like native promises", async () => {
    const source = Deferred();
    const cycle: { b?: ReturnType<typeof source.then> } = {};
    const a = source.then(() => cycle.b);
    const b = (cycle.b = source.then(() => a));
    source.resolve();
    // A microtask loop would starve this timer and time the test out.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([a.state(), b.state()]).toEqual(["pending", "pending"]);
  });
});

describe("Callbacks(flags)", () => {
  it("ignores unknown flags in a string, whatever the whitespace", () => {
    const list = Callbacks("  once\tbogus\nmemory  " as never);
    const seen: unknown[] = [];
    list.fire("x");
    list.add((v: unknown) => seen.push(v));
    list.fire("y");
    expect(seen).toEqual(["x"]);
    expect(list.locked()).toBe(true);
  });

  it("ignores unknown keys and uses the truthiness of known ones in an object", () => {
    const list = Callbacks({ bogus: true, once: 1, memory: "" } as never);
    list.fire("x");
    expect(list.locked()).toBe(true);
    expect(list.disabled()).toBe(true); // once without memory
  });

  it.each([
    [123, "number 123"],
    [true, "boolean true"],
    [() => "once", "a function"],
  ])("throws a TypeError for flags %s", (flags, described) => {
    expect(() => Callbacks(flags as never)).toThrow(
      new TypeError(
        `Callbacks(flags): flags must be a string such as "once memory" or an object, got ${described}`,
      ),
    );
  });
});

describe("other unusable arguments", () => {
  it("Deferred(beforeStart) throws a TypeError for a non-function", () => {
    expect(() => Deferred("start" as never)).toThrow(
      new TypeError(
        'Deferred(beforeStart): beforeStart must be a function, got the string "start"',
      ),
    );
  });

  it.each(["resolveWith", "rejectWith", "notifyWith"] as const)(
    "%s throws a TypeError for arguments that are not array-like, and the deferred stays pending",
    (method) => {
      const dfd = Deferred();
      expect(() => dfd[method]({}, 5 as never)).toThrow(
        new TypeError(
          `${method}(context, args): args must be an array or array-like object, got number 5`,
        ),
      );
      expect(dfd.state()).toBe("pending");
    },
  );

  it("fireWith throws a TypeError for a string, and the list has not fired", () => {
    const list = Callbacks();
    expect(() => list.fireWith(null, "ab" as never)).toThrow(
      new TypeError(
        'fireWith(context, args): args must be an array or array-like object, got the string "ab"',
      ),
    );
    expect(list.fired()).toBe(false);
  });

  it("setScheduler throws a TypeError for anything but the two names or a function", () => {
    expect(() => setScheduler("macrotask" as never)).toThrow(
      new TypeError(
        'setScheduler(scheduler): expected "microtask", "jquery" or a function, got macrotask',
      ),
    );
  });
});
