/**
 * The options issue 13 adds to the fetch-based ajax (ifModified, username/password, isLocal,
 * accepts, async, global), and hostile settings objects, against the real server.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as $ from "../../src/index.js";
import { expectSettledOnce, outcomeOf } from "./helpers.js";
import { startServer, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  $.ajaxSetup({ baseUrl: server.url });
});
afterEach(() => $.ajaxReset());

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe("ifModified", () => {
  test("remembers Last-Modified and ETag per URL and sends them back; a 304 succeeds with 'notmodified'", async () => {
    const first = await outcomeOf($.ajax({ url: "modified", ifModified: true }));
    expect(first.done[0]!.slice(0, 2)).toEqual(["fresh", "success"]);
    expect($.ifModifiedCache.etag.modified).toBe('"rev-7"');
    expect($.ifModifiedCache.lastModified.modified).toBe("Wed, 02 Dec 2026 10:00:00 GMT");
    const before = server.requests.length;
    const second = $.ajax({ url: "modified", ifModified: true });
    const outcome = await outcomeOf(second);
    expectSettledOnce(outcome);
    expect(outcome.done[0]!.slice(0, 2)).toEqual([undefined, "notmodified"]);
    expect(second.status).toBe(304);
    expect(server.requests[before]!.headers).toMatchObject({
      "if-none-match": '"rev-7"',
      "if-modified-since": "Wed, 02 Dec 2026 10:00:00 GMT",
    });
  });

  test("without ifModified nothing is remembered or sent; ajaxReset empties the caches", async () => {
    await outcomeOf($.ajax("modified"));
    expect($.ifModifiedCache.etag).toEqual({});
    await outcomeOf($.ajax({ url: "modified", ifModified: true }));
    expect(Object.keys($.ifModifiedCache.etag)).toEqual(["modified"]);
    $.ajaxReset();
    expect($.ifModifiedCache.etag).toEqual({});
    expect($.ifModifiedCache.lastModified).toEqual({});
  });

  test("the cache key is the URL with its data, without the hash and the anti-cache nonce", async () => {
    await outcomeOf(
      $.ajax({ url: "modified#top", data: { v: 1 }, cache: false, ifModified: true }),
    );
    expect(Object.keys($.ifModifiedCache.etag)).toEqual(["modified?v=1"]);
  });
});

describe("username and password", () => {
  test("are sent as Basic authorization (UTF-8), unless an Authorization header is given", async () => {
    const basic = (await outcomeOf($.ajax({ url: "echo", username: "ada", password: "pä:ss" })))
      .done[0]![0] as Echo;
    expect(basic.headers.authorization).toBe(
      `Basic ${Buffer.from("ada:pä:ss", "utf8").toString("base64")}`,
    );
    const given = (
      await outcomeOf(
        $.ajax({ url: "echo", username: "ada", headers: { Authorization: "Bearer t" } }),
      )
    ).done[0]![0] as Echo;
    expect(given.headers.authorization).toBe("Bearer t");
    const none = (await outcomeOf($.ajax("echo"))).done[0]![0] as Echo;
    expect(none.headers).not.toHaveProperty("authorization");
  });
});

describe("defaults of the live settings", () => {
  test("isLocal is false without a page; global, async and processData are on; script accepts exist", () => {
    const defaults = $.ajaxSetup();
    expect(defaults).toMatchObject({
      isLocal: false,
      global: true,
      async: true,
      processData: true,
    });
    expect(defaults.accepts.script).toBe(
      "text/javascript, application/javascript, application/ecmascript, application/x-ecmascript",
    );
    expect(Object.keys(defaults.contents ?? {})).toEqual(["xml", "html", "json"]);
    expect(defaults.responseFields).toEqual({
      xml: "responseXML",
      text: "responseText",
      json: "responseJSON",
    });
  });

  test("async: false is accepted but the request stays asynchronous (documented)", async () => {
    const request = $.ajax({ url: "json", async: false });
    expect(request.state()).toBe("pending");
    expect((await outcomeOf(request)).done[0]![0]).toEqual({ name: "jq-deferred", answer: 42 });
  });

  test("accepts entries are merged: a new type gets its own Accept", async () => {
    const echo = (
      await outcomeOf(
        $.ajax({
          url: "echo",
          dataType: "csv",
          accepts: { csv: "text/csv" },
          converters: { "text csv": JSON.parse },
        }),
      )
    ).done[0]![0] as Echo;
    expect(echo.headers.accept).toBe("text/csv, */*; q=0.01");
  });
});

describe("hostile settings", () => {
  test("a revoked Proxy as options fails the request with a RequestError", async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const request = $.ajax(proxy as $.AjaxSettings);
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("error");
    expect(request.ajaxError).toMatchObject({ name: "RequestError", option: "settings" });
  });

  test("a revoked Proxy as context is a setting that cannot be read: the request fails, ajax() does not throw", async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const request = $.ajax({ url: "json", context: proxy });
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("error");
    expect(request.ajaxError).toMatchObject({ name: "RequestError", option: "settings" });
    expect($.ajaxEvents.active).toBe(0);
  });

  test("a contents pattern that throws while the response is handled: the request still settles", async () => {
    const thrown = new Error("pattern bug");
    // text/plain matches none of the built-in patterns, so the bad one is tried.
    const request = $.ajax({
      url: "text",
      contents: {
        bad: {
          test() {
            throw thrown;
          },
        } as never,
      },
    });
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]!.slice(1)).toEqual(["error", thrown]);
    expect(request.ajaxError).toMatchObject({ name: "RequestError", cause: thrown });
  });

  test("a throwing getter fails the request; what it threw is errorThrown", async () => {
    const thrown = new Error("getter bug");
    const options = {
      get url(): string {
        throw thrown;
      },
    };
    const outcome = await outcomeOf($.ajax(options));
    expect(outcome.fail[0]!.slice(1)).toEqual(["error", thrown]);
  });

  test("a data object whose values throw when serialised fails the request", async () => {
    const before = server.requests.length;
    const outcome = await outcomeOf(
      $.ajax({
        url: "echo",
        data: {
          bad: () => {
            throw new Error("value bug");
          },
        },
      }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect((outcome.fail[0]![2] as Error).message).toBe("value bug");
    expect((outcome.fail[0]![0] as $.JqXHR).ajaxError).toMatchObject({
      option: "data",
      message: "data could not be serialised: Error: value bug",
    });
    expect(server.requests.length).toBe(before);
  });

  test("data inheriting from a jqXHR is not a plain object: sent unprocessed, the request settles once", async () => {
    const base = $.ajax("json");
    const child = Object.create(base) as object;
    const outcome = await outcomeOf($.ajax({ url: "echo", type: "POST", data: child as never }));
    expectSettledOnce(outcome);
    expect((outcome.done[0]![0] as Echo).body).toBe("[object Object]");
    await base;
  });
});
