/** `RequestError`: the request could not be built or sent as configured (bad input). */
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * The request could not be sent as configured: its settings are invalid (a URL that does not
 * parse, a method that is not an HTTP token or that fetch forbids, a header name or value with
 * invalid characters, an unknown `fetch` or one that resolves to no Response, a malformed `retry`
 * or a throwing `retry.delay`, a `signal` that is not an AbortSignal, settings that cannot be
 * read), a script cannot run (`dataType: "script"`/`"jsonp"` outside browsers), a prefilter or
 * `beforeSend` threw, or a custom transport's `send` threw (`cause` is what was thrown). `option`
 * names what was at fault. textStatus is "error", status 0.
 *
 * @example
 * ajax({ url: "http://[::1" }).fail((jqXHR) => {
 *   if (jqXHR.ajaxError instanceof RequestError) console.log(jqXHR.ajaxError.option); // "url"
 * });
 */
export class RequestError extends AjaxError {
  override name = "RequestError";
  /**
   * What was at fault: "url", "method", "headers", "data", "fetch", "retry", "signal", "dataType",
   * "settings", "prefilter", "beforeSend" or "transport".
   */
  readonly option: string;

  constructor(option: string, message: string, init: AjaxErrorInit) {
    super(message, init);
    this.option = option;
  }
}
