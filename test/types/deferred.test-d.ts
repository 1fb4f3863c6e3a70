/**
 * Type tests of `Deferred`: the resolution, rejection and progress values and the callbacks'
 * context follow the type arguments through every method. Checked by `tsc` (vitest typecheck,
 * TypeScript 6 and 7); a `@ts-expect-error` line fails the check if the error it expects is gone.
 */
import { describe, expectTypeOf, test } from "vitest";
import { Deferred, type DeferredPromise, type DeferredState } from "../../src/index.js";

declare const button: HTMLButtonElement;

describe("Deferred type arguments", () => {
  test("a tuple types every value of resolve, done and resolveWith, by position", () => {
    const dfd = Deferred<[data: string, status: number]>();
    dfd.resolve("body", 200);
    dfd.resolveWith(null, ["body", 200]);
    dfd.done((data, status) => {
      expectTypeOf(data).toEqualTypeOf<string>();
      expectTypeOf(status).toEqualTypeOf<number>();
    });
    expectTypeOf(dfd.resolve).parameters.toEqualTypeOf<[data: string, status: number]>();
    // @ts-expect-error the second value must be a number
    dfd.resolve("body", "200");
    // @ts-expect-error both values are required
    dfd.resolve("body");
    // @ts-expect-error no third value
    dfd.resolve("body", 200, true);
    // @ts-expect-error resolveWith takes the values as one array, typed by position
    dfd.resolveWith(null, [200, "body"]);
    // @ts-expect-error resolveWith needs the values when some are required
    dfd.resolveWith(null);
    // @ts-expect-error a done callback cannot expect other types
    dfd.done((data: number) => data);
  });

  test("a single value type reads simply and means one value", () => {
    const dfd = Deferred<string>();
    dfd.resolve("text");
    dfd.done((text) => expectTypeOf(text).toEqualTypeOf<string>());
    expectTypeOf(dfd).toEqualTypeOf<Deferred<[string]>>();
    // @ts-expect-error one value of type string
    dfd.resolve(1);
    // @ts-expect-error exactly one value
    dfd.resolve("a", "b");
  });

  test("an array type is one value, not a list of values", () => {
    const dfd = Deferred<string[]>();
    dfd.resolve(["a", "b"]);
    dfd.done((list) => expectTypeOf(list).toEqualTypeOf<string[]>());
    // @ts-expect-error the array is passed as one value
    dfd.resolve("a", "b");
  });

  test("an empty tuple means no values; void makes the value optional", () => {
    const none = Deferred<[]>();
    none.resolve();
    none.resolveWith(null);
    // @ts-expect-error no values allowed
    none.resolve(1);
    const optional = Deferred<void>();
    optional.resolve();
  });

  test("rejection and progress values are typed by the second and third arguments", () => {
    const dfd = Deferred<string, [error: Error, retryable: boolean], [percent: number]>();
    dfd.reject(new Error("offline"), true);
    dfd.rejectWith(undefined, [new Error("offline"), false]);
    dfd.notify(50);
    dfd.notifyWith(undefined, [75]);
    dfd.fail((error, retryable) => {
      expectTypeOf(error).toEqualTypeOf<Error>();
      expectTypeOf(retryable).toEqualTypeOf<boolean>();
    });
    dfd.progress((percent) => expectTypeOf(percent).toEqualTypeOf<number>());
    dfd.always((first) => expectTypeOf(first).toEqualTypeOf<string | Error>());
    // @ts-expect-error the rejection needs an Error first
    dfd.reject("offline", true);
    // @ts-expect-error progress values are numbers
    dfd.notify("50%");
  });

  test("the defaults accept any values and any callbacks, as an untyped jQuery deferred", () => {
    const dfd = Deferred();
    dfd.resolve(1, "two", [3]);
    dfd.resolveWith({}, arguments_());
    dfd.resolveWith({});
    dfd.done((...values) => expectTypeOf(values).toEqualTypeOf<any[]>());
    dfd.done((text: string, count: number) => text.repeat(count));
  });

  test("callbacks are accepted as functions and nested arrays or array-likes of them", () => {
    const dfd = Deferred<number>();
    const double = (n: number) => n * 2;
    dfd.done(double, [double, [double]]);
    // @ts-expect-error a nested callback must take a number too
    dfd.done([double, (s: string) => s]);
    // @ts-expect-error only functions are callbacks
    dfd.done("double");
  });

  test("every method except state and the mutators' promise returns the object it was called on", () => {
    const dfd = Deferred<string>();
    expectTypeOf(dfd.done(() => undefined)).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(dfd.resolve("x")).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(dfd.promise().fail(() => undefined)).toEqualTypeOf<DeferredPromise<string>>();
    expectTypeOf(dfd.state()).toEqualTypeOf<DeferredState>();
    // @ts-expect-error the promise has no mutators
    dfd.promise().resolve("x");
  });

  test("beforeStart receives the typed deferred as argument and this", () => {
    const dfd = Deferred<number>(function (self) {
      expectTypeOf(this).toEqualTypeOf<Deferred<number>>();
      self.resolve(1);
      // @ts-expect-error a number deferred
      self.resolve("1");
    });
    expectTypeOf(dfd).toEqualTypeOf<Deferred<number>>();
    expectTypeOf(new Deferred<number>()).toEqualTypeOf<Deferred<number>>();
    // @ts-expect-error beforeStart must be a function
    Deferred(42);
  });

  test("a deferred is a value type and a type under the same name", () => {
    const pending: Deferred<[data: string, status: number]> = Deferred();
    expectTypeOf(pending.resolve).parameters.toEqualTypeOf<[data: string, status: number]>();
  });
});

describe("callback context", () => {
  test("the fourth type argument types this in callbacks and the context of the *With methods", () => {
    const click = Deferred<[event: string], [reason: string], [step: number], HTMLButtonElement>();
    click.resolveWith(button, ["click"]);
    click.rejectWith(button, ["cancelled"]);
    click.notifyWith(button, [1]);
    click.done(function (event) {
      expectTypeOf(this).toEqualTypeOf<HTMLButtonElement>();
      expectTypeOf(event).toEqualTypeOf<string>();
    });
    click.fail(function () {
      expectTypeOf(this).toEqualTypeOf<HTMLButtonElement>();
    });
    click.then(function () {
      expectTypeOf(this).toEqualTypeOf<HTMLButtonElement>();
    });
    // @ts-expect-error the context must be a button
    click.resolveWith(document.body, ["click"]);
  });

  test("resolve on the deferred gives an undefined context, so it needs a context type that allows it", () => {
    const strict = Deferred<string, [], [], HTMLButtonElement>();
    // @ts-expect-error callbacks would see `this === undefined`, not a button
    strict.resolve("x");
    // A borrowed call passes its receiver as the context, as in jQuery.
    strict.resolve.call(button, "x");
    const optional = Deferred<string, [], [], HTMLButtonElement | undefined>();
    optional.resolve("x");
    optional.done(function () {
      expectTypeOf(this).toEqualTypeOf<HTMLButtonElement | undefined>();
    });
  });

  test("without a context type, this is unknown and must be narrowed before use", () => {
    Deferred<string>().done(function () {
      expectTypeOf(this).toEqualTypeOf<unknown>();
    });
    // @ts-expect-error a callback that needs a button cannot be added to a deferred of unknown context
    Deferred<string>().done(function (this: HTMLButtonElement) {
      this.click();
    });
  });
});

describe("promise(target)", () => {
  test("returns the target typed as itself and as the deferred's promise", () => {
    const task = Deferred<[data: string, status: number]>();
    const job = task.promise({ id: 7 });
    expectTypeOf(job).toEqualTypeOf<
      { id: number } & DeferredPromise<[data: string, status: number]>
    >();
    expectTypeOf(job.id).toEqualTypeOf<number>();
    job.done((data, status) => {
      expectTypeOf(data).toEqualTypeOf<string>();
      expectTypeOf(status).toEqualTypeOf<number>();
    });
    expectTypeOf(job.done(() => undefined)).toEqualTypeOf(job);
    // @ts-expect-error the target must be an object
    task.promise("job");
  });

  test("without a target, or with null, returns the read-only promise", () => {
    const task = Deferred<string, Error>();
    expectTypeOf(task.promise()).toEqualTypeOf<DeferredPromise<string, Error>>();
    expectTypeOf(task.promise(null)).toEqualTypeOf<DeferredPromise<string, Error>>();
  });
});

describe("await and native promises", () => {
  test("await gives the first resolution value", async () => {
    const dfd = Deferred<[data: string, status: number]>();
    expectTypeOf(await dfd).toEqualTypeOf<string>();
    expectTypeOf(await dfd.promise()).toEqualTypeOf<string>();
    expectTypeOf(await Deferred<number>()).toEqualTypeOf<number>();
  });

  test("await of a deferred of no values gives undefined; of an untyped one, any (as @types/jquery)", async () => {
    expectTypeOf(await Deferred<[]>()).toEqualTypeOf<undefined>();
    expectTypeOf(await Deferred()).toBeAny();
    expectTypeOf(await Deferred<unknown>()).toEqualTypeOf<unknown>();
    Deferred<[]>().done((value) => expectTypeOf(value).toEqualTypeOf<undefined>());
  });

  test("the promise is a PromiseLike of its first value, and native combinators accept it", async () => {
    const dfd = Deferred<[data: string, status: number]>();
    expectTypeOf(dfd.promise()).toExtend<PromiseLike<string>>();
    expectTypeOf(dfd).toExtend<PromiseLike<string>>();
    expectTypeOf(dfd.promise()).not.toExtend<PromiseLike<number>>();
    expectTypeOf(Promise.resolve(dfd)).toEqualTypeOf<Promise<string>>();
    expectTypeOf(await Promise.all([dfd, Deferred<boolean>()])).toEqualTypeOf<[string, boolean]>();
    // @ts-expect-error the first value is a string
    const wrong: PromiseLike<number> = dfd.promise();
    expectTypeOf(wrong).toBeObject();
  });
});

describe("assignability", () => {
  test("promises are covariant in their values: a narrower promise fits a wider type", () => {
    expectTypeOf(Deferred<string>().promise()).toExtend<DeferredPromise<string | number>>();
    expectTypeOf(Deferred<[string, number]>().promise()).toExtend<DeferredPromise>();
    expectTypeOf(Deferred<string, Error>()).toExtend<DeferredPromise<string, Error>>();
    expectTypeOf(Deferred<string | number>().promise()).not.toExtend<DeferredPromise<string>>();
  });

  test("unknown rejections do not fit a promise typed to reject with an Error", () => {
    // @ts-expect-error untyped rejections (any number of values) do not fit one Error
    const typed: DeferredPromise<string, Error> = Deferred<string>().promise();
    expectTypeOf(typed).toBeObject();
  });

  test("ReturnType of then is the derived promise", () => {
    type Then = Deferred<string>["then"];
    expectTypeOf<ReturnType<Then>>().toExtend<DeferredPromise<unknown[]>>();
    expectTypeOf<ReturnType<Then>>().toHaveProperty("done");
  });
});

/** An `arguments` object, as jQuery-era code passes to resolveWith. */
function arguments_(): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}
