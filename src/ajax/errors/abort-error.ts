/** `AbortError`: the request was aborted by `jqXHR.abort()`, a prefilter, `beforeSend` or `signal`. */
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * The request was aborted. The message is the abort's status text: "canceled" when it was aborted
 * before being sent (by a prefilter or `beforeSend`), "abort" afterwards, or the text given to
 * `abort(statusText)`; the same text is the `textStatus`, as in jQuery. For a `signal`, `cause`
 * is the signal's reason.
 *
 * @example
 * const request = ajax("/search?q=a");
 * request.fail((jqXHR) => jqXHR.ajaxError instanceof AbortError); // true
 * request.abort();
 */
export class AbortError extends AjaxError {
  override name = "AbortError";
  constructor(statusText: string, init: AjaxErrorInit) {
    super(statusText, init);
  }
}
