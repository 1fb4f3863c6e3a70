/**
 * Request scripts of the differential ajax harness: the JSON the in-page runner
 * (pages/ajax-runner.js) interprets on both sides. Functions cannot cross into the page, so a
 * script names them (`converters: { "text json": "wrap" }`, `dataFilter: "upper"`,
 * `beforeSend: "header"`, `harnessPrefilter: "query"`) and the runner defines each name once.
 */
import type { Reply } from "./server.js";

/** The jQuery call a request is made with. */
export type Call =
  "ajax" | "ajaxFalse" | "get" | "post" | "getJSON" | "getScript" | "load" | "inspect";

/** One request of a script. */
export interface Request {
  call: Call;
  /** Where the URL points: the page's origin, the other origin, or no URL at all. */
  origin: "page" | "cross" | "cross-relative" | "none";
  /** The server's reply, encoded in the URL. */
  reply?: Reply;
  /** Appended to the URL (a query string, a path). */
  path?: string;
  /** `$.ajax(url, options)` instead of `$.ajax({ url, ...options })`. */
  urlArgument?: boolean;
  /** JSON settings; named functions as described above; `context: true` means the #ctx element. */
  options?: Record<string, unknown>;
  /** `$.fn.load`'s selector (after the URL, separated by a space). */
  selector?: string;
  /** Abort inside beforeSend, right after the call, or after that many milliseconds. */
  abort?: "beforeSend" | "sync" | number;
  /** `$.fn.load`'s target (default "#target"; ".t" is two elements). */
  into?: string;
  /** For call "inspect": which inspection of the runner's table to record. */
  inspect?: "ajaxSetupTarget" | "ajaxSettings" | "members";
  /** Set `window[name]` to a marker function before the request; record whether it is back after. */
  presetGlobal?: string;
  /** Record `typeof window[name]` once the request has settled. */
  checkGlobal?: string;
  /** Milliseconds after which a request that has not settled is recorded as stranded. */
  watch?: number;
}

export interface Script {
  /** Unique per server lifetime: the server files requests under it. */
  id: number;
  /** Passed to `$.ajaxSetup` before the requests; the defaults are restored afterwards. */
  setup?: Record<string, unknown>;
  /** Start every request at once instead of one after another. */
  parallel?: boolean;
  requests: Request[];
}

let nextId = 1;

/** A script with a fresh id. */
export function script(requests: Request[], extra: Omit<Script, "id" | "requests"> = {}): Script {
  return { id: nextId++, requests, ...extra };
}

/** A `$.ajax({ url, ...options })` request to the page's origin answered by `reply`. */
export function request(
  reply: Reply,
  options: Record<string, unknown> = {},
  extra: Partial<Request> = {},
): Request {
  return { call: "ajax", origin: "page", reply, options, ...extra };
}

/** Common replies. */
export const REPLIES = {
  text: { type: "text/plain", body: "plain words" },
  json: { type: "application/json", body: '{"a":1,"list":[1,2]}' },
  badJson: { type: "application/json", body: '{"a":' },
  xml: { type: "application/xml", body: "<note><to>Ada</to></note>" },
  html: { type: "text/html", body: "<div id='a'><b>bold</b> text</div><p class='p'>para</p>" },
  script: { type: "text/javascript", body: "harnessScript(1)" },
  notFound: { status: 404, type: "text/plain", body: "no such thing" },
  serverError: { status: 500, type: "application/json", body: '{"error":"boom"}' },
  noContent: { status: 204 },
  slow: { type: "text/plain", body: "slow", delay: 300 },
  hang: { hang: true },
} satisfies Record<string, Reply>;

/**
 * Generated scripts: fast-check arbitraries over jQuery's options and the server's replies.
 * Timings are drawn as whole scenarios so that no race decides an outcome: an abort or a
 * timeout either clearly precedes the reply (200 ms later) or clearly follows it.
 */
const TIMINGS = [
  { delay: 0 },
  { delay: 60 },
  { delay: 200, timeout: 60 },
  { delay: 200, abort: 30 },
  { delay: 0, abort: 250 },
  { delay: 0, abort: "sync" },
  { delay: 0, abort: "beforeSend" },
] as const;

const DATA_TYPES = [
  undefined,
  "text",
  "json",
  "xml",
  "html",
  "script",
  "jsonp",
  "text json",
  "json harness",
  "harness",
] as const;

const BODIES = {
  json: ["application/json", '{"a":1,"b":[true,null],"c":"x y"}'],
  badJson: ["application/json", '{"a":1,'],
  text: ["text/plain", "some text"],
  xml: ["application/xml", "<r><i n='1'>one</i></r>"],
  badXml: ["application/xml", "<r><i></r>"],
  html: ["text/html", "<div id='g'><b>g</b></div><p>p</p>"],
  script: ["text/javascript", "harnessScript('g')"],
  harness: ["application/x-harness", "harness body"],
  untyped: [null, '{"untyped":true}'],
  empty: ["text/plain", ""],
} as const;

export async function scriptArbitrary(): Promise<
  import("fast-check").Arbitrary<Omit<Script, "id">>
> {
  const fc = (await import("fast-check")).default;
  const maybe = <T>(arbitrary: import("fast-check").Arbitrary<T>) =>
    fc.option(arbitrary, { nil: undefined, freq: 2 });
  const options = fc.record(
    {
      type: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"),
      dataType: fc.constantFrom(...DATA_TYPES),
      data: fc.constantFrom(
        { a: 1, b: [1, 2], c: "x y" },
        { o: { p: 1 }, e: "" },
        "x=1&y=%20z",
        "a b+c",
      ),
      processData: fc.constant(false),
      contentType: fc.constantFrom(false, "application/json", "text/plain; charset=utf-8"),
      headers: fc.constantFrom(
        { "X-A": "1" },
        { "Content-Type": "application/json" },
        { "X-U": { $undefined: true }, "X-B": "b" },
      ),
      cache: fc.constant(false),
      global: fc.constant(false),
      context: fc.constant(true),
      statusCode: fc.constant([200, 204, 304, 404, 500]),
      converters: fc.constantFrom(
        { "text json": "wrap" },
        { "text harness": "upper" },
        { "json harness": "wrap" },
        { "text xml": "length" },
      ),
      contents: fc.constant({ harness: "x-harness" }),
      dataFilter: fc.constantFrom("upper", "trim"),
      mimeType: fc.constantFrom("application/json", "text/plain", "application/x-harness"),
      accepts: fc.constantFrom({ json: "application/x-j" }, { "*": "text/x-any" }),
      beforeSend: fc.constantFrom("record", "header", "false", "mime"),
      harnessPrefilter: fc.constantFrom("header", "query", "text"),
      crossDomain: fc.constant(true),
      jsonp: fc.constant("cb"),
      jsonpCallback: fc.constant("generatedCallback"),
      scriptCharset: fc.constant("utf-8"),
      scriptAttrs: fc.constant({ "data-x": "g" }),
      traditional: fc.constant(true),
    },
    { requiredKeys: [] },
  );
  const reply = fc.record({
    status: fc.constantFrom(200, 200, 200, 201, 204, 304, 400, 404, 500),
    body: fc.constantFrom(...(Object.keys(BODIES) as (keyof typeof BODIES)[])),
    extraHeader: fc.boolean(),
    validator: fc.constantFrom(undefined, "etag", "lastModified"),
  });
  const call = fc.constantFrom<Call>(
    "ajax",
    "ajax",
    "ajax",
    "ajax",
    "get",
    "post",
    "getJSON",
    "load",
  );
  return fc
    .record({
      call,
      origin: fc.constantFrom<"page" | "cross">("page", "page", "cross"),
      options,
      reply,
      timing: fc.constantFrom(...TIMINGS),
      ifModified: fc.boolean(),
      selector: maybe(fc.constantFrom("b", "#g", "p")),
    })
    .map(({ call, origin, options, reply, timing, ifModified, selector }) => {
      const [type, body] = BODIES[reply.body];
      const dataTypes = String(options.dataType ?? "");
      const jsonpParameter = typeof options.jsonp === "string" ? options.jsonp : "callback";
      const serverReply: Reply = {
        status: reply.status,
        type,
        body: dataTypes.includes("jsonp") ? `{callback}(${BODIES.json[1]})` : body,
        delay: timing.delay,
        ...(dataTypes.includes("jsonp") ? { jsonp: jsonpParameter } : {}),
        ...(reply.extraHeader ? { headers: { "X-Test": "t" } } : {}),
        ...(reply.validator === "etag" ? { etag: '"g1"' } : {}),
        ...(reply.validator === "lastModified"
          ? { lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" }
          : {}),
      };
      const settings: Record<string, unknown> = { ...options, ifModified: ifModified || undefined };
      if ("timeout" in timing) settings.timeout = timing.timeout;
      const one: Request = {
        call,
        origin,
        reply: serverReply,
        options: settings,
        ...("abort" in timing ? { abort: timing.abort } : {}),
        ...(call === "load" && selector !== undefined ? { selector } : {}),
        ...(options.jsonpCallback ? { checkGlobal: "generatedCallback" } : {}),
      };
      // ifModified needs a second request to the same URL to show what was remembered.
      return { requests: ifModified ? [one, { ...one, abort: undefined }] : [one] };
    });
}
