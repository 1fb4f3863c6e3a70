/**
 * jq-deferred/core: Deferred, when, Callbacks and their settings, without ajax and without the
 * jQuery bridge. Everything here is also exported by the package root (`jq-deferred`), as the same
 * objects: the two entries share one copy of the core and of its global state (the scheduler,
 * `Deferred.exceptionHook`, async context, rejection tracking), so code that imports the core alone
 * and code that imports the root work together in one program.
 *
 * What it saves: in Node, loading this entry does not load the ajax code (more than half of the
 * package's JavaScript), so it loads in about two thirds of the time (`node bench/import-time.mjs`);
 * a bundler keeps the same code from either entry, since it drops what is not imported.
 *
 * @example
 * import { Deferred, when } from "jq-deferred/core";
 * // or, so jQuery-era code reads as it did:
 * import * as $ from "jq-deferred/core";
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 *
 * @packageDocumentation
 * @module jq-deferred/core
 */
export * from "./core-exports.js";

// The default export below is built from the named exports above, as the package root's is.
import type * as api from "./core-entry.js";
import {
  Callbacks,
  defaultExceptionHook,
  Deferred,
  getScheduler,
  isTrackingUnhandledRejections,
  setScheduler,
  trackUnhandledRejections,
  useAsyncContext,
  when,
} from "./core-entry.js";

/**
 * The core's API as one object, for `import $ from "jq-deferred/core"`: every named export that is
 * a value. A plain object literal, so a bundler drops it when it is not imported; `satisfies`
 * makes the compiler reject a missing or extra name.
 *
 * @example
 * import $ from "jq-deferred/core";
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 */
const jqDeferredCore = {
  Callbacks,
  defaultExceptionHook,
  Deferred,
  getScheduler,
  isTrackingUnhandledRejections,
  setScheduler,
  trackUnhandledRejections,
  useAsyncContext,
  when,
} satisfies { [Name in Exclude<keyof typeof api, "default">]: (typeof api)[Name] };

export default jqDeferredCore;
