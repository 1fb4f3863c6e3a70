/** `ParseError`: the response arrived but could not be converted to the requested `dataType`. */
import { safeText } from "../utils/describe.js";
import { AjaxError, type AjaxErrorInit } from "./ajax-error.js";

/**
 * A converter threw (e.g. malformed JSON) or no converter leads to the `dataType`: textStatus
 * "parsererror". `cause` is the converter's exception; the raw body stays available in
 * `responseText` (here and on the jqXHR).
 *
 * @example
 * getJSON("/broken").fail((jqXHR) => {
 *   const error = jqXHR.ajaxError;
 *   if (error instanceof ParseError) console.log(error.responseText, error.cause);
 * });
 */
export class ParseError extends AjaxError {
  override name = "ParseError";
  /** The data type conversion started from ("text"). */
  readonly from: string;
  /** The data type it failed to produce ("json"). */
  readonly to: string;
  /** The raw response body. */
  readonly responseText: string;

  constructor(from: string, to: string, responseText: string, init: AjaxErrorInit) {
    super(
      init.cause === undefined
        ? `No conversion from ${from} to ${to}`
        : `Could not convert the response from ${from} to ${to}: ${safeText(init.cause)}`,
      init,
    );
    this.from = from;
    this.to = to;
    this.responseText = responseText;
  }
}
