/**
 * Detachable methods: the functions a deferred's and a promise's method getters return, and
 * `promise(target)`.
 *
 * jQuery's methods are closures, so `setTimeout(dfd.resolve)`, `jqXHR.done(other.resolve)` and
 * `deferred.promise(target)` (which copies them onto `target`) all work. We make each method's
 * function only when it is first read, and keep it in the core's method cache so that it keeps its
 * identity (`dfd.done === dfd.promise().done`). Each closes over its core only, so a deferred pays
 * for the methods it reads and nothing more. The getters and the cache live in state.ts (the
 * promise's) and deferred.ts (the deferred's), next to the private fields they read.
 */
import { type AnyFunction } from "./errors.js";
import { PROMISE_METHODS } from "./method-names.js";
import { pipe } from "./pipe.js";
import { thenOn } from "./resolution.js";
import {
  addCallbacks,
  type Channel,
  fireChannel,
  NOTIFY,
  type PromiseCore,
  REJECT,
  RESOLVE,
} from "./state.js";
import { argumentList, describe, safeString } from "./values.js";

/**
 * Makes the detachable function of one method for `core`. A factory is also the key of that
 * method in the core's method cache (state.ts). `owner` is the object the method was read on.
 */
export type MethodFactory = (core: PromiseCore, owner: unknown) => AnyFunction;

// The factories, one per method. The function's `this` is used only where jQuery uses it: as the
// return value of the callback adders and as the context of `resolve`/`reject`/`notify` called
// on anything but the deferred itself.
export const makeNotify: MethodFactory = (core, owner) => fireMethod(core, NOTIFY, owner);
export const makeNotifyWith: MethodFactory = (core) => fireWithMethod(core, NOTIFY, "notifyWith");
export const makeResolve: MethodFactory = (core, owner) => fireMethod(core, RESOLVE, owner);
export const makeResolveWith: MethodFactory = (core) =>
  fireWithMethod(core, RESOLVE, "resolveWith");
export const makeReject: MethodFactory = (core, owner) => fireMethod(core, REJECT, owner);
export const makeRejectWith: MethodFactory = (core) => fireWithMethod(core, REJECT, "rejectWith");
export const makeState: MethodFactory = (core) => () => core.stateName();
export const makeAlways: MethodFactory = (core) =>
  function always(this: unknown, ...callbacks: unknown[]) {
    addCallbacks(core, RESOLVE, callbacks, "always");
    addCallbacks(core, REJECT, callbacks, "always");
    return this;
  };
export const makeCatch: MethodFactory = (core) => (onRejected: unknown) =>
  thenOn(core, undefined, onRejected, undefined);
export const makePipe: MethodFactory =
  (core) => (onDone: unknown, onFail: unknown, onProgress: unknown) =>
    pipe(core, onDone, onFail, onProgress);
// A bound function is one object; a closure would be two (the function and its context).
export const makeThen: MethodFactory = (core) => thenOf.bind(core);
export const makePromise: MethodFactory = (core) => (target?: unknown) => promiseOf(core, target);
// The adders close over their core alone (a smaller context than the channel and name too).
export const makeProgress: MethodFactory = (core) =>
  function progress(this: unknown, ...callbacks: unknown[]) {
    addCallbacks(core, NOTIFY, callbacks, "progress");
    return this;
  };
export const makeDone: MethodFactory = (core) =>
  function done(this: unknown, ...callbacks: unknown[]) {
    addCallbacks(core, RESOLVE, callbacks, "done");
    return this;
  };
export const makeFail: MethodFactory = (core) =>
  function fail(this: unknown, ...callbacks: unknown[]) {
    addCallbacks(core, REJECT, callbacks, "fail");
    return this;
  };

function thenOf(
  this: PromiseCore,
  onFulfilled: unknown,
  onRejected: unknown,
  onProgress: unknown,
): PromiseCore {
  return thenOn(this, onFulfilled, onRejected, onProgress);
}

function fireMethod(core: PromiseCore, channel: Channel, owner: unknown): AnyFunction {
  return function fire(this: unknown, ...args: unknown[]) {
    fireChannel(core, channel, this === owner ? undefined : this, args);
    return this;
  };
}

function fireWithMethod(core: PromiseCore, channel: Channel, name: string): AnyFunction {
  return function fireWith(this: unknown, context: unknown, args?: unknown) {
    fireChannel(core, channel, context, argumentList(args, name));
    return this;
  };
}

/**
 * `promise(target)`: `core` itself without a target, otherwise `target` with the nine promise
 * methods attached as own properties, as jQuery's `jQuery.extend(target, promise)` does. A target
 * that inherits from one of our promises has those names as prototype getters, which an assignment
 * cannot shadow: they are then defined as own properties.
 */
function promiseOf(core: PromiseCore, target: unknown): unknown {
  if (target === undefined || target === null) return core;
  if (typeof target !== "object" && typeof target !== "function") {
    throw new TypeError(
      `promise(target): target must be an object or a function, got ${describe(target)}`,
    );
  }
  for (const name of PROMISE_METHODS) {
    // Through the getter: the same function `core[name]` gives (and keeps).
    const fn = (core as unknown as Record<string, unknown>)[name];
    try {
      (target as Record<string, unknown>)[name] = fn;
    } catch (error) {
      if (!defineOwn(target, name, fn)) {
        throw new TypeError(
          `promise(target): cannot attach "${name}" to the target (is it frozen or sealed?): ` +
            safeString(error),
          { cause: error },
        );
      }
    }
  }
  return target;
}

/** Defines `name` as an own, enumerable data property of `target`; `false` if it cannot. */
function defineOwn(target: object, name: string, value: unknown): boolean {
  try {
    Object.defineProperty(target, name, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    return true;
  } catch {
    return false;
  }
}
