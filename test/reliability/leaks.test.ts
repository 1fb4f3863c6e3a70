/**
 * Leaks: what can no longer be called is released. Run in a child process with `--expose-gc`
 * (scripts/leaks.mjs): each case holds WeakRefs to callbacks or values, lets the turn end, forces
 * full GCs and counts what was collected. The controls show that the method detects retention:
 * callbacks that can still fire are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleLibrary, runScript } from "./child.js";

type Collected = { collected: number; total: number };
type Growth = { before: number; after: number };

let results: Record<string, Collected & Growth>;
let library: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  library = await bundleLibrary();
  results = await runScript(library.path, "leaks.mjs");
}, 60_000);
afterAll(async () => {
  await library.remove();
});

const allCollected = (name: string) => {
  const result = results[name]!;
  expect(result.total).toBeGreaterThan(0);
  expect(result.collected).toBe(result.total);
};

describe("Deferred", () => {
  it("releases fail callbacks once resolved, though the deferred lives on", () => {
    allCollected("fail callbacks after resolve");
  });

  it("releases done callbacks once rejected", () => {
    allCollected("done callbacks after reject");
  });

  it("releases progress callbacks once settled", () => {
    allCollected("progress callbacks after settle");
  });

  it("releases done and always callbacks once they have run", () => {
    allCollected("done and always callbacks once they have run");
  });

  it("keeps no callback added after settlement, whether it ran or was ignored", () => {
    allCollected("callbacks added to a settled deferred");
  });

  it("keeps the callbacks of a pending deferred (control)", () => {
    expect(results["control: callbacks of a pending deferred"]).toEqual({
      collected: 0,
      total: 100,
    });
  });

  it("remembers only the last notification of a pending deferred", () => {
    allCollected("Deferred: values of all but the last notification of a pending deferred");
  });

  it("does not grow while a pending deferred with listeners is notified 200,000 times", () => {
    const { before, after } =
      results["Deferred: 200,000 notifications of one pending deferred with listeners"]!;
    // 200,000 retained notifications would take several megabytes.
    expect(after - before).toBeLessThan(512 * 1024);
  });
});

describe("then", () => {
  it("releases a settled source and its then handlers while the derived promises live", () => {
    allCollected("then handlers and a settled source, with only the derived promises alive");
  });

  it("releases the handlers of every then shape once the source settled", () => {
    allCollected("then handlers of each shape, with only the derived promises alive");
  });

  it("keeps the then handlers of a pending source (control)", () => {
    expect(results["control: then handlers of a pending source"]).toEqual({
      collected: 0,
      total: 100,
    });
  });
});

describe("pipe", () => {
  it("releases the filters of the channels that can no longer fire", () => {
    allCollected("pipe filters of the channels that did not fire");
  });
});

describe("Callbacks", () => {
  it("releases callbacks removed from a long-lived list", () => {
    allCollected("Callbacks: callbacks removed from a long-lived list");
  });

  it("releases the callbacks of a once list after it fired", () => {
    allCollected("Callbacks: callbacks of a once list after it fired");
  });

  it("remembers only the last fire of a memory list", () => {
    allCollected("Callbacks: arguments of all but the last fire of a memory list");
  });

  it("does not grow over 200,000 add/remove cycles", () => {
    const { before, after } = results["Callbacks: 200,000 add/remove cycles on one list"]!;
    expect(after - before).toBeLessThan(512 * 1024);
  });
});
