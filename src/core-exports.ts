/**
 * The public names of `jq-deferred/core`, listed once: the core's entry (src/core-entry.ts) and the
 * package root (src/index.ts) both re-export this list, so the two entries export the same objects.
 *
 * Re-exports only, and it must stay so. With code splitting, esbuild puts a file's code in a chunk
 * shared by the entries that reach it; the core's entry used to list these names itself, and the
 * root re-exported that entry, so the entry's own code (its default-export object) and the
 * unhandled-rejection tracking made a chunk of their own, one file more for Node to load with
 * `jq-deferred/core`. With no code here, the core's entry loads its own file and the one chunk every
 * entry shares (docs/architecture.md, "Loading in Node").
 */
export {
  type AsyncContextSource,
  type BeforeStart,
  type BrandedProgress,
  type BrandedReasons,
  type BrandedValues,
  type Callback,
  type CallbackInput,
  Callbacks,
  type CallbacksFlags,
  type ContextRunner,
  defaultExceptionHook,
  Deferred,
  type DeferredFactory,
  type DeferredOf,
  type DeferredPromise,
  type DeferredPromiseOf,
  type DeferredState,
  type ExceptionHook,
  type FirstValue,
  getScheduler,
  type GetErrorHook,
  isTrackingUnhandledRejections,
  type ListCallback,
  type ResultValues,
  type Scheduler,
  type SchedulerSetting,
  setScheduler,
  trackUnhandledRejections,
  type UnhandledRejectionHooks,
  useAsyncContext,
  type ValuesOf,
  when,
  type WhenSlot,
} from "./core/index.js";
