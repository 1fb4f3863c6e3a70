/**
 * Which async context `then` handlers and `pipe` filters run in.
 *
 * Native promises run each reaction in the async context (Node's `AsyncLocalStorage`, the TC39
 * AsyncContext proposal) that was current when `then` was called. Our `then` jobs run in one drain
 * started by a single microtask (scheduler.ts), so on their own they would all run in the context
 * of whoever queued the drain's first job: in a server, request B's handlers would see request A's
 * store. Instead every reaction captures the current context when it is created and its job runs
 * inside that capture; the drain stays one microtask.
 *
 * The core knows contexts only through a source installed here, platform-neutral: with none (the
 * default, and browsers) capturing costs one `undefined` comparison per `then`. Node's entry points
 * install `AsyncLocalStorage` when the package is loaded (the `node` export condition, see
 * tsup.config.ts), so nothing Node-specific is in the core or in the browser bundles.
 */
import { describe } from "./invoke.js";

/**
 * Runs `fn(...args)` inside the async context it was captured in and returns what `fn` returns,
 * as the function returned by `AsyncLocalStorage.snapshot()` does.
 */
export type ContextRunner = <R, A extends unknown[]>(fn: (...args: A) => R, ...args: A) => R;

/**
 * Where async contexts come from: anything with a `snapshot()` method that returns a
 * {@link ContextRunner} for the current context, such as Node's `AsyncLocalStorage` class.
 *
 * @example
 * import { AsyncLocalStorage } from "node:async_hooks";
 * const source: AsyncContextSource = AsyncLocalStorage;
 */
export interface AsyncContextSource {
  snapshot(): ContextRunner;
}

/** A job run in a captured context: five positional arguments, as the scheduler's jobs have. */
type Job = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => unknown;

/** The installed source's `snapshot`, bound to it; `undefined` while contexts are not followed. */
let snapshot: (() => unknown) | undefined;

/**
 * Makes `then`/`catch` handlers and `pipe` filters run in the async context that was current when
 * they were registered, as native promise handlers do, or (`false`) stops doing so. On Node this is
 * on from the moment the package is loaded (with `AsyncLocalStorage`), for `import` and `require`
 * alike; elsewhere it is off until called. `done`/`fail`/`progress`/`always` callbacks are not
 * concerned: they run synchronously inside `resolve`/`reject`/`notify`, in the caller's context.
 *
 * @param source - anything whose `snapshot()` returns a function `(fn, ...args) => fn(...args)`
 *   run in the context current at the `snapshot()` call, such as `AsyncLocalStorage`; or `false`
 *   to run every handler in the context of the job queue again (cheaper, but in a server request
 *   B's handlers may see request A's store).
 * @throws TypeError if `source` is neither `false` nor an object or function whose `snapshot` is a
 *   method returning a function.
 *
 * @example
 * import { AsyncLocalStorage } from "node:async_hooks";
 * const requestId = new AsyncLocalStorage<string>();
 * useAsyncContext(AsyncLocalStorage); // Node's default, shown for completeness
 * const loaded = Deferred<[string]>();
 * requestId.run("req-1", () => {
 *   loaded.then((body) => console.log(requestId.getStore(), body)); // "req-1" "…"
 * });
 * requestId.run("req-2", () => loaded.resolve("…"));
 *
 * @example
 * // The TC39 AsyncContext proposal, where it is available:
 * // useAsyncContext({ snapshot: () => { const s = new AsyncContext.Snapshot(); return (fn, ...args) => s.run(fn, ...args); } });
 * useAsyncContext(false); // back to the job queue's context, e.g. to measure the difference
 */
export function useAsyncContext(source: AsyncContextSource | false): void {
  if (source === false) {
    snapshot = undefined;
    return;
  }
  const method: unknown =
    (typeof source === "object" && source !== null) || typeof source === "function"
      ? source.snapshot
      : undefined;
  const bound = typeof method === "function" ? method.bind(source) : undefined;
  // One trial capture, so that a wrong source fails here, at once, rather than in every `then`.
  if (bound === undefined || typeof bound() !== "function") {
    throw new TypeError(
      `useAsyncContext(source): expected false or a source whose snapshot() returns a function ` +
        `(such as AsyncLocalStorage), got ${describe(source)}`,
    );
  }
  snapshot = bound as () => unknown;
}

/** The current context, to run a handler in later; `undefined` while contexts are not followed. */
export function captureContext(): ContextRunner | undefined {
  return snapshot === undefined ? undefined : takeSnapshot(snapshot);
}

/**
 * Captures through the installed source. A source that throws or stops returning functions must
 * not break `then` (a half-made reaction would leave its promise pending): the handler then runs
 * without a captured context and the problem is reported as an uncaught exception.
 */
function takeSnapshot(take: () => unknown): ContextRunner | undefined {
  let runner: unknown;
  try {
    runner = take();
  } catch (error) {
    reportLater(error);
    return undefined;
  }
  if (typeof runner === "function") return runner as ContextRunner;
  reportLater(
    new TypeError(
      `useAsyncContext(source): source.snapshot() returned ${describe(runner)} instead of a function`,
    ),
  );
  return undefined;
}

/** How many jobs runners have started: tells {@link runInContext} whether its runner called. */
let started = 0;

function startJob(job: Job, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown): unknown {
  started++;
  return job(a, b, c, d, e);
}

/**
 * Runs `job(a, b, c, d, e)` through `run`, the capture of the context it belongs to, and returns
 * its result. Exceptions of the job reach the caller as if it had been called directly. A runner that never calls the job
 * (a broken source) must not leave a promise pending: the job then runs here, outside any captured
 * context, and the runner's failure is reported as an uncaught exception.
 */
export function runInContext(
  run: ContextRunner,
  job: Job,
  a: unknown,
  b: unknown,
  c: unknown,
  d: unknown,
  e: unknown,
): unknown {
  const before = started;
  try {
    const result = run(startJob, job, a, b, c, d, e);
    if (started !== before) return result;
    reportLater(new TypeError("useAsyncContext(source): a snapshot did not call its function"));
  } catch (error) {
    if (started !== before) throw error;
    reportLater(error);
  }
  return job(a, b, c, d, e);
}

/** Surfaces `error` as an uncaught exception without interrupting the caller. */
function reportLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
