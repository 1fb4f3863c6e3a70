/**
 * The global ajax state: the defaults changed by `ajaxSetup()` and the prefilters registered with
 * `ajaxPrefilter()`, plus `ajaxReset()` to restore both (for tests and teardown).
 *
 * Everything here is a plain literal at module level, so a bundle that imports only the core drops
 * this module entirely.
 */
import { DEFAULT_CONVERTERS } from "../utils/converters.js";
import type { AjaxPrefilter, AjaxSettings } from "../types/options.js";

/** The settings every request starts from (jQuery's `ajaxSettings`). */
const BUILT_IN_DEFAULTS: AjaxSettings = {
  type: "GET",
  processData: true,
  contentType: "application/x-www-form-urlencoded; charset=UTF-8",
  accepts: {
    "*": "*/*",
    text: "text/plain",
    html: "text/html",
    xml: "application/xml, text/xml",
    json: "application/json, text/javascript",
  },
  converters: DEFAULT_CONVERTERS,
};

/** Options merged key by key rather than replaced. */
const MERGED_OPTIONS = ["accepts", "converters", "headers", "statusCode"] as const;

let userDefaults: AjaxSettings = {};

/** Registered prefilters, keyed by data type ("*" for all). */
let prefilters = new Map<string, AjaxPrefilter[]>();

/** `target` with `source`'s own keys written over it; the merged options merged one level deep. */
export function mergeSettings<T extends AjaxSettings>(target: T, source: AjaxSettings): T {
  for (const key of Object.keys(source) as (keyof AjaxSettings)[]) {
    const value = source[key];
    if (value === undefined) continue;
    (target as Record<string, unknown>)[key] = (MERGED_OPTIONS as readonly string[]).includes(key)
      ? { ...(target[key] as object | undefined), ...(value as object) }
      : value;
  }
  return target;
}

/** A fresh settings object: built-in defaults, then `ajaxSetup` defaults, then `options`. */
export function settingsFor(options: AjaxSettings): AjaxSettings {
  return mergeSettings(mergeSettings(mergeSettings({}, BUILT_IN_DEFAULTS), userDefaults), options);
}

/**
 * Changes the defaults of every later request (jQuery discourages it too: prefer passing options).
 * `headers`, `converters`, `accepts` and `statusCode` are merged key by key. Returns a copy of the
 * resulting defaults; without an argument, just that copy.
 *
 * @example
 * ajaxSetup({ baseUrl: "https://api.example.com/", timeout: 5000 });
 * get("users"); // https://api.example.com/users, 5 s timeout
 */
export function ajaxSetup(settings?: AjaxSettings): AjaxSettings {
  if (settings !== undefined) {
    if (typeof settings !== "object" || settings === null) {
      throw new TypeError(
        `ajaxSetup(settings): settings must be an object, got ${typeof settings}`,
      );
    }
    userDefaults = mergeSettings({ ...userDefaults }, settings);
  }
  return settingsFor({});
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
  const [dataTypes, prefilter] =
    typeof dataTypesOrPrefilter === "string"
      ? [dataTypesOrPrefilter, maybePrefilter]
      : ["*", dataTypesOrPrefilter];
  if (typeof prefilter !== "function") {
    throw new TypeError(
      `ajaxPrefilter(prefilter): prefilter must be a function, got ${typeof prefilter}`,
    );
  }
  const registered: [string, AjaxPrefilter[]][] = [];
  for (const token of dataTypes.toLowerCase().match(/[^\x20\t\r\n\f]+/g) ?? ["*"]) {
    const dataType = token.startsWith("+") ? token.slice(1) || "*" : token;
    const list = prefilters.get(dataType) ?? [];
    prefilters.set(dataType, list);
    if (token.startsWith("+")) list.unshift(prefilter);
    else list.push(prefilter);
    registered.push([dataType, list]);
  }
  const registry = prefilters;
  return () => {
    if (registry !== prefilters) return;
    for (const [, list] of registered) {
      const index = list.indexOf(prefilter);
      if (index !== -1) list.splice(index, 1);
    }
  };
}

/**
 * Not in jQuery: restores the built-in defaults (undoing every `ajaxSetup`) and removes every
 * prefilter. Meant for tests and teardown.
 *
 * @example
 * afterEach(() => ajaxReset());
 */
export function ajaxReset(): void {
  userDefaults = {};
  prefilters = new Map();
}

/** The prefilters registered for `dataType`, in the order they run (a copy). */
export function prefiltersFor(dataType: string): AjaxPrefilter[] {
  return prefilters.get(dataType)?.slice() ?? [];
}
