/**
 * `AjaxError`: the base class of every `errorThrown` value a failed request reports.
 *
 * jQuery passes a string there ("Not Found", "timeout", …) or whatever a converter threw. This
 * library passes an instance of one of the subclasses instead, so a handler can tell the failures
 * apart with `instanceof`; each carries the `textStatus` jQuery would report, and the message is
 * jQuery's `errorThrown` text where jQuery has one.
 */
import type { JqXHR } from "../types/jqxhr.js";

/**
 * What the constructors of the error classes need.
 *
 * @example
 * // Turn a 200 answer that means "no" into a failure, reported like the built-in ones
 * ajax<User>("/user/7", { dataType: "json" }).pipe((user, textStatus, jqXHR) =>
 *   user.active
 *     ? user
 *     : Deferred().reject(
 *         jqXHR,
 *         "error",
 *         new AjaxError("inactive user", { jqXHR, textStatus: "error" }),
 *       ),
 * );
 */
export interface AjaxErrorInit {
  /** The request that failed. */
  jqXHR: JqXHR<unknown>;
  /** The `textStatus` the failure is reported with. */
  textStatus: string;
  /** The underlying exception, if any. */
  cause?: unknown;
}

/**
 * Base class of the ajax failure errors. Catch it to catch any of them.
 *
 * @example
 * ajax("/api").fail((jqXHR) => {
 *   const error = jqXHR.ajaxError;
 *   if (error instanceof AjaxError) console.log(error.name, error.textStatus);
 * });
 */
export class AjaxError extends Error {
  /** The class name, spelled out so that minified builds keep it. */
  override name: string = "AjaxError";
  /** The request that failed. */
  readonly jqXHR: JqXHR<unknown>;
  /** The `textStatus` the failure was reported with ("error", "timeout", "abort", …). */
  readonly textStatus: string;

  constructor(message: string, init: AjaxErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.jqXHR = init.jqXHR;
    this.textStatus = init.textStatus;
  }
}
