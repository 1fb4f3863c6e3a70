/**
 * The public types of the core: they carry the user's value types through every method.
 *
 * A Deferred is typed by the *lists of values* it is resolved, rejected and notified with, since a
 * jQuery deferred can be resolved with several values at once, and by the *context* (`this`) its
 * callbacks see. Each list may be written either as a tuple of those values
 * (`Deferred<[data: string, status: number]>`) or, for the common single-value case, as the value
 * type itself (`Deferred<string>`). {@link ValuesOf} turns either form into the tuple. A non-tuple
 * array type (`string[]`) counts as one value; `any[]` (the default) and `unknown[]` mean "any
 * number of values", untyped or unknown.
 *
 * Where the user gives no type, values are `any`, as in `@types/jquery` and TypeScript's own
 * `Response.json()`: jQuery-era code compiles as it did. `any` appears only as the default of a
 * type parameter the user omits (scripts/check-no-any.mjs enforces it); typed code stays strict.
 *
 * Promises remember their value types in a type-only brand, so that `then`, `pipe` and `when` can
 * recover *all* the values of a returned jq-deferred promise, where `Awaited` sees only the first.
 */

/**
 * The values a Deferred type argument stands for: a tuple stays as it is, anything else is one
 * value. `any[]` (the default) and `unknown[]` mean "any number of values" (untyped or unknown).
 *
 * @example
 * type A = ValuesOf<[string, number]>; // [string, number]
 * type B = ValuesOf<string>; // [string]
 * type C = ValuesOf<string[]>; // [string[]]
 */
export type ValuesOf<T> = [T] extends [readonly unknown[]]
  ? number extends T["length"]
    ? unknown[] extends T
      ? [...T]
      : [T]
    : [...T]
  : [T];

/**
 * The first of a list of values: what `await` and native promises see of a multi-value
 * resolution.
 *
 * @example
 * type A = FirstValue<[data: string, status: number]>; // string
 * type B = FirstValue<[]>; // undefined
 */
export type FirstValue<V extends readonly unknown[]> = V extends readonly [infer F, ...unknown[]]
  ? F
  : V extends readonly []
    ? undefined
    : V[number] | undefined;

/**
 * A callback that receives `Values` as its arguments and `Context` as `this`.
 *
 * When the values are untyped (`any[]`, the default, or `unknown[]`) a callback that declares its
 * parameters (`(text: string) => …`) is accepted, as jQuery-era code expects of an untyped list;
 * when they are typed, parameters must accept exactly what will be passed.
 *
 * @example
 * const log: Callback<[data: string, status: number]> = (data, status) => console.log(data, status);
 */
export type Callback<Values extends unknown[], Context = unknown> = Handler<
  Values,
  Context,
  unknown
>;

/**
 * A callback of a `Callbacks` list: a {@link Callback} of its values, or, for an untyped list
 * (`any[]`, the default, or `unknown[]`), also a value typed `Function`, as `@types/jquery`'s
 * `Callbacks<Function>` accepts. (A deferred's `done`/`fail`/… do not take `Function`: a union
 * with it there would make every typed promise invariant in its values.)
 *
 * @example
 * declare const legacy: Function;
 * Callbacks().add(legacy);
 */
export type ListCallback<Values extends unknown[]> = Values extends unknown
  ? unknown[] extends Values
    ? // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as @types/jquery's untyped lists
      Callback<Values> | Function
    : Callback<Values>
  : never;

/**
 * A function called with `Values` and `Context` as `this`, returning `Result`: strictly typed
 * parameters for typed values, bivariant ones (declared through a method) for untyped values.
 */
type Handler<Values extends unknown[], Context, Result> = unknown[] extends Values
  ? { bivariant(this: Context, ...values: Values): Result }["bivariant"]
  : (this: Context, ...values: ParameterList<Values>) => Result;

/**
 * One parameter list that accepts each list of a union of value lists (as a promise derived by
 * `then` may resolve with): position-wise unions of the values, optional from the shortest list
 * on. A single list is kept as it is, labels included. No values reads as one optional
 * `undefined`: what a callback that declares a parameter receives (and what `await` gives).
 */
type ParameterList<V extends unknown[]> = [IsUnion<V>] extends [false]
  ? [V] extends [[]]
    ? [value?: undefined]
    : V
  : MergedLists<V>;

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

type MergedLists<U extends unknown[], Optional extends boolean = false> =
  true extends HasOpenList<U>
    ? U[number][]
    : [U] extends [[]]
      ? []
      : [Optional | ([] extends U ? true : false)] extends [false]
        ? [HeadOf<U>, ...MergedLists<TailOf<U>>]
        : [value?: HeadOf<U>, ...MergedLists<TailOf<U>, true>];

type HasOpenList<U extends unknown[]> = U extends unknown
  ? number extends U["length"]
    ? true
    : false
  : never;
type HeadOf<U extends unknown[]> = U extends [] ? never : U[0];
/** The values after the first; none after none (`[] extends [unknown?, ...infer T]` gives `unknown[]`). */
type TailOf<U extends unknown[]> = U extends []
  ? []
  : U extends [unknown?, ...infer Tail]
    ? Tail
    : never;

/**
 * What the callback adders accept: functions, or arrays of them, nested to any depth, as jQuery
 * allows (arrays or array-likes such as `arguments`). At run time other values are ignored, as in
 * jQuery; the types reject them.
 *
 * @example
 * const callbacks: CallbackInput<Callback<[number]>> = [(n) => n + 1, [(n) => n * 2]];
 * dfd.done(callbacks);
 */
export type CallbackInput<F> = F | (ArrayLike<CallbackInput<F>> & object);

/**
 * What `state()` returns.
 *
 * @example
 * const state: DeferredState = Deferred().state(); // "pending"
 */
export type DeferredState = "pending" | "resolved" | "rejected";

/**
 * Type-only brand that records a promise's value lists, so that `then`, `pipe` and `when` can
 * recover them from a returned promise. It does not exist at run time.
 */
export declare const settlementValues: unique symbol;

/** The value lists of a promise, one per channel. */
interface SettlementValues<
  Done extends unknown[],
  Fail extends unknown[],
  Progress extends unknown[],
> {
  resolve: Done;
  reject: Fail;
  notify: Progress;
}

/**
 * The value lists recorded by the brand of a jq-deferred promise type, or `never` for any other
 * type (distributes over unions).
 */
type Settlement<T> = T extends { readonly [settlementValues]?: infer S }
  ? S extends SettlementValues<unknown[], unknown[], unknown[]>
    ? S
    : never
  : never;

/** Whether a value of type `T` is always a thenable, which the resolution procedure adopts. */
export type IsThenable<T> = [T] extends [{ then(...args: never[]): unknown }] ? true : false;

/**
 * The values a jq-deferred promise of type `T` resolves with, or `never` for any other type.
 *
 * @example
 * type V = BrandedValues<DeferredPromise<[data: string, status: number]>>; // [data: string, status: number]
 * type N = BrandedValues<Promise<string>>; // never
 */
export type BrandedValues<T> = Settlement<T>["resolve"];

/**
 * The values a jq-deferred promise of type `T` is rejected with, or `never` for any other type.
 *
 * @example
 * type R = BrandedReasons<DeferredPromise<string, [error: Error]>>; // [error: Error]
 */
export type BrandedReasons<T> = Settlement<T>["reject"];

/**
 * The values a jq-deferred promise of type `T` is notified with, or `never` for any other type.
 *
 * @example
 * type P = BrandedProgress<DeferredPromise<string, Error, [percent: number]>>; // [percent: number]
 */
export type BrandedProgress<T> = Settlement<T>["notify"];

/**
 * The values a promise settles with after following a resolution of `R`: all values of a
 * jq-deferred promise, the awaited value of another thenable, or `R` itself. This is what a
 * promise derived by `then` resolves with when a handler returns `R`, and what `when(r)` gives.
 * An `unknown` result may be a promise of several values, so it gives `unknown[]`; an untyped
 * (`any`) one gives `any[]`.
 *
 * @example
 * type A = ResultValues<number>; // [number]
 * type B = ResultValues<Promise<string>>; // [string]
 * type C = ResultValues<DeferredPromise<[string, number]>>; // [string, number]
 */
export type ResultValues<R> = unknown extends R
  ? R[]
  : R extends unknown
    ? [Settlement<R>] extends [never]
      ? [Awaited<R>]
      : FollowedValues<Settlement<R>["resolve"]>
    : never;

/**
 * The values of an adopted promise, after the resolution procedure looked at the first one: a
 * thenable first value is adopted in turn (and the others dropped), as in jQuery.
 */
type FollowedValues<V extends unknown[]> = V extends [infer First, ...unknown[]]
  ? IsThenable<First> extends true
    ? ResultValues<First>
    : V
  : V;

/**
 * `T`, once inferred from the handlers: wrapping the result types of `then`/`catch`/`pipe` in it
 * keeps TypeScript from inferring the handlers' return types from the variable a result is
 * assigned to (`last = last.then(f)` in a loop would otherwise infer `unknown`). Unlike the
 * built-in `NoInfer`, it does not survive instantiation, so unions still distribute.
 */
type Inferred<T> = [T][T extends unknown ? 0 : never];

/** Values of `then`'s derived promise for one handler: the (followed) source values if absent. */
type ThenValues<R, Source extends unknown[]> = [R] extends [never]
  ? FollowedValues<Source>
  : ResultValues<R>;

/** Values a `pipe` filter's return value `R` settles its own channel with, `Source` if absent. */
type PipeValues<R, Source extends unknown[], Channel extends keyof SettlementValues<[], [], []>> = [
  R,
] extends [never]
  ? Source
  : unknown extends R
    ? R[]
    : R extends unknown
      ? [Settlement<R>] extends [never]
        ? [R]
        : Settlement<R>[Channel]
      : never;

/** Values a promise returned by a `pipe` filter settles the *other* channels with. */
type PipeAdopted<R, Channel extends keyof SettlementValues<[], [], []>> = unknown extends R
  ? R[]
  : R extends unknown
    ? Settlement<R>[Channel]
    : never;

/**
 * The receiver `resolve`/`reject`/`notify` accept. They use their `this` as the callbacks' context,
 * except when called on the deferred itself, which gives an `undefined` context. So a deferred
 * whose context type excludes `undefined` can only be settled as `dfd.resolve.call(context, …)`
 * or, more clearly, with `resolveWith`.
 */
type SettleReceiver<
  Done extends unknown[],
  Fail extends unknown[],
  Progress extends unknown[],
  Context,
> = Context | (undefined extends Context ? DeferredOf<Done, Fail, Progress, Context> : never);

/**
 * The values argument of the `*With` methods: optional only when no value is required; any
 * array-like (such as `arguments`) when the values are untyped.
 */
type ValuesArgument<V extends unknown[]> = [] extends V
  ? [values?: Readonly<V> | (unknown[] extends V ? ArrayLike<unknown> : never) | null]
  : [values: Readonly<V>];

/**
 * The read-only promise of a Deferred: jQuery's nine promise methods, typed by the lists of values
 * the deferred is resolved (`Done`), rejected (`Fail`) and notified (`Progress`) with, and by the
 * context (`Context`) its callbacks receive as `this`. It is a thenable, so `await` and native
 * promises accept it: `await` gives the first resolution value.
 *
 * Write it as {@link DeferredPromise}, which also accepts a single value type for each list;
 * this is the interface that alias stands for, with the lists spelled out.
 *
 * @example
 * const promise: DeferredPromiseOf<[data: string, status: number], [Error], [], unknown> =
 *   Deferred<[data: string, status: number], Error, []>().promise();
 */
export interface DeferredPromiseOf<
  Done extends unknown[],
  Fail extends unknown[],
  Progress extends unknown[],
  Context,
> {
  /** Type-only: the values this promise settles with. */
  readonly [settlementValues]?: SettlementValues<Done, Fail, Progress>;

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
  done(...callbacks: CallbackInput<Callback<Done, Context>>[]): this;

  /**
   * Adds callbacks called synchronously with all rejection values when the deferred is rejected,
   * or at once if it already is. Returns the object it was called on.
   *
   * @example
   * dfd.fail((error) => console.error(error));
   */
  fail(...callbacks: CallbackInput<Callback<Fail, Context>>[]): this;

  /**
   * Adds callbacks called with each notification; one added later is called at once with the last
   * notification, if any (even after settlement, as in jQuery). Returns the object it was called on.
   *
   * @example
   * dfd.progress((percent) => (bar.style.width = `${percent}%`));
   */
  progress(...callbacks: CallbackInput<Callback<Progress, Context>>[]): this;

  /**
   * Adds callbacks called on resolution or rejection, with that outcome's values.
   *
   * @example
   * request.always(() => spinner.hide());
   */
  always(...callbacks: CallbackInput<Callback<Done | Fail, Context>>[]): this;

  /**
   * Promises/A+ `then`: returns a new promise settled from what the handlers return, always
   * asynchronously. Handlers receive all values and the settlement context as `this`. A returned
   * jq-deferred promise is followed with all its values, another thenable with its one value. A
   * rejection handler's return value *resolves* the new promise; the progress handler's return
   * value becomes its notification, and a returned jq-deferred promise's notifications are
   * forwarded too. Exceptions reject it with whatever was thrown, so its rejection values are not
   * known: `Thrown`, `any[]` unless given, as the `reason` of TypeScript's own `Promise.then`.
   *
   * @example
   * const length = await Deferred<string>().resolve("four").then((text) => text.length); // 4
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- thrown values are untyped
  then<F = never, R = never, P = never, Thrown extends unknown[] = any[]>(
    onFulfilled?: Handler<Done, Context, F> | null,
    onRejected?: Handler<Fail, Context, R> | null,
    onProgress?: Handler<Progress, Context, P> | null,
  ): DeferredPromiseOf<
    | ThenValues<Inferred<F>, Done>
    | ([Inferred<R>] extends [never] ? never : ResultValues<Inferred<R>>),
    Thrown,
    ThenValues<Inferred<P>, Progress> | BrandedProgress<Inferred<F>> | BrandedProgress<Inferred<R>>,
    unknown
  >;

  /**
   * The `PromiseLike` view of `then`, which makes the promise assignable to `PromiseLike<T>` of its
   * first value, and is what `Awaited` (so `await`) and `ReturnType` read, being the last
   * signature. Its `this: never` keeps calls on the signature above.
   */
  then<TResult1 = FirstValue<Done>, TResult2 = never>(
    this: never,
    onfulfilled?: ((value: FirstValue<Done>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): DeferredPromiseOf<[TResult1 | TResult2], unknown[], unknown[], unknown>;

  /**
   * `then(null, onRejected)`: a new promise resolved with this one's values, or with what the
   * handler returns if this one is rejected. Its rejection values are `Thrown` (see `then`).
   *
   * @example
   * dfd.catch(() => "fallback").done((value) => use(value));
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- thrown values are untyped
  catch<R = never, Thrown extends unknown[] = any[]>(
    onRejected?: Handler<Fail, Context, R> | null,
  ): DeferredPromiseOf<
    ThenValues<never, Done> | ([Inferred<R>] extends [never] ? never : ResultValues<Inferred<R>>),
    Thrown,
    ThenValues<never, Progress> | BrandedProgress<Inferred<R>>,
    unknown
  >;

  /**
   * jQuery's legacy (pre-3.0) `then`, deprecated since jQuery 1.8: synchronous, keeps the state (a
   * fail filter's value *rejects*), propagates the context, lets exceptions escape to the caller of
   * `resolve`, and adopts only values that have a `promise()` method (a returned jq-deferred
   * promise settles the new one in whichever way it settles).
   *
   * @example
   * jqXHR.pipe(null, (xhr) => Deferred().reject(xhr, "error", JSON.parse(xhr.responseText ?? "")));
   */
  pipe<F = never, R = never, P = never>(
    onDone?: Handler<Done, Context, F> | null,
    onFail?: Handler<Fail, Context, R> | null,
    onProgress?: Handler<Progress, Context, P> | null,
  ): DeferredPromiseOf<
    PipeValues<Inferred<F>, Done, "resolve"> | PipeAdopted<Inferred<R> | Inferred<P>, "resolve">,
    PipeValues<Inferred<R>, Fail, "reject"> | PipeAdopted<Inferred<F> | Inferred<P>, "reject">,
    PipeValues<Inferred<P>, Progress, "notify"> | PipeAdopted<Inferred<F> | Inferred<R>, "notify">,
    unknown
  >;

  /**
   * Without an argument, the deferred's one read-only promise. With a target object, copies the
   * nine promise methods onto it and returns it (how a jqXHR becomes a promise).
   *
   * @example
   * const task = Deferred<string>();
   * const job = task.promise({ id: 7 }); // { id: 7 } with done/fail/then/…
   */
  promise(target?: null): DeferredPromiseOf<Done, Fail, Progress, Context>;
  promise<T extends object>(target: T): T & DeferredPromiseOf<Done, Fail, Progress, Context>;
}

/**
 * A Deferred: its promise's methods plus the mutators, typed by its value lists and context. Write
 * it as {@link Deferred}, which also accepts a single value type for each list; this is the
 * interface that alias stands for, with the lists spelled out.
 *
 * @example
 * const dfd: DeferredOf<[data: string, status: number], unknown[], unknown[], unknown> =
 *   Deferred<[data: string, status: number]>();
 */
export interface DeferredOf<
  Done extends unknown[],
  Fail extends unknown[],
  Progress extends unknown[],
  Context,
> extends DeferredPromiseOf<Done, Fail, Progress, Context> {
  /**
   * Resolves with the given values (once; later calls are ignored). The `this` of the call becomes
   * the callbacks' context unless it is the deferred itself. Returns the object it was called on.
   *
   * @example
   * dfd.resolve("data", 200);
   */
  resolve(this: SettleReceiver<Done, Fail, Progress, Context>, ...values: Done): this;
  /**
   * Resolves with an explicit context for the callbacks and an array of values.
   *
   * @example
   * dfd.resolveWith(element, ["data", 200]);
   */
  resolveWith(context: Context, ...values: ValuesArgument<Done>): this;
  /**
   * Rejects with the given values (once; later calls are ignored).
   *
   * @example
   * dfd.reject(new Error("offline"));
   */
  reject(this: SettleReceiver<Done, Fail, Progress, Context>, ...reasons: Fail): this;
  /**
   * Rejects with an explicit context and an array of values.
   *
   * @example
   * dfd.rejectWith(xhr, [xhr, "error", parsedBody]);
   */
  rejectWith(context: Context, ...reasons: ValuesArgument<Fail>): this;
  /**
   * Calls the progress callbacks with the given values, while pending.
   *
   * @example
   * dfd.notify(50);
   */
  notify(this: SettleReceiver<Done, Fail, Progress, Context>, ...values: Progress): this;
  /**
   * Calls the progress callbacks with an explicit context and an array of values, while pending.
   *
   * @example
   * dfd.notifyWith(worker, [50]);
   */
  notifyWith(context: Context, ...values: ValuesArgument<Progress>): this;
}

/**
 * The read-only promise of a Deferred, typed by what it is resolved (`TDone`), rejected (`TFail`)
 * and notified (`TProgress`) with, each a tuple of values or a single value's type, and by the
 * context its callbacks receive as `this` (`TContext`). It is a thenable, so `await` and native
 * promises accept it: `await` gives the first resolution value, and it is a `PromiseLike` of it.
 *
 * @example
 * function load(): DeferredPromise<[data: string, status: number], Error> {
 *   const dfd = Deferred<[data: string, status: number], Error>();
 *   setTimeout(() => dfd.resolve("body", 200));
 *   return dfd.promise();
 * }
 * load().done((data, status) => console.log(data.length, status));
 * const body: string = await load();
 */
export type DeferredPromise<
  /* eslint-disable @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md) */
  TDone = any[],
  TFail = any[],
  TProgress = any[],
  /* eslint-enable @typescript-eslint/no-explicit-any */
  TContext = unknown,
> = DeferredPromiseOf<ValuesOf<TDone>, ValuesOf<TFail>, ValuesOf<TProgress>, TContext>;
