/** `NetworkError`: no HTTP response arrived (connection refused, reset, DNS failure, CORS). */
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * The request or the response body was lost below HTTP: `fetch` rejected, or reading the body
 * failed. `cause` holds the platform's error. jQuery reports these with status 0, textStatus
 * "error" and an empty `errorThrown`.
 *
 * @example
 * ajax("http://127.0.0.1:1/").fail((jqXHR) => {
 *   const error = jqXHR.ajaxError;
 *   if (error instanceof NetworkError) console.log("offline?", error.cause);
 * });
 */
export class NetworkError extends AjaxError {
  override name = "NetworkError";
  constructor(message: string, init: AjaxErrorInit) {
    super(message, init);
  }
}
