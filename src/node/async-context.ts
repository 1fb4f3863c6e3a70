/**
 * Node's async-context source, which Node's entry points install when the package is loaded (the
 * `node` export condition; see ./setup.ts, tsup.config.ts and docs/async-context.md). Kept out of
 * the core and of the browser bundles: src/node/ is the only folder that imports from `node:`.
 *
 * `AsyncLocalStorage.snapshot()` would do, but costs 5 to 25 µs a call on Node 18 to 24 (it
 * defines properties on a new bound function), paid once per `then`. An `AsyncResource` captures
 * the same context (the store of every AsyncLocalStorage; on Node 24 the AsyncContextFrame) for
 * 50 to 150 ns, and `runInAsyncScope` restores it, exactly as `snapshot()`'s own runner does.
 * Default options: when an async_hooks tool listens for destroy events, each resource is
 * reported destroyed once collected, as every other resource is.
 */
import { AsyncResource } from "node:async_hooks";
import type { AsyncContextSource, ContextRunner } from "../core/index.js";

/** Captures Node's current async context as an `AsyncResource` named "jq-deferred". */
export const nodeAsyncContext: AsyncContextSource = {
  snapshot(): ContextRunner {
    const resource = new AsyncResource("jq-deferred");
    return (fn, ...args) => resource.runInAsyncScope(fn, undefined, ...args);
  },
};
