/**
 * The core's public surface for the rest of the library: everything `src/index.ts`, `src/ajax/`
 * and `src/bridge/` may use from `src/core/`, and nothing else.
 *
 * Why a barrel: the core is split into files by concept (state machine, resolution, scheduling,
 * tracking…), and that split is its own business. Code outside the core imports only this module
 * (eslint's `no-restricted-imports` enforces it, see docs/architecture.md), so the core's files can
 * be split, merged or renamed by changing this list alone, and a reader sees here, in one place,
 * what the layers above actually depend on. The package's public API is a subset of it, chosen in
 * `src/index.ts`; `describe` (the bridge's error messages) and `rethrowLater` (ajax's exceptions that have no
 * caller) are here for the layers above and are not public.
 *
 * Re-exports only: no code runs here. One core module stays out of this list: the core's entry
 * (`src/core-entry.ts`, re-exported by the package root) imports the unhandled-rejection tracking
 * from `./core/unhandled.js` itself. With code splitting,
 * esbuild assigns whole files to the chunks of every entry that imports a module re-exporting them,
 * used or not, so a re-export here would put the tracking code (3.3 KB of the npm build) into the
 * chunk that `jq-deferred/jquery` loads, although the bridge never uses it.
 */
export { type AsyncContextSource, type ContextRunner, useAsyncContext } from "./async-context.js";
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
export { when, type WhenSlot } from "./when.js";
