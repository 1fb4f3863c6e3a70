/**
 * Callbacks added, and deferreds read, while a callback list is being called. jq-deferred keeps
 * no field saying that a pass is under way: on a settled deferred a list is present exactly while
 * its pass runs, and a progress pass is marked on the last notification. These programs pin what
 * that must give, against jQuery 4: a callback added during a pass runs in it, after the others;
 * one added after it runs at once, as a pass of its own; `when` of a deferred in the middle of its
 * own pass waits for the pass; notifications made during a progress pass are queued, and dropped
 * once a progress callback settles the deferred. (After a callback threw, jQuery's list stays
 * marked as running for good: documented difference 2, in documented-differences.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { type Program, runBoth } from "./harness.js";

async function expectSameAsJQuery(program: Program): Promise<string[][]> {
  const { jquery, ours } = await runBoth(program);
  expect(ours).toEqual(jquery);
  return ours;
}

describe.each(["resolve", "reject"] as const)("during and after a %s pass", (settle) => {
  const listen = settle === "resolve" ? "done" : "fail";
  const other = settle === "resolve" ? "fail" : "done";

  it("a callback added during the pass runs in it, last; the other list ignores its own", async () => {
    const trace = await expectSameAsJQuery((env) => {
      const d = env.label(env.lib.Deferred(), "d");
      d[listen](
        env.fn("first", () => {
          d[listen](env.fn("added during the pass"));
          d[other](env.fn("other list, never called"));
          env.log("state inside", d.state());
        }),
      );
      d[listen](env.fn("second"));
      d[settle]("v");
      env.log("after settle");
      d[listen](
        env.fn("added after the pass", () => d[listen](env.fn("added during the late pass"))),
      );
      env.log("end");
    });
    expect(trace.map(([event]) => event)).toEqual([
      "first",
      "state inside",
      "second",
      "added during the pass",
      "after settle",
      "added after the pass",
      "added during the late pass",
      "end",
    ]);
  });

  it("when() of the deferred inside its own pass, and then() registered there", async () => {
    await expectSameAsJQuery((env) => {
      const d = env.label(env.lib.Deferred(), "d");
      d[listen](
        env.fn("first", () => {
          env.lib.when(d).done(env.fn("when done")).fail(env.fn("when fail"));
          env.lib.when(d, "x").done(env.fn("when of two done")).fail(env.fn("when of two fail"));
          d.then(env.fn("then fulfilled"), env.fn("then rejected"));
        }),
      );
      d[listen](env.fn("second"));
      d[settle]("v", "w");
      env.log("after settle");
    });
  });
});

describe("during a progress pass", () => {
  it("notifications are queued and delivered in order after the pass", async () => {
    await expectSameAsJQuery((env) => {
      const d = env.label(env.lib.Deferred(), "d");
      let left = 2;
      d.progress(
        env.fn("p1", (value) => {
          if (left-- > 0) d.notify(`${String(value)}+`);
          d.progress(env.fn("added during the progress pass"));
        }),
      );
      d.progress(env.fn("p2"));
      d.notify("n");
      env.log("after notify");
      d.progress(env.fn("added later, replayed with the last notification"));
    });
  });

  it("a progress callback that settles drops the queued notifications; later ones see memory", async () => {
    await expectSameAsJQuery((env) => {
      const d = env.label(env.lib.Deferred(), "d");
      d.progress(
        env.fn("p1", (value) => {
          if (value === "first") {
            d.notify("queued");
            d.resolve("done");
            d.progress(env.fn("added after settling, inside the pass"));
            d.done(env.fn("done added inside the progress pass"));
          }
        }),
      );
      d.progress(env.fn("p2"));
      d.then(undefined, undefined, env.fn("then progress"));
      d.notify("first");
      env.log("after notify");
      d.progress(env.fn("added after the pass"));
      d.notify("ignored: settled");
      env.lib.when(d).done(env.fn("when done"));
    });
  });

  it("always() with nested lists, added during a pass", async () => {
    await expectSameAsJQuery((env) => {
      const d = env.label(env.lib.Deferred(), "d");
      d.done(
        env.fn("first", () => {
          d.always([env.fn("a1"), [env.fn("a2"), "not a function"]], env.fn("a3"));
        }),
      );
      d.resolve(1);
      d.always(env.fn("b1"), [[env.fn("b2")]]);
    });
  });
});
