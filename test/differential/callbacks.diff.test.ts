/**
 * Differential tests for `Callbacks` (spec §1): every scenario runs under all 16 flag
 * combinations, each given as a string and as an object, on jQuery 4 and on jq-deferred; the
 * traces (which callback, `this`, arguments, return values, accessor results) must be equal.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runBoth } from "./harness.js";
import {
  type CallbacksProgram,
  type CbOp,
  compileCallbacks,
  type Flags,
  type FnSpec,
} from "./programs.js";

const FLAG_COMBINATIONS: Flags[] = Array.from({ length: 16 }, (_, bits) => ({
  once: (bits & 1) !== 0,
  memory: (bits & 2) !== 0,
  unique: (bits & 4) !== 0,
  stopOnFalse: (bits & 8) !== 0,
}));

let compared = 0;
afterAll(() => console.log(`Callbacks: ${compared} differential cases compared`));

const plain: FnSpec = { returns: "undefined", nested: [], nestedOn: 1 };
const fn = (over: Partial<FnSpec> = {}): FnSpec => ({ ...plain, ...over });
const fire = (...args: (string | number)[]): CbOp => ({
  op: "fire",
  args,
  how: "method",
});

/** Runs one scenario under the 32 flag variants and asserts identical traces. */
async function underEveryFlagCombination(fns: FnSpec[], ops: CbOp[]): Promise<void> {
  for (const flags of FLAG_COMBINATIONS) {
    for (const style of ["string", "object"] as const) {
      const program: CallbacksProgram = { flags, style, fns, ops };
      const { jquery, ours } = await runBoth(compileCallbacks(program));
      compared++;
      expect(ours, JSON.stringify({ flags, style })).toEqual(jquery);
    }
  }
}

describe("Callbacks matches jQuery 4 under all 16 flag combinations (string and object flags)", () => {
  it("add, fire, fire again and add after firing (memory replays only the new callbacks)", async () => {
    await underEveryFlagCombination(
      [fn(), fn(), fn()],
      [
        { op: "add", items: [0, 1] },
        fire(1, "a"),
        fire(2),
        { op: "add", items: [2] },
        fire(3),
        { op: "fired" },
      ],
    );
  });

  it("adding the same callback twice (unique) and remove() removing every instance", async () => {
    await underEveryFlagCombination(
      [fn(), fn()],
      [
        { op: "add", items: [0, 0, 1, 0] },
        fire(1),
        { op: "remove", fns: [0] },
        { op: "has", fn: 0 },
        { op: "has", fn: 1 },
        fire(2),
      ],
    );
  });

  it("has(fn) and has() before and after firing, locking and disabling", async () => {
    await underEveryFlagCombination(
      [fn(), fn()],
      [
        { op: "has", fn: null },
        { op: "add", items: [0] },
        { op: "has", fn: 0 },
        { op: "has", fn: 1 },
        { op: "has", fn: null },
        fire(),
        { op: "has", fn: 0 },
        { op: "lock" },
        { op: "has", fn: 0 },
        { op: "has", fn: null },
        { op: "disable" },
        { op: "has", fn: 0 },
        { op: "has", fn: null },
      ],
    );
  });

  it("empty() keeps flags and memory; add after empty", async () => {
    await underEveryFlagCombination(
      [fn(), fn()],
      [
        { op: "add", items: [0] },
        fire("x"),
        { op: "empty" },
        { op: "has", fn: null },
        fire("y"),
        { op: "add", items: [1] },
        fire("z"),
        { op: "disabled" },
        { op: "locked" },
      ],
    );
  });

  it("disable() stops add and fire and reports disabled/locked", async () => {
    await underEveryFlagCombination(
      [fn(), fn()],
      [
        { op: "add", items: [0] },
        fire(1),
        { op: "disable" },
        { op: "add", items: [1] },
        fire(2),
        { op: "disabled" },
        { op: "locked" },
        { op: "fired" },
      ],
    );
  });

  it("lock() before and after firing; add after lock with and without memory", async () => {
    await underEveryFlagCombination(
      [fn(), fn()],
      [
        { op: "add", items: [0] },
        fire(1),
        { op: "lock" },
        fire(2),
        { op: "add", items: [1] },
        { op: "locked" },
        { op: "disabled" },
      ],
    );
    await underEveryFlagCombination(
      [fn(), fn()],
      [
        { op: "add", items: [0] },
        { op: "lock" },
        fire(1),
        { op: "add", items: [1] },
        { op: "fired" },
        { op: "disabled" },
      ],
    );
  });

  it("fireWith(context, args): sentinel, undefined, null and number contexts; array, array-like and missing args", async () => {
    for (const ctx of ["sentinel", "undefined", "null", "number", "self"] as const) {
      await underEveryFlagCombination(
        [fn(), fn()],
        [
          { op: "add", items: [0] },
          { op: "fireWith", ctx, args: [1, "two"], arrayLike: false },
          { op: "fireWith", ctx, args: [3], arrayLike: true },
          { op: "fireWith", ctx, args: null, arrayLike: false },
          { op: "add", items: [1] },
        ],
      );
    }
  });

  it("fire called as a method, detached (undefined this) and borrowed by another object", async () => {
    await underEveryFlagCombination(
      [fn()],
      [
        { op: "add", items: [0] },
        { op: "fire", args: [1], how: "detached" },
        { op: "fire", args: [2], how: "borrowed" },
        { op: "fire", args: [3], how: "method" },
      ],
    );
  });

  it("nested arrays, array-likes and junk (strings, numbers) given to add", async () => {
    await underEveryFlagCombination(
      [fn(), fn(), fn()],
      [
        { op: "add", items: [[0, [1]], "junk string", "junk number", [[2]]] },
        fire(1),
        { op: "add", items: ["junk string"] },
        fire(2),
      ],
    );
  });

  it("fired() after firing an empty list, then add (memory of an empty fire)", async () => {
    await underEveryFlagCombination(
      [fn()],
      [{ op: "fired" }, fire("early"), { op: "fired" }, { op: "add", items: [0] }, fire("late")],
    );
  });

  it("stopOnFalse: only an exact false ends the pass and erases memory", async () => {
    for (const returns of ["false", "0", "empty string", "true"] as const) {
      await underEveryFlagCombination(
        [fn(), fn({ returns }), fn()],
        [
          { op: "add", items: [0, 1, 2] },
          fire(1),
          fire(2),
          { op: "add", items: [0] },
          { op: "fired" },
        ],
      );
    }
  });

  it("re-entrant fire from a callback is queued after the current pass", async () => {
    await underEveryFlagCombination(
      [fn({ nested: [fire("inner")] }), fn()],
      [{ op: "add", items: [0, 1] }, fire("outer"), fire("again")],
    );
  });

  it("re-entrant add from a callback is reached in the same pass", async () => {
    await underEveryFlagCombination(
      [fn({ nested: [{ op: "add", items: [1] }] }), fn(), fn()],
      [{ op: "add", items: [0, 2] }, fire(1), fire(2)],
    );
  });

  it("re-entrant remove of a later, an earlier and the running callback", async () => {
    for (const target of [0, 1, 2]) {
      await underEveryFlagCombination(
        [
          fn(),
          fn({ nested: [{ op: "remove", fns: [target === 1 ? 1 : target === 0 ? 0 : 2] }] }),
          fn(),
        ],
        [{ op: "add", items: [0, 1, 2] }, fire(1), fire(2)],
      );
    }
  });

  it("re-entrant empty, disable and lock from inside a callback, which may also return false", async () => {
    for (const op of ["empty", "disable", "lock"] as const) {
      for (const returns of ["undefined", "false"] as const) {
        await underEveryFlagCombination(
          [fn({ returns, nested: [{ op }, fire("queued")] }), fn(), fn()],
          [
            { op: "add", items: [0, 1] },
            fire(1),
            { op: "add", items: [2] },
            fire(2),
            { op: "locked" },
            { op: "disabled" },
          ],
        );
      }
    }
  });

  it("re-entrant fire during a memory replay triggered by add", async () => {
    await underEveryFlagCombination(
      [fn(), fn({ nested: [fire("from replay"), { op: "add", items: [2] }] }), fn()],
      [{ op: "add", items: [0] }, fire(1), { op: "add", items: [1] }, { op: "fired" }],
    );
  });

  it("accessors called from inside a callback (has, fired, locked, disabled)", async () => {
    await underEveryFlagCombination(
      [
        fn({
          nested: [
            { op: "has", fn: 0 },
            { op: "has", fn: null },
            { op: "fired" },
            { op: "locked" },
            { op: "disabled" },
          ],
        }),
      ],
      [{ op: "add", items: [0] }, fire(1), fire(2)],
    );
  });

  it("the flags object is copied at creation and unknown words are ignored", async () => {
    // compileCallbacks passes `{ ...flags, bogus: true }` or a string with an unknown word.
    await underEveryFlagCombination([fn()], [{ op: "add", items: [0] }, fire(1), fire(2)]);
    expect(compared).toBeGreaterThan(0);
  });
});

describe("case count", () => {
  it("compared every scenario under all 32 flag variants", () => {
    // 1+1+1+1+1+2+5+1+1+1+4+1+1+3+6+1+1+1 scenarios = 33 programs × 32 variants
    expect(compared).toBe(33 * 32);
  });
});
