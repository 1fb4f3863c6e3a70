/**
 * jQuery as a test oracle: the same requests, sent to the same server by jQuery 4's `$.ajax`
 * (XMLHttpRequest from jsdom, page origin = the server) and by this library, must report the same
 * outcome: channel, textStatus, data, status, statusText, responseText, responseJSON, the
 * `errorThrown` text, and the order in which option callbacks, promise callbacks, statusCode and
 * complete run. errorThrown is jQuery's value on both sides; exceptions are compared by name
 * (`normaliseError`).
 */
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as $ from "../../src/index.js";
import { startServer, type TestServer } from "./server.js";

const require = createRequire(import.meta.url);
const { JSDOM } = require("jsdom") as {
  JSDOM: new (html: string, options: { url: string }) => { window: { close(): void } };
};
const { jQueryFactory } = require("jquery/factory") as {
  jQueryFactory: (window: unknown) => typeof jq;
};

/** The part of jQuery's jqXHR the comparison reads. */
interface JQueryLike {
  done(fn: (...args: unknown[]) => void): JQueryLike;
  fail(fn: (...args: unknown[]) => void): JQueryLike;
  always(fn: (...args: unknown[]) => void): JQueryLike;
  abort(statusText?: string): void;
}

interface Observed {
  channel: string;
  values: unknown[];
  completeStatus: unknown;
  status: unknown;
  statusText: unknown;
  responseText: unknown;
  responseJSON: unknown;
  readyState: unknown;
  order: string[];
}

let server: TestServer;
let dom: { window: { close(): void } };
let jq: {
  ajax(options: object): JQueryLike;
  ajaxPrefilter(prefilter: (...args: never[]) => void): void;
  ajaxSetup(settings: object): object;
  ajaxSettings: Record<string, unknown>;
};

beforeAll(async () => {
  server = await startServer();
  dom = new JSDOM("<!doctype html><html><body></body></html>", { url: server.url });
  jq = jQueryFactory(dom.window);
});
afterAll(() => {
  dom.window.close();
  return server.close();
});
beforeEach(() => {
  $.ajaxSetup({ baseUrl: server.url });
});
afterEach(() => $.ajaxReset());

/**
 * errorThrown compared by value when it is a string ("Not Found", "timeout", "abort", "" …); a
 * thrown value (a converter's exception) by its name, since each side's exception is its own
 * object (jsdom's realm and ours).
 */
function normaliseError(error: unknown): unknown {
  if (error instanceof Error) return error.name;
  if (typeof error === "object" && error !== null) return (error as { name?: unknown }).name;
  return error;
}

/** Runs one request through `send` and records everything the comparison needs. */
function observe(
  send: (options: Record<string, unknown>) => JQueryLike,
  options: Record<string, unknown>,
  after?: (jqXHR: JQueryLike) => void,
): Promise<Observed> {
  return new Promise((resolve) => {
    const order: string[] = [];
    let result: Pick<Observed, "channel" | "values">;
    const finish = (completeStatus: unknown): void => {
      order.push("complete");
      // Let anything that would (wrongly) run after complete show up in `order`.
      setTimeout(() =>
        resolve({
          ...result,
          completeStatus,
          status: jqXHR.status,
          statusText: jqXHR.statusText,
          responseText: jqXHR.responseText,
          responseJSON: jqXHR.responseJSON,
          readyState: jqXHR.readyState,
          order,
        }),
      );
    };
    const jqXHR = send({
      ...options,
      success: () => order.push("success option"),
      error: () => order.push("error option"),
      statusCode: {
        200: () => order.push("statusCode 200"),
        404: () => order.push("statusCode 404"),
      },
      complete: (_: unknown, textStatus: unknown) => finish(textStatus),
    }) as JQueryLike & Record<string, unknown>;
    jqXHR
      .done((...values) => {
        order.push("done");
        result = { channel: "done", values: [values[0], values[1]] };
      })
      .fail((...values) => {
        order.push("fail");
        result = { channel: "fail", values: [values[1], normaliseError(values[2])] };
      })
      .always(() => order.push("always"));
    after?.(jqXHR);
    // Aborted before send: jQuery calls no option callbacks, so complete never comes.
    if ((options as { beforeSend?: unknown }).beforeSend) {
      setTimeout(() => finish("(none)"), 50);
    }
  });
}

const ours = (options: Record<string, unknown>) => $.ajax(options) as unknown as JQueryLike;
const theirs = (options: Record<string, unknown>) => jq.ajax(options);

/** The echo route's answer, restricted to what both clients should agree on. */
function echoed(observed: Observed): unknown {
  const echo = observed.values[0] as {
    method: string;
    url: string;
    body: string;
    headers: Record<string, string>;
  };
  return {
    method: echo.method,
    // The anti-cache nonce differs from run to run; its presence and place do not.
    url: echo.url.replace(/_=\d+/, "_=<nonce>"),
    body: echo.body,
    contentType: echo.headers["content-type"],
    accept: echo.headers.accept,
    requestedWith: echo.headers["x-requested-with"],
  };
}

const scenarios: [string, Record<string, unknown>, ((jqXHR: JQueryLike) => void)?][] = [
  ["JSON inferred from Content-Type", { url: "json" }],
  ["text", { url: "text" }],
  ["html", { url: "html" }],
  ["dataType text on a JSON response", { url: "json", dataType: "text" }],
  ["dataType json on a text/plain JSON body", { url: "json-as-text", dataType: "json" }],
  ["204 No Content", { url: "204" }],
  ["304 Not Modified", { url: "304" }],
  ["HEAD", { url: "json", type: "HEAD" }],
  ["404 with a JSON body", { url: "404-json" }],
  ["404 with an HTML body and dataType json", { url: "404-html", dataType: "json" }],
  ["500", { url: "500" }],
  ["malformed JSON", { url: "malformed-json" }],
  ["empty body with dataType json", { url: "stream?chunks=0", dataType: "json" }],
  ["no converter to the dataType", { url: "text", dataType: "upper" }],
  [
    "a custom converter",
    {
      url: "text",
      dataType: "upper",
      converters: { "text upper": (text: string) => text.toUpperCase() },
    },
  ],
  ["404 without a reason phrase", { url: "404-no-reason" }],
  ["dataFilter", { url: "json", dataFilter: (text: string) => text.replace("42", "43") }],
  [
    "a converter reached through an intermediate type",
    {
      url: "json",
      dataType: "answer",
      converters: { "json answer": (value: { answer: number }) => value.answer },
    },
  ],
  ["a trailing * data type", { url: "json", dataType: "json *" }],
  ["mimeType override", { url: "json-as-text", mimeType: "application/json" }],
  ["Latin-1 charset", { url: "latin1" }],
  ["context", { url: "json", context: { name: "context" } }],
  ["timeout on a server that never answers", { url: "never", timeout: 80 }],
  ["abort right after sending", { url: "never" }, (jqXHR) => jqXHR.abort()],
  ["abort with a status text", { url: "never" }, (jqXHR) => jqXHR.abort("superseded")],
  ["beforeSend returning false", { url: "json", beforeSend: () => false }],
  [
    "a contents pattern steering the data type",
    {
      url: "csv",
      contents: { csv: /csv/ },
      converters: { "text csv": (text: string) => text.length },
    },
  ],
  ["a dataType chain text json", { url: "json-as-text", dataType: "text json" }],
  [
    "a dataType chain through a custom type",
    {
      url: "json",
      dataType: "json answer",
      converters: { "json answer": (value: { answer: number }) => value.answer },
    },
  ],
  [
    "a converter equivalence (true)",
    { url: "text", dataType: "same", converters: { "text same": true } },
  ],
  [
    "a converter throwing a string",
    {
      url: "json",
      converters: {
        "text json": () => {
          throw "bad json";
        },
      },
    },
  ],
  ["ifModified on a first request", { url: "modified?first", ifModified: true }],
];

describe("ajax outcomes match jQuery's", () => {
  test.each(scenarios)("%s", async (_, options, after) => {
    const [expected, actual] = await Promise.all([
      observe(theirs, options, after),
      observe(ours, options, after),
    ]);
    expect(actual).toEqual(expected);
  });

  test.each([
    ["GET with data", { url: "echo", data: { a: "b c", list: [1, 2] } }],
    ["POST with data", { url: "echo", type: "POST", data: { a: "b c", n: null } }],
    [
      "POST with a string and a content type",
      { url: "echo", type: "POST", data: '{"x":1}', contentType: "application/json" },
    ],
    ["dataType json asks for JSON", { url: "echo", dataType: "json" }],
    ["traditional arrays", { url: "echo", data: { a: [1, 2] }, traditional: true }],
    ["custom headers", { url: "echo", headers: { "X-Token": "t" } }],
    [
      "a Content-Type in headers (bug 1)",
      {
        url: "echo",
        type: "POST",
        data: '{"q":"a%20b c"}',
        headers: { "Content-Type": "application/json" },
      },
    ],
    [
      "a header whose value is undefined (bug 3)",
      { url: "echo", headers: { "X-U": undefined, "X-D": "d" } },
    ],
    [
      "a custom accepts entry",
      {
        url: "echo",
        dataType: "csv",
        accepts: { csv: "text/csv" },
        converters: { "text csv": JSON.parse },
      },
    ],
    ["cache: false", { url: "echo?a=1&_=old", cache: false }],
  ])("%s sends the same request", async (_, options) => {
    const [expected, actual] = await Promise.all([
      observe(theirs, options),
      observe(ours, options),
    ]);
    expect(echoed(actual)).toEqual(echoed(expected));
    expect(actual.order).toEqual(expected.order);
  });
});

describe("request sequences match jQuery's", () => {
  test("prefilters after one that aborts still run; the request is canceled, nothing sent", async () => {
    const order: string[] = [];
    const first = (options: { oracleAbort?: string }, _: unknown, jqXHR: { abort(): void }) => {
      if (options.oracleAbort) {
        order.push(`${options.oracleAbort} first`);
        jqXHR.abort();
      }
    };
    const second = (options: { oracleAbort?: string }) => {
      if (options.oracleAbort) order.push(`${options.oracleAbort} second`);
    };
    jq.ajaxPrefilter(first);
    jq.ajaxPrefilter(second);
    $.ajaxPrefilter(first as never);
    $.ajaxPrefilter(second as never);
    const before = server.requests.length;
    // A beforeSend makes observe() stop waiting for complete, which a canceled request never calls.
    const beforeSend = () => undefined;
    const expected = await observe(theirs, { url: "json", oracleAbort: "jQuery", beforeSend });
    const actual = await observe(ours, { url: "json", oracleAbort: "ours", beforeSend });
    expect(actual).toEqual(expected);
    expect(order).toEqual(["jQuery first", "jQuery second", "ours first", "ours second"]);
    expect(server.requests.length).toBe(before);
  });

  test("ajaxSetup data and headers are merged into each request's (deep extend)", async () => {
    const defaults = { data: { a: "1", shared: "default" }, headers: { "X-Default": "d" } };
    const request = {
      url: "echo",
      data: { b: "2", shared: "request" },
      headers: { "X-Token": "t" },
    };
    jq.ajaxSetup(defaults);
    const expected = await observe(theirs, request);
    delete jq.ajaxSettings.data;
    delete jq.ajaxSettings.headers;
    $.ajaxSetup(defaults);
    const actual = await observe(ours, request);
    expect(echoed(actual)).toEqual(echoed(expected));
    expect((actual.values[0] as { url: string }).url).toBe("/echo?a=1&shared=request&b=2");
  });

  test("ifModified: the second request sends the validators and succeeds with 'notmodified'", async () => {
    const sequence = async (send: typeof ours) => {
      const first = await observe(send, { url: "modified", ifModified: true });
      const second = await observe(send, { url: "modified", ifModified: true });
      const third = await observe(send, { url: "modified" });
      return [first, second, third];
    };
    const expected = await sequence(theirs);
    $.ajaxSetup({ baseUrl: server.url });
    const actual = await sequence(ours);
    expect(actual).toEqual(expected);
    expect(actual[1]!.values).toEqual([undefined, "notmodified"]);
    const sent = server.requests.filter((request) => request.url === "/modified");
    expect(sent.map((request) => request.headers["if-none-match"] ?? null)).toEqual([
      null,
      '"rev-7"',
      null,
      null,
      '"rev-7"',
      null,
    ]);
  });

  test.each([
    [
      "ajax(false)",
      (send: "theirs" | "ours") =>
        send === "ours" ? $.ajax(false as never) : jq.ajax(false as never),
    ],
    [
      "url: false",
      (send: "theirs" | "ours") =>
        send === "ours" ? $.ajax({ url: false as never }) : jq.ajax({ url: false }),
    ],
  ])("%s requests the page URL (bug 2)", async (_, send) => {
    const before = server.requests.length;
    await new Promise((resolve) => (send("theirs") as JQueryLike).always(() => resolve(null)));
    await new Promise((resolve) =>
      (send("ours") as unknown as JQueryLike).always(() => resolve(null)),
    );
    const [theirUrl, ourUrl] = server.requests.slice(before).map((request) => request.url);
    expect(ourUrl).toBe(theirUrl);
    expect(ourUrl).toBe("/");
  });
});
