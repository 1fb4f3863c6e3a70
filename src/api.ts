// The named exports of the package, in one module so that src/index.ts can also offer them as
// one default object without importing itself.
export {
  install,
  type InstallOptions,
  type InstallResult,
  type JQueryLike,
} from "./bridge/install.js";
export { Callbacks, type CallbacksFlags } from "./core/callbacks.js";
export { type BeforeStart, Deferred, type DeferredFactory } from "./core/deferred.js";
export { defaultExceptionHook, type ExceptionHook, type GetErrorHook } from "./core/hooks.js";
export {
  getScheduler,
  type Scheduler,
  type SchedulerSetting,
  setScheduler,
} from "./core/scheduler.js";
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
  ResultValues,
  ValuesOf,
} from "./core/types.js";
export {
  isTrackingUnhandledRejections,
  trackUnhandledRejections,
  type UnhandledRejectionHooks,
} from "./core/unhandled.js";
export { when, type WhenSlot } from "./core/when.js";
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
  type AjaxFailureValues,
  type AjaxPrefilter,
  ajaxPrefilter,
  type AjaxProgressValues,
  ajaxReset,
  type AjaxSettings,
  ajaxSetup,
  type AjaxSuccessCallback,
  type AjaxSuccessValues,
  type ErrorTextStatus,
  type FetchFunction,
  get,
  getJSON,
  HttpError,
  type JqXHR,
  NetworkError,
  param,
  ParseError,
  post,
  type PreparedAjaxSettings,
  RequestError,
  type RetryOptions,
  type StatusCodeCallbacks,
  type SuccessTextStatus,
  TimeoutError,
} from "./ajax/index.js";
