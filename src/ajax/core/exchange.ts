/**
 * The request runner. One `Exchange` per `ajax()` call: it prepares the settings (prefilters,
 * data, headers, `beforeSend`), sends them with `fetch` (retrying if asked), streams the body
 * while notifying progress, converts the response, and settles the jqXHR exactly once, with
 * jQuery's outcome rules. Whatever ends the request first (the response, `abort()`, the timeout,
 * the signal, a bad setting) settles it; everything after is ignored, and the AbortController, the
 * timers and the signal listener are released at that moment.
 */
import { Callbacks } from "../../core/callbacks.js";
import { Deferred } from "../../core/deferred.js";
import type { CallbackInput } from "../../core/types.js";
import { AbortError } from "../errors/abort-error.js";
import type { AjaxError, AjaxErrorInit } from "../errors/ajax-error.js";
import { HttpError } from "../errors/http-error.js";
import { NetworkError } from "../errors/network-error.js";
import { ParseError } from "../errors/parse-error.js";
import { RequestError } from "../errors/request-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import type {
  AjaxFailureValues,
  AjaxProgressValues,
  AjaxSuccessValues,
  JqXHR,
  StatusCodeCallbacks,
} from "../types/jqxhr.js";
import type { AjaxSettings, FetchFunction, PreparedAjaxSettings } from "../types/options.js";
import { type Conversion, convert, inferDataTypes, RESPONSE_FIELDS } from "../utils/converters.js";
import { charsetOf, formatHeaders, RequestHeaderTable } from "../utils/headers.js";
import { param } from "../utils/param.js";
import { type RetryPolicy, retryDelay, retryPolicy } from "../utils/retry.js";
import { appendQuery, pageLocation, resolveUrl, withAntiCache } from "../utils/url.js";
import { JqXHRObject } from "./jqxhr.js";
import { prefiltersFor, settingsFor } from "./settings.js";

/** Where the exchange is: settings still editable, request sent, or settled. */
const enum Phase {
  Preparing,
  Sent,
  Settled,
}

/** How a request ended, as `#end` needs it. */
interface Ending {
  /** HTTP status, or 0 when no response counts (abort, timeout, network or setting failure). */
  status: number;
  /** The response's status text, or the abort text. */
  nativeStatusText: string;
  /** The body, when one was read. */
  text?: string;
  /** For failures other than an HTTP status: the textStatus and the error to report. */
  failure?: { textStatus: string; error: (init: AjaxErrorInit) => AjaxError };
}

/** What a request settles with: `error` builds the errorThrown of a failure. */
interface Outcome {
  textStatus: string;
  data?: unknown;
  error?: (init: AjaxErrorInit) => AjaxError;
}

const WHITESPACE_SEPARATED = /[^\x20\t\r\n\f]+/g;
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Methods fetch refuses to send. */
const FORBIDDEN_METHODS = ["CONNECT", "TRACE", "TRACK"];

/** Source of `cache: false` nonces; starts at the clock on first use, like jQuery's. */
let lastNonce = 0;

export class Exchange<T> {
  readonly jqXHR: JqXHR<T>;
  readonly #settings: PreparedAjaxSettings;
  readonly #options: AjaxSettings;
  readonly #context: unknown;
  readonly #deferred = Deferred<AjaxSuccessValues<T>, AjaxFailureValues<T>, AjaxProgressValues>();
  readonly #completeCallbacks = Callbacks<[JqXHR<T>, string]>("once memory");
  readonly #statusCodes = new Map<number, unknown[]>();
  readonly #requestHeaders = new RequestHeaderTable();
  #retry: RetryPolicy | undefined;
  #phase = Phase.Preparing;
  /** What `abort()` reports: "canceled" until the request is about to be sent. */
  #abortText = "canceled";
  #responseHeaders: Headers | undefined;
  #controller: AbortController | undefined;
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #removeSignalListener: (() => void) | undefined;

  constructor(url: string | URL | undefined, options: AjaxSettings) {
    this.#options = options;
    const settings = settingsFor(options) as PreparedAjaxSettings;
    this.#settings = settings;
    this.#context = settings.context ?? settings;
    const jqXHR = new JqXHRObject<T>(this) as unknown as JqXHR<T>;
    this.#deferred.promise(jqXHR);
    // The 1.5-era aliases point at the original deferred, as in jQuery: a prefilter that rewires
    // the promise methods must reassign them (seed 002 does).
    jqXHR.success = jqXHR.done;
    jqXHR.error = jqXHR.fail;
    this.jqXHR = jqXHR;

    settings.url = String(url ?? settings.url ?? pageLocation()?.href ?? "");
    settings.type = settings.method = String(
      options.method ?? options.type ?? settings.method ?? settings.type,
    );
    settings.dataTypes = String(settings.dataType ?? "*")
      .toLowerCase()
      .match(WHITESPACE_SEPARATED) ?? [""];
    settings.crossDomain ??= isCrossDomain(settings);
    settings.hasContent = hasContent(settings.type);
    this.addStatusCodes(settings.statusCode as StatusCodeCallbacks<T> | undefined);
  }

  /** Runs the request (called once, right after construction). */
  start(): void {
    const settings = this.#settings;
    preparePayload(settings, this.#options);
    const methodBefore = settings.type;
    try {
      this.#runPrefilters();
    } catch (thrown) {
      this.#failSetup("prefilter", `a prefilter threw: ${String(thrown)}`, thrown);
      return;
    }
    if (this.#isSettled()) return;

    // A prefilter may have changed either name of the method; the changed one wins.
    const method = settings.method !== methodBefore ? settings.method : settings.type;
    settings.type = settings.method = typeof method === "string" ? method.toUpperCase() : method;
    settings.hasContent = hasContent(settings.type);
    applyDataToUrl(settings);
    this.#setDefaultHeaders();

    if (settings.beforeSend) {
      let result: unknown;
      try {
        result = settings.beforeSend.call(
          this.#context,
          this.jqXHR as unknown as JqXHR<unknown>,
          settings,
        );
      } catch (thrown) {
        this.#failSetup("beforeSend", `beforeSend threw: ${String(thrown)}`, thrown);
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
    return this.#responseHeaders?.get(name) ?? null;
  }

  allResponseHeaders(): string | null {
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
    if (this.#isSettled()) {
      this.jqXHR.always(map[this.jqXHR.status] as CallbackInput<never>);
      return;
    }
    for (const code of Object.keys(map)) {
      const list = this.#statusCodes.get(Number(code)) ?? [];
      list.push(map[Number(code)]);
      this.#statusCodes.set(Number(code), list);
    }
  }

  addCompleteCallbacks(callbacks: CallbackInput<never>[]): void {
    this.#completeCallbacks.add(...callbacks);
  }

  abort(statusText?: string): void {
    const text = statusText || this.#abortText;
    this.#end({
      status: 0,
      nativeStatusText: text,
      failure: { textStatus: text, error: (init) => new AbortError(text, init) },
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Preparation

  /** jQuery's prefilter walk: the first data type's prefilters, then the "*" ones. */
  #runPrefilters(): void {
    const settings = this.#settings;
    const inspected = new Set<string>();
    const inspect = (dataType: string): void => {
      inspected.add(dataType);
      for (const prefilter of prefiltersFor(dataType)) {
        const redirect = prefilter(
          settings,
          this.#options,
          this.jqXHR as unknown as JqXHR<unknown>,
        );
        if (this.#isSettled()) return;
        if (typeof redirect === "string" && !inspected.has(redirect)) {
          settings.dataTypes.unshift(redirect);
          inspect(redirect);
          return;
        }
      }
    };
    inspect(settings.dataTypes[0] ?? "");
    if (!inspected.has("*") && !this.#isSettled()) inspect("*");
  }

  #setDefaultHeaders(): void {
    const settings = this.#settings;
    if (
      (settings.data && settings.hasContent && settings.contentType !== false) ||
      this.#options.contentType
    ) {
      this.setRequestHeader("Content-Type", String(settings.contentType));
    }
    const first = settings.dataTypes[0];
    const accept = first ? settings.accepts[first] : undefined;
    this.setRequestHeader(
      "Accept",
      accept ? accept + (first !== "*" ? ", */*; q=0.01" : "") : (settings.accepts["*"] ?? "*/*"),
    );
    for (const name of Object.keys(settings.headers ?? {})) {
      this.setRequestHeader(name, settings.headers[name]!);
    }
  }

  #failSetup(option: string, message: string, cause?: unknown): void {
    this.#end({
      status: 0,
      nativeStatusText: "",
      failure: {
        textStatus: "error",
        error: (init) => new RequestError(option, message, { ...init, cause }),
      },
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Sending

  #send(): void {
    const settings = this.#settings;
    this.#phase = Phase.Sent;
    this.jqXHR.readyState = 1;
    this.#retry = retryPolicy(settings.retry);
    const signal = settings.signal;
    if (signal) {
      if (signal.aborted) {
        this.#abortFromSignal(signal);
        return;
      }
      const onAbort = (): void => this.#abortFromSignal(signal);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#removeSignalListener = () => signal.removeEventListener("abort", onAbort);
    }
    if (Number(settings.timeout) > 0) {
      this.#timeoutTimer = setTimeout(() => {
        this.#end({
          status: 0,
          nativeStatusText: "timeout",
          failure: {
            textStatus: "timeout",
            error: (init) => new TimeoutError(settings.timeout, init),
          },
        });
      }, settings.timeout);
    }
    let request: { url: string; init: RequestInit; fetch: FetchFunction };
    try {
      request = this.#buildRequest();
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      this.#failSetup(error.option, error.message, error.cause);
      return;
    }
    this.#controller = new AbortController();
    request.init.signal = this.#controller.signal;
    this.#exchange(request).catch(reportAsync);
  }

  #abortFromSignal(signal: AbortSignal): void {
    const reason: unknown = signal.reason;
    const timedOut = (reason as { name?: unknown } | undefined)?.name === "TimeoutError";
    const text = timedOut ? "timeout" : this.#abortText;
    this.#end({
      status: 0,
      nativeStatusText: text,
      failure: {
        textStatus: text,
        error: (init) =>
          timedOut
            ? new TimeoutError(undefined, { ...init, cause: reason })
            : new AbortError(text, { ...init, cause: reason }),
      },
    });
  }

  /** The fetch arguments, validated: the "transport" step, where jQuery's XHR would throw. */
  #buildRequest(): { url: string; init: RequestInit; fetch: FetchFunction } {
    const settings = this.#settings;
    const base = settings.baseUrl ?? pageLocation()?.href;
    const given: unknown = settings.url;
    if (typeof given !== "string" && !(given instanceof URL)) {
      throw new SettingError("url", `url must be a string or a URL, got ${typeof settings.url}`);
    }
    const url = resolveUrl(String(settings.url), base === undefined ? undefined : String(base));
    if (url === undefined) {
      throw new SettingError(
        "url",
        `url ${JSON.stringify(String(settings.url))} is not a valid URL` +
          (base === undefined ? " (outside browsers, relative URLs need the baseUrl option)" : ""),
      );
    }
    const method = settings.type;
    if (typeof method !== "string" || !HTTP_TOKEN.test(method)) {
      throw new SettingError(
        "method",
        `method must be an HTTP token, got ${JSON.stringify(method)}`,
      );
    }
    if (FORBIDDEN_METHODS.includes(method)) {
      throw new SettingError("method", `method ${method} cannot be sent with fetch`);
    }
    const headers = new Headers();
    if (!settings.crossDomain && !this.#requestHeaders.has("X-Requested-With")) {
      this.#requestHeaders.set("X-Requested-With", "XMLHttpRequest");
    }
    for (const [name, value] of this.#requestHeaders.entries()) {
      try {
        headers.set(name, value);
      } catch (cause) {
        throw new SettingError(
          "headers",
          `header ${JSON.stringify(name)} with value ${JSON.stringify(value)} has invalid characters`,
          cause,
        );
      }
    }
    const fetchFunction = settings.fetch ?? (globalThis.fetch as FetchFunction | undefined);
    if (typeof fetchFunction !== "function") {
      throw new SettingError("fetch", `fetch must be a function, got ${typeof fetchFunction}`);
    }
    const init: RequestInit = { method, headers };
    if (settings.hasContent && settings.data != null)
      init.body = settings.data as RequestInit["body"];
    if (settings.credentials !== undefined) init.credentials = settings.credentials;
    return { url: url.href, init, fetch: fetchFunction };
  }

  /** Fetches (with retries), reads the body and settles; returns once the request is settled. */
  async #exchange(request: {
    url: string;
    init: RequestInit;
    fetch: FetchFunction;
  }): Promise<void> {
    const method = this.#settings.type;
    const policy = this.#retry!;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        // Called unbound: browsers' fetch throws "Illegal invocation" when its `this` is not the window.
        const fetchResource = request.fetch;
        response = await fetchResource(request.url, request.init);
      } catch (cause) {
        if (this.#isSettled()) return;
        const wait = retryDelay(policy, method, attempt, undefined, Date.now());
        if (wait !== undefined) {
          await this.#wait(wait);
          continue;
        }
        this.#endWithNetworkError("the request failed", cause);
        return;
      }
      if (this.#isSettled()) {
        await response.body?.cancel().catch(ignore);
        return;
      }
      if (!response.ok && response.status !== 304) {
        const wait = retryDelay(policy, method, attempt, response, Date.now());
        if (wait !== undefined) {
          await response.body?.cancel().catch(ignore);
          if (this.#isSettled()) return;
          await this.#wait(wait);
          continue;
        }
      }
      this.#responseHeaders = response.headers;
      this.jqXHR.readyState = 2;
      let text: string;
      try {
        text = await this.#readBody(response);
      } catch (cause) {
        if (!this.#isSettled()) this.#endWithNetworkError("reading the response failed", cause);
        return;
      }
      this.#end({ status: response.status, nativeStatusText: response.statusText, text });
      return;
    }
  }

  /**
   * Waits before a retry. Settling clears the timer, so after an abort or timeout this promise
   * never resolves and the retry loop is simply dropped.
   */
  #wait(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      this.#retryTimer = setTimeout(resolve, milliseconds);
    });
  }

  /** Reads the body chunk by chunk, notifying `(loaded, total)` after each, then decodes it. */
  async #readBody(response: Response): Promise<string> {
    const body = response.body;
    if (body === null) return "";
    this.jqXHR.readyState = 3;
    const length = response.headers.get("Content-Length");
    const total =
      length !== null && /^\d+$/.test(length) && !response.headers.has("Content-Encoding")
        ? Number(length)
        : undefined;
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (this.#isSettled()) {
        // Only a fetch that ignores the abort signal gets here: stop its body explicitly.
        await reader.cancel().catch(ignore);
        return "";
      }
      chunks.push(value);
      loaded += value.byteLength;
      try {
        this.#deferred.notifyWith(this.#context, [loaded, total]);
      } catch (thrown) {
        reportAsync(thrown);
      }
    }
    return decode(
      chunks,
      loaded,
      charsetOf(this.#settings.mimeType ?? response.headers.get("Content-Type")),
    );
  }

  #endWithNetworkError(message: string, cause: unknown): void {
    this.#end({
      status: 0,
      nativeStatusText: "",
      failure: {
        textStatus: "error",
        error: (init) => new NetworkError(message, { ...init, cause }),
      },
    });
  }

  // -----------------------------------------------------------------------------------------------
  // Settling

  /** Settles the request once, with jQuery's rules for textStatus, data and errors. */
  #end(ending: Ending): void {
    if (this.#isSettled()) return;
    this.#phase = Phase.Settled;
    this.#release();
    const jqXHR = this.jqXHR;
    const { status } = ending;
    jqXHR.readyState = status > 0 ? 4 : 0;
    const outcome = this.#outcomeOf(ending);
    jqXHR.status = status;
    jqXHR.statusText = ending.nativeStatusText || outcome.textStatus;
    this.#fire(outcome);
  }

  /**
   * What the request resolves or rejects with. The body is converted whatever the status (so that
   * `responseJSON` is set for JSON error bodies, as in jQuery); only a success can turn into a
   * "parsererror".
   */
  #outcomeOf(ending: Ending): Outcome {
    const { status, failure } = ending;
    const isSuccess = (status >= 200 && status < 300) || status === 304;
    const conversion =
      ending.text === undefined ? undefined : this.#convert(ending.text, isSuccess);
    if (failure) return { textStatus: failure.textStatus, error: failure.error };
    if (!isSuccess) {
      return {
        textStatus: "error",
        error: (init) => new HttpError(status, ending.nativeStatusText, init),
      };
    }
    if (status === 204 || this.#settings.type === "HEAD") return { textStatus: "nocontent" };
    if (status === 304) return { textStatus: "notmodified" };
    if (conversion?.ok !== false) return { textStatus: "success", data: conversion?.data };
    return {
      textStatus: "parsererror",
      error: (init) =>
        new ParseError(conversion.from, conversion.to, ending.text ?? "", {
          ...init,
          cause: conversion.error?.thrown,
        }),
    };
  }

  /** Runs the converter chain, filling `responseText`/`responseJSON` on the way. */
  #convert(text: string, isSuccess: boolean): Conversion {
    const settings = this.#settings;
    const jqXHR = this.jqXHR as unknown as Record<string, unknown>;
    const chain = inferDataTypes(
      settings.dataTypes,
      settings.mimeType ?? this.responseHeader("Content-Type"),
    );
    settings.dataTypes = chain;
    try {
      return convert(text, isSuccess, {
        chain,
        converters: settings.converters,
        dataFilter: settings.dataFilter,
        dataType: settings.dataType,
        reached: (dataType, value) => {
          const field = RESPONSE_FIELDS[dataType];
          if (field) jqXHR[field] = value;
        },
      });
    } catch (thrown) {
      // Only dataFilter can throw here: jQuery lets that escape; here it is a parse failure.
      return { ok: false, from: "text", to: chain.at(-1) ?? "text", error: { thrown } };
    }
  }

  /**
   * Resolves or rejects the deferred, then runs the statusCode callbacks and the complete list. A
   * throwing user callback must not stop the others, nor become an unhandled rejection of the
   * runner: the first one surfaces as an uncaught error, as it would from an XHR event in jQuery.
   */
  #fire(outcome: Outcome): void {
    const jqXHR = this.jqXHR;
    const { textStatus } = outcome;
    const errors: unknown[] = [];
    const run = (step: () => void): void => {
      try {
        step();
      } catch (thrown) {
        errors.push(thrown);
      }
    };
    if (outcome.error === undefined) {
      const values = [outcome.data, textStatus, jqXHR] as AjaxSuccessValues<T>;
      run(() => this.#deferred.resolveWith(this.#context, values));
    } else {
      const error = outcome.error({ jqXHR: jqXHR as unknown as JqXHR<unknown>, textStatus });
      run(() => this.#deferred.rejectWith(this.#context, [jqXHR, textStatus, error]));
    }
    const statusCallbacks = this.#statusCodes.get(jqXHR.status);
    this.#statusCodes.clear();
    if (statusCallbacks) run(() => jqXHR.always(statusCallbacks as CallbackInput<never>));
    run(() => this.#completeCallbacks.fireWith(this.#context, [jqXHR, textStatus]));
    if (errors.length > 0) reportAsync(errors[0]);
  }

  /** Frees everything that could keep the request (or the process) alive. */
  #release(): void {
    clearTimeout(this.#timeoutTimer);
    clearTimeout(this.#retryTimer);
    this.#timeoutTimer = this.#retryTimer = undefined;
    this.#removeSignalListener?.();
    this.#removeSignalListener = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }
}

/** A setting found invalid while building the fetch call; becomes a {@link RequestError}. */
class SettingError extends Error {
  constructor(
    readonly option: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
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
 * jQuery's data handling before prefilters: binary bodies are sent unprocessed (and FormData
 * without a Content-Type, so fetch can add the boundary); objects are serialised with `param`.
 */
function preparePayload(settings: PreparedAjaxSettings, options: AjaxSettings): void {
  const data = settings.data;
  const serialisable = typeof data === "string" || Array.isArray(data) || isPlainObject(data);
  if (data != null && !serialisable && !("processData" in options)) settings.processData = false;
  if (typeof FormData !== "undefined" && data instanceof FormData) settings.contentType = false;
  if (data != null && settings.processData && typeof data !== "string") {
    settings.data = param(data as Record<string, unknown>, settings.traditional);
  }
}

/** For GET/HEAD: data goes into the query string, and `cache: false` adds the anti-cache nonce. */
function applyDataToUrl(settings: PreparedAjaxSettings): void {
  if (!settings.hasContent) {
    if (settings.data && (settings.processData || typeof settings.data === "string")) {
      settings.url = appendQuery(settings.url, String(settings.data));
      delete settings.data;
    }
    if (settings.cache === false) {
      lastNonce = Math.max(lastNonce + 1, Date.now());
      settings.url = withAntiCache(settings.url, lastNonce);
    }
  } else if (
    typeof settings.data === "string" &&
    settings.processData &&
    String(settings.contentType || "").startsWith("application/x-www-form-urlencoded")
  ) {
    // A form body encodes spaces as "+" (gh-2658).
    settings.data = settings.data.replace(/%20/g, "+");
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function decode(chunks: Uint8Array[], length: number, charset: string | undefined): string {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes);
}

function ignore(): void {}

/** Rethrows outside the current call stack, so it is reported as an uncaught error. */
function reportAsync(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
