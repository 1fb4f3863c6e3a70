/**
 * Where an exception thrown by user code goes.
 *
 * The library calls user code in many places (callbacks, handlers, hooks, schedulers, getters of
 * hostile values). Three rules cover every one of them, each written once here:
 * - catch it without a `try` in the hot loop: {@link tryApply} returns {@link THREW};
 * - run the whole pass, then rethrow the first exception to the caller: {@link ErrorCollector};
 * - when there is no caller to give it to (or the caller must not be interrupted), rethrow it
 *   later as an uncaught exception: {@link rethrowLater}.
 */

import { type FiredValues, isValuesList } from "./values.js";

/** Any function a user may register; its `this` and arguments are whatever it is called with. */
export type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Returned by {@link tryApply} when the call threw; the exception is kept for `takeThrown`. */
export const THREW: unique symbol = Symbol("jq-deferred.threw");

/**
 * Whether `result` is {@link THREW}. The `typeof` test first: a bare `result === THREW` sees
 * numbers, objects and symbols at the same site, and the optimizer then compiles it to a call of
 * the generic comparison (about 14 instructions); after the test, it is one pointer comparison.
 */
export const threw = (result: unknown): result is typeof THREW =>
  typeof result === "symbol" && result === THREW;

let lastThrown: unknown;

/**
 * Calls `fn` with `context` and `values` (one value or a list, see {@link FiredValues}); returns
 * its result, or {@link THREW} if it threw.
 * Kept tiny and separate so the hot loops that call it stay free of try/catch.
 */
export function tryApply(fn: AnyFunction, context: unknown, values: FiredValues): unknown {
  try {
    // One argument and no context is the common case: a plain call (which is what applying with
    // an `undefined` context is) costs much less than spreading a list. Not `fn.call`: a
    // function's own `call` property must not be consulted (documented difference 13).
    if (!isValuesList(values)) {
      return context === undefined ? fn(values) : Reflect.apply(fn, context, [values]);
    }
    return context === undefined && values.length === 1
      ? fn(values[0])
      : Reflect.apply(fn, context, values);
  } catch (error) {
    lastThrown = error;
    return THREW;
  }
}

export function takeThrown(): unknown {
  const error = lastThrown;
  lastThrown = undefined;
  return error;
}

/**
 * "Run the whole pass, rethrow the first exception": remembers the first exception of a pass so
 * that the pass can finish before it is rethrown. `failed` distinguishes "threw undefined" from
 * "did not throw".
 */
export class ErrorCollector {
  failed = false;
  error: unknown = undefined;

  /** Records the exception `tryApply` just caught. */
  record(): void {
    this.add(takeThrown());
  }

  /**
   * Records `error` if it is the first of the pass. Later ones are dropped, as the caller already
   * gets an exception to handle (documented difference 2: jQuery stops at the first).
   */
  add(error: unknown): void {
    if (!this.failed) {
      this.failed = true;
      this.error = error;
    }
  }

  /** Rethrows the first recorded exception, if any. */
  rethrow(): void {
    if (this.failed) throw this.error;
  }
}

/**
 * Rethrows `error` later, as an uncaught exception, without interrupting the caller: for an
 * exception that has no caller to go to (a throwing hook or scheduler) or that must not stop the
 * work under way (the remaining jobs of a drain).
 */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
