/**
 * ajax over fetch: the public surface of `src/ajax`, re-exported by the package root.
 */
export { ajax, get, getJSON, getScript, post } from "./core/ajax.js";
export {
  ajaxPrefilter,
  ajaxReset,
  ajaxSetup,
  ajaxTransport,
  ifModifiedCache,
} from "./core/settings.js";
export {
  type AjaxEvent,
  type AjaxEventArguments,
  type AjaxEventHandler,
  type AjaxEventName,
  type AjaxEventRouter,
  ajaxEvents,
  routeAjaxEvents,
} from "./events/global-events.js";
export type {
  Transport,
  TransportChannel,
  TransportComplete,
  TransportFactory,
} from "./transports/transport.js";
export { AbortError } from "./errors/abort-error.js";
export { AjaxError, type AjaxErrorInit } from "./errors/ajax-error.js";
export { HttpError } from "./errors/http-error.js";
export { NetworkError } from "./errors/network-error.js";
export { ParseError } from "./errors/parse-error.js";
export { RequestError } from "./errors/request-error.js";
export { TimeoutError } from "./errors/timeout-error.js";
export type {
  AjaxCompleteCallback,
  AjaxErrorCallback,
  AjaxFailureValues,
  AjaxProgressValues,
  AjaxSuccessCallback,
  AjaxSuccessValues,
  ErrorTextStatus,
  JqXHR,
  StatusCodeCallback,
  StatusCodeCallbacks,
  SuccessTextStatus,
} from "./types/jqxhr.js";
export type { AjaxUrl } from "./types/globals.js";
export type {
  AjaxConverter,
  AjaxData,
  AjaxDataType,
  AjaxPrefilter,
  AjaxSettings,
  FetchFunction,
  PreparedAjaxSettings,
  RetryOptions,
} from "./types/options.js";
export { param } from "./utils/param.js";
