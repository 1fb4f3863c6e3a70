/**
 * Transports: `ajaxTransport` with jQuery's interface, the fetch transport as the default, and the
 * script and JSONP data types outside browsers (they fail before sending unless a "text script"
 * converter is given; with one, JSONP's callback handling runs in full).
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

/** A "text script" converter for Node: runs the text with `Function`, as a page would run it. */
const runInNode = (text: string): string => {
  new Function(text)();
  return text;
};

describe("ajaxTransport", () => {
  test("a transport for a data type sends its requests: headers in, complete out", async () => {
    const seen: Record<string, string>[] = [];
    $.ajaxTransport("fixture", (options) => ({
      send(headers, complete) {
        seen.push(headers);
        complete(
          200,
          "OK",
          { text: `for ${options.url}` },
          "Content-Type: text/plain\r\nX-One: 1\r\n",
        );
      },
      abort() {},
    }));
    const request = $.ajax({
      url: "users",
      dataType: "fixture",
      converters: { "text fixture": (text: string) => text.toUpperCase() },
    });
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.done[0]!.slice(0, 2)).toEqual(["FOR USERS", "success"]);
    expect(seen[0]).toMatchObject({ Accept: "*/*" });
    expect(request.getResponseHeader("x-one")).toBe("1");
    expect(request.getAllResponseHeaders()).toBe("Content-Type: text/plain\r\nX-One: 1\r\n");
    expect(request.responseText).toBe("for users");
    expect(server.requests.some((request) => request.url.includes("users"))).toBe(false);
  });

  test("'+*' is asked before the fetch transport; returning nothing lets fetch send", async () => {
    const asked: string[] = [];
    $.ajaxTransport("+*", (options) => {
      asked.push(options.url);
      return options.url.includes("canned")
        ? { send: (_, complete) => complete(200, "OK", { text: "canned" }), abort() {} }
        : undefined;
    });
    expect((await outcomeOf($.ajax("canned"))).done[0]![0]).toBe("canned");
    expect((await outcomeOf($.ajax("text"))).done[0]![0]).toBe("plain words");
    expect(asked).toEqual(["canned", "text"]);
  });

  test("a '*' transport registered without '+' comes after fetch and is never asked", async () => {
    const asked: string[] = [];
    $.ajaxTransport((options) => void asked.push(options.url));
    await outcomeOf($.ajax("text"));
    expect(asked).toEqual([]);
  });

  test("abort() reaches the transport; its later complete is ignored", async () => {
    let complete: $.TransportComplete | undefined;
    const aborted: unknown[] = [];
    $.ajaxTransport("+*", () => ({
      send: (_, done) => void (complete = done),
      abort: (...args: unknown[]) => void aborted.push(args),
    }));
    const request = $.ajax("anything");
    request.abort();
    complete!(200, "OK", { text: "late" });
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("abort");
    expect(aborted).toEqual([["abort"]]);
  });

  test("a transport that completes is not aborted afterwards (as in jQuery)", async () => {
    const aborted: unknown[] = [];
    $.ajaxTransport("+*", () => ({
      send: (_, complete) => complete(200, "OK", { text: "done" }),
      abort: (...args: unknown[]) => void aborted.push(args),
    }));
    $.ajaxTransport("+*", () => undefined);
    await outcomeOf($.ajax({ url: "anything", timeout: 1000 }));
    expect(aborted).toEqual([]);
  });

  test("a timeout aborts the transport with 'timeout'", async () => {
    const aborted: unknown[] = [];
    $.ajaxTransport("+*", () => ({
      send() {},
      abort: (...args: unknown[]) => void aborted.push(args),
    }));
    const outcome = await outcomeOf($.ajax({ url: "anything", timeout: 20 }));
    expect(outcome.fail[0]!.slice(1)).toEqual(["timeout", "timeout"]);
    expect(aborted).toEqual([["timeout"]]);
  });

  test("a transport whose send throws fails the request with the exception as errorThrown", async () => {
    const thrown = new Error("transport bug");
    $.ajaxTransport("+*", () => ({
      send() {
        throw thrown;
      },
      abort() {},
    }));
    const request = $.ajax("anything");
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]!.slice(1)).toEqual(["error", thrown]);
    expect(request.status).toBe(0);
    expect(request.statusText).toBe("Error: transport bug");
    expect(request.ajaxError).toBeInstanceOf($.RequestError);
    expect(request.ajaxError!.cause).toBe(thrown);
  });

  test("a factory that throws fails the request with it as errorThrown (RequestError option transport)", async () => {
    const thrown = new Error("factory bug");
    $.ajaxTransport("+*", () => {
      throw thrown;
    });
    const request = $.ajax({ url: "text", error: () => {} });
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]!.slice(1)).toEqual(["error", thrown]);
    expect(request.ajaxError).toMatchObject({
      option: "transport",
      message: "a transport factory threw: Error: factory bug",
    });
  });

  test("a factory that aborts the request: nothing is sent", async () => {
    const before = server.requests.length;
    $.ajaxTransport("+*", (_options, _original, jqXHR) => void jqXHR.abort("not now"));
    const outcome = await outcomeOf($.ajax("text"));
    expect(outcome.fail[0]!.slice(1)).toEqual(["not now", "not now"]);
    expect(server.requests.length).toBe(before);
  });

  test("status 0 with a text: that text is the textStatus and errorThrown, as jQuery", async () => {
    $.ajaxTransport("+*", () => ({ send: (_, complete) => complete(0, "offline"), abort() {} }));
    const outcome = await outcomeOf($.ajax("anything"));
    expect(outcome.fail[0]!.slice(1)).toEqual(["offline", "offline"]);
  });

  test("the channel reports headers and progress before completion", async () => {
    $.ajaxTransport("+*", () => ({
      send(_, complete, channel) {
        channel!.headers(new Headers({ "X-Early": "yes" }));
        channel!.loaded(3, 6);
        setTimeout(() => complete(200, "OK", { text: "abcdef" }), 5);
      },
      abort() {},
    }));
    const request = $.ajax("anything");
    expect(request.getResponseHeader("X-Early")).toBe("yes");
    expect(request.readyState).toBe(3);
    const progress: unknown[][] = [];
    request.progress((...args: unknown[]) => progress.push(args));
    await outcomeOf(request);
    expect(progress).toEqual([[3, 6]]);
  });

  test("the registration is checked and removable", async () => {
    expect(() => $.ajaxTransport("json", 3 as never)).toThrow(
      new TypeError("ajaxTransport(factory): factory must be a function, got number"),
    );
    const remove = $.ajaxTransport("+*", () => ({
      send: (_, complete) => complete(200, "OK", { text: "mine" }),
      abort() {},
    }));
    remove();
    expect((await outcomeOf($.ajax("text"))).done[0]![0]).toBe("plain words");
  });
});

describe("dataType script outside browsers", () => {
  test("fails before sending: 'error', a RequestError naming dataType", async () => {
    const before = server.requests.length;
    const request = $.getScript("script");
    const outcome = await outcomeOf(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("error");
    expect(outcome.fail[0]![2]).toBe(request.ajaxError);
    expect(request.ajaxError).toBeInstanceOf($.RequestError);
    expect(request.ajaxError).toMatchObject({
      option: "dataType",
      message:
        'dataType "script" needs a DOM document to run the script; outside browsers, set a "text script" converter',
    });
    expect(server.requests.length).toBe(before);
  });

  test("with a 'text script' converter, the text is fetched (cache off, script Accept) and converted", async () => {
    const global = globalThis as { scriptRan?: boolean };
    delete global.scriptRan;
    const before = server.requests.length;
    const outcome = await outcomeOf(
      $.ajax({ url: "script", dataType: "script", converters: { "text script": runInNode } }),
    );
    expect(outcome.done[0]!.slice(0, 2)).toEqual(["globalThis.scriptRan = true;", "success"]);
    expect(global.scriptRan).toBe(true);
    const sent = server.requests[before]!;
    expect(sent.url).toMatch(/^\/script\?_=\d+$/);
    expect(sent.headers.accept).toBe(
      "text/javascript, application/javascript, application/ecmascript, application/x-ecmascript, */*; q=0.01",
    );
    delete global.scriptRan;
  });
});

describe("JSONP", () => {
  const global = globalThis as Record<string, unknown>;

  test("outside browsers, without a converter: fails before sending, the global restored", async () => {
    const before = Object.keys(global).length;
    const request = $.ajax({ url: "jsonp", dataType: "jsonp" });
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("error");
    expect(request.ajaxError).toMatchObject({ option: "dataType" });
    expect(Object.keys(global).length).toBe(before);
  });

  test("appends callback=<generated name>, hands back what the callback got, removes the global", async () => {
    const urls: string[] = [];
    const outcome = await outcomeOf(
      $.ajax({
        url: "jsonp",
        dataType: "jsonp",
        converters: { "text script": runInNode },
        beforeSend: (_, settings) => void urls.push(settings.url),
      }),
    );
    expect(outcome.done[0]!.slice(0, 2)).toEqual([{ answer: 42 }, "success"]);
    const name = /[?&]callback=([^&]+)/.exec(urls[0]!)![1]!;
    expect(name).toMatch(/^jqDeferred\d+_\d+$/);
    expect(name in global).toBe(false);
  });

  test("=? in the URL and ?? are replaced; jsonp names the parameter; jsonpCallback the function", async () => {
    const urls: string[] = [];
    const record = (_: unknown, settings: $.PreparedAjaxSettings): void =>
      void urls.push(settings.url);
    const send = (options: $.AjaxSettings) =>
      outcomeOf(
        $.ajax({
          dataType: "jsonp",
          converters: { "text script": runInNode },
          beforeSend: record,
          ...options,
        }),
      );
    const a = await send({ url: "jsonp?callback=?", jsonpCallback: "named" });
    const b = await send({ url: "jsonp?callback=??", jsonpCallback: "other" });
    const c = await send({ url: "jsonp", jsonp: "cb", jsonpCallback: () => "fromFunction" });
    // The script prefilter turns the cache off, so each URL also ends with "&_=<nonce>".
    expect(urls.map((url) => url.replace(/&_=\d+$/, ""))).toEqual([
      "jsonp?callback=named",
      "jsonp?callback=other",
      "jsonp?cb=fromFunction",
    ]);
    for (const outcome of [a, b, c]) expect(outcome.done[0]![0]).toEqual({ answer: 42 });
  });

  test("a callback that is never called fails with parsererror '<name> was not called'", async () => {
    const request = $.ajax({
      url: "script",
      dataType: "jsonp",
      jsonpCallback: "neverCalled",
      converters: { "text script": runInNode },
    });
    const outcome = await outcomeOf(request);
    expect(outcome.fail[0]![1]).toBe("parsererror");
    expect((outcome.fail[0]![2] as Error).message).toBe("neverCalled was not called");
    expect("neverCalled" in global).toBe(false);
  });

  test("a global of that name is restored afterwards, and called with the data", async () => {
    const calls: unknown[] = [];
    global.existing = (value: unknown) => void calls.push(value);
    const original = global.existing;
    try {
      const outcome = await outcomeOf(
        $.ajax({
          url: "jsonp",
          dataType: "jsonp",
          jsonpCallback: "existing",
          converters: { "text script": runInNode },
        }),
      );
      expect(outcome.done[0]![0]).toEqual({ answer: 42 });
      expect(global.existing).toBe(original);
      expect(calls).toEqual([{ answer: 42 }]);
    } finally {
      delete global.existing;
    }
  });

  test("generated names are reused once free, as jQuery does", async () => {
    const names: string[] = [];
    const send = () =>
      outcomeOf(
        $.ajax({
          url: "jsonp",
          dataType: "jsonp",
          converters: { "text script": runInNode },
          beforeSend: (_, settings) => void names.push(String(settings.jsonpCallback)),
        }),
      );
    await send();
    await send();
    expect(names[1]).toBe(names[0]);
  });
});
