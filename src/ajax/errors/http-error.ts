/** `HttpError`: the server answered with a status that is neither 2xx nor 304. */
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * The response's status is not a success. Its message is the status text ("Not Found"), which is
 * what jQuery passes as `errorThrown`; the body is still in `jqXHR.responseText` (and
 * `responseJSON` when it parsed as JSON).
 *
 * @example
 * ajax("/missing").fail((jqXHR) => {
 *   const error = jqXHR.ajaxError;
 *   if (error instanceof HttpError && error.status === 404) showNotFound(jqXHR.responseJSON);
 * });
 */
export class HttpError extends AjaxError {
  override name = "HttpError";
  /** The HTTP status code. */
  readonly status: number;
  /** The HTTP status text (empty over HTTP/2). */
  readonly statusText: string;

  constructor(status: number, statusText: string, init: AjaxErrorInit) {
    super(statusText || `HTTP ${status}`, init);
    this.status = status;
    this.statusText = statusText;
  }
}
