/** `TimeoutError`: the `timeout` option (or a timeout `signal`) ran out before the response. */
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * The request took longer than its `timeout` (textStatus "timeout"); the fetch was aborted.
 *
 * @example
 * ajax({ url: "/slow", timeout: 500 }).fail((jqXHR) => {
 *   const error = jqXHR.ajaxError;
 *   if (error instanceof TimeoutError) retryLater();
 * });
 */
export class TimeoutError extends AjaxError {
  override name = "TimeoutError";
  /** The `timeout` option in milliseconds, or `undefined` when a signal timed out. */
  readonly timeout: number | undefined;

  constructor(timeout: number | undefined, init: AjaxErrorInit) {
    super("timeout", init);
    this.timeout = timeout;
  }
}
