/**
 * The Deferred state machine and its callback lists.
 *
 * One `PromiseCore` is the whole state of a deferred and is also its read-only promise object:
 * `Deferred()` wraps a core with the mutators (deferred.ts), and `then` creates a bare core
 * (resolution.ts). All state lives in private fields so that `for…in` over a promise sees exactly
 * jQuery's nine promise methods, which are enumerable prototype getters (methods.ts makes the
 * functions they return). The other core modules reach the state through the functions exported
 * from the class's static block, the only code that can read private fields.
 *
 * States (`#state`):
 *
 *   PENDING  0   may still be resolved, rejected or notified
 *   RESOLVED 1   settled by resolve/resolveWith; `#context` and the values are what it was fired with
 *   REJECTED 2   settled by reject/rejectWith;   same
 *
 * The three channels are numbered so that a settling channel equals the state it leads to:
 * NOTIFY 0, RESOLVE 1, REJECT 2. Everything below is written once over a channel index.
 *
 * Subscribers:
 * - `#done`, `#fail`, `#progress`: user callbacks (done/fail/progress/always/pipe), called
 *   synchronously. Each is `undefined`, one function, or an array, so the common single-callback
 *   case allocates nothing.
 * - the reactions: one {@link Subscriber} per `then` (or internal adoption), told of every event;
 *   it schedules its own handler. Like jQuery, reactions are told before the user callbacks of
 *   the same event run. They share `#reactionsOrValues` with the settled values, as V8's own
 *   promises share one field between reactions and result: a settled promise has no reactions.
 *
 * A callback list that can no longer fire is dropped at settlement, so a settled deferred keeps
 * only its state, its values and its last progress values.
 */
import { type AnyFunction, ErrorCollector, threw, tryApply } from "./errors.js";
import { prepareToQueue } from "./scheduler.js";
import { defineMethodGetters, type MethodName } from "./method-names.js";
import {
  makeAlways,
  makeCatch,
  makeDone,
  makeFail,
  makePipe,
  makeProgress,
  makePromise,
  makeState,
  makeThen,
  type MethodFactory,
} from "./methods.js";
import {
  copyArguments,
  describe,
  type FiredValues,
  isObjectLike,
  oneValue,
  valuesList,
} from "./values.js";

/**
 * A core's state (`#state`). Const enums, this and {@link Channel}: the build writes the numbers
 * in place, where a module-level constant is a variable of the bundle, which optimized code loads
 * and checks at every use (create + then + resolve: 42 to 59 instructions fewer, done 90 to 93,
 * at three round settings of `bench/compare-instructions.mjs`).
 */
export const enum State {
  PENDING = 0,
  RESOLVED = 1,
  REJECTED = 2,
}

/** The three channels, numbered so that a settling channel equals the state it leads to. */
export const enum Channel {
  NOTIFY = 0,
  RESOLVE = 1,
  REJECT = 2,
}

const STATE_NAMES = ["pending", "resolved", "rejected"] as const;

type CallbackSlot = AnyFunction | AnyFunction[] | undefined;

/** Callback lists shorter than this grow by exact copies, longer ones by `push`. */
const SMALL_LIST = 8;

/** A `then` subscription as the state machine sees it: told of each notification and settlement. */
export interface Subscriber {
  react(channel: Channel, context: unknown, values: FiredValues): void;
}

/** Told about rejections nobody listens to, and about listeners that come later (unhandled.ts). */
export interface RejectionTracker {
  /** `promise` was just rejected with `values` and had no fail callback or `then` subscription. */
  unhandled(promise: PromiseCore, values: readonly unknown[]): void;
  /** A fail callback or `then` subscription was added to the already rejected `promise`. */
  handled(promise: PromiseCore): void;
}

/** `undefined` while tracking is off, so an untracked rejection costs one comparison. */
let rejectionTracker: RejectionTracker | undefined;

/** Turns rejection tracking on (a tracker) or off (`undefined`); see unhandled.ts. */
export function setRejectionTracker(tracker: RejectionTracker | undefined): void {
  rejectionTracker = tracker;
}

/** What a deferred was last notified with, and the notifications waiting for a progress pass. */
class Progress {
  constructor(
    public context: unknown,
    public values: FiredValues,
  ) {}
  /** Whether the progress callbacks are being called (a pass is under way). */
  firing = false;
  /** Notifications fired from inside a progress callback, waiting for the current pass. */
  queue: unknown[] | undefined = undefined;
}

/**
 * Settles or notifies `core` on `channel` with `values`: a list, or one value as it is (see
 * {@link FiredValues}). A settled core keeps them in that form and hands them on to its
 * reactions and callbacks as they are.
 */
export let fireChannel: (
  core: PromiseCore,
  channel: Channel,
  context: unknown,
  values: FiredValues,
) => void;
/** {@link fireChannel} with the one value `value`. */
export let fireOne: (core: PromiseCore, channel: Channel, context: unknown, value: unknown) => void;
/**
 * Adds functions to a callback list: those of a `done`/`fail`/`progress`/`always` call (methods.ts
 * reads them), and `when`'s and `pipe`'s subscriptions.
 */
export let addCallback: (
  core: PromiseCore,
  channel: Channel,
  fns: AnyFunction | AnyFunction[],
) => void;
/** Subscribes a `then` reaction: it is told of the remembered notification and settlement too. */
export let subscribe: (core: PromiseCore, subscriber: Subscriber) => void;
/** The values a resolved core was resolved with, or `undefined` if it is not resolved. */
export let settledValues: (core: PromiseCore) => readonly unknown[] | undefined;
/**
 * Whether a `done` callback added to `core` now would be called at once: it is resolved and not
 * running its done list (a callback added then waits for its turn in the pass). `when` uses it to
 * read resolved inputs without subscribing, through {@link keptValues}.
 */
export let runsDoneNow: (core: PromiseCore) => boolean;
/** The values a settled core settled with, as it keeps them (see {@link FiredValues}). */
export let keptValues: (core: PromiseCore) => FiredValues;
/** The context a settled core was settled with. */
export let settledContext: (core: PromiseCore) => unknown;
/** Whether `value` is a core (a brand check: never true for a Proxy or an object inheriting one). */
export let isCore: (value: unknown) => value is PromiseCore;
/**
 * The detachable function `make` makes for `core` (methods.ts), made on first use and then kept.
 * `owner` is the object the method was read on: `resolve()` called on it fires with no context
 * (jQuery's rule), called on anything else with that `this`.
 */
export let methodOf: (core: PromiseCore, make: MethodFactory, owner: unknown) => AnyFunction;
/** `then`'s detachable function for `core`: kept in a field of its own, the method read most. */
export let thenMethodOf: (core: PromiseCore) => AnyFunction;
/**
 * `done`'s detachable function for `core`: the callback adder read most, and the one method of
 * most deferreds' caches, which then holds the function alone (see {@link MethodCache}).
 */
export let doneMethodOf: (core: PromiseCore) => AnyFunction;

/**
 * Lazily made detachable methods: the first one alone if it is `done`'s function (the one most
 * deferreds read, and the only function a cache holds alone) or else as a {@link CachedMethod},
 * then as a list of `[factory, function, …]` pairs followed by unused (`undefined`) pairs. A
 * deferred rarely has more than a few of its fifteen methods read, so a short list of exactly
 * those is the smallest store.
 */
type MethodCache = AnyFunction | CachedMethod | (MethodFactory | AnyFunction | undefined)[];

/** The one detachable method made for a core so far, and the factory that made it. */
interface CachedMethod {
  readonly make: MethodFactory;
  readonly fn: AnyFunction;
}

/**
 * An own property of every core and deferred object naming itself. A method getter reads it on
 * the object it was read on (`receiver[SELF]`) to find its core: through the prototype chain of
 * an object inheriting from a promise (`Object.create(promise)`), and through a Proxy of a promise
 * (`new Proxy(promise, {})`), whose getters are called with the Proxy as receiver. jQuery's methods
 * are own closures, found either way; this keeps that while the methods stay on the prototype. A
 * symbol: `for…in`, `Object.keys` and JSON never see it.
 */
export const SELF: unique symbol = Symbol("jq-deferred.self");

/**
 * What a method getter read on `receiver` belongs to when `receiver` is not itself branded (the
 * getters check that first): what its `SELF` property names, if that passes `isBranded`. A
 * TypeError naming `method` otherwise.
 */
export function selfOf<T>(
  receiver: unknown,
  isBranded: (value: unknown) => value is T,
  method: string,
): T {
  const self: unknown = isObjectLike(receiver)
    ? (receiver as { [SELF]?: unknown })[SELF]
    : undefined;
  if (isBranded(self)) return self;
  throw new TypeError(
    `${method}: read on ${describe(receiver)} that is not a jq-deferred promise or deferred, ` +
      "does not inherit from one and is not a Proxy of one",
  );
}

export class PromiseCore {
  declare readonly [SELF]: PromiseCore;
  #state: number = State.PENDING;
  #context: unknown = undefined;
  /** Created by the first notification: most deferreds are never notified. */
  #notified: Progress | undefined = undefined;
  #done: CallbackSlot = undefined;
  #fail: CallbackSlot = undefined;
  #progress: CallbackSlot = undefined;
  /**
   * While pending, the reactions (`undefined`, one, or an array); once settled, the values it
   * settled with: their list, or one value itself (see {@link FiredValues}). One field instead of
   * two: 8 bytes less in every promise, derived ones too. Read through `reactionsOf()` and
   * `valuesOf()`, which know which it holds.
   */
  #reactionsOrValues: unknown = undefined;
  /** `then`'s function: the method read most, on derived promises too, kept out of the cache. */
  #then: AnyFunction | undefined = undefined;
  #methods: MethodCache | undefined = undefined;

  /*
   * The state machine is written as functions of this static block that take the core as their
   * first parameter, not as private methods: a class with private methods stores a hidden brand in
   * every instance (8 bytes per promise, derived ones too) and checks it on every call. Functions
   * declared here can still read the private fields, and nothing outside the class can call them.
   */
  static {
    fireChannel = (core, channel, context, values) => {
      if (channel === Channel.NOTIFY) notify(core, context, values);
      else settle(core, channel, context, values);
    };
    fireOne = (core, channel, context, value) => {
      const values = oneValue(value);
      // The user's resolve/reject/notify: see prepareToQueue.
      if (core.#state === State.PENDING && core.#reactionsOrValues !== undefined) prepareToQueue();
      if (channel === Channel.NOTIFY) notify(core, context, values);
      else settle(core, channel, context, values);
    };
    addCallback = (core, channel, fn) => addFunctions(core, channel, fn);
    subscribe = (core, subscriber) => addSubscriber(core, subscriber);
    settledValues = (core) =>
      core.#state === State.RESOLVED ? valuesList(core.#reactionsOrValues) : undefined;
    runsDoneNow = (core) => core.#state === State.RESOLVED && core.#done === undefined; // (no pass under way)
    keptValues = (core) => core.#reactionsOrValues;
    settledContext = (core) => core.#context;
    // The brand check in a `try` rather than after an object test: see receiverCore below
    // (`when` of 1,000 resolved inputs: 374 → 350 instructions per input).
    isCore = (value): value is PromiseCore => {
      try {
        return #state in (value as object);
      } catch {
        return false;
      }
    };
    methodOf = (core, make, owner) => readMethod(core, make, owner);
    thenMethodOf = (core) => (core.#then ??= makeThen(core, core));
    doneMethodOf = (core) => {
      const cache = core.#methods;
      return typeof cache === "function" ? cache : readMethod(core, makeDone, core);
    };
    defineMethodGetters(PromiseCore.prototype, {
      state() {
        return readOn(this, "state", makeState);
      },
      always() {
        return readOn(this, "always", makeAlways);
      },
      catch() {
        return readOn(this, "catch", makeCatch);
      },
      pipe() {
        return readOn(this, "pipe", makePipe);
      },
      then() {
        return thenMethodOf(receiverCore(this, "then"));
      },
      promise() {
        return readOn(this, "promise", makePromise);
      },
      progress() {
        return readOn(this, "progress", makeProgress);
      },
      done() {
        return doneMethodOf(receiverCore(this, "done"));
      },
      fail() {
        return readOn(this, "fail", makeFail);
      },
    });

    function readMethod(core: PromiseCore, make: MethodFactory, owner: unknown): AnyFunction {
      const cache = core.#methods;
      if (cache === undefined) {
        // `then` and `resolve` have fields of their own; of the others a deferred mostly has one
        // read: `done`, kept alone, or another (`promise`) in a pair of 40 bytes, where a list
        // with room for two took 80.
        const fn = make(core, owner);
        core.#methods = make === makeDone ? fn : { make, fn };
        return fn;
      }
      return readCachedMethod(core, cache, make, owner);
    }

    /**
     * `readMethod` once something is cached: a function of its own, so that the first read, which
     * is inlined into the getters, stays small.
     */
    function readCachedMethod(
      core: PromiseCore,
      cache: MethodCache,
      make: MethodFactory,
      owner: unknown,
    ): AnyFunction {
      if (typeof cache === "function") {
        // `done`'s function alone.
        if (make === makeDone) return cache;
        const fn = make(core, owner);
        core.#methods = [makeDone, cache, make, fn];
        return fn;
      }
      if (!Array.isArray(cache)) {
        if (cache.make === make) return cache.fn;
        const fn = make(core, owner);
        // An array literal is allocated inline; `new Array(n)` is a call.
        core.#methods = [cache.make, cache.fn, make, fn];
        return fn;
      }
      const length = cache.length;
      let free = 0;
      for (; free < length; free += 2) {
        const cached = cache[free];
        if (cached === make) return cache[free + 1] as AnyFunction;
        if (cached === undefined) break;
      }
      const fn = make(core, owner);
      if (free < length) {
        cache[free] = make;
        cache[free + 1] = fn;
      } else {
        // Full: grow by an exact copy (`push` would reserve room for a dozen more entries).
        const grown = new Array<MethodFactory | AnyFunction | undefined>(length + 2);
        for (let i = 0; i < length; i++) grown[i] = cache[i];
        grown[length] = make;
        grown[length + 1] = fn;
        core.#methods = grown;
      }
      return fn;
    }

    /** The `then` subscribers of a pending core; a settled one has none. */
    function reactionsOf(core: PromiseCore): Subscriber | Subscriber[] | undefined {
      return core.#state === State.PENDING
        ? (core.#reactionsOrValues as Subscriber | Subscriber[] | undefined)
        : undefined;
    }

    /** The values a settled core settled with; only called once it is settled. */
    function valuesOf(core: PromiseCore): FiredValues {
      return core.#reactionsOrValues;
    }

    // ---------------------------------------------------------------------------------------------
    // User callbacks: done / fail / progress

    function addFunctions(
      core: PromiseCore,
      channel: Channel,
      fns: AnyFunction | AnyFunction[],
    ): void {
      // The common case, the first callback of a pending core's list, first and alone, written
      // out for each list: this is inlined into every `done`/`fail` call, and its bytecode counts
      // against the optimizer's budget for inlining into the user's function (through `append`,
      // `listOf` and `setList` it was 200 bytes, and left `resolve` out of a create + done +
      // resolve loop).
      if (core.#state === State.PENDING) {
        if (channel === Channel.RESOLVE) {
          if (core.#done === undefined) {
            core.#done = fns;
            return;
          }
        } else if (channel === Channel.REJECT && core.#fail === undefined) {
          core.#fail = fns;
          return;
        }
      }
      addOtherwise(core, channel, fns);
    }

    /** `addFunctions` to the progress list, to a list that has callbacks, or to a settled core. */
    function addOtherwise(
      core: PromiseCore,
      channel: Channel,
      fns: AnyFunction | AnyFunction[],
    ): void {
      if (channel === Channel.NOTIFY) {
        addProgress(core, fns);
      } else if (core.#state === State.PENDING || isFiring(core, channel)) {
        append(core, channel, fns);
      } else if (core.#state === channel) {
        // Settled on this channel and not firing: like a `once memory` list, run the new callbacks
        // now with the settled values, as a pass of their own.
        if (channel === Channel.REJECT) rejectionTracker?.handled(core);
        runPass(core, channel, fns, 0, core.#context, valuesOf(core))?.rethrow();
      }
      // Settled on the other channel: that list is disabled and the callbacks are ignored.
    }

    function addProgress(core: PromiseCore, fns: AnyFunction | AnyFunction[]): void {
      if (isFiring(core, Channel.NOTIFY)) {
        append(core, Channel.NOTIFY, fns);
      } else if (core.#state !== State.PENDING) {
        // Locked at settlement: the callbacks are only called if a notification was remembered.
        const notified = core.#notified;
        if (notified !== undefined) {
          runProgressPass(core, fns, 0, notified.context, notified.values)?.rethrow();
        }
      } else {
        const start = listLength(core.#progress);
        append(core, Channel.NOTIFY, fns);
        const notified = core.#notified;
        if (notified !== undefined) drainProgress(core, start, notified.context, notified.values);
      }
    }

    /**
     * Whether the callbacks of `channel` are being called. A settled channel's list is released at
     * the end of each pass, so on a settled core it is present exactly while a pass runs; the
     * progress list stays while pending, and its pass is marked on the notification record. (A
     * field of flags would cost 8 bytes in every promise.)
     */
    function isFiring(core: PromiseCore, channel: Channel): boolean {
      if (channel === Channel.NOTIFY) return core.#notified?.firing === true;
      return core.#state === channel && listOf(core, channel) !== undefined;
    }

    function listOf(core: PromiseCore, channel: Channel): CallbackSlot {
      return channel === Channel.RESOLVE
        ? core.#done
        : channel === Channel.REJECT
          ? core.#fail
          : core.#progress;
    }

    function setList(core: PromiseCore, channel: Channel, slot: CallbackSlot): void {
      if (channel === Channel.RESOLVE) core.#done = slot;
      else if (channel === Channel.REJECT) core.#fail = slot;
      else core.#progress = slot;
    }

    function append(core: PromiseCore, channel: Channel, fns: AnyFunction | AnyFunction[]): void {
      const slot = listOf(core, channel);
      // The first callback of a list, the common case, is inlined wherever callbacks are added.
      if (slot === undefined) setList(core, channel, fns);
      else appendToList(core, channel, slot, fns);
    }

    /** `append` to a list that already has a callback: grown to its exact size while short. */
    function appendToList(
      core: PromiseCore,
      channel: Channel,
      slot: AnyFunction | AnyFunction[],
      fns: AnyFunction | AnyFunction[],
    ): void {
      const list = typeof slot === "function" ? undefined : slot;
      const added = typeof fns === "function" ? undefined : fns;
      if (list !== undefined && list.length >= SMALL_LIST) {
        if (added === undefined) list.push(fns as AnyFunction);
        else for (let i = 0; i < added.length; i++) list.push(added[i]!);
        return;
      }
      // A short list is copied to its exact size: `push` would reserve room for a dozen more.
      // (Not with `concat`, which spreads a function whose `Symbol.isConcatSpreadable` is set.)
      const length = list === undefined ? 1 : list.length;
      const grown = new Array<AnyFunction>(length + (added === undefined ? 1 : added.length));
      if (list === undefined) grown[0] = slot as AnyFunction;
      else for (let i = 0; i < length; i++) grown[i] = list[i]!;
      if (added === undefined) grown[length] = fns as AnyFunction;
      else for (let i = 0; i < added.length; i++) grown[length + i] = added[i]!;
      setList(core, channel, grown);
    }

    /**
     * Calls the callbacks of `channel` from index `start`, re-reading the list on every step so that
     * callbacks added during the pass are reached in it (jQuery's "proper ordering"). `list` is
     * installed as the channel's list for the duration of the pass.
     */
    function runPass(
      core: PromiseCore,
      channel: Channel,
      list: CallbackSlot,
      start: number,
      context: unknown,
      values: FiredValues,
      errors?: ErrorCollector,
    ): ErrorCollector | undefined {
      // Settled channels hand in a list taken out of the core; install it so `done()` calls made
      // during the pass append to it.
      setList(core, channel, list);
      for (let i = start; ; i++) {
        const slot = listOf(core, channel);
        const fn =
          slot === undefined
            ? undefined
            : typeof slot === "function"
              ? i === 0
                ? slot
                : undefined
              : slot[i];
        if (fn === undefined) break;
        if (threw(tryApply(fn, context, values))) (errors ??= new ErrorCollector()).record();
      }
      // A pass over a settled channel releases its list: nothing can fire it again.
      if (core.#state !== State.PENDING) setList(core, channel, undefined);
      return errors;
    }

    /**
     * `runPass` over the progress list, marked as running on the notification record (which a
     * progress pass always follows). Apart, so that the pass of `done`/`fail`, inlined into every
     * settlement, carries no progress code.
     */
    function runProgressPass(
      core: PromiseCore,
      list: CallbackSlot,
      start: number,
      context: unknown,
      values: FiredValues,
      errors?: ErrorCollector,
    ): ErrorCollector | undefined {
      const notified = core.#notified!;
      notified.firing = true;
      const collected = runPass(core, Channel.NOTIFY, list, start, context, values, errors);
      notified.firing = false;
      return collected;
    }

    // ---------------------------------------------------------------------------------------------
    // Settling and notifying

    function settle(
      core: PromiseCore,
      channel: Channel.RESOLVE | Channel.REJECT,
      context: unknown,
      values: FiredValues,
    ) {
      if (core.#state !== State.PENDING) return;
      const reactions = reactionsOf(core);
      core.#state = channel;
      core.#context = context;
      core.#reactionsOrValues = values;
      const callbacks = channel === Channel.RESOLVE ? core.#done : core.#fail;
      core.#done = core.#fail = undefined;
      if (core.#notified === undefined && rejectionTracker === undefined)
        core.#progress = undefined;
      else settleRarely(core, channel, values, callbacks === undefined && reactions === undefined);
      if (reactions !== undefined) {
        // The one subscriber of most promises is told here, inlined into every settlement.
        if (!Array.isArray(reactions)) reactions.react(channel, context, values);
        else react(reactions, channel, context, values);
      }
      if (callbacks !== undefined) runPass(core, channel, callbacks, 0, context, values)?.rethrow();
    }

    /**
     * What settling does only for a notified core or under rejection tracking, apart from
     * `settle` to keep it within the inlining budget: queued notifications are dropped, the
     * progress list too unless its pass is under way; a rejection nobody listens to
     * (`unheard`) is reported.
     */
    function settleRarely(
      core: PromiseCore,
      channel: Channel.RESOLVE | Channel.REJECT,
      values: FiredValues,
      unheard: boolean,
    ): void {
      const notified = core.#notified;
      if (notified === undefined) core.#progress = undefined;
      else {
        notified.queue = undefined;
        if (!notified.firing) core.#progress = undefined;
      }
      if (channel === Channel.REJECT && unheard)
        rejectionTracker?.unhandled(core, valuesList(values));
    }

    function notify(core: PromiseCore, context: unknown, values: FiredValues): void {
      if (core.#state !== State.PENDING) return;
      const notified = core.#notified;
      if (notified !== undefined && notified.firing) {
        // A progress pass is under way.
        (notified.queue ??= []).push(context, values);
        return;
      }
      drainProgress(core, -1, context, values);
    }

    /**
     * Fires progress, then every notification queued meanwhile. `start` is -1 for a full pass
     * (reactions, then every callback) or the index of callbacks just added to a list with memory.
     */
    function drainProgress(
      core: PromiseCore,
      start: number,
      context: unknown,
      values: FiredValues,
    ): void {
      const errors = new ErrorCollector();
      for (;;) {
        const notified = core.#notified;
        if (notified === undefined) core.#notified = new Progress(context, values);
        else {
          notified.context = context;
          notified.values = values;
        }
        if (start < 0) {
          const reactions = reactionsOf(core);
          if (reactions !== undefined) react(reactions, Channel.NOTIFY, context, values);
        }
        runProgressPass(core, core.#progress, Math.max(start, 0), context, values, errors);
        const queued = core.#notified!.queue;
        if (core.#state !== State.PENDING || queued === undefined || queued.length === 0) break;
        context = queued.shift();
        values = queued.shift();
        start = -1;
      }
      errors.rethrow();
    }

    function addSubscriber(core: PromiseCore, subscriber: Subscriber): void {
      // The common case alone, inlined into every `then`: the first subscriber of a pending core
      // that was never notified.
      if (
        core.#state === State.PENDING &&
        core.#reactionsOrValues === undefined &&
        core.#notified === undefined
      ) {
        core.#reactionsOrValues = subscriber;
      } else {
        addSubscriberOtherwise(core, subscriber);
      }
    }

    function addSubscriberOtherwise(core: PromiseCore, subscriber: Subscriber): void {
      if (core.#state === State.PENDING) {
        const reactions = reactionsOf(core);
        if (reactions === undefined) core.#reactionsOrValues = subscriber;
        else if (!Array.isArray(reactions)) core.#reactionsOrValues = [reactions, subscriber];
        // A short list is copied to its exact size, as the callback lists are (see append).
        else if (reactions.length < SMALL_LIST)
          core.#reactionsOrValues = withOneMore(reactions, subscriber);
        else reactions.push(subscriber);
      }
      // Like jQuery's memory lists: a remembered notification is delivered first, then the settlement.
      const notified = core.#notified;
      if (notified !== undefined)
        subscriber.react(Channel.NOTIFY, notified.context, notified.values);
      if (core.#state !== State.PENDING) {
        if (core.#state === State.REJECTED) rejectionTracker?.handled(core);
        subscriber.react(core.#state, core.#context, valuesOf(core));
      }
    }

    /** What the getter of method `name` returns when read on `receiver`. */
    function readOn(receiver: unknown, name: MethodName, make: MethodFactory): AnyFunction {
      const core = receiverCore(receiver, name);
      return readMethod(core, make, core);
    }

    /**
     * The core a method getter read on `receiver` belongs to. The brand check comes first, in a
     * `try`: it throws only for a primitive, which `selfOf` then reports. Testing for an object
     * first (`isObjectLike`) is about 25 instructions in each optimized getter, as V8 does not
     * know the receiver's type there; the brand check of a known map is one comparison. Per unit,
     * with `then` and `resolve` read once each: then 1,336 → 1,285 instructions, a chain link
     * 880 → 810, done 811 → 745 (`BENCH_ROUNDS=40,80 node bench/compare-instructions.mjs`).
     */
    function receiverCore(receiver: unknown, name: MethodName): PromiseCore {
      try {
        if (#state in (receiver as object)) return receiver as PromiseCore;
      } catch {
        // A primitive: reported below.
      }
      return selfOf(receiver, isCore, name);
    }
  }

  constructor() {
    // An assignment, not a field: a field with a computed key is defined through a slower path,
    // which cost about 140 instructions per `then` in the benchmark.
    (this as { [SELF]: PromiseCore })[SELF] = this;
  }

  /** "pending", "resolved" or "rejected". */
  stateName(): (typeof STATE_NAMES)[number] {
    return STATE_NAMES[this.#state]!;
  }
}

/** Tells one subscriber, or each of a list (an indexed loop: less code than an iterator's). */
function react(
  reactions: Subscriber | Subscriber[],
  channel: Channel,
  context: unknown,
  values: FiredValues,
): void {
  if (!Array.isArray(reactions)) reactions.react(channel, context, values);
  else for (let i = 0; i < reactions.length; i++) reactions[i]!.react(channel, context, values);
}

/**
 * A copy of the short list `list` with `item` added, of exact size. Copied by index: `concat` is a
 * call into the runtime, several times the cost of the copy at these sizes.
 */
function withOneMore<T>(list: readonly T[], item: T): T[] {
  const length = list.length;
  const grown = new Array<T>(length + 1);
  for (let i = 0; i < length; i++) grown[i] = list[i]!;
  grown[length] = item;
  return grown;
}

function listLength(slot: CallbackSlot): number {
  return slot === undefined ? 0 : typeof slot === "function" ? 1 : slot.length;
}

/**
 * A detached resolve/reject/notify for `core` that, like jQuery's, fires with the caller's `this`
 * and returns it (a thenable handed these by `when` or `pipe` sees jQuery's return values).
 */
export function settler(core: PromiseCore, channel: Channel): AnyFunction {
  return function settle(this: unknown) {
    /* eslint-disable prefer-rest-params -- one value is fired as it is, without a list */
    const values = arguments.length === 1 ? oneValue(arguments[0]) : copyArguments(arguments);
    /* eslint-enable prefer-rest-params */
    fireChannel(core, channel, this, values);
    return this;
  };
}
