/**
 * Callbacks(flags): every method, the four flags in all 16 combinations (as a string and as an
 * object), and the one deliberate difference from jQuery (a throwing callback never wedges a list).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Callbacks, type CallbacksFlags } from "../../src/index.js";

/** A full garbage collection, from a `gc` function exposed at run time. */
function fullGc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

const FLAG_NAMES = ["once", "memory", "unique", "stopOnFalse"] as const;

/** All 16 flag sets, as the space-separated string jQuery documents. */
const FLAG_SETS: string[] = Array.from({ length: 16 }, (_, mask) =>
  FLAG_NAMES.filter((_, bit) => mask & (1 << bit)).join(" "),
);

const asObject = (flags: string): CallbacksFlags =>
  Object.fromEntries(
    flags
      .split(" ")
      .filter(Boolean)
      .map((flag) => [flag, true]),
  );

/** Both spellings of every flag set: `[label, flags]`. */
const BOTH_SPELLINGS: Array<[string, string | CallbacksFlags]> = FLAG_SETS.flatMap((flags) => [
  [`"${flags}"`, flags] as [string, string | CallbacksFlags],
  [JSON.stringify(asObject(flags)), asObject(flags)] as [string, string | CallbacksFlags],
]);

/**
 * The flag-dependent checks of the flag matrix (spec §1.4). Each returns the output string the
 * callbacks produced, in this order:
 *  0 ordering: C added by the first callback during a pass runs in that pass
 *  1 adding after a fire (a callback that adds C and writes A, plus B)
 *  2 firing that list again
 *  3 multiple fire: first fire "A"
 *  4   a callback added after it
 *  5   a second fire "B"
 *  6   another callback added after it
 *  7 returning false from the second of A, B→false, A
 *  8   adding C after that fire
 *  9 no callback iteration: a function carrying properties, added twice
 */
function flagMatrixOutputs(flags: string | CallbacksFlags): string[] {
  const outputs: string[] = [];
  let output = "";
  const writeA = () => {
    output += "A";
  };
  const writeB = () => {
    output += "B";
  };
  const writeC = () => {
    output += "C";
  };
  const write = (text: string) => {
    output += text;
  };

  let list = Callbacks(flags);
  output = "X";
  list.add(() => {
    list.add(writeC);
    writeA();
  }, writeB);
  list.fire();
  outputs.push(output);

  output = "X";
  list.add(() => {
    list.add(writeC);
    writeA();
  }, writeB);
  outputs.push(output);

  output = "X";
  list.fire();
  outputs.push(output);

  list = Callbacks(flags);
  output = "X";
  list.add((text: string) => write(text));
  list.fire("A");
  outputs.push(output);
  output = "X";
  list.add((text: string) => write(text));
  outputs.push(output);
  output = "X";
  list.fire("B");
  outputs.push(output);
  output = "X";
  list.add((text: string) => write(text));
  outputs.push(output);

  list = Callbacks(flags);
  output = "X";
  list.add(
    writeA,
    () => {
      output += "B";
      return false;
    },
    writeA,
  );
  list.fire();
  outputs.push(output);
  output = "X";
  list.add(writeC);
  outputs.push(output);

  list = Callbacks(flags);
  output = "X";
  const carrier = Object.assign(() => write("F"), { length2: 2, 0: "not a callback" });
  list.add(carrier);
  list.add(carrier);
  list.fire();
  outputs.push(output);
  return outputs;
}

/**
 * Expected outputs of {@link flagMatrixOutputs}, derived from the rules of spec §1.4 (and
 * identical to what jQuery 4 produces for the same program):
 * - ordering is "XABC" everywhere;
 * - only `memory` lists replay to callbacks added after a fire; `memory unique` skips the
 *   duplicates B and C (but `once memory unique` emptied its list when it locked, so nothing is a
 *   duplicate any more);
 * - `once` lists ignore a second fire; otherwise every callback runs, duplicates included unless
 *   `unique` (the pass reaches the C added during it);
 * - memory replays the latest fire, which under `once memory` stays the first;
 * - `stopOnFalse` stops after A,B; otherwise A,B,A ("XAB" under `unique`);
 * - `memory` replays C after the false return unless `stopOnFalse` wiped the memory;
 * - a function with properties counts once per add ("XF" under `unique`).
 */
const FLAG_MATRIX: Record<string, string[]> = {
  "": ["XABC", "X", "XABCABCC", "XA", "X", "XBB", "X", "XABA", "X", "XFF"],
  once: ["XABC", "X", "X", "XA", "X", "X", "X", "XABA", "X", "XFF"],
  memory: ["XABC", "XABC", "XABCABCCC", "XA", "XA", "XBB", "XB", "XABA", "XC", "XFF"],
  "once memory": ["XABC", "XABC", "X", "XA", "XA", "X", "XA", "XABA", "XC", "XFF"],
  unique: ["XABC", "X", "XABCA", "XA", "X", "XBB", "X", "XAB", "X", "XF"],
  "once unique": ["XABC", "X", "X", "XA", "X", "X", "X", "XAB", "X", "XF"],
  "memory unique": ["XABC", "XA", "XABCA", "XA", "XA", "XBB", "XB", "XAB", "XC", "XF"],
  "once memory unique": ["XABC", "XABC", "X", "XA", "XA", "X", "XA", "XAB", "XC", "XF"],
  stopOnFalse: ["XABC", "X", "XABCABCC", "XA", "X", "XBB", "X", "XAB", "X", "XFF"],
  "once stopOnFalse": ["XABC", "X", "X", "XA", "X", "X", "X", "XAB", "X", "XFF"],
  "memory stopOnFalse": ["XABC", "XABC", "XABCABCCC", "XA", "XA", "XBB", "XB", "XAB", "X", "XFF"],
  "once memory stopOnFalse": ["XABC", "XABC", "X", "XA", "XA", "X", "XA", "XAB", "X", "XFF"],
  "unique stopOnFalse": ["XABC", "X", "XABCA", "XA", "X", "XBB", "X", "XAB", "X", "XF"],
  "once unique stopOnFalse": ["XABC", "X", "X", "XA", "X", "X", "X", "XAB", "X", "XF"],
  "memory unique stopOnFalse": ["XABC", "XA", "XABCA", "XA", "XA", "XBB", "XB", "XAB", "X", "XF"],
  "once memory unique stopOnFalse": ["XABC", "XABC", "X", "XA", "XA", "X", "XA", "XAB", "X", "XF"],
};

const labelOf = (flags: string | CallbacksFlags) =>
  typeof flags === "string" ? flags : FLAG_NAMES.filter((name) => flags[name]).join(" ");

describe("Callbacks(flags)", () => {
  it.each(BOTH_SPELLINGS)("with flags %s produces the flag matrix outputs", (_, flags) => {
    expect(flagMatrixOutputs(flags)).toEqual(FLAG_MATRIX[labelOf(flags)]);
  });

  it("the flag matrix table covers the 16 flag sets", () => {
    expect(Object.keys(FLAG_MATRIX).sort()).toEqual([...FLAG_SETS].sort());
  });

  it("accepts any run of whitespace between flags and ignores unknown words", () => {
    const list = Callbacks("  once\t\n memory  bogus unique\f");
    const seen: number[] = [];
    list.fire(1);
    list.fire(2);
    list.add((n: unknown) => seen.push(n as number));
    expect(seen).toEqual([1]);
    expect(list.locked()).toBe(true);
  });

  it("turns on only the truthy keys of an options object", () => {
    const list = Callbacks({ once: false, memory: 1 as unknown as boolean, bogus: true } as never);
    const seen: unknown[] = [];
    list.fire("a");
    list.fire("b");
    list.add((value: unknown) => seen.push(value));
    expect(seen).toEqual(["b"]);
  });

  it("copies the options object at creation, so changing it later has no effect", () => {
    const options: CallbacksFlags = { memory: true };
    const list = Callbacks(options);
    options.memory = false;
    options.once = true;
    const seen: unknown[] = [];
    list.fire("first");
    list.fire("second");
    list.add((value: unknown) => seen.push(value));
    expect(seen).toEqual(["second"]);
  });

  it("without options gives a plain list that fires any number of times and forgets", () => {
    for (const flags of [undefined, "", {}]) {
      const list = Callbacks(flags);
      const seen: unknown[] = [];
      list.add((value: unknown) => seen.push(value));
      list.fire(1).fire(2).fire(3);
      list.add((value: unknown) => seen.push(`late ${String(value)}`));
      expect(seen).toEqual([1, 2, 3]);
    }
  });

  it("rejects options that are neither a string nor an object with a TypeError naming flags", () => {
    expect(() => Callbacks(123 as never)).toThrow(TypeError);
    expect(() => Callbacks(123 as never)).toThrow(/flags/);
    expect(() => Callbacks(true as never)).toThrow(/flags/);
  });

  it("returns an object whose methods work detached from it", () => {
    const list = Callbacks("memory");
    const { add, fire, has, fired } = list;
    const seen: unknown[] = [];
    const callback = (value: unknown) => seen.push(value);
    add(callback);
    fire("detached");
    expect(seen).toEqual(["detached"]);
    expect(has(callback)).toBe(true);
    expect(fired()).toBe(true);
  });

  it("returns a plain object whose only own keys are jQuery's eleven methods, in jQuery's order", () => {
    const list = Callbacks();
    expect(Object.getPrototypeOf(list)).toBe(Object.prototype);
    expect(Reflect.ownKeys(list)).toEqual([
      "add",
      "remove",
      "has",
      "empty",
      "disable",
      "disabled",
      "lock",
      "locked",
      "fireWith",
      "fire",
      "fired",
    ]);
  });

  it("keeps firing after the list object is frozen", () => {
    const list = Object.freeze(Callbacks());
    const seen: unknown[] = [];
    list.add(function (this: unknown, value: unknown) {
      seen.push(this, value);
    });
    list.fire("one").fire("two", "values");
    expect(seen).toEqual([list, "one", list, "two"]);
  });
});

describe("add", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.add(() => undefined)).toBe(list);
    const borrower = { add: list.add };
    expect(borrower.add(() => undefined)).toBe(borrower);
  });

  it("walks nested arrays and array-likes such as arguments", () => {
    const list = Callbacks();
    const order: string[] = [];
    const make = (name: string) => () => order.push(name);
    function viaArguments(..._fns: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      list.add(arguments);
    }
    list.add(make("a"), [make("b"), [make("c"), [[make("d")]]]]);
    viaArguments(make("e"), [make("f")]);
    list.add({ length: 2, 0: make("g"), 1: make("h") } as never);
    list.fire();
    expect(order).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
  });

  it("never walks a function, even one carrying indexed properties and a length", () => {
    const list = Callbacks();
    const order: string[] = [];
    const inner = () => order.push("inner");
    const outer = Object.assign((a: unknown, b: unknown) => order.push(`outer ${a}${b}`), {
      0: inner,
    });
    list.add(outer);
    list.fire(1, 2);
    expect(order).toEqual(["outer 12"]);
  });

  it("ignores strings (without walking them) and other non-function values", () => {
    const list = Callbacks();
    list.add("a string" as never, 42 as never, null as never, undefined as never, {} as never);
    expect(list.has()).toBe(false);
  });

  it("on a memory list that has fired, calls only the new callbacks at once with the remembered context and values", () => {
    const list = Callbacks("memory");
    const context = { name: "ctx" };
    const seen: unknown[] = [];
    list.add(() => seen.push("old"));
    list.fireWith(context, [1, 2]);
    seen.length = 0;
    list.add(function (this: unknown, a: unknown, b: unknown) {
      seen.push([this, a, b]);
    });
    expect(seen).toEqual([[context, 1, 2]]);
  });

  it("while the list is firing, appends the callback so the current pass reaches it", () => {
    const list = Callbacks("memory");
    const order: string[] = [];
    list.add(() => {
      order.push("A");
      list.add(() => order.push("C"));
      order.push("after add");
    });
    list.add(() => order.push("B"));
    list.fire();
    expect(order).toEqual(["A", "after add", "B", "C"]);
  });

  it("does nothing on a disabled list", () => {
    const list = Callbacks("memory");
    list.fire("x").disable();
    const seen: unknown[] = [];
    list.add((value: unknown) => seen.push(value));
    expect(seen).toEqual([]);
    expect(list.has()).toBe(false);
  });

  it("does nothing on a list locked without memory (the list is destroyed)", () => {
    const list = Callbacks();
    list.lock();
    list.add(() => undefined);
    expect(list.has()).toBe(false);
  });

  it("with unique, does not add a function that is already in the list", () => {
    const list = Callbacks("unique");
    let calls = 0;
    const callback = () => calls++;
    list.add(callback, callback, [callback]);
    list.add(callback);
    list.fire();
    expect(calls).toBe(1);
  });
});

describe("remove", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.remove(() => undefined)).toBe(list);
  });

  it("removes every occurrence of each function", () => {
    const list = Callbacks();
    const order: string[] = [];
    const a = () => order.push("a");
    const b = () => order.push("b");
    list.add(a, b, a, a, b);
    list.remove(a);
    list.fire();
    expect(order).toEqual(["b", "b"]);
    expect(list.has(a)).toBe(false);
  });

  it.each(BOTH_SPELLINGS)("with flags %s removes B and C so that only A runs", (_, flags) => {
    const list = Callbacks(flags);
    let output = "X";
    const a = () => (output += "A");
    const b = () => (output += "B");
    const c = () => (output += "C");
    list.add(a, b, c);
    list.remove(b, c);
    list.fire();
    expect(output).toBe("XA");
  });

  it("during a pass, neither skips nor repeats the callbacks that remain", () => {
    const list = Callbacks();
    const order: string[] = [];
    const a = () => {
      order.push("a");
      list.remove(a);
    };
    const b = () => order.push("b");
    const c = () => order.push("c");
    list.add(a, b, c);
    list.fire();
    list.fire();
    expect(order).toEqual(["a", "b", "c", "b", "c"]);
  });

  it("a callback removed by an earlier callback of the same pass does not run", () => {
    const list = Callbacks();
    const order: string[] = [];
    const b = () => order.push("b");
    list.add(() => {
      order.push("a");
      list.remove(b);
    }, b);
    list.add(() => order.push("c"));
    list.fire();
    expect(order).toEqual(["a", "c"]);
  });
});

describe("has", () => {
  it("without an argument, tells whether the list holds any callback", () => {
    const list = Callbacks();
    expect(list.has()).toBe(false);
    list.add(() => undefined);
    expect(list.has()).toBe(true);
  });

  it("with a function, tells whether that function is in the list", () => {
    const list = Callbacks();
    const a = () => undefined;
    const b = () => undefined;
    list.add(a);
    expect(list.has(a)).toBe(true);
    expect(list.has(b)).toBe(false);
    list.remove(a);
    expect(list.has(a)).toBe(false);
    expect(list.has()).toBe(false);
  });

  it("tells whether a list holds a function added under unique, and forgets it after empty()", () => {
    const list = Callbacks("unique");
    const a = () => undefined;
    list.add(a, a);
    expect(list.has(a)).toBe(true);
    list.remove(a);
    expect(list.has(a)).toBe(false);
    list.add(a).empty();
    expect(list.has(a)).toBe(false);
    expect(list.has()).toBe(false);
  });

  it("ignores arguments that are not functions", () => {
    const list = Callbacks();
    list.add(() => undefined);
    expect(list.has("not a function" as never)).toBe(false);
  });

  it("works from inside a firing callback", () => {
    const list = Callbacks();
    const seen: boolean[] = [];
    const later = () => undefined;
    const self = () => {
      seen.push(list.has(self), list.has(later), list.has());
    };
    list.add(self, later);
    list.fire();
    expect(seen).toEqual([true, true, true]);
  });

  it("returns false once the list is disabled", () => {
    const list = Callbacks("memory");
    const a = () => undefined;
    list.add(a).disable();
    expect(list.has(a)).toBe(false);
    expect(list.has()).toBe(false);
  });

  it("returns false once a list without memory is locked", () => {
    const list = Callbacks();
    const a = () => undefined;
    list.add(a).lock();
    expect(list.has(a)).toBe(false);
  });

  it("keeps returning true on a memory list locked after it fired (the memory keeps the list)", () => {
    const list = Callbacks("memory");
    const a = () => undefined;
    list.add(a).fire().lock();
    expect(list.has(a)).toBe(true);
  });

  it("returns false on a memory list locked before any fire (nothing to remember yet)", () => {
    const list = Callbacks("memory");
    const a = () => undefined;
    list.add(a).lock();
    expect(list.has(a)).toBe(false);
  });

  it("returns false after a once list has fired (once without memory destroys it, once memory empties it)", () => {
    for (const flags of ["once", "once memory"]) {
      const list = Callbacks(flags);
      const a = () => undefined;
      list.add(a).fire();
      expect(list.has(a)).toBe(false);
      expect(list.has()).toBe(false);
    }
  });
});

describe("empty", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.empty()).toBe(list);
  });

  it.each(BOTH_SPELLINGS)("with flags %s removes every callback", (_, flags) => {
    const list = Callbacks(flags);
    let output = "X";
    list.add(() => (output += "A"));
    list.empty();
    list.fire();
    expect(output).toBe("X");
    expect(list.has()).toBe(false);
  });

  it.each(BOTH_SPELLINGS)(
    "with flags %s, called while firing, stops the rest of the pass",
    (_, flags) => {
      const list = Callbacks(flags);
      let output = "X";
      list.add(() => {
        list.empty();
        output += "A";
      });
      list.add(() => (output += "B"));
      list.fire();
      expect(output).toBe("XA");
    },
  );

  it("keeps the flags and the memory", () => {
    const list = Callbacks("memory unique");
    const seen: unknown[] = [];
    const a = (value: unknown) => seen.push(value);
    list.add(a).fire("remembered").empty();
    list.add(a, a);
    expect(seen).toEqual(["remembered", "remembered"]);
  });

  it("does not re-enable a disabled list (gh-1790)", () => {
    const list = Callbacks();
    list.disable().empty();
    let calls = 0;
    list.add(() => calls++).fire();
    expect(calls).toBe(0);
    expect(list.disabled()).toBe(true);
  });
});

describe("disable", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.disable()).toBe(list);
  });

  it.each(BOTH_SPELLINGS)(
    "with flags %s makes add and fire do nothing and reports disabled and locked",
    (_, flags) => {
      const list = Callbacks(flags);
      let output = "X";
      list.disable();
      list.add(() => (output += "A"));
      list.fire();
      expect(output).toBe("X");
      expect(list.disabled()).toBe(true);
      expect(list.locked()).toBe(true);
    },
  );

  it.each(BOTH_SPELLINGS)(
    "with flags %s, called while firing, stops the rest of the pass",
    (_, flags) => {
      const list = Callbacks(flags);
      let output = "X";
      list.add(() => {
        list.disable();
        output += "A";
      });
      list.add(() => (output += "B"));
      list.fire();
      expect(output).toBe("XA");
    },
  );

  it("drops queued fires and the memory", () => {
    const list = Callbacks("memory");
    const seen: unknown[] = [];
    list.add((value: unknown) => {
      seen.push(value);
      if (value === 1) {
        list.fire(2);
        list.disable();
      }
    });
    list.fire(1);
    list.add((value: unknown) => seen.push(`late ${String(value)}`));
    expect(seen).toEqual([1]);
  });
});

describe("disabled", () => {
  it.each(BOTH_SPELLINGS)("with flags %s starts false", (_, flags) => {
    expect(Callbacks(flags).disabled()).toBe(false);
  });

  it("is true after disable()", () => {
    expect(Callbacks().disable().disabled()).toBe(true);
  });

  it("is true after lock() on a list without remembered values, false on a memory list that fired", () => {
    expect(Callbacks().lock().disabled()).toBe(true);
    expect(Callbacks().fire().lock().disabled()).toBe(true);
    expect(Callbacks("memory").lock().disabled()).toBe(true);
    expect(Callbacks("memory").fire().lock().disabled()).toBe(false);
  });

  it("is true after a once list without memory has fired, false for once memory", () => {
    expect(Callbacks("once").fire().disabled()).toBe(true);
    expect(Callbacks("once memory").fire().disabled()).toBe(false);
  });
});

describe("lock", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.lock()).toBe(list);
  });

  it.each(BOTH_SPELLINGS)(
    "with flags %s, called before any fire, stops add and fire and shows in locked()",
    (_, flags) => {
      const list = Callbacks(flags);
      let output = "X";
      list.lock();
      list.add(() => (output += "A"));
      list.fire();
      expect(output).toBe("X");
      expect(list.locked()).toBe(true);
    },
  );

  it.each(BOTH_SPELLINGS)(
    "with flags %s, called while firing, does not abort the pass (gh-1990)",
    (_, flags) => {
      const list = Callbacks(flags);
      let output = "X";
      list.add(() => {
        list.lock();
        output += "A";
      });
      list.add(() => (output += "B"));
      list.fire();
      expect(output).toBe("XAB");
    },
  );

  it("drops fires queued from inside the current pass", () => {
    const list = Callbacks();
    const seen: unknown[] = [];
    list.add((value: unknown) => {
      seen.push(value);
      if (value === "first") {
        list.fire("queued");
        list.lock();
      }
    });
    list.fire("first");
    expect(seen).toEqual(["first"]);
  });

  it("on a memory list keeps the memory: add still calls new callbacks, fire stays ignored (gh-3469)", () => {
    const list = Callbacks("memory");
    const seen: unknown[] = [];
    list.fire("remembered").lock();
    list.add((value: unknown) => seen.push(value));
    expect(seen).toEqual(["remembered"]);
    list.fire("ignored");
    expect(seen).toEqual(["remembered"]);
    expect(list.locked()).toBe(true);
    expect(list.disabled()).toBe(false);
  });

  it("on a list without memory destroys the list once the current pass is over", () => {
    const list = Callbacks();
    const a = () => list.lock();
    list.add(a).fire();
    expect(list.disabled()).toBe(true);
    expect(list.has(a)).toBe(false);
  });
});

describe("locked", () => {
  it.each(BOTH_SPELLINGS)("with flags %s starts false", (_, flags) => {
    expect(Callbacks(flags).locked()).toBe(false);
  });

  it("is true after lock() or disable()", () => {
    expect(Callbacks().lock().locked()).toBe(true);
    expect(Callbacks().disable().locked()).toBe(true);
  });

  it("is true once a once list has fired, and stays false for other lists", () => {
    expect(Callbacks("once").fire().locked()).toBe(true);
    expect(Callbacks("once memory").fire().locked()).toBe(true);
    expect(Callbacks("memory unique stopOnFalse").fire().locked()).toBe(false);
  });
});

describe("fireWith", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.fireWith({}, [])).toBe(list);
  });

  it.each(BOTH_SPELLINGS)("with flags %s passes the context and both arguments", (_, flags) => {
    const list = Callbacks(flags);
    const context = { window: true };
    const seen: unknown[] = [];
    list.add(function (this: unknown, ...args: unknown[]) {
      seen.push(this, args);
    });
    list.fireWith(context, ["A", "B"]);
    expect(seen).toEqual([context, ["A", "B"]]);
  });

  it.each(BOTH_SPELLINGS)(
    "with flags %s and no arguments calls callbacks with an undefined this and zero arguments",
    (_, flags) => {
      const list = Callbacks(flags);
      const seen: unknown[] = [];
      list.add(function (this: unknown, ...args: unknown[]) {
        seen.push(this, args.length);
      });
      list.fireWith();
      expect(seen).toEqual([undefined, 0]);
    },
  );

  it("copies a real array, so mutating it afterwards does not change what is remembered", () => {
    const list = Callbacks("memory");
    const args = ["original"];
    list.fireWith(null, args);
    args[0] = "mutated";
    const seen: unknown[] = [];
    list.add((value: unknown) => seen.push(value));
    expect(seen).toEqual(["original"]);
  });

  it("accepts array-likes such as arguments", () => {
    const list = Callbacks();
    const seen: unknown[] = [];
    list.add((...args: unknown[]) => seen.push(args));
    function fireArguments(..._values: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      list.fireWith(null, arguments as never);
    }
    fireArguments(1, 2, 3);
    list.fireWith(null, { length: 2, 0: "x", 1: "y" } as never);
    expect(seen).toEqual([
      [1, 2, 3],
      ["x", "y"],
    ]);
  });

  it("rejects arguments that are not array-like with a TypeError naming args", () => {
    const list = Callbacks();
    expect(() => list.fireWith(null, 5 as never)).toThrow(TypeError);
    expect(() => list.fireWith(null, 5 as never)).toThrow(/args/);
  });

  it("does nothing when the list is locked", () => {
    const list = Callbacks("memory");
    let calls = 0;
    list.add(() => calls++).lock();
    list.fireWith(null, []);
    expect(calls).toBe(0);
  });

  it("called from inside a callback, is queued and runs after the current pass over the whole list", () => {
    const list = Callbacks();
    const order: string[] = [];
    list.add((value: unknown) => {
      order.push(`1${String(value)}`);
      if (value === "A") list.fireWith(null, ["B"]);
    });
    list.add((value: unknown) => order.push(`2${String(value)}`));
    list.fireWith(null, ["A"]);
    expect(order).toEqual(["1A", "2A", "1B", "2B"]);
  });
});

describe("fire", () => {
  it("returns the object it was called on", () => {
    const list = Callbacks();
    expect(list.fire()).toBe(list);
    const borrower = { fire: list.fire };
    expect(borrower.fire()).toBe(borrower);
  });

  it("calls callbacks with the object fire was called on as this", () => {
    const list = Callbacks();
    const seen: unknown[] = [];
    list.add(function (this: unknown) {
      seen.push(this);
    });
    list.fire();
    const borrower = { fire: list.fire };
    borrower.fire();
    const { fire } = list;
    fire();
    expect(seen).toEqual([list, borrower, undefined]);
  });

  it("with one value gives callbacks the same this as with several: the list, a borrower, or undefined", () => {
    const list = Callbacks();
    const seen: unknown[] = [];
    list.add(function (this: unknown, ...values: unknown[]) {
      seen.push(this, values);
    });
    const borrower = { fire: list.fire };
    const { fire } = list;
    for (const values of [["one"], ["one", "two"]]) {
      list.fire(...values);
      borrower.fire(...values);
      fire(...values);
      list.fireWith(borrower, values);
    }
    expect(seen).toEqual([
      ...[list, ["one"], borrower, ["one"], undefined, ["one"], borrower, ["one"]],
      ...[list, ["one", "two"], borrower, ["one", "two"], undefined, ["one", "two"]],
      ...[borrower, ["one", "two"]],
    ]);
  });

  it("detached, gives a sloppy-mode callback the global object as this, like a call with an undefined this", () => {
    const list = Callbacks();
    const thisOf = new Function("seen", "return function (value) { seen.push(this, value); };");
    const seen: unknown[] = [];
    list.add(thisOf(seen) as (value: unknown) => void);
    const { fire } = list;
    fire("value");
    expect(seen).toEqual([globalThis, "value"]);
  });

  it("does not keep the last callback it called alive once that callback is removed", async () => {
    const list = Callbacks();
    const track = (): WeakRef<() => void> => {
      const callback = () => undefined;
      list.add(callback).fire("value");
      list.remove(callback);
      return new WeakRef(callback);
    };
    const ref = track();
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    fullGc();
    expect(ref.deref()).toBeUndefined();
    expect(list.has()).toBe(false);
  });

  it("passes every argument", () => {
    const list = Callbacks();
    const seen: unknown[] = [];
    list.add((...args: unknown[]) => seen.push(args));
    list.fire(1, "two", [3]);
    expect(seen).toEqual([[1, "two", [3]]]);
  });

  it("under stopOnFalse, only an exact false ends the pass", () => {
    const list = Callbacks("stopOnFalse");
    const order: string[] = [];
    list.add(
      () => {
        order.push("a");
        return 0;
      },
      () => {
        order.push("b");
        return undefined;
      },
      () => {
        order.push("c");
        return false;
      },
      () => order.push("d"),
    );
    list.fire();
    expect(order).toEqual(["a", "b", "c"]);
  });
});

describe("fired", () => {
  it.each(BOTH_SPELLINGS)(
    "with flags %s starts false, stays false after add and turns true after fire",
    (_, flags) => {
      const list = Callbacks(flags);
      expect(list.fired()).toBe(false);
      list.add(() => undefined);
      expect(list.fired()).toBe(false);
      list.fire();
      expect(list.fired()).toBe(true);
    },
  );

  it("is true after firing a list that has no callbacks", () => {
    expect(Callbacks().fire().fired()).toBe(true);
  });

  it("is true even if the fire threw", () => {
    const list = Callbacks();
    list.add(() => {
      throw new Error("boom");
    });
    expect(() => list.fire()).toThrow("boom");
    expect(list.fired()).toBe(true);
  });
});

describe("a throwing callback (difference from jQuery: the list is never wedged)", () => {
  it("lets the rest of the pass run, then rethrows the first exception to the caller of fire", () => {
    const list = Callbacks();
    const order: string[] = [];
    list.add(
      () => {
        order.push("a");
        throw new Error("first");
      },
      () => {
        order.push("b");
        throw new Error("second");
      },
      () => order.push("c"),
    );
    expect(() => list.fire()).toThrow("first");
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("still runs the fires queued during that pass before rethrowing", () => {
    const list = Callbacks();
    const order: unknown[] = [];
    list.add((value: unknown) => {
      order.push(value);
      if (value === 1) {
        list.fire(2);
        throw new Error("in pass 1");
      }
    });
    expect(() => list.fire(1)).toThrow("in pass 1");
    expect(order).toEqual([1, 2]);
  });

  it("leaves the list usable: later add and fire work", () => {
    const list = Callbacks("memory");
    const order: unknown[] = [];
    list.add((value: unknown) => {
      order.push(value);
      if (value === "bad") throw new Error("once");
    });
    expect(() => list.fire("bad")).toThrow("once");
    list.fire("good");
    list.add((value: unknown) => order.push(`late ${String(value)}`));
    expect(order).toEqual(["bad", "good", "late good"]);
    expect(list.locked()).toBe(false);
  });

  it("rethrows to the caller of add when a memory replay throws", () => {
    const list = Callbacks("memory");
    list.fire("x");
    const order: string[] = [];
    expect(() =>
      list.add(
        () => {
          throw new Error("replay");
        },
        () => order.push("second still runs"),
      ),
    ).toThrow("replay");
    expect(order).toEqual(["second still runs"]);
  });

  it("rethrows a thrown non-Error value as is", () => {
    const list = Callbacks();
    list.add(() => {
      throw "a string";
    });
    let caught: unknown;
    try {
      list.fire();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe("a string");
  });
});
