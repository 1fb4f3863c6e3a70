/**
 * `useAsyncContext(AsyncLocalStorage)`: the programs of programs.mjs, written once, run with
 * native promises and with jq-deferred (src/); each handler must see the store native promises
 * show it, under every scheduler. `done` callbacks are synchronous and see the resolver's store.
 * `useAsyncContext(false)` brings back the old behaviour, which these programs tell apart.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { type Scheduler, setScheduler, useAsyncContext } from "../../src/index.js";
import { nodeAsyncContext } from "../../src/node/async-context.js";
import { jqApi, nativeApi, PROGRAMS, SYNCHRONOUS_CALLBACKS, traceOf } from "./programs.mjs";

/** A scheduler of the user's: every task of a burst runs from one timer, in the timer's context. */
function batchingScheduler(): Scheduler {
  const pending: Array<() => void> = [];
  return (task) => {
    pending.push(task);
    if (pending.length === 1) setTimeout(() => pending.splice(0).forEach((run) => run()));
  };
}

const SCHEDULERS: Array<[string, () => lib.SchedulerSetting]> = [
  ["the default microtask scheduler", () => "microtask"],
  ['setScheduler("jquery")', () => "jquery"],
  ["a custom scheduler", batchingScheduler],
];

/** AsyncLocalStorage itself, and the faster source Node's entry points install. */
const SOURCES: Array<[string, lib.AsyncContextSource]> = [
  ["AsyncLocalStorage", AsyncLocalStorage],
  ["the source of Node's entry points", nodeAsyncContext],
];

const CASES = SOURCES.flatMap(([sourceName, source]) =>
  SCHEDULERS.map(([schedulerName, scheduler]) => ({
    sourceName,
    source,
    schedulerName,
    scheduler,
  })),
);

/** The stores a trace's handlers saw. */
const storesOf = (trace: string[]) => new Set(trace.map((line) => line.split(": ")[1]));

afterEach(() => {
  useAsyncContext(false);
  setScheduler("microtask");
});

describe.each(CASES)(
  "useAsyncContext($sourceName) under $schedulerName",
  ({ source, scheduler }) => {
    beforeEach(() => {
      useAsyncContext(source);
      setScheduler(scheduler());
    });

    it.each(Object.entries(PROGRAMS))(
      "%s: every handler sees the store it sees with native promises",
      async (_name, program) => {
        const native = await traceOf(program, nativeApi, lib);
        const ours = await traceOf(program, jqApi(lib), lib);
        expect(ours).toEqual(native);
        // Native handlers see their own request's store: the comparison can tell contexts apart.
        expect(storesOf(native)).toEqual(new Set(["A", "B"]));
      },
    );

    it("done, fail, always and progress callbacks run synchronously, in the resolver's context", async () => {
      const trace = await traceOf(SYNCHRONOUS_CALLBACKS.program, jqApi(lib), lib);
      expect(trace).toEqual(SYNCHRONOUS_CALLBACKS.expected);
    });
  },
);

describe("useAsyncContext(false)", () => {
  it("runs every handler of a drain in the context of whoever queued its first job again", async () => {
    useAsyncContext(AsyncLocalStorage);
    useAsyncContext(false);
    const program = PROGRAMS["then/catch chains of two requests settled from a third context"]!;
    const native = await traceOf(program, nativeApi, lib);
    const ours = await traceOf(program, jqApi(lib), lib);
    expect(ours).not.toEqual(native);
    // The drain was queued by `resolve` under the "resolver" store.
    expect(ours).toContain("A then: resolver");
    expect(ours).toContain("B then: resolver");
  });

  it("makes every program differ from native: the tests above would catch a regression", async () => {
    useAsyncContext(AsyncLocalStorage);
    useAsyncContext(false);
    for (const program of Object.values(PROGRAMS)) {
      expect(await traceOf(program, jqApi(lib), lib)).not.toEqual(
        await traceOf(program, nativeApi, lib),
      );
    }
  });
});

describe("when the context is captured", () => {
  /** AsyncLocalStorage, counting its snapshots. */
  function countingSource() {
    const source = {
      snapshots: 0,
      snapshot() {
        source.snapshots++;
        return AsyncLocalStorage.snapshot();
      },
    };
    return source;
  }

  it("once per then/catch call and per adoption of a returned promise, when it is made", async () => {
    const source = countingSource();
    useAsyncContext(source);
    source.snapshots = 0;
    const deferred = lib.Deferred<[number]>();
    const end = deferred
      .then((value) => lib.Deferred<[number]>().resolve(value + 1))
      .catch(() => 0);
    expect(source.snapshots).toBe(2);
    deferred.resolve(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(end.state()).toBe("resolved");
    // The handler's returned promise was followed through one internal reaction.
    expect(source.snapshots).toBe(3);
  });

  it("once per pipe call, never for done/fail/progress/always", () => {
    const source = countingSource();
    useAsyncContext(source);
    source.snapshots = 0;
    const deferred = lib.Deferred();
    deferred
      .done(() => 0)
      .fail(() => 0)
      .progress(() => 0)
      .always(() => 0);
    expect(source.snapshots).toBe(0);
    deferred.pipe(undefined, () => 0);
    expect(source.snapshots).toBe(1);
  });

  it("never while contexts are not followed", () => {
    const source = countingSource();
    useAsyncContext(source);
    useAsyncContext(false);
    source.snapshots = 0;
    const deferred = lib.Deferred();
    void deferred.then(() => 0).pipe(() => 0);
    deferred.resolve();
    expect(source.snapshots).toBe(0);
  });
});
