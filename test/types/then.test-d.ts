/**
 * Type tests of `then`, `catch` and `pipe`: the derived promise's values are inferred from what
 * the handlers return, following returned thenables, native promises and jq-deferred promises
 * (all the values of a multi-value one) exactly as the runtime's resolution procedure does.
 */
import { describe, expectTypeOf, test } from "vitest";
import {
  type BrandedValues,
  Deferred,
  type DeferredPromise,
  type DeferredPromiseOf,
} from "../../src/index.js";

declare const pair: DeferredPromise<
  [data: string, status: number],
  [error: Error],
  [percent: number]
>;

describe("then", () => {
  test("handlers receive all values of their channel", () => {
    pair.then(
      (data, status) => {
        expectTypeOf(data).toEqualTypeOf<string>();
        expectTypeOf(status).toEqualTypeOf<number>();
      },
      (error) => expectTypeOf(error).toEqualTypeOf<Error>(),
      (percent) => expectTypeOf(percent).toEqualTypeOf<number>(),
    );
    // @ts-expect-error the second value is a number
    pair.then((data: string, status: string) => data + status);
    // @ts-expect-error the rejection value is an Error
    pair.then(null, (error: string) => error);
    // @ts-expect-error the notification is a number
    pair.then(null, null, (percent: string) => percent);
  });

  test("a plain return value becomes the one resolution value", () => {
    const derived = pair.then((data, status) => data.length + status);
    expectTypeOf(derived).toEqualTypeOf<DeferredPromise<number, any[], [percent: number]>>();
    derived.done((sum) => expectTypeOf(sum).toEqualTypeOf<number>());
    // @ts-expect-error one value only
    derived.done((sum: number, extra: number) => sum + extra);
  });

  test("a returned native promise or other thenable is followed to its value", () => {
    expectTypeOf(pair.then(async () => 42)).toEqualTypeOf<
      DeferredPromise<number, any[], [percent: number]>
    >();
    const thenable = { then: (resolve: (value: boolean) => void) => resolve(true) };
    pair.then(() => thenable).done((flag) => expectTypeOf(flag).toEqualTypeOf<boolean>());
    pair
      .then(() => Promise.resolve(Promise.resolve("deep")))
      .done((text) => expectTypeOf(text).toEqualTypeOf<string>());
  });

  test("a returned jq-deferred promise is followed with all its values", () => {
    const derived = pair.then(() => Deferred<[rows: string[], total: number]>().promise());
    derived.done((rows, total) => {
      expectTypeOf(rows).toEqualTypeOf<string[]>();
      expectTypeOf(total).toEqualTypeOf<number>();
    });
    expectTypeOf<BrandedValues<typeof derived>>().toEqualTypeOf<[rows: string[], total: number]>();
  });

  test("a deferred whose first value is a thenable is followed through it, as the resolution procedure does", () => {
    const derived = pair.then(() => Deferred<[Promise<number>, string], Error, [step: string]>());
    expectTypeOf(derived).toEqualTypeOf<
      DeferredPromiseOf<[number], any[], [percent: number] | [step: string], unknown>
    >();
  });

  test("without a fulfillment handler the values pass through; a rejection handler's result resolves", () => {
    const recovered = pair.then(null, (error) => error.message);
    recovered.done((first, second) => {
      expectTypeOf(first).toEqualTypeOf<string>();
      expectTypeOf(second).toEqualTypeOf<number | undefined>();
    });
  });

  test("handlers returning several kinds of value give a union", () => {
    const derived = pair.then((data) => (data ? data : Promise.resolve(0)));
    derived.done((value) => expectTypeOf(value).toEqualTypeOf<string | number>());
  });

  test("a handler of unknown result gives unknown values (it may return a multi-value promise)", () => {
    const derived = pair.then((): unknown => undefined);
    expectTypeOf(derived).toEqualTypeOf<DeferredPromise<unknown[], any[], [percent: number]>>();
  });

  test("the progress handler's result becomes the notification", () => {
    pair
      .then(null, null, (percent) => `${percent}%`)
      .progress((label) => expectTypeOf(label).toEqualTypeOf<string>());
  });

  test("rejections of the derived promise are any: a handler may throw anything, as native then's reason", () => {
    pair.then((data) => data).fail((reason) => expectTypeOf(reason).toBeAny());
    pair.catch(() => 0).fail((...reasons) => expectTypeOf(reasons).toEqualTypeOf<any[]>());
    pair.then((data) => data).fail((reason: Error) => reason.message);
  });

  test("chains keep inferring", async () => {
    const length = await Deferred<string>()
      .then((text) => text.length)
      .then((n) => n > 2)
      .then((flag) => (flag ? ["yes"] : []));
    expectTypeOf(length).toEqualTypeOf<string[]>();
  });
});

describe("catch", () => {
  test("resolves with the source values or the handler's result", () => {
    const safe = pair.catch((error) => {
      expectTypeOf(error).toEqualTypeOf<Error>();
      return null;
    });
    safe.done((first) => expectTypeOf(first).toEqualTypeOf<string | null>());
    // @ts-expect-error the rejection value is an Error
    pair.catch((error: string) => error);
  });

  test("follows a returned promise", () => {
    pair
      .catch(() => Deferred<[string, number]>())
      .done((data, status) => {
        expectTypeOf(data).toEqualTypeOf<string>();
        expectTypeOf(status).toEqualTypeOf<number>();
      });
  });
});

describe("pipe", () => {
  test("a done filter's plain value resolves; a fail filter's plain value rejects", () => {
    const piped = pair.pipe(
      (data) => data.length,
      (error) => error.message,
    );
    expectTypeOf(piped).toEqualTypeOf<DeferredPromise<number, string, [percent: number]>>();
  });

  test("filters are typed by their channel's values", () => {
    // @ts-expect-error the done filter receives a string first
    pair.pipe((data: number) => data);
    // @ts-expect-error the fail filter receives an Error
    pair.pipe(null, (error: number) => error);
  });

  test("without a filter the channel's values pass through unchanged", () => {
    expectTypeOf(pair.pipe()).toEqualTypeOf<
      DeferredPromise<[data: string, status: number], [error: Error], [percent: number]>
    >();
  });

  test("a returned jq-deferred promise settles the new promise whichever way it settles", () => {
    const retried = pair.pipe(null, () =>
      Deferred<[data: string, status: number], [code: number]>(),
    );
    retried.done((data, status) => {
      expectTypeOf(data).toEqualTypeOf<string>();
      expectTypeOf(status).toEqualTypeOf<number>();
    });
    retried.fail((reason) => expectTypeOf(reason).toEqualTypeOf<number>());
  });

  test("unlike then, a returned native promise is not followed: it is the value", () => {
    const piped = pair.pipe(() => Promise.resolve(1));
    piped.done((value) => expectTypeOf(value).toEqualTypeOf<Promise<number>>());
  });

  test("filters receive the context as this", () => {
    Deferred<string, [], [], Window>().pipe(function () {
      expectTypeOf(this).toEqualTypeOf<Window>();
    });
  });
});

describe("then: merged value lists and forwarded notifications", () => {
  test("handlers of different arities keep every position (the shorter list's are optional)", () => {
    const derived = pair.then(
      () => Deferred<[a: string, b: number, c: boolean]>().promise(),
      () => Deferred<[x: string]>().promise(),
    );
    derived.done((first, second, third) => {
      expectTypeOf(first).toEqualTypeOf<string>();
      expectTypeOf(second).toEqualTypeOf<number | undefined>();
      expectTypeOf(third).toEqualTypeOf<boolean | undefined>();
    });
  });

  test("a returned promise's notifications are part of the derived promise's progress", () => {
    const derived = pair.then(() => Deferred<string, Error, [bytes: number, total: number]>());
    derived.progress((loaded, total) => {
      expectTypeOf(loaded).toEqualTypeOf<number>();
      expectTypeOf(total).toEqualTypeOf<number | undefined>();
    });
    const recovered = pair.catch(() => Deferred<string, Error, [step: string]>());
    recovered.progress((value) => expectTypeOf(value).toEqualTypeOf<number | string>());
  });
});
