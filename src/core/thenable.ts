/**
 * Duck tests: how the core recognises a thenable, a jQuery-style promise, and one of its own
 * promises that it may follow without calling its methods.
 *
 * Promises/A+ (2.3.3.1) and jQuery read `then` (or `promise`, `done`, `fail`, `progress`) once and
 * call what was read: a getter that answers only once, or a Proxy that counts its reads, sees
 * exactly one read. Every adoption (`then` handlers' return values, `when`, `pipe`) reads through
 * these helpers.
 */
import { type AnyFunction, type THREW, threw, tryApply } from "./errors.js";
import { wrappedCore } from "./deferred.js";
import { isCore, type PromiseCore } from "./state.js";
import { describe, isObjectLike } from "./values.js";

const getThen = (value: { then?: unknown }): unknown => value.then;

/**
 * `value.then` if it is a function, `undefined` if it is not (a plain value), or {@link THREW} if
 * reading it threw (the exception is kept for `takeThrown`). Reads the property once.
 */
export function readThen(value: object): AnyFunction | undefined | typeof THREW {
  const then = tryApply(getThen as AnyFunction, undefined, [value]);
  return threw(then) || typeof then === "function"
    ? (then as AnyFunction | typeof THREW)
    : undefined;
}

/**
 * The core of `value` if it is one of our own promises or deferreds, untampered, so that the core
 * may subscribe to it directly instead of calling its `method` (same outcome, less work);
 * otherwise `undefined`, and the value is followed through its methods like any other. A brand
 * check, never `instanceof`: an object inheriting from one of our promises, or a Proxy of one, is
 * not ours. "Untampered": `method` (`then` for adoption, `promise` for `when`, the one jQuery
 * would call) is not shadowed by an own property. (A prototype replaced with `setPrototypeOf` is
 * not looked for: reading the prototype on every adoption costs more than that case is worth.)
 */
export function untamperedCore(
  value: unknown,
  method: "then" | "promise",
): PromiseCore | undefined {
  // Deferreds first: `when`'s arguments are mostly deferreds, `then` handlers' results promises
  // or plain values, and a failed check costs as much as a successful one.
  const core = wrappedCore(value) ?? (isCore(value) ? value : undefined);
  return core !== undefined && !hasOwnProperty.call(value, method) ? core : undefined;
}

/**
 * `Object.hasOwn` without its wrapper: that builtin converts its arguments and then calls this one
 * (27 of the 106 instructions a check cost per `when` input).
 */
const hasOwnProperty = Object.prototype.hasOwnProperty;

/** One step of a jQuery-style subscription: a method name and the callback handed to it. */
export type PromiseStep = readonly [method: "done" | "fail" | "progress", callback: AnyFunction];

/**
 * jQuery's duck test for `when` and `pipe`: if `value` has a callable `promise` property, calls
 * it, then calls each step's method on the result of the previous call, as jQuery's
 * `value.promise().done(resolve).fail(reject)` does, reading each property once. Returns `false`
 * if `value` has no `promise` method (`steps` makes the steps only when there is one). Throws
 * what a read or a call threw, or a TypeError naming `caller` when a result has no such method
 * (jQuery fails there with "… is not a function").
 */
export function subscribeThroughPromise(
  value: unknown,
  caller: string,
  steps: () => readonly PromiseStep[],
): boolean {
  if (!isObjectLike(value)) return false;
  const promise = (value as { promise?: unknown }).promise;
  if (typeof promise !== "function") return false;
  let target: unknown = Reflect.apply(promise, value, []);
  let from = "it";
  for (const [name, callback] of steps()) {
    const method: unknown = isObjectLike(target)
      ? (target as Record<string, unknown>)[name]
      : undefined;
    if (typeof method !== "function") {
      throw new TypeError(
        `${caller}(): the value has a promise() method, but ${from} returned ${describe(target)} ` +
          "instead of a promise with done/fail/progress methods",
      );
    }
    target = Reflect.apply(method, target, [callback]);
    from = `${name}()`;
  }
  return true;
}
