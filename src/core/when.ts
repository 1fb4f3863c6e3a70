/**
 * `when(...values)`: jQuery's combinator, with its exact rules.
 *
 * - No argument: an already resolved promise with no values.
 * - One argument: like `Promise.resolve`. A value with a `promise()` method is followed
 *   synchronously (context and all values kept); another thenable through its `then`; anything
 *   else resolves with exactly that value. If the result is still pending, or resolved with a
 *   thenable, the outcome is delivered through `then()`, i.e. asynchronously.
 * - Several arguments: like `Promise.all`. Resolves when all have, with one value per argument (an
 *   array for an argument resolved with several values) and the array of their contexts as `this`;
 *   rejects with the first rejection's values. Arguments are adopted last to first, as in jQuery.
 */
import { coreOf } from "./deferred.js";
import type { AnyFunction } from "./invoke.js";
import {
  addCallback,
  callPromiseMethod,
  fireChannel,
  hasPromiseMethod,
  PromiseCore,
  REJECT,
  RESOLVE,
  settledValues,
  settler,
} from "./promise-core.js";
import type { BrandedValues, DeferredPromise, ResultValues } from "./types.js";

/** What one argument of a multi-argument `when` contributes: one value, or an array of several. */
export type WhenSlot<T> = [BrandedValues<T>] extends [never]
  ? T extends PromiseLike<infer V>
    ? Awaited<V>
    : T
  : SlotOfValues<BrandedValues<T>>;

type SlotOfValues<V extends unknown[]> = V extends [infer Only]
  ? Only
  : V extends []
    ? undefined
    : number extends V["length"]
      ? unknown
      : V;

/**
 * Combines values, deferreds, promises and thenables, as jQuery's `$.when`.
 *
 * @example
 * when().done(() => console.log("at once"));
 *
 * @example
 * when(Deferred().resolve("a", "b")).done((a, b) => console.log(a, b)); // "a" "b"
 *
 * @example
 * const d1 = Deferred<string>(), d2 = Deferred<string>();
 * when(d1, d2).done((v1, v2) => console.log(v1, v2)); // "Fish" "Pizza"
 * d1.resolve("Fish");
 * d2.resolve("Pizza");
 */
export function when(): DeferredPromise<[]>;
export function when<T>(value: T): DeferredPromise<ResultValues<T>>;
export function when<T extends readonly unknown[]>(
  ...values: T
): DeferredPromise<{ -readonly [K in keyof T]: WhenSlot<T[K]> }>;
export function when(...values: unknown[]): unknown {
  const count = values.length;
  const primary = new PromiseCore();
  const reject = settler(primary, REJECT);

  if (count <= 1) {
    if (count === 0) fireChannel(primary, RESOLVE, undefined, []);
    else adopt(values[0], settler(primary, RESOLVE), reject);
    return primary.stateName() === "pending" || resolvedWithThenable(primary)
      ? primary.then()
      : primary;
  }

  let remaining = count;
  const contexts = new Array<unknown>(count);
  for (let i = count - 1; i >= 0; i--) {
    let counted = false;
    const resolveSlot = function resolveSlot(this: unknown, ...args: unknown[]) {
      // A misbehaving thenable may call back twice; jQuery would count the slot twice.
      if (counted) return;
      counted = true;
      contexts[i] = this;
      values[i] = args.length > 1 ? args : args[0];
      if (--remaining === 0) fireChannel(primary, RESOLVE, contexts, values);
    };
    adopt(values[i], resolveSlot, reject);
  }
  return primary;
}

/** jQuery's `adoptValue`: follow a promise-like or thenable, or resolve with the raw value. */
function adopt(value: unknown, resolve: AnyFunction, reject: AnyFunction): void {
  try {
    const core = coreOf(value);
    if (core !== undefined && !Object.hasOwn(value as object, "promise")) {
      // Our own promise: subscribe directly, in the same callback lists `done`/`fail` would use.
      addCallback(core, RESOLVE, resolve);
      addCallback(core, REJECT, reject);
    } else if (hasPromiseMethod(value)) {
      const promise = callPromiseMethod(value, "when");
      promise.done(resolve);
      promise.fail(reject);
    } else if (isThenable(value)) {
      (value as { then: AnyFunction }).then(resolve, reject);
    } else {
      resolve.call(undefined, value);
    }
  } catch (error) {
    reject.call(undefined, error);
  }
}

function isThenable(value: unknown): boolean {
  return (
    ((typeof value === "object" && value !== null) || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Whether a resolved single-argument `when` must still unwrap its value (gh-3000). A `then` getter
 * that throws counts as thenable, so that `then()` reports the exception as a rejection instead of
 * `when` throwing it.
 */
function resolvedWithThenable(primary: PromiseCore): boolean {
  const values = settledValues(primary);
  if (values === undefined || values.length !== 1) return false;
  try {
    return isThenable(values[0]);
  } catch {
    return true;
  }
}
