/**
 * The fetch transport, the default for every data type: builds the fetch call from the final
 * settings (where jQuery's XHR transport would throw, it throws a `RequestError`), sends it
 * (retrying as the `retry` option asks), streams the body while reporting progress, and completes
 * with `{ text }` and the response headers. `abort()` aborts the fetch and drops any retry.
 */
import { NetworkError } from "../errors/network-error.js";
import { RequestError } from "../errors/request-error.js";
import type { JqXHR } from "../types/jqxhr.js";
import type { FetchFunction, PreparedAjaxSettings } from "../types/options.js";
import { safeText } from "../utils/describe.js";
import { charsetOf } from "../utils/headers.js";
import { type RetryPolicy, retryDelay, retryPolicy } from "../utils/retry.js";
import { pageLocation } from "../utils/page.js";
import { isUrl, resolveUrl } from "../utils/url.js";
import type {
  Transport,
  TransportChannel,
  TransportComplete,
  TransportFactory,
} from "./transport.js";

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Methods fetch refuses to send. */
const FORBIDDEN_METHODS = ["CONNECT", "TRACE", "TRACK"];

interface FetchCall {
  url: string;
  init: RequestInit;
  fetch: FetchFunction;
}

/** The fetch transport's factory: it handles every request. */
export const fetchTransport: TransportFactory = (options, _originalOptions, jqXHR) =>
  new FetchTransport(options, jqXHR);

class FetchTransport implements Transport {
  readonly #settings: PreparedAjaxSettings;
  readonly #jqXHR: JqXHR<unknown>;
  #controller: AbortController | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(settings: PreparedAjaxSettings, jqXHR: JqXHR<unknown>) {
    this.#settings = settings;
    this.#jqXHR = jqXHR;
  }

  send(
    headers: Record<string, string>,
    complete: TransportComplete,
    channel?: TransportChannel,
  ): void {
    // Validated now so that a bad setting throws from send, as jQuery's XHR transport does.
    const policy = this.#retryPolicy();
    const call = this.#buildCall(headers);
    this.#controller = new AbortController();
    call.init.signal = this.#controller.signal;
    this.#run(call, policy, complete, channel).catch((thrown: unknown) => {
      // Only a fault of the platform (or of a hostile fetch) gets here; the request must settle.
      if (!this.#stopped) {
        channel?.fail(this.#networkError("the request failed", thrown), "");
      }
    });
  }

  abort(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  #settingError(option: string, message: string, cause?: unknown): RequestError {
    return new RequestError(option, message, { jqXHR: this.#jqXHR, textStatus: "error", cause });
  }

  #networkError(message: string, cause: unknown): NetworkError {
    return new NetworkError(message, { jqXHR: this.#jqXHR, textStatus: "error", cause });
  }

  #retryPolicy(): RetryPolicy {
    try {
      return retryPolicy(this.#settings.retry);
    } catch (thrown) {
      throw this.#settingError(
        "retry",
        safeText(thrown instanceof Error ? thrown.message : thrown),
        thrown,
      );
    }
  }

  /** The fetch arguments, validated: where jQuery's XHR would throw, a `RequestError`. */
  #buildCall(requestHeaders: Record<string, string>): FetchCall {
    const settings = this.#settings;
    const base = settings.baseUrl ?? pageLocation()?.href;
    const given: unknown = settings.url;
    if (typeof given !== "string" && !isUrl(given)) {
      throw this.#settingError("url", `url must be a string or a URL, got ${typeof given}`);
    }
    const url = resolveUrl(String(given), base === undefined ? undefined : safeText(base));
    if (url === undefined) {
      throw this.#settingError(
        "url",
        `url ${JSON.stringify(String(given))} is not a valid URL` +
          (base === undefined ? " (outside browsers, relative URLs need the baseUrl option)" : ""),
      );
    }
    const method: unknown = settings.type;
    if (typeof method !== "string" || !HTTP_TOKEN.test(method)) {
      throw this.#settingError(
        "method",
        `method must be an HTTP token, got ${typeof method === "string" ? JSON.stringify(method) : typeof method}`,
      );
    }
    if (FORBIDDEN_METHODS.includes(method)) {
      throw this.#settingError("method", `method ${method} cannot be sent with fetch`);
    }
    const names = Object.keys(requestHeaders).map((name) => name.toLowerCase());
    if (!settings.crossDomain && !names.includes("x-requested-with")) {
      requestHeaders["X-Requested-With"] = "XMLHttpRequest";
    }
    if (settings.username != null && !names.includes("authorization")) {
      // fetch refuses credentials in the URL; XHR's open(…, username, password) sends Basic auth.
      const pair = `${safeText(settings.username)}:${safeText(settings.password ?? "")}`;
      requestHeaders.Authorization = `Basic ${base64(pair)}`;
    }
    const headers = new Headers();
    for (const name of Object.keys(requestHeaders)) {
      const value = requestHeaders[name]!;
      try {
        headers.set(name, value);
      } catch (cause) {
        throw this.#settingError(
          "headers",
          `header ${JSON.stringify(name)} with value ${JSON.stringify(value)} has invalid characters`,
          cause,
        );
      }
    }
    const fetchFunction: unknown = settings.fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== "function") {
      throw this.#settingError("fetch", `fetch must be a function, got ${typeof fetchFunction}`);
    }
    const init: RequestInit = { method, headers };
    if (settings.hasContent && settings.data != null)
      init.body = settings.data as RequestInit["body"];
    if (settings.credentials !== undefined) init.credentials = settings.credentials;
    return { url: url.href, init, fetch: fetchFunction as FetchFunction };
  }

  /** Fetches (with retries), reads the body and completes, unless aborted first. */
  async #run(
    call: FetchCall,
    policy: RetryPolicy,
    complete: TransportComplete,
    channel: TransportChannel | undefined,
  ): Promise<void> {
    const method = call.init.method!;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        // Called unbound: browsers' fetch throws "Illegal invocation" when its `this` is not the window.
        const fetchResource = call.fetch;
        response = await fetchResource(call.url, call.init);
      } catch (cause) {
        if (this.#stopped) return;
        const wait = this.#retryWait(policy, method, attempt, undefined, channel);
        if (wait === "failed") return;
        if (wait !== undefined) {
          await this.#wait(wait);
          continue;
        }
        channel?.fail(this.#networkError("the request failed", cause), "");
        return;
      }
      if (this.#stopped) {
        await cancelBody(response);
        return;
      }
      if (!isResponse(response)) {
        const error = this.#settingError(
          "fetch",
          `fetch resolved to ${response === null ? "null" : typeof response}, expected a Response`,
        );
        channel?.fail(error, error);
        return;
      }
      if (!response.ok && response.status !== 304) {
        const wait = this.#retryWait(policy, method, attempt, response, channel);
        if (wait === "failed") return;
        if (wait !== undefined) {
          await cancelBody(response);
          if (this.#stopped) return;
          await this.#wait(wait);
          continue;
        }
      }
      channel?.headers(response.headers);
      let text: string;
      try {
        text = await this.#readBody(response, channel);
      } catch (cause) {
        if (!this.#stopped)
          channel?.fail(this.#networkError("reading the response failed", cause), "");
        return;
      }
      if (this.#stopped) return;
      complete(response.status, response.statusText, { text }, response.headers);
      return;
    }
  }

  /**
   * The wait before retry `attempt`, `undefined` for no retry, or "failed" when the retry policy
   * itself failed (a throwing `delay`): the request then fails with a `RequestError`.
   */
  #retryWait(
    policy: RetryPolicy,
    method: string,
    attempt: number,
    response: Response | undefined,
    channel: TransportChannel | undefined,
  ): number | undefined | "failed" {
    try {
      return retryDelay(policy, method, attempt, response, Date.now());
    } catch (thrown) {
      const error = this.#settingError("retry", `retry.delay threw: ${safeText(thrown)}`, thrown);
      channel?.fail(error, error);
      return "failed";
    }
  }

  /**
   * Waits before a retry. `abort()` clears the timer, so after an abort this promise never
   * resolves and the retry loop is simply dropped.
   */
  #wait(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      this.#retryTimer = setTimeout(resolve, milliseconds);
    });
  }

  /** Reads the body chunk by chunk, reporting `(loaded, total)` after each, then decodes it. */
  async #readBody(response: Response, channel: TransportChannel | undefined): Promise<string> {
    const body = response.body;
    if (body === null) return "";
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
      if (this.#stopped) {
        // Only a fetch that ignores the abort signal gets here: stop its body explicitly.
        await reader.cancel().catch(ignore);
        return "";
      }
      chunks.push(value);
      loaded += value.byteLength;
      channel?.loaded(loaded, total);
    }
    return decode(
      chunks,
      loaded,
      charsetOf(this.#settings.mimeType ?? response.headers.get("Content-Type")),
    );
  }
}

/** Whether a fetch function kept its contract (a hostile one may resolve to anything). */
function isResponse(value: unknown): value is Response {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Response).status === "number" &&
    typeof (value as Response).headers?.get === "function"
  );
}

async function cancelBody(response: Response): Promise<void> {
  if (isResponse(response)) await response.body?.cancel().catch(ignore);
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

/** Base64 of a string's UTF-8 bytes (btoa alone only takes Latin-1). */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function ignore(): void {}
