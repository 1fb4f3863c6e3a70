/**
 * The request pipeline, jQuery's `$.ajax` step by step. One `Exchange` per `ajax()` call: it builds
 * the settings, runs the prefilters, fires the global events, fills the request headers, calls
 * `beforeSend`, picks a transport and sends, then settles the jqXHR exactly once with jQuery's
 * outcome rules (response selection, converters, textStatus, errorThrown). Whatever ends the
 * request first (the transport, `abort()`, the timeout, the signal, a bad setting) settles it;
 * everything after is ignored, and the transport, the timer and the signal listener are released
 * at that moment.
 */
import { type CallbackInput, Callbacks, Deferred, rethrowLater } from "../../core/index.js";
import { AbortError } from "../errors/abort-error.js";
import { AjaxError } from "../errors/ajax-error.js";
import { HttpError } from "../errors/http-error.js";
import { ParseError } from "../errors/parse-error.js";
import { RequestError } from "../errors/request-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { emitAjaxEvent, requestStarted, requestStopped } from "../events/global-events.js";
import type { Transport, TransportChannel } from "../transports/transport.js";
import type {
  AjaxFailureValues,
  AjaxProgressValues,
  AjaxSuccessValues,
  JqXHR,
  StatusCodeCallbacks,
} from "../types/jqxhr.js";
import type { AjaxSettings, PreparedAjaxSettings } from "../types/options.js";
import { type Conversion, convert, selectResponse } from "../utils/converters.js";
import { safeText } from "../utils/describe.js";
import { formatHeaders, parseHeaders, RequestHeaderTable } from "../utils/headers.js";
import { nextNonce } from "../utils/nonce.js";
import { param } from "../utils/param.js";
import { pageLocation } from "../utils/page.js";
import { isUrl, resolveUrl } from "../utils/url.js";
import { JqXHRObject } from "./jqxhr.js";
import { walkRegistry } from "./registry.js";
import { ifModifiedCache, prefilters, settingsFor, transports } from "./settings.js";

/** Where the exchange is: settings still editable, request sent, or settled. */
const enum Phase {
  Preparing,
  Sent,
  Settled,
}

/**
 * How a request ended: jQuery's `done(status, nativeStatusText, responses, headers)`, plus the
 * typed error for `jqXHR.ajaxError` when the ending already knows it.
 */
interface Ending {
  /** HTTP status; 0 for no response; -1 for an exception (then `nativeStatusText` is it). */
  status: number;
  nativeStatusText: unknown;
  responses?: Readonly<Record<string, unknown>> | undefined;
  headers?: string | Headers | undefined;
  ajaxError?: AjaxError;
  /** errorThrown when it is not jQuery's default (the status text), as for a network failure. */
  errorThrown?: unknown;
}

const WHITESPACE_SEPARATED = /[^\x20\t\r\n\f]+/g;

export class Exchange<T> {
  readonly jqXHR: JqXHR<T>;
  readonly #settings: PreparedAjaxSettings;
  readonly #options: AjaxSettings;
  readonly #context: unknown;
  /** Where jQuery would trigger the events: the context when it is a DOM node or jQuery object. */
  #eventTarget: object | undefined;
  readonly #deferred = Deferred<AjaxSuccessValues<T>, AjaxFailureValues<T>, AjaxProgressValues>();
  readonly #completeCallbacks = Callbacks<[JqXHR<T>, string]>("once memory");
  readonly #statusCodes = new Map<number, unknown[]>();
  readonly #requestHeaders = new RequestHeaderTable();
  /** A failure found while building the settings, reported once `start()` runs. */
  #settingsFailure: { option: string; thrown: unknown } | undefined;
  #phase = Phase.Preparing;
  #fireGlobals = false;
  /** The URL the `ifModified` caches are keyed by (no hash, no anti-cache parameter). */
  #cacheUrl = "";
  /** What `abort()` reports: "canceled" until the request is about to be sent. */
  #abortText = "canceled";
  #responseHeaders: Headers | undefined;
  #rawResponseHeaders: string | undefined;
  #transport: Transport | undefined;
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined;
  #removeSignalListener: (() => void) | undefined;

  constructor(url: string | URL | undefined | false, options: AjaxSettings) {
    this.#options = options;
    let settings: PreparedAjaxSettings;
    try {
      settings = settingsFor(options);
    } catch (thrown) {
      settings = settingsFor({});
      this.#settingsFailure = { option: "settings", thrown };
    }
    this.#settings = settings;
    this.#context = settings.context ?? settings;
    const jqXHR = new JqXHRObject<T>(this) as unknown as JqXHR<T>;
    this.#deferred.promise(jqXHR);
    // The 1.5-era aliases point at the original deferred, as in jQuery: a prefilter that rewires
    // the promise methods must reassign them (seed 002 does).
    jqXHR.success = jqXHR.done;
    jqXHR.error = jqXHR.fail;
    this.jqXHR = jqXHR;

    try {
      this.#eventTarget = eventTargetOf(settings.context);
      settings.url = requestUrl(url, settings);
      settings.type = String(options.method || options.type || settings.method || settings.type);
      settings.dataTypes = String(settings.dataType || "*")
        .toLowerCase()
        .match(WHITESPACE_SEPARATED) ?? [""];
      settings.crossDomain ??= isCrossDomain(settings);
      this.addStatusCodes(settings.statusCode);
    } catch (thrown) {
      this.#settingsFailure ??= { option: "settings", thrown };
    }
  }

  /**
   * Runs the request (called once, right after construction). Bad settings fail the request
   * rather than throw from `ajax()`: whatever escapes the steps below (a setting whose getter or
   * `toString` throws, say) fails it with a `RequestError`.
   */
  start(): void {
    try {
      this.#run();
    } catch (thrown) {
      if (this.#isSettled()) rethrowLater(thrown);
      else this.#failSetup("settings", `a setting could not be used: ${safeText(thrown)}`, thrown);
    }
  }

  #run(): void {
    if (this.#settingsFailure) {
      const { option, thrown } = this.#settingsFailure;
      this.#failSetup(option, `the settings could not be read: ${safeText(thrown)}`, thrown);
      return;
    }
    const settings = this.#settings;
    const methodBefore = settings.type;
    settings.method = settings.type;
    try {
      walkRegistry(prefilters(), settings.dataTypes, (prefilter) => {
        const redirect = prefilter(settings, this.#options, this.jqXHR);
        // As in jQuery, a prefilter that aborts does not stop the others (they run, then the
        // request stops below).
        return typeof redirect === "string" ? { redirect } : {};
      });
    } catch (thrown) {
      if (this.#isSettled()) rethrowLater(thrown);
      else this.#failSetup("prefilter", `a prefilter threw: ${safeText(thrown)}`, thrown);
      return;
    }
    // Serialised after the prefilters, as jQuery does (they see the data as given).
    try {
      if (settings.data && settings.processData && typeof settings.data !== "string") {
        settings.data = param(settings.data as Record<string, unknown>, settings.traditional);
      }
    } catch (thrown) {
      this.#failSetup("data", `data could not be serialised: ${safeText(thrown)}`, thrown);
      return;
    }
    if (this.#isSettled()) return;
    const url: unknown = settings.url;
    if (typeof url !== "string" && !isUrl(url)) {
      this.#failSetup("url", `url must be a string or a URL, got ${typeof url}`, undefined);
      return;
    }
    settings.url = String(url);

    this.#fireGlobals = Boolean(settings.global);
    if (this.#fireGlobals) this.#emit((errors) => requestStarted(errors));

    // A prefilter may have changed either name of the method; the changed one wins.
    const method = settings.method !== methodBefore ? settings.method : settings.type;
    settings.type = settings.method = String(method).toUpperCase();
    settings.hasContent = hasContent(settings.type);
    this.#cacheUrl = applyDataToUrl(settings);

    try {
      this.#setDefaultHeaders();
    } catch (thrown) {
      this.#failSetup("headers", `a header could not be read: ${safeText(thrown)}`, thrown);
      return;
    }

    if (settings.beforeSend) {
      let result: unknown;
      try {
        result = settings.beforeSend.call(this.#context, this.jqXHR, settings);
      } catch (thrown) {
        this.#failSetup("beforeSend", `beforeSend threw: ${safeText(thrown)}`, thrown);
        return;
      }
      if (result === false || this.#isSettled()) {
        this.abort();
        return;
      }
    }

    this.#abortText = "abort";
    this.#completeCallbacks.add(settings.complete as CallbackInput<never>);
    this.jqXHR.done(settings.success as CallbackInput<never>);
    this.jqXHR.fail(settings.error as CallbackInput<never>);
    this.#send();
  }

  /** A method, not a field comparison, so TypeScript does not narrow it across callbacks. */
  #isSettled(): boolean {
    return this.#phase === Phase.Settled;
  }

  // -----------------------------------------------------------------------------------------------
  // jqXHR members

  responseHeader(name: string): string | null {
    return this.#responseHeaders?.get(String(name)) ?? null;
  }

  allResponseHeaders(): string | null {
    if (this.#rawResponseHeaders !== undefined) return this.#rawResponseHeaders;
    if (this.#responseHeaders) return formatHeaders(this.#responseHeaders);
    return this.#isSettled() ? "" : null;
  }

  setRequestHeader(name: string, value: string): void {
    if (this.#phase === Phase.Preparing) this.#requestHeaders.set(String(name), String(value));
  }

  overrideMimeType(mimeType: string): void {
    if (this.#phase === Phase.Preparing) this.#settings.mimeType = mimeType;
  }

  addStatusCodes(map: StatusCodeCallbacks<T> | undefined): void {
    if (!map) return;
    // Typed per status for the user (success or failure callbacks); read by any number here.
    const byStatus: Readonly<Record<number, unknown>> = map;
    if (this.#isSettled()) {
      this.jqXHR.always(byStatus[this.jqXHR.status] as CallbackInput<never>);
      return;
    }
    for (const code of Object.keys(map)) {
      const list = this.#statusCodes.get(Number(code)) ?? [];
      list.push(byStatus[Number(code)]);
      this.#statusCodes.set(Number(code), list);
    }
  }

  addCompleteCallbacks(callbacks: CallbackInput<never>[]): void {
    this.#completeCallbacks.add(...callbacks);
  }

  abort(statusText?: string): void {
    const text = statusText || this.#abortText;
    this.#abortWith(text, new AbortError(text, { jqXHR: this.jqXHR, textStatus: text }));
  }

  /**
   * jQuery's abort: the transport is told (with the text), then the request ends with status 0.
   * A transport that completes normally is not told anything (as in jQuery).
   */
  #abortWith(text: string, error: AjaxError): void {
    if (this.#isSettled()) return;
    const transport = this.#transport;
    this.#transport = undefined;
    if (transport) {
      try {
        transport.abort(text);
      } catch (thrown) {
        rethrowLater(thrown);
      }
    }
    this.#end({ status: 0, nativeStatusText: text, ajaxError: error });
  }

  // -----------------------------------------------------------------------------------------------
  // Preparation

  #setDefaultHeaders(): void {
    const settings = this.#settings;
    if (settings.ifModified) {
      const lastModified = ifModifiedCache.lastModified[this.#cacheUrl];
      const etag = ifModifiedCache.etag[this.#cacheUrl];
      if (lastModified) this.setRequestHeader("If-Modified-Since", lastModified);
      if (etag) this.setRequestHeader("If-None-Match", etag);
    }
    if (
      (settings.data && settings.hasContent && settings.contentType !== false) ||
      this.#options.contentType
    ) {
      this.setRequestHeader("Content-Type", String(settings.contentType));
    }
    const first = settings.dataTypes[0];
    const accepts = settings.accepts ?? {};
    const accept = first ? accepts[first] : undefined;
    this.setRequestHeader(
      "Accept",
      accept ? accept + (first !== "*" ? ", */*; q=0.01" : "") : String(accepts["*"]),
    );
    const headers = settings.headers ?? {};
    for (const name of Object.keys(headers)) this.setRequestHeader(name, headers[name]!);
  }

  /**
   * Fails the request before it is sent: a bad setting, or a throwing prefilter or beforeSend.
   * errorThrown is what was thrown, as jQuery reports an exception of its transport; without one,
   * the `RequestError` itself.
   */
  #failSetup(option: string, message: string, thrown: unknown): void {
    const error = new RequestError(option, message, {
      jqXHR: this.jqXHR,
      textStatus: "error",
      cause: thrown,
    });
    const errorThrown = thrown === undefined ? error : thrown;
    this.#end({ status: -1, nativeStatusText: errorThrown, ajaxError: error, errorThrown });
  }

  // -----------------------------------------------------------------------------------------------
  // Sending

  #send(): void {
    const settings = this.#settings;
    const jqXHR = this.jqXHR;
    let transport: Transport | undefined;
    try {
      transport = walkRegistry(transports(), settings.dataTypes, (factory) => {
        const found = factory(settings, this.#options, jqXHR);
        return found ? { found, stop: true } : {};
      });
    } catch (thrown) {
      this.#failSetup("transport", `a transport factory threw: ${safeText(thrown)}`, thrown);
      return;
    }
    // A factory may have aborted the request: as in jQuery, ajaxSend still fires (after ajaxStop)
    // and readyState becomes 1, then nothing is sent.
    if (!transport) {
      this.#end({ status: -1, nativeStatusText: "No Transport" });
      return;
    }
    this.#transport = transport;
    jqXHR.readyState = 1;
    if (this.#fireGlobals) {
      this.#emit((errors) =>
        emitAjaxEvent("ajaxSend", [this.jqXHR, settings], this.#eventTarget, errors),
      );
    }
    if (this.#isSettled()) return;
    if (!this.#watchSignal()) return;
    if (Number(settings.timeout) > 0) {
      this.#timeoutTimer = setTimeout(
        () => {
          const init = { jqXHR: this.jqXHR, textStatus: "timeout" };
          this.#abortWith("timeout", new TimeoutError(settings.timeout, init));
        },
        Math.min(Number(settings.timeout), 2 ** 31 - 1),
      );
    }
    this.#phase = Phase.Sent;
    const headers = Object.fromEntries(this.#requestHeaders.entries());
    try {
      transport.send(
        headers,
        (status, statusText, responses, responseHeaders) =>
          this.#end({ status, nativeStatusText: statusText, responses, headers: responseHeaders }),
        this.#channel(),
      );
    } catch (thrown) {
      if (this.#isSettled()) {
        rethrowLater(thrown);
        return;
      }
      const error =
        thrown instanceof AjaxError
          ? thrown
          : new RequestError("transport", `the transport threw: ${safeText(thrown)}`, {
              jqXHR: this.jqXHR,
              textStatus: "error",
              cause: thrown,
            });
      this.#end({ status: -1, nativeStatusText: thrown, ajaxError: error });
    }
  }

  /** What the transport may report before completing. */
  #channel(): TransportChannel {
    return {
      headers: (headers) => {
        if (this.#isSettled()) return;
        this.#responseHeaders = headers;
        this.jqXHR.readyState = 2;
      },
      loaded: (loaded, total) => {
        if (this.#isSettled()) return;
        this.jqXHR.readyState = 3;
        try {
          this.#deferred.notifyWith(this.#context, [loaded, total]);
        } catch (thrown) {
          rethrowLater(thrown);
        }
      },
      fail: (error, errorThrown) => {
        this.#end({ status: 0, nativeStatusText: "", ajaxError: error, errorThrown });
      },
    };
  }

  /**
   * Subscribes to the `signal` option; returns false when the request ended already (an aborted
   * signal, or a value that is not an AbortSignal).
   */
  #watchSignal(): boolean {
    const signal = this.#settings.signal;
    if (signal === undefined || signal === null) return true;
    if (
      typeof signal !== "object" ||
      typeof signal.addEventListener !== "function" ||
      typeof signal.aborted !== "boolean"
    ) {
      this.#failSetup(
        "signal",
        `signal must be an AbortSignal, got ${typeof signal === "object" ? "an object without addEventListener/aborted" : typeof signal}`,
        undefined,
      );
      return false;
    }
    if (signal.aborted) {
      this.#abortFromSignal(signal);
      return false;
    }
    const onAbort = (): void => this.#abortFromSignal(signal);
    signal.addEventListener("abort", onAbort, { once: true });
    this.#removeSignalListener = () => signal.removeEventListener("abort", onAbort);
    return true;
  }

  #abortFromSignal(signal: AbortSignal): void {
    const reason: unknown = signal.reason;
    const timedOut = (reason as { name?: unknown } | undefined)?.name === "TimeoutError";
    const text = timedOut ? "timeout" : this.#abortText;
    const init = { jqXHR: this.jqXHR, textStatus: text, cause: reason };
    this.#abortWith(
      text,
      timedOut ? new TimeoutError(undefined, init) : new AbortError(text, init),
    );
  }

  // -----------------------------------------------------------------------------------------------
  // Settling

  /**
   * jQuery's `done()`: settles the request once. The outcome is worked out before anything is
   * called, and nothing in working it out may throw past here: a request that cannot settle would
   * hang forever.
   */
  #end(ending: Ending): void {
    if (this.#isSettled()) return;
    this.#phase = Phase.Settled;
    this.#release();
    const jqXHR = this.jqXHR;
    if (ending.headers !== undefined) this.#storeResponseHeaders(ending.headers);
    let status = ending.status;
    jqXHR.readyState = status > 0 ? 4 : 0;
    let outcome: Outcome;
    let ajaxError: AjaxError | undefined;
    try {
      outcome = this.#outcomeOf(ending);
      if (!outcome.isSuccess) ajaxError = ending.ajaxError ?? this.#errorFor(ending, outcome);
    } catch (thrown) {
      // Only a hostile value (a response field setter, say) gets here; the request still settles.
      outcome = { isSuccess: false, textStatus: "error", errorThrown: thrown };
      ajaxError = new RequestError(
        "settings",
        `the response could not be handled: ${safeText(thrown)}`,
        {
          jqXHR: this.jqXHR,
          textStatus: "error",
          cause: thrown,
        },
      );
    }
    if (!outcome.isSuccess && outcome.textStatus === "error" && status < 0) status = 0;
    jqXHR.status = status;
    jqXHR.statusText = safeText(ending.nativeStatusText || outcome.textStatus);
    if (ajaxError) (jqXHR as { ajaxError?: AjaxError }).ajaxError = ajaxError;
    this.#fire(outcome);
  }

  #storeResponseHeaders(headers: string | Headers): void {
    if (typeof headers === "string") {
      this.#rawResponseHeaders = headers;
      this.#responseHeaders = parseHeaders(headers);
    } else {
      this.#responseHeaders = headers;
    }
  }

  /** jQuery's rules for the channel, textStatus, data and errorThrown. */
  #outcomeOf(ending: Ending): Outcome {
    const settings = this.#settings;
    const { status } = ending;
    const isSuccess = (status >= 200 && status < 300) || status === 304;
    let response: unknown;
    if (ending.responses) {
      response = selectResponse(
        settings,
        ending.responses,
        () => settings.mimeType ?? this.responseHeader("Content-Type"),
      );
    }
    // A failed script request must not run its body (gh-4126), unless it is JSONP.
    if (
      !isSuccess &&
      settings.dataTypes.includes("script") &&
      !settings.dataTypes.includes("json")
    ) {
      settings.converters["text script"] = () => undefined;
    }
    const conversion = convert(
      response,
      isSuccess,
      settings,
      this.jqXHR as unknown as Record<string, unknown>,
    );
    if (isSuccess) {
      if (settings.ifModified) this.#rememberModified();
      if (status === 204 || settings.type === "HEAD") return { isSuccess, textStatus: "nocontent" };
      if (status === 304) return { isSuccess, textStatus: "notmodified" };
      if (conversion.ok) return { isSuccess, textStatus: "success", data: conversion.data };
      return {
        isSuccess: false,
        textStatus: "parsererror",
        errorThrown: conversion.error
          ? conversion.error.thrown
          : `No conversion from ${conversion.from} to ${conversion.to}`,
        conversion,
      };
    }
    const text = ending.nativeStatusText;
    const errorThrown = "errorThrown" in ending ? ending.errorThrown : text;
    if (status || !text) return { isSuccess, textStatus: "error", errorThrown };
    return { isSuccess, textStatus: safeText(text), errorThrown };
  }

  #rememberModified(): void {
    const lastModified = this.responseHeader("Last-Modified");
    if (lastModified) ifModifiedCache.lastModified[this.#cacheUrl] = lastModified;
    const etag = this.responseHeader("etag");
    if (etag) ifModifiedCache.etag[this.#cacheUrl] = etag;
  }

  /** The typed error of a failure whose ending did not bring one. */
  #errorFor(ending: Ending, outcome: Outcome): AjaxError {
    const init = { jqXHR: this.jqXHR, textStatus: outcome.textStatus };
    const conversion = outcome.conversion;
    if (conversion && !conversion.ok) {
      return new ParseError(
        conversion.from,
        conversion.to,
        safeText(this.jqXHR.responseText ?? ""),
        {
          ...init,
          cause: conversion.error?.thrown,
        },
      );
    }
    if (ending.status > 0)
      return new HttpError(ending.status, safeText(ending.nativeStatusText), init);
    return new RequestError("transport", safeText(outcome.errorThrown), init);
  }

  /**
   * Resolves or rejects the deferred, then runs the statusCode callbacks, the global
   * ajaxSuccess/ajaxError event, the complete list, ajaxComplete and ajaxStop, in jQuery's order. A
   * throwing user callback must not stop the others, nor become an unhandled rejection of the
   * runner: the first one surfaces as an uncaught error, as it would from an XHR event in jQuery.
   */
  #fire(outcome: Outcome): void {
    const jqXHR = this.jqXHR;
    const settings = this.#settings;
    const { textStatus } = outcome;
    const errors: unknown[] = [];
    const run = (step: () => void): void => {
      try {
        step();
      } catch (thrown) {
        errors.push(thrown);
      }
    };
    if (outcome.isSuccess) {
      const values = [outcome.data, textStatus, jqXHR] as AjaxSuccessValues<T>;
      run(() => {
        this.#deferred.resolveWith(this.#context, values);
      });
    } else {
      const values = [jqXHR, textStatus, outcome.errorThrown] as unknown as AjaxFailureValues<T>;
      run(() => {
        this.#deferred.rejectWith(this.#context, values);
      });
    }
    const statusCallbacks = this.#statusCodes.get(jqXHR.status);
    this.#statusCodes.clear();
    if (statusCallbacks) {
      run(() => {
        jqXHR.always(statusCallbacks as CallbackInput<never>);
      });
    }
    const target = this.#eventTarget;
    if (this.#fireGlobals) {
      if (outcome.isSuccess)
        emitAjaxEvent("ajaxSuccess", [jqXHR, settings, outcome.data], target, errors);
      else emitAjaxEvent("ajaxError", [jqXHR, settings, outcome.errorThrown], target, errors);
    }
    run(() => this.#completeCallbacks.fireWith(this.#context, [jqXHR, textStatus]));
    if (this.#fireGlobals) {
      emitAjaxEvent("ajaxComplete", [jqXHR, settings], target, errors);
      requestStopped(errors);
    }
    if (errors.length > 0) rethrowLater(errors[0]);
  }

  /** Runs a global-event step, reporting what its handlers threw without stopping the request. */
  #emit(step: (errors: unknown[]) => void): void {
    const errors: unknown[] = [];
    step(errors);
    if (errors.length > 0) rethrowLater(errors[0]);
  }

  /** Frees everything that could keep the request (or the process) alive. */
  #release(): void {
    clearTimeout(this.#timeoutTimer);
    this.#timeoutTimer = undefined;
    this.#removeSignalListener?.();
    this.#removeSignalListener = undefined;
    this.#transport = undefined;
  }
}

/** What a request settles with. */
interface Outcome {
  isSuccess: boolean;
  textStatus: string;
  data?: unknown;
  errorThrown?: unknown;
  conversion?: Conversion;
}

/**
 * `settings.url` as jQuery sets it: the `url` argument, else the option, else the page URL (here
 * also `baseUrl` where there is no page), a falsy one counting as absent; a protocol-relative URL
 * gets the page's (or `baseUrl`'s) protocol.
 */
function requestUrl(url: string | URL | undefined | false, settings: PreparedAjaxSettings): string {
  const base = settings.baseUrl === undefined ? undefined : safeText(settings.baseUrl);
  const page = pageLocation();
  const given = url || settings.url || page?.href || base || "";
  const text = typeof given === "string" ? given : safeText(given);
  if (!text.startsWith("//")) return text;
  const protocol =
    page?.protocol ?? (base === undefined ? undefined : resolveUrl(base, undefined)?.protocol);
  return protocol === undefined ? text : `${protocol}${text}`;
}

/**
 * The element jQuery triggers a request's events on: its `context` when that is a DOM node or a
 * jQuery object. Throws for a context whose properties cannot be read (a revoked Proxy): a
 * setting that cannot be read fails the request.
 */
function eventTargetOf(context: unknown): object | undefined {
  if (!context) return undefined;
  const { nodeType, jquery } = context as { nodeType?: unknown; jquery?: unknown };
  return nodeType || jquery ? context : undefined;
}

function hasContent(method: unknown): boolean {
  return !/^(?:GET|HEAD)$/i.test(String(method));
}

function isCrossDomain(settings: PreparedAjaxSettings): boolean {
  const location = pageLocation();
  if (location === undefined) return false;
  const url = resolveUrl(settings.url, String(settings.baseUrl ?? location.href));
  return url === undefined || url.origin !== location.origin;
}

/**
 * jQuery's URL handling for GET/HEAD: data goes into the query string, and `cache: false` replaces
 * any `_=` parameter's value by removing it and appending `_=<nonce>` (leaving jQuery's "&&" where
 * the old one stood), before the hash. For other methods, a form body encodes spaces as "+"
 * (gh-2658). Returns the URL the `ifModified` caches use: without the hash and the nonce.
 */
function applyDataToUrl(settings: PreparedAjaxSettings): string {
  const hashAt = settings.url.indexOf("#");
  let cacheUrl = hashAt === -1 ? settings.url : settings.url.slice(0, hashAt);
  if (!settings.hasContent) {
    let uncached = settings.url.slice(cacheUrl.length);
    if (settings.data && (settings.processData || typeof settings.data === "string")) {
      cacheUrl += (cacheUrl.includes("?") ? "&" : "?") + String(settings.data);
      delete settings.data;
    }
    if (settings.cache === false) {
      cacheUrl = cacheUrl.replace(/([?&])_=[^&]*/, "$1");
      uncached = `${cacheUrl.includes("?") ? "&" : "?"}_=${nextNonce()}${uncached}`;
    }
    settings.url = cacheUrl + uncached;
  } else if (
    typeof settings.data === "string" &&
    settings.processData &&
    String(settings.contentType || "").startsWith("application/x-www-form-urlencoded")
  ) {
    settings.data = settings.data.replace(/%20/g, "+");
  }
  return cacheUrl;
}
