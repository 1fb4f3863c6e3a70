/**
 * The public option types of `ajax()`, `ajaxSetup()` and `ajaxPrefilter()`, documented where they
 * are declared. Names, defaults and meanings are jQuery's unless marked "not in jQuery".
 *
 * Custom settings (such as seed 002's `parseError`) reach prefilters untouched; declare them for
 * the type checker by augmenting {@link AjaxSettings}:
 *
 * @example
 * declare module "jq-deferred" {
 *   interface AjaxSettings { parseError?: boolean }
 * }
 */
import type { CallbackInput } from "../../core/index.js";
import type { AjaxUrl, FetchInit, GlobalInstance } from "./globals.js";
import type {
  AjaxCompleteCallback,
  AjaxErrorCallback,
  AjaxSuccessCallback,
  JqXHR,
  StatusCodeCallbacks,
} from "./jqxhr.js";

/**
 * A response data type: the built-in ones, or any for which `converters` has an entry.
 *
 * @example
 * ajax("/notes.txt", { dataType: "text" }).done((text) => show(text));
 */
export type AjaxDataType = "json" | "text" | "html" | "xml" | (string & Record<never, never>);

/**
 * What `data` accepts: a plain object or an array of `{ name, value }` (serialised with
 * {@link param}), a string (sent as is), or any other fetch body (`FormData`, `URLSearchParams`,
 * `Blob`, `ArrayBuffer`, typed arrays), which is sent unprocessed.
 *
 * @example
 * get("/search", { q: "deferred", page: 2 }); // GET /search?q=deferred&page=2
 * post("/tags", { tags: ["a", "b"] }); // body tags%5B%5D=a&tags%5B%5D=b
 * post("/upload", new FormData(form)); // multipart, boundary set by fetch
 */
export type AjaxData =
  | string
  | Readonly<Record<string, unknown>>
  | readonly { name: string; value: unknown }[]
  | NonNullable<FetchInit["body"]>;

/**
 * A converter: from the previous data type's value to the next one's, or `true` for "same". Its
 * input is untyped (`TInput`, `any` unless given): it depends on the data type converted from
 * (a string from "text", the parsed value from "json", …), which the key names at run time.
 *
 * @example
 * const parseCsv: AjaxConverter = (text: string) =>
 *   text.split("\n").map((line) => line.split(","));
 * ajax("/report.csv", { dataType: "csv", converters: { "text csv": parseCsv } })
 *   .done((rows) => show(rows)); // [["a", "b"], ["1", "2"]]
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped input (see above)
export type AjaxConverter<TInput = any> = ((value: TInput) => unknown) | true;

/**
 * The `fetch` implementation the request uses (not in jQuery).
 *
 * @example
 * const loggedFetch: FetchFunction = (input, init) => {
 *   console.log(init.method, input);
 *   return fetch(input, init);
 * };
 * ajaxSetup({ fetch: loggedFetch });
 */
export type FetchFunction = (input: string, init: FetchInit) => Promise<GlobalInstance<"Response">>;

/**
 * Retries (not in jQuery). A number is the retry limit with the other defaults. Off by default.
 * The `timeout` option bounds the whole exchange, retries and waits included.
 *
 * @example
 * const retry: RetryOptions = { limit: 3, statusCodes: [503], delay: (attempt) => 200 * attempt };
 * ajax("/flaky", { retry, timeout: 10_000 });
 */
export interface RetryOptions {
  /** Maximum number of retries after the first attempt. Default 2 when an object is given. */
  limit?: number;
  /** Methods that may be retried. Default: GET, PUT, HEAD, DELETE, OPTIONS (idempotent ones). */
  methods?: readonly string[];
  /** Response statuses that are retried. Default: 408, 413, 429, 500, 502, 503, 504. */
  statusCodes?: readonly number[];
  /**
   * Longest `Retry-After` (in ms) to wait for; a longer one fails the request at once with the
   * response it came with. Default: no limit.
   */
  maxRetryAfter?: number;
  /**
   * Milliseconds to wait before retry number `attempt` (1, 2, …) when the response gave no
   * `Retry-After`. Default: 300 · 2^(attempt−1). Network failures are retried too.
   */
  delay?: (attempt: number) => number;
}

/**
 * The options of one request. Every one is optional; `ajaxSetup()` changes the defaults.
 *
 * @typeParam T - the type of the converted response data
 *
 * @example
 * ajax<User>({
 *   url: "/users/7",
 *   dataType: "json",
 *   timeout: 5000,
 *   headers: { "X-Token": token },
 *   success: (user) => show(user.name),
 *   error: (jqXHR, textStatus, errorThrown) => console.error(textStatus, errorThrown),
 * });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped data is any (docs/types.md)
export interface AjaxSettings<T = any> {
  /** The URL; relative URLs resolve against `baseUrl`, else `location.href`. */
  url?: AjaxUrl;
  /** Not in jQuery: what relative URLs resolve against (needed outside browsers). */
  baseUrl?: AjaxUrl;
  /** HTTP method. Default "GET". Any HTTP token is sent as is, upper-cased. */
  method?: string;
  /** Alias of `method` (jQuery's older name). */
  type?: string;
  /**
   * Data to send: appended to the URL's query string for GET and HEAD, sent as the body otherwise.
   * Objects are serialised with {@link param} unless `processData` is false.
   */
  data?: AjaxData;
  /** Whether to serialise object `data`. Default true (false for binary bodies such as Blob). */
  processData?: boolean;
  /** Serialise arrays without brackets (`a=1&a=2`), as `param(data, true)`. Default false. */
  traditional?: boolean;
  /**
   * The request's Content-Type, or false for none. Default
   * "application/x-www-form-urlencoded; charset=UTF-8" (not set for FormData bodies, whose
   * boundary fetch writes).
   */
  contentType?: string | false;
  /**
   * The expected response type: "json", "text", "html", "xml" (needs `DOMParser`), or one with a
   * converter; several space-separated types chain converters. By default it is inferred from
   * the response's Content-Type.
   */
  dataType?: AjaxDataType;
  /** Accept header value per data type, merged with the defaults. */
  accepts?: Readonly<Record<string, string>>;
  /**
   * Converters keyed by `"from to"` data types (`"text json": JSON.parse`), merged with the
   * defaults. A converter that throws fails the request with "parsererror".
   */
  converters?: Readonly<Record<string, AjaxConverter>>;
  /** Transforms the raw body of a successful response before conversion. */
  dataFilter?: (data: string, dataType: string | undefined) => string;
  /** Overrides the response's MIME type (as `jqXHR.overrideMimeType`). */
  mimeType?: string;
  /**
   * Content-Type patterns per data type, used when the data type is inferred (merged with the
   * defaults `xml`, `html`, `json`): the first matching entry names the response's type.
   */
  contents?: Readonly<Record<string, RegExp | undefined>>;
  /** Which jqXHR field receives the value of a data type once reached (`{ json: "responseJSON" }`). */
  responseFields?: Readonly<Record<string, string>>;
  /**
   * Sends `If-Modified-Since`/`If-None-Match` from the last response for this URL; a 304 then
   * succeeds with textStatus "notmodified". Default false.
   */
  ifModified?: boolean;
  /** Request headers, merged with the defaults. */
  headers?: Readonly<Record<string, string>>;
  /** Milliseconds before the request fails with "timeout"; 0 (default) for none. */
  timeout?: number;
  /** Whether the request fires the global ajax events (`ajaxStart`, …) and counts in `active`. Default true. */
  global?: boolean;
  /** Whether the page is on a local protocol (`file:` …); computed from `location`, read by prefilters. */
  isLocal?: boolean;
  /**
   * Must stay true: fetch cannot block, so `async: false` is ignored and the request runs
   * asynchronously (see docs/ajax.md).
   */
  async?: boolean;
  /** Sent as `Authorization: Basic …` with `password` (unless an Authorization header is set). */
  username?: string;
  /** The password for `username`. */
  password?: string;
  /** Options copied by reference rather than deep-extended when settings are merged (`url`, `context`). */
  flatOptions?: Readonly<Record<string, boolean>>;
  /** JSONP: the callback parameter's name (default "callback"), or false to add none. */
  jsonp?: string | false;
  /** JSONP: the callback's name, or a function returning it. Default: a generated, reused name. */
  jsonpCallback?: string | ((this: PreparedAjaxSettings) => string);
  /** `dataType: "script"`: attributes for the `<script>` element (forces its use). */
  scriptAttrs?: Readonly<Record<string, string>>;
  /** `dataType: "script"`: the `charset` of the `<script>` element. */
  scriptCharset?: string;
  /** The `this` of every callback. Default: the request's settings object. */
  context?: object;
  /** `false` adds a `_=<nonce>` parameter to GET/HEAD URLs so no cache can answer. */
  cache?: boolean;
  /**
   * Whether the request goes to another origin; when false, `X-Requested-With: XMLHttpRequest` is
   * sent. Default: computed against `location` (false where there is none, as in Node).
   */
  crossDomain?: boolean;
  /** Not in jQuery (replaces `xhrFields.withCredentials`): fetch's `credentials` mode. */
  credentials?: FetchInit["credentials"];
  /** Not in jQuery: the fetch implementation. Default `globalThis.fetch`, read per request. */
  fetch?: FetchFunction;
  /** Not in jQuery: aborting this signal aborts the request (a timeout signal reports "timeout"). */
  signal?: GlobalInstance<"AbortSignal">;
  /** Not in jQuery: retry policy (see {@link RetryOptions}). Default 0: no retry. */
  retry?: number | RetryOptions;
  /**
   * Called before sending, with the jqXHR and the prepared settings; returning `false` aborts
   * (textStatus "canceled"). It may call `jqXHR.setRequestHeader`.
   */
  beforeSend?: (this: unknown, jqXHR: JqXHR<T>, settings: PreparedAjaxSettings) => unknown;
  /** Added to the request's `done` callbacks. */
  success?: CallbackInput<AjaxSuccessCallback<T>>;
  /** Added to the request's `fail` callbacks. */
  error?: CallbackInput<AjaxErrorCallback<T>>;
  /** Added to the request's `complete` callbacks. */
  complete?: CallbackInput<AjaxCompleteCallback<T>>;
  /** Callbacks per HTTP status code (as `jqXHR.statusCode(map)`). */
  statusCode?: StatusCodeCallbacks<T>;
}

/**
 * The settings as prefilters and `beforeSend` see them: every default merged in, the method in
 * both `type` and `method` (upper-cased after the prefilters, which may change either), object
 * `data` already serialised, and `dataTypes` split from `dataType`. Changes made by a prefilter
 * or `beforeSend` apply to the request.
 *
 * @example
 * ajax({
 *   url: "/items",
 *   data: { page: 2 },
 *   beforeSend(jqXHR, settings: PreparedAjaxSettings) {
 *     console.log(settings.type, settings.url, settings.dataTypes); // GET /items?page=2 ["*"]
 *   },
 * });
 */
export interface PreparedAjaxSettings extends AjaxSettings<unknown> {
  url: string;
  type: string;
  method: string;
  /** The requested data types, in order; "*" when inferred from the response. */
  dataTypes: string[];
  crossDomain: boolean;
  /** Whether the method sends a body (everything except GET and HEAD). */
  hasContent: boolean;
  accepts: Record<string, string>;
  converters: Record<string, AjaxConverter>;
  headers: Record<string, string>;
}

/**
 * A prefilter: runs for every matching request before it is sent, with the prepared settings, the
 * options the caller passed, and the jqXHR. It may change settings, abort the jqXHR, or rewire its
 * promise methods (`Deferred().promise(jqXHR)`). Returning a data type string redirects the request
 * to that type's prefilters.
 *
 * @example
 * const addToken: AjaxPrefilter = (options, originalOptions, jqXHR) => {
 *   if (!options.crossDomain) jqXHR.setRequestHeader("X-Token", token);
 * };
 * ajaxPrefilter("json", addToken);
 */
export type AjaxPrefilter = (
  options: PreparedAjaxSettings,
  originalOptions: AjaxSettings<unknown>,
  jqXHR: JqXHR<unknown>,
) => unknown;
