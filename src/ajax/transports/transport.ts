/**
 * Transports: what actually sends a request once the settings are final. jQuery's interface:
 * a factory registered per data type with `ajaxTransport(dataTypes, factory)` returns, for a
 * request it can handle, an object with `send(headers, complete)` and `abort()`; the first factory
 * that returns one (the request's first data type's factories, then the "*" ones) sends the
 * request. Built in: the fetch transport (the default, for every data type), and in browsers the
 * `<script>` transport (`dataType: "script"`, and JSONP through it).
 */
import type { AjaxError } from "../errors/ajax-error.js";
import type { JqXHR } from "../types/jqxhr.js";
import type { AjaxSettings, PreparedAjaxSettings } from "../types/options.js";
import type { GlobalInstance } from "../types/globals.js";

/**
 * How a transport reports the end of its request, once: the HTTP status (0 for no response, the
 * status text then being the reason, such as "error"), the status text, the responses by data
 * type (`{ text }` for a text body), and the response headers, either as the raw
 * `getAllResponseHeaders()` string (jQuery) or as a `Headers` object.
 *
 * @example
 * const complete: TransportComplete = (status, statusText, responses, headers) => {};
 * complete(200, "OK", { text: "hello" }, "Content-Type: text/plain\r\n");
 */
export type TransportComplete = (
  status: number,
  statusText: string,
  responses?: Readonly<Record<string, unknown>>,
  headers?: string | GlobalInstance<"Headers">,
) => void;

/**
 * Not in jQuery: what a transport may report besides its completion. The fetch transport uses it;
 * a custom transport may ignore it.
 *
 * @example
 * const transport: Transport = {
 *   send(headers, complete, channel) {
 *     channel?.headers(new Headers({ "Content-Type": "text/plain" }));
 *     channel?.loaded(5, 5);
 *     complete(200, "OK", { text: "hello" });
 *   },
 *   abort() {},
 * };
 */
export interface TransportChannel {
  /** The response headers arrived: readable through the jqXHR from now on (readyState 2). */
  headers(headers: GlobalInstance<"Headers">): void;
  /** Bytes of the body received so far, and the total when known: notifies the jqXHR's progress. */
  loaded(loaded: number, total: number | undefined): void;
  /**
   * Ends the request without a response, instead of `complete`: status 0, textStatus "error",
   * `errorThrown` as given (jQuery gives "" for a network failure), `jqXHR.ajaxError` = `error`.
   */
  fail(error: AjaxError, errorThrown: unknown): void;
}

/**
 * A transport, as jQuery defines it.
 *
 * @example
 * ajaxTransport("fixture", () => ({
 *   send: (headers, complete) => complete(200, "OK", { text: "canned" }),
 *   abort: () => {},
 * }));
 * ajax({ url: "/any", dataType: "fixture", converters: { "text fixture": true } });
 */
export interface Transport {
  /**
   * Sends the request with the final request headers; calls `complete` once when it ends. An
   * exception thrown before `complete` fails the request ("error", the exception as errorThrown).
   */
  send(
    headers: Record<string, string>,
    complete: TransportComplete,
    channel?: TransportChannel,
  ): void;
  /** Stops the request; the jqXHR has already been rejected (do not call `complete`). */
  abort(statusText?: string): void;
}

/**
 * A transport factory: returns a transport for requests it handles, or nothing to let the next
 * factory decide.
 *
 * @example
 * const offline: TransportFactory = (options) =>
 *   navigator.onLine ? undefined : { send: (_, complete) => complete(0, "offline"), abort() {} };
 * ajaxTransport("+*", offline);
 */
export type TransportFactory = (
  options: PreparedAjaxSettings,
  originalOptions: AjaxSettings<unknown>,
  jqXHR: JqXHR<unknown>,
) => Transport | undefined | null | false | void;
