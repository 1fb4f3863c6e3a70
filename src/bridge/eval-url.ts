/**
 * `jQuery._evalUrl(url, options, doc)`: how jQuery runs the external `<script src>` elements of
 * HTML it inserts (`.html()`, `.append()`, `$.fn.load`). jQuery 4 slim calls it when it exists
 * and otherwise skips such scripts; full jQuery defines it with a synchronous request. Over fetch
 * the request cannot be synchronous, so the script runs when its response arrives, after the
 * rest of the inserted HTML's inline scripts (docs/ajax-differences.md). Like jQuery's, it runs
 * the script only when the response is a success, with the element's nonce, and counts for no
 * global event.
 */

/** What `_evalUrl` needs of jQuery: `jQuery.ajax` and `jQuery.globalEval`. */
interface EvalUrlHost {
  ajax(settings: object): unknown;
  globalEval(code: string, options: unknown, doc: unknown): void;
}

/**
 * Creates `jQuery._evalUrl` for `jQuery`.
 *
 * @example
 * $._evalUrl = createEvalUrl($);
 * $("#widget").html('<script src="/widget.js"></script>'); // /widget.js runs once it has loaded
 */
export function createEvalUrl(jQuery: EvalUrlHost) {
  return function evalUrl(
    url: string,
    options: { nonce?: string; crossOrigin?: string | null } | undefined,
    doc?: unknown,
  ): unknown {
    return jQuery.ajax({
      url,
      // Explicit, since ajaxSetup could change them for every other request.
      type: "GET",
      dataType: "script",
      cache: true,
      global: false,
      scriptAttrs: options?.crossOrigin ? { crossOrigin: options.crossOrigin } : undefined,
      // The script must run only for a successful response: dataFilter runs only for those, so
      // the text is evaluated there and the "text script" conversion does nothing.
      converters: { "text script": () => undefined },
      dataFilter: (response: string) => jQuery.globalEval(response, options, doc),
    });
  };
}
