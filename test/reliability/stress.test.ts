/**
 * Stress and scale: long chains, long callback lists, wide `when`s and deep re-entrancy settle
 * without a stack overflow, in order, and without holding on to what has already settled.
 *
 * The chains run in a child process with `--expose-gc` (see child.ts) so that heap samples taken
 * after a full GC mean something. Heap assertions compare samples of the same run with each other
 * (what is retained as the chain settles), never against a time or a peer library.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Callbacks, Deferred, when } from "../../src/index.js";
import { bundleLibrary, runScript } from "./child.js";

const MB = 1024 * 1024;
let library: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  library = await bundleLibrary();
});
afterAll(async () => {
  await library.remove();
});

interface ChainRun {
  value: number;
  state?: string;
  heapSamples: number[];
}

interface LoopRun extends ChainRun {
  baseline: number;
  after: number;
}

/** Each sample is smaller than the one before: the settled part of the chain was released. */
function expectShrinking(samples: number[]): void {
  expect(samples).toHaveLength(5);
  for (let i = 1; i < samples.length; i++) expect(samples[i]).toBeLessThan(samples[i - 1]!);
  // The first sample is taken with four fifths of the chain still pending, the last with none:
  // if settled links were kept, the last would be the largest.
  expect(samples[4]).toBeLessThan(samples[0]! / 5);
}

describe("then", () => {
  it("a chain of 1,000,000 links settles with the final value, releasing settled links", async () => {
    const run = await runScript<ChainRun>(library.path, "then-chain.mjs", "1000000");
    expect(run.value).toBe(1_000_000);
    expectShrinking(run.heapSamples);
  }, 120_000);

  it("an async loop of 1,000,000 steps, each returning the next step's promise, settles and then releases everything", async () => {
    const run = await runScript<LoopRun>(library.path, "async-loop.mjs", "1000000", "return");
    expect(run.value).toBe(1_000_000);
    // While it runs, every pending step waits on the next one (as with native promises); once
    // the last step settles, the whole chain is garbage.
    expect(run.after - run.baseline).toBeLessThan(4 * MB);
  }, 120_000);

  it("an async loop of 1,000,000 steps that do not return the next step runs in flat memory", async () => {
    const run = await runScript<LoopRun>(library.path, "async-loop.mjs", "1000000", "forget");
    expect(run.value).toBe(1_000_000);
    const growth = Math.max(...run.heapSamples) - run.heapSamples[0]!;
    // A leak of even 8 bytes per step would show as 8 MB here.
    expect(growth).toBeLessThan(2 * MB);
  }, 120_000);
});

describe("pipe", () => {
  it("a chain of 100,000 pipes settles synchronously, releasing settled links", async () => {
    const run = await runScript<ChainRun>(library.path, "pipe-chain.mjs", "100000", "values");
    expect(run).toMatchObject({ value: 100_000, state: "resolved" });
    expectShrinking(run.heapSamples);
  }, 60_000);

  it("a chain of 100,000 pipes whose filters return deferreds settles synchronously", async () => {
    const run = await runScript<ChainRun>(library.path, "pipe-chain.mjs", "100000", "deferreds");
    expect(run).toMatchObject({ value: 100_000, state: "resolved" });
    expectShrinking(run.heapSamples);
  }, 60_000);

  it("a chain of 100,000 pipes carries rejections and notifications to its end", () => {
    const rejected = Deferred<[number]>();
    const notified = Deferred<[number]>();
    let failed = rejected.promise();
    let progressed = notified.promise();
    for (let i = 0; i < 100_000; i++) {
      failed = failed.pipe(null, (n: number) => n + 1);
      progressed = progressed.pipe(null, null, (n: number) => n + 1);
    }
    const seen: unknown[] = [];
    failed.fail((n) => seen.push(["fail", n]));
    progressed.progress((n) => seen.push(["progress", n]));
    rejected.reject(0);
    notified.notify(0);
    expect(seen).toEqual([
      ["fail", 100_000],
      ["progress", 100_000],
    ]);
  });

  it("a chain of 100,000 pipes whose filters return pending deferreds settles when they do", () => {
    const first = Deferred<[number]>();
    const waiting: (() => void)[] = [];
    let last = first.promise();
    for (let i = 0; i < 100_000; i++) {
      last = last.pipe((n: number) => {
        const next = Deferred<[number]>();
        waiting.push(() => next.resolve(n + 1));
        return next;
      });
    }
    let value: unknown;
    last.done((n) => (value = n));
    first.resolve(0);
    while (waiting.length > 0) waiting.pop()!();
    expect(value).toBe(100_000);
  });

  it("in a deep chain, an exception thrown by a filter still reaches the caller of resolve, after every link has run", () => {
    const first = Deferred<[number]>();
    const boom = new Error("filter 5000");
    let last = first.promise();
    for (let i = 1; i <= 10_000; i++) {
      last = last.pipe((n: number) => {
        if (i === 5000) throw boom;
        return n + 1;
      });
    }
    const ends: unknown[] = [];
    const middle = Deferred();
    // A second, independent deep chain hanging off the same source keeps settling.
    let other = first.promise();
    for (let i = 0; i < 10_000; i++) other = other.pipe((n: number) => n + 1);
    other.done((n) => ends.push(n));
    last.always(() => middle.resolve());
    expect(() => first.resolve(0)).toThrow(boom);
    expect(ends).toEqual([10_000]);
    // The throwing filter's link never settles (pipe has no exception capture, as in jQuery).
    expect(last.state()).toBe("pending");
  });
});

describe("Callbacks", () => {
  it("1,000,000 callbacks added one by one fire once each, in order", () => {
    const list = Callbacks();
    const calls = new Int32Array(1_000_000).fill(-1);
    let position = 0;
    for (let i = 0; i < 1_000_000; i++) list.add(() => (calls[i] = position++));
    list.fire();
    expect(position).toBe(1_000_000);
    expect(calls.every((order, i) => order === i)).toBe(true);
  });

  it("1,000,000 callbacks added as one array fire in order on a memory list", () => {
    const list = Callbacks("memory");
    const order: number[] = [];
    list.fire("x");
    list.add(Array.from({ length: 1_000_000 }, (_, i) => () => order.push(i)));
    expect(order).toHaveLength(1_000_000);
    expect(order.every((value, i) => value === i)).toBe(true);
  });

  it("1,000,000 fires queued from inside a callback run one after another without recursion", () => {
    const list = Callbacks();
    const seen: number[] = [];
    list.add((n: number) => {
      seen.push(n);
      if (n < 999_999) list.fire(n + 1);
    });
    list.fire(0);
    expect(seen).toHaveLength(1_000_000);
    expect(seen[999_999]).toBe(999_999);
  });

  it("1,000,000 callbacks, each adding the next from inside the pass, all run in that pass", () => {
    const list = Callbacks();
    let count = 0;
    const addNext = () => {
      if (++count < 1_000_000) list.add(addNext);
    };
    list.add(addNext);
    list.fire();
    expect(count).toBe(1_000_000);
  });
});

describe("done / fail / progress", () => {
  it("1,000,000 done callbacks fire once each, in order", () => {
    const dfd = Deferred<[string]>();
    const order: number[] = [];
    for (let i = 0; i < 1_000_000; i++) dfd.done(() => order.push(i));
    dfd.resolve("x");
    expect(order).toHaveLength(1_000_000);
    expect(order.every((value, i) => value === i)).toBe(true);
  });

  it("1,000,000 fail callbacks added as nested arrays fire in order", () => {
    const dfd = Deferred();
    const order: number[] = [];
    const chunk = (start: number) =>
      Array.from({ length: 1000 }, (_, i) => () => order.push(start + i));
    dfd.fail(Array.from({ length: 1000 }, (_, i) => chunk(i * 1000)));
    dfd.reject();
    expect(order).toHaveLength(1_000_000);
    expect(order.every((value, i) => value === i)).toBe(true);
  });

  it("1,000,000 notifications sent from inside a progress callback are delivered in order", () => {
    const dfd = Deferred<unknown, unknown, [number]>();
    let expected = 0;
    let inOrder = true;
    dfd.progress((n) => {
      inOrder &&= n === expected++;
      if (n < 999_999) dfd.notify(n + 1);
    });
    dfd.notify(0);
    expect(expected).toBe(1_000_000);
    expect(inOrder).toBe(true);
  });

  it("1,000,000 done callbacks, each adding the next while the list fires, all run", () => {
    const dfd = Deferred();
    let count = 0;
    const addNext = () => {
      if (++count < 1_000_000) dfd.done(addNext);
    };
    dfd.done(addNext);
    dfd.resolve();
    expect(count).toBe(1_000_000);
  });

  it("resolving 500 deferreds, each from a done callback of the previous one, settles them all in order", () => {
    const chain = Array.from({ length: 501 }, () => Deferred<[number]>());
    const order: number[] = [];
    chain.forEach((dfd, i) =>
      dfd.done((n) => {
        order.push(n);
        chain[i + 1]?.resolve(n + 1);
      }),
    );
    chain[0]!.resolve(0);
    expect(order).toEqual(Array.from({ length: 501 }, (_, i) => i));
    expect(chain.every((dfd) => dfd.state() === "resolved")).toBe(true);
  });

  // The expected log is what jQuery 4 prints for the same program.
  it("notifying from a progress callback, resolving from the next notification and adding callbacks meanwhile keeps jQuery's order", () => {
    const dfd = Deferred<[string], unknown, [number]>();
    const log: string[] = [];
    dfd.progress((n) => {
      log.push(`progress ${n}`);
      if (n < 3) {
        dfd.progress((m) => log.push(`late ${m}`));
        dfd.notify(n + 1);
      } else {
        dfd.resolve("end");
        dfd.done((v) => log.push(`done added while settling: ${v}`));
      }
    });
    dfd.done((v) => log.push(`done ${v}`));
    dfd.notify(1);
    expect(log).toEqual([
      "progress 1",
      "late 1",
      "progress 2",
      "late 2",
      "late 2",
      "progress 3",
      "done end",
      "done added while settling: end",
      "late 3",
      "late 3",
    ]);
  });
});

describe("when", () => {
  it("combines 100,000 inputs (values, deferreds, native promises, thenables) in argument order", async () => {
    const inputs: unknown[] = [];
    const pending: ReturnType<typeof Deferred<[number]>>[] = [];
    for (let i = 0; i < 100_000; i++) {
      switch (i % 4) {
        case 0:
          inputs.push(i);
          break;
        case 1: {
          const dfd = Deferred<[number]>();
          pending.push(dfd);
          inputs.push(dfd);
          break;
        }
        case 2:
          inputs.push(Promise.resolve(i));
          break;
        default:
          inputs.push({ then: (resolve: (n: number) => void) => resolve(i) });
      }
    }
    const combined = when(...inputs);
    for (const dfd of pending.reverse()) dfd.resolve(inputs.indexOf(dfd));
    const values = await new Promise<unknown[]>((resolve) => {
      combined.done((...all: unknown[]) => resolve(all));
    });
    expect(values).toHaveLength(100_000);
    expect(values.every((value, i) => value === i)).toBe(true);
  });

  it("rejects once with the first rejection among 100,000 pending deferreds", () => {
    const deferreds = Array.from({ length: 100_000 }, () => Deferred<[number], [string]>());
    const failures: unknown[] = [];
    when(...deferreds).fail((reason) => failures.push(reason));
    deferreds[70_000]!.reject("first");
    deferreds[10]!.reject("second");
    for (const dfd of deferreds) dfd.resolve(1);
    expect(failures).toEqual(["first"]);
  });
});
