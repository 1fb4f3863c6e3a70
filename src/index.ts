/**
 * jq-deferred: jQuery's Deferred, Callbacks and when, as a standalone, typed library.
 *
 * @example
 * import { Deferred, when } from "jq-deferred";
 * // or, so jQuery-era code reads as it did:
 * import * as $ from "jq-deferred";
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 *
 * @packageDocumentation
 * @module jq-deferred
 */
export {
  install,
  type InstallOptions,
  type InstallResult,
  type JQueryLike,
} from "./bridge/install.js";
export { installAjax } from "./bridge/ajax.js";
// The core's exports are jq-deferred/core's, listed once in core-exports.ts (not re-exported
// from core-entry.ts, whose code would then make a chunk of its own: see core-exports.ts).
export * from "./core-exports.js";
export {
  AbortError,
  ajax,
  AjaxError,
  type AjaxCompleteCallback,
  type AjaxConverter,
  type AjaxData,
  type AjaxDataType,
  type AjaxErrorCallback,
  type AjaxErrorInit,
  type AjaxEvent,
  type AjaxEventArguments,
  type AjaxEventHandler,
  type AjaxEventName,
  type AjaxEventRouter,
  ajaxEvents,
  type AjaxFailureValues,
  type AjaxPrefilter,
  ajaxPrefilter,
  type AjaxProgressValues,
  ajaxReset,
  type AjaxSettings,
  ajaxSetup,
  ajaxTransport,
  type AjaxSuccessCallback,
  type AjaxSuccessValues,
  type AjaxUrl,
  type ErrorTextStatus,
  type FetchFunction,
  get,
  getJSON,
  getScript,
  HttpError,
  ifModifiedCache,
  type JqXHR,
  NetworkError,
  param,
  ParseError,
  post,
  type PreparedAjaxSettings,
  RequestError,
  type RetryOptions,
  routeAjaxEvents,
  type StatusCodeCallback,
  type StatusCodeCallbacks,
  type SuccessTextStatus,
  TimeoutError,
  type Transport,
  type TransportChannel,
  type TransportComplete,
  type TransportFactory,
} from "./ajax/index.js";

// The default export below is built from the named exports above: the module imports itself
// (values, and its own type to check that nothing is missing).
import type * as api from "./index.js";
import {
  AbortError,
  ajax,
  AjaxError,
  ajaxEvents,
  ajaxPrefilter,
  ajaxReset,
  ajaxSetup,
  ajaxTransport,
  Callbacks,
  defaultExceptionHook,
  Deferred,
  get,
  getJSON,
  getScheduler,
  getScript,
  HttpError,
  ifModifiedCache,
  install,
  installAjax,
  isTrackingUnhandledRejections,
  NetworkError,
  param,
  ParseError,
  post,
  RequestError,
  routeAjaxEvents,
  setScheduler,
  TimeoutError,
  trackUnhandledRejections,
  useAsyncContext,
  when,
} from "./index.js";

/**
 * The whole API as one object, for `import $ from "jq-deferred"` (a jQuery-era habit): every named
 * export that is a value. A plain object literal, so a bundler drops it (and whatever only it
 * uses) when it is not imported; `satisfies` makes the compiler reject a missing or extra name.
 *
 * @example
 * import $ from "jq-deferred";
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 */
const jqDeferred = {
  AbortError,
  ajax,
  AjaxError,
  ajaxEvents,
  ajaxPrefilter,
  ajaxReset,
  ajaxSetup,
  ajaxTransport,
  Callbacks,
  defaultExceptionHook,
  Deferred,
  get,
  getJSON,
  getScheduler,
  getScript,
  HttpError,
  ifModifiedCache,
  install,
  installAjax,
  isTrackingUnhandledRejections,
  NetworkError,
  param,
  ParseError,
  post,
  RequestError,
  routeAjaxEvents,
  setScheduler,
  TimeoutError,
  trackUnhandledRejections,
  useAsyncContext,
  when,
} satisfies { [Name in Exclude<keyof typeof api, "default">]: (typeof api)[Name] };

export default jqDeferred;
