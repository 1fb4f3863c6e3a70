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
import { type AnyFunction, isObjectLike } from "./invoke.js";
import {
  addCallback,
  callPromiseMethod,
  fireChannel,
  hasPromiseMethod,
  PromiseCore,
  REJECT,
  RESOLVE,
  resolvedNow,
  settledContext,
  settledValues,
  settler,
} from "./promise-core.js";
import type {
  BrandedProgress,
  BrandedReasons,
  BrandedValues,
  DeferredPromiseOf,
  IsThenable,
  ResultValues,
} from "./types.js";

/**
 * What one argument of a multi-argument `when` contributes to its resolution: the one value of a
 * deferred resolved with one value, an array of the values of one resolved with several, the
 * awaited value of another thenable, or the argument itself.
 *
 * @example
 * type A = WhenSlot<Deferred<string>>; // string
 * type B = WhenSlot<Deferred<[data: string, status: number]>>; // [data: string, status: number]
 * type C = WhenSlot<Promise<number>>; // number
 * type D = WhenSlot<boolean>; // boolean
 */
export type WhenSlot<T> = T extends unknown
  ? [BrandedValues<T>] extends [never]
    ? Awaited<T>
    : SlotOfValues<BrandedValues<T>>
  : never;

type SlotOfValues<V extends unknown[]> = V extends [infer Only]
  ? Only
  : V extends []
    ? undefined
    : number extends V["length"]
      ? V[number]
      : V;

/**
 * The values a multi-argument `when` resolves with: one slot per argument. For an array spread of
 * unknown length, which behaves as the single-argument form when it holds one element, each value
 * is a slot or one of the values of a single argument.
 */
type WhenValues<T extends readonly unknown[]> = number extends T["length"]
  ? (WhenSlot<T[number]> | ResultValues<T[number]>[number])[]
  : { -readonly [K in keyof T]: WhenSlot<T[K]> };

/**
 * The values `when` can be rejected with: those of a rejected jq-deferred argument, the one reason
 * of another thenable; `unknown[]` when no argument is a promise.
 */
type WhenReasons<T extends readonly unknown[]> = [ReasonsOf<T[number]>] extends [never]
  ? unknown[]
  : ReasonsOf<T[number]>;

type ReasonsOf<T> = T extends unknown
  ? [BrandedReasons<T>] extends [never]
    ? IsThenable<T> extends true
      ? [reason: unknown]
      : never
    : BrandedReasons<T>
  : never;

/**
 * The progress values of a single-argument `when`. It never forwards notifications (as in jQuery
 * 3+), so its progress callbacks are never called; they are typed as the argument's own so that
 * code written for both reads naturally.
 */
type ProgressOf<T> = [BrandedProgress<T>] extends [never] ? unknown[] : BrandedProgress<T>;

/**
 * Combines values, deferreds, promises and thenables, as jQuery's `$.when`. Its result is typed
 * from the arguments: with none, no value (a callback's parameter is `undefined`); with one
 * argument, all the values that argument resolves with; with several, one value per argument (see
 * {@link WhenSlot}), and the array of their contexts as `this`.
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
export function when(): DeferredPromiseOf<[], unknown[], unknown[], unknown>;
export function when<T>(
  value: T,
): DeferredPromiseOf<ResultValues<T>, WhenReasons<[T]>, ProgressOf<T>, unknown>;
export function when<T extends readonly unknown[]>(
  ...values: T
): DeferredPromiseOf<WhenValues<T>, WhenReasons<T>, unknown[], unknown[]>;
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
  const fill = (i: number, context: unknown, args: ArrayLike<unknown>) => {
    contexts[i] = context;
    values[i] = args.length > 1 ? Array.prototype.slice.call(args) : args[0];
    if (--remaining === 0) fireChannel(primary, RESOLVE, contexts, values);
  };
  for (let i = count - 1; i >= 0; i--) {
    const value = values[i];
    const core = ownCore(value);
    if (core !== undefined) {
      // Our own promise: a resolved one is read directly, as the done callback it would have been
      // given would run at once with the same context and values; any other gets that callback.
      const resolved = resolvedNow(core);
      if (resolved !== undefined) {
        fill(i, settledContext(core), resolved);
      } else {
        addCallback(core, RESOLVE, slotResolver(fill, i));
        addCallback(core, REJECT, reject);
      }
    } else {
      adopt(value, guardedSlotResolver(fill, i), reject);
    }
  }
  return primary;
}

type SlotFill = (i: number, context: unknown, args: ArrayLike<unknown>) => void;

/** The done callback that fills slot `i` from one of our own promises, which call it once. */
function slotResolver(fill: SlotFill, i: number): AnyFunction {
  return function resolveSlot(this: unknown, ...args: unknown[]) {
    fill(i, this, args);
  };
}

/** The same for a foreign promise or thenable, which may misbehave and call back twice. */
function guardedSlotResolver(fill: SlotFill, i: number): AnyFunction {
  let counted = false;
  return function resolveSlot(this: unknown, ...args: unknown[]) {
    // jQuery would count the slot twice.
    if (counted) return;
    counted = true;
    fill(i, this, args);
  };
}

/**
 * The core of one of our own promises whose `promise` method is still ours, so that it can be
 * followed without calling it; `undefined` for anything else (which goes through `promise()`).
 */
function ownCore(value: unknown): PromiseCore | undefined {
  const core = coreOf(value);
  return core !== undefined && !Object.hasOwn(value as object, "promise") ? core : undefined;
}

/** jQuery's `adoptValue`: follow a promise-like or thenable, or resolve with the raw value. */
function adopt(value: unknown, resolve: AnyFunction, reject: AnyFunction): void {
  try {
    const core = ownCore(value);
    if (core !== undefined) {
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
  return isObjectLike(value) && typeof (value as { then?: unknown }).then === "function";
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
