/**
 * Type tests of `when`: any number of arguments gives a tuple of per-argument results, and the
 * zero- and one-argument forms are typed exactly as the runtime behaves.
 */
import { describe, expectTypeOf, test } from "vitest";
import { Deferred, type DeferredPromise, when } from "../../src/index.js";

const text = Deferred<string, [reason: string]>();
const response = Deferred<[data: string, status: number], [error: Error]>();
const count = Deferred<number, [code: number]>();

describe("when()", () => {
  test("with no argument, resolves with no value: a callback's parameter is undefined", () => {
    when().done((value) => expectTypeOf(value).toEqualTypeOf<undefined>());
    when().then(function (x) {
      expectTypeOf(x).toEqualTypeOf<undefined>();
    });
    // @ts-expect-error nothing is passed
    when().done((value: string) => value);
  });
});

describe("when(one)", () => {
  test("gives every value of a multi-value deferred as separate callback arguments", () => {
    when(response).done((data, status) => {
      expectTypeOf(data).toEqualTypeOf<string>();
      expectTypeOf(status).toEqualTypeOf<number>();
    });
    when(response).fail((error) => expectTypeOf(error).toEqualTypeOf<Error>());
  });

  test("follows a native promise to its value and passes a plain value through", () => {
    when(Promise.resolve(4)).done((n) => expectTypeOf(n).toEqualTypeOf<number>());
    when({ testing: 123 }).done((object) => {
      expectTypeOf(object).toEqualTypeOf<{ testing: number }>();
    });
    when(Promise.resolve(4)).fail((reason) => expectTypeOf(reason).toEqualTypeOf<unknown>());
  });

  test("its progress callbacks (never called: when does not forward progress) take the argument's progress values", () => {
    const task = Deferred<string, string, [step: string]>();
    when(task).then(null, null, (step) => expectTypeOf(step).toEqualTypeOf<string>());
  });
});

describe("when(a, b, …)", () => {
  test("resolves with one value per argument: the value, or the array of a multi-value deferred's values", () => {
    const all = when(text, response, count, Promise.resolve(true), 7);
    expectTypeOf(all).toEqualTypeOf<
      DeferredPromise<
        [string, [data: string, status: number], number, boolean, number],
        [reason: string] | [error: Error] | [code: number] | [reason: unknown],
        unknown[],
        unknown[]
      >
    >();
    all.done((t, [data, status], n, flag, seven) => {
      expectTypeOf(t).toEqualTypeOf<string>();
      expectTypeOf(data).toEqualTypeOf<string>();
      expectTypeOf(status).toEqualTypeOf<number>();
      expectTypeOf(n).toEqualTypeOf<number>();
      expectTypeOf(flag).toEqualTypeOf<boolean>();
      expectTypeOf(seven).toEqualTypeOf<number>();
    });
    // @ts-expect-error the second argument resolves with an array of two values
    when(text, response).done((a: string, b: string) => a + b);
  });

  test("works for any arity", () => {
    const many = when(
      1,
      "2",
      3n,
      true,
      null,
      undefined,
      text,
      count,
      response,
      Promise.resolve(0),
      11,
    );
    many.done((...values) => {
      expectTypeOf(values).toEqualTypeOf<
        [
          number,
          string,
          bigint,
          boolean,
          null,
          undefined,
          string,
          number,
          [data: string, status: number],
          number,
          number,
        ]
      >();
    });
  });

  test("rejects with the first rejection's values: a union over the arguments that can reject", () => {
    when(response, count).fail((reason) => expectTypeOf(reason).toEqualTypeOf<Error | number>());
    when(response, Deferred<number>()).fail((reason) => expectTypeOf(reason).toBeAny());
    when(1, 2).fail((...reasons) => expectTypeOf(reasons).toEqualTypeOf<unknown[]>());
  });

  test("callbacks receive the array of the arguments' contexts as this", () => {
    when(text, count).done(function () {
      expectTypeOf(this).toEqualTypeOf<unknown[]>();
    });
  });

  test("an array spread of unknown length (when.apply) gives values of its element type", () => {
    const requests = [text, Deferred<string>()];
    when(...requests).done((...values) => expectTypeOf(values).toEqualTypeOf<string[]>());
    // jQuery-era code spells the spread with apply.
    // eslint-disable-next-line prefer-spread
    const settled = when.apply(null, requests);
    expectTypeOf(settled).toExtend<DeferredPromise>();
  });
});
