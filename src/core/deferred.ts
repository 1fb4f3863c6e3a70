/**
 * `Deferred([beforeStart])`: the public factory.
 *
 * A deferred object is a thin wrapper around a {@link PromiseCore} (which is its promise). Its
 * fifteen methods are prototype getters, enumerable like jQuery's own properties, that return the
 * core's detachable function for that method, creating it on first access. So a deferred costs two
 * small objects until a method is read, instead of jQuery's dozens of closures, yet
 * `setTimeout(dfd.resolve)` and `promise(jqXHR)` work exactly as in jQuery.
 */
import { type ExceptionHook, type GetErrorHook, hooks } from "./hooks.js";
import { type AnyFunction } from "./errors.js";
import { defineMethodGetters, type MethodName } from "./method-names.js";
import {
  makeAlways,
  makeCatch,
  makeFail,
  makeNotify,
  makeNotifyWith,
  makePipe,
  makeProgress,
  makePromise,
  makeReject,
  makeRejectWith,
  makeResolve,
  makeResolveWith,
  makeState,
  type MethodFactory,
} from "./methods.js";
import { doneMethodOf, methodOf, PromiseCore, SELF, selfOf, thenMethodOf } from "./state.js";
import type { DeferredOf, ValuesOf } from "./types.js";
import { describe } from "./values.js";

/** The core behind a deferred object, or `undefined` for anything else (a brand check). */
export let wrappedCore: (value: unknown) => PromiseCore | undefined;

/** The deferred object: owns nothing but a (private) reference to its core. */
export class DeferredWrapper {
  declare readonly [SELF]: DeferredWrapper;
  readonly #core: PromiseCore;
  /**
   * `resolve`, the mutator read most, kept here rather than in the core's method cache: only a
   * deferred has it, and a field is read without a search.
   */
  #resolve: AnyFunction | undefined = undefined;
  constructor(core: PromiseCore) {
    this.#core = core;
    // An assignment, not a field (see PromiseCore's constructor).
    (this as { [SELF]: DeferredWrapper })[SELF] = this;
  }

  static {
    // The brand check in a `try` rather than after an object test: see receiverWrapper below.
    wrappedCore = (value) => {
      try {
        return #core in (value as object) ? (value as DeferredWrapper).#core : undefined;
      } catch {
        return undefined;
      }
    };
    // The wrapper's getters return its core's functions; the order matches jQuery's keys.
    defineMethodGetters(DeferredWrapper.prototype, {
      notify() {
        return readOn(this, "notify", makeNotify);
      },
      notifyWith() {
        return readOn(this, "notifyWith", makeNotifyWith);
      },
      resolve() {
        const wrapper = receiverWrapper(this, "resolve");
        return (wrapper.#resolve ??= makeResolve(wrapper.#core, wrapper));
      },
      resolveWith() {
        return readOn(this, "resolveWith", makeResolveWith);
      },
      reject() {
        return readOn(this, "reject", makeReject);
      },
      rejectWith() {
        return readOn(this, "rejectWith", makeRejectWith);
      },
      state() {
        return readOn(this, "state", makeState);
      },
      always() {
        return readOn(this, "always", makeAlways);
      },
      catch() {
        return readOn(this, "catch", makeCatch);
      },
      pipe() {
        return readOn(this, "pipe", makePipe);
      },
      then() {
        return thenMethodOf(receiverWrapper(this, "then").#core);
      },
      promise() {
        return readOn(this, "promise", makePromise);
      },
      progress() {
        return readOn(this, "progress", makeProgress);
      },
      done() {
        return doneMethodOf(receiverWrapper(this, "done").#core);
      },
      fail() {
        return readOn(this, "fail", makeFail);
      },
    });

    /** What the getter of method `name` returns when read on `receiver`. */
    function readOn(receiver: unknown, name: MethodName, make: MethodFactory): AnyFunction {
      const wrapper = receiverWrapper(receiver, name);
      return methodOf(wrapper.#core, make, wrapper);
    }

    /**
     * The deferred a method getter read on `receiver` belongs to. The brand check comes first, in
     * a `try`: it throws only for a primitive, which `selfOf` then reports. In the optimized
     * getter it is one map comparison, where testing for an object first cost about 25
     * instructions (see PromiseCore's `receiverCore`).
     */
    function receiverWrapper(receiver: unknown, name: MethodName): DeferredWrapper {
      try {
        if (#core in (receiver as object)) return receiver as DeferredWrapper;
      } catch {
        // A primitive: reported below.
      }
      return selfOf(receiver, isWrapper, name);
    }
  }
}

const isWrapper = (value: unknown): value is DeferredWrapper => wrappedCore(value) !== undefined;

/**
 * A Deferred, typed by what it is resolved (`TDone`), rejected (`TFail`) and notified
 * (`TProgress`) with, each a tuple of values or a single value's type, and by the context its
 * callbacks receive as `this` (`TContext`). Every method is a function bound to the deferred, so
 * it can be passed around detached (`setTimeout(dfd.resolve, 10)`).
 *
 * The context is set by `resolveWith` / `rejectWith` / `notifyWith`. `resolve` / `reject` /
 * `notify` give the callbacks the `this` they are called with, or `undefined` when called on the
 * deferred, so a context type that excludes `undefined` requires the `*With` methods (or
 * `resolve.call(context, …)`).
 *
 * @example
 * const dfd = Deferred<[data: string, status: number]>();
 * dfd.done((data, status) => console.log(data.toUpperCase(), status + 1));
 * dfd.resolve("ok", 200);
 *
 * @example
 * const click = Deferred<[event: string], [], [], HTMLButtonElement>();
 * click.done(function (event) {
 *   this.disabled = true; // `this` is the button
 * });
 * click.resolveWith(button, ["click"]);
 */
export type Deferred<
  /* eslint-disable @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md) */
  TDone = any[],
  TFail = any[],
  TProgress = any[],
  /* eslint-enable @typescript-eslint/no-explicit-any */
  TContext = unknown,
> = DeferredOf<ValuesOf<TDone>, ValuesOf<TFail>, ValuesOf<TProgress>, TContext>;

/**
 * The `beforeStart` function of `Deferred(beforeStart)`: called with the new deferred as `this`
 * and as its argument, before `Deferred` returns.
 *
 * @example
 * const start: BeforeStart<number> = (dfd) => setTimeout(() => dfd.resolve(42));
 * Deferred(start);
 */
export type BeforeStart<
  /* eslint-disable @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md) */
  TDone = any[],
  TFail = any[],
  TProgress = any[],
  /* eslint-enable @typescript-eslint/no-explicit-any */
  TContext = unknown,
> = (
  this: Deferred<TDone, TFail, TProgress, TContext>,
  deferred: Deferred<TDone, TFail, TProgress, TContext>,
) => void;

/**
 * The `Deferred` factory function, with jQuery's hook properties.
 *
 * @example
 * const factory: DeferredFactory = Deferred;
 * factory.exceptionHook = undefined; // silence the console warnings
 */
export interface DeferredFactory {
  /**
   * Creates a pending deferred. `beforeStart`, if given, is called before `Deferred` returns, with
   * the new deferred as both `this` and its argument. Works with or without `new`. The type
   * arguments are the resolution, rejection and progress values (a tuple, or one value's type)
   * and the callbacks' context (see the `Deferred` type).
   *
   * @example
   * const dfd = Deferred<[data: string, status: number]>();
   * dfd.done((data, status) => console.log(data, status));
   * dfd.resolve("ok", 200);
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md)
  <TDone = any[], TFail = any[], TProgress = any[], TContext = unknown>(
    beforeStart?: BeforeStart<TDone, TFail, TProgress, TContext> | null,
  ): Deferred<TDone, TFail, TProgress, TContext>;
  /**
   * Same as calling `Deferred(beforeStart)`: `new` is accepted, as in jQuery.
   *
   * @example
   * const dfd = new Deferred<number>();
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md)
  new <TDone = any[], TFail = any[], TProgress = any[], TContext = unknown>(
    beforeStart?: BeforeStart<TDone, TFail, TProgress, TContext> | null,
  ): Deferred<TDone, TFail, TProgress, TContext>;
  /**
   * Called with `(error, asyncError)` for every exception caught in a `then` handler (and every
   * rejection passed through a `then` without a rejection handler). The default warns on the
   * console for programmer errors (TypeError, ReferenceError, …), like jQuery's. Read at use time;
   * set it to `undefined` to silence it.
   *
   * @example
   * Deferred.exceptionHook = (error) => reportToServer(error);
   */
  exceptionHook: ExceptionHook | null | undefined;
  /**
   * If set, called when a `then` handler is scheduled; its result is passed to `exceptionHook` as
   * `asyncError`, e.g. `() => new Error()` to capture the scheduling stack. Undefined by default.
   *
   * @example
   * Deferred.getErrorHook = () => new Error("scheduled here");
   */
  getErrorHook: GetErrorHook | null | undefined;
}

/**
 * Creates a jQuery-compatible Deferred: `done`/`fail`/`progress`/`always` callbacks that run
 * synchronously, Promises/A+ `then`, multiple resolution values, contexts, and a read-only
 * `promise()`. Callable with or without `new`.
 *
 * @example
 * const dfd = Deferred<string>();
 * setTimeout(dfd.resolve, 10, "done");
 * dfd.done((text) => console.log(text)); // "done"
 *
 * @example
 * // beforeStart, as in `$.Deferred(fn).promise()`
 * const ready = Deferred((d) => setTimeout(d.resolve, 10)).promise();
 */
export const Deferred = function Deferred(beforeStart?: unknown) {
  const deferred = new DeferredWrapper(new PromiseCore());
  if (beforeStart !== undefined && beforeStart !== null) {
    if (typeof beforeStart !== "function") {
      throw new TypeError(
        `Deferred(beforeStart): beforeStart must be a function, got ${describe(beforeStart)}`,
      );
    }
    beforeStart.call(deferred, deferred);
  }
  return deferred;
} as unknown as DeferredFactory;

// The hooks are kept in hooks.ts, where the core reads them; these accessors are jQuery's
// `jQuery.Deferred.exceptionHook` / `getErrorHook` properties over them. A hook is called with the
// object it was set on as `this`, as jQuery calls `jQuery.Deferred.exceptionHook(error)`.
for (const name of ["exceptionHook", "getErrorHook"] as const) {
  Object.defineProperty(Deferred, name, {
    enumerable: true,
    configurable: true,
    get: () => hooks[name],
    set(this: unknown, hook: unknown) {
      hooks[name] = hook;
      if (name === "getErrorHook")
        hooks.callableGetErrorHook = typeof hook === "function" ? (hook as AnyFunction) : undefined;
      hooks.owner = this;
    },
  });
}
