/**
 * Reading the values users pass: argument lists, nested callback lists, and descriptions of values
 * for error messages. Every read of a user's array-like happens here, once per index, with bounds,
 * so that a hostile `length` or a throwing getter is a clear TypeError at the call, never a loop
 * without end or an exception in the middle of a pass.
 */
import type { AnyFunction } from "./errors.js";

/**
 * The most values an array-like argument list may hold. No engine calls a function with more
 * arguments than this (V8 overflows its stack at a few hundred thousand), and the bound keeps a
 * hostile `length` (`2 ** 40`, `Infinity`) from turning a copy into an endless loop.
 */
export const MAX_ARGUMENTS = 2 ** 20;

/**
 * Whether `value` can carry properties such as `then` or `promise` (Promises/A+ only looks for
 * `then` on objects and functions; primitives are never thenables).
 */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

/**
 * jQuery's array-like test (`isArrayLike`), bounded: an array, or an object (not a function) whose
 * `length` is 0, or an integer up to {@link MAX_ARGUMENTS} whose last index is present.
 * `{ length: Infinity }` and `{ length: 2 ** 40 }` fail it at once, so they are never walked.
 */
function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const length: unknown = (value as ArrayLike<unknown>).length;
  return (
    length === 0 ||
    (typeof length === "number" &&
      Number.isInteger(length) &&
      length > 0 &&
      length <= MAX_ARGUMENTS &&
      length - 1 in value)
  );
}

/**
 * Appends every function found in `args` to `out`, walking arrays and array-likes (such as
 * `arguments`) recursively, as `add`/`done`/`fail`/`progress` accept them. Strings, functions'
 * own `length` and objects that fail jQuery's array-like test are not walked: non-functions are
 * ignored as jQuery ignores them. A read that throws (a getter, a Proxy trap) is a TypeError
 * naming `method`, with the exception as its `cause`: the call itself is unusable.
 */
export function collectFunctions(
  args: ArrayLike<unknown>,
  out: AnyFunction[],
  method: string,
): AnyFunction[] {
  try {
    walkFunctions(args, out, 0);
  } catch (error) {
    throw new TypeError(`${method}(callbacks): reading the callbacks threw: ${safeString(error)}`, {
      cause: error,
    });
  }
  return out;
}

/** How deep nested callback lists are walked; deeper (or self-containing) lists are ignored. */
const MAX_NESTING = 64;

function walkFunctions(args: ArrayLike<unknown>, out: AnyFunction[], depth: number): void {
  const length = args.length;
  for (let i = 0; i < length; i++) {
    const item = args[i];
    if (typeof item === "function") {
      out.push(item as AnyFunction);
    } else if (depth < MAX_NESTING && isArrayLike(item) && item.length > 0) {
      walkFunctions(item, out, depth + 1);
    }
  }
}

/**
 * Copies a user-supplied argument list for `fireWith`/`resolveWith`: an array is copied (so later
 * mutation does not change what was fired), an array-like is read once, index by index, into an
 * array, `null`/`undefined` means no arguments. What is fired is then a real array that no getter
 * or Proxy can make throw later, in the middle of a pass. Anything else, a `length` that is not an
 * integer from 0 to 2^20, or a read that throws, is a `TypeError` naming the method.
 */
export function argumentList(args: unknown, method: string): unknown[] {
  if (args === undefined || args === null) return [];
  if (Array.isArray(args)) return args.slice();
  if (typeof args === "object") {
    let copy: unknown[] | undefined;
    try {
      copy = copyArrayLike(args as ArrayLike<unknown>);
    } catch (error) {
      throw new TypeError(`${method}(context, args): reading args threw: ${safeString(error)}`, {
        cause: error,
      });
    }
    if (copy !== undefined) return copy;
  }
  throw new TypeError(
    `${method}(context, args): args must be an array or array-like object, got ${describe(args)}` +
      (typeof args === "object"
        ? ` whose length is not an integer from 0 to ${MAX_ARGUMENTS}`
        : ""),
  );
}

/**
 * A function's `arguments` as an array, copied by index (`Array.from` would consult the iterator,
 * which user code may have replaced).
 */
export function copyArguments(args: IArguments): unknown[] {
  const list = new Array<unknown>(args.length);
  for (let i = 0; i < list.length; i++) list[i] = args[i];
  return list;
}

/** The values of an array-like, read once each; `undefined` if its `length` is unusable. */
function copyArrayLike(args: ArrayLike<unknown>): unknown[] | undefined {
  const length: unknown = args.length;
  if (typeof length !== "number" || !Number.isInteger(length)) return undefined;
  if (length < 0 || length > MAX_ARGUMENTS) return undefined;
  const copy = new Array<unknown>(length);
  for (let i = 0; i < length; i++) copy[i] = args[i];
  return copy;
}

/** `String(value)` that never throws (a revoked Proxy, a throwing `toString`). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return describe(value);
  }
}

/** A short description of a value for error messages; never throws. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "object") return isArrayIfKnown(value) === true ? "an array" : "an object";
  return typeof value === "function" ? "a function" : `${typeof value} ${String(value)}`;
}

/**
 * The values a promise is settled or notified with, as the core passes and keeps them: their list
 * (always an array), or, for exactly one value that is not an array, that value itself. One value
 * is by far the most common case, and passing it bare spares a list allocated on every
 * `resolve(x)` and every `then` handler's result, and retained until the reactions' jobs ran (56
 * bytes each). An array, or a revoked Proxy (which cannot tell whether it is one), stays in a
 * list of its own, so that a bare array never means anything but a list.
 */
export type FiredValues = unknown;

/** The {@link FiredValues} of the one value `value`. */
export function oneValue(value: unknown): FiredValues {
  return typeof value !== "object" || value === null || isArrayIfKnown(value) === false
    ? value
    : [value];
}

/**
 * Whether `values` is a list rather than one value (see {@link FiredValues}). One value that was a
 * live Proxy then may since have been revoked and cannot tell: it is not a list.
 */
export function isValuesList(values: FiredValues): values is readonly unknown[] {
  return typeof values === "object" && values !== null && isArrayIfKnown(values) === true;
}

/** `values` as a list: for the rare readers that need one (late callbacks, tracking, `when`). */
export function valuesList(values: FiredValues): readonly unknown[] {
  return isValuesList(values) ? values : [values];
}

/** The first of `values`, what a `then` handler's pass-through passes on. */
export function firstValue(values: FiredValues): unknown {
  return isValuesList(values) ? values[0] : values;
}

/** `Array.isArray(value)`, or `undefined` for a revoked Proxy, which throws rather than tell. */
function isArrayIfKnown(value: object): boolean | undefined {
  try {
    return Array.isArray(value);
  } catch {
    return undefined;
  }
}
