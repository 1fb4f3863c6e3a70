/**
 * `dataType: "script"`, as jQuery 4 handles it. In a browser, a request that can use a `<script>`
 * element (cross-domain, or `scriptAttrs` given, or any async non-JSONP request without custom
 * headers) is sent by inserting one into `document.head`; otherwise the fetch transport gets the
 * text and the `"text script"` converter evaluates it with a `<script>` element of its own.
 *
 * Outside browsers (no `document`) nothing can evaluate a script: a request whose built-in
 * `"text script"` converter would have to run fails before anything is sent, with a
 * `RequestError` (option "dataType"). A user-supplied `"text script"` converter lifts that: the
 * fetch transport then gets the text and the converter decides what to do with it.
 */
import { RequestError } from "../errors/request-error.js";
import type { PreparedAjaxSettings } from "../types/options.js";
import { type PageScript, pageDocument } from "../utils/page.js";
import type { TransportFactory } from "./transport.js";

/** jQuery's Accept value for scripts. */
export const SCRIPT_ACCEPTS =
  "text/javascript, application/javascript, application/ecmascript, application/x-ecmascript";

/**
 * The built-in `"text script"` converter: runs the text as a classic script in the page's global
 * scope (jQuery's `globalEval`) and returns it.
 */
export function evaluateScript(text: string): string {
  const document = pageDocument();
  if (document === undefined) {
    throw new TypeError(
      'evaluating a script needs a DOM document (dataType "script" is for browsers)',
    );
  }
  const script = document.createElement("script");
  script.text = text;
  document.head.appendChild(script);
  script.remove();
  return text;
}

/** jQuery's rule for when a `<script>` element can carry the request. */
function canUseScriptTag(settings: PreparedAjaxSettings): boolean {
  return Boolean(
    settings.scriptAttrs ||
    (!settings.headers && (settings.crossDomain || !settings.dataTypes.includes("json"))),
  );
}

/** The "script" prefilter: no cache by default, and GET when a `<script>` element will be used. */
export function scriptPrefilter(settings: PreparedAjaxSettings): void {
  if (settings.cache === undefined) settings.cache = false;
  if (pageDocument() !== undefined && canUseScriptTag(settings)) settings.type = "GET";
}

/**
 * The "script" transport factory: a `<script>` element in browsers when jQuery would use one; the
 * fetch transport otherwise; and outside browsers, a transport that fails at once unless a
 * `"text script"` converter other than the built-in one is set.
 */
export const scriptTransport: TransportFactory = (settings, _originalOptions, jqXHR) => {
  const document = pageDocument();
  if (document === undefined) {
    if (settings.converters["text script"] !== evaluateScript) return undefined;
    return {
      send() {
        throw new RequestError(
          "dataType",
          `dataType ${JSON.stringify(settings.dataType)} needs a DOM document to run the script; outside browsers, set a "text script" converter`,
          { jqXHR, textStatus: "error" },
        );
      },
      abort() {},
    };
  }
  if (!canUseScriptTag(settings)) return undefined;
  let script: PageScript | undefined;
  return {
    send(_headers, complete) {
      const element = document.createElement("script");
      for (const [name, value] of Object.entries(settings.scriptAttrs ?? {})) {
        element.setAttribute(name, String(value));
      }
      if (settings.scriptCharset) element.charset = settings.scriptCharset;
      element.src = settings.url;
      const finish = (event: { type: string }): void => {
        if (script === undefined) return;
        script.remove();
        script = undefined;
        complete(event.type === "error" ? 404 : 200, event.type);
      };
      element.addEventListener("load", finish);
      element.addEventListener("error", finish);
      script = element;
      document.head.appendChild(element);
    },
    abort() {
      script?.remove();
      script = undefined;
    },
  };
};
