/**
 * The jqXHR object: what `ajax()` returns. Its promise methods are copied onto it from the
 * request's Deferred with `deferred.promise(jqXHR)`, as jQuery does, so a prefilter can rewire them
 * the same way (seed 002). Everything else forwards to the {@link Exchange} that runs the request.
 */
import type { CallbackInput } from "../../core/index.js";
import type { AjaxError } from "../errors/ajax-error.js";
import type { AjaxCompleteCallback, JqXHR, StatusCodeCallbacks } from "../types/jqxhr.js";
import type { Exchange } from "./exchange.js";

/** The members of {@link JqXHR} that live on the prototype; the rest are own properties. */
export class JqXHRObject<T> {
  readyState: JqXHR<T>["readyState"] = 0;
  status = 0;
  statusText = "";
  responseText?: string;
  responseJSON?: unknown;
  /** Set by the "xml" conversion (jQuery's `responseFields`); absent otherwise. */
  declare responseXML?: unknown;
  /** The typed error of a failed request (set before the fail callbacks run). */
  declare ajaxError?: AjaxError;
  readonly #exchange: Exchange<T>;

  constructor(exchange: Exchange<T>) {
    this.#exchange = exchange;
  }

  getResponseHeader(name: string): string | null {
    return this.#exchange.responseHeader(name);
  }

  getAllResponseHeaders(): string | null {
    return this.#exchange.allResponseHeaders();
  }

  setRequestHeader(name: string, value: string): this {
    this.#exchange.setRequestHeader(name, value);
    return this;
  }

  overrideMimeType(mimeType: string): this {
    this.#exchange.overrideMimeType(mimeType);
    return this;
  }

  statusCode(map: StatusCodeCallbacks<T>): this {
    this.#exchange.addStatusCodes(map);
    return this;
  }

  abort(statusText?: string): this {
    this.#exchange.abort(statusText);
    return this;
  }

  complete(...callbacks: CallbackInput<AjaxCompleteCallback<T>>[]): this {
    this.#exchange.addCompleteCallbacks(callbacks as CallbackInput<never>[]);
    return this;
  }
}
