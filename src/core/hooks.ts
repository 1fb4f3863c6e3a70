/**
 * The exception hooks of `then`, with jQuery 4's semantics.
 *
 * `Deferred.exceptionHook(error, asyncError)` is called for every exception caught while running a
 * `then` callback (including rejections that merely pass through a `then` without a rejection
 * handler, as in jQuery). `Deferred.getErrorHook()` is called when a `then` callback is scheduled;
 * its result reaches `exceptionHook` as `asyncError`, so an error can carry the stack of the code
 * that scheduled it. Both are read from the `Deferred` function at the moment of use.
 */

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
 * object itself to `console.warn`, so devtools can show its source-mapped stack.
 *
 * @example
 * // Log every caught exception, but keep the default console warning for programmer errors.
 * Deferred.exceptionHook = (error, asyncError) => {
 *   log.push(error);
 *   defaultExceptionHook(error, asyncError);
 * };
 */
export function defaultExceptionHook(error: unknown, asyncError?: unknown): void {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  if (typeof name === "string" && PROGRAMMER_ERROR.test(name)) {
    globalThis.console?.warn("jQuery.Deferred exception", error, asyncError);
  }
}
