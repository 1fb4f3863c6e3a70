/**
 * The public type of the jqXHR object that `ajax()` returns: a read-only promise of the request
 * plus the XMLHttpRequest-like members jQuery code relies on.
 */
import type { Callback, CallbackInput, DeferredPromise } from "../../core/index.js";
import type { AjaxError } from "../errors/ajax-error.js";

/**
 * The `textStatus` of a successful request: 204/HEAD → "nocontent", 304 → "notmodified".
 *
 * @example
 * ajax("/report").done((data, textStatus: SuccessTextStatus) => {
 *   if (textStatus === "nocontent") showEmpty();
 *   else render(data);
 * });
 */
export type SuccessTextStatus = "success" | "notmodified" | "nocontent";

/**
 * The `textStatus` of a failed request. "canceled" is an abort before the request was sent (by a
 * prefilter or `beforeSend`); `abort(statusText)` reports its own text, as in jQuery.
 *
 * @example
 * ajax("/slow", { timeout: 2000 }).fail((jqXHR, textStatus: ErrorTextStatus) => {
 *   if (textStatus === "timeout") retryLater();
 * });
 */
export type ErrorTextStatus =
  "error" | "timeout" | "abort" | "parsererror" | "canceled" | (string & Record<never, never>);

/**
 * The values a request is resolved with: `done((data, textStatus, jqXHR) => …)`. `when()` over
 * several requests passes one such array per request.
 *
 * @example
 * when(ajax<string>("/page1"), ajax<string>("/page2")).done(
 *   (a1: AjaxSuccessValues<string>, a2: AjaxSuccessValues<string>) => show(a1[0] + a2[0]),
 * );
 */
export type AjaxSuccessValues<T> = [data: T, textStatus: SuccessTextStatus, jqXHR: JqXHR<T>];

/**
 * The values a request is rejected with: `fail((jqXHR, textStatus, errorThrown) => …)`.
 * `errorThrown` is jQuery's value, typed as jQuery documents it (and @types/jquery types it): a
 * string, the HTTP status text, "timeout", "abort" or "". For a response that fails conversion
 * ("parsererror") or a transport that throws, jQuery passes the exception itself, and so does
 * jq-deferred; the typed error object of every failure is `jqXHR.ajaxError`.
 *
 * @example
 * function report(...[jqXHR, textStatus, errorThrown]: AjaxFailureValues<unknown>) {
 *   console.error(jqXHR.status, textStatus, errorThrown, jqXHR.ajaxError?.message);
 * }
 * ajax("/api").fail(report);
 */
export type AjaxFailureValues<T> = [
  jqXHR: JqXHR<T>,
  textStatus: ErrorTextStatus,
  errorThrown: string,
];

/**
 * The values of a download progress notification: bytes received so far, and the total from
 * `Content-Length` when the body is not content-encoded (otherwise `undefined`).
 *
 * @example
 * function showProgress(...[loaded, total]: AjaxProgressValues) {
 *   if (total !== undefined) progressBar.value = loaded / total;
 * }
 * ajax("/big.json").progress(showProgress);
 */
export type AjaxProgressValues = [loaded: number, total: number | undefined];

/**
 * A `success` callback (or `done` callback of a request). `TContext` is its `this` (the `context`
 * option, else the settings), untyped unless given.
 *
 * @example
 * const showUsers: AjaxSuccessCallback<User[]> = (users, textStatus, jqXHR) => render(users);
 * ajax<User[]>({ url: "/users", dataType: "json", success: showUsers });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped context (docs/types.md)
export type AjaxSuccessCallback<T, TContext = any> = Callback<AjaxSuccessValues<T>, TContext>;
/**
 * An `error` callback (or `fail` callback of a request).
 *
 * @example
 * const logFailure: AjaxErrorCallback<unknown> = (jqXHR, textStatus, errorThrown) =>
 *   console.error(textStatus, errorThrown, jqXHR.ajaxError);
 * ajax({ url: "/api", error: logFailure });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped context (docs/types.md)
export type AjaxErrorCallback<T, TContext = any> = Callback<AjaxFailureValues<T>, TContext>;
/**
 * A `complete` callback: called after success or error with the jqXHR and the textStatus.
 *
 * @example
 * const hideSpinner: AjaxCompleteCallback<unknown> = (jqXHR, textStatus) => spinner.hide();
 * ajax({ url: "/save", method: "POST", data: { id: 7 }, complete: hideSpinner });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped context (docs/types.md)
export type AjaxCompleteCallback<T, TContext = any> = Callback<
  [jqXHR: JqXHR<T>, textStatus: SuccessTextStatus | ErrorTextStatus],
  TContext
>;

/**
 * A callback of a `statusCode` map: on success called like a `done` callback
 * `(data, textStatus, jqXHR)`, on failure like a `fail` callback `(jqXHR, textStatus,
 * errorThrown)`, so each parameter is typed as either (the data is `any` unless typed).
 *
 * @example
 * const onNotFound: StatusCodeCallback<User> = (jqXHR) => showNotFound();
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped context (docs/types.md)
export type StatusCodeCallback<T, TContext = any> = Callback<
  AjaxSuccessValues<T> | AjaxFailureValues<T>,
  TContext
>;

/** The numbers below `N`, as a union (`NumbersBelow<3>` is `0 | 1 | 2`). */
type NumbersBelow<N extends number, Counted extends number[] = []> = Counted["length"] extends N
  ? Counted[number]
  : NumbersBelow<N, [...Counted, Counted["length"]]>;

/** The HTTP status codes, 100 to 599. */
type HttpStatusCode = Exclude<NumbersBelow<600>, NumbersBelow<100>>;

/**
 * The statuses of a successful response (2xx and 304), whose request may still fail (a response
 * that does not convert fails with "parsererror"); every other status fails it.
 */
type SuccessStatusCode = Exclude<NumbersBelow<300>, NumbersBelow<200>> | 304;

/**
 * Callbacks per HTTP status code, with the request's context as `this`: called like `done`
 * callbacks when the request succeeded, like `fail` callbacks when it failed. A 2xx or 304
 * response may do either (see {@link StatusCodeCallback}); any other status only fails, so its
 * callback is a `fail` callback `(jqXHR, textStatus, errorThrown)`.
 *
 * @example
 * const byStatus: StatusCodeCallbacks<User> = {
 *   200: (user) => show(user as User),
 *   404: (jqXHR) => showNotFound(jqXHR.status),
 * };
 * ajax<User>("/user/7", { dataType: "json", statusCode: byStatus });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped context (docs/types.md)
export type StatusCodeCallbacks<T, TContext = any> = {
  [Code in SuccessStatusCode]?: CallbackInput<StatusCodeCallback<T, TContext>>;
} & {
  [Code in Exclude<HttpStatusCode, SuccessStatusCode>]?: CallbackInput<
    AjaxErrorCallback<T, TContext>
  >;
};

/**
 * The jqXHR: the promise of one request (`done`, `fail`, `always`, `then`, `catch`, `pipe`,
 * `progress`, `state`, `promise`) plus the members of jQuery's jqXHR. `T` is the type of the
 * converted response data and `TContext` the callbacks' `this`, both untyped (`any`) unless given.
 * `TResponseJSON` is the type of `responseJSON`: `any` for an untyped request, `unknown` for a
 * typed one, since an error response's body need not be a `T` (a parameter of its own, computed
 * from `T`, so that requests stay assignable by their data type).
 *
 * @example
 * const request = ajax<{ id: number }>({ url: "/item/1", dataType: "json" });
 * request.done((item, textStatus, jqXHR) => console.log(item.id, jqXHR.status));
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped data and context (docs/types.md) */
export interface JqXHR<
  T = any,
  TContext = any,
  TResponseJSON = unknown extends T ? T : unknown,
> extends DeferredPromise<
  AjaxSuccessValues<T>,
  AjaxFailureValues<T>,
  AjaxProgressValues,
  TContext
> {
  /* eslint-enable @typescript-eslint/no-explicit-any */
  /**
   * 0 before sending (and after an abort or network failure), 1 once sent, 2 when the response
   * headers arrived, 3 while the body is read, 4 when complete with an HTTP response.
   */
  readyState: 0 | 1 | 2 | 3 | 4;
  /** The HTTP status; 0 until a response arrives, and for aborts and network failures. */
  status: number;
  /** The HTTP status text on a response, else the failure's textStatus ("timeout", "error", …). */
  statusText: string;
  /** The raw response body, once read. */
  responseText?: string;
  /** The parsed response, when it was converted to JSON (also for error responses). */
  responseJSON?: TResponseJSON;
  /** The parsed document, when the response was converted to XML (needs `DOMParser`). */
  responseXML?: unknown;
  /**
   * Not in jQuery: the typed error of a failed request, set before the fail callbacks run (an
   * {@link AjaxError}: `HttpError`, `ParseError`, `TimeoutError`, `AbortError`, `NetworkError` or
   * `RequestError`); `undefined` on success. `errorThrown` is jQuery's value ("Not Found",
   * "timeout", …); this is the object behind it.
   *
   * @example
   * ajax("/api").fail((jqXHR) => {
   *   if (jqXHR.ajaxError instanceof HttpError) console.error(jqXHR.ajaxError.status);
   * });
   */
  ajaxError: AjaxError | undefined;

  /**
   * A response header (names are case-insensitive; repeated headers are joined with ", "), or
   * `null` before the headers arrived or if there is no such header.
   *
   * @example
   * request.done(() => console.log(request.getResponseHeader("Content-Type")));
   */
  getResponseHeader(name: string): string | null;
  /**
   * All response headers as `"name: value\r\n"` lines (lower-case names), or `null` before the
   * headers arrived.
   *
   * @example
   * request.always(() => console.log(request.getAllResponseHeaders()));
   */
  getAllResponseHeaders(): string | null;
  /**
   * Sets a request header (case-insensitive; the first spelling is kept). Ignored once the request
   * has been sent; use it in a prefilter or `beforeSend`.
   *
   * @example
   * ajax({ url: "/api", beforeSend: (jqXHR) => jqXHR.setRequestHeader("X-Token", token) });
   */
  setRequestHeader(name: string, value: string): this;
  /**
   * Overrides the response's MIME type (and charset) for dataType inference and decoding. Ignored
   * once the request has been sent.
   *
   * @example
   * ajax({ url: "/legacy", beforeSend: (jqXHR) => jqXHR.overrideMimeType("text/plain; charset=latin1") });
   */
  overrideMimeType(mimeType: string): this;
  /**
   * Adds callbacks per HTTP status code. Once complete, calls the one for the final status at once.
   *
   * @example
   * request.statusCode({ 404: () => showNotFound(), 200: (data: unknown) => render(data) });
   */
  statusCode(map: StatusCodeCallbacks<T, TContext>): this;
  /**
   * Aborts the request: the fetch is really aborted (its AbortController fires) and the jqXHR is
   * rejected at once with `textStatus` = `statusText` ("abort" by default, "canceled" before send).
   *
   * @example
   * const search = ajax("/search?q=a");
   * search.abort();
   */
  abort(statusText?: string): this;
  /**
   * @deprecated Since jQuery 1.8 (removed in 3.0): an alias of `done`, kept for jQuery 1.5-era code.
   *
   * @example
   * get("/foo/").success((data) => render(data));
   */
  success(...callbacks: CallbackInput<AjaxSuccessCallback<T, TContext>>[]): this;
  /**
   * @deprecated Since jQuery 1.8 (removed in 3.0): an alias of `fail`.
   *
   * @example
   * get("/foo/").error((jqXHR, textStatus) => report(textStatus));
   */
  error(...callbacks: CallbackInput<AjaxErrorCallback<T, TContext>>[]): this;
  /**
   * @deprecated Since jQuery 1.8 (removed in 3.0): adds to the `complete` callbacks, called with
   * `(jqXHR, textStatus)` after success or error (a `once memory` list); use `always`.
   *
   * @example
   * get("/foo/").complete((jqXHR, textStatus) => spinner.hide());
   */
  complete(...callbacks: CallbackInput<AjaxCompleteCallback<T, TContext>>[]): this;
}
