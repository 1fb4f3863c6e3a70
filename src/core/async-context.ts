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
 * The core knows contexts only through `captureContext`, which `useAsyncContext` sets: while it is
 * `undefined` (the default, and browsers) capturing costs one comparison per `then`, and a bundle
 * that does not import `useAsyncContext` carries only that variable and the calls through it
 * (the checks on a source live in `useAsyncContext`). Node's entry points install a source when
 * the package is loaded (the `node` export condition, see tsup.config.ts), so nothing Node-specific is in the
 * core or in the browser bundles.
 */
import { type AnyFunction, rethrowLater } from "./errors.js";
import { describe } from "./values.js";

/**
 * Runs `fn(...args)` inside the async context it was captured in and returns what `fn` returns,
 * as the function returned by `AsyncLocalStorage.snapshot()` does.
 *
 * @example
 * import { AsyncLocalStorage } from "node:async_hooks";
 * const user = new AsyncLocalStorage<string>();
 * const inAlice: ContextRunner = user.run("alice", () => AsyncLocalStorage.snapshot());
 * inAlice(() => user.getStore()); // "alice"
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
  /** Captures the current async context: called once per `then`, so it should be cheap. */
  snapshot(): ContextRunner;
}

/**
 * Captures the current context, to run a handler in later; `undefined` while contexts are not
 * followed, so that the core pays one comparison per `then` for them. Set by `useAsyncContext`.
 */
export let captureContext: (() => ContextRunner | undefined) | undefined;

/** The capture of the last source installed, which `useAsyncContext(true)` turns back on. */
let lastCapture: (() => ContextRunner | undefined) | undefined;

/**
 * Makes `then`/`catch` handlers and `pipe` filters run in the async context that was current when
 * they were registered, as native promise handlers do, or (`false`) stops doing so for handlers
 * registered from then on; `true` turns the last source back on. On Node this is on from the
 * moment the package is loaded, for `import` and `require` alike, with a source built on
 * `AsyncResource` (it sees every `AsyncLocalStorage`, and adds 50 to 75 ns per `then` where
 * `AsyncLocalStorage.snapshot()` adds 5 to 14 µs); elsewhere it is off until called.
 * `done`/`fail`/`progress`/`always` callbacks are not concerned: they run synchronously inside
 * `resolve`/`reject`/`notify`, in the caller's context.
 *
 * A source whose `snapshot()` later throws or returns something else than a function never
 * leaves a promise pending: the handler runs without a captured context and the problem surfaces
 * as an uncaught exception. Like a {@link Scheduler} function with its task, a runner must call
 * the function it is given, once, and return what it returns.
 *
 * @param source - anything whose `snapshot()` returns a function `(fn, ...args) => fn(...args)`
 *   that runs `fn` in the context current at the `snapshot()` call, such as `AsyncLocalStorage`;
 *   `false` to run handlers in the context of the job queue again (cheaper, but in a server
 *   request B's handlers may see request A's store); `true` to turn the last source back on.
 * @throws TypeError if `source` is neither a boolean nor an object or function whose `snapshot` is
 *   a method returning a function (`snapshot` is called once, to check), or is `true` when no
 *   source was installed before.
 *
 * @example
 * import { AsyncLocalStorage } from "node:async_hooks";
 * const requestId = new AsyncLocalStorage<string>();
 * useAsyncContext(AsyncLocalStorage); // where the package did not turn it on (on Node, it did)
 * const loaded = Deferred<[body: string]>();
 * requestId.run("req-1", () => {
 *   loaded.then((body) => console.log(requestId.getStore(), body)); // "req-1" "…"
 * });
 * requestId.run("req-2", () => loaded.resolve("…"));
 *
 * @example
 * useAsyncContext(false); // every handler in the job queue's context, as before
 * runLegacyCode();
 * useAsyncContext(true); // the source installed before (on Node, the package's own) again
 */
export function useAsyncContext(source: AsyncContextSource | boolean): void {
  if (typeof source === "boolean") {
    if (source && lastCapture === undefined) {
      throw new TypeError("useAsyncContext(true): no source was installed before; pass one");
    }
    captureContext = source ? lastCapture : undefined;
    return;
  }
  // `?.`: a primitive has no `snapshot` (undefined), only null and undefined need the guard.
  const method: unknown = (source as AsyncContextSource | null | undefined)?.snapshot;
  // One trial capture, so that a wrong source fails here, at once, rather than in every `then`.
  if (typeof method !== "function" || typeof method.call(source) !== "function") {
    throw new TypeError(
      "useAsyncContext(source): expected a boolean or a source whose snapshot() returns a function, " +
        `such as AsyncLocalStorage; got ${describe(source)}`,
    );
  }
  captureContext = lastCapture = () => takeSnapshot(method as AnyFunction, source);
}

/** Whether an entry point has already offered its platform's source (see below). */
let platformSourceOffered = false;

/**
 * `useAsyncContext(source)`, the first time an entry point calls it in a process, and nothing
 * after that. Node's entry points each call it when loaded (tsup.config.ts writes the call into
 * them): a program that loads `jq-deferred/core` and later `jq-deferred` shares one core, and the
 * second entry must not turn async context back on after the program's `useAsyncContext(false)`.
 */
export function offerPlatformAsyncContext(source: AsyncContextSource): void {
  if (platformSourceOffered) return;
  platformSourceOffered = true;
  useAsyncContext(source);
}

/**
 * Captures through the source. A source that throws or stops returning functions must not break
 * `then` (a half-made reaction inside a job would leave its promise pending): the handler then
 * runs without a captured context and the problem is reported as an uncaught exception.
 */
function takeSnapshot(snapshot: AnyFunction, source: unknown): ContextRunner | undefined {
  try {
    const runner = snapshot.call(source);
    if (typeof runner === "function") return runner as ContextRunner;
    throw new TypeError(`useAsyncContext(source): snapshot() returned ${describe(runner)}`);
  } catch (error) {
    rethrowLater(error);
  }
}
