/**
 * The named cases of the differential ajax harness: one script per behaviour of jQuery's ajax
 * contract the bridge must reproduce (global events, errorThrown, ifModified, converters,
 * contents, transports, JSONP, `$.fn.load`, ...). Each is run on full jQuery 4 and on jQuery 4
 * slim + the bridge, and the traces must match. `oracle` states what full jQuery itself does in
 * the case, so a case cannot silently stop exercising what its name says.
 */
import type { TraceEntry } from "./harness.js";
import { REPLIES, request, script, type Request, type Script } from "./scripts.js";
import type { Reply } from "./server.js";

export interface NamedCase {
  name: string;
  script: Script;
  /** Entries full jQuery's trace must contain (each matched as a prefix of some entry). */
  oracle: TraceEntry[];
}

const cases: NamedCase[] = [];

function named(
  name: string,
  requests: Request[],
  oracle: TraceEntry[],
  extra: Omit<Script, "id" | "requests"> = {},
): void {
  cases.push({ name, script: script(requests, extra), oracle });
}

const jsonp = (body = '{"a":1}', parameter = "callback"): Reply => ({
  type: "text/javascript",
  body: `{callback}(${body})`,
  jsonp: parameter,
});
const slow = (delay: number, body = "slow"): Reply => ({ type: "text/plain", body, delay });

// Global events and jQuery.active.
named(
  "success: the global events around the local callbacks, in jQuery's order",
  [request(REPLIES.json, { dataType: "json" })],
  [
    ["global", "ajaxStart", "document", "document", 1],
    ["global", "ajaxSend", "document"],
    ["global", "ajaxSuccess", "document"],
    ["global", "ajaxComplete", "document"],
    ["global", "ajaxStop", "document", "document", 0],
  ],
);
named(
  "HTTP error with a context element: events on it, bubbling to document",
  [request(REPLIES.notFound, { context: true })],
  [
    ["ctx-handler", "ajaxSend", "ctx"],
    ["error", "ctx", "jqXHR#0", "error", "Not Found"],
    ["global", "ajaxError", "ctx", "document", 1],
    ["global", "ajaxStop", "document"],
  ],
);
named(
  "global: false fires no global event",
  [request(REPLIES.text, { global: false })],
  [["success", "settings", "plain words", "success"]],
);
named(
  "parallel requests: one ajaxStart, one ajaxStop, jQuery.active counts them",
  [request(slow(80, "a")), request(slow(20, "b")), request(slow(40, "c"), { global: false })],
  [
    ["global", "ajaxStart", "document", "document", 1],
    ["global", "ajaxStop", "document", "document", 0],
  ],
  { parallel: true },
);
named(
  "an ajaxSetup({ global: false }) default silences the events",
  [request(REPLIES.text)],
  [["complete", "settings", "jqXHR#0", "success"]],
  { setup: { global: false } },
);

// How requests end: textStatus and errorThrown.
named(
  'abort right after the call: textStatus and errorThrown are "abort"',
  [request(slow(200), {}, { abort: "sync" })],
  [["error", "settings", "jqXHR#0", "abort", "abort"]],
);
named(
  "abort in flight",
  [request(slow(300), {}, { abort: 60 })],
  [
    ["aborting", 1],
    ["error", "settings", "jqXHR#0", "abort", "abort"],
  ],
);
named(
  "abort after completion changes nothing",
  [request(REPLIES.text, {}, { abort: 80 })],
  [
    ["success", "settings", "plain words", "success"],
    ["aborting", 4],
  ],
);
named(
  "abort from beforeSend",
  [request(REPLIES.text, {}, { abort: "beforeSend" })],
  [["beforeSend", "settings", "jqXHR#0"]],
);
named(
  "beforeSend returning false cancels the request",
  [request(REPLIES.text, { beforeSend: "false" })],
  [["beforeSend", "settings", "jqXHR#0"]],
);
named(
  "beforeSend aborting with a status text",
  [request(REPLIES.text, { beforeSend: "abort" })],
  [["beforeSend", "settings", "jqXHR#0"]],
);
named(
  'timeout: textStatus and errorThrown are "timeout"',
  [request(slow(400), { timeout: 50 })],
  [["error", "settings", "jqXHR#0", "timeout", "timeout"]],
);
named(
  "HTTP 500 with a JSON body",
  [request(REPLIES.serverError, { dataType: "json" })],
  [["error", "settings", "jqXHR#0", "error", "Internal Server Error"]],
);
named(
  "a custom reason phrase is the errorThrown",
  [request({ status: 422, reason: "Unprocessable Thing", type: "text/plain", body: "no" })],
  [["error", "settings", "jqXHR#0", "error", "Unprocessable Thing"]],
);
named("network error", [request({ destroy: true })], [["error", "settings", "jqXHR#0", "error"]]);
named(
  "bad JSON: parsererror with the SyntaxError",
  [request(REPLIES.badJson, { dataType: "json" })],
  [["error", "settings", "jqXHR#0", "parsererror"]],
);
named(
  "no converter for the dataType: parsererror naming the conversion",
  [request(REPLIES.text, { dataType: "nothing" })],
  [["error", "settings", "jqXHR#0", "parsererror", "No conversion from text to nothing"]],
);
named(
  '204: "nocontent"',
  [request(REPLIES.noContent)],
  [["success", "settings", { undefined: true }, "nocontent"]],
);
named(
  'HEAD: "nocontent"',
  [request(REPLIES.text, { type: "HEAD" })],
  [["success", "settings", { undefined: true }, "nocontent"]],
);
named(
  "statusCode callbacks for the status that came",
  [
    request(REPLIES.notFound, { statusCode: [200, 404] }),
    request(REPLIES.text, { statusCode: [200, 404] }),
  ],
  [
    ["statusCode", 404, "settings"],
    ["statusCode", 200, "settings"],
  ],
);

// ifModified.
named(
  'ifModified with ETag: If-None-Match sent, then "notmodified"',
  [
    request({ type: "text/plain", body: "v1", etag: '"v1"' }, { ifModified: true }),
    request({ type: "text/plain", body: "v1", etag: '"v1"' }, { ifModified: true }),
  ],
  [["success", "settings", { undefined: true }, "notmodified"]],
);
named(
  'ifModified with Last-Modified: If-Modified-Since sent, then "notmodified"',
  [
    request(
      { type: "text/plain", body: "v1", lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" },
      { ifModified: true },
    ),
    request(
      { type: "text/plain", body: "v1", lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" },
      { ifModified: true },
    ),
  ],
  [["success", "settings", { undefined: true }, "notmodified"]],
);
named(
  "without ifModified nothing is remembered",
  [
    request({ type: "text/plain", body: "v2", etag: '"v2"' }),
    request({ type: "text/plain", body: "v2", etag: '"v2"' }),
  ],
  [["success", "settings", "v2", "success"]],
);

// Data types, converters, contents, dataFilter, mimeType, accepts.
named(
  "XML: data is a document and jqXHR.responseXML is set",
  [request(REPLIES.xml)],
  [["success", "settings", { xml: "<note><to>Ada</to></note>" }, "success"]],
);
named(
  "dataType xml on an XML reply",
  [request(REPLIES.xml, { dataType: "xml" })],
  [["success", "settings", { xml: "<note><to>Ada</to></note>" }, "success"]],
);
named(
  "a user converter replaces the built-in one",
  [request(REPLIES.json, { dataType: "json", converters: { "text json": "wrap" } })],
  [["success", "settings", { wrapped: '{"a":1,"list":[1,2]}' }, "success"]],
);
named(
  "a dataType chain through a user converter",
  [request(REPLIES.json, { dataType: "json harness", converters: { "json harness": "wrap" } })],
  [["success", "settings", { wrapped: { a: 1, list: [1, 2] } }, "success"]],
);
named(
  "contents maps a content type to a data type",
  [
    request(
      { type: "application/x-harness", body: "shout" },
      { contents: { harness: "x-harness" }, converters: { "text harness": "upper" } },
    ),
  ],
  [["success", "settings", "SHOUT", "success"]],
);
named(
  "dataFilter runs on the raw text before conversion",
  [
    request(
      { type: "application/json", body: '  {"a":2}  ' },
      { dataFilter: "trim", dataType: "json" },
    ),
  ],
  [["dataFilter", "settings", "json"]],
);
named(
  "mimeType overrides the response's content type",
  [request({ type: "text/plain", body: '{"m":1}' }, { mimeType: "application/json" })],
  [["success", "settings", { m: 1 }, "success"]],
);
named(
  "accepts overrides the Accept header of a data type",
  [request(REPLIES.json, { dataType: "json", accepts: { json: "application/x-custom" } })],
  [["success", "settings", { a: 1, list: [1, 2] }, "success"]],
);
named(
  "a converter throwing an object without a string form fails the request",
  [
    request(REPLIES.json, {
      dataType: "json",
      timeout: 1000,
      converters: { "text json": "throwNull" },
    }),
  ],
  [["error", "settings", "jqXHR#0", "parsererror"]],
);
named(
  "a converter throwing an object whose toString throws fails the request",
  [
    request(REPLIES.json, {
      dataType: "json",
      timeout: 1000,
      converters: { "text json": "throwUnprintable" },
    }),
  ],
  [["error", "settings", "jqXHR#0", "parsererror"]],
);
named(
  "a dataFilter that throws",
  [request(REPLIES.text, { dataFilter: "throw" })],
  [["returned", "jqXHR#0"]],
);

// What is sent.
named(
  "a Content-Type header overrides contentType: the body goes unchanged",
  [
    request(REPLIES.text, {
      type: "POST",
      data: '{"q":"a%20b c"}',
      headers: { "Content-Type": "application/json" },
    }),
  ],
  [["success"]],
);
named(
  "a header whose value is undefined is not sent",
  [request(REPLIES.text, { headers: { "X-Defined": "yes", "X-Undefined": { $undefined: true } } })],
  [["success"]],
);
named(
  "data object on GET goes to the query, on POST to a form body",
  [
    request(REPLIES.text, { data: { a: 1, b: [1, 2], c: "x y" } }),
    request(REPLIES.text, { type: "POST", data: { a: 1, b: [1, 2], c: "x y" } }),
    request(REPLIES.text, { type: "POST", data: { b: [1, 2] }, traditional: true }),
  ],
  [["success"]],
);
named(
  "processData: false and contentType: false send the string as it is",
  [
    request(REPLIES.text, {
      type: "POST",
      data: "a=1&b=%20",
      processData: false,
      contentType: false,
    }),
    request(REPLIES.text, { type: "PUT", data: "raw text", contentType: "text/x-raw" }),
  ],
  [["success"]],
);
named(
  "cache: false adds or replaces the _ parameter",
  [
    request(REPLIES.text, { cache: false }),
    request(REPLIES.text, { cache: false }, { path: "?_=123&x=1" }),
  ],
  [["success"]],
);
named(
  "ajax(false) and url: false request the page",
  [
    { call: "ajaxFalse", origin: "none", options: { dataType: "text" } },
    { call: "ajax", origin: "none", options: { url: false, dataType: "text" } },
  ],
  [["success", "settings"]],
);
named(
  "ajax(url, options) takes the URL first",
  [request(REPLIES.text, { type: "POST", data: { a: 1 } }, { urlArgument: true })],
  [["success"]],
);
named(
  "a protocol-relative URL is completed with the page's protocol",
  [{ call: "ajax", origin: "cross-relative", reply: REPLIES.text, options: {} }],
  [["beforeSend", "settings", "jqXHR#0", { url: "CROSS/s/ID/REPLY" }]],
);
named(
  "cross-domain requests carry no X-Requested-With",
  [
    { call: "ajax", origin: "cross", reply: REPLIES.json, options: { dataType: "json" } },
    {
      call: "ajax",
      origin: "cross",
      reply: REPLIES.text,
      options: { headers: { "X-Custom": "1" } },
    },
  ],
  [["success"]],
);
named(
  "crossDomain: true on a same-origin URL",
  [request(REPLIES.text, { crossDomain: true })],
  [["success"]],
);
named(
  "username and password",
  [request(REPLIES.text, { username: "ada", password: "secret" })],
  [["complete"]],
);

// beforeSend, prefilters, shorthands.
named("beforeSend adds a header", [request(REPLIES.text, { beforeSend: "header" })], [["success"]]);
named(
  "beforeSend throwing an unprintable value",
  [request(REPLIES.text, { beforeSend: "throwNull" })],
  [["beforeSend"]],
);
named(
  "prefilters: a header, a URL change, a dataType redirect, a timeout",
  [
    request(REPLIES.text, { harnessPrefilter: "header" }),
    request(REPLIES.text, { harnessPrefilter: "query" }),
    request(REPLIES.json, { dataType: "json", harnessPrefilter: "text" }),
    request(slow(300), { harnessPrefilter: "timeout" }),
  ],
  [
    ["prefilter", "header"],
    ["prefilter", "query"],
    ["prefilter", "text"],
    ["prefilter", "timeout"],
  ],
);
named(
  "a prefilter that aborts",
  [request(REPLIES.text, { harnessPrefilter: "abort" })],
  [["prefilter", "abort"]],
);
named(
  "get, post and getJSON with their argument shifting",
  [
    { call: "get", origin: "page", reply: REPLIES.text, options: { data: { q: 1 } } },
    {
      call: "post",
      origin: "page",
      reply: REPLIES.json,
      options: { data: { q: 1 }, dataType: "json" },
    },
    { call: "getJSON", origin: "page", reply: REPLIES.json, options: { data: { q: 2 } } },
    { call: "get", origin: "page", reply: REPLIES.text, options: {} },
  ],
  [["done"]],
);

// jQuery's ajax members as code reads them.
named(
  "the ajax members and the $(document).ajaxStart(fn) shorthands",
  [{ call: "inspect", origin: "none", inspect: "members" }],
  [["inspect", "members"]],
);
named(
  "jQuery.ajaxSettings is the live defaults object",
  [{ call: "inspect", origin: "none", inspect: "ajaxSettings" }],
  [["inspect", "ajaxSettings"]],
);
named(
  "ajaxSetup(target, settings) extends target, not the defaults",
  [{ call: "inspect", origin: "none", inspect: "ajaxSetupTarget" }],
  [["inspect", "ajaxSetupTarget"]],
);

// $.fn.load.
const PAGE: Reply = {
  type: "text/html",
  body: "<div id='a'><b>bold</b></div><p class='p'>para</p><script>harnessScript('load')</script>",
};
named(
  "load: GET, the response as the element's content, scripts run",
  [{ call: "load", origin: "page", reply: PAGE }],
  [
    ["script-ran", "load"],
    ["load-complete", "#target"],
  ],
);
named(
  "load with a selector: only the matching part, no scripts",
  [{ call: "load", origin: "page", reply: PAGE, selector: "p.p" }],
  [["load-complete", "#target"]],
);
named(
  "load with object data POSTs, with string data GETs",
  [
    { call: "load", origin: "page", reply: PAGE, selector: "b", options: { data: { a: 1 } } },
    { call: "load", origin: "page", reply: PAGE, selector: "b", options: { data: "a=2" } },
  ],
  [["load-complete", "#target"]],
);
named(
  "load's complete runs once per element",
  [{ call: "load", origin: "page", reply: PAGE, selector: "#a", into: ".t" }],
  [
    ["load-complete", "#t1"],
    ["load-complete", "#t2"],
  ],
);
named(
  'load of an error page: complete with "error", content unchanged',
  [{ call: "load", origin: "page", reply: REPLIES.notFound }],
  [["load-complete", "#target"]],
);
named(
  "load with ajaxSetup data",
  [{ call: "load", origin: "page", reply: PAGE, selector: "b" }],
  [["load-complete", "#target"]],
  { setup: { data: { fromSetup: 1 } } },
);

// The script transport.
named(
  "dataType script, same origin: fetched and evaluated",
  [request(REPLIES.script, { dataType: "script" })],
  [["script-ran", 1]],
);
named(
  "dataType script, cross origin: a <script> element",
  [{ call: "ajax", origin: "cross", reply: REPLIES.script, options: { dataType: "script" } }],
  [["script-ran", 1]],
);
named(
  "scriptAttrs and scriptCharset on the <script> element",
  [
    {
      call: "ajax",
      origin: "cross",
      reply: REPLIES.script,
      options: { dataType: "script", scriptAttrs: { "data-x": "1" }, scriptCharset: "utf-8" },
    },
    request(REPLIES.script, { dataType: "script", scriptAttrs: { "data-x": "2" } }),
  ],
  [["script-ran", 1]],
);
named(
  "getScript",
  [{ call: "getScript", origin: "page", reply: REPLIES.script }],
  [["script-ran", 1]],
);
named(
  'a JavaScript reply without dataType "script" is text, not run (jQuery 4)',
  [request(REPLIES.script)],
  [["success", "settings", "harnessScript(1)", "success"]],
);
named(
  "a cross-origin script that is not found fails",
  [{ call: "ajax", origin: "cross", reply: REPLIES.notFound, options: { dataType: "script" } }],
  [["error", "settings", "jqXHR#0", "error"]],
);
named(
  'a user "text script" converter does not run on a 404',
  [request(REPLIES.notFound, { dataType: "script", converters: { "text script": "record" } })],
  [["error", "settings", "jqXHR#0", "error"]],
);

// JSONP.
named(
  "jsonp, cross origin",
  [{ call: "ajax", origin: "cross", reply: jsonp(), options: { dataType: "jsonp" } }],
  [["success", "settings", { a: 1 }, "success"]],
);
named(
  "jsonp, same origin",
  [request(jsonp(), { dataType: "jsonp" })],
  [["success", "settings", { a: 1 }, "success"]],
);
named(
  "jsonp: a parameter name and a named callback",
  [
    request(
      jsonp('{"b":2}', "cb"),
      {
        dataType: "jsonp",
        jsonp: "cb",
        jsonpCallback: "harnessCallback",
      },
      { checkGlobal: "harnessCallback" },
    ),
  ],
  [
    ["success", "settings", { b: 2 }, "success"],
    ["global-var", "harnessCallback", "undefined"],
  ],
);
named(
  "jsonp: ?? in the URL; dataType json with =? is not promoted to JSONP (jQuery 4)",
  [
    request(jsonp(), { dataType: "json" }, { path: "?callback=?" }),
    request(jsonp(), { dataType: "jsonp" }, { path: "?callback=??" }),
  ],
  [
    ["error", "settings", "jqXHR#0", "parsererror"],
    ["success", "settings", { a: 1 }, "success"],
  ],
);
named(
  "jsonp: =? in the data",
  [request(jsonp(), { dataType: "jsonp", data: "callback=?" })],
  [["success", "settings", { a: 1 }, "success"]],
);
named(
  "jsonp: false with a callback given in the URL",
  [
    request(
      jsonp(),
      { dataType: "jsonp", jsonp: false, jsonpCallback: "fixedCallback" },
      {
        path: "?callback=fixedCallback",
      },
    ),
  ],
  [["success", "settings", { a: 1 }, "success"]],
);
named(
  "jsonp: a callback that already existed is restored",
  [
    request(
      jsonp(),
      { dataType: "jsonp", jsonpCallback: "existingCallback" },
      {
        presetGlobal: "existingCallback",
      },
    ),
  ],
  [["global-var", "existingCallback", "restored"]],
);
named(
  "jsonp: a callback never called is a parsererror",
  [
    request(
      { type: "text/javascript", body: "void 0" },
      { dataType: "jsonp", jsonpCallback: "neverCalled" },
      {
        checkGlobal: "neverCalled",
      },
    ),
  ],
  [
    ["error", "settings", "jqXHR#0", "parsererror"],
    ["global-var", "neverCalled", "undefined"],
  ],
);

// Found by the generated scripts, kept as named cases.
named(
  'bad XML: parsererror with jQuery\'s "Invalid XML" error',
  [request({ type: "application/xml", body: "<r><i></r>" }, { dataType: "xml" })],
  [["error", "settings", "jqXHR#0", "parsererror", { error: "Error" }]],
);
named(
  'text that is not XML with dataType xml: jQuery\'s "Invalid XML" Error',
  [request({ type: "application/x-harness", body: "harness body" }, { dataType: "xml" })],
  [["error", "settings", "jqXHR#0", "parsererror", { error: "Error" }]],
);
named(
  "a charset in contentType is sent (its case may differ)",
  [
    request(REPLIES.text, {
      type: "PUT",
      data: "a b+c",
      processData: false,
      contentType: "text/plain; charset=utf-8",
    }),
  ],
  [["success"]],
);

export const NAMED_CASES: readonly NamedCase[] = cases;
