/**
 * when(...values): jQuery's rules for zero, one and several arguments (spec §3).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Deferred, when } from "../../src/index.js";
import { nextTurn, recorder, turns, withExceptionHook } from "./helpers.js";

/** Native rejections handled later by `when` must not be reported as unhandled meanwhile. */
const ignoreUnhandled = () => undefined;
beforeAll(() => {
  process.on("unhandledRejection", ignoreUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", ignoreUnhandled);
});

/** The ten values of jQuery's *when(nonThenable)* test. */
const NON_THENABLES: Array<[string, unknown]> = [
  ['""', ""],
  ['"some string"', "some string"],
  ["0", 0],
  ["1", 1],
  ["true", true],
  ["false", false],
  ["null", null],
  ["undefined", undefined],
  ["{}", {}],
  ["[1, 2, 3]", [1, 2, 3]],
];

describe("when", () => {
  describe("with no argument", () => {
    it("returns an already resolved promise with no values and an undefined context", () => {
      const { fn, calls } = recorder();
      const promise = when();
      expect(promise.state()).toBe("resolved");
      promise.done(fn);
      expect(calls).toEqual([{ context: undefined, args: [] }]);
    });
  });

  describe("with one argument", () => {
    it.each(NON_THENABLES)(
      "resolves %s with exactly that one value, synchronously through done",
      (_, value) => {
        const { fn, calls } = recorder();
        when(value).done(fn);
        expect(calls).toHaveLength(1);
        expect(calls[0]!.context).toBeUndefined();
        expect(calls[0]!.args).toHaveLength(1);
        expect(calls[0]!.args[0]).toBe(value);
      },
    );

    it.each(NON_THENABLES)(
      "resolves %s with exactly that one value through then",
      async (_, value) => {
        const { fn, calls } = recorder();
        when(value).then(fn);
        await nextTurn();
        expect(calls).toHaveLength(1);
        expect(calls[0]!.context).toBeUndefined();
        expect(calls[0]!.args).toHaveLength(1);
        expect(calls[0]!.args[0]).toBe(value);
      },
    );

    it("does not spread an array", () => {
      const { fn, calls } = recorder();
      const array = ["a", "b"];
      when(array).done(fn);
      expect(calls[0]!.args).toEqual([array]);
    });

    it("adopts a resolved deferred synchronously, keeping its context and every value", () => {
      const sentinel = { id: "sentinel" };
      const { fn, calls } = recorder();
      when(Deferred().resolveWith(sentinel, ["foo", "bar"])).done(fn);
      expect(calls).toEqual([{ context: sentinel, args: ["foo", "bar"] }]);
    });

    it("adopts a rejected deferred's promise synchronously, keeping context and values", () => {
      const { fn, calls } = recorder();
      when(Deferred().rejectWith("ctx", ["e1", "e2"]).promise()).fail(fn);
      expect(calls).toEqual([{ context: "ctx", args: ["e1", "e2"] }]);
    });

    it("observes a pending deferred asynchronously: callbacks run a turn after it resolves", async () => {
      const dfd = Deferred();
      const { fn, calls } = recorder();
      when(dfd).done(fn);
      dfd.resolveWith("ctx", [1, 2]);
      expect(calls).toEqual([]);
      await nextTurn();
      expect(calls).toEqual([{ context: "ctx", args: [1, 2] }]);
    });

    it("does not forward progress of a pending deferred", async () => {
      const dfd = Deferred();
      const { fn, calls } = recorder();
      when(dfd).progress(fn);
      dfd.notify("50%");
      await nextTurn();
      expect(calls).toEqual([]);
    });

    it("adopts a native promise asynchronously", async () => {
      const done = recorder();
      const fail = recorder();
      when(Promise.resolve("native")).done(done.fn);
      when(Promise.reject(new Error("native no"))).fail(fail.fn);
      expect(done.calls).toEqual([]);
      await nextTurn();
      expect(done.calls).toEqual([{ context: undefined, args: ["native"] }]);
      expect((fail.calls[0]?.args[0] as Error).message).toBe("native no");
    });

    it("adopts a foreign thenable through its then; { then(f) { f() } } resolves with zero values", () => {
      const { fn, calls } = recorder();
      when({
        then(onFulfilled: () => void) {
          onFulfilled();
        },
      }).done(fn);
      expect(calls).toEqual([{ context: undefined, args: [] }]);
    });

    it("unwraps a secondary thenable asynchronously (gh-3000)", async () => {
      const done = recorder();
      const fail = recorder();
      const fulfilled = when(Deferred().resolve(Deferred().resolve("secondary")));
      fulfilled.done(done.fn);
      when(Deferred().resolve(Deferred().reject("secondary no"))).fail(fail.fn);
      expect(fulfilled.state()).toBe("pending");
      await turns(2);
      expect(done.calls.map((call) => call.args)).toEqual([["secondary"]]);
      expect(fail.calls.map((call) => call.args)).toEqual([["secondary no"]]);
    });

    it("unwraps a secondary thenable of an eventually resolved deferred", async () => {
      const outer = Deferred();
      const done = recorder();
      when(outer).done(done.fn);
      outer.resolve(Promise.resolve("eventually secondary"));
      await turns(2);
      expect(done.calls.map((call) => call.args)).toEqual([["eventually secondary"]]);
    });

    it("rejects with the exception thrown while adopting the value (a throwing then getter)", () => {
      const error = new Error("getter threw");
      const { fn, calls } = recorder();
      when({
        get then(): never {
          throw error;
        },
      }).fail(fn);
      expect(calls.map((call) => call.args)).toEqual([[error]]);
    });

    it("rejects with the exception thrown by a thenable's then method", () => {
      const error = new Error("then threw");
      const { fn, calls } = recorder();
      when({
        then() {
          throw error;
        },
      }).fail(fn);
      expect(calls.map((call) => call.args)).toEqual([[error]]);
    });

    it("rejects with a TypeError when promise() returns something that is not a promise (difference #5)", () => {
      const { fn, calls } = recorder();
      when({ promise: () => undefined }).fail(fn);
      const error = calls[0]?.args[0];
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/promise\(\)/);
      expect((error as Error).message).toMatch(/returned undefined instead of a promise/);
    });
  });

  describe("with several arguments", () => {
    it("resolves when every argument has resolved, with one value per argument in argument order", () => {
      const d1 = Deferred();
      const d2 = Deferred();
      const { fn, calls } = recorder();
      when(d1, d2).done(fn);
      d2.resolve("Pizza");
      expect(calls).toEqual([]);
      d1.resolve("Fish");
      expect(calls.map((call) => call.args)).toEqual([["Fish", "Pizza"]]);
    });

    it("gives undefined for an argument resolved with no value and an array for one resolved with several", () => {
      const d1 = Deferred().resolve();
      const d2 = Deferred().resolve("abc");
      const d3 = Deferred().resolve(1, 2, 3, 4, 5);
      const { fn, calls } = recorder();
      when(d1, d2, d3).done(fn);
      expect(calls[0]?.args).toEqual([undefined, "abc", [1, 2, 3, 4, 5]]);
    });

    it("counts raw values as already resolved", () => {
      const { fn, calls } = recorder();
      when(1, "two", Deferred().resolve(3)).done(fn);
      expect(calls[0]?.args).toEqual([1, "two", 3]);
    });

    it("calls its callbacks with the array of the arguments' contexts as this (undefined for raw values and native promises)", async () => {
      const ctx = { id: "ctx" };
      const { fn, calls } = recorder();
      when(Deferred().resolveWith(ctx, ["a"]), "raw", Promise.resolve("native")).done(fn);
      await nextTurn();
      expect(calls).toEqual([
        { context: [ctx, undefined, undefined], args: ["a", "raw", "native"] },
      ]);
    });

    it("does not unwrap a resolution value that is itself a thenable", () => {
      const inner = Deferred().resolve("inner");
      const { fn, calls } = recorder();
      when(Deferred().resolve(inner), 2).done(fn);
      expect(calls[0]?.args[0]).toBe(inner);
    });

    it("rejects at the first rejection, with that argument's values and context, while others are pending", () => {
      const pending = Deferred();
      const rejected = Deferred();
      const { fn, calls } = recorder();
      const promise = when(pending, rejected).fail(fn);
      rejected.rejectWith("rejecting ctx", ["reason", 404]);
      // jQuery 4 does the same: the primary's reject is a fail callback of the argument, so it
      // receives the argument's context (undefined for a plain reject(), as in jQuery's tests).
      expect(calls).toEqual([{ context: "rejecting ctx", args: ["reason", 404] }]);
      expect(pending.state()).toBe("pending");
      pending.resolve();
      expect(promise.state()).toBe("rejected");
    });

    it("adopts the arguments last to first, so of two already rejected arguments the last one wins", () => {
      const { fn, calls } = recorder();
      when(Deferred().reject("first"), Deferred().reject("second")).fail(fn);
      expect(calls.map((call) => call.args)).toEqual([["second"]]);
    });

    it("adopts the arguments last to first: a throwing adoption of an early argument still sees later ones adopted", () => {
      const order: string[] = [];
      const spy = (name: string) => ({
        promise() {
          order.push(name);
          return Deferred().promise();
        },
      });
      when(spy("a"), spy("b"), spy("c"));
      expect(order).toEqual(["c", "b", "a"]);
    });

    it("does not aggregate progress, and notifications do not disturb the resolved values", () => {
      const d1 = Deferred();
      const d2 = Deferred();
      const progress = recorder();
      const done = recorder();
      when(d1, d2).progress(progress.fn).done(done.fn);
      d1.notify("n1");
      d1.resolve("v1");
      d2.notify("n2");
      d2.resolve("v2");
      expect(progress.calls).toEqual([]);
      expect(done.calls.map((call) => call.args)).toEqual([["v1", "v2"]]);
    });

    it("rejects with the exception thrown while adopting one of the arguments", () => {
      const error = new Error("adoption threw");
      const { fn, calls } = recorder();
      when(1, {
        get then(): never {
          throw error;
        },
      }).fail(fn);
      expect(calls.map((call) => call.args)).toEqual([[error]]);
    });

    it("works when applied to an array of promises: when.apply(null, array)", () => {
      const promises = [Deferred().resolve(1), Deferred().resolve(2), Deferred().resolve(3)];
      const { fn, calls } = recorder();
      // eslint-disable-next-line prefer-spread
      (when.apply(null, promises as never) as ReturnType<typeof when>).done(fn);
      expect(calls[0]?.args).toEqual([1, 2, 3]);
    });
  });

  describe("with two arguments of every kind (the 49 pairs)", () => {
    const KINDS = [
      "raw",
      "fulfilled",
      "rejected",
      "eventuallyFulfilled",
      "eventuallyRejected",
      "fulfilledNative",
      "rejectedNative",
    ] as const;
    type Kind = (typeof KINDS)[number];

    /** An argument of `kind`, settled (or not) with the value `label`. */
    function argument(kind: Kind, label: string): unknown {
      switch (kind) {
        case "raw":
          return label;
        case "fulfilled":
          return Deferred().resolve(label);
        case "rejected":
          return Deferred().reject(label);
        case "eventuallyFulfilled":
          return Deferred((d) => setTimeout(() => d.resolve(label), 5));
        case "eventuallyRejected":
          return Deferred((d) => setTimeout(() => d.reject(label), 5));
        case "fulfilledNative":
          return Promise.resolve(label);
        case "rejectedNative":
          return Promise.reject(label);
      }
    }

    /**
     * The rules: the primary resolves with both values if neither argument rejects. Otherwise the
     * first rejection wins: arguments are adopted last to first, so a synchronously rejected second
     * argument wins over a synchronously rejected first; native rejections arrive next (in
     * adoption order); timer-driven rejections last (in the order their timers were set).
     */
    function expectedRejection(a: Kind, b: Kind): string | undefined {
      const rank = (kind: Kind) =>
        kind === "rejected"
          ? 0
          : kind === "rejectedNative"
            ? 1
            : kind === "eventuallyRejected"
              ? 2
              : 3;
      const [ra, rb] = [rank(a), rank(b)];
      if (ra === 3 && rb === 3) return undefined;
      if (ra === rb) return ra === 2 ? "first" : "second";
      return ra < rb ? "first" : "second";
    }

    const PAIRS = KINDS.flatMap((a) => KINDS.map((b) => [a, b] as [Kind, Kind]));

    it.each(PAIRS)("when(%s, %s) settles by the rules", async (a, b) => {
      const outcome = await new Promise<{ state: string; context: unknown; args: unknown[] }>(
        (settle) => {
          when(argument(a, "first"), argument(b, "second"))
            .done(function (this: unknown, ...args: unknown[]) {
              settle({ state: "resolved", context: this, args });
            })
            .fail(function (this: unknown, ...args: unknown[]) {
              settle({ state: "rejected", context: this, args });
            });
        },
      );
      const rejection = expectedRejection(a, b);
      if (rejection === undefined) {
        expect(outcome).toEqual({
          state: "resolved",
          context: [undefined, undefined],
          args: ["first", "second"],
        });
      } else {
        expect(outcome).toEqual({ state: "rejected", context: undefined, args: [rejection] });
      }
    });
  });

  it.each([
    ["no argument", () => [] as unknown[]],
    ["a raw value", () => ["raw"]],
    ["a resolved deferred", () => [Deferred().resolve(1)]],
    ["a rejected deferred", () => [Deferred().reject(1)]],
    ["a pending deferred", () => [Deferred()]],
    ["a deferred's promise", () => [Deferred().resolve(1).promise()]],
    ["a native promise", () => [Promise.resolve(1)]],
    ["a foreign thenable", () => [{ then: (f: (v: unknown) => void) => f(1) }]],
    ["several deferreds", () => [Deferred().resolve(1), Deferred()]],
  ])("always returns a new read-only promise, given %s", (_, makeArguments) => {
    const args = makeArguments();
    const result = when(...(args as [])) as unknown as Record<string, unknown> & {
      promise(): unknown;
    };
    expect(typeof result["then"]).toBe("function");
    expect("resolve" in result).toBe(false);
    expect(result.promise()).toBe(result);
    for (const arg of args) {
      expect(result).not.toBe(arg);
      const promiseOf = (arg as { promise?: () => unknown } | null)?.promise;
      if (typeof promiseOf === "function") expect(result).not.toBe(promiseOf());
    }
  });

  it("a rejection reaching when's derived promise through then is reported to exceptionHook like any then rejection", async () => {
    await withExceptionHook(async (seen) => {
      const outer = Deferred();
      when(outer).fail(() => undefined);
      outer.reject("no");
      await nextTurn();
      expect(seen.map((entry) => entry.error)).toEqual(["no"]);
    });
  });
});
