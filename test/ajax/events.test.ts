/**
 * The global ajax events: the same requests run on jQuery 4 (under jsdom, handlers bound on the
 * document) and here (handlers subscribed with `ajaxEvents.on`); the traces of events, local
 * callbacks and the in-flight count must be identical. Then the standalone API on its own:
 * subscription, `active`, `global: false`, the router hook and the event target.
 */
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as $ from "../../src/index.js";
import { startServer, type TestServer } from "./server.js";

const require = createRequire(import.meta.url);
const { JSDOM } = require("jsdom") as {
  JSDOM: new (
    html: string,
    options: { url: string },
  ) => { window: { document: object; close(): void } };
};
const { jQueryFactory } = require("jquery/factory") as {
  jQueryFactory: (window: unknown) => JQueryStatic;
};

interface JQueryStatic {
  (target: unknown): {
    on(events: string, handler: (...args: unknown[]) => void): unknown;
    off(events: string): unknown;
    trigger(name: string, args: unknown[]): unknown;
  };
  event: { trigger(name: string, args: unknown[]): void };
  ajax(options: object): JqLike;
  ajaxPrefilter(fn: (...args: unknown[]) => void): void;
  ajaxTransport(dataTypes: string, fn: (...args: unknown[]) => unknown): void;
  active: number;
}
interface JqLike {
  done(fn: (...args: unknown[]) => void): JqLike;
  fail(fn: (...args: unknown[]) => void): JqLike;
  always(fn: (...args: unknown[]) => void): JqLike;
  abort(statusText?: string): void;
}

const EVENTS = [
  "ajaxStart",
  "ajaxSend",
  "ajaxSuccess",
  "ajaxError",
  "ajaxComplete",
  "ajaxStop",
] as const;

let server: TestServer;
let dom: { window: { document: object; close(): void } };
let jq: JQueryStatic;

beforeAll(async () => {
  server = await startServer();
  dom = new JSDOM("<!doctype html><html><body><div id=box></div></body></html>", {
    url: server.url,
  });
  jq = jQueryFactory(dom.window);
});
afterAll(() => {
  dom.window.close();
  return server.close();
});
beforeEach(() => {
  $.ajaxSetup({ baseUrl: server.url });
});
afterEach(() => {
  $.ajaxReset();
  for (const name of EVENTS) $.ajaxEvents.off(name);
  $.routeAjaxEvents(undefined);
});

/** A readable value for a trace: strings and numbers as they are, exceptions by name. */
function shown(value: unknown): unknown {
  if (typeof value === "object" && value !== null) {
    return (value as { name?: unknown }).name ?? Object.prototype.toString.call(value);
  }
  return value;
}

type Subscribe = (record: (name: string, args: unknown[]) => void) => void;
type Send = (options: Record<string, unknown>) => JqLike;
type Trace = string[];

/**
 * Runs `requests` (each: options and an optional step after sending) through `send`, recording
 * the global events (with `active` and the arguments that matter) and the local callbacks, until
 * every request has settled (and a moment more, so that late events would show).
 */
function trace(
  send: Send,
  subscribe: Subscribe,
  active: () => number,
  requests: [Record<string, unknown>, ((jqXHR: JqLike) => void)?][],
): Promise<Trace> {
  return new Promise((resolve) => {
    const log: Trace = [];
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      setTimeout(() => resolve(log), 30);
    };
    subscribe((name, args) => {
      const [jqXHR, settings, third] = args as [
        { status?: number } | undefined,
        { url?: string } | undefined,
        unknown,
      ];
      const detail =
        name === "ajaxSuccess" || name === "ajaxError" ? ` ${JSON.stringify(shown(third))}` : "";
      const url = settings?.url ? ` ${new URL(settings.url, server.url).pathname}` : "";
      // Before completion jQuery's jqXHR has no status and ours has 0 (docs/ajax.md): not compared.
      const status = name === "ajaxSend" ? "-" : (jqXHR?.status ?? "-");
      log.push(`${name}${url}${detail} status=${status} active=${active()}`);
    });
    let pending = requests.length;
    requests.forEach(([options, after], index) => {
      const jqXHR = send({
        ...options,
        beforeSend:
          (options as { beforeSend?: () => unknown }).beforeSend ??
          (() => void log.push(`beforeSend ${index}`)),
        success: (_: unknown, textStatus: unknown) =>
          log.push(`success ${index} ${String(textStatus)}`),
        error: (_: unknown, textStatus: unknown, errorThrown: unknown) =>
          log.push(`error ${index} ${String(textStatus)} ${JSON.stringify(shown(errorThrown))}`),
        complete: (_: unknown, textStatus: unknown) =>
          log.push(`complete ${index} ${String(textStatus)}`),
        statusCode: {
          200: () => log.push(`statusCode ${index} 200`),
          404: () => log.push(`statusCode ${index} 404`),
        },
      });
      jqXHR.always(() => {
        log.push(`always ${index}`);
        if (--pending === 0) finish();
      });
      after?.(jqXHR);
    });
  });
}

const theirs = (requests: Parameters<typeof trace>[3]): Promise<Trace> =>
  trace(
    (options) => jq.ajax(options),
    (record) => {
      jq(dom.window.document).off(EVENTS.join(" "));
      jq(dom.window.document).on(EVENTS.join(" "), (event, ...args) =>
        record((event as { type: string }).type, args),
      );
    },
    () => jq.active,
    requests,
  );

const ours = (requests: Parameters<typeof trace>[3]): Promise<Trace> =>
  trace(
    (options) => $.ajax(options) as unknown as JqLike,
    (record) => {
      for (const name of EVENTS) {
        $.ajaxEvents.off(name);
        $.ajaxEvents.on(name, (_event, ...args: unknown[]) => record(name, args));
      }
    },
    () => $.ajaxEvents.active,
    requests,
  );

const scenarios: [string, Parameters<typeof trace>[3]][] = [
  ["a success", [[{ url: "json" }]]],
  ["an HTTP error", [[{ url: "404-json" }]]],
  ["a parse error", [[{ url: "malformed-json" }]]],
  ["no converter", [[{ url: "text", dataType: "upper" }]]],
  ["a 204", [[{ url: "204" }]]],
  ["a timeout", [[{ url: "never", timeout: 60 }]]],
  ["an abort after sending", [[{ url: "never" }, (jqXHR) => jqXHR.abort()]]],
  ["an abort with a text", [[{ url: "never" }, (jqXHR) => jqXHR.abort("superseded")]]],
  ["beforeSend cancelling", [[{ url: "json", beforeSend: () => false }]]],
  ["global: false", [[{ url: "json", global: false }]]],
  ["global: 0 (falsy, as jQuery tests it)", [[{ url: "json", global: 0 }]]],
  ["two requests in flight", [[{ url: "json" }], [{ url: "slow?ms=60" }]]],
  ["one global, one not", [[{ url: "slow?ms=40", global: false }], [{ url: "json" }]]],
  [
    "a request ending while another waits",
    [[{ url: "never", timeout: 40 }], [{ url: "slow?ms=100" }]],
  ],
];

describe("global events match jQuery's (order, arguments, active)", () => {
  test.each(scenarios)("%s", async (_, requests) => {
    const expected = await theirs(requests);
    const actual = await ours(requests);
    expect(actual).toEqual(expected);
    expect(jq.active).toBe(0);
    expect($.ajaxEvents.active).toBe(0);
  });

  test("a prefilter aborting: no global event at all, as in jQuery", async () => {
    const abortFirst = (_: unknown, __: unknown, jqXHR: unknown): void =>
      void (jqXHR as JqLike).abort();
    const remove = $.ajaxPrefilter(abortFirst as $.AjaxPrefilter);
    const actual = await ours([[{ url: "json" }]]);
    remove();
    const events = actual.filter((line) => line.startsWith("ajax"));
    expect(events).toEqual([]);
  });
});

describe("a transport factory aborting the request", () => {
  test("events, active and readyState follow jQuery's quirk (ajaxSend after ajaxStop, nothing sent)", async () => {
    const run = (
      send: (options: object) => { readyState?: number; statusText?: string },
      active: () => number,
      subscribe: (record: (name: string) => void) => () => void,
    ): string[] => {
      const log: string[] = [];
      const stop = subscribe((name) => log.push(`${name} active=${active()}`));
      const jqXHR = send({ url: "text", fuzzFactoryAbort: true });
      log.push(`readyState ${String(jqXHR.readyState)} ${String(jqXHR.statusText)}`);
      stop();
      return log;
    };
    const abortInFactory = (options: unknown, _: unknown, jqXHR: unknown): undefined => {
      if ((options as { fuzzFactoryAbort?: boolean }).fuzzFactoryAbort) {
        (jqXHR as JqLike).abort("not now");
      }
      return undefined;
    };
    jq.ajaxTransport("+*", abortInFactory);
    $.ajaxTransport("+*", abortInFactory as $.TransportFactory);
    const before = server.requests.length;
    const expected = run(
      (options) => jq.ajax(options) as never,
      () => jq.active,
      (record) => {
        jq(dom.window.document).on(EVENTS.join(" "), (event) =>
          record((event as { type: string }).type),
        );
        return () => jq(dom.window.document).off(EVENTS.join(" "));
      },
    );
    const actual = run(
      (options) => $.ajax(options) as never,
      () => $.ajaxEvents.active,
      (record) => {
        const stops = EVENTS.map((name) => $.ajaxEvents.on(name, () => record(name)));
        return () => stops.forEach((stop) => stop());
      },
    );
    expect(actual).toEqual(expected);
    expect(actual.at(-2)).toBe("ajaxSend active=0");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests.length).toBe(before);
  });
});

describe("ajaxEvents", () => {
  test("on() passes an event object, then jQuery's arguments; the returned function unsubscribes", async () => {
    const seen: unknown[][] = [];
    const stop = $.ajaxEvents.on("ajaxSuccess", (event, jqXHR, settings, data) =>
      seen.push([event.type, event.target, jqXHR.status, settings.url, data]),
    );
    await $.ajax("json");
    stop();
    await $.ajax("json");
    expect(seen).toEqual([
      ["ajaxSuccess", undefined, 200, "json", { name: "jq-deferred", answer: 42 }],
    ]);
  });

  test("off(name, handler) removes that handler; off(name) removes them all", async () => {
    const calls: string[] = [];
    const a = (): void => void calls.push("a");
    const b = (): void => void calls.push("b");
    $.ajaxEvents.on("ajaxComplete", a);
    $.ajaxEvents.on("ajaxComplete", b);
    $.ajaxEvents.off("ajaxComplete", a);
    await $.ajax("json");
    $.ajaxEvents.off("ajaxComplete");
    await $.ajax("json");
    expect(calls).toEqual(["b"]);
  });

  test("active counts global requests in flight, live", async () => {
    expect($.ajaxEvents.active).toBe(0);
    const first = $.ajax("slow?ms=30");
    const second = $.ajax("slow?ms=30");
    const quiet = $.ajax({ url: "slow?ms=30", global: false });
    expect($.ajaxEvents.active).toBe(2);
    await Promise.all([first, second, quiet]);
    expect($.ajaxEvents.active).toBe(0);
  });

  test("a handler that throws does not stop the request or the other handlers; it is reported", async () => {
    const reported: unknown[] = [];
    const onError = (error: unknown): void => void reported.push(error);
    process.on("uncaughtException", onError);
    try {
      const calls: string[] = [];
      $.ajaxEvents.on("ajaxSend", () => {
        throw new Error("handler bug");
      });
      $.ajaxEvents.on("ajaxSend", () => void calls.push("second"));
      const data = await $.ajax("json");
      expect(data).toEqual({ name: "jq-deferred", answer: 42 });
      expect(calls).toEqual(["second"]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(reported.map((error) => (error as Error).message)).toEqual(["handler bug"]);
    } finally {
      process.off("uncaughtException", onError);
    }
  });

  test("names and handlers are checked", () => {
    expect(() => $.ajaxEvents.on("ajaxFinish" as never, () => {})).toThrow(
      new TypeError(
        'ajaxEvents.on(name, handler): name must be one of ajaxStart, ajaxSend, ajaxSuccess, ajaxError, ajaxComplete, ajaxStop, got "ajaxFinish"',
      ),
    );
    expect(() => $.ajaxEvents.on("ajaxStart", 5 as never)).toThrow(
      new TypeError("ajaxEvents.on(name, handler): handler must be a function, got number"),
    );
    expect(() => $.routeAjaxEvents(5 as never)).toThrow(TypeError);
  });
});

describe("routeAjaxEvents", () => {
  test("the router gets every event with jQuery's arguments, after the standalone handlers", async () => {
    const log: string[] = [];
    $.ajaxEvents.on("ajaxComplete", () => void log.push("handler ajaxComplete"));
    const previous = $.routeAjaxEvents((name, args, target) => {
      log.push(`router ${name} ${args.length} ${String(target)}`);
    });
    expect(previous).toBeUndefined();
    await $.ajax("json");
    expect(log).toEqual([
      "router ajaxStart 0 undefined",
      "router ajaxSend 2 undefined",
      "router ajaxSuccess 3 undefined",
      "handler ajaxComplete",
      "router ajaxComplete 2 undefined",
      "router ajaxStop 0 undefined",
    ]);
  });

  test("the target is the context when it is a DOM node or a jQuery object, else undefined; ajaxStart/ajaxStop never have one", async () => {
    const element = { nodeType: 1, id: "box" };
    const collection = { jquery: "4.0.0", length: 0 };
    const targets: [string, unknown][] = [];
    $.routeAjaxEvents((name, _args, target) => void targets.push([name, target]));
    await $.ajax({ url: "json", context: element });
    await $.ajax({ url: "json", context: collection });
    await $.ajax({ url: "json", context: { plain: true } });
    const byRequest = [targets.slice(0, 5), targets.slice(5, 10), targets.slice(10, 15)];
    expect(byRequest[0]).toEqual([
      ["ajaxStart", undefined],
      ["ajaxSend", element],
      ["ajaxSuccess", element],
      ["ajaxComplete", element],
      ["ajaxStop", undefined],
    ]);
    expect(byRequest[1]![1]![1]).toBe(collection);
    expect(byRequest[2]!.every(([, target]) => target === undefined)).toBe(true);
  });
});

describe("routing into jQuery's event system (what the bridge does)", () => {
  test("document handlers and a context element see the same events, targets and order as with jQuery's own ajax", async () => {
    const document = dom.window.document as { getElementById(id: string): object };
    const box = document.getElementById("box");
    const run = async (send: (options: object) => JqLike): Promise<string[]> => {
      const seen: string[] = [];
      jq(dom.window.document).off(EVENTS.join(" "));
      jq(box).off(EVENTS.join(" "));
      jq(dom.window.document).on(EVENTS.join(" "), (event) => {
        const { type, target } = event as { type: string; target: unknown };
        seen.push(`document ${type} ${target === box ? "box" : "document"}`);
      });
      jq(box).on(EVENTS.join(" "), (event) => seen.push(`box ${(event as { type: string }).type}`));
      await new Promise((resolve) =>
        send({ url: "json", context: box }).always(() => resolve(null)),
      );
      await new Promise((resolve) => send({ url: "404-json" }).always(() => resolve(null)));
      jq(dom.window.document).off(EVENTS.join(" "));
      jq(box).off(EVENTS.join(" "));
      return seen;
    };
    const expected = await run((options) => jq.ajax(options));
    $.routeAjaxEvents((name, args, target) => {
      if (target === undefined) jq.event.trigger(name, args);
      else jq(target).trigger(name, args);
    });
    const actual = await run((options) => $.ajax(options) as unknown as JqLike);
    expect(actual).toEqual(expected);
    expect(actual).toContain("box ajaxSend");
    expect(actual).toContain("document ajaxError document");
  });
});
