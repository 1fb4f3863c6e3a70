/**
 * Calling user callbacks safely.
 *
 * Owns the one place where a user callback's exception is caught (`tryApply`), the walk over the
 * nested arrays that `add`/`done`/`fail`/`progress` accept, and the `ErrorCollector` that lets a
 * pass run every callback and rethrow the first exception afterwards — the difference from
 * jQuery, whose lists stay wedged forever after a throw.
 */

/** Any function a user may register; its `this` and arguments are whatever the list fires with. */
export type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Returned by {@link tryApply} when the callback threw; the exception is kept for `takeThrown`. */
export const THREW: unique symbol = Symbol("jq-deferred.threw");

let lastThrown: unknown;

/**
 * Calls `fn` with `context` and `args`; returns its result, or {@link THREW} if it threw.
 * Kept tiny and separate so the hot loops that call it stay free of try/catch.
 */
export function tryApply(fn: AnyFunction, context: unknown, args: ArrayLike<unknown>): unknown {
  try {
    return Reflect.apply(fn, context, args);
  } catch (error) {
    lastThrown = error;
    return THREW;
  }
}

/** The exception caught by the latest {@link tryApply} that returned {@link THREW}. */
export function takeThrown(): unknown {
  const error = lastThrown;
  lastThrown = undefined;
  return error;
}

/**
 * Remembers the first exception of a pass so the pass can finish before it is rethrown.
 * `failed` distinguishes "threw undefined" from "did not throw".
 */
export class ErrorCollector {
  failed = false;
  error: unknown = undefined;

  /** Records the exception `tryApply` just caught, if it is the first one. */
  record(): void {
    const error = takeThrown();
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
 * Appends every function found in `args` to `out`, walking arrays and array-likes (such as
 * `arguments`) recursively. Strings and other non-functions are ignored, as jQuery ignores them;
 * functions are never walked even when they carry a `length`.
 */
export function collectFunctions(args: ArrayLike<unknown>, out: AnyFunction[]): AnyFunction[] {
  for (let i = 0; i < args.length; i++) {
    const item = args[i];
    if (typeof item === "function") {
      out.push(item as AnyFunction);
    } else if (isWalkable(item)) {
      collectFunctions(item, out);
    }
  }
  return out;
}

function isWalkable(value: unknown): value is ArrayLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ArrayLike<unknown>).length === "number" &&
    (value as ArrayLike<unknown>).length > 0
  );
}

/**
 * Copies a user-supplied argument list for `fireWith`/`resolveWith`: a real array is copied (so
 * later mutation does not change what was fired), an array-like is used as is, `null`/`undefined`
 * means no arguments. Anything else is a `TypeError` naming the method.
 */
export function argumentList(args: unknown, method: string): ArrayLike<unknown> {
  if (args === undefined || args === null) return [];
  if (Array.isArray(args)) return args.slice();
  if (typeof args === "object" && typeof (args as ArrayLike<unknown>).length === "number") {
    return args as ArrayLike<unknown>;
  }
  throw new TypeError(
    `${method}(context, args): args must be an array or array-like object, got ${describe(args)}`,
  );
}

/**
 * Whether `value` can carry properties such as `then` or `promise` (Promises/A+ only looks for
 * `then` on objects and functions; primitives are never thenables).
 */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return typeof value === "function" ? "a function" : `${typeof value} ${String(value)}`;
}
