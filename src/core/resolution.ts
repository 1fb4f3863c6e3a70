/**
 * `then`, and the one resolution procedure of Promises/A+ as jQuery 4 runs it.
 *
 * `then` subscribes a {@link Reaction} to a core and returns the derived core. When the core is
 * notified or settles, the reaction schedules itself (scheduler.ts); when its job runs, the
 * matching handler is called and its outcome settles the derived promise: a value resolves (or,
 * from a progress handler, notifies) it, an exception rejects it, and a thenable is adopted. Every
 * thenable is read once (thenable.ts): our own untampered promises are followed directly, anything
 * else through the `then` that was read.
 */
import { captureContext, type ContextRunner } from "./async-context.js";
import { type AnyFunction, takeThrown, threw, tryApply } from "./errors.js";
import { captureAsyncError, reportException } from "./hooks.js";
import { enqueueJob, enqueueYieldingJob, type Job } from "./scheduler.js";
import { Channel, fireChannel, PromiseCore, subscribe, type Subscriber } from "./state.js";
import { readThen, untamperedCore } from "./thenable.js";
import {
  firstValue,
  type FiredValues,
  isObjectLike,
  copyArguments,
  oneValue,
  valuesList,
} from "./values.js";

/**
 * `then(onFulfilled, onRejected, onProgress)` on `core`: subscribes and returns the derived core.
 * (Not exported as `then`: a module namespace with a `then` export is itself a thenable, and
 * `await import()` of it would call it.)
 */
export function thenOn(
  core: PromiseCore,
  onFulfilled: unknown,
  onRejected: unknown,
  onProgress: unknown,
): PromiseCore {
  const derived = new PromiseCore();
  subscribe(
    core,
    new Reaction(derived, asFunction(onFulfilled), asFunction(onRejected), asFunction(onProgress)),
  );
  return derived;
}

/**
 * What `then()` on a promise resolved with `value` returns, without reading `value.then` again:
 * a derived promise that adopts `value` from a job of its own (one of our own untampered promises
 * directly, another thenable through its `then`, read here once; a throwing read rejects it).
 * `undefined` if `value` is not a thenable: `then()` would only pass it through. `when(x)` uses
 * it when `x` resolved at once with a thenable (jQuery's gh-3000 rule).
 */
export function adoptLater(value: object): PromiseCore | undefined {
  const core = untamperedCore(value, "then");
  const then = core === undefined ? readThen(value) : undefined;
  if (core === undefined && then === undefined) return undefined;
  const reaction = new Reaction(new PromiseCore(), undefined, undefined, undefined);
  const error = threw(then) ? takeThrown() : undefined;
  const adoption: Adoption = [core ?? value, then ?? undefined, error, captureAsyncError()];
  enqueueJob(ADOPTION, reaction, adoption);
  return reaction.derived;
}

/** What {@link adoptLater} hands its job: the thenable, its `then`, the read's error, asyncError. */
type Adoption = [thenable: object, then: unknown, readError: unknown, asyncError: unknown];

/**
 * The job of {@link adoptLater}: `(reaction, adoption)`, run in the reaction's async context like
 * its own jobs.
 */
const ADOPTION: Job = {
  run(reaction, adoption) {
    const runIn = (reaction as Reaction).runIn;
    if (runIn === undefined) startAdoption(reaction as Reaction, adoption as Adoption);
    else runIn(startAdoption, reaction as Reaction, adoption as Adoption);
  },
};

// The job values below are read by index: destructuring would go through
// `Array.prototype[Symbol.iterator]`, which a program may have replaced.
function startAdoption(reaction: Reaction, adoption: Adoption) {
  const then = adoption[1];
  if (threw(then)) {
    rejectWith(reaction, 0, adoption[2], adoption[3]);
  } else {
    adopt(reaction, 0, Channel.RESOLVE, adoption[0], then as AnyFunction | undefined, adoption[3]);
  }
}

const asFunction = (value: unknown): AnyFunction | undefined =>
  typeof value === "function" ? (value as AnyFunction) : undefined;

/**
 * One `then` subscription. `derived` is the promise `then` returned; an internal adoption has no
 * derived promise and calls its handlers directly. `maxDepth` implements Promises/A+'s "only the
 * latest adopted thenable counts" (a callback from an older adoption carries a smaller depth).
 */
class Reaction implements Subscriber, Job {
  // Declared, and assigned by the constructor alone: a parameter property is emitted twice, as a
  // class field and as an assignment, and the browser bundles are 20 B smaller without the fields.
  declare readonly derived: PromiseCore | undefined;
  declare readonly onFulfilled: AnyFunction | undefined;
  declare readonly onRejected: AnyFunction | undefined;
  declare readonly onProgress: AnyFunction | undefined;
  /** The async context current when the reaction was made, which its jobs run in (async-context.ts). */
  declare readonly runIn: ContextRunner | undefined;
  declare maxDepth: number;
  constructor(
    derived: PromiseCore | undefined,
    onFulfilled: AnyFunction | undefined,
    onRejected: AnyFunction | undefined,
    onProgress: AnyFunction | undefined,
  ) {
    this.derived = derived;
    this.onFulfilled = onFulfilled;
    this.onRejected = onRejected;
    this.onProgress = onProgress;
    this.runIn = captureContext?.();
    this.maxDepth = 0;
  }

  /**
   * Told of an event of the promise it is subscribed to: schedules its handler. Most events have
   * neither a context nor an async error, and their job is the channel and the values alone: three
   * slots of the queue, where five cost about 45 instructions more per job to store and read back
   * (a then-chain link, `bench/function-instructions.mjs`). The others carry an {@link EventRecord}.
   */
  react(channel: Channel, context: unknown, values: FiredValues): void {
    const asyncError = captureAsyncError();
    if (context === undefined && asyncError === undefined) enqueueJob(this, channel, values);
    else enqueueRecorded(this, channel, context, values, asyncError);
  }

  /**
   * The scheduled job, `(channel, values)` or `(channel + JobKind.WITH_RECORD, record)`: runs the
   * handler for the channel, in the captured async context if any.
   */
  run(event: unknown, payload: unknown): void {
    // Most jobs: a fulfilment handler called without context, async context or adoption under
    // way, handled here without the general path's unpacking, handler choice and arguments.
    // Small enough that the job loop inlines it with the settling of the derived promise: a
    // then-chain link 831 -> 759 instructions, create + then + resolve 1,133 -> 1,040
    // (`BENCH_ROUNDS=30,60 node bench/function-instructions.mjs`, with prepareToQueue).
    const handler = this.onFulfilled;
    const derived = this.derived;
    if (
      event === Channel.RESOLVE &&
      handler !== undefined &&
      derived !== undefined &&
      this.runIn === undefined &&
      this.maxDepth === 0
    ) {
      const returned = tryApply(handler, undefined, payload);
      // The first two cases of settleFromOutcome, tested here too: handing every result to it
      // made `then` 1,040 -> 1,079 and a chain link 759 -> 787 (settle is no longer inlined).
      if (returned === undefined || (!threw(returned) && !isObjectLike(returned))) {
        fireChannel(derived, Channel.RESOLVE, undefined, returned);
      } else {
        settleFromOutcome(this, 0, Channel.RESOLVE, returned, undefined);
      }
    } else {
      this.runOtherwise(event, payload);
    }
  }

  /** {@link run} for any other job. */
  runOtherwise(event: unknown, payload: unknown): void {
    let channel = event as number;
    let context: unknown = undefined;
    let values: FiredValues = payload;
    let asyncError: unknown = undefined;
    if (channel >= JobKind.WITH_RECORD) {
      const record = payload as EventRecord;
      channel -= JobKind.WITH_RECORD;
      context = record[0];
      values = record[1];
      asyncError = record[2];
    }
    const runIn = this.runIn;
    if (runIn === undefined) this.handle(channel, context, values, asyncError);
    else runIn(runHandler, this, channel, context, values, asyncError);
  }

  handle(channel: unknown, context: unknown, values: FiredValues, asyncError: unknown): void {
    const handler =
      channel === Channel.RESOLVE
        ? this.onFulfilled
        : channel === Channel.REJECT
          ? this.onRejected
          : this.onProgress;
    if (this.derived === undefined) {
      // An internal adoption: its handlers are the resolution callbacks themselves (ours).
      if (handler !== undefined) Reflect.apply(handler, context, valuesList(values));
      return;
    }
    process(
      this,
      0,
      handler,
      channel === Channel.REJECT ? Channel.REJECT : Channel.RESOLVE,
      channel === Channel.NOTIFY ? Channel.NOTIFY : Channel.RESOLVE,
      context,
      values,
      asyncError,
    );
  }
}

/**
 * Added to the channel of a job whose event is an {@link EventRecord}. A const enum, like
 * `Channel`: the build writes the number in place, where a module-level constant would be a
 * variable of the bundle that every job loads and checks.
 */
const enum JobKind {
  WITH_RECORD = 4,
}

/** An event with a context or an async error, as its job carries it. */
type EventRecord = [context: unknown, values: FiredValues, asyncError: unknown];

/** Queues the job of an event with a context or an async error: apart, to keep `react` small. */
function enqueueRecorded(
  reaction: Reaction,
  channel: Channel,
  context: unknown,
  values: FiredValues,
  asyncError: unknown,
): void {
  const record: EventRecord = [context, values, asyncError];
  enqueueJob(reaction, channel + JobKind.WITH_RECORD, record);
}

const runHandler = (
  reaction: Reaction,
  channel: unknown,
  context: unknown,
  values: FiredValues,
  asyncError: unknown,
): void => reaction.handle(channel, context, values, asyncError);

/**
 * Runs one handler of `reaction` and settles its derived promise from the outcome.
 *
 * @param depth     0 for the reaction's own handlers; the adoption depth for callbacks handed to
 *                  an adopted thenable. Calls from a superseded adoption are ignored.
 * @param handler   the user's handler, or `undefined` for the pass-through
 * @param passKind  what the pass-through does: RESOLVE = identity, REJECT = rethrow
 * @param outcome   what a plain value does to the derived promise: RESOLVE or NOTIFY
 */
function process(
  reaction: Reaction,
  depth: number,
  handler: AnyFunction | undefined,
  passKind: Channel.RESOLVE | Channel.REJECT,
  outcome: Channel.RESOLVE | Channel.NOTIFY,
  context: unknown,
  values: FiredValues,
  asyncError: unknown,
): void {
  if (depth < reaction.maxDepth) return;
  if (handler !== undefined) {
    settleFromOutcome(reaction, depth, outcome, tryApply(handler, context, values), asyncError);
    return;
  }
  if (passKind === Channel.REJECT) {
    // jQuery's pass-through rejection is a rethrow, so the exception hook sees it too.
    reportException(firstValue(values), asyncError);
    rejectDerived(reaction, depth, context, values);
    return;
  }
  // The pass-through of a fulfilment or notification: the same context and values, unless the
  // first value is a thenable to adopt.
  const passed = firstValue(values);
  if (
    passed === undefined ||
    !isObjectLike(passed) ||
    !adoptedObject(reaction, depth, outcome, passed, asyncError)
  ) {
    fireChannel(reaction.derived!, outcome, context, values);
  }
}

/**
 * Settles the derived promise of `reaction` from what its handler returned (or `THREW`):
 * an exception rejects it, a thenable is adopted, any other value resolves it (or, from a
 * progress handler, notifies it). `undefined`, what most handlers return, is tested first: one
 * comparison, where the object test of a value of unknown type is about 30 instructions.
 */
function settleFromOutcome(
  reaction: Reaction,
  depth: number,
  outcome: Channel.RESOLVE | Channel.NOTIFY,
  returned: unknown,
  asyncError: unknown,
): void {
  if (threw(returned)) {
    rejectWith(reaction, depth, takeThrown(), asyncError);
  } else if (returned === undefined || !isObjectLike(returned)) {
    fireChannel(reaction.derived!, outcome, undefined, returned);
  } else if (!adoptedObject(reaction, depth, outcome, returned, asyncError)) {
    fireChannel(reaction.derived!, outcome, undefined, oneValue(returned));
  }
}

/**
 * The resolution procedure for an object `value` at `depth`: rejects on self-resolution, adopts a
 * thenable, rejects if reading `then` throws. `false` if `value` is a plain object, which then
 * settles the derived promise like any value.
 */
function adoptedObject(
  reaction: Reaction,
  depth: number,
  outcome: Channel.RESOLVE | Channel.NOTIFY,
  value: object,
  asyncError: unknown,
): boolean {
  // Compared only once known to be an object: a comparison that also sees numbers and strings
  // is compiled to a call of the generic one.
  if (value === reaction.derived) {
    rejectWith(reaction, depth, new TypeError("Thenable self-resolution"), asyncError);
    return true;
  }
  const core = untamperedCore(value, "then");
  if (core !== undefined) {
    adopt(reaction, depth, outcome, core, undefined, asyncError);
    return true;
  }
  const then = readThen(value);
  if (threw(then)) {
    rejectWith(reaction, depth, takeThrown(), asyncError);
    return true;
  }
  if (then === undefined) return false;
  adopt(reaction, depth, outcome, value, then, asyncError);
  return true;
}

/**
 * Follows a thenable returned by a handler (at `depth`): `then` is what was read from it, or
 * `undefined` for one of our own promises, subscribed to directly. For fulfilment and rejection
 * handlers this starts a new adoption depth and also forwards the thenable's progress; for
 * progress handlers the thenable's value becomes a notification.
 */
function adopt(
  reaction: Reaction,
  depth: number,
  outcome: Channel.RESOLVE | Channel.NOTIFY,
  thenable: object,
  then: AnyFunction | undefined,
  asyncError: unknown,
): void {
  const adoptedDepth = outcome === Channel.RESOLVE ? ++reaction.maxDepth : reaction.maxDepth;
  const follow = (
    passKind: Channel.RESOLVE | Channel.REJECT,
    out: Channel.RESOLVE | Channel.NOTIFY,
  ) =>
    function adoptedCallback(this: unknown) {
      // eslint-disable-next-line prefer-rest-params -- one value is passed on as it is
      const values = arguments.length === 1 ? oneValue(arguments[0]) : copyArguments(arguments);
      process(reaction, adoptedDepth, undefined, passKind, out, this, values, undefined);
    };
  let onFulfilled = follow(Channel.RESOLVE, outcome);
  let onRejected = follow(Channel.REJECT, outcome);
  if (adoptedDepth === 0) {
    // A thenable returned by a progress handler before any adoption is followed at depth 0,
    // where jQuery makes each of its callbacks a new scheduled step (consulting getErrorHook).
    const relay = new Reaction(undefined, onFulfilled, onRejected, undefined);
    onFulfilled = function relayFulfilled(this: unknown, ...values: unknown[]) {
      relay.react(Channel.RESOLVE, this, values);
    };
    onRejected = function relayRejected(this: unknown, ...values: unknown[]) {
      relay.react(Channel.REJECT, this, values);
    };
  }
  const onProgress =
    outcome === Channel.RESOLVE ? follow(Channel.RESOLVE, Channel.NOTIFY) : undefined;
  if (then === undefined) {
    subscribe(
      thenable as PromiseCore,
      new Reaction(undefined, onFulfilled, onRejected, onProgress),
    );
    return;
  }
  const callbacks =
    onProgress === undefined ? [onFulfilled, onRejected] : [onFulfilled, onRejected, onProgress];
  if (thenableNesting < MAX_THENABLE_NESTING) {
    callThen(reaction, depth, thenable, then, callbacks, asyncError);
  } else {
    // Thenables that call back at once with another thenable recurse here. Past this depth the
    // next `then` is called from a job that yields to the event loop first: a chain of any length
    // settles, a cycle never overflows the stack, and, unlike a cycle of native promise jobs,
    // never starves the event loop (timers and I/O run between every MAX_THENABLE_NESTING steps).
    const deferredCall: Job = {
      run: () => callThen(reaction, depth, thenable, then, callbacks, asyncError),
    };
    enqueueYieldingJob(deferredCall, undefined, undefined);
  }
}

/**
 * How many foreign `then` calls may nest on the stack before the next one is deferred to a task.
 * Like jQuery, a thenable that calls back at once with another thenable is followed at once,
 * recursively, up to this depth.
 */
const MAX_THENABLE_NESTING = 256;
let thenableNesting = 0;

/** Calls an adopted thenable's `then`; an exception it throws rejects, unless it called back. */
function callThen(
  reaction: Reaction,
  depth: number,
  thenable: object,
  then: AnyFunction,
  callbacks: AnyFunction[],
  asyncError: unknown,
): void {
  thenableNesting++;
  const result = tryApply(then, thenable, callbacks);
  thenableNesting--;
  if (threw(result)) rejectWith(reaction, depth, takeThrown(), asyncError);
}

/**
 * An exception at `depth`: report it to the exception hook, then reject the derived promise with
 * it unless a newer adoption has taken over.
 */
function rejectWith(reaction: Reaction, depth: number, error: unknown, asyncError: unknown): void {
  reportException(error, asyncError);
  rejectDerived(reaction, depth, undefined, oneValue(error));
}

/** Rejects the derived promise at `depth`, unless a newer adoption has taken over. */
function rejectDerived(
  reaction: Reaction,
  depth: number,
  context: unknown,
  values: FiredValues,
): void {
  if (depth + 1 >= reaction.maxDepth)
    fireChannel(reaction.derived!, Channel.REJECT, context, values);
}
