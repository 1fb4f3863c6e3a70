/**
 * The per-core method cache (state.ts): whatever order methods are first read in, on the
 * deferred or on its promise, each name gives one function for good, and the functions work.
 * The cache changes shape as it fills (nothing, `done`'s function alone, one pair, a list of two
 * pairs, longer lists), so the orders are generated, and the promise is only taken (which reads
 * `promise`) when a read on it comes up.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deferred } from "../../src/index.js";
import { DEFERRED_METHODS, PROMISE_METHODS } from "../../src/core/method-names.js";

type Holder = Record<string, unknown>;

const read = fc.record({
  onPromise: fc.boolean(),
  name: fc.constantFrom(...DEFERRED_METHODS),
});

describe("method cache", () => {
  it("gives each method one function, whatever order the methods are first read in", () => {
    fc.assert(
      fc.property(fc.array(read, { maxLength: 40 }), (reads) => {
        const dfd = Deferred();
        let promise: Holder | undefined;
        const seen = new Map<string, unknown>();
        for (const { onPromise, name } of reads) {
          const promiseMethod = (PROMISE_METHODS as readonly string[]).includes(name);
          // The mutators exist on the deferred alone.
          const holder =
            onPromise && promiseMethod
              ? (promise ??= dfd.promise() as unknown as Holder)
              : (dfd as unknown as Holder);
          const fn = holder[name];
          expect(typeof fn).toBe("function");
          // A promise method is one function whether read on the deferred or on its promise.
          if (seen.has(name)) expect(fn).toBe(seen.get(name));
          else seen.set(name, fn);
        }
        promise ??= dfd.promise() as unknown as Holder;
        for (const name of PROMISE_METHODS) {
          expect((dfd as unknown as Holder)[name]).toBe(promise[name]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps methods read in any order working on their own deferred", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...DEFERRED_METHODS]), (names) => {
        const dfd = Deferred<number>();
        const other = Deferred<number>();
        const holder = dfd as unknown as Holder;
        for (const name of names) void holder[name];
        void (other as unknown as Holder).done;
        const calls: number[] = [];
        const done = holder.done as (fn: (value: number) => void) => unknown;
        done((value) => calls.push(value));
        (other.done as (fn: (value: number) => void) => unknown)(() => calls.push(-1));
        (holder.resolve as (value: number) => unknown)(7);
        expect(calls).toEqual([7]);
        expect((holder.state as () => string)()).toBe("resolved");
        expect(other.state()).toBe("pending");
      }),
      { numRuns: 200 },
    );
  });
});
