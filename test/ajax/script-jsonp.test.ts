/**
 * `dataType: "script"` and JSONP with a DOM: jsdom with script execution and resource loading on
 * (a page whose origin is the test server) stands in for the browser. The same requests run on
 * jQuery 4 (created on that window) and here (with the page's `window`, `document` and `location`
 * set to it), and must report the same outcome, run the script the same number of times, request
 * the same URL and leave no callback behind. The differential browser harness repeats this in
 * Chromium.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as $ from "../../src/index.js";
import { startServer, type TestServer } from "./server.js";

const require = createRequire(import.meta.url);
interface Page {
  document: object;
  location: object;
  scriptRan?: boolean;
  close(): void;
  [name: string]: unknown;
}
const { JSDOM, VirtualConsole } = require("jsdom") as {
  JSDOM: new (html: string, options: object) => { window: Page };
  VirtualConsole: new () => object;
};
const { jQueryFactory } = require("jquery/factory") as {
  jQueryFactory: (window: unknown) => { ajax(options: object): JqLike };
};

interface JqLike {
  done(fn: (...args: unknown[]) => void): JqLike;
  fail(fn: (...args: unknown[]) => void): JqLike;
  always(fn: () => void): JqLike;
  status?: number;
  statusText?: string;
}

let server: TestServer;
let page: Page;
let jq: { ajax(options: object): JqLike };

beforeAll(async () => {
  server = await startServer();
  page = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
    url: server.url,
    runScripts: "dangerously",
    resources: "usable",
    // jsdom reports a script that fails to load on its console; the tests read the outcome.
    virtualConsole: new VirtualConsole(),
  }).window;
  jq = jQueryFactory(page);
  vi.stubGlobal("window", page);
  vi.stubGlobal("document", page.document);
  vi.stubGlobal("location", page.location);
});
afterAll(() => {
  vi.unstubAllGlobals();
  $.ajaxReset();
  page.close();
  return server.close();
});

/** Callback names differ (jQuery's expando, ours): each becomes "<callback>". */
function withoutNames(text: string, names: string[]): string {
  let result = text.replace(/_=\d+/, "_=<nonce>");
  for (const name of names) result = result.split(name).join("<callback>");
  return result;
}

/** Runs one request and records what the comparison needs. */
function observe(send: (options: object) => JqLike, options: object): Promise<unknown> {
  return new Promise((resolve) => {
    delete page.scriptRan;
    const before = new Set(Object.keys(page));
    const received = server.requests.length;
    let result: unknown[] = [];
    const names: string[] = [];
    const jqXHR = send({
      ...options,
      beforeSend: (_: unknown, settings: { jsonpCallback?: unknown }) => {
        if (typeof settings.jsonpCallback === "string") names.push(settings.jsonpCallback);
      },
    });
    jqXHR
      .done((data, textStatus) => (result = ["done", data, textStatus]))
      .fail((_, textStatus, errorThrown) => {
        const thrown =
          errorThrown instanceof Object
            ? `${(errorThrown as Error).name}: ${(errorThrown as Error).message}`
            : errorThrown;
        result = ["fail", textStatus, thrown];
      })
      .always(() =>
        setTimeout(() => {
          const requested = server.requests.slice(received).map((request) => request.url);
          resolve({
            result: JSON.parse(withoutNames(JSON.stringify(result), names)) as unknown,
            status: jqXHR.status,
            statusText: jqXHR.statusText,
            scriptRan: page.scriptRan ?? false,
            requested: requested.map((url) => withoutNames(url, names)),
            globalsLeft: Object.keys(page).filter((key) => !before.has(key) && key !== "scriptRan"),
          });
        }, 20),
      );
  });
}

const scenarios: [string, object][] = [
  [
    "getScript-style: a same-origin script by <script> element",
    { url: "script", dataType: "script" },
  ],
  ["a 404 script is not run", { url: "404-script", dataType: "script" }],
  [
    "a script request with headers goes through the XHR/fetch and the 'text script' converter",
    { url: "script", dataType: "script", headers: { "X-A": "1" } },
  ],
  [
    "a failed script with headers is not run either",
    { url: "404-script", dataType: "script", headers: { "X-A": "1" } },
  ],
  [
    "scriptAttrs force the <script> element",
    { url: "script", dataType: "script", scriptAttrs: { "data-x": "1" } },
  ],
  [
    "crossDomain: true uses the <script> element",
    { url: "script", dataType: "script", crossDomain: true },
  ],
  ["cache: true keeps the URL", { url: "script", dataType: "script", cache: true }],
  ["JSONP, same origin (fetched as text, then run)", { url: "jsonp", dataType: "jsonp" }],
  [
    "JSONP, cross-domain (<script> element)",
    { url: "jsonp", dataType: "jsonp", crossDomain: true },
  ],
  ["JSONP with =? in the URL", { url: "jsonp?callback=?", dataType: "jsonp" }],
  [
    "JSONP with a named callback and jsonp parameter",
    { url: "jsonp", dataType: "jsonp", jsonp: "cb", jsonpCallback: "fixedName" },
  ],
  ["JSONP whose callback is never called", { url: "script", dataType: "jsonp" }],
  [
    "JSONP cross-domain whose callback is never called",
    { url: "script", dataType: "jsonp", crossDomain: true },
  ],
  [
    "JSONP with jsonp: false",
    { url: "jsonp?callback=fixed2", dataType: "jsonp", jsonp: false, jsonpCallback: "fixed2" },
  ],
];

describe("script and JSONP behave as on jQuery 4 (jsdom page)", () => {
  test.each(scenarios)("%s", async (_, options) => {
    const expected = await observe((settings) => jq.ajax(settings), options);
    const actual = await observe((settings) => $.ajax(settings) as unknown as JqLike, options);
    expect(actual).toEqual(expected);
  });

  test("getScript runs the script and passes it as data", async () => {
    delete page.scriptRan;
    const [data, textStatus] = await new Promise<unknown[]>((resolve) => {
      $.getScript("script", (...args: unknown[]) => resolve(args));
    });
    // Through a <script> element there is no text: data is undefined, as in jQuery.
    expect([data, textStatus]).toEqual([undefined, "success"]);
    expect(page.scriptRan).toBe(true);
  });
});
