/**
 * The names of a deferred's and a promise's methods, in jQuery's property order (what `for…in`
 * and `Object.keys` show), and the index that identifies each method everywhere else.
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

/** A method's index in {@link DEFERRED_METHODS}: its id in method caches and factory tables. */
export const methodId = (name: MethodName): number => DEFERRED_METHODS.indexOf(name);

/**
 * Defines `names` on `prototype` as enumerable, configurable getters (jQuery's methods are
 * enumerable own properties, so `for…in` over a deferred or promise must list them) that return
 * `read(receiver, id)`: the detachable function of that method for the object it was read on.
 */
export function defineMethodGetters(
  prototype: object,
  names: readonly MethodName[],
  read: (receiver: unknown, id: number) => unknown,
): void {
  for (const name of names) {
    const id = methodId(name);
    Object.defineProperty(prototype, name, {
      enumerable: true,
      configurable: true,
      get(this: unknown) {
        return read(this, id);
      },
    });
  }
}
