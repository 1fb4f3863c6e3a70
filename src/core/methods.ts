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
import { addCallback, Channel, fireChannel, fireOne, type PromiseCore } from "./state.js";
import { argumentList, collectFunctions, describe, copyArguments, safeString } from "./values.js";

/**
 * Makes the detachable function of one method for `core`. A factory is also the key of that
 * method in the core's method cache (state.ts). `owner` is the object the method was read on.
 */
export type MethodFactory = (core: PromiseCore, owner: unknown) => AnyFunction;

// The factories, one per method. The function's `this` is used only where jQuery uses it: as the
// return value of the callback adders and as the context of `resolve`/`reject`/`notify` called
// on anything but the deferred itself.
export const makeNotify = firerFactory(Channel.NOTIFY);
export const makeNotifyWith = fireWithFactory(Channel.NOTIFY, "notifyWith");
export const makeResolve = firerFactory(Channel.RESOLVE);
export const makeResolveWith = fireWithFactory(Channel.RESOLVE, "resolveWith");
export const makeReject = firerFactory(Channel.REJECT);
export const makeRejectWith = fireWithFactory(Channel.REJECT, "rejectWith");
export const makeState: MethodFactory = (core) => core.stateName.bind(core);
export const makeAlways: MethodFactory = (core) =>
  function always(this: unknown, callback?: unknown) {
    if (arguments.length === 1 && typeof callback === "function") {
      addCallback(core, Channel.RESOLVE, callback as AnyFunction);
      addCallback(core, Channel.REJECT, callback as AnyFunction);
    } else {
      // Read once per list, as jQuery's `done(arguments).fail(arguments)` does.
      // eslint-disable-next-line prefer-rest-params -- see adderFactory
      addFound(core, Channel.RESOLVE, arguments, "always");
      // eslint-disable-next-line prefer-rest-params -- see adderFactory
      addFound(core, Channel.REJECT, arguments, "always");
    }
    return this;
  };
// The methods that ignore their `this` are bound functions: one object of 48 bytes, where a
// closure is two (the function and its context) of about 100. Except `then`, the method called
// most: the optimizer can inline a call to a closure but never one to a bound function, and
// create + `then` + `resolve` costs about 100 instructions less this way (1,316-1,328 against
// 1,407-1,447 with `bench/compare-instructions.mjs`). A function expression, not an arrow, so
// that it is a constructor like jQuery's (and like the bound functions).
export const makeCatch: MethodFactory = (core) => catchOf.bind(core);
export const makePipe: MethodFactory = (core) => pipeOf.bind(core);
export const makeThen: MethodFactory = (core) =>
  function then(onFulfilled?: unknown, onRejected?: unknown, onProgress?: unknown) {
    return thenOn(core, onFulfilled, onRejected, onProgress);
  };
export const makePromise: MethodFactory = (core) => promiseOf.bind(core);
export const makeProgress = adderFactory(Channel.NOTIFY, "progress");
export const makeDone = adderFactory(Channel.RESOLVE, "done");
export const makeFail = adderFactory(Channel.REJECT, "fail");

/**
 * The factory of the adder `name` of `channel`. An adder's own context holds its core alone (the
 * channel and name are in the context shared by all adders of that name). The common call, one
 * function, is added as it is; any other is read from `arguments`, which is only materialized on
 * that path: a rest parameter would allocate a list on every call (done + resolve: 921 -> 858
 * instructions in callgrind).
 */
function adderFactory(channel: Channel, name: string): MethodFactory {
  return (core) =>
    function add(this: unknown, callback?: unknown) {
      if (arguments.length === 1 && typeof callback === "function") {
        addCallback(core, channel, callback as AnyFunction);
      } else {
        // eslint-disable-next-line prefer-rest-params -- see above
        addFound(core, channel, arguments, name);
      }
      return this;
    };
}

/**
 * Adds the functions found in `callbacks` (functions and nested lists of them, as jQuery accepts
 * them) to the list of `channel`; `method` names the call in errors.
 */
function addFound(
  core: PromiseCore,
  channel: Channel,
  callbacks: ArrayLike<unknown>,
  method: string,
) {
  const fns = collectFunctions(callbacks, [], method);
  if (fns.length > 0) addCallback(core, channel, fns);
}

function catchOf(this: PromiseCore, onRejected: unknown): PromiseCore {
  return thenOn(this, undefined, onRejected, undefined);
}

function pipeOf(this: PromiseCore, onDone: unknown, onFail: unknown, onProgress: unknown) {
  return pipe(this, onDone, onFail, onProgress);
}

/**
 * The factory of `resolve`, `reject` or `notify`. As with the adders, the channel is in a context
 * shared by every function of that name, so each function's own context holds its core and owner
 * alone (8 bytes less per deferred that was resolved through its method). One value, the common
 * call, is fired as it is (see `FiredValues`); no rest parameter, which would allocate a
 * list on every call (and keep the function's `length` at 0, as jQuery's is).
 */
function firerFactory(channel: Channel): MethodFactory {
  return (core, owner) =>
    function fire(this: unknown) {
      const context = this === owner ? undefined : this;
      // eslint-disable-next-line prefer-rest-params -- see above
      if (arguments.length === 1) fireOne(core, channel, context, arguments[0]);
      // eslint-disable-next-line prefer-rest-params -- see above
      else fireChannel(core, channel, context, copyArguments(arguments));
      return this;
    };
}

/** The factory of `resolveWith`, `rejectWith` or `notifyWith`, called `name`. */
function fireWithFactory(channel: Channel, name: string): MethodFactory {
  return (core) =>
    function fireWith(this: unknown, context: unknown, args?: unknown) {
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
function promiseOf(this: PromiseCore, target?: unknown): unknown {
  const core = this;
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
