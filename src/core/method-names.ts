/**
 * The names of a deferred's and a promise's methods, in jQuery's property order (what `for…in`
 * shows), and how their getters are defined.
 */

/** The nine methods of a promise, in jQuery's order. */
export const PROMISE_METHODS = [
  "state",
  "always",
  "catch",
  "pipe",
  "then",
  "promise",
  "progress",
  "done",
  "fail",
] as const;

/** The fifteen methods of a deferred: the six mutators, then the promise's nine. */
export const DEFERRED_METHODS = [
  "notify",
  "notifyWith",
  "resolve",
  "resolveWith",
  "reject",
  "rejectWith",
  ...PROMISE_METHODS,
] as const;

export type MethodName = (typeof DEFERRED_METHODS)[number];

/**
 * Defines the getters in `getters` on `prototype`, in their order, as enumerable, configurable
 * accessors: jQuery's methods are enumerable own properties, so `for…in` over a deferred or a
 * promise must list them, in jQuery's order. Each getter returns the detachable function of its
 * method for the object it was read on. They are distinct functions, written out one per method,
 * so that each call site in them stays monomorphic (one loop-made closure for all would share its
 * feedback and call fifteen factories from one site).
 */
export function defineMethodGetters(
  prototype: object,
  getters: Partial<Record<MethodName, (this: unknown) => unknown>>,
): void {
  for (const [name, get] of Object.entries(getters)) {
    Object.defineProperty(prototype, name, { enumerable: true, configurable: true, get });
  }
}
