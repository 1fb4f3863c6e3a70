/**
 * What a settled deferred keeps of its values. A promise settled with exactly one value keeps the
 * value itself rather than a list of it (state.ts, `keptValue`), unless the value is an array,
 * which stays in its list: so a kept array always means a list. These programs settle deferreds
 * and `then`-derived promises with every shape of values (none, `undefined`, one primitive, one
 * object, one array, an array-like, a function, a Proxy of an array, several) and read them back
 * the late ways (`done`/`fail`/`always` added afterwards, `then`, `when` alone and with others,
 * `pipe`), against jQuery 4: the callbacks must see the same number of arguments and the same
 * values.
 */
import { describe, expect, it } from "vitest";
import { type Env, type Program, runBoth } from "./harness.js";

async function expectSameAsJQuery(program: Program): Promise<string[][]> {
  const { jquery, ours } = await runBoth(program);
  expect(ours).toEqual(jquery);
  return ours;
}

/** The values a deferred is settled with, by name; each a fresh list (a program may keep it). */
const SHAPES: Record<string, () => unknown[]> = {
  none: () => [],
  undefined: () => [undefined],
  null: () => [null],
  number: () => [42],
  string: () => ["text"],
  object: () => [{ a: 1 }],
  array: () => [[1, 2]],
  "empty array": () => [[]],
  "nested array": () => [[[3]]],
  "array-like": () => [{ length: 1, 0: "x" }],
  function: () => [function named() {}],
  "Proxy of an array": () => [new Proxy([4, 5], {})],
  "two values": () => [1, [2]],
  "an array then more": () => [[1], 2, 3],
};

/** Reads a settled promise back in every late way, logging what each callback receives. */
function readBack(env: Env, promise: ReturnType<Env["lib"]["Deferred"]>, label: string): void {
  promise.done(env.fn(`${label}: late done`));
  promise.fail(env.fn(`${label}: late fail`));
  promise.always(env.fn(`${label}: late always`));
  promise.then(env.fn(`${label}: then fulfilled`), env.fn(`${label}: then rejected`));
  env.lib
    .when(promise)
    .done(env.fn(`${label}: when done`))
    .fail(env.fn(`${label}: when fail`));
  env.lib
    .when(promise, "other")
    .done(env.fn(`${label}: when of two done`))
    .fail(env.fn(`${label}: when of two fail`));
  promise
    .pipe(
      (...values: unknown[]) => values.length,
      (...values: unknown[]) => values.length,
    )
    .always(env.fn(`${label}: pipe saw this many`));
}

describe.each(["resolve", "reject"] as const)(
  "a deferred settled by %s, read back late",
  (settle) => {
    it.each(Object.keys(SHAPES))("with %s", async (shape) => {
      await expectSameAsJQuery((env) => {
        const d = env.label(env.lib.Deferred(), "d");
        d[settle](...SHAPES[shape]!());
        readBack(env, d, shape);
        // The same, read on its promise, and with a context.
        readBack(env, d.promise(), `${shape} (promise)`);
        const withContext = env.label(env.lib.Deferred(), "withContext");
        withContext[`${settle}With`]({ ctx: true }, SHAPES[shape]!());
        readBack(env, withContext, `${shape} (with a context)`);
      });
    });
  },
);

describe("a then-derived promise settled by its handler, read back late", () => {
  it.each(Object.keys(SHAPES))("a handler returning the first of %s", async (shape) => {
    await expectSameAsJQuery((env) => {
      const d = env.label(env.lib.Deferred(), "d");
      const values = SHAPES[shape]!();
      const derived = d.then(() => values[0]);
      const passedThrough = d.then(undefined, env.fn("not called"));
      d.resolve(...values);
      // Once the handlers' jobs have run (they are timer tasks on both sides here).
      env.setTimeout(() => {
        env.log("derived", derived.state(), "passed through", passedThrough.state());
        readBack(env, derived, `${shape} (returned)`);
        readBack(env, passedThrough, `${shape} (passed through)`);
      }, 10);
    });
  });
});

/*
 * One value travels bare between a settling call and the reactions' jobs (values.ts,
 * `FiredValues`), and is made a list only where a list is needed. These programs follow each
 * shape through every path that hands values on: the handlers' own calls, notifications, a
 * pass-through, an adopted thenable (ours, and a foreign one calling back with the values),
 * `when`'s rejection, and `pipe`.
 */
describe("values handed on, as the callbacks and handlers receive them", () => {
  it.each(Object.keys(SHAPES))("with %s", async (shape) => {
    await expectSameAsJQuery((env) => {
      const values = SHAPES[shape]!;
      const resolved = env.label(env.lib.Deferred(), "resolved");
      const rejected = env.label(env.lib.Deferred(), "rejected");
      for (const [name, d] of [
        ["resolved", resolved],
        ["rejected", rejected],
      ] as const) {
        d.then(
          env.fn(`${name}: fulfilled`),
          env.fn(`${name}: rejected`),
          env.fn(`${name}: progress`),
        );
        d.then().then(
          env.fn(`${name}: passed through, fulfilled`),
          env.fn(`${name}: passed through, rejected`),
        );
        d.then(() => {
          const adopted = env.lib.Deferred();
          env.setTimeout(() => adopted.resolve(...values()), 1);
          return adopted.promise();
        }).done(env.fn(`${name}: adopted ours`));
        d.then(() => ({
          then(onFulfilled: (...args: unknown[]) => void) {
            onFulfilled(...values());
          },
        })).done(env.fn(`${name}: adopted a foreign thenable`));
        d.then(undefined, undefined, () => values()[0]).progress(
          env.fn(`${name}: progress result`),
        );
        env.lib.when(d, "other").fail(env.fn(`${name}: when of two, fail`));
        d.pipe(undefined, undefined).always(env.fn(`${name}: piped on`));
        d.pipe(
          () => values()[0],
          () => values()[0],
        ).always(env.fn(`${name}: pipe filter result`));
        d.notify(...values());
      }
      resolved.resolve(...values());
      rejected.reject(...values());
    });
  });
});
