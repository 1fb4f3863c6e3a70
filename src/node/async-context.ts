/**
 * Node's async-context source, which Node's entry points install when the package is loaded (the
 * `node` export condition; see ./setup.ts, tsup.config.ts and docs/async-context.md). Kept out of
 * the core and of the browser bundles: src/node/ is the only folder that uses Node's modules.
 *
 * `AsyncLocalStorage.snapshot()` would do, but costs 5 to 25 µs a call on Node 18 to 24 (it
 * defines properties on a new bound function), paid once per `then`. An `AsyncResource` captures
 * the same context (the store of every AsyncLocalStorage; on Node 24 the AsyncContextFrame) for
 * 50 to 150 ns, and `runInAsyncScope` restores it, exactly as `snapshot()`'s own runner does.
 * Default options: when an async_hooks tool listens for destroy events, each resource is
 * reported destroyed once collected, as every other resource is.
 */
import type * as asyncHooks from "node:async_hooks";
import type { AsyncContextSource, ContextRunner } from "../core/index.js";

/**
 * Node's `async_hooks` module, through `process.getBuiltinModule` where Node has it (20.16 and
 * later). This code runs from the CommonJS build, and a bundler that turns a program for Node into
 * an ES module (esbuild's `--format=esm --platform=node`) replaces a `require` of a built-in with a
 * function that throws; it leaves this call alone. Older Node versions load it through the
 * CommonJS module that this code is written into (`module.require`: a bare `require` would be
 * rewritten by our own build, which targets no platform).
 */
const { AsyncResource } =
  process.getBuiltinModule?.("node:async_hooks") ??
  (module.require("node:async_hooks") as typeof asyncHooks);

/** Captures Node's current async context as an `AsyncResource` named "jq-deferred". */
export const nodeAsyncContext: AsyncContextSource = {
  snapshot(): ContextRunner {
    const resource = new AsyncResource("jq-deferred");
    return (fn, ...args) => resource.runInAsyncScope(fn, undefined, ...args);
  },
};
