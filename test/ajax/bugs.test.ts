/**
 * The bugs of issue 13, one test each, against the real server. Each test failed before its fix
 * (checked on the commit before the transport rework); the request must settle, never hang, so
 * every wait is bounded.
 */
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as $ from "../../src/index.js";
import { retryDelay, retryPolicy } from "../../src/ajax/utils/retry.js";
import { expectSettledOnce, type Outcome, outcomeOf } from "./helpers.js";
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

/** The outcome, or a failure of the test if the request has not settled within `limit` ms. */
async function settledWithin(request: $.JqXHR<unknown>, limit = 1500): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still ${request.state()} after ${limit} ms`)),
      limit,
    );
  });
  try {
    return await Promise.race([outcomeOf(request), hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `send`; a throw from it (instead of a failed request) fails the test with its message. */
function sendWithoutThrowing(send: () => $.JqXHR<unknown>): $.JqXHR<unknown> {
  try {
    return send();
  } catch (thrown) {
    throw new Error(`ajax() threw instead of failing the request: ${String(thrown)}`, {
      cause: thrown,
    });
  }
}

describe("bug 1: a Content-Type in headers overrides contentType", () => {
  test("a JSON string with %20 is sent unchanged, with that Content-Type", async () => {
    const body = '{"q":"a%20b c"}';
    const outcome = await outcomeOf(
      $.ajax({
        url: "echo",
        type: "POST",
        data: body,
        headers: { "Content-Type": "application/json" },
      }),
    );
    const echo = outcome.done[0]![0] as Echo;
    expect(echo.body).toBe(body);
    expect(echo.headers["content-type"]).toBe("application/json");
  });
});

describe("bug 2: a false url requests the page URL", () => {
  test.each([
    ["ajax(false)", () => $.ajax(false as never)],
    ["url: false", () => $.ajax({ url: false as never })],
  ])("%s requests the base (page) URL, not a relative 'false'", async (_, send) => {
    const before = server.requests.length;
    await outcomeOf(send());
    expect(server.requests.slice(before).map((request) => request.url)).toEqual(["/"]);
  });
});

describe("bug 3: a header whose value is undefined is omitted", () => {
  test("headers: { X: undefined } sends no X header", async () => {
    const outcome = await outcomeOf(
      $.ajax({ url: "echo", headers: { "X-Missing": undefined as never, "X-Present": "yes" } }),
    );
    const echo = outcome.done[0]![0] as Echo;
    expect(echo.headers["x-present"]).toBe("yes");
    expect(echo.headers).not.toHaveProperty("x-missing");
  });
});

describe("bug 4: jqXHR.responseXML", () => {
  test("is the parsed document for an XML response where DOMParser exists", async () => {
    const { JSDOM } = createRequire(import.meta.url)("jsdom") as {
      JSDOM: new () => { window: { DOMParser: unknown; close(): void } };
    };
    const dom = new JSDOM();
    vi.stubGlobal("DOMParser", dom.window.DOMParser);
    try {
      const request = $.ajax("xml");
      const outcome = await outcomeOf(request);
      const xml = (request as { responseXML?: unknown }).responseXML as {
        getElementsByTagName(name: string): { textContent: string }[];
      };
      expect(xml).toBe(outcome.done[0]![0]);
      expect(xml.getElementsByTagName("to")[0]!.textContent).toBe("Ada");
      expect(request.responseText).toBe("<note><to>Ada</to></note>");
    } finally {
      vi.unstubAllGlobals();
      dom.window.close();
    }
  });
});

describe("bug 5: contents steers the inferred data type", () => {
  test("a contents pattern for text/csv picks the csv converter", async () => {
    const outcome = await outcomeOf(
      $.ajax({
        url: "csv",
        contents: { csv: /\bcsv\b/ },
        converters: { "text csv": (text: string) => text.split("\n").map((l) => l.split(",")) },
      } as $.AjaxSettings),
    );
    expect(outcome.done[0]![0]).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("bug 6: a protocol-relative URL is normalised in settings.url", () => {
  test("//host/path gets the base URL's protocol", async () => {
    const seen: string[] = [];
    const host = server.url.replace(/^http:/, "");
    const outcome = await outcomeOf(
      $.ajax({ url: `${host}json`, beforeSend: (_, settings) => void seen.push(settings.url) }),
    );
    expect(seen).toEqual([`${server.url}json`]);
    expect(outcome.done).toHaveLength(1);
  });
});

describe("bug 7: a failed script request does not run its 'text script' converter", () => {
  test("a 404 with dataType script leaves a user's converter uncalled", async () => {
    const converted: string[] = [];
    const outcome = await outcomeOf(
      $.ajax({
        url: "404-script",
        dataType: "script",
        converters: { "text script": (text: string) => void converted.push(text) },
      }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect(converted).toEqual([]);
  });
});

describe("bug 8: a converter or dataFilter throwing an unprintable value still settles", () => {
  const unprintables: [string, () => unknown][] = [
    ["Object.create(null)", () => Object.create(null)],
    [
      "an object whose toString throws",
      () => ({
        toString() {
          throw new Error("no text");
        },
      }),
    ],
    [
      "a revoked Proxy",
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ];
  test.each(unprintables)(
    "a converter throwing %s: parsererror, errorThrown is it",
    async (_, make) => {
      const thrown = make();
      const request = $.ajax({
        url: "json",
        timeout: 1000,
        converters: {
          "text json": () => {
            throw thrown;
          },
        },
      });
      const outcome = await settledWithin(request);
      expectSettledOnce(outcome);
      expect(outcome.fail[0]![1]).toBe("parsererror");
      expect(outcome.fail[0]![2]).toBe(thrown);
    },
  );

  test.each(unprintables)("a dataFilter throwing %s: parsererror", async (_, make) => {
    const thrown = make();
    const request = $.ajax({
      url: "json",
      timeout: 1000,
      dataFilter: () => {
        throw thrown;
      },
    });
    const outcome = await settledWithin(request);
    expect(outcome.fail[0]![1]).toBe("parsererror");
    expect(outcome.fail[0]![2]).toBe(thrown);
  });
});

describe("bug 9: a fetch resolving to nothing, or a throwing retry.delay, settles", () => {
  test.each([null, undefined, 42])("fetch resolving to %s fails with 'error'", async (value) => {
    const request = $.ajax({
      url: "json",
      fetch: (() => Promise.resolve(value)) as unknown as $.FetchFunction,
    });
    const outcome = await settledWithin(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("error");
  });

  test("retry.delay throwing fails the request with 'error'", async () => {
    const request = $.ajax({
      url: "flaky?key=bug9&fail=5&status=503",
      retry: {
        limit: 2,
        delay: () => {
          throw new Error("delay bug");
        },
      },
    });
    const outcome = await settledWithin(request);
    expectSettledOnce(outcome);
    expect(outcome.fail[0]![1]).toBe("error");
  });
});

describe("bug 10: a wait beyond what a timer can hold is not a retry at once", () => {
  test("Retry-After: 99999999 fails with the response instead of retrying at once", async () => {
    const before = server.requests.length;
    const outcome = await outcomeOf(
      $.ajax({ url: "flaky?key=bug10&fail=1&status=503&retryAfter=99999999", retry: 2 }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect(server.requests.length - before).toBe(1);
  });

  test("a Retry-After date years ahead fails the same way", async () => {
    const before = server.requests.length;
    const date = encodeURIComponent(new Date(Date.now() + 5 * 365 * 86400_000).toUTCString());
    const outcome = await outcomeOf(
      $.ajax({ url: `flaky?key=bug10b&fail=1&status=503&retryAfter=${date}`, retry: 2 }),
    );
    expect(outcome.fail[0]![1]).toBe("error");
    expect(server.requests.length - before).toBe(1);
  });

  test("the default backoff stops retrying once its wait would overflow a timer", () => {
    const policy = retryPolicy({ limit: 100 });
    expect(retryDelay(policy, "GET", 23, undefined, Date.now())).toBe(300 * 2 ** 22);
    expect(retryDelay(policy, "GET", 24, undefined, Date.now())).toBeUndefined();
  });
});

describe("bug 11: bad settings fail the request instead of throwing from ajax()", () => {
  const unprintable = Object.create(null) as object;
  const cases: [string, () => $.JqXHR<unknown>][] = [
    ["signal: {}", () => $.ajax({ url: "json", signal: {} as never })],
    [
      "a header value whose toString throws",
      () =>
        $.ajax({
          url: "json",
          headers: {
            "X-Bad": {
              toString() {
                throw new Error("no text");
              },
            } as never,
          },
        }),
    ],
    [
      "a prefilter throwing an unprintable value",
      () => {
        $.ajaxPrefilter(() => {
          throw unprintable;
        });
        return $.ajax("json");
      },
    ],
    [
      "a beforeSend throwing an unprintable value",
      () =>
        $.ajax({
          url: "json",
          beforeSend: () => {
            throw unprintable;
          },
        }),
    ],
    [
      "retry: { methods: 'GET' }",
      () => $.ajax({ url: "json", retry: { methods: "GET" as never } }),
    ],
  ];
  test.each(cases)("%s", async (_, send) => {
    const before = server.requests.length;
    const request = sendWithoutThrowing(send);
    const outcome = await settledWithin(request);
    expect(outcome.fail).toHaveLength(1);
    expect(outcome.fail[0]![1]).toBe("error");
    expect(server.requests.length).toBe(before);
  });
});
