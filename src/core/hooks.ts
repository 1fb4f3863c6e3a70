/**
 * The exception hooks of `then`, with jQuery 4's semantics.
 *
 * `Deferred.exceptionHook(error, asyncError)` is called for every exception caught while running a
 * `then` callback (including rejections that merely pass through a `then` without a rejection
 * handler, as in jQuery). `Deferred.getErrorHook()` is called when a `then` callback is scheduled;
 * its result reaches `exceptionHook` as `asyncError`, so an error can carry the stack of the code
 * that scheduled it. Both live in {@link hooks}, which `Deferred.exceptionHook` and
 * `Deferred.getErrorHook` read and write, and are read at the moment of use.
 */
import { type AnyFunction, rethrowLater, takeThrown, threw, tryApply } from "./errors.js";

/**
 * Signature of `Deferred.exceptionHook`: the caught error, and what `Deferred.getErrorHook`
 * returned when the failing handler was scheduled.
 *
 * @example
 * const report: ExceptionHook = (error, asyncError) => console.error(error, asyncError);
 * Deferred.exceptionHook = report;
 */
export type ExceptionHook = (error: unknown, asyncError?: unknown) => void;

/**
 * Signature of `Deferred.getErrorHook`: called when a `then` handler is scheduled; its result
 * reaches `exceptionHook` as `asyncError`.
 *
 * @example
 * const captureStack: GetErrorHook = () => new Error("scheduled here");
 * Deferred.getErrorHook = captureStack;
 */
export type GetErrorHook = () => unknown;

const PROGRAMMER_ERROR = /^(Eval|Internal|Range|Reference|Syntax|Type|URI)Error$/;

/**
 * The default `Deferred.exceptionHook`: like jQuery's, it warns only for the native error types
 * that usually mean a programming mistake (TypeError, ReferenceError, …) and passes the error
 * object itself to `console.warn`, so devtools can show its source-mapped stack. It never throws,
 * whatever was thrown (a revoked Proxy, an object whose `name` getter throws).
 *
 * @example
 * // Log every caught exception, but keep the default console warning for programmer errors.
 * Deferred.exceptionHook = (error, asyncError) => {
 *   log.push(error);
 *   defaultExceptionHook(error, asyncError);
 * };
 */
export function defaultExceptionHook(error: unknown, asyncError?: unknown): void {
  // A warning must never become an uncaught exception of its own (in Node that ends the process)
  // while the rejection it warns about has a handler.
  try {
    const name = (error as { name?: unknown } | null | undefined)?.name;
    if (typeof name === "string" && PROGRAMMER_ERROR.test(name)) {
      globalThis.console?.warn("jQuery.Deferred exception", error, asyncError);
    }
  } catch {
    // The value cannot even be inspected: there is nothing to warn about.
  }
}

/**
 * The hooks in force: what the `Deferred.exceptionHook` and `Deferred.getErrorHook` accessors get
 * and set. `owner` is the object a hook was last set on (the `Deferred` function), the `this` of
 * its calls, as jQuery calls `jQuery.Deferred.exceptionHook(error)`.
 */
export const hooks: {
  exceptionHook: unknown;
  getErrorHook: unknown;
  /**
   * `getErrorHook` if it is a function, else `undefined`: kept by the accessor that sets the
   * hook, so that scheduling a handler compares with `undefined` rather than testing the type of a
   * value of unknown type (settling a chain link: 225 -> 220 instructions).
   */
  callableGetErrorHook: AnyFunction | undefined;
  owner: unknown;
} = {
  exceptionHook: defaultExceptionHook,
  getErrorHook: undefined,
  callableGetErrorHook: undefined,
  owner: undefined,
};

/**
 * Calls `Deferred.getErrorHook`, if set, for a handler being scheduled. Scheduling must not stop
 * half way (later reactions and every done/fail callback would be skipped), so a throwing hook
 * gives `undefined` and its exception surfaces later as uncaught.
 */
export const captureAsyncError = (): unknown =>
  // Only the test is inlined into every `then` reaction; the call is a function of its own.
  hooks.callableGetErrorHook === undefined ? undefined : callErrorHook(hooks.callableGetErrorHook);

function callErrorHook(getErrorHook: AnyFunction): unknown {
  const asyncError = tryApply(getErrorHook, hooks.owner, []);
  if (!threw(asyncError)) return asyncError;
  rethrowLater(takeThrown());
  return undefined;
}

/**
 * Calls `Deferred.exceptionHook`, if set, for an exception caught in a `then` handler. The hook's
 * own exception has no caller to go to (the rejection it reports goes on regardless), so it
 * surfaces later as uncaught, never in place of another.
 */
export function reportException(error: unknown, asyncError: unknown): void {
  const exceptionHook = hooks.exceptionHook;
  if (
    typeof exceptionHook === "function" &&
    threw(tryApply(exceptionHook as ExceptionHook, hooks.owner, [error, asyncError]))
  ) {
    rethrowLater(takeThrown());
  }
}
