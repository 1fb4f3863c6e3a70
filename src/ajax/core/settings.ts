/**
 * The global ajax state: the live defaults object (jQuery's `ajaxSettings`, what `ajaxSetup()`
 * extends and returns), the
 * prefilter and transport registries, the `ifModified` caches, and `ajaxReset()` to restore all of
 * them (for tests and teardown).
 *
 * Everything here is created at module level without side effects, so a bundle that imports only
 * the core drops this module entirely.
 */
import { generateJsonpCallback, jsonpPrefilter } from "../transports/jsonp.js";
import { fetchTransport } from "../transports/fetch.js";
import {
  evaluateScript,
  SCRIPT_ACCEPTS,
  scriptPrefilter,
  scriptTransport,
} from "../transports/script.js";
import type { TransportFactory } from "../transports/transport.js";
import type { AjaxPrefilter, AjaxSettings, PreparedAjaxSettings } from "../types/options.js";
import { DEFAULT_CONVERTERS } from "../utils/converters.js";
import { pageLocation } from "../utils/page.js";
import { DataTypeRegistry } from "./registry.js";

/** Protocols of pages jQuery considers local (`isLocal`). */
const LOCAL_PROTOCOL = /^(?:about|app|app-storage|.+-extension|file|res|widget):$/;

/** A fresh copy of the built-in defaults (jQuery's `ajaxSettings`, plus script and JSONP's). */
function builtInDefaults(): AjaxSettings {
  const page = pageLocation();
  const protocol = page?.protocol;
  return {
    // The page's URL where there is a page (jQuery's default); none elsewhere, see `baseUrl`.
    ...(page === undefined ? {} : { url: page.href }),
    type: "GET",
    isLocal: protocol !== undefined && LOCAL_PROTOCOL.test(protocol),
    global: true,
    processData: true,
    async: true,
    contentType: "application/x-www-form-urlencoded; charset=UTF-8",
    accepts: {
      "*": "*/*",
      text: "text/plain",
      html: "text/html",
      xml: "application/xml, text/xml",
      json: "application/json, text/javascript",
      script: SCRIPT_ACCEPTS,
    },
    contents: { xml: /\bxml\b/, html: /\bhtml/, json: /\bjson\b/ },
    responseFields: { xml: "responseXML", text: "responseText", json: "responseJSON" },
    converters: { ...DEFAULT_CONVERTERS, "text script": evaluateScript },
    flatOptions: { url: true, context: true },
    jsonp: "callback",
    jsonpCallback: generateJsonpCallback,
  };
}

/** The live defaults (jQuery's `jQuery.ajaxSettings`): what `ajaxSetup()` returns and extends. */
type LiveSettings = AjaxSettings & {
  accepts: Record<string, string>;
  converters: NonNullable<AjaxSettings["converters"]>;
};

/**
 * The global state is created on first use, not at module level: a module-level call would keep
 * this module in bundles that never use ajax (bundlers cannot prove such a call pure).
 */
let liveSettings: LiveSettings | undefined;
let prefilterRegistry: DataTypeRegistry<AjaxPrefilter> | undefined;
let transportRegistry: DataTypeRegistry<TransportFactory> | undefined;

/** The live defaults object, created with the built-in values on first use. */
function defaults(): LiveSettings {
  return (liveSettings ??= builtInDefaults() as LiveSettings);
}

/** The content-type given in `headers` wins over `contentType` (jQuery's gh-4119 prefilter). */
const headersContentTypePrefilter: AjaxPrefilter = (settings) => {
  for (const name of Object.keys(settings.headers ?? {})) {
    if (name.toLowerCase() === "content-type") settings.contentType = settings.headers[name] || "";
  }
};

/**
 * Binary bodies are sent unprocessed unless `processData` was given, and FormData without a
 * Content-Type so that fetch writes the boundary (jQuery's binary prefilter).
 */
const binaryDataPrefilter: AjaxPrefilter = (settings, originalOptions) => {
  const data = settings.data;
  if (
    typeof data !== "string" &&
    !isPlainObject(data) &&
    !Array.isArray(data) &&
    !("processData" in originalOptions)
  ) {
    settings.processData = false;
  }
  if (typeof FormData !== "undefined" && data instanceof FormData) settings.contentType = false;
};

/** The prefilter registry: jQuery's built-in prefilters, in jQuery's order, then the user's. */
export function prefilters(): DataTypeRegistry<AjaxPrefilter> {
  return (prefilterRegistry ??= new DataTypeRegistry<AjaxPrefilter>([
    ["*", headersContentTypePrefilter],
    ["script", scriptPrefilter as AjaxPrefilter],
    ["jsonp", jsonpPrefilter as AjaxPrefilter],
    ["*", binaryDataPrefilter],
  ]));
}

/** The transport registry: fetch for every data type, the `<script>` transport for "script". */
export function transports(): DataTypeRegistry<TransportFactory> {
  return (transportRegistry ??= new DataTypeRegistry<TransportFactory>([
    ["*", fetchTransport],
    ["script", scriptTransport],
  ]));
}

/**
 * The `ifModified` caches (jQuery's `jQuery.lastModified` and `jQuery.etag`): the last
 * `Last-Modified` and `ETag` seen per URL (without its hash and anti-cache parameter).
 *
 * @example
 * ajax({ url: "/feed", ifModified: true }).done(() => console.log(ifModifiedCache.etag["/feed"]));
 */
export const ifModifiedCache: {
  readonly lastModified: Record<string, string>;
  readonly etag: Record<string, string>;
} = { lastModified: {}, etag: {} };

/** Whether jQuery's deep extend descends into the value. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** jQuery's deep `extend` of one source into `target`: plain objects and arrays are copied. */
function deepExtend(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    const copy = source[key];
    if (key === "__proto__" || copy === undefined || copy === target) continue;
    const isArray = Array.isArray(copy);
    if (isArray || isPlainObject(copy)) {
      const current = target[key];
      const clone = isArray
        ? Array.isArray(current)
          ? current
          : []
        : isPlainObject(current)
          ? current
          : {};
      deepExtend(clone as Record<string, unknown>, copy as Record<string, unknown>);
      target[key] = clone;
    } else {
      target[key] = copy;
    }
  }
}

/**
 * jQuery's `ajaxExtend`: `source`'s defined keys into `target`, the `flatOptions` ones (`url`,
 * `context`) by reference, the others with a deep extend (so nested `headers`, `converters`, …
 * merge key by key and are copied).
 */
function ajaxExtend<T extends object>(target: T, source: AjaxSettings): T {
  const flat = (defaults().flatOptions ?? {}) as Record<string, unknown>;
  const deep: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (flat[key]) (target as Record<string, unknown>)[key] = value;
    else deep[key] = value;
  }
  deepExtend(target as Record<string, unknown>, deep);
  return target;
}

/**
 * With one argument, extends the live defaults (jQuery's `jQuery.ajaxSettings`) with `settings`
 * (nested objects such as `headers`, `converters`, `accepts` merge key by key) and returns them:
 * the same object every time, read and changed directly by code that wants to, and restored in
 * place by `ajaxReset()`. Without an argument, just returns it. With two,
 * builds a full settings object in `target` (the defaults, then `settings`) and returns it, as
 * `ajax()` does for each request. jQuery discourages changing the defaults: prefer passing options.
 *
 * @example
 * ajaxSetup({ baseUrl: "https://api.example.com/", timeout: 5000 });
 * get("users"); // https://api.example.com/users, 5 s timeout
 *
 * @example
 * const settings = ajaxSetup({}, { url: "/x", headers: { "X-A": "1" } }); // defaults + these
 */
export function ajaxSetup(settings?: AjaxSettings): LiveSettings;
export function ajaxSetup<T extends object>(target: T, settings: AjaxSettings): T & AjaxSettings;
export function ajaxSetup(targetOrSettings?: object, settings?: AjaxSettings): object {
  if (settings !== undefined) {
    if (typeof targetOrSettings !== "object" || targetOrSettings === null) {
      throw new TypeError(
        `ajaxSetup(target, settings): target must be an object, got ${targetOrSettings === null ? "null" : typeof targetOrSettings}`,
      );
    }
    if (typeof settings !== "object" || settings === null) {
      throw new TypeError(
        `ajaxSetup(target, settings): settings must be an object, got ${settings === null ? "null" : typeof settings}`,
      );
    }
    return ajaxExtend(ajaxExtend(targetOrSettings, defaults()), settings);
  }
  if (targetOrSettings !== undefined) {
    if (typeof targetOrSettings !== "object" || targetOrSettings === null) {
      throw new TypeError(
        `ajaxSetup(settings): settings must be an object, got ${targetOrSettings === null ? "null" : typeof targetOrSettings}`,
      );
    }
    ajaxExtend(defaults(), targetOrSettings as AjaxSettings);
  }
  return defaults();
}

/**
 * Registers a prefilter for requests whose (first) data type is one of `dataTypes` (a
 * space-separated list; "*" or omitted for all; a leading "+" puts it before the others of that
 * type). Returns a function that removes it again (not in jQuery, which returns nothing).
 *
 * @example
 * const remove = ajaxPrefilter((options, originalOptions, jqXHR) => {
 *   if (options.crossDomain) jqXHR.abort();
 * });
 * remove();
 */
export function ajaxPrefilter(prefilter: AjaxPrefilter): () => void;
export function ajaxPrefilter(dataTypes: string, prefilter: AjaxPrefilter): () => void;
export function ajaxPrefilter(
  dataTypesOrPrefilter: string | AjaxPrefilter,
  maybePrefilter?: AjaxPrefilter,
): () => void {
  return register(prefilters(), "ajaxPrefilter", "prefilter", dataTypesOrPrefilter, maybePrefilter);
}

/**
 * Registers a transport factory for requests whose (first) data type is one of `dataTypes`, with
 * jQuery's interface (see `Transport`, exported by `jq-deferred`); "+" puts it before the others
 * of that type, so `ajaxTransport("+*", factory)` is asked before the built-in fetch transport.
 * Returns a function that removes it again (not in jQuery).
 *
 * @example
 * ajaxTransport("fixture", (options) => ({
 *   send: (headers, complete) => complete(200, "OK", { text: fixtures[options.url] }),
 *   abort: () => {},
 * }));
 * ajax({ url: "/users", dataType: "fixture", converters: { "text fixture": JSON.parse } });
 */
export function ajaxTransport(factory: TransportFactory): () => void;
export function ajaxTransport(dataTypes: string, factory: TransportFactory): () => void;
export function ajaxTransport(
  dataTypesOrFactory: string | TransportFactory,
  maybeFactory?: TransportFactory,
): () => void {
  return register(transports(), "ajaxTransport", "factory", dataTypesOrFactory, maybeFactory);
}

function register<Entry>(
  registry: DataTypeRegistry<Entry>,
  method: string,
  parameter: string,
  dataTypesOrEntry: string | Entry,
  maybeEntry: Entry | undefined,
): () => void {
  const [dataTypes, entry] =
    typeof dataTypesOrEntry === "string" ? [dataTypesOrEntry, maybeEntry] : ["*", dataTypesOrEntry];
  if (typeof entry !== "function") {
    throw new TypeError(
      `${method}(${parameter}): ${parameter} must be a function, got ${typeof entry}`,
    );
  }
  return registry.add(dataTypes, entry);
}

/**
 * Not in jQuery: restores the built-in defaults in place (undoing every `ajaxSetup` and direct
 * change of the live defaults), the built-in prefilters and transports only, and empties the
 * `ifModified` caches. Meant for tests and teardown.
 *
 * @example
 * afterEach(() => ajaxReset());
 */
export function ajaxReset(): void {
  if (liveSettings) {
    for (const key of Object.keys(liveSettings)) {
      delete (liveSettings as unknown as Record<string, unknown>)[key];
    }
    Object.assign(liveSettings, builtInDefaults());
  }
  prefilterRegistry?.reset();
  transportRegistry?.reset();
  for (const cache of [ifModifiedCache.lastModified, ifModifiedCache.etag]) {
    for (const key of Object.keys(cache)) delete cache[key];
  }
}

/** A request's settings: the defaults, then `options` (jQuery's `ajaxSetup({}, options)`). */
export function settingsFor(options: AjaxSettings): PreparedAjaxSettings {
  return ajaxExtend(ajaxExtend({}, defaults()), options) as PreparedAjaxSettings;
}
