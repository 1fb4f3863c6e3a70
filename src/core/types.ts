/**
 * The public types of the core: they carry the user's value types through every method.
 *
 * A Deferred is typed by the *lists of values* it is resolved, rejected and notified with, since a
 * jQuery deferred can be resolved with several values at once. Each type argument may be written
 * either as a tuple of those values (`Deferred<[data: string, status: number]>`) or, for the common
 * single-value case, as the value type itself (`Deferred<string>`). {@link ValuesOf} turns either
 * form into the tuple. A non-tuple array type (`string[]`) counts as one value.
 */

/**
 * The values a Deferred type argument stands for: a tuple stays as it is, anything else is one
 * value. `unknown[]` (the default) means "any number of unknown values".
 *
 * @example
 * type A = ValuesOf<[string, number]>; // [string, number]
 * type B = ValuesOf<string>;           // [string]
 * type C = ValuesOf<string[]>;         // [string[]]
 */
export type ValuesOf<T> = [T] extends [readonly unknown[]]
  ? number extends T["length"]
    ? unknown[] extends T
      ? [...T]
      : [T]
    : [...T]
  : [T];

/** The first of a list of values (what `await` and native promises see). */
export type FirstValue<V extends readonly unknown[]> = V extends readonly [infer F, ...unknown[]]
  ? F
  : V extends readonly []
    ? undefined
    : V[number] | undefined;

/** A callback that receives `Values` as its arguments. */
export type Callback<Values extends unknown[], Context = unknown> = (
  this: Context,
  ...values: Values
) => unknown;

/**
 * What the callback adders accept: functions, or arrays of them, nested to any depth, as jQuery
 * allows. (At run time other values are ignored, as in jQuery; the types reject them.)
 */
export type CallbackInput<F> = F | readonly CallbackInput<F>[];

/** What `state()` returns. */
export type DeferredState = "pending" | "resolved" | "rejected";

/**
 * Type-only brand that records a promise's resolution values, so that `then` and `when` can
 * recover them from a returned promise. It does not exist at run time.
 */
export declare const resolutionValues: unique symbol;

/** The resolution values recorded by {@link DeferredPromise}'s type-only brand, or `never`. */
export type BrandedValues<T> = T extends { readonly [resolutionValues]?: infer V }
  ? V extends unknown[]
    ? V
    : never
  : never;

/**
 * The values a promise derived from `R` resolves with: all values of a jq-deferred promise, the
 * awaited value of another thenable, or `R` itself.
 */
export type ResultValues<R> = [BrandedValues<R>] extends [never]
  ? R extends PromiseLike<infer V>
    ? [Awaited<V>]
    : [R]
  : BrandedValues<R>;

/** Done-values of `then`'s derived promise for one handler: pass-through when none was given. */
type HandlerValues<R, PassThrough extends unknown[]> = [R] extends [never]
  ? PassThrough
  : ResultValues<R>;

/**
 * The read-only promise of a Deferred: jQuery's nine promise methods, typed by the values the
 * deferred is resolved (`TDone`), rejected (`TFail`) and notified (`TProgress`) with.
 * It is a thenable, so `await` and native promises accept it.
 */
export interface DeferredPromise<TDone = unknown[], TFail = unknown[], TProgress = unknown[]> {
  /** Type-only: the values this promise resolves with. */
  readonly [resolutionValues]?: ValuesOf<TDone>;

  /**
   * The current state: `"pending"`, `"resolved"` or `"rejected"`.
   *
   * @example
   * Deferred().resolve(1).state(); // "resolved"
   */
  state(): DeferredState;

  /**
   * Adds callbacks called synchronously with all resolution values when the deferred is resolved,
   * or at once if it already is. Returns the object it was called on.
   *
   * @example
   * dfd.done((data, status) => console.log(data, status));
   */
  done(...callbacks: CallbackInput<Callback<ValuesOf<TDone>>>[]): this;

  /**
   * Adds callbacks called synchronously with all rejection values when the deferred is rejected,
   * or at once if it already is. Returns the object it was called on.
   *
   * @example
   * dfd.fail((error) => console.error(error));
   */
  fail(...callbacks: CallbackInput<Callback<ValuesOf<TFail>>>[]): this;

  /**
   * Adds callbacks called with each notification; one added later is called at once with the last
   * notification, if any (even after settlement, as in jQuery). Returns the object it was called on.
   *
   * @example
   * dfd.progress((percent) => bar.style.width = `${percent}%`);
   */
  progress(...callbacks: CallbackInput<Callback<ValuesOf<TProgress>>>[]): this;

  /**
   * Adds callbacks called on resolution or rejection, with that outcome's values.
   *
   * @example
   * request.always(() => spinner.hide());
   */
  always(
    ...callbacks: CallbackInput<Callback<ValuesOf<TDone>> | Callback<ValuesOf<TFail>>>[]
  ): this;

  /**
   * Promises/A+ `then`: returns a new promise settled from what the handlers return (thenables are
   * followed), always asynchronously. Handlers receive all values and the settlement context as
   * `this`; a rejection handler's return value *resolves* the new promise; the progress handler's
   * return value becomes its notification.
   *
   * @example
   * const length = await Deferred<string>().resolve("four").then((text) => text.length); // 4
   */
  then<F = never, R = never, P = never>(
    onFulfilled?: ((this: unknown, ...values: ValuesOf<TDone>) => F) | null,
    onRejected?: ((this: unknown, ...reasons: ValuesOf<TFail>) => R) | null,
    onProgress?: ((this: unknown, ...values: ValuesOf<TProgress>) => P) | null,
  ): DeferredPromise<
    HandlerValues<F, ValuesOf<TDone>> | ([R] extends [never] ? never : ResultValues<R>),
    unknown[],
    HandlerValues<P, ValuesOf<TProgress>>
  >;

  /**
   * `then(null, onRejected)`.
   *
   * @example
   * dfd.catch((error) => fallback).done((value) => use(value));
   */
  catch<R = never>(
    onRejected?: ((this: unknown, ...reasons: ValuesOf<TFail>) => R) | null,
  ): DeferredPromise<
    ValuesOf<TDone> | ([R] extends [never] ? never : ResultValues<R>),
    unknown[],
    ValuesOf<TProgress>
  >;

  /**
   * jQuery's legacy (pre-3.0) `then`, deprecated since jQuery 1.8: synchronous, keeps the state (a
   * fail filter's value *rejects*), propagates the context, lets exceptions escape to the caller of
   * `resolve`, and adopts only values that have a `promise()` method.
   *
   * @example
   * jqXHR.pipe(null, (xhr) => Deferred().rejectWith(this, [xhr, "error", JSON.parse(xhr.responseText)]));
   */
  pipe<F = never, R = never, P = never>(
    onDone?: ((this: unknown, ...values: ValuesOf<TDone>) => F) | null,
    onFail?: ((this: unknown, ...reasons: ValuesOf<TFail>) => R) | null,
    onProgress?: ((this: unknown, ...values: ValuesOf<TProgress>) => P) | null,
  ): DeferredPromise<
    HandlerValues<F, ValuesOf<TDone>>,
    HandlerValues<R, ValuesOf<TFail>>,
    HandlerValues<P, ValuesOf<TProgress>>
  >;

  /**
   * Without an argument, the deferred's one read-only promise. With a target object, copies the
   * nine promise methods onto it and returns it (how a jqXHR becomes a promise).
   *
   * @example
   * const task = Deferred<string>();
   * const job = task.promise({ id: 7 }); // { id: 7 } with done/fail/then/…
   */
  promise(): DeferredPromise<TDone, TFail, TProgress>;
  promise<T extends object>(target: T): T & DeferredPromise<TDone, TFail, TProgress>;
}

/**
 * A Deferred: its promise's methods plus the mutators. Every method is a function bound to this
 * deferred, so it can be passed around detached (`setTimeout(dfd.resolve, 10)`).
 */
export interface Deferred<
  TDone = unknown[],
  TFail = unknown[],
  TProgress = unknown[],
> extends DeferredPromise<TDone, TFail, TProgress> {
  /**
   * Resolves with the given values (once; later calls are ignored). The `this` of the call becomes
   * the callbacks' context unless it is the deferred itself. Returns the object it was called on.
   *
   * @example
   * dfd.resolve("data", 200);
   */
  resolve(...values: ValuesOf<TDone>): this;
  /**
   * Resolves with an explicit context for the callbacks and an array of values.
   *
   * @example
   * dfd.resolveWith(element, ["data", 200]);
   */
  resolveWith(context: unknown, values?: Readonly<ValuesOf<TDone>>): this;
  /**
   * Rejects with the given values (once; later calls are ignored).
   *
   * @example
   * dfd.reject(new Error("offline"));
   */
  reject(...reasons: ValuesOf<TFail>): this;
  /**
   * Rejects with an explicit context and an array of values.
   *
   * @example
   * dfd.rejectWith(xhr, [xhr, "error", parsedBody]);
   */
  rejectWith(context: unknown, reasons?: Readonly<ValuesOf<TFail>>): this;
  /**
   * Calls the progress callbacks with the given values, while pending.
   *
   * @example
   * dfd.notify(50);
   */
  notify(...values: ValuesOf<TProgress>): this;
  /**
   * Calls the progress callbacks with an explicit context and an array of values, while pending.
   *
   * @example
   * dfd.notifyWith(worker, [50]);
   */
  notifyWith(context: unknown, values?: Readonly<ValuesOf<TProgress>>): this;
}
