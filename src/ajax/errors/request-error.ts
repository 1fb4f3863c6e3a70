/** `RequestError`: the request could not be built or sent as configured (bad input). */
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * The request was never sent because its settings are invalid (a URL that does not parse, a
 * method that is not an HTTP token or that fetch forbids, a header name or value with invalid
 * characters, an unknown `fetch`), or because a prefilter or `beforeSend` threw (`cause` is what
 * it threw). `option` names the setting at fault. textStatus is "error", status 0.
 *
 * @example
 * ajax({ url: "http://[::1" }).fail((jqXHR) => {
 *   const error = jqXHR.ajaxError;
 *   if (error instanceof RequestError) console.log(error.option); // "url"
 * });
 */
export class RequestError extends AjaxError {
  override name = "RequestError";
  /** The setting at fault: "url", "method", "headers", "data", "fetch", "prefilter", "beforeSend". */
  readonly option: string;

  constructor(option: string, message: string, init: AjaxErrorInit) {
    super(message, init);
    this.option = option;
  }
}
