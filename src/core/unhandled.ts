/**
 * Unhandled-rejection tracking, off by default.
 *
 * jQuery never reports a rejection nobody listens to (only its `exceptionHook` warns, and only for
 * some error types). When tracking is on, a promise rejected with no fail callback and no `then`
 * subscription is a candidate; if it still has none when the turn it was rejected in is over (a
 * zero-delay timer, so every microtask of that turn has run), it is reported once. A handler
 * attached after that report reports it as handled, once, like Node's `rejectionHandled`.
 *
 * What counts as handling: `fail`, `always`, `then` and `catch` (with or without a rejection
 * handler), `pipe`, and `when` (which subscribes to its arguments). A `then` without a rejection
 * handler passes the rejection on to the promise it returned, which is then the one tracked, as
 * with native promises. `done` and `progress` do not count, nor does `fail()` with no function.
 *
 * While tracking is off the core holds no tracker and pays one comparison per rejection.
 */
import { ErrorCollector, rethrowLater, threw, tryApply } from "./errors.js";
import { type PromiseCore, type RejectionTracker, setRejectionTracker } from "./state.js";
import type { DeferredPromise } from "./types.js";

/**
 * The hooks of {@link trackUnhandledRejections}.
 *
 * @example
 * const hooks: UnhandledRejectionHooks = {
 *   unhandled: (reason, promise, values) => console.error("unhandled", reason, values.length),
 *   handled: (promise) => console.info("handled late", promise.state()),
 * };
 * trackUnhandledRejections(hooks);
 */
export interface UnhandledRejectionHooks {
  /**
   * Called once for a promise still unhandled at the end of the turn it was rejected in, with its
   * first rejection value, the promise (a deferred's `promise()`) and all its rejection values.
   */
  unhandled?: ((reason: unknown, promise: DeferredPromise, values: unknown[]) => void) | undefined;
  /** Called once when a handler is attached to a promise already reported as unhandled. */
  handled?: ((promise: DeferredPromise) => void) | undefined;
}

/** Rejected promises waiting for the end of the turn, with their rejection values. */
let candidates = new Map<PromiseCore, ArrayLike<unknown>>();
/** Promises reported as unhandled, so that a late handler is reported once. */
let reported = new WeakSet<PromiseCore>();
let checkScheduled = false;
let hooks: UnhandledRejectionHooks = {};
let tracking = false;

const tracker: RejectionTracker = {
  unhandled(promise, values) {
    candidates.set(promise, values);
    if (!checkScheduled) {
      checkScheduled = true;
      setTimeout(reportUnhandled);
    }
  },
  handled(promise) {
    if (candidates.delete(promise) || !reported.has(promise)) return;
    reported.delete(promise);
    // Called while a handler is being attached: throwing here would keep that handler from
    // running, so a throwing hook's exception surfaces as uncaught instead.
    const errors = callHook(hooks.handled, defaultHandled, [promise]);
    if (errors.failed) rethrowLater(errors.error);
  },
};

/**
 * Turns unhandled-rejection tracking on, with `hooks` (replacing earlier ones), or off with
 * `false`. Without an `unhandled` hook a report is a Node process warning
 * (`process.emitWarning`, type `"UnhandledRejectionWarning"`), or `console.warn` where there is no
 * `process`; without a `handled` hook a late handler gives a `"PromiseRejectionHandledWarning"`.
 * Turning tracking off forgets the pending candidates and the reported promises.
 *
 * @example
 * trackUnhandledRejections({
 *   unhandled: (reason, promise) => log.error("unhandled rejection", reason),
 *   handled: (promise) => log.info("handled late"),
 * });
 * Deferred().reject(new Error("lost")); // reported after this turn
 * trackUnhandledRejections(false);
 */
export function trackUnhandledRejections(setting: UnhandledRejectionHooks | boolean = true): void {
  if (setting === false) {
    setRejectionTracker(undefined);
    tracking = false;
    candidates = new Map();
    reported = new WeakSet();
    hooks = {};
    return;
  }
  if (setting === true) {
    hooks = {};
  } else if (typeof setting === "object" && setting !== null) {
    hooks = {
      unhandled: hookOption(setting, "unhandled"),
      handled: hookOption(setting, "handled"),
    };
  } else {
    throw new TypeError(
      `trackUnhandledRejections(setting): expected a hooks object or a boolean, got ${String(setting)}`,
    );
  }
  setRejectionTracker(tracker);
  tracking = true;
}

/**
 * Whether {@link trackUnhandledRejections} is on.
 *
 * @example
 * if (!isTrackingUnhandledRejections()) trackUnhandledRejections();
 */
export function isTrackingUnhandledRejections(): boolean {
  return tracking;
}

function hookOption<K extends keyof UnhandledRejectionHooks>(
  setting: UnhandledRejectionHooks,
  name: K,
): UnhandledRejectionHooks[K] {
  const hook: unknown = setting[name];
  if (hook === undefined || hook === null) return undefined;
  if (typeof hook !== "function") {
    throw new TypeError(
      `trackUnhandledRejections(hooks): hooks.${name} must be a function, got ${typeof hook}`,
    );
  }
  return hook as UnhandledRejectionHooks[K];
}

/** The end-of-turn check: reports every candidate still without a handler. */
function reportUnhandled(): void {
  checkScheduled = false;
  const due = candidates;
  candidates = new Map();
  const errors = new ErrorCollector();
  for (const [promise, values] of due) {
    reported.add(promise);
    const all = Array.from(values);
    callHook(hooks.unhandled, defaultUnhandled, [all[0], promise, all], errors);
  }
  // A throwing hook does not stop the other reports; its exception surfaces as uncaught.
  errors.rethrow();
}

function callHook(
  hook: ((...args: never[]) => void) | undefined,
  fallback: (...args: never[]) => void,
  args: unknown[],
  errors: ErrorCollector = new ErrorCollector(),
): ErrorCollector {
  if (threw(tryApply((hook ?? fallback) as (...args: unknown[]) => void, undefined, args))) {
    errors.record();
  }
  return errors;
}

let warningCount = 0;
const warningIds = new WeakMap<object, number>();

function defaultUnhandled(reason: unknown, promise: PromiseCore): void {
  const id = ++warningCount;
  warningIds.set(promise, id);
  warn(
    `Unhandled rejection of a jq-deferred promise (rejection id: ${id}): ${formatReason(reason)}`,
    "UnhandledRejectionWarning",
  );
}

function defaultHandled(promise: PromiseCore): void {
  const id = warningIds.get(promise);
  warn(
    `A jq-deferred promise rejection was handled asynchronously (rejection id: ${id ?? "?"})`,
    "PromiseRejectionHandledWarning",
  );
}

function warn(message: string, type: string): void {
  const process = (globalThis as { process?: { emitWarning?: unknown } }).process;
  if (typeof process?.emitWarning === "function") {
    (process.emitWarning as (message: string, type: string) => void)(message, type);
  } else {
    globalThis.console?.warn(message);
  }
}

/** The reason as text: an Error's stack when it has one; never throws. */
function formatReason(reason: unknown): string {
  try {
    if (reason instanceof Error) return reason.stack ?? String(reason);
    return typeof reason === "string" ? JSON.stringify(reason) : String(reason);
  } catch {
    return "(a value that cannot be converted to a string)";
  }
}
