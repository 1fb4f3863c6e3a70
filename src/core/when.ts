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
import { type AnyFunction, takeThrown, threw } from "./errors.js";
import {
  addCallback,
  Channel,
  fireChannel,
  PromiseCore,
  keptValues,
  runsDoneNow,
  settledContext,
  settledValues,
  settler,
} from "./state.js";
import { adoptLater, thenOn } from "./resolution.js";
import { readThen, subscribeThroughPromise, untamperedCore } from "./thenable.js";
import { isObjectLike, isValuesList } from "./values.js";
import type {
  BrandedProgress,
  BrandedReasons,
  BrandedValues,
  DeferredPromiseOf,
  IsAny,
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

type ReasonsOf<T> =
  IsAny<T> extends true
    ? T[]
    : T extends unknown
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
type ProgressOf<T> =
  IsAny<T> extends true
    ? T[]
    : [BrandedProgress<T>] extends [never]
      ? unknown[]
      : BrandedProgress<T>;

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
  const reject = settler(primary, Channel.REJECT);

  if (count <= 1) {
    if (count === 0) fireChannel(primary, Channel.RESOLVE, undefined, []);
    else adopt(values[0], settler(primary, Channel.RESOLVE), reject);
    if (primary.stateName() === "pending") return thenOn(primary, undefined, undefined, undefined);
    // Resolved at once with a thenable: its outcome is delivered asynchronously (gh-3000).
    const settled = settledValues(primary);
    const only = settled !== undefined && settled.length === 1 ? settled[0] : undefined;
    return (isObjectLike(only) && adoptLater(only)) || primary;
  }

  let remaining = count;
  const contexts = new Array<unknown>(count);
  const fill = (i: number, context: unknown, value: unknown) => {
    contexts[i] = context;
    values[i] = value;
    if (--remaining === 0) fireChannel(primary, Channel.RESOLVE, contexts, values);
  };
  for (let i = count - 1; i >= 0; i--) {
    const value = values[i];
    const core = untamperedCore(value, "promise");
    if (core !== undefined) {
      // Our own promise: a resolved one is read directly, as the done callback it would have been
      // given would run at once with the same context and values; any other gets that callback.
      if (runsDoneNow(core)) {
        const kept = keptValues(core);
        fill(i, settledContext(core), isValuesList(kept) ? slotValue(kept) : kept);
      } else {
        addCallback(core, Channel.RESOLVE, slotResolver(fill, i));
        addCallback(core, Channel.REJECT, reject);
      }
    } else {
      adopt(value, ...guardedSlot(fill, i, reject));
    }
  }
  return primary;
}

/** Fills slot `i` with an input's `value` (see {@link slotValue}), resolved in `context`. */
type SlotFill = (i: number, context: unknown, value: unknown) => void;

/** What a slot holds for an input resolved with `args`: its one value, or the list of several. */
function slotValue(args: ArrayLike<unknown>): unknown {
  return args.length > 1 ? Array.prototype.slice.call(args) : args[0];
}

/**
 * The done callback that fills slot `i` from one of our own promises, which call it once. One
 * value, the common case, is read without a list: `arguments` is only materialized for others.
 */
function slotResolver(fill: SlotFill, i: number): AnyFunction {
  return function resolveSlot(this: unknown, value?: unknown) {
    // eslint-disable-next-line prefer-rest-params -- see above
    fill(i, this, arguments.length === 1 ? value : slotValue(arguments));
  };
}

/**
 * The resolve and reject callbacks of slot `i` for a foreign promise or thenable, which may
 * misbehave and call back more than once: the first call of either counts, the others are ignored
 * (jQuery would count a slot twice, or reject after resolving it).
 */
function guardedSlot(fill: SlotFill, i: number, reject: AnyFunction): [AnyFunction, AnyFunction] {
  let called = false;
  return [
    function resolveSlot(this: unknown, ...args: unknown[]) {
      if (called) return;
      called = true;
      fill(i, this, slotValue(args));
    },
    function rejectSlot(this: unknown, ...args: unknown[]) {
      // Returns its `this` even when ignored, as jQuery's `reject` does.
      if (called) return this;
      called = true;
      return reject.apply(this, args);
    },
  ];
}

/**
 * jQuery's `adoptValue`: follow a promise-like or thenable, or resolve with the raw value. Each
 * property is read once (thenable.ts); what a read or a call throws rejects.
 */
function adopt(value: unknown, resolve: AnyFunction, reject: AnyFunction): void {
  const core = untamperedCore(value, "promise");
  if (core !== undefined) {
    // Our own promise: subscribe directly, in the same callback lists `done`/`fail` would use.
    addCallback(core, Channel.RESOLVE, resolve);
    addCallback(core, Channel.REJECT, reject);
    return;
  }
  try {
    if (
      subscribeThroughPromise(value, "when", () => [
        ["done", resolve],
        ["fail", reject],
      ])
    )
      return;
    if (isObjectLike(value)) {
      const then = readThen(value);
      if (threw(then)) throw takeThrown();
      if (then !== undefined) {
        Reflect.apply(then, value, [resolve, reject]);
        return;
      }
    }
  } catch (error) {
    reject.call(undefined, error);
    return;
  }
  resolve.call(undefined, value);
}
