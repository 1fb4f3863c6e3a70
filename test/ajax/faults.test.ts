/**
 * Bad input and faults: each case settles the jqXHR exactly once (done or fail, always, complete)
 * and leaves no timer pending and no connection open.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as $ from "../../src/index.js";
import { expectNothingLeft, expectSettledOnce, type Outcome, outcomeOf } from "./helpers.js";
import { activeTimers, closedPort, startServer, type TestServer } from "./server.js";

let server: TestServer;
let timers: number;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  $.ajaxSetup({ baseUrl: server.url });
  timers = activeTimers();
});
afterEach(async () => {
  $.ajaxReset();
  await expectNothingLeft(server, timers);
});

/**
 * The single failure of a settled-once outcome: [jqXHR, textStatus, jqXHR.ajaxError (the typed
 * error), errorThrown (jQuery's value)].
 */
function failureOf(outcome: Outcome): [$.JqXHR, string, $.AjaxError, unknown] {
  expectSettledOnce(outcome);
  expect(outcome.fail).toHaveLength(1);
  const [jqXHR, textStatus, errorThrown] = outcome.fail[0]! as [$.JqXHR, string, unknown];
  expect(outcome.complete[0]).toEqual([jqXHR, textStatus]);
  const error = jqXHR.ajaxError!;
  expect(error).toBeInstanceOf($.AjaxError);
  expect(error.jqXHR).toBe(jqXHR);
  expect(error.textStatus).toBe(textStatus);
  return [jqXHR, textStatus, error, errorThrown];
}

describe("invalid URL", () => {
  test("a URL that does not parse fails with 'error' and a RequestError naming the url, unsent", async () => {
    const before = server.requests.length;
    const errorOption: unknown[] = [];
    const request = $.ajax({ url: "http://[::1", error: () => errorOption.push("error") });
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf(request));
    expect(jqXHR).toBe(request);
    expect(textStatus).toBe("error");
    expect(error).toBeInstanceOf($.RequestError);
    expect(error).toMatchObject({ option: "url", message: 'url "http://[::1" is not a valid URL' });
    // jQuery passes the exception its transport threw as errorThrown, and its text as statusText.
    expect(errorThrown).toBe(error);
    expect(request.status).toBe(0);
    expect(request.statusText).toBe('RequestError: url "http://[::1" is not a valid URL');
    expect(errorOption).toEqual(["error"]);
    expect(server.requests.length).toBe(before);
  });

  test("a relative URL without baseUrl (outside browsers) fails with a RequestError saying so", async () => {
    $.ajaxReset();
    const [, textStatus, error] = failureOf(await outcomeOf($.ajax("/relative")));
    expect(textStatus).toBe("error");
    expect(error.message).toBe(
      'url "/relative" is not a valid URL (outside browsers, relative URLs need the baseUrl option)',
    );
  });

  test("a url that is neither a string nor a URL fails with a RequestError", async () => {
    $.ajaxPrefilter((options) => {
      (options as { url: unknown }).url = 42;
    });
    const [, , error] = failureOf(await outcomeOf($.ajax("json")));
    expect(error).toMatchObject({
      option: "url",
      message: "url must be a string or a URL, got number",
    });
  });
});

describe("unknown method", () => {
  test("a method that is not an HTTP token fails with a RequestError naming the method", async () => {
    const [, textStatus, error] = failureOf(
      await outcomeOf($.ajax({ url: "echo", method: "GE T" })),
    );
    expect(textStatus).toBe("error");
    expect(error).toMatchObject({
      option: "method",
      message: 'method must be an HTTP token, got "GE T"',
    });
  });

  test("a method fetch forbids (CONNECT, TRACE, TRACK) fails with a RequestError", async () => {
    const [, , error] = failureOf(await outcomeOf($.ajax({ url: "echo", method: "trace" })));
    expect(error).toMatchObject({
      option: "method",
      message: "method TRACE cannot be sent with fetch",
    });
  });

  test("a well-formed method outside fetch's list is sent as is, upper-cased", async () => {
    const outcome = await outcomeOf($.ajax({ url: "echo", method: "propfind", data: "<x/>" }));
    expectSettledOnce(outcome);
    expect(outcome.done[0]![0]).toMatchObject({ method: "PROPFIND", body: "<x/>" });
  });

  test("an unknown well-formed method is sent; the server's refusal is an ordinary 'error'", async () => {
    // node:http answers methods it does not know with 400 Bad Request.
    const [jqXHR, textStatus, error, errorThrown] = failureOf(
      await outcomeOf($.ajax({ url: "echo", method: "BREW" })),
    );
    expect(textStatus).toBe("error");
    expect(error).toBeInstanceOf($.HttpError);
    expect(errorThrown).toBe("Bad Request");
    expect(jqXHR.status).toBe(400);
  });
});

describe("malformed JSON", () => {
  test("fails with 'parsererror' and a ParseError; the raw text is kept; status stays 200", async () => {
    const request = $.ajax("malformed-json");
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("parsererror");
    expect(error).toBeInstanceOf($.ParseError);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(errorThrown).toBe(error.cause);
    expect(error).toMatchObject({
      from: "text",
      to: "json",
      responseText: '{"name": "jq-deferred", ',
    });
    expect(jqXHR.responseText).toBe('{"name": "jq-deferred", ');
    expect(jqXHR.responseJSON).toBeUndefined();
    expect(jqXHR.status).toBe(200);
    expect(jqXHR.statusText).toBe("OK");
  });

  test("an empty body with dataType json is a parsererror too (as in jQuery)", async () => {
    const [, textStatus] = failureOf(
      await outcomeOf($.ajax({ url: "stream?chunks=0", dataType: "json" })),
    );
    expect(textStatus).toBe("parsererror");
  });
});

describe("non-2xx with a JSON body", () => {
  test("fails with 'error', errorThrown an HttpError 'Not Found'; responseJSON is parsed", async () => {
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf($.ajax("404-json")));
    expect(textStatus).toBe("error");
    expect(errorThrown).toBe("Not Found");
    expect(error).toBeInstanceOf($.HttpError);
    expect(error.message).toBe("Not Found");
    expect(jqXHR.responseJSON).toEqual({ error: "no such user", code: "E_NOUSER" });
  });

  test("with dataType json and a non-JSON error body, the failure stays 'error' (no parsererror)", async () => {
    const [jqXHR, textStatus] = failureOf(
      await outcomeOf($.ajax({ url: "404-html", dataType: "json" })),
    );
    expect(textStatus).toBe("error");
    expect(jqXHR.responseText).toBe("<h1>Not Found</h1>");
    expect(jqXHR.responseJSON).toBeUndefined();
  });
});

describe("server that never answers", () => {
  test("the timeout fires: 'timeout', TimeoutError, connection closed, timer cleared", async () => {
    const request = $.ajax({ url: "never", timeout: 100 });
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("timeout");
    expect(errorThrown).toBe("timeout");
    expect(error).toBeInstanceOf($.TimeoutError);
    expect(jqXHR.status).toBe(0);
    expect(jqXHR.readyState).toBe(0);
  });

  test("a body that stops half-way is also ended by the timeout", async () => {
    const progress: number[] = [];
    const request = $.ajax({ url: "stream-hang", timeout: 400 }).progress((loaded) => {
      progress.push(loaded);
    });
    const [jqXHR, textStatus] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("timeout");
    expect(progress).toEqual([1000]);
    expect(jqXHR.getResponseHeader("Content-Length")).toBe("2000");
  });
});

describe("connection refused", () => {
  test("fails with 'error', status 0 and a NetworkError whose cause is fetch's error", async () => {
    const port = await closedPort();
    const request = $.ajax(`http://127.0.0.1:${port}/`);
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("error");
    expect(errorThrown).toBe("");
    expect(error).toBeInstanceOf($.NetworkError);
    expect(error.message).toBe("the request failed");
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(jqXHR.status).toBe(0);
    expect(jqXHR.statusText).toBe("error");
    expect(jqXHR.readyState).toBe(0);
    expect(jqXHR.getAllResponseHeaders()).toBe("");
  });
});

describe("connection cut during the body", () => {
  test("fails with 'error' and a NetworkError about reading the response", async () => {
    const [, textStatus, error, errorThrown] = failureOf(await outcomeOf($.ajax("cut")));
    expect(textStatus).toBe("error");
    expect(errorThrown).toBe("");
    expect(error).toBeInstanceOf($.NetworkError);
    expect(error.message).toBe("reading the response failed");
  });
});

describe("abort before send", () => {
  test("beforeSend returning false cancels: 'canceled', success/error/complete options not called", async () => {
    const before = server.requests.length;
    const optionCalls: string[] = [];
    const request = $.ajax({
      url: "json",
      beforeSend: () => false,
      success: () => optionCalls.push("success"),
      error: () => optionCalls.push("error"),
      complete: () => optionCalls.push("complete"),
    });
    const [, textStatus, error, errorThrown] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("canceled");
    expect(errorThrown).toBe("canceled");
    expect(error).toBeInstanceOf($.AbortError);
    expect(request.statusText).toBe("canceled");
    expect(optionCalls).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  test("a prefilter calling jqXHR.abort() cancels the same way; later prefilters still run, as in jQuery", async () => {
    const order: string[] = [];
    $.ajaxPrefilter((options, original, jqXHR) => {
      order.push("first");
      jqXHR.abort();
    });
    $.ajaxPrefilter(() => void order.push("second"));
    const [, textStatus] = failureOf(await outcomeOf($.ajax("json")));
    expect(textStatus).toBe("canceled");
    expect(order).toEqual(["first", "second"]);
  });

  test("an already aborted signal fails with 'abort' without sending", async () => {
    const before = server.requests.length;
    const [, textStatus, error, errorThrown] = failureOf(
      await outcomeOf($.ajax({ url: "json", signal: AbortSignal.abort("gone") })),
    );
    expect(textStatus).toBe("abort");
    expect(errorThrown).toBe("abort");
    expect(error.cause).toBe("gone");
    expect(server.requests.length).toBe(before);
  });

  test("abort() right after ajax() returns: 'abort', synchronously", async () => {
    const request = $.ajax("json");
    request.abort();
    expect(request.state()).toBe("rejected");
    const [, textStatus] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("abort");
  });
});

describe("abort during body read", () => {
  test("abort from a progress callback ends the stream: 'abort', connection closed", async () => {
    const request = $.ajax("stream-hang");
    request.progress(() => request.abort());
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf(request));
    expect(textStatus).toBe("abort");
    expect(errorThrown).toBe("abort");
    expect(error).toBeInstanceOf($.AbortError);
    expect(jqXHR.readyState).toBe(0);
    expect(jqXHR.responseText).toBeUndefined();
  });
});

describe("throwing prefilter", () => {
  test("the request fails with 'error' and a RequestError whose cause is the thrown error", async () => {
    const thrown = new Error("prefilter bug");
    $.ajaxPrefilter(() => {
      throw thrown;
    });
    const before = server.requests.length;
    const [jqXHR, textStatus, error, errorThrown] = failureOf(await outcomeOf($.ajax("json")));
    expect(textStatus).toBe("error");
    // jQuery lets the exception escape $.ajax; here it fails the request and is errorThrown.
    expect(errorThrown).toBe(thrown);
    expect(error).toBeInstanceOf($.RequestError);
    expect(error).toMatchObject({
      option: "prefilter",
      message: "a prefilter threw: Error: prefilter bug",
    });
    expect(error.cause).toBe(thrown);
    expect(jqXHR.state()).toBe("rejected");
    expect(server.requests.length).toBe(before);
  });

  test("a throwing beforeSend fails the same way, naming beforeSend", async () => {
    const [, , error] = failureOf(
      await outcomeOf(
        $.ajax({
          url: "json",
          beforeSend() {
            throw new RangeError("bad");
          },
        }),
      ),
    );
    expect(error).toMatchObject({
      option: "beforeSend",
      message: "beforeSend threw: RangeError: bad",
    });
  });
});

describe("invalid header characters", () => {
  test("a header value with a line break fails with a RequestError naming the header", async () => {
    const [, textStatus, error] = failureOf(
      await outcomeOf($.ajax({ url: "echo", headers: { "X-Bad": "a\r\nInjected: 1" } })),
    );
    expect(textStatus).toBe("error");
    expect(error).toMatchObject({
      option: "headers",
      message: 'header "X-Bad" with value "a\\r\\nInjected: 1" has invalid characters',
    });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  test("a header name with a space, set with setRequestHeader, fails the same way", async () => {
    const [, , error] = failureOf(
      await outcomeOf(
        $.ajax({
          url: "echo",
          beforeSend: (jqXHR) => void jqXHR.setRequestHeader("Bad Name", "v"),
        }),
      ),
    );
    expect(error).toMatchObject({ option: "headers" });
    expect(error.message).toContain('"Bad Name"');
  });

  test("a header value outside Latin-1 fails too", async () => {
    const [, , error] = failureOf(
      await outcomeOf($.ajax({ url: "echo", headers: { "X-Emoji": "☃" } })),
    );
    expect(error).toBeInstanceOf($.RequestError);
  });
});

describe("a fetch option that is not a function", () => {
  test("fails with a RequestError naming fetch", async () => {
    const [, , error] = failureOf(await outcomeOf($.ajax({ url: "json", fetch: 5 as never })));
    expect(error).toMatchObject({
      option: "fetch",
      message: "fetch must be a function, got number",
    });
  });
});
