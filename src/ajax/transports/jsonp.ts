/**
 * JSONP, as jQuery 4 does it: the "jsonp" prefilter puts a callback name into the URL (replacing
 * `=?` or `??`, or appending `<jsonp>=<name>`), installs a global function of that name that keeps
 * its arguments, turns the request into a "script" one whose `"script json"` converter hands back
 * what the callback received (or fails with "<name> was not called"), and once the request is
 * over restores whatever the global held before. Outside browsers it fails like any script
 * request (see `script.ts`), after the global has been restored.
 */
import type { AjaxSettings, PreparedAjaxSettings } from "../types/options.js";
import type { JqXHR } from "../types/jqxhr.js";
import { nextNonce } from "../utils/nonce.js";
import { pageGlobal } from "../utils/page.js";

const JSONP_PLACEHOLDER = /(=)\?(?=&|$)|\?\?/;
/**
 * The prefix of generated callback names, random per page as jQuery's. Made by the first request
 * that needs one: at load time, a bundle of the core alone could not drop the calls that make it.
 */
let expando: string | undefined;

/** Names generated earlier and free again (jQuery reuses them so the page's globals do not pile up). */
const freeCallbackNames: string[] = [];

/**
 * The default `jsonpCallback`: a free generated name, marked on the settings (its `this`) as
 * generated so that it is recycled when the request ends.
 */
export function generateJsonpCallback(this: PreparedAjaxSettings): string {
  expando ??= `jqDeferred${String(Math.random()).replace(/\D/g, "")}`;
  const name = freeCallbackNames.pop() ?? `${expando}_${nextNonce()}`;
  (this as unknown as Record<string, unknown>)[name] = true;
  return name;
}

/** The "jsonp" prefilter. Returns "script", redirecting the request to the script prefilters. */
export function jsonpPrefilter(
  settings: PreparedAjaxSettings,
  originalSettings: AjaxSettings<unknown>,
  jqXHR: JqXHR<unknown>,
): string {
  const withName = settings as PreparedAjaxSettings & Record<string, unknown>;
  const inUrl = settings.jsonp !== false && JSONP_PLACEHOLDER.test(settings.url);
  const inData =
    !inUrl &&
    settings.jsonp !== false &&
    typeof settings.data === "string" &&
    String(settings.contentType || "").startsWith("application/x-www-form-urlencoded") &&
    JSONP_PLACEHOLDER.test(settings.data);
  const callback = settings.jsonpCallback;
  const name = String(typeof callback === "function" ? callback.call(settings) : callback);
  settings.jsonpCallback = name;
  if (inUrl) settings.url = settings.url.replace(JSONP_PLACEHOLDER, `$1${name}`);
  else if (inData)
    settings.data = (settings.data as string).replace(JSONP_PLACEHOLDER, `$1${name}`);
  else if (settings.jsonp !== false) {
    settings.url += `${settings.url.includes("?") ? "&" : "?"}${String(settings.jsonp)}=${name}`;
  }

  let received: unknown[] | undefined;
  settings.converters["script json"] = () => {
    if (received === undefined) throw new Error(`${name} was not called`);
    return received[0];
  };
  settings.dataTypes[0] = "json";

  const global = pageGlobal();
  let overwritten = global[name];
  global[name] = (...args: unknown[]) => {
    received = args;
  };
  jqXHR.always(() => {
    if (overwritten === undefined) delete global[name];
    else global[name] = overwritten;
    if (withName[name]) {
      // The name was generated: recycle it, and let a reuse of these options generate afresh.
      settings.jsonpCallback = originalSettings.jsonpCallback;
      freeCallbackNames.push(name);
    }
    if (received !== undefined && typeof overwritten === "function") {
      (overwritten as (value: unknown) => void)(received[0]);
    }
    received = overwritten = undefined;
  });
  return "script";
}
