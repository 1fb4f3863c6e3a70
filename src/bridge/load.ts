/**
 * `$.fn.load(url [selector], data, complete)` for a jQuery without the ajax module (jQuery 4 slim),
 * with jQuery's rules: a GET, or a POST when `data` is an object; the response's HTML becomes each
 * element's content (its inline scripts run, through jQuery's own `.html()`), or, when the URL is
 * followed by a selector, only the matching part of it (parsed without scripts); `complete` runs
 * once per element with `(responseText, textStatus, jqXHR)`. The request goes through
 * `jQuery.ajax`, so `ajaxSetup` defaults, prefilters and global events apply to it.
 */
import { describe } from "../core/index.js";

/** What load() needs of a collection: its length, `.html()` and `.each()`. */
interface Collection {
  readonly length: number;
  html(content: unknown): unknown;
  each(callback: (this: Element) => void): unknown;
}

/** What load() needs of jQuery: `jQuery(html)`, `jQuery.parseHTML` and `jQuery.ajax`. */
interface LoadHost {
  (html: string): { append(nodes: unknown): { find(selector: string): unknown } };
  parseHTML(html: unknown): unknown;
  ajax(settings: object): {
    done(callback: (...args: unknown[]) => void): {
      always(callback?: (jqXHR: { responseText?: string }, textStatus: string) => void): unknown;
    };
  };
}

/** The `complete` callback of load(): `this` is each element of the collection in turn. */
type LoadComplete = (this: Element, ...args: unknown[]) => void;

const HTML_WHITESPACE = /[^\x20\t\r\n\f]+/g;

/**
 * Creates `$.fn.load` for `jQuery`.
 *
 * @example
 * $.fn.load = createLoad($);
 * $("#result").load("/news.html #latest", () => console.log("loaded"));
 */
export function createLoad(jQuery: LoadHost) {
  return function load<This extends Collection>(
    this: This,
    url: string,
    data?: unknown,
    complete?: LoadComplete,
  ): This {
    if (typeof url !== "string") {
      throw new TypeError(
        `$.fn.load(url, data, complete): url must be a string, got ${describe(url)}`,
      );
    }
    let selector: string | undefined;
    const space = url.indexOf(" ");
    if (space !== -1) {
      selector = (url.slice(space).match(HTML_WHITESPACE) ?? []).join(" ");
      url = url.slice(0, space);
    }
    let type = "GET";
    if (typeof data === "function") {
      complete = data as LoadComplete;
      data = undefined;
    } else if (data !== null && typeof data === "object") {
      type = "POST";
    }
    if (this.length === 0) return this;
    const collection = this;
    // The success arguments, which complete receives instead of the failure's when there are any.
    let response: unknown[] | undefined;
    jQuery
      .ajax({ url, type, dataType: "html", data })
      .done((...args: unknown[]) => {
        response = args;
        // The data as it came (undefined for a 204 empties the elements, as in jQuery).
        const html = args[0];
        collection.html(
          selector ? jQuery("<div>").append(jQuery.parseHTML(html)).find(selector) : html,
        );
      })
      .always(
        complete &&
          ((jqXHR, textStatus) => {
            const args = response ?? [jqXHR.responseText, textStatus, jqXHR];
            collection.each(function (this: Element) {
              complete.apply(this, args);
            });
          }),
      );
    return this;
  };
}
