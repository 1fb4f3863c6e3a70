/**
 * Divergences from jQuery 4 that differential fuzzing found in jq-deferred, each pinned by the
 * smallest program that showed it. Every test failed before its fix.
 */
import { describe, expect, it } from "vitest";
import { type Program, runBoth } from "./harness.js";

async function expectSameAsJQuery(program: Program): Promise<string[][]> {
  const { jquery, ours } = await runBoth(program);
  expect(ours).toEqual(jquery);
  return ours;
}

describe("Deferred.exceptionHook", () => {
  it("is called with the Deferred function as this, like jQuery.Deferred.exceptionHook(e)", async () => {
    const trace = await expectSameAsJQuery((env) => {
      const Deferred = env.lib.Deferred;
      Deferred.exceptionHook = function (this: unknown) {
        env.log("exceptionHook this is Deferred", this === Deferred);
      };
      Deferred()
        .reject("no")
        .then(() => undefined);
    });
    expect(trace).toContainEqual(["exceptionHook this is Deferred", "true"]);
  });
});

describe("Deferred.getErrorHook", () => {
  it("is called with the Deferred function as this, like jQuery.Deferred.getErrorHook()", async () => {
    const trace = await expectSameAsJQuery((env) => {
      const Deferred = env.lib.Deferred;
      Deferred.getErrorHook = function (this: unknown) {
        env.log("getErrorHook this is Deferred", this === Deferred);
      };
      Deferred()
        .resolve()
        .then(() => undefined);
    });
    expect(trace).toContainEqual(["getErrorHook this is Deferred", "true"]);
  });
});

describe("when", () => {
  it("hands a thenable resolve/reject functions that return their this, like jQuery's", async () => {
    const trace = await expectSameAsJQuery((env) => {
      const context = env.label({}, "context");
      env.lib.when({
        then(resolve: AnyCallback, reject: AnyCallback) {
          env.setTimeout(() => {
            env.log("reject returned", reject.call(context, "no"));
            env.log("resolve returned", resolve.call(context, "late"));
          });
        },
      });
    });
    expect(trace).toContainEqual(["reject returned", "@context"]);
  });
});

describe("then", () => {
  it("follows a thenable returned by a progress handler in a scheduled step of its own", async () => {
    const trace = await expectSameAsJQuery((env) => {
      const Deferred = env.lib.Deferred;
      Deferred.getErrorHook = () => env.log("getErrorHook");
      const d = Deferred();
      const derived = d.then(null, null, () => ({
        then(resolve: AnyCallback) {
          env.log("thenable.then");
          env.setTimeout(() => env.log("timer set before resolve"), 0);
          resolve("progressed");
          env.log("resolve returned");
        },
      }));
      derived.progress(env.fn("derived progress"));
      d.notify(1);
    });
    // jQuery: the thenable's resolve only schedules; the notification arrives a step later.
    expect(trace.map((event) => event[0])).toEqual([
      "getErrorHook",
      "thenable.then",
      "getErrorHook",
      "resolve returned",
      "timer set before resolve",
      "derived progress",
    ]);
  });
});

describe("Callbacks", () => {
  it("a stopOnFalse callback that disables its list and returns false ends the pass quietly", async () => {
    const trace = await expectSameAsJQuery((env) => {
      const list = env.label(env.lib.Callbacks("stopOnFalse"), "list");
      list.add(() => {
        list.disable();
        return false;
      });
      env.call("fire", () => list.fire());
      env.call("disabled", () => list.disabled());
    });
    expect(trace).toEqual([
      ["fire", '"→"', "@list"],
      ["disabled", '"→"', "true"],
    ]);
  });
});

type AnyCallback = (this: unknown, ...args: unknown[]) => unknown;
