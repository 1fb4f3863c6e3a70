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
export * from "./api.js";

import type * as api from "./api.js";
import {
  AbortError,
  ajax,
  AjaxError,
  ajaxPrefilter,
  ajaxReset,
  ajaxSetup,
  Callbacks,
  defaultExceptionHook,
  Deferred,
  get,
  getJSON,
  getScheduler,
  HttpError,
  install,
  isTrackingUnhandledRejections,
  NetworkError,
  param,
  ParseError,
  post,
  RequestError,
  setScheduler,
  TimeoutError,
  trackUnhandledRejections,
  when,
} from "./api.js";

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
  ajaxPrefilter,
  ajaxReset,
  ajaxSetup,
  Callbacks,
  defaultExceptionHook,
  Deferred,
  get,
  getJSON,
  getScheduler,
  HttpError,
  install,
  isTrackingUnhandledRejections,
  NetworkError,
  param,
  ParseError,
  post,
  RequestError,
  setScheduler,
  TimeoutError,
  trackUnhandledRejections,
  when,
} satisfies { [Name in keyof typeof api]: (typeof api)[Name] };

export default jqDeferred;
