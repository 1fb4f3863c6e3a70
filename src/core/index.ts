/**
 * The core's public surface for the rest of the library: everything `src/index.ts`,
 * `src/core-exports.ts`, `src/ajax/`, `src/bridge/` and `src/node/` may use from `src/core/`, and
 * nothing else.
 *
 * Why a barrel: the core is split into files by concept (state machine, resolution, scheduling,
 * tracking…), and that split is its own business. Code outside the core imports only this module
 * (eslint's `no-restricted-imports` enforces it, see docs/architecture.md), so the core's files can
 * be split, merged or renamed by changing this list alone, and a reader sees here, in one place,
 * what the layers above actually depend on. The package's public API is a subset of it, chosen in
 * `src/core-exports.ts` and `src/index.ts`. Here for the layers above and not public: `describe`
 * (the bridge's error messages), `rethrowLater` (ajax's exceptions that have no caller) and
 * `offerPlatformAsyncContext` (Node's entry points).
 *
 * Re-exports only: no code runs here. With code splitting, esbuild assigns whole files to the
 * chunks of every entry that imports a module re-exporting them, used or not, so everything listed
 * here lands in the one chunk that all entries share. That includes the unhandled-rejection
 * tracking, which only the core's entry and the root export: in the shared chunk it costs the
 * bridge's entry 3.3 KB of the npm build to compile, where a chunk of its own cost the core's entry
 * a file more to load (docs/architecture.md, "Loading in Node").
 */
export {
  type AsyncContextSource,
  type ContextRunner,
  offerPlatformAsyncContext,
  useAsyncContext,
} from "./async-context.js";
export { Callbacks, type CallbacksFlags } from "./callbacks.js";
export { type BeforeStart, Deferred, type DeferredFactory } from "./deferred.js";
export { rethrowLater } from "./errors.js";
export { defaultExceptionHook, type ExceptionHook, type GetErrorHook } from "./hooks.js";
export { describe } from "./values.js";
export { getScheduler, type Scheduler, type SchedulerSetting, setScheduler } from "./scheduler.js";
export type {
  BrandedProgress,
  BrandedReasons,
  BrandedValues,
  Callback,
  CallbackInput,
  DeferredOf,
  DeferredPromise,
  DeferredPromiseOf,
  DeferredState,
  FirstValue,
  ListCallback,
  ResultValues,
  ValuesOf,
} from "./types.js";
export {
  isTrackingUnhandledRejections,
  trackUnhandledRejections,
  type UnhandledRejectionHooks,
} from "./unhandled.js";
export { when, type WhenSlot } from "./when.js";
