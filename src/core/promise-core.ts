/**
 * The Deferred state machine.
 *
 * One `PromiseCore` is the whole state of a deferred and is also its read-only promise object:
 * `Deferred()` wraps a core with the mutators (`resolve`, `reject`, `notify` and their `*With`
 * forms), and `then` creates a bare core. All state lives in private fields so that `for…in`
 * over a promise sees exactly jQuery's nine promise methods.
 *
 * States (`#state`):
 *
 *   PENDING  0   may still be resolved, rejected or notified
 *   RESOLVED 1   settled by resolve/resolveWith; `#context`/`#values` hold what it was fired with
 *   REJECTED 2   settled by reject/rejectWith;   same
 *
 * The three channels are numbered so that a settling channel equals the state it leads to:
 * NOTIFY 0, RESOLVE 1, REJECT 2. Everything below is written once over a channel index.
 *
 * Subscribers:
 * - `#done`, `#fail`, `#progress`: user callbacks (done/fail/progress/always/pipe), called
 *   synchronously. Each is `undefined`, one function, or an array, so the common single-callback
 *   case allocates nothing.
 * - `#reactions`: one `Reaction` record per `then` (or internal adoption), called through the
 *   scheduler. Like jQuery, reactions are scheduled before the user callbacks of the same event run.
 *
 * A callback list that can no longer fire is dropped at settlement, so a settled deferred keeps
 * only its state, its values and its last progress values.
 */
import { captureContext, type ContextRunner } from "./async-context.js";
import { defaultExceptionHook, type ExceptionHook, type GetErrorHook } from "./hooks.js";
import {
  type AnyFunction,
  argumentList,
  collectFunctions,
  describe,
  ErrorCollector,
  isObjectLike,
  THREW,
  takeThrown,
  tryApply,
} from "./invoke.js";
import { enqueueJob, registerJobRunner } from "./scheduler.js";

export const PENDING = 0;
export const RESOLVED = 1;
export const REJECTED = 2;

export const NOTIFY = 0;
export const RESOLVE = 1;
export const REJECT = 2;

export type Channel = typeof NOTIFY | typeof RESOLVE | typeof REJECT;

const STATE_NAMES = ["pending", "resolved", "rejected"] as const;

/** `#firing` bit for a channel: set while that channel's user callbacks are being called. */
const firingBit = (channel: Channel): number => 1 << channel;

type CallbackSlot = AnyFunction | AnyFunction[] | undefined;

/** Makes the detachable function of one method for `core` (`owner`: the object it was read on). */
type MethodFactory = (core: PromiseCore, owner: object) => AnyFunction;

/** Callback lists shorter than this grow by exact copies, longer ones by `push`. */
const SMALL_LIST = 8;

/** Where the exception hooks are read from at use time: the public `Deferred` function. */
export interface HookHost {
  exceptionHook?: ExceptionHook | null;
  getErrorHook?: GetErrorHook | null;
}

let hookHost: HookHost = { exceptionHook: defaultExceptionHook };

/** Tells the core which object carries `exceptionHook`/`getErrorHook` (the `Deferred` function). */
export function setHookHost(host: HookHost): void {
  hookHost = host;
}

/** Told about rejections nobody listens to, and about listeners that come later (unhandled.ts). */
export interface RejectionTracker {
  /** `promise` was just rejected with `values` and had no fail callback or `then` subscription. */
  unhandled(promise: PromiseCore, values: ArrayLike<unknown>): void;
  /** A fail callback or `then` subscription was added to the already rejected `promise`. */
  handled(promise: PromiseCore): void;
}

/** `undefined` while tracking is off, so an untracked rejection costs one comparison. */
let rejectionTracker: RejectionTracker | undefined;

export function setRejectionTracker(tracker: RejectionTracker | undefined): void {
  rejectionTracker = tracker;
}

/**
 * One `then` subscription. `derived` is the promise `then` returned; an internal adoption has no
 * derived promise and calls its handlers directly. `maxDepth` implements Promises/A+'s "only the
 * latest adopted thenable counts" (a callback from an older adoption carries a smaller depth).
 * `run` is the async context current when the reaction was made, which its jobs run in.
 */
class Reaction {
  maxDepth = 0;
  readonly run: ContextRunner | undefined = captureContext?.();
  constructor(
    readonly derived: PromiseCore | undefined,
    readonly onFulfilled: AnyFunction | undefined,
    readonly onRejected: AnyFunction | undefined,
    readonly onProgress: AnyFunction | undefined,
  ) {}
}

/** What a deferred was last notified with, and the notifications waiting for a progress pass. */
class Progress {
  constructor(
    public context: unknown,
    public values: ArrayLike<unknown>,
  ) {}
  /** Notifications fired from inside a progress callback, waiting for the current pass. */
  queue: unknown[] | undefined = undefined;
}

const asFunction = (value: unknown): AnyFunction | undefined =>
  typeof value === "function" ? (value as AnyFunction) : undefined;

/** Method ids, in jQuery's property order; the index into a core's bound-method cache. */
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

/** Settles or notifies `core` on `channel`; exported from the class's static block. */
export let fireChannel: (
  core: PromiseCore,
  channel: Channel,
  context: unknown,
  args: ArrayLike<unknown>,
) => void;
/** The per-core detachable function for a method; exported from the class's static block. */
export let boundMethod: (core: PromiseCore, method: number, owner: object) => AnyFunction;
/** Adds one internal callback to a user callback list (used by `when`'s fast path). */
export let addCallback: (core: PromiseCore, channel: Channel, fn: AnyFunction) => void;
/** The values a resolved core was resolved with, or `undefined` if it is not resolved. */
export let settledValues: (core: PromiseCore) => ArrayLike<unknown> | undefined;
/**
 * What a `done` callback added to `core` now would be called with at once: its values if it is
 * resolved and not running its done list (a callback added then waits for its turn in the pass),
 * otherwise `undefined`. `when` uses it to read resolved inputs without subscribing.
 */
export let resolvedNow: (core: PromiseCore) => ArrayLike<unknown> | undefined;
/** The context a settled core was settled with. */
export let settledContext: (core: PromiseCore) => unknown;

export class PromiseCore {
  /** Installed as a prototype getter by deferred.ts; typed here for internal callers. */
  declare readonly then: (
    onFulfilled?: unknown,
    onRejected?: unknown,
    onProgress?: unknown,
  ) => PromiseCore;

  #state: number = PENDING;
  #firing = 0;
  #context: unknown = undefined;
  #values: ArrayLike<unknown> | undefined = undefined;
  /** Created by the first notification: most deferreds are never notified. */
  #notified: Progress | undefined = undefined;
  #done: CallbackSlot = undefined;
  #fail: CallbackSlot = undefined;
  #progress: CallbackSlot = undefined;
  #reactions: Reaction | Reaction[] | undefined = undefined;
  /**
   * Lazily created detachable methods, as `[methodIndex, function, …]` pairs followed by unused
   * (`undefined`) pairs. A deferred rarely has more than a few of its fifteen methods read, so a
   * short list of exactly those is the smallest store.
   */
  #bound: (number | AnyFunction | undefined)[] | undefined = undefined;

  static {
    fireChannel = (core, channel, context, args) => {
      if (channel === NOTIFY) core.#notify(context, args);
      else core.#settle(channel, context, args);
    };
    boundMethod = (core, method, owner) => core.#method(method, owner);
    addCallback = (core, channel, fn) => core.#addFunctions(channel, fn);
    settledValues = (core) => (core.#state === RESOLVED ? core.#values : undefined);
    resolvedNow = (core) =>
      core.#state === RESOLVED && (core.#firing & firingBit(RESOLVE)) === 0
        ? core.#values
        : undefined;
    settledContext = (core) => core.#context;
    const runReaction = (
      reaction: Reaction,
      channel: Channel,
      context: unknown,
      args: ArrayLike<unknown>,
      asyncError: unknown,
    ) => PromiseCore.#runReaction(reaction, channel, context, args, asyncError);
    // A reaction made while async contexts are followed runs in the context it captured.
    registerJobRunner((job, channel, context, args, asyncError) => {
      const reaction = job as Reaction;
      const run = reaction.run;
      if (run === undefined) {
        // Direct, not through `runReaction`: the path every job takes while contexts are off.
        PromiseCore.#runReaction(
          reaction,
          channel as Channel,
          context,
          args as ArrayLike<unknown>,
          asyncError,
        );
      } else {
        run(
          runReaction,
          reaction,
          channel as Channel,
          context,
          args as ArrayLike<unknown>,
          asyncError,
        );
      }
    });
  }

  /** "pending", "resolved" or "rejected". */
  stateName(): (typeof STATE_NAMES)[number] {
    return STATE_NAMES[this.#state]!;
  }

  // ---------------------------------------------------------------------------------------------
  // Detachable methods

  /** The detachable function for `DEFERRED_METHODS[method]`, created on first use. */
  #method(method: number, owner: object): AnyFunction {
    const cache = this.#bound;
    if (cache === undefined) {
      const fn = PromiseCore.#methodFactories[method]!(this, owner);
      // Most deferreds have two or three of their methods read (`then` or `done`, `resolve`,
      // `promise`): the first read makes room for three. An array literal is allocated inline;
      // `new Array(n)` is a call.
      this.#bound = [method, fn, undefined, undefined, undefined, undefined];
      return fn;
    }
    const length = cache.length;
    let free = 0;
    for (; free < length; free += 2) {
      const id = cache[free];
      if (id === method) return cache[free + 1] as AnyFunction;
      if (id === undefined) break;
    }
    const fn = PromiseCore.#methodFactories[method]!(this, owner);
    if (free < length) {
      cache[free] = method;
      cache[free + 1] = fn;
    } else {
      // Full: grow by an exact copy (`push` would reserve room for a dozen more entries).
      const grown = new Array<number | AnyFunction | undefined>(length + 2);
      for (let i = 0; i < length; i++) grown[i] = cache[i];
      grown[length] = method;
      grown[length + 1] = fn;
      this.#bound = grown;
    }
    return fn;
  }

  /**
   * How the function behind each method is made, indexed like DEFERRED_METHODS so that none is
   * chosen by name at run time. Each closes over its core only (a deferred pays for the methods it
   * reads and nothing more), so it keeps working when detached (`setTimeout(dfd.resolve)`) or copied
   * (`promise(target)`); its `this` is used only where jQuery uses it: as the return value of the
   * callback adders and as the context of `resolve`/`reject`/`notify` called on anything but the
   * deferred itself.
   */
  static #methodFactories: readonly MethodFactory[] = ((
    factories: Record<MethodName, MethodFactory>,
  ) => DEFERRED_METHODS.map((name) => factories[name]))({
    notify: (core, owner) => PromiseCore.#fireMethod(core, NOTIFY, owner),
    notifyWith: (core) => PromiseCore.#fireWithMethod(core, NOTIFY, "notifyWith"),
    resolve: (core, owner) => PromiseCore.#fireMethod(core, RESOLVE, owner),
    resolveWith: (core) => PromiseCore.#fireWithMethod(core, RESOLVE, "resolveWith"),
    reject: (core, owner) => PromiseCore.#fireMethod(core, REJECT, owner),
    rejectWith: (core) => PromiseCore.#fireWithMethod(core, REJECT, "rejectWith"),
    state: (core) => () => core.stateName(),
    always: (core) =>
      function always(this: unknown, ...callbacks: unknown[]) {
        core.#add(RESOLVE, callbacks);
        core.#add(REJECT, callbacks);
        return this;
      },
    catch: (core) => (onRejected: unknown) => core.#then(undefined, onRejected, undefined),
    pipe: (core) => (onDone: unknown, onFail: unknown, onProgress: unknown) =>
      core.#pipe(onDone, onFail, onProgress),
    // A bound function is one object; a closure would be two (the function and its context).
    then: (core) => PromiseCore.#thenOf.bind(core) as AnyFunction,
    promise: (core) => (target?: unknown) => core.#promise(target),
    progress: (core) => PromiseCore.#adderMethod(core, NOTIFY),
    done: (core) => PromiseCore.#adderMethod(core, RESOLVE),
    fail: (core) => PromiseCore.#adderMethod(core, REJECT),
  });

  static #thenOf(
    this: PromiseCore,
    onFulfilled: unknown,
    onRejected: unknown,
    onProgress: unknown,
  ): PromiseCore {
    return this.#then(onFulfilled, onRejected, onProgress);
  }

  static #adderMethod(core: PromiseCore, channel: Channel): AnyFunction {
    return function addCallbacks(this: unknown, ...callbacks: unknown[]) {
      core.#add(channel, callbacks);
      return this;
    };
  }

  static #fireMethod(core: PromiseCore, channel: Channel, owner: object): AnyFunction {
    return function fire(this: unknown, ...args: unknown[]) {
      fireChannel(core, channel, this === owner ? undefined : this, args);
      return this;
    };
  }

  static #fireWithMethod(core: PromiseCore, channel: Channel, name: MethodName): AnyFunction {
    return function fireWith(this: unknown, context: unknown, args?: unknown) {
      fireChannel(core, channel, context, argumentList(args, name));
      return this;
    };
  }

  #promise(target: unknown): unknown {
    if (target === undefined || target === null) return this;
    if (typeof target !== "object" && typeof target !== "function") {
      throw new TypeError(
        `promise(target): target must be an object or a function, got ${describe(target)}`,
      );
    }
    const host = target as Record<string, unknown>;
    for (const name of PROMISE_METHODS) {
      const fn = this.#method(DEFERRED_METHODS.indexOf(name), this);
      try {
        host[name] = fn;
      } catch (error) {
        throw new TypeError(
          `promise(target): cannot attach "${name}" to the target (is it frozen or sealed?): ${String(error)}`,
          { cause: error },
        );
      }
    }
    return target;
  }

  // ---------------------------------------------------------------------------------------------
  // User callbacks: done / fail / progress

  #add(channel: Channel, callbacks: ArrayLike<unknown>): void {
    // The common single function is passed on as is, without a list around it.
    if (callbacks.length === 1 && typeof callbacks[0] === "function") {
      this.#addFunctions(channel, callbacks[0] as AnyFunction);
    } else {
      const fns = collectFunctions(callbacks, []);
      if (fns.length > 0) this.#addFunctions(channel, fns);
    }
  }

  #addFunctions(channel: Channel, fns: AnyFunction | AnyFunction[]): void {
    const firing = (this.#firing & firingBit(channel)) !== 0;
    if (channel === NOTIFY) {
      this.#addProgress(fns, firing);
    } else if (this.#state === PENDING || (firing && this.#state === channel)) {
      this.#append(channel, fns);
    } else if (this.#state === channel) {
      // Settled on this channel and not firing: like a `once memory` list, run the new callbacks
      // now with the settled values, as a pass of their own.
      if (channel === REJECT) rejectionTracker?.handled(this);
      this.#runPass(channel, fns, 0, this.#context, this.#values!)?.rethrow();
    }
    // Settled on the other channel: that list is disabled and the callbacks are ignored.
  }

  #addProgress(fns: AnyFunction | AnyFunction[], firing: boolean): void {
    if (firing) {
      this.#append(NOTIFY, fns);
    } else if (this.#state !== PENDING) {
      // Locked at settlement: the callbacks are only called if a notification was remembered.
      const notified = this.#notified;
      if (notified !== undefined) {
        this.#runPass(NOTIFY, fns, 0, notified.context, notified.values)?.rethrow();
      }
    } else {
      const start = listLength(this.#progress);
      this.#append(NOTIFY, fns);
      const notified = this.#notified;
      if (notified !== undefined) this.#drainProgress(start, notified.context, notified.values);
    }
  }

  #slot(channel: Channel): CallbackSlot {
    return channel === RESOLVE ? this.#done : channel === REJECT ? this.#fail : this.#progress;
  }

  #setSlot(channel: Channel, slot: CallbackSlot): void {
    if (channel === RESOLVE) this.#done = slot;
    else if (channel === REJECT) this.#fail = slot;
    else this.#progress = slot;
  }

  #append(channel: Channel, fns: AnyFunction | AnyFunction[]): void {
    const slot = this.#slot(channel);
    if (slot === undefined) {
      this.#setSlot(channel, fns);
    } else if (typeof slot === "function") {
      this.#setSlot(channel, typeof fns === "function" ? [slot, fns] : [slot, ...fns]);
    } else if (slot.length < SMALL_LIST) {
      // A short list is copied to its exact size: `push` would reserve room for a dozen more.
      this.#setSlot(channel, slot.concat(fns));
    } else if (typeof fns === "function") {
      slot.push(fns);
    } else {
      for (const fn of fns) slot.push(fn);
    }
  }

  /**
   * Calls the callbacks of `channel` from index `start`, re-reading the list on every step so that
   * callbacks added during the pass are reached in it (jQuery's "proper ordering"). `list`, when
   * given, is installed as the channel's list for the duration of the pass.
   */
  #runPass(
    channel: Channel,
    list: CallbackSlot,
    start: number,
    context: unknown,
    args: ArrayLike<unknown>,
    errors?: ErrorCollector,
  ): ErrorCollector | undefined {
    const bit = firingBit(channel);
    // Settled channels hand in a list taken out of the core; install it so `done()` calls made
    // during the pass append to it.
    this.#setSlot(channel, list);
    this.#firing |= bit;
    for (let i = start; ; i++) {
      const slot = this.#slot(channel);
      const fn =
        slot === undefined
          ? undefined
          : typeof slot === "function"
            ? i === 0
              ? slot
              : undefined
            : slot[i];
      if (fn === undefined) break;
      if (tryApply(fn, context, args) === THREW) (errors ??= new ErrorCollector()).record();
    }
    this.#firing &= ~bit;
    // A pass over a settled channel releases its list: nothing can fire it again.
    if (this.#state !== PENDING) this.#setSlot(channel, undefined);
    return errors;
  }

  // ---------------------------------------------------------------------------------------------
  // Settling and notifying

  #settle(channel: typeof RESOLVE | typeof REJECT, context: unknown, args: ArrayLike<unknown>) {
    if (this.#state !== PENDING) return;
    this.#state = channel;
    this.#context = context;
    this.#values = args;
    const callbacks = channel === RESOLVE ? this.#done : this.#fail;
    this.#done = this.#fail = undefined;
    // Locking the progress list drops queued notifications; a pass under way finishes.
    if (this.#notified !== undefined) this.#notified.queue = undefined;
    if ((this.#firing & firingBit(NOTIFY)) === 0) this.#progress = undefined;
    const reactions = this.#reactions;
    if (rejectionTracker !== undefined && channel === REJECT) {
      if (callbacks === undefined && reactions === undefined)
        rejectionTracker.unhandled(this, args);
    }
    if (reactions !== undefined) {
      this.#reactions = undefined;
      if (reactions instanceof Reaction) schedule(reactions, channel, context, args);
      else for (const reaction of reactions) schedule(reaction, channel, context, args);
    }
    if (callbacks !== undefined) this.#runPass(channel, callbacks, 0, context, args)?.rethrow();
  }

  #notify(context: unknown, args: ArrayLike<unknown>): void {
    if (this.#state !== PENDING) return;
    const notified = this.#notified;
    if (notified !== undefined && (this.#firing & firingBit(NOTIFY)) !== 0) {
      // A progress pass is under way (it always follows a recorded notification).
      (notified.queue ??= []).push(context, args);
      return;
    }
    this.#drainProgress(-1, context, args);
  }

  /**
   * Fires progress, then every notification queued meanwhile. `start` is -1 for a full pass
   * (reactions, then every callback) or the index of callbacks just added to a list with memory.
   */
  #drainProgress(start: number, context: unknown, args: ArrayLike<unknown>): void {
    const errors = new ErrorCollector();
    for (;;) {
      const notified = this.#notified;
      if (notified === undefined) this.#notified = new Progress(context, args);
      else {
        notified.context = context;
        notified.values = args;
      }
      if (start < 0) {
        const reactions = this.#reactions;
        if (reactions instanceof Reaction) schedule(reactions, NOTIFY, context, args);
        else if (reactions !== undefined)
          for (const reaction of reactions) schedule(reaction, NOTIFY, context, args);
      }
      this.#runPass(NOTIFY, this.#progress, Math.max(start, 0), context, args, errors);
      const queued = this.#notified!.queue;
      if (this.#state !== PENDING || queued === undefined || queued.length === 0) break;
      context = queued.shift();
      args = queued.shift() as ArrayLike<unknown>;
      start = -1;
    }
    errors.rethrow();
  }

  // ---------------------------------------------------------------------------------------------
  // then / catch / pipe

  #then(onFulfilled: unknown, onRejected: unknown, onProgress: unknown): PromiseCore {
    const derived = new PromiseCore();
    this.#subscribe(
      new Reaction(
        derived,
        asFunction(onFulfilled),
        asFunction(onRejected),
        asFunction(onProgress),
      ),
    );
    return derived;
  }

  #subscribe(reaction: Reaction): void {
    if (this.#state === PENDING) {
      const reactions = this.#reactions;
      if (reactions === undefined) this.#reactions = reaction;
      else if (reactions instanceof Reaction) this.#reactions = [reactions, reaction];
      else reactions.push(reaction);
    }
    // Like jQuery's memory lists: a remembered notification is delivered first, then the settlement.
    const notified = this.#notified;
    if (notified !== undefined) schedule(reaction, NOTIFY, notified.context, notified.values);
    if (this.#state !== PENDING) {
      if (this.#state === REJECTED) rejectionTracker?.handled(this);
      schedule(reaction, this.#state as Channel, this.#context, this.#values);
    }
  }

  /**
   * jQuery's pre-3.0 `then`: synchronous, state-preserving, context-propagating, with no
   * exception capture. Only values with a `promise()` method are adopted.
   */
  #pipe(onDone: unknown, onFail: unknown, onProgress: unknown): PromiseCore {
    const next = new PromiseCore();
    const filters = [asFunction(onProgress), asFunction(onDone), asFunction(onFail)] as const;
    // Filters run in the async context of the `pipe` call, as a `then` handler would.
    const run = captureContext?.();
    for (const channel of [NOTIFY, RESOLVE, REJECT] as const) {
      const filter = filters[channel];
      this.#add(channel, [
        function pipeFilter(this: unknown, ...args: unknown[]) {
          runPipeForward(next, channel, filter, this, args, run);
        },
      ]);
    }
    return next;
  }

  // ---------------------------------------------------------------------------------------------
  // Running then reactions (the Promises/A+ resolution procedure)

  static #runReaction(
    reaction: Reaction,
    channel: Channel,
    context: unknown,
    args: ArrayLike<unknown>,
    asyncError: unknown,
  ): void {
    const handler =
      channel === RESOLVE
        ? reaction.onFulfilled
        : channel === REJECT
          ? reaction.onRejected
          : reaction.onProgress;
    if (reaction.derived === undefined) {
      // An internal adoption: its handlers are the resolution callbacks themselves.
      handler?.apply(context, args as unknown[]);
      return;
    }
    PromiseCore.#process(
      reaction,
      0,
      handler,
      channel === REJECT ? REJECT : RESOLVE,
      channel === NOTIFY ? NOTIFY : RESOLVE,
      context,
      args,
      asyncError,
    );
  }

  /**
   * Runs one handler of `reaction` and settles its derived promise from the outcome.
   *
   * @param depth     0 for the reaction's own handlers; the adoption depth for callbacks handed to
   *                  an adopted thenable. Calls from a superseded adoption are ignored.
   * @param handler   the user's handler, or `undefined` for the pass-through
   * @param passKind  what the pass-through does: RESOLVE = identity, REJECT = rethrow
   * @param outcome   what a plain value does to the derived promise: RESOLVE or NOTIFY
   */
  static #process(
    reaction: Reaction,
    depth: number,
    handler: AnyFunction | undefined,
    passKind: typeof RESOLVE | typeof REJECT,
    outcome: typeof RESOLVE | typeof NOTIFY,
    context: unknown,
    args: ArrayLike<unknown>,
    asyncError: unknown,
  ): void {
    if (depth < reaction.maxDepth) return;
    const derived = reaction.derived!;
    let returned: unknown;
    if (handler !== undefined) {
      returned = tryApply(handler, context, args);
      if (returned === THREW) {
        PromiseCore.#rejectDerived(reaction, depth, takeThrown(), undefined, undefined, asyncError);
        return;
      }
      context = undefined;
      args = [returned];
    } else if (passKind === REJECT) {
      // jQuery's pass-through rejection is a rethrow, so the exception hook sees it too.
      PromiseCore.#rejectDerived(reaction, depth, args[0], context, args, asyncError);
      return;
    } else {
      returned = args[0];
    }
    if (returned === derived) {
      const error = new TypeError("Thenable self-resolution");
      PromiseCore.#rejectDerived(reaction, depth, error, undefined, undefined, asyncError);
      return;
    }
    if (isObjectLike(returned)) {
      if (returned instanceof PromiseCore && !Object.hasOwn(returned, "then")) {
        PromiseCore.#adopt(reaction, outcome, returned, undefined);
        return;
      }
      let then: unknown;
      try {
        then = (returned as { then?: unknown }).then;
        if (typeof then === "function") {
          PromiseCore.#adopt(reaction, outcome, returned, then as AnyFunction);
          return;
        }
      } catch (error) {
        PromiseCore.#rejectDerived(reaction, depth, error, undefined, undefined, asyncError);
        return;
      }
    }
    fireChannel(derived, outcome, context, args);
  }

  /**
   * Follows a thenable returned by a handler. For fulfilment and rejection handlers this starts a
   * new adoption depth and also forwards the thenable's progress; for progress handlers the
   * thenable's value becomes a notification.
   */
  static #adopt(
    reaction: Reaction,
    outcome: typeof RESOLVE | typeof NOTIFY,
    thenable: object,
    then: AnyFunction | undefined,
  ): void {
    if (then !== undefined && thenableNesting >= MAX_THENABLE_NESTING) {
      throw new RangeError(
        `then(): thenables called back with another thenable ${MAX_THENABLE_NESTING} times ` +
          "synchronously, one inside the other; is there a cycle of thenables?",
      );
    }
    const depth = outcome === RESOLVE ? ++reaction.maxDepth : reaction.maxDepth;
    const follow = (
      passKind: typeof RESOLVE | typeof REJECT,
      out: typeof RESOLVE | typeof NOTIFY,
    ) =>
      function adoptedCallback(this: unknown, ...args: unknown[]) {
        PromiseCore.#process(reaction, depth, undefined, passKind, out, this, args, undefined);
      };
    let onFulfilled = follow(RESOLVE, outcome);
    let onRejected = follow(REJECT, outcome);
    if (depth === 0) {
      // A thenable returned by a progress handler before any adoption is followed at depth 0,
      // where jQuery makes each of its callbacks a new scheduled step (consulting getErrorHook).
      const relay = new Reaction(undefined, onFulfilled, onRejected, undefined);
      onFulfilled = function relayFulfilled(this: unknown, ...args: unknown[]) {
        schedule(relay, RESOLVE, this, args);
      };
      onRejected = function relayRejected(this: unknown, ...args: unknown[]) {
        schedule(relay, REJECT, this, args);
      };
    }
    const onProgress = outcome === RESOLVE ? follow(RESOLVE, NOTIFY) : undefined;
    if (then === undefined) {
      (thenable as PromiseCore).#subscribe(
        new Reaction(undefined, onFulfilled, onRejected, onProgress),
      );
    } else {
      thenableNesting++;
      try {
        if (onProgress === undefined) then.call(thenable, onFulfilled, onRejected);
        else then.call(thenable, onFulfilled, onRejected, onProgress);
      } finally {
        thenableNesting--;
      }
    }
  }

  /**
   * An exception (or a passed-through rejection) at `depth`: report it to the exception hook, then
   * reject the derived promise unless a newer adoption has taken over. `context`/`args` are the
   * original ones for a pass-through rejection, otherwise the exception alone is the reason.
   */
  static #rejectDerived(
    reaction: Reaction,
    depth: number,
    error: unknown,
    context: unknown,
    args: ArrayLike<unknown> | undefined,
    asyncError: unknown,
  ): void {
    const hook = hookHost.exceptionHook;
    // A throwing hook must not leave the derived promise pending forever: reject it first, then
    // let the hook's exception surface.
    const hookErrors = new ErrorCollector();
    if (typeof hook === "function" && tryApply(hook, hookHost, [error, asyncError]) === THREW) {
      hookErrors.record();
    }
    if (depth + 1 >= reaction.maxDepth) {
      fireChannel(reaction.derived!, REJECT, context, args ?? [error]);
    }
    hookErrors.rethrow();
  }
}

/**
 * How many foreign `then` calls may nest on the stack. Like jQuery, a thenable that calls back at
 * once with another thenable is followed at once, recursively; a cycle of such thenables would
 * overflow the stack, and a stack overflow caught at the wrong depth would leave the promise
 * pending forever. Past this depth the promise is rejected with a RangeError instead.
 */
const MAX_THENABLE_NESTING = 256;
let thenableNesting = 0;

/**
 * How many pipe forwards may nest on the stack. A pipe settles the next promise synchronously, so
 * a chain of pipes recurses once per link; jQuery overflows the stack after a few thousand. Beyond
 * this depth a forward waits for the outermost one to finish it, in a loop, so a chain of any
 * length settles before `resolve` returns, in jQuery's order up to this depth.
 */
const MAX_PIPE_NESTING = 256;
let pipeNesting = 0;
/** Forwards waiting for the outermost one, each as its six `forwardPipe` arguments. */
const pipeBacklog: unknown[][] = [];

/** Runs one pipe link: its filter, then settles `next` from the result, as jQuery's pipe does. */
function forwardPipe(
  next: PromiseCore,
  channel: Channel,
  filter: AnyFunction | undefined,
  context: unknown,
  args: unknown[],
  run: ContextRunner | undefined,
): void {
  // Only the filter runs in the captured context: `next`'s done/fail callbacks, like any
  // deferred's, run in the context of whoever settles it (here, the caller of `resolve`).
  const returned =
    filter === undefined
      ? undefined
      : run === undefined
        ? filter.apply(context, args)
        : run(Reflect.apply, filter, context, args);
  if (hasPromiseMethod(returned)) {
    const source = callPromiseMethod(returned, "pipe");
    source.progress(settler(next, NOTIFY));
    source.done(settler(next, RESOLVE));
    source.fail(settler(next, REJECT));
  } else {
    fireChannel(next, channel, context, filter ? [returned] : args);
  }
}

function runPipeForward(
  next: PromiseCore,
  channel: Channel,
  filter: AnyFunction | undefined,
  context: unknown,
  args: unknown[],
  run: ContextRunner | undefined,
): void {
  if (pipeNesting >= MAX_PIPE_NESTING) {
    pipeBacklog.push([next, channel, filter, context, args, run]);
    return;
  }
  if (pipeNesting > 0) {
    pipeNesting++;
    try {
      forwardPipe(next, channel, filter, context, args, run);
    } finally {
      pipeNesting--;
    }
    return;
  }
  // The outermost forward: like a nested one, an exception reaches the caller of `resolve`, but
  // only after every waiting forward has run.
  const errors = new ErrorCollector();
  pipeNesting = 1;
  if (
    tryApply(forwardPipe as AnyFunction, undefined, [next, channel, filter, context, args, run]) ===
    THREW
  ) {
    errors.record();
  }
  for (let i = 0; i < pipeBacklog.length; i++) {
    const waiting = pipeBacklog[i]!;
    pipeBacklog[i] = [];
    if (tryApply(forwardPipe as AnyFunction, undefined, waiting) === THREW) errors.record();
  }
  pipeBacklog.length = 0;
  pipeNesting = 0;
  errors.rethrow();
}

function schedule(reaction: Reaction, channel: Channel, context: unknown, args: unknown): void {
  const getErrorHook = hookHost.getErrorHook;
  let asyncError =
    typeof getErrorHook === "function" ? tryApply(getErrorHook, hookHost, []) : undefined;
  if (asyncError === THREW) {
    // Throwing here would abandon the settlement half done (later reactions and every done/fail
    // callback skipped); the handler is scheduled anyway and the exception surfaces as uncaught.
    const error = takeThrown();
    asyncError = undefined;
    queueMicrotask(() => {
      throw error;
    });
  }
  enqueueJob(reaction, channel, context, args, asyncError);
}

function listLength(slot: CallbackSlot): number {
  return slot === undefined ? 0 : typeof slot === "function" ? 1 : slot.length;
}

/**
 * A detached resolve/reject/notify for `core` that, like jQuery's, fires with the caller's `this`
 * and returns it (a thenable handed these by `when` sees jQuery's return values).
 */
export function settler(core: PromiseCore, channel: Channel): AnyFunction {
  return function settle(this: unknown, ...args: unknown[]) {
    fireChannel(core, channel, this, args);
    return this;
  };
}

/** The duck test jQuery's `when` and `pipe` use: a callable `promise` property. */
export function hasPromiseMethod(value: unknown): value is { promise(): unknown } {
  return isObjectLike(value) && typeof (value as { promise?: unknown }).promise === "function";
}

/** The subset of a jQuery-style promise that `when` and `pipe` call on a `promise()` result. */
export interface PromiseMethods {
  done(fn: AnyFunction): unknown;
  fail(fn: AnyFunction): unknown;
  progress(fn: AnyFunction): unknown;
}

/**
 * Calls `value.promise()` and checks that the result has `done`/`fail`/`progress`. jQuery calls them
 * blindly and fails with an obscure "cannot read property 'done' of undefined"; we name the problem.
 */
export function callPromiseMethod(value: { promise(): unknown }, caller: string): PromiseMethods {
  const result = value.promise() as Partial<PromiseMethods> | null | undefined;
  if (
    (typeof result !== "object" && typeof result !== "function") ||
    result === null ||
    typeof result.done !== "function" ||
    typeof result.fail !== "function" ||
    typeof result.progress !== "function"
  ) {
    throw new TypeError(
      `${caller}(): the value has a promise() method, but it returned ${describe(result)} ` +
        "instead of a promise with done/fail/progress methods",
    );
  }
  return result as PromiseMethods;
}
