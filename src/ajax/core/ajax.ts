/**
 * The request functions: `ajax()` and its shorthands `get()`, `post()` and `getJSON()`, with
 * jQuery's argument orders.
 */
import type { CallbackInput } from "../../core/index.js";
import type { AjaxSuccessCallback, JqXHR } from "../types/jqxhr.js";
import type { AjaxUrl } from "../types/globals.js";
import type { AjaxData, AjaxDataType, AjaxSettings } from "../types/options.js";
import { isUrl } from "../utils/url.js";
import { Exchange } from "./exchange.js";

/**
 * Sends a request with `fetch` and returns its jqXHR, a promise of
 * `(data, textStatus, jqXHR)` or `(jqXHR, textStatus, errorThrown)`.
 *
 * @example
 * ajax<{ name: string }>("/user/7", { dataType: "json" })
 *   .done((user, textStatus, jqXHR) => console.log(user.name, jqXHR.status))
 *   .fail((jqXHR, textStatus, errorThrown) => console.error(textStatus, errorThrown));
 *
 * @example
 * when(ajax("/page1"), ajax("/page2")).done((a1, a2) => console.log(a1[0] + a2[0]));
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped response data is any (docs/types.md) */
export function ajax<T = any>(url: AjaxUrl, options?: AjaxSettings<T>): JqXHR<T>;
export function ajax<T = any>(options?: AjaxSettings<T>): JqXHR<T>;
/* eslint-enable @typescript-eslint/no-explicit-any */
export function ajax<T>(
  urlOrOptions?: string | URL | AjaxSettings<T>,
  maybeOptions?: AjaxSettings<T>,
): JqXHR<T> {
  const [url, options] =
    typeof urlOrOptions === "object" && urlOrOptions !== null && !isUrl(urlOrOptions)
      ? [undefined, urlOrOptions]
      : [urlOrOptions as string | URL | undefined | false, maybeOptions];
  const exchange = new Exchange<T>(url, (options ?? {}) as AjaxSettings);
  exchange.start();
  return exchange.jqXHR;
}

/** Sends a GET or POST with the shorthands' argument shifting, as jQuery's `get`/`post`. */
function shorthand(
  method: "GET" | "POST",
  url: unknown,
  data?: unknown,
  success?: unknown,
  dataType?: unknown,
): JqXHR<unknown> {
  if (typeof url === "object" && url !== null && !isUrl(url)) {
    return ajax({ type: method, ...(url as AjaxSettings) });
  }
  // Shift the arguments if data was omitted, as jQuery does.
  if (typeof data === "function" || data === null) {
    dataType ||= success;
    success = data;
    data = undefined;
  }
  return ajax({
    url: url as string,
    type: method,
    dataType: dataType as AjaxDataType | undefined,
    data: data as AjaxData | undefined,
    success: success as AjaxSettings["success"],
  });
}

/**
 * A GET request: `get(url, data?, success?, dataType?)`, `get(url, success, dataType?)` or
 * `get(settings)`.
 *
 * @example
 * get("/foo/", (data) => render(data)); // same as get("/foo/").done(fn)
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped response data is any (docs/types.md) */
export function get<T = any>(
  url: AjaxUrl,
  success: CallbackInput<AjaxSuccessCallback<T>> | null,
  dataType?: AjaxDataType,
): JqXHR<T>;
export function get<T = any>(
  url?: AjaxUrl,
  data?: AjaxData | null,
  success?: CallbackInput<AjaxSuccessCallback<T>> | null,
  dataType?: AjaxDataType,
): JqXHR<T>;
export function get<T = any>(settings: AjaxSettings<T>): JqXHR<T>;
/* eslint-enable @typescript-eslint/no-explicit-any */
export function get(url: unknown, data?: unknown, success?: unknown, dataType?: unknown) {
  return shorthand("GET", url, data, success, dataType);
}

/**
 * A POST request: `post(url, data?, success?, dataType?)`, `post(url, success, dataType?)` or
 * `post(settings)`.
 *
 * @example
 * post("/contacts", { name: "Ada" }).done((saved) => show(saved));
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped response data is any (docs/types.md) */
export function post<T = any>(
  url: AjaxUrl,
  success: CallbackInput<AjaxSuccessCallback<T>> | null,
  dataType?: AjaxDataType,
): JqXHR<T>;
export function post<T = any>(
  url?: AjaxUrl,
  data?: AjaxData | null,
  success?: CallbackInput<AjaxSuccessCallback<T>> | null,
  dataType?: AjaxDataType,
): JqXHR<T>;
export function post<T = any>(settings: AjaxSettings<T>): JqXHR<T>;
/* eslint-enable @typescript-eslint/no-explicit-any */
export function post(url: unknown, data?: unknown, success?: unknown, dataType?: unknown) {
  return shorthand("POST", url, data, success, dataType);
}

/**
 * A GET request whose response is parsed as JSON: `getJSON(url, data?, success?)`.
 *
 * @example
 * getJSON<{ items: string[] }>("/list", { page: 2 }).done(({ items }) => show(items));
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped response data is any (docs/types.md) */
export function getJSON<T = any>(
  url: AjaxUrl,
  success: CallbackInput<AjaxSuccessCallback<T>> | null,
): JqXHR<T>;
export function getJSON<T = any>(
  url: AjaxUrl,
  data?: AjaxData | null,
  success?: CallbackInput<AjaxSuccessCallback<T>> | null,
): JqXHR<T>;
/* eslint-enable @typescript-eslint/no-explicit-any */
export function getJSON(url: unknown, data?: unknown, success?: unknown) {
  return shorthand("GET", url, data, success, "json");
}

/**
 * Loads a script with GET and runs it (`dataType: "script"`): `getScript(url, success?)`. Browsers
 * only, unless a `"text script"` converter is set (see docs/ajax.md).
 *
 * @example
 * getScript("/plugins/chart.js", () => drawChart());
 */
export function getScript(
  url: AjaxUrl,
  success?: CallbackInput<AjaxSuccessCallback<unknown>> | null,
): JqXHR<unknown> {
  return shorthand("GET", url, undefined, success, "script");
}
