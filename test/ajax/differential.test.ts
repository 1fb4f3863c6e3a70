/**
 * Differential ajax fuzzing in Node: fast-check generates requests from option combinations
 * (route and server reply, method, dataType chains, converters, contents, headers, contentType,
 * processData, data, traditional, global, statusCode, timeout, aborts at each phase, a prefilter,
 * ifModified, mimeType, dataFilter, crossDomain, context, setRequestHeader/overrideMimeType in
 * beforeSend), each runs on
 * jQuery 4 (XMLHttpRequest from jsdom, page origin = the test server, handlers on the document)
 * and here, one after the other, and the traces must be identical: the callbacks and global events
 * in order with their textStatus, errorThrown, data, status and statusText, the jqXHR's response
 * fields, and what the server received. Script and JSONP need a browser (jsdom does not load
 * scripts) and are left to the browser harness. The seed is fixed; AJAX_FUZZ_SEED and
 * AJAX_FUZZ_RUNS explore further.
 */
import fc from "fast-check";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as $ from "../../src/index.js";
import { startServer, type TestServer } from "./server.js";

const require = createRequire(import.meta.url);
const { JSDOM } = require("jsdom") as {
  JSDOM: new (
    html: string,
    options: { url: string },
  ) => {
    window: { document: object; DOMParser: unknown; close(): void };
  };
};
const { jQueryFactory } = require("jquery/factory") as {
  jQueryFactory: (window: unknown) => JQueryStatic;
};

interface JQueryStatic {
  (target: unknown): { on(events: string, handler: (...args: unknown[]) => void): unknown };
  ajax(options: object): JqLike;
  ajaxPrefilter(fn: (...args: unknown[]) => void): void;
}
interface JqLike {
  always(fn: () => void): JqLike;
  abort(statusText?: string): void;
  setRequestHeader(name: string, value: string): void;
  status?: number;
  statusText?: string;
  readyState?: number;
  responseText?: string;
  responseJSON?: unknown;
}

const seed = Number(process.env["AJAX_FUZZ_SEED"] ?? 20261204);
const runs = Number(process.env["AJAX_FUZZ_RUNS"] ?? 150);
const EVENTS = "ajaxStart ajaxSend ajaxSuccess ajaxError ajaxComplete ajaxStop";

let server: TestServer;
let dom: { window: { document: object; DOMParser: unknown; close(): void } };
let jq: JQueryStatic;
let compared = 0;
/** Where the current run's global events are recorded (the handlers are bound once). */
let recordEvent: ((name: string, args: unknown[]) => void) | undefined;

/** The fuzz prefilter, registered once on both sides, acting on the custom `fuzzPrefilter` option. */
function fuzzPrefilter(options: unknown, _original: unknown, jqXHR: unknown): void {
  const mode = (options as { fuzzPrefilter?: string }).fuzzPrefilter;
  if (mode === "header") (jqXHR as JqLike).setRequestHeader("X-Prefilter", "yes");
  if (mode === "abort") (jqXHR as JqLike).abort();
}

beforeAll(async () => {
  server = await startServer();
  dom = new JSDOM("<!doctype html><html><body></body></html>", { url: server.url });
  jq = jQueryFactory(dom.window);
  // Both sides parse XML with jsdom's DOMParser (without one, XML stays text here: docs/ajax.md).
  vi.stubGlobal("DOMParser", dom.window.DOMParser);
  jq.ajaxPrefilter(fuzzPrefilter);
  $.ajaxPrefilter(fuzzPrefilter as $.AjaxPrefilter);
  $.ajaxSetup({ baseUrl: server.url });
  jq(dom.window.document).on(EVENTS, (event, ...args) =>
    recordEvent?.((event as { type: string }).type, args),
  );
  for (const name of EVENTS.split(" ") as $.AjaxEventName[]) {
    $.ajaxEvents.on(name, (_event, ...args: unknown[]) => recordEvent?.(name, args));
  }
});
afterAll(() => {
  console.log(
    `ajax differential: ${compared} generated requests compared on jQuery 4 and here (seed ${seed})`,
  );
  $.ajaxReset();
  vi.unstubAllGlobals();
  dom.window.close();
  return server.close();
});

/** One generated request. */
interface Case {
  route: string;
  method: string;
  dataType: string | undefined;
  converter: "none" | "upper" | "throwString" | "equivalent";
  contents: boolean;
  headers: "none" | "custom" | "contentType" | "undefinedValue";
  contentType: "default" | "none" | "textPlain";
  processData: boolean | undefined;
  data: "none" | "object" | "string";
  global: boolean;
  statusCode: boolean;
  timeout: boolean;
  abort: "none" | "beforeSendFalse" | "beforeSendAbort" | "sync" | "later" | "ajaxSend";
  prefilter: "none" | "header" | "abort";
  cacheOff: boolean;
  ifModified: boolean;
  mimeType: string | undefined;
  dataFilter: boolean;
  traditional: boolean;
  crossDomain: boolean | undefined;
  inBeforeSend: "none" | "setRequestHeader" | "overrideMimeType";
  context: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  route: fc.constantFrom(
    "json",
    "text",
    "html",
    "json-as-text",
    "modified",
    "cut",
    "stream?chunks=3&size=10&interval=1",
    "404-json",
    "404-html",
    "404-no-reason",
    "500",
    "malformed-json",
    "204",
    "304",
    "csv",
    "xml",
    "latin1",
    "slow?ms=5",
    "never",
  ),
  method: fc.constantFrom("GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS", "get"),
  dataType: fc.constantFrom(
    undefined,
    "json",
    "text",
    "html",
    "text json",
    "custom",
    "json custom",
    "json *",
    "xml",
    "text xml",
    "html text",
  ),
  converter: fc.constantFrom("none", "upper", "throwString", "equivalent"),
  contents: fc.boolean(),
  headers: fc.constantFrom("none", "custom", "contentType", "undefinedValue"),
  contentType: fc.constantFrom("default", "none", "textPlain"),
  processData: fc.constantFrom(undefined, false),
  data: fc.constantFrom("none", "object", "string"),
  global: fc.boolean(),
  statusCode: fc.boolean(),
  timeout: fc.boolean(),
  abort: fc.constantFrom(
    "none",
    "none",
    "beforeSendFalse",
    "beforeSendAbort",
    "sync",
    "later",
    "ajaxSend",
  ),
  prefilter: fc.constantFrom("none", "none", "header", "abort"),
  cacheOff: fc.boolean(),
  ifModified: fc.boolean(),
  mimeType: fc.constantFrom(
    undefined,
    undefined,
    "text/plain",
    "application/json",
    "text/html; charset=iso-8859-1",
  ),
  dataFilter: fc.boolean(),
  traditional: fc.boolean(),
  crossDomain: fc.constantFrom(undefined, undefined, true, false),
  inBeforeSend: fc.constantFrom("none", "none", "setRequestHeader", "overrideMimeType"),
  context: fc.boolean(),
}) as fc.Arbitrary<Case>;

/** A readable value for a trace: exceptions (each side has its own objects) by name. */
function shown(value: unknown): unknown {
  if (typeof value === "object" && value !== null) {
    if ("getElementsByTagName" in value) return "XMLDocument";
    if (value instanceof Error || "stack" in value) return `exception ${(value as Error).name}`;
    return JSON.parse(JSON.stringify(value)) as unknown;
  }
  return value;
}

/** The options of a case, with the trace's callbacks. */
/** The `context` option, when a case uses one. */
const context = { name: "context" };

function optionsOf(testCase: Case, log: string[]): Record<string, unknown> {
  const converters: Record<string, unknown> = {};
  if (testCase.converter === "upper")
    converters["text custom"] = (text: string) => String(text).toUpperCase();
  if (testCase.converter === "throwString") {
    converters["text custom"] = () => {
      throw "custom failed";
    };
  }
  if (testCase.converter === "equivalent") converters["text custom"] = true;
  if (testCase.dataType === "json custom" && testCase.converter !== "none") {
    converters["json custom"] = converters["text custom"];
  }
  const headers =
    testCase.headers === "custom"
      ? { "X-A": "1" }
      : testCase.headers === "contentType"
        ? { "Content-Type": "application/json" }
        : testCase.headers === "undefinedValue"
          ? { "X-U": undefined, "X-D": "d" }
          : undefined;
  const options: Record<string, unknown> = {
    url: testCase.route,
    type: testCase.method,
    global: testCase.global,
    fuzzPrefilter: testCase.prefilter,
    beforeSend: (jqXHR: JqLike & { overrideMimeType(type: string): void }) => {
      log.push("beforeSend");
      if (testCase.inBeforeSend === "setRequestHeader")
        jqXHR.setRequestHeader("x-a", "from beforeSend");
      if (testCase.inBeforeSend === "overrideMimeType") jqXHR.overrideMimeType("text/plain");
      if (testCase.abort === "beforeSendFalse") return false;
      if (testCase.abort === "beforeSendAbort") jqXHR.abort();
      return undefined;
    },
    success: function (this: unknown, data: unknown, textStatus: unknown) {
      log.push(`this is ${this === context ? "the context" : typeof this}`);
      log.push(`success ${String(textStatus)} ${JSON.stringify(shown(data))}`);
    },
    error: (_: unknown, textStatus: unknown, errorThrown: unknown) =>
      log.push(`error ${String(textStatus)} ${JSON.stringify(shown(errorThrown))}`),
    complete: (_: unknown, textStatus: unknown) => log.push(`complete ${String(textStatus)}`),
  };
  if (testCase.dataType !== undefined) options.dataType = testCase.dataType;
  if (Object.keys(converters).length > 0) options.converters = converters;
  if (testCase.contents) options.contents = { custom: /csv/ };
  if (headers) options.headers = headers;
  if (testCase.contentType === "none") options.contentType = false;
  if (testCase.contentType === "textPlain") options.contentType = "text/plain";
  if (testCase.processData !== undefined) options.processData = testCase.processData;
  if (testCase.data === "object") options.data = { a: "b c", n: 1 };
  if (testCase.data === "string") options.data = "x=1%20y&z=2";
  if (testCase.statusCode) {
    options.statusCode = Object.fromEntries(
      [0, 200, 204, 304, 404, 500].map((code) => [code, () => log.push(`statusCode ${code}`)]),
    );
  }
  // Long enough for the request to reach the server first on a loaded machine too: both sides
  // then record it, where 25 ms raced the timer against the connection.
  if (testCase.timeout && testCase.route === "never") options.timeout = 250;
  if (testCase.cacheOff) options.cache = false;
  if (testCase.ifModified) options.ifModified = true;
  if (testCase.mimeType !== undefined) options.mimeType = testCase.mimeType;
  if (testCase.dataFilter)
    options.dataFilter = (text: string, type: unknown) => `${text}${String(type)}`;
  if (testCase.traditional) options.traditional = true;
  if (testCase.crossDomain !== undefined) options.crossDomain = testCase.crossDomain;
  if (testCase.context) options.context = context;
  if (testCase.traditional && testCase.data === "object") options.data = { list: [1, 2], a: "b" };
  return options;
}

/** Runs one case through `send` and records its trace. */
function traceOf(
  send: (options: Record<string, unknown>) => JqLike,
  testCase: Case,
): Promise<unknown> {
  return new Promise((resolve) => {
    const log: string[] = [];
    const received = server.requests.length;
    recordEvent = (name, args) => {
      const third =
        name === "ajaxSuccess" || name === "ajaxError" ? ` ${JSON.stringify(shown(args[2]))}` : "";
      log.push(`${name}${third}`);
      if (name === "ajaxSend" && testCase.abort === "ajaxSend") (args[0] as JqLike).abort();
    };
    // Only a request to "never" is aborted later (elsewhere the answer and the abort would race),
    // and one there without a timeout always is, so that every case settles.
    const abortLater =
      testCase.route === "never" && (testCase.abort === "later" || !testCase.timeout);
    let settled = false;
    const jqXHR = send(optionsOf(testCase, log));
    jqXHR.always(() => {
      settled = true;
      log.push("always");
      setTimeout(() => {
        recordEvent = undefined;
        const request = server.requests[received];
        resolve({
          log,
          status: jqXHR.status,
          statusText: jqXHR.statusText,
          readyState: jqXHR.readyState,
          responseText: jqXHR.responseText,
          responseJSON: shown(jqXHR.responseJSON),
          sent:
            request === undefined
              ? null
              : {
                  method: request.method,
                  body: request.body ?? null,
                  url: request.url.replace(/_=\d+/, "_=<nonce>"),
                  contentType: request.headers["content-type"] ?? null,
                  validators: [
                    request.headers["if-none-match"],
                    request.headers["if-modified-since"],
                  ],
                  accept: request.headers.accept ?? null,
                  custom: [
                    request.headers["x-a"],
                    request.headers["x-u"],
                    request.headers["x-d"],
                    request.headers["x-prefilter"],
                  ],
                  requestedWith: request.headers["x-requested-with"] ?? null,
                },
          requests: server.requests.length - received,
        });
      }, 20);
    });
    if (testCase.abort === "sync") jqXHR.abort();
    if (abortLater) {
      // Once the server has the whole request (or the request ended without one), so that what
      // it received does not depend on how fast the connection was made; at most a second.
      let polls = 0;
      const abortOnceReceived = () => {
        if (settled) return;
        if (server.requests[received]?.body !== undefined || ++polls >= 500) jqXHR.abort();
        else setTimeout(abortOnceReceived, 2);
      };
      setTimeout(abortOnceReceived, 2);
    }
  });
}

describe("generated requests behave as on jQuery 4", () => {
  it("callbacks, global events, outcome, response fields and the request sent are identical", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (testCase) => {
        const expected = await traceOf((options) => jq.ajax(options), testCase);
        const actual = await traceOf((options) => $.ajax(options) as unknown as JqLike, testCase);
        compared++;
        expect(actual).toEqual(expected);
      }),
      { seed, numRuns: runs },
    );
    expect(compared).toBe(runs);
  }, 120_000);
});
