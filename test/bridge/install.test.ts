/**
 * install(jQuery, options): jq-deferred put onto jQuery 4 slim (and, by opt-in, over full jQuery),
 * in jsdom. Full jQuery on its own serves as the oracle for code written against it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ajax,
  ajaxPrefilter,
  ajaxReset,
  ajaxSetup,
  ajaxTransport,
  Callbacks,
  Deferred,
  get,
  getJSON,
  getScript,
  install,
  installAjax,
  post,
  routeAjaxEvents,
  when,
} from "../../src/index.js";
import type { JQueryLike } from "../../src/index.js";

const require = createRequire(import.meta.url);
type Factory = { jQueryFactory: (window: unknown) => any };
type Window = { close(): void };
const { JSDOM } = require("jsdom") as {
  JSDOM: new (html: string, options: { pretendToBeVisual: boolean }) => { window: Window };
};
const slimFactory = require("jquery/factory-slim") as Factory;
const fullFactory = require("jquery/factory") as Factory;

const windows: Array<{ window: Window }> = [];
afterEach(() => {
  for (const dom of windows.splice(0)) dom.window.close();
});

/** A fresh jQuery (slim or full) over a fresh jsdom window holding three `<p>` elements. */
function freshJQuery(build: "slim" | "full"): any {
  const dom = new JSDOM("<!doctype html><p>a</p><p>b</p><p>c</p><div id=foo></div>", {
    pretendToBeVisual: true,
  });
  windows.push(dom);
  return (build === "slim" ? slimFactory : fullFactory).jQueryFactory(dom.window);
}

describe("install", () => {
  it("adds Deferred, when, Callbacks and fn.promise to jQuery slim, which has none of them", () => {
    const $ = freshJQuery("slim");
    expect($.Deferred).toBeUndefined();
    expect($.fn.promise).toBeUndefined();
    const result = install($);
    expect(result).toEqual({
      installed: ["Deferred", "when", "Callbacks", "fn.promise"],
      kept: [],
    });
    expect($.Deferred).toBe(Deferred);
    expect($.when).toBe(when);
    expect($.Callbacks).toBe(Callbacks);
  });

  it("leaves full jQuery's own implementations in place and lists them as kept", () => {
    const $ = freshJQuery("full");
    const own = {
      Deferred: $.Deferred,
      when: $.when,
      Callbacks: $.Callbacks,
      promise: $.fn.promise,
    };
    const result = install($);
    expect(result).toEqual({ installed: [], kept: ["Deferred", "when", "Callbacks"] });
    expect($.Deferred).toBe(own.Deferred);
    expect($.when).toBe(own.when);
    expect($.Callbacks).toBe(own.Callbacks);
    expect($.fn.promise).toBe(own.promise);
  });

  it("replaces full jQuery's implementations with override: true, but not its queue-aware fn.promise", () => {
    const $ = freshJQuery("full");
    const ownPromise = $.fn.promise;
    const result = install($, { override: true });
    expect(result).toEqual({ installed: ["Deferred", "when", "Callbacks"], kept: [] });
    expect($.Deferred).toBe(Deferred);
    expect($.fn.promise).toBe(ownPromise);
  });

  it("is idempotent: installing twice reports the same members installed and none kept", () => {
    const $ = freshJQuery("slim");
    install($);
    expect(install($)).toEqual({
      installed: ["Deferred", "when", "Callbacks", "fn.promise"],
      kept: [],
    });
  });

  it("throws a TypeError naming the argument for something that is not jQuery", () => {
    expect(() => install(undefined as unknown as JQueryLike)).toThrow(
      /^install\(jQuery\): expected the jQuery function \(with a jQuery\.fn object\), got undefined/,
    );
    expect(() => install((() => 1) as unknown as JQueryLike)).toThrow(TypeError);
    const $ = freshJQuery("slim");
    expect(() => install($, 5 as never)).toThrow(
      new TypeError("install(jQuery, options): options must be an object, got number 5"),
    );
  });
});

describe("full-jQuery Deferred code on slim after install", () => {
  /** Runs `program` on full jQuery and on slim + install, returning both logs. */
  async function both(program: ($: any, log: (...values: unknown[]) => void) => unknown) {
    const logs: Record<string, unknown[][]> = {};
    for (const build of ["full", "slim"] as const) {
      const $ = freshJQuery(build);
      if (build === "slim") install($);
      const log: unknown[][] = (logs[build] = []);
      await program($, (...values) => log.push(values));
    }
    return logs as { full: unknown[][]; slim: unknown[][] };
  }

  it("runs seed 004's when(d1, d2, d3) with undefined, one and several values as full jQuery does", async () => {
    const { full, slim } = await both(($, log) => {
      const d1 = $.Deferred();
      const d2 = $.Deferred();
      const d3 = $.Deferred();
      $.when(d1, d2, d3).done((v1: unknown, v2: unknown, v3: unknown) => log(v1, v2, v3));
      d1.resolve();
      d2.resolve("abc");
      d3.resolve(1, 2, 3, 4, 5);
    });
    expect(slim).toEqual([[undefined, "abc", [1, 2, 3, 4, 5]]]);
    expect(slim).toEqual(full);
  });

  it("promotes an object to a promise as in seed 000 (obj.done(...).hello('Karl'))", async () => {
    const { full, slim } = await both(($, log) => {
      const obj = {
        hello(name: string) {
          log(`Hello ${name}`);
        },
      };
      const defer = $.Deferred();
      defer.promise(obj);
      defer.resolve("John");
      (obj as any)
        .done(function (name: string) {
          obj.hello(name);
        })
        .hello("Karl");
    });
    expect(slim).toEqual([["Hello John"], ["Hello Karl"]]);
    expect(slim).toEqual(full);
  });

  it("chains then() asynchronously and passes values and rejections like full jQuery", async () => {
    const { full, slim } = await both(async ($, log) => {
      const done = $.Deferred();
      $.Deferred((dfd: any) => setTimeout(dfd.resolve, 5, 2))
        .then((x: number) => x * 10)
        .then((x: number) => {
          log("value", x);
          throw new Error("too big");
        })
        .catch((error: Error) => log("caught", error.name))
        .always(done.resolve);
      log("sync");
      await new Promise((resolve) => done.done(resolve));
    });
    expect(slim).toEqual([["sync"], ["value", 20], ["caught", "Error"]]);
    expect(slim).toEqual(full);
  });

  it("gives Callbacks('once memory') jQuery's behaviour", async () => {
    const { full, slim } = await both(($, log) => {
      const list = $.Callbacks("once memory");
      list.add((v: string) => log("first", v));
      list.fire("a").fire("b");
      list.add((v: string) => log("late", v));
      log(list.fired(), list.locked(), list.disabled());
    });
    expect(slim).toEqual([
      ["first", "a"],
      ["late", "a"],
      [true, true, false],
    ]);
    expect(slim).toEqual(full);
  });

  it("uses $.Deferred.exceptionHook for errors thrown in then callbacks", async () => {
    const { full, slim } = await both(async ($, log) => {
      const previous = $.Deferred.exceptionHook;
      $.Deferred.exceptionHook = (error: Error) => log("hook", error.message);
      try {
        const settled = $.Deferred();
        $.Deferred()
          .resolve()
          .then(() => {
            throw new TypeError("boom");
          })
          .fail((error: Error) => log("fail", error.message))
          .always(settled.resolve);
        await new Promise((resolve) => settled.done(resolve));
      } finally {
        $.Deferred.exceptionHook = previous;
      }
    });
    expect(slim).toEqual([
      ["hook", "boom"],
      ["fail", "boom"],
    ]);
    expect(slim).toEqual(full);
  });
});

describe("$.fn.promise", () => {
  it("resolves at once with the collection as context and value, as full jQuery does with nothing queued", async () => {
    const seen: Record<string, unknown[]> = {};
    for (const build of ["full", "slim"] as const) {
      const $ = freshJQuery(build);
      if (build === "slim") install($);
      const collection = $("p");
      const log: unknown[] = (seen[build] = []);
      collection.promise().done(function (this: unknown, arg: unknown) {
        log.push(this === collection, arg === collection, (arg as { length: number }).length);
      });
      log.push("after");
    }
    expect(seen.slim).toEqual([true, true, 3, "after"]);
    expect(seen.slim).toEqual(seen.full);
  });

  it("accepts a queue type and attaches the promise to a target object", () => {
    const $ = freshJQuery("slim");
    install($);
    const target = { id: 7 };
    const returned = $("p").promise("fx", target);
    expect(returned).toBe(target);
    expect(returned.state()).toBe("resolved");
    const alone = { id: 8 };
    expect($("p").promise(alone)).toBe(alone);
    expect($("p").promise().state()).toBe("resolved");
  });

  it("keeps full jQuery's queue-aware promise() working on jq-deferred after override", async () => {
    const $ = freshJQuery("full");
    install($, { override: true });
    const order: string[] = [];
    const finished = $("#foo")
      .delay(20)
      .queue(function (next: () => void) {
        order.push("dequeued");
        next();
      })
      .promise()
      .done(() => order.push("queue empty"));
    order.push("queued");
    expect(finished.state()).toBe("pending");
    await new Promise((resolve) => finished.done(resolve));
    expect(order).toEqual(["queued", "dequeued", "queue empty"]);
  });
});

describe("install with { ajax: true }", () => {
  it("throws a TypeError that names installAjax, so no program silently lacks $.ajax", () => {
    const $ = freshJQuery("slim");
    expect(() => install($, { ajax: true } as never)).toThrow(TypeError);
    expect(() => install($, { ajax: true } as never)).toThrow(/installAjax\(jQuery\)/);
    expect($.ajax).toBeUndefined();
    expect(install($, { ajax: false } as never).installed).toContain("Deferred");
  });
});

describe("installAjax", () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const status = url.pathname === "/missing" ? 404 : 200;
      const type = url.pathname === "/page.html" ? "text/html" : "text/plain";
      response.writeHead(status, { "content-type": type });
      response.end(
        url.pathname === "/page.html"
          ? `<div id="a"><b>${request.method}</b></div><p class="p">para</p>`
          : (url.searchParams.get("text") ?? ""),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    routeAjaxEvents(undefined);
    ajaxReset();
  });

  const AJAX_FAMILY = [
    "ajax",
    "get",
    "post",
    "getJSON",
    "getScript",
    "ajaxSetup",
    "ajaxPrefilter",
    "ajaxTransport",
    "ajaxSettings",
    "active",
  ];
  const COLLECTION_METHODS = [
    "fn.load",
    "fn.ajaxStart",
    "fn.ajaxStop",
    "fn.ajaxComplete",
    "fn.ajaxError",
    "fn.ajaxSuccess",
    "fn.ajaxSend",
  ];

  it("adds the core and the ajax family to jQuery slim", () => {
    const $ = freshJQuery("slim");
    const result = installAjax($);
    expect(result.installed).toEqual([
      "Deferred",
      "when",
      "Callbacks",
      "fn.promise",
      ...AJAX_FAMILY,
      ...COLLECTION_METHODS,
    ]);
    expect(result.kept).toEqual([]);
    expect([$.ajax, $.get, $.post, $.getJSON, $.getScript]).toEqual([
      ajax,
      get,
      post,
      getJSON,
      getScript,
    ]);
    expect([$.ajaxSetup, $.ajaxPrefilter, $.ajaxTransport]).toEqual([
      ajaxSetup,
      ajaxPrefilter,
      ajaxTransport,
    ]);
    expect($.Deferred).toBe(Deferred);
  });

  it("is idempotent: a second installAjax installs the same members again", () => {
    const $ = freshJQuery("slim");
    installAjax($);
    const again = installAjax($);
    expect(again.kept).toEqual([]);
    expect(again.installed).toContain("ajaxSettings");
    expect($.ajaxSettings).toBe(ajaxSetup());
  });

  it("keeps full jQuery's ajax family unless override is given, and then routes nothing", async () => {
    const $ = freshJQuery("full");
    const ownAjax = $.ajax;
    const result = installAjax($);
    expect(result.installed).toEqual([]);
    expect(result.kept).toEqual([
      "Deferred",
      "when",
      "Callbacks",
      ...AJAX_FAMILY,
      ...COLLECTION_METHODS,
    ]);
    expect($.ajax).toBe(ownAjax);
    // Our ajax, used directly, must not trigger into a jQuery whose own ajax triggers its events.
    const seen: string[] = [];
    $($("#foo")[0].ownerDocument).on("ajaxStart", () => seen.push("ajaxStart"));
    await new Promise((resolve) => ajax(`${origin}/page1?text=x`).always(() => resolve(undefined)));
    expect(seen).toEqual([]);

    installAjax($, { override: true });
    expect($.ajax).toBe(ajax);
    expect($.ajaxSettings).toBe(ajaxSetup());
  });

  it("makes jQuery.ajaxSettings the live defaults and jQuery.active the count in flight", async () => {
    const $ = freshJQuery("slim");
    installAjax($);
    expect($.ajaxSettings).toBe(ajaxSetup());
    $.ajaxSetup({ timeout: 1234 });
    expect($.ajaxSettings.timeout).toBe(1234);
    $.ajaxSettings.headers = { "X-Live": "1" };
    expect(ajaxSetup().headers).toEqual({ "X-Live": "1" });
    expect($.active).toBe(0);
    const first = $.ajax(`${origin}/page1?text=a`);
    const second = $.ajax(`${origin}/page2?text=b`);
    expect($.active).toBe(2);
    await new Promise((resolve) => $.when(first, second).always(() => resolve(undefined)));
    expect($.active).toBe(0);
  });

  it("triggers the global events through jQuery, on document or on the context element", async () => {
    const $ = freshJQuery("slim");
    installAjax($);
    const document = $("#foo")[0].ownerDocument;
    const log: string[] = [];
    const onDocument = (event: { type: string; target: unknown }, ...args: unknown[]) =>
      log.push(`${event.type}@${event.target === document ? "document" : "#foo"}(${args.length})`);
    const returned = $(document)
      .ajaxStart(onDocument)
      .ajaxSend(onDocument)
      .ajaxSuccess(onDocument)
      .ajaxError(onDocument)
      .ajaxComplete(onDocument)
      .ajaxStop(onDocument);
    expect(returned[0]).toBe(document);
    $("#foo").on("ajaxError", () => log.push("handler on #foo"));

    await new Promise((resolve) =>
      $.ajax({ url: `${origin}/missing`, context: $("#foo")[0] }).always(() => resolve(undefined)),
    );
    expect(log).toEqual([
      "ajaxStart@document(0)",
      "ajaxSend@#foo(2)",
      "handler on #foo",
      "ajaxError@#foo(3)",
      "ajaxComplete@#foo(2)",
      "ajaxStop@document(0)",
    ]);

    log.length = 0;
    await new Promise((resolve) =>
      $.ajax({ url: `${origin}/page1?text=quiet`, global: false }).always(() => resolve(undefined)),
    );
    expect(log).toEqual([]);
  });

  it('passes jQuery\'s errorThrown to ajaxError handlers: "Not Found", "abort"', async () => {
    const $ = freshJQuery("slim");
    installAjax($);
    const thrown: unknown[] = [];
    $($("#foo")[0].ownerDocument).ajaxError(
      (_event: unknown, _jqXHR: unknown, _s: unknown, error: unknown) => thrown.push(error),
    );
    await new Promise((resolve) => $.ajax(`${origin}/missing`).always(() => resolve(undefined)));
    const aborted = $.ajax(`${origin}/page1?text=x`);
    aborted.abort();
    await new Promise((resolve) => aborted.always(() => resolve(undefined)));
    expect(thrown).toEqual(["Not Found", "abort"]);
  });

  it("loads HTML into each element with $.fn.load, filtered by a selector, complete per element", async () => {
    const $ = freshJQuery("slim");
    installAjax($);
    $("body").append('<div class="t"></div><div class="t"></div>');
    const completes: [string, string][] = [];
    const collection = $(".t");
    await new Promise<void>((resolve) => {
      const returned = collection.load(
        `${origin}/page.html  b `,
        function (this: { className: string }, _responseText: string, textStatus: string) {
          completes.push([this.className, textStatus]);
          if (completes.length === 2) resolve();
        },
      );
      expect(returned).toBe(collection);
    });
    expect(completes).toEqual([
      ["t", "success"],
      ["t", "success"],
    ]);
    expect(
      collection.map((_: number, element: { innerHTML: string }) => element.innerHTML).get(),
    ).toEqual(["<b>GET</b>", "<b>GET</b>"]);

    await new Promise<void>((resolve) =>
      $("#foo").load(`${origin}/page.html`, { a: 1 }, () => resolve()),
    );
    expect($("#foo b").text()).toBe("POST");
  });

  it("rejects a $.fn.load URL that is not a string with a TypeError naming it", () => {
    const $ = freshJQuery("slim");
    installAjax($);
    expect(() => $("p").load(42)).toThrow(TypeError);
    expect(() => $("p").load(42)).toThrow(
      /^\$\.fn\.load\(url, data, complete\): url must be a string, got /,
    );
    // An empty collection makes no request and returns itself.
    const empty = $("#nothing");
    expect(empty.load(`${origin}/page.html`)).toBe(empty);
  });

  it("runs seed 004's $.when($.ajax(page1), $.ajax(page2)) on slim", async () => {
    const $ = freshJQuery("slim");
    installAjax($);
    const [a1, a2] = await new Promise<any[]>((resolve, reject) => {
      $.when($.ajax(`${origin}/page1?text=Whip`), $.ajax(`${origin}/page2?text=%20It`))
        .done((...results: any[]) => resolve(results))
        .fail(reject);
    });
    expect(a1[0] + a2[0]).toBe("Whip It");
    expect(a1[1]).toBe("success");
    expect(a1[2].status).toBe(200);
  });

  it("fails the joined promise when one request fails, as $.when(...).then(myFunc, myFailure)", async () => {
    const $ = freshJQuery("slim");
    installAjax($);
    const outcome = await new Promise<string>((resolve) => {
      $.when($.ajax(`${origin}/page1?text=Whip`), $.ajax(`${origin}/missing`)).then(
        () => resolve("myFunc"),
        (jqXHR: { status: number }, textStatus: string) =>
          resolve(`myFailure ${jqXHR.status} ${textStatus}`),
      );
    });
    expect(outcome).toBe("myFailure 404 error");
  });
});
