/**
 * ajax(): outcomes, options and the jqXHR, against the real server in ./server.ts.
 * One `describe` per public function or jqXHR member group.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as $ from "../../src/index.js";
import { expectNothingLeft, expectSettledOnce, outcomeOf } from "./helpers.js";
import { activeTimers, closedPort, startServer, type TestServer } from "./server.js";

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

/** A fetch that records each call's init, then really fetches. */
function recordingFetch(calls: { url: string; init: RequestInit }[]): $.FetchFunction {
  return (url, init) => {
    calls.push({ url, init });
    return fetch(url, init);
  };
}

describe("ajax", () => {
  test("resolves with (data, 'success', jqXHR), parsing JSON inferred from the Content-Type", async () => {
    const request = $.ajax<{ answer: number }>("json");
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.done[0]).toEqual([{ name: "jq-deferred", answer: 42 }, "success", request]);
    expect(outcome.complete[0]).toEqual([request, "success"]);
    expect(request.status).toBe(200);
    expect(request.statusText).toBe("OK");
    expect(request.readyState).toBe(4);
    expect(request.responseJSON).toEqual({ name: "jq-deferred", answer: 42 });
    expect(request.responseText).toBe('{"name":"jq-deferred","answer":42}');
    expect(request.state()).toBe("resolved");
  });

  test("takes (url, options) or (options)", async () => {
    const [a, b] = await Promise.all([
      outcomeOf($.ajax("text", { dataType: "text" })),
      outcomeOf($.ajax({ url: "text" })),
    ]);
    expect(a.done[0]![0]).toBe("plain words");
    expect(b.done[0]![0]).toBe("plain words");
  });

  test("takes a URL object as url, absolute or relative to baseUrl", async () => {
    const absolute = await outcomeOf($.ajax(new URL("text", server.url)));
    expect(absolute.done[0]![0]).toBe("plain words");
    const posted = await outcomeOf($.post({ url: "echo", data: { a: 1 } }));
    expect(posted.done[0]![0]).toMatchObject({ method: "POST", body: "a=1" });
  });

  test("text and html responses resolve with the body as a string", async () => {
    expect((await outcomeOf($.ajax("html"))).done[0]![0]).toBe("<p>Hello</p>");
    expect((await outcomeOf($.ajax("text"))).done[0]![0]).toBe("plain words");
  });

  test("dataType 'text' keeps a JSON body as text; 'json' parses a text/plain body", async () => {
    const raw = await outcomeOf($.ajax({ url: "json", dataType: "text" }));
    expect(raw.done[0]![0]).toBe('{"name":"jq-deferred","answer":42}');
    const parsed = await outcomeOf($.ajax({ url: "json-as-text", dataType: "json" }));
    expect(parsed.done[0]![0]).toEqual({ hidden: "json" });
  });

  test("204 resolves with 'nocontent' and no data; 304 with 'notmodified'; HEAD with 'nocontent'", async () => {
    const noContent = await outcomeOf($.ajax("204"));
    expect(noContent.done[0]!.slice(0, 2)).toEqual([undefined, "nocontent"]);
    const notModified = await outcomeOf($.ajax("304"));
    expect(notModified.done[0]!.slice(0, 2)).toEqual([undefined, "notmodified"]);
    const head = $.ajax({ url: "json", method: "HEAD" });
    const headOutcome = await outcomeOf(head);
    expect(headOutcome.done[0]!.slice(0, 2)).toEqual([undefined, "nocontent"]);
    expect(head.getResponseHeader("content-type")).toBe("application/json");
  });

  test("a non-2xx status rejects with (jqXHR, 'error', 'Not Found'), ajaxError an HttpError, and keeps the parsed JSON body", async () => {
    const request = $.ajax("404-json");
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    const [jqXHR, textStatus, errorThrown] = outcome.fail[0]!;
    expect(jqXHR).toBe(request);
    expect(textStatus).toBe("error");
    expect(errorThrown).toBe("Not Found");
    const error = request.ajaxError;
    expect(error).toBeInstanceOf($.HttpError);
    expect(error).toBeInstanceOf($.AjaxError);
    expect(error).toMatchObject({ name: "HttpError", message: "Not Found", status: 404 });
    expect(request.status).toBe(404);
    expect(request.statusText).toBe("Not Found");
    expect(request.responseJSON).toEqual({ error: "no such user", code: "E_NOUSER" });
    expect(outcome.complete[0]).toEqual([request, "error"]);
  });

  test("a 500 with a text body rejects with 'error'; responseText holds the body", async () => {
    const request = $.ajax("500");
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("error");
    expect(outcome.fail[0]![2]).toBe("Internal Server Error");
    expect((request.ajaxError as $.HttpError).status).toBe(500);
    expect(request.responseText).toBe("boom");
    expect(request.responseJSON).toBeUndefined();
  });

  test("data is appended to the query string for GET and sent as a form body for POST", async () => {
    const query = await outcomeOf($.ajax({ url: "echo?x=1", data: { a: "b c", list: [1, 2] } }));
    expect((query.done[0]![0] as Echo).url).toBe("/echo?x=1&a=b%20c&list%5B%5D=1&list%5B%5D=2");
    const form = await outcomeOf($.ajax({ url: "echo", method: "post", data: { a: "b c" } }));
    const echo = form.done[0]![0] as Echo;
    expect(echo.method).toBe("POST");
    expect(echo.body).toBe("a=b+c");
    expect(echo.headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=UTF-8");
  });

  test("processData: false sends a string as is; contentType sets or (false) omits the header", async () => {
    const jsonBody = await outcomeOf(
      $.ajax({
        url: "echo",
        type: "PUT",
        data: '{"a":1}',
        processData: false,
        contentType: "application/json",
      }),
    );
    expect(jsonBody.done[0]![0]).toMatchObject({
      method: "PUT",
      body: '{"a":1}',
      headers: { "content-type": "application/json" },
    });
    const none = await outcomeOf(
      $.ajax({ url: "echo", type: "POST", data: "raw", contentType: false }),
    );
    expect((none.done[0]![0] as Echo).headers["content-type"]).toBe("text/plain;charset=UTF-8");
  });

  test("FormData and URLSearchParams bodies are sent unprocessed with fetch's own Content-Type", async () => {
    const formData = new FormData();
    formData.append("field", "value");
    const multipart = (await outcomeOf($.ajax({ url: "echo", type: "POST", data: formData })))
      .done[0]![0] as Echo;
    expect(multipart.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart.body).toContain('name="field"\r\n\r\nvalue');
    const params = (
      await outcomeOf(
        $.ajax({ url: "echo", type: "POST", data: new URLSearchParams({ q: "a b" }) }),
      )
    ).done[0]![0] as Echo;
    expect(params.body).toBe("q=a+b");
  });

  test("traditional serialises arrays without brackets", async () => {
    const outcome = await outcomeOf(
      $.ajax({ url: "echo", data: { a: [1, 2] }, traditional: true }),
    );
    expect((outcome.done[0]![0] as Echo).url).toBe("/echo?a=1&a=2");
  });

  test("headers are sent; Accept follows the dataType; X-Requested-With is sent unless crossDomain", async () => {
    const echo = (
      await outcomeOf($.ajax({ url: "echo", dataType: "json", headers: { "X-Token": "t1" } }))
    ).done[0]![0] as Echo;
    expect(echo.headers["x-token"]).toBe("t1");
    expect(echo.headers.accept).toBe("application/json, text/javascript, */*; q=0.01");
    expect(echo.headers["x-requested-with"]).toBe("XMLHttpRequest");
    const cross = (await outcomeOf($.ajax({ url: "echo", crossDomain: true }))).done[0]![0] as Echo;
    expect(cross.headers["x-requested-with"]).toBeUndefined();
    expect(cross.headers.accept).toBe("*/*");
  });

  test("cache: false adds (or replaces) a _= parameter on GET, not on POST", async () => {
    const first = (await outcomeOf($.ajax({ url: "echo?_=old&b=1", cache: false })))
      .done[0]![0] as Echo;
    // jQuery's own result, separator left in place (compared with jQuery in jquery-oracle.test.ts).
    expect(first.url).toMatch(/^\/echo\?&b=1&_=\d+$/);
    const second = (await outcomeOf($.ajax({ url: "echo", cache: false }))).done[0]![0] as Echo;
    expect(second.url).toMatch(/^\/echo\?_=\d+$/);
    expect(second.url).not.toBe(first.url.replace("&b=1&", ""));
    const posted = (await outcomeOf($.ajax({ url: "echo", type: "POST", cache: false })))
      .done[0]![0] as Echo;
    expect(posted.url).toBe("/echo");
  });

  test("context is the `this` of every callback; by default the settings object", async () => {
    const context = { name: "ctx" };
    const seen: unknown[] = [];
    const record = function (this: unknown) {
      seen.push(this);
    };
    await outcomeOf(
      $.ajax({ url: "json", context, success: record, complete: record }).done(record),
    );
    expect(seen).toEqual([context, context, context]);
    let settingsSeen: unknown;
    await outcomeOf(
      $.ajax({
        url: "json",
        success(this: unknown) {
          settingsSeen = this;
        },
      }),
    );
    expect(settingsSeen).toMatchObject({ url: "json", type: "GET" });
  });

  test("success, error and complete options accept functions or arrays and run in order", async () => {
    const calls: string[] = [];
    const request = $.ajax({
      url: "json",
      success: [() => calls.push("success 1"), () => calls.push("success 2")],
      complete: () => calls.push("complete"),
      error: () => calls.push("error"),
    }).done(() => calls.push("done"));
    await outcomeOf(request);
    expect(calls).toEqual(["success 1", "success 2", "done", "complete"]);
    const failures: string[] = [];
    await outcomeOf(
      $.ajax({
        url: "500",
        error: [() => failures.push("error"), [() => failures.push("nested")]],
      }),
    );
    expect(failures).toEqual(["error", "nested"]);
  });

  test("converters add data types; dataFilter transforms the raw text first", async () => {
    const upper = await outcomeOf(
      $.ajax({
        url: "text",
        dataType: "upper",
        converters: { "text upper": (text: string) => text.toUpperCase() },
      }),
    );
    expect(upper.done[0]![0]).toBe("PLAIN WORDS");
    const filtered = await outcomeOf(
      $.ajax({ url: "json", dataFilter: (text) => text.replace("42", "43") }),
    );
    expect(filtered.done[0]![0]).toEqual({ name: "jq-deferred", answer: 43 });
    const chained = await outcomeOf(
      $.ajax({
        url: "json",
        dataType: "json answer",
        converters: { "json answer": (value: { answer: number }) => value.answer },
      }),
    );
    expect(chained.done[0]![0]).toBe(42);
  });

  test("a dataType with no converter fails with 'parsererror'", async () => {
    const request = $.ajax({ url: "text", dataType: "upper" });
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("parsererror");
    expect(outcome.fail[0]![2]).toBe("No conversion from text to upper");
    expect(request.ajaxError).toBeInstanceOf($.ParseError);
    expect(request.ajaxError!.message).toBe("No conversion from text to upper");
  });

  test("the charset of the Content-Type (or mimeType) decodes the body", async () => {
    expect((await outcomeOf($.ajax("latin1"))).done[0]![0]).toBe("café");
    const asUtf8 = await outcomeOf(
      $.ajax({ url: "latin1", mimeType: "text/plain; charset=utf-8" }),
    );
    expect(asUtf8.done[0]![0]).toBe("caf\ufffd");
    const asJson = await outcomeOf($.ajax({ url: "json-as-text", mimeType: "application/json" }));
    expect(asJson.done[0]![0]).toEqual({ hidden: "json" });
  });

  test("timeout rejects with 'timeout' and a TimeoutError; the fetch is aborted", async () => {
    const timers = activeTimers();
    const request = $.ajax({ url: "slow?ms=5000", timeout: 50 });
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("timeout");
    expect(outcome.fail[0]![2]).toBe("timeout");
    expect(request.ajaxError).toBeInstanceOf($.TimeoutError);
    expect((request.ajaxError as $.TimeoutError).timeout).toBe(50);
    expect(request.status).toBe(0);
    expect(request.statusText).toBe("timeout");
    expect(request.readyState).toBe(0);
    await expectNothingLeft(server, timers);
  });

  test("signal aborts the request ('abort', AbortError with the signal's reason)", async () => {
    const controller = new AbortController();
    const request = $.ajax({ url: "never", signal: controller.signal });
    setTimeout(() => controller.abort("user left"), 20);
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("abort");
    expect(outcome.fail[0]![2]).toBe("abort");
    expect(request.ajaxError).toBeInstanceOf($.AbortError);
    expect(request.ajaxError!.cause).toBe("user left");
    await expectNothingLeft(server, Infinity);
  });

  test("a timed-out AbortSignal.timeout reports 'timeout'", async () => {
    const request = $.ajax({ url: "never", signal: AbortSignal.timeout(30) });
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("timeout");
    expect(outcome.fail[0]![2]).toBe("timeout");
    expect(request.ajaxError).toBeInstanceOf($.TimeoutError);
  });

  test("credentials and the fetch option reach fetch", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const outcome = await outcomeOf(
      $.ajax({ url: "json", credentials: "include", fetch: recordingFetch(calls) }),
    );
    expect(outcome.done).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${server.url}json`);
    expect(calls[0]!.init).toMatchObject({ method: "GET", credentials: "include" });
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  test("statusCode callbacks run for the final status, like done or fail callbacks", async () => {
    const calls: unknown[][] = [];
    await outcomeOf(
      $.ajax({
        url: "404-json",
        statusCode: {
          404: (...args: unknown[]) => calls.push(["404", args[1]]),
          200: () => calls.push(["200"]),
        },
      }),
    );
    expect(calls).toEqual([["404", "error"]]);
  });
});

describe("jqXHR promise methods", () => {
  test("the jqXHR has every promise method and is a promise of its outcome", async () => {
    const request = $.ajax("text");
    for (const name of [
      "done",
      "fail",
      "always",
      "then",
      "catch",
      "pipe",
      "progress",
      "state",
      "promise",
    ]) {
      expect(typeof (request as unknown as Record<string, unknown>)[name]).toBe("function");
    }
    expect(request.state()).toBe("pending");
    expect(request.promise().state()).toBe("pending");
    const length = await request.then((text) => (text as string).length);
    expect(length).toBe("plain words".length);
    const recovered = await $.ajax("500").catch((jqXHR) => (jqXHR as $.JqXHR).status);
    expect(recovered).toBe(500);
  });

  test("await gives the data", async () => {
    expect(await $.ajax<{ answer: number }>("json")).toEqual({ name: "jq-deferred", answer: 42 });
  });

  test("progress callbacks get (loaded, total) per received chunk of a streamed body", async () => {
    const events: [number, number | undefined][] = [];
    const request = $.ajax("stream?chunks=4&size=1000&interval=40").progress((loaded, total) => {
      events.push([loaded, total]);
    });
    await outcomeOf(request);
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.at(-1)).toEqual([4000, 4000]);
    for (let i = 1; i < events.length; i++)
      expect(events[i]![0]).toBeGreaterThan(events[i - 1]![0]);
    expect(request.responseText).toHaveLength(4000);
  });

  test("progress total is undefined when the length is not announced", async () => {
    const events: (number | undefined)[] = [];
    await outcomeOf(
      $.ajax("stream?chunks=2&size=10&interval=10&length=unknown").progress((_, total) => {
        events.push(total);
      }),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((total) => total === undefined)).toBe(true);
  });
});

describe("jqXHR members", () => {
  test("readyState goes 0 → 1 on send → 4 on completion", async () => {
    const states: number[] = [];
    const request = $.ajax({
      url: "json",
      beforeSend(jqXHR) {
        states.push(jqXHR.readyState);
      },
    });
    states.push(request.readyState);
    await outcomeOf(request);
    states.push(request.readyState);
    expect(states).toEqual([0, 1, 4]);
  });

  test("getResponseHeader is case-insensitive and null when absent or before the headers", async () => {
    const request = $.ajax("json");
    expect(request.getResponseHeader("Content-Type")).toBeNull();
    expect(request.getAllResponseHeaders()).toBeNull();
    await outcomeOf(request);
    expect(request.getResponseHeader("CONTENT-TYPE")).toBe("application/json");
    expect(request.getResponseHeader("X-Missing")).toBeNull();
    expect(request.getAllResponseHeaders()).toMatch(/(^|\r\n)content-type: application\/json\r\n/);
    expect(request.getAllResponseHeaders()).toMatch(/^([a-z0-9-]+: [^\r\n]*\r\n)+$/);
  });

  test("setRequestHeader works before sending (first spelling kept) and is ignored after", async () => {
    const request = $.ajax({
      url: "echo",
      beforeSend(jqXHR) {
        jqXHR.setRequestHeader("X-One", "a").setRequestHeader("x-one", "b");
      },
    });
    expect(request.setRequestHeader("X-Late", "c")).toBe(request);
    const echo = (await outcomeOf(request)).done[0]![0] as Echo;
    expect(echo.headers["x-one"]).toBe("b");
    expect(echo.headers["x-late"]).toBeUndefined();
  });

  test("overrideMimeType changes dataType inference and decoding", async () => {
    const outcome = await outcomeOf(
      $.ajax({
        url: "json-as-text",
        beforeSend: (jqXHR) => void jqXHR.overrideMimeType("application/json"),
      }),
    );
    expect(outcome.done[0]![0]).toEqual({ hidden: "json" });
  });

  test("statusCode(map) adds callbacks before completion and calls the matching one at once after", async () => {
    const calls: string[] = [];
    const request = $.ajax("json").statusCode({ 200: () => calls.push("early") });
    await outcomeOf(request);
    request.statusCode({ 200: () => calls.push("late"), 404: () => calls.push("wrong") });
    expect(calls).toEqual(["early", "late"]);
  });

  test("abort() rejects at once with 'abort' and really aborts the fetch", async () => {
    const timers = activeTimers();
    const before = server.requests.length;
    const request = $.ajax("never");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBe(before + 1);
    const calls: unknown[][] = [];
    request.fail((...args: unknown[]) => calls.push(args));
    expect(request.abort()).toBe(request);
    expect(calls).toHaveLength(1);
    expect(calls[0]![1]).toBe("abort");
    expect(calls[0]![2]).toBe("abort");
    expect(request.ajaxError).toBeInstanceOf($.AbortError);
    expect(request.statusText).toBe("abort");
    expect(request.status).toBe(0);
    expect(request.readyState).toBe(0);
    await expectNothingLeft(server, timers);
  });

  test("abort(statusText) reports that text as textStatus", async () => {
    const request = $.ajax("never");
    request.abort("superseded");
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("superseded");
    expect(outcome.fail[0]![2]).toBe("superseded");
    expect(request.ajaxError!.message).toBe("superseded");
    expect(outcome.complete[0]![1]).toBe("superseded");
  });

  test("abort() after completion changes nothing", async () => {
    const request = $.ajax("json");
    const outcome = await outcomeOf(request);
    request.abort();
    expect(request.state()).toBe("resolved");
    expect(request.status).toBe(200);
    expect(outcome.fail).toHaveLength(0);
  });

  test("success/error are done/fail; complete is a once-memory list called after either", async () => {
    const request = $.ajax("json");
    const calls: string[] = [];
    request
      .success(() => calls.push("success"))
      .error(() => calls.push("error"))
      .complete((jqXHR, textStatus) => calls.push(`complete ${textStatus}`));
    await outcomeOf(request);
    request.complete((jqXHR, textStatus) => calls.push(`late complete ${textStatus}`));
    expect(calls).toEqual(["success", "complete success", "late complete success"]);
    const failed = $.ajax("500");
    const failures: string[] = [];
    failed
      .error((jqXHR, textStatus) => failures.push(textStatus))
      .complete(() => failures.push("complete"));
    await outcomeOf(failed);
    expect(failures).toEqual(["error", "complete"]);
  });
});

describe("get", () => {
  test("get(url, data, success, dataType) sends data in the query and parses by dataType", async () => {
    let received: unknown;
    const request = $.get("echo", { q: "1" }, (data) => void (received = data), "json");
    await outcomeOf(request);
    expect(received).toMatchObject({ method: "GET", url: "/echo?q=1" });
  });

  test("get(url, success) shifts the arguments", async () => {
    let received: unknown;
    await outcomeOf($.get("text", (data) => void (received = data)));
    expect(received).toBe("plain words");
  });

  test("get(url, null, dataType) and get(settings)", async () => {
    // As in jQuery, null is a placeholder for the callback: get(url, null, dataType).
    const placeholder = await outcomeOf($.get("json-as-text", null, "json"));
    expect(placeholder.done[0]![0]).toEqual({ hidden: "json" });
    const outcome = await outcomeOf($.get({ url: "echo", data: { a: 1 } }));
    expect((outcome.done[0]![0] as Echo).url).toBe("/echo?a=1");
  });
});

describe("post", () => {
  test("post(url, data, success) sends a form body", async () => {
    let received: unknown;
    await outcomeOf($.post("echo", { name: "Ada Lovelace" }, (data) => void (received = data)));
    expect(received).toMatchObject({ method: "POST", body: "name=Ada+Lovelace" });
  });
});

describe("getJSON", () => {
  test("getJSON(url, data, success) parses the response as JSON whatever its Content-Type", async () => {
    let received: unknown;
    await outcomeOf($.getJSON("json-as-text", { a: 1 }, (data) => void (received = data)));
    expect(received).toEqual({ hidden: "json" });
    const echo = (await outcomeOf($.getJSON("echo", { a: 1 }))).done[0]![0] as Echo;
    expect(echo.url).toBe("/echo?a=1");
    expect(echo.headers.accept).toBe("application/json, text/javascript, */*; q=0.01");
  });
});

describe("ajaxSetup", () => {
  test("changes the defaults of later requests; headers are merged", async () => {
    $.ajaxSetup({ headers: { "X-A": "1" }, dataType: "json" });
    $.ajaxSetup({ headers: { "X-B": "2" } });
    const echo = (await outcomeOf($.ajax("echo"))).done[0]![0] as Echo;
    expect(echo.headers["x-a"]).toBe("1");
    expect(echo.headers["x-b"]).toBe("2");
    expect($.ajaxSetup().dataType).toBe("json");
  });

  test("ajaxSetup({ type }) changes the default method", async () => {
    $.ajaxSetup({ type: "POST" });
    expect(((await outcomeOf($.ajax("echo"))).done[0]![0] as Echo).method).toBe("POST");
  });

  test("returns the live defaults (jQuery's ajaxSettings): changing them changes later requests", async () => {
    const defaults = $.ajaxSetup();
    expect($.ajaxSetup({ traditional: true })).toBe(defaults);
    expect(defaults.traditional).toBe(true);
    defaults.headers = { "X-Live": "yes" };
    const echo = (await outcomeOf($.ajax("echo"))).done[0]![0] as Echo;
    expect(echo.headers["x-live"]).toBe("yes");
    $.ajaxReset();
    expect($.ajaxSetup()).toBe(defaults);
    expect(defaults.traditional).toBeUndefined();
    expect(defaults.headers).toBeUndefined();
    expect(defaults.accepts.json).toBe("application/json, text/javascript");
  });

  test("ajaxSetup(target, settings) builds a full settings object in target, leaving the defaults alone", () => {
    $.ajaxSetup({ headers: { "X-A": "1" } });
    const target = {};
    const built = $.ajaxSetup(target, { url: "/x", headers: { "X-B": "2" } });
    expect(built).toBe(target);
    expect(built).toMatchObject({ url: "/x", type: "GET", headers: { "X-A": "1", "X-B": "2" } });
    expect($.ajaxSetup().headers).toEqual({ "X-A": "1" });
    expect(built.headers).not.toBe($.ajaxSetup().headers);
    expect(() => $.ajaxSetup(null as never, {})).toThrow(
      new TypeError("ajaxSetup(target, settings): target must be an object, got null"),
    );
  });

  test("throws a TypeError naming the argument for a non-object", () => {
    expect(() => $.ajaxSetup(5 as never)).toThrow(
      new TypeError("ajaxSetup(settings): settings must be an object, got number"),
    );
  });
});

describe("ajaxReset", () => {
  test("restores the built-in defaults and removes every prefilter", async () => {
    let calls = 0;
    $.ajaxPrefilter(() => void calls++);
    $.ajaxSetup({ timeout: 5 });
    $.ajaxReset();
    expect($.ajaxSetup().timeout).toBeUndefined();
    expect($.ajaxSetup().baseUrl).toBeUndefined();
    await outcomeOf($.ajax(`${server.url}json`));
    expect(calls).toBe(0);
  });
});

describe("ajaxPrefilter", () => {
  test("runs before sending with (options, originalOptions, jqXHR) and may change the options", async () => {
    const seen: unknown[] = [];
    $.ajaxPrefilter((options, originalOptions, jqXHR) => {
      seen.push(originalOptions, jqXHR.state());
      options.url = "text";
    });
    const original = { url: "json" };
    const request = $.ajax(original);
    const outcome = await outcomeOf(request);
    expect(seen).toEqual([original, "pending"]);
    expect(outcome.done[0]![0]).toBe("plain words");
  });

  test("runs only for its data types, '+' first, then the '*' ones", async () => {
    const order: string[] = [];
    $.ajaxPrefilter(() => void order.push("all"));
    $.ajaxPrefilter("json", () => void order.push("json"));
    $.ajaxPrefilter("+json", () => void order.push("json first"));
    $.ajaxPrefilter("text", () => void order.push("text"));
    await outcomeOf($.ajax({ url: "json", dataType: "json" }));
    expect(order).toEqual(["json first", "json", "all"]);
  });

  test("returning a data type runs that type's prefilters (and the request is typed so)", async () => {
    const order: string[] = [];
    $.ajaxPrefilter("json", () => void order.push("json"));
    $.ajaxPrefilter("text", () => "json");
    await outcomeOf($.ajax({ url: "text", dataType: "text" }));
    expect(order).toEqual(["json"]);
  });

  test("returns a function that removes the prefilter", async () => {
    let calls = 0;
    const remove = $.ajaxPrefilter(() => void calls++);
    await outcomeOf($.ajax("json"));
    remove();
    await outcomeOf($.ajax("json"));
    expect(calls).toBe(1);
  });

  test("throws a TypeError naming the argument for a non-function", () => {
    expect(() => $.ajaxPrefilter("json", 3 as never)).toThrow(
      new TypeError("ajaxPrefilter(prefilter): prefilter must be a function, got number"),
    );
  });
});

describe("retry", () => {
  test("is off by default: a 503 fails after one request", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const outcome = await outcomeOf(
      $.ajax({ url: "flaky?key=off&fail=1", fetch: recordingFetch(calls) }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect(calls).toHaveLength(1);
  });

  test("retries listed statuses up to the limit, then succeeds with the final response", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const request = $.ajax({
      url: "flaky?key=limit&fail=2&status=500",
      retry: { limit: 2, delay: () => 1 },
      fetch: recordingFetch(calls),
    });
    const outcome = await outcomeOf(request);
    expect(calls).toHaveLength(3);
    expect(outcome.done[0]![0]).toEqual({ attempt: 3 });
  });

  test("gives up after the limit with the last failure", async () => {
    const outcome = await outcomeOf(
      $.ajax({ url: "flaky?key=giveup&fail=5&status=502", retry: { limit: 1, delay: () => 1 } }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect((outcome.fail[0]![0] as $.JqXHR).responseJSON).toEqual({ attempt: 2 });
  });

  test("does not retry POST or unlisted statuses by default", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    await outcomeOf(
      $.ajax({
        url: "flaky?key=post&fail=1",
        type: "POST",
        retry: 3,
        fetch: recordingFetch(calls),
      }),
    );
    await outcomeOf(
      $.ajax({ url: "flaky?key=404&fail=1&status=404", retry: 3, fetch: recordingFetch(calls) }),
    );
    expect(calls).toHaveLength(2);
  });

  test("honours Retry-After over the policy's delay", async () => {
    const outcome = await outcomeOf(
      $.ajax({
        url: "flaky?key=after&fail=1&status=429&retryAfter=0",
        // Were the 10 s delay used instead of Retry-After: 0, the timeout would fail the request.
        retry: { limit: 1, delay: () => 10_000 },
        timeout: 5000,
      }),
    );
    expect(outcome.done[0]![0]).toEqual({ attempt: 2 });
  });

  test("a Retry-After beyond maxRetryAfter fails at once with that response", async () => {
    const timers = activeTimers();
    const outcome = await outcomeOf(
      $.ajax({
        url: "flaky?key=toolong&fail=1&status=503&retryAfter=120",
        retry: { limit: 1, maxRetryAfter: 1000 },
      }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect(outcome.fail[0]![2]).toBe("Service Unavailable");
    expect(((outcome.fail[0]![0] as $.JqXHR).ajaxError as $.HttpError).status).toBe(503);
    await expectNothingLeft(server, timers);
  });

  test("retries network failures, then reports a NetworkError", async () => {
    const port = await closedPort();
    const calls: { url: string; init: RequestInit }[] = [];
    const outcome = await outcomeOf(
      $.ajax({
        url: `http://127.0.0.1:${port}/`,
        retry: { limit: 2, delay: () => 1 },
        fetch: recordingFetch(calls),
      }),
    );
    expect(calls).toHaveLength(3);
    expect(outcome.fail[0]![2]).toBe("");
    expect((outcome.fail[0]![0] as $.JqXHR).ajaxError).toBeInstanceOf($.NetworkError);
  });

  test("abort during the wait before a retry settles at once and clears the timer", async () => {
    const timers = activeTimers();
    const request = $.ajax({
      url: "flaky?key=abortwait&fail=1",
      retry: { limit: 1, delay: () => 60_000 },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    request.abort();
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("abort");
    await expectNothingLeft(server, timers);
  });
});

describe("param", () => {
  test("serialises like jQuery.param", () => {
    expect($.param({ a: [1, 2], b: { c: "d e" } })).toBe("a%5B%5D=1&a%5B%5D=2&b%5Bc%5D=d%20e");
    expect($.param({ a: [1, 2] }, true)).toBe("a=1&a=2");
    expect(
      $.param([
        { name: "x", value: "1" },
        { name: "y", value: null },
      ]),
    ).toBe("x=1&y=");
    expect($.param({ f: () => "called", n: undefined })).toBe("f=called&n=");
    expect($.param({ a: [{ b: 1 }, [2]] })).toBe("a%5B0%5D%5Bb%5D=1&a%5B1%5D%5B%5D=2");
  });
});

describe("ajax edge cases", () => {
  test("an exception in a callback does not stop the others; it is rethrown asynchronously", async () => {
    const boom = new Error("callback bug");
    const reported: unknown[] = [];
    const queue = globalThis.queueMicrotask;
    const spy = vi.spyOn(globalThis, "queueMicrotask").mockImplementation((job) =>
      queue(() => {
        try {
          job();
        } catch (error) {
          reported.push(error);
        }
      }),
    );
    try {
      const calls: string[] = [];
      const request = $.ajax({
        url: "json",
        success: [
          () => {
            throw boom;
          },
          () => calls.push("second success"),
        ],
        complete: () => calls.push("complete"),
      }).progress(() => {
        throw new Error("progress bug");
      });
      await outcomeOf(request);
      expect(calls).toEqual(["second success", "complete"]);
      expect(reported).toContain(boom);
      expect(reported.map((error) => (error as Error).message)).toContain("progress bug");
    } finally {
      spy.mockRestore();
    }
  });

  test("a throwing dataFilter fails the request with 'parsererror'", async () => {
    const thrown = new Error("filter bug");
    const outcome = await outcomeOf(
      $.ajax({
        url: "json",
        dataFilter: () => {
          throw thrown;
        },
      }),
    );
    expect(outcome.fail[0]![1]).toBe("parsererror");
    expect(outcome.fail[0]![2]).toBe(thrown);
    expect((outcome.fail[0]![0] as $.JqXHR).ajaxError!.cause).toBe(thrown);
  });

  test("a status without reason phrase: statusText 'error', errorThrown '', HttpError message 'HTTP 404'", async () => {
    const request = $.ajax("404-no-reason");
    const outcome = await outcomeOf(request);
    expect(request.statusText).toBe("error");
    expect(outcome.fail[0]![2]).toBe("");
    expect(request.ajaxError!.message).toBe("HTTP 404");
  });

  test("an unknown charset falls back to UTF-8", async () => {
    const outcome = await outcomeOf(
      $.ajax({ url: "text", mimeType: "text/plain; charset=nonsense" }),
    );
    expect(outcome.done[0]![0]).toBe("plain words");
  });

  test("query data and the anti-cache nonce go before a #hash", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    await outcomeOf(
      $.ajax({ url: "echo#top", data: { a: 1 }, cache: false, fetch: recordingFetch(calls) }),
    );
    expect(calls[0]!.url).toMatch(/\/echo\?a=1&_=\d+#top$/);
  });

  test("converters chain through an intermediate type, and collapse equivalences", async () => {
    const viaJson = await outcomeOf(
      $.ajax({
        url: "json",
        dataType: "answer",
        converters: { "json answer": (value: { answer: number }) => value.answer * 2 },
      }),
    );
    expect(viaJson.done[0]![0]).toBe(84);
    const viaHtml = await outcomeOf(
      $.ajax({
        url: "html",
        dataType: "length",
        converters: { "html length": (html: string) => html.length },
      }),
    );
    expect(viaHtml.done[0]![0]).toBe("<p>Hello</p>".length);
    const trailingWildcard = await outcomeOf($.ajax({ url: "json", dataType: "json *" }));
    expect(trailingWildcard.done[0]![0]).toEqual({ name: "jq-deferred", answer: 42 });
  });

  test("XML is inferred and parsed where DOMParser exists (jsdom's here)", async () => {
    const { JSDOM } = createRequire(import.meta.url)("jsdom") as {
      JSDOM: new () => { window: { DOMParser: unknown; close(): void } };
    };
    const dom = new JSDOM();
    vi.stubGlobal("DOMParser", dom.window.DOMParser);
    try {
      const outcome = await outcomeOf($.ajax("xml"));
      const xml = outcome.done[0]![0] as {
        getElementsByTagName(name: string): { textContent: string }[];
      };
      expect(xml.getElementsByTagName("to")[0]!.textContent).toBe("Ada");
      const broken = await outcomeOf($.ajax({ url: "text", dataType: "xml" }));
      expect(broken.fail[0]![1]).toBe("parsererror");
    } finally {
      vi.unstubAllGlobals();
      dom.window.close();
    }
    const withoutParser = await outcomeOf($.ajax("xml"));
    expect(withoutParser.done[0]![0]).toBe("<note><to>Ada</to></note>");
    const explicit = await outcomeOf($.ajax({ url: "xml", dataType: "xml" }));
    expect(explicit.fail[0]![1]).toBe("parsererror");
    expect((explicit.fail[0]![2] as Error).message).toBe(
      "parsing XML needs DOMParser, which is missing",
    );
  });

  test("in a page (location defined), relative URLs resolve against it and crossDomain is computed", async () => {
    $.ajaxReset();
    vi.stubGlobal("location", {
      href: `${server.url}app/page.html`,
      origin: server.url.slice(0, -1),
    });
    try {
      const same = (await outcomeOf($.ajax("/echo"))).done[0]![0] as Echo;
      expect(same.headers["x-requested-with"]).toBe("XMLHttpRequest");
      const defaultUrl = $.ajax();
      await outcomeOf(defaultUrl);
      expect(defaultUrl.status).toBe(404); // location.href itself: /app/page.html has no route
      const other = (await outcomeOf($.ajax(server.url.replace("127.0.0.1", "localhost") + "echo")))
        .done[0]![0] as Echo;
      expect(other.headers["x-requested-with"]).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test("a fetch that ignores the abort signal still has its body cancelled on abort", async () => {
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(100));
        return new Promise((resolve) => setTimeout(resolve, 5));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = $.ajax({ url: "json", fetch: () => Promise.resolve(new Response(endless)) });
    request.progress((loaded) => {
      if (loaded >= 300) request.abort();
    });
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("abort");
    expect(cancelled).toBe(true);
  });

  test("retry: 1 uses the default backoff (300 ms) and a Retry-After date in the past means now", async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const outcome = await outcomeOf(
      $.ajax({ url: "flaky?key=default-delay&fail=1", retry: 1, fetch: recordingFetch(calls) }),
    );
    expect(outcome.done[0]![0]).toEqual({ attempt: 2 });
    const past = encodeURIComponent(new Date(Date.now() - 60_000).toUTCString());
    const dated = await outcomeOf(
      $.ajax({
        url: `flaky?key=dated&fail=1&status=503&retryAfter=${past}`,
        retry: { limit: 1, delay: () => 10_000 },
        timeout: 5000,
      }),
    );
    expect(dated.done[0]![0]).toEqual({ attempt: 2 });
  });
});

describe("error classes", () => {
  test("keep their names in a minified bundle", async () => {
    const { build } = await import("esbuild");
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL("../../src/index.ts", import.meta.url))],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      logLevel: "silent",
    });
    const directory = mkdtempSync(join(tmpdir(), "jq-deferred-ajax-"));
    try {
      const file = join(directory, "bundle.mjs");
      writeFileSync(file, bundle.outputFiles[0]!.text);
      const minified = (await import(pathToFileURL(file).href)) as typeof $;
      const outcome = await outcomeOf(
        minified.ajax(`${server.url}404-json`) as unknown as $.JqXHR<unknown>,
      );
      const error = (outcome.fail[0]![0] as $.JqXHR).ajaxError!;
      expect(error).toBeInstanceOf(minified.HttpError);
      expect(error.name).toBe("HttpError");
      expect(String(error)).toBe("HttpError: Not Found");
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("each class has its own name and is an AjaxError and an Error", () => {
    const init = { jqXHR: $.ajax({ url: "json", beforeSend: () => false }), textStatus: "error" };
    const errors = [
      new $.HttpError(404, "Not Found", init),
      new $.NetworkError("the request failed", init),
      new $.TimeoutError(10, init),
      new $.AbortError("abort", init),
      new $.ParseError("text", "json", "{", init),
      new $.RequestError("url", "bad url", init),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      "HttpError",
      "NetworkError",
      "TimeoutError",
      "AbortError",
      "ParseError",
      "RequestError",
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf($.AjaxError);
      expect(error).toBeInstanceOf(Error);
    }
    expect(new $.AjaxError("base", init).name).toBe("AjaxError");
  });
});
