/**
 * installAjax and what it installs under hostile values: Proxies and revoked Proxies for jQuery
 * and its arguments, throwing getters, handlers that throw. Every case must end in a clear
 * TypeError or a settled request, never a hang (each request waits under a watchdog) and never
 * a wrong install.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ajaxReset, install, installAjax, routeAjaxEvents } from "../../src/index.js";

const require = createRequire(import.meta.url);
type Window = { close(): void };
const { JSDOM } = require("jsdom") as {
  JSDOM: new (html: string) => { window: Window };
};
const slim = require("jquery/factory-slim") as { jQueryFactory: (window: unknown) => any };

const windows: { window: Window }[] = [];
function freshSlim(): any {
  const dom = new JSDOM('<!doctype html><div id="a"></div><div id="b"></div>');
  windows.push(dom);
  return slim.jQueryFactory(dom.window);
}

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    response.writeHead(request.url?.startsWith("/missing") ? 404 : 200, {
      "content-type": "text/html",
    });
    response.end("<b>hi</b>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  routeAjaxEvents(undefined);
  ajaxReset();
  for (const dom of windows.splice(0)) dom.window.close();
});

/** Resolves with the request's state once it settles; rejects if it has not after 3 s. */
function settled(jqXHR: { always(callback: () => void): unknown; state(): string }) {
  return new Promise<string>((resolve, reject) => {
    const watchdog = setTimeout(() => reject(new Error("the request never settled")), 3000);
    jqXHR.always(() => {
      clearTimeout(watchdog);
      resolve(jqXHR.state());
    });
  });
}

describe("installAjax with hostile arguments", () => {
  it("rejects what is not jQuery, including revoked Proxies, with a TypeError", () => {
    const { proxy, revoke } = Proxy.revocable(function () {}, {});
    revoke();
    for (const value of [undefined, null, 42, "jQuery", {}, () => {}, proxy]) {
      expect(() => installAjax(value as never)).toThrow(TypeError);
    }
  });

  it("rejects options that are not an object, and the legacy { ajax: true } of install", () => {
    const $ = freshSlim();
    expect(() => installAjax($, 7 as never)).toThrow(/options must be an object/);
    expect(() => install($, { ajax: 1 } as never)).toThrow(/installAjax/);
  });

  it("propagates a throwing options getter rather than installing half", () => {
    const $ = freshSlim();
    const options = {
      get override(): boolean {
        throw new Error("no override for you");
      },
    };
    expect(() => installAjax($, options)).toThrow("no override for you");
    expect($.ajax).toBeUndefined();
  });

  it("installs onto a Proxy of jQuery, whose traps see every member", () => {
    const $ = freshSlim();
    const seen: string[] = [];
    const proxied = new Proxy($, {
      set(target, key, value) {
        seen.push(String(key));
        return Reflect.set(target, key, value);
      },
    });
    const result = installAjax(proxied);
    expect(result.kept).toEqual([]);
    expect(seen).toEqual(expect.arrayContaining(["ajax", "getScript", "ajaxTransport"]));
    expect(typeof $.ajax).toBe("function");
  });
});

describe("installed members under hostile values", () => {
  it("$.fn.load rejects URL objects, Proxies and revoked Proxies with a TypeError", () => {
    const $ = freshSlim();
    installAjax($);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const stringish = { toString: () => `${origin}/page` };
    for (const url of [stringish, new Proxy({}, {}), proxy, Symbol("url"), 10n]) {
      expect(() => $("#a").load(url)).toThrow(TypeError);
    }
  });

  it("$.fn.load with Proxy data POSTs and settles; with a revoked Proxy the request fails", async () => {
    const $ = freshSlim();
    installAjax($);
    const outcomes: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const watchdog = setTimeout(() => reject(new Error("complete never ran")), 3000);
      $("#a").load(`${origin}/page`, new Proxy({ a: 1 }, {}), (_text: string, status: string) => {
        clearTimeout(watchdog);
        outcomes.push(status);
        resolve();
      });
    });
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    await new Promise<void>((resolve, reject) => {
      const watchdog = setTimeout(() => reject(new Error("complete never ran")), 3000);
      $("#b").load(`${origin}/page`, proxy, (_text: string, status: string) => {
        clearTimeout(watchdog);
        outcomes.push(status);
        resolve();
      });
    });
    expect(outcomes).toEqual(["success", "error"]);
    expect($("#a").html()).toBe("<b>hi</b>");
  });

  it("a global event handler that throws does not strand the request, and later ones still run", async () => {
    const $ = freshSlim();
    installAjax($);
    const document = $("#a")[0].ownerDocument;
    const log: string[] = [];
    $(document).ajaxSend(() => {
      throw new Error("handler failed");
    });
    $(document).ajaxComplete(() => log.push("ajaxComplete"));
    $(document).ajaxStop(() => log.push("ajaxStop"));
    const reported: unknown[] = [];
    const onError = (error: unknown) => reported.push(error);
    process.on("uncaughtException", onError);
    try {
      expect(await settled($.ajax(`${origin}/page`))).toBe("resolved");
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off("uncaughtException", onError);
    }
    expect(log).toEqual(["ajaxComplete", "ajaxStop"]);
    expect($.active).toBe(0);
  });

  it("a context that is a revoked Proxy or a detached element still settles the request", async () => {
    const $ = freshSlim();
    installAjax($);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const detached = $("<div>")[0];
    const states = [
      await settled($.ajax({ url: `${origin}/page`, context: detached })),
      await settled($.ajax({ url: `${origin}/missing`, context: detached })),
    ];
    expect(states).toEqual(["resolved", "rejected"]);
    // Reading the context's nodeType throws for a revoked Proxy: a setting that cannot be read,
    // which docs/ajax.md says fails the request ("never throws from ajax()").
    let state: string;
    try {
      state = await settled($.ajax({ url: `${origin}/page`, context: proxy }));
    } catch (error) {
      state = `ajax() threw ${String(error)}`;
    }
    expect(state).toBe("rejected");
    expect($.active).toBe(0);
  });

  it("$.ajaxSettings and $.active are read-only getters: assigning them throws in strict code", () => {
    const $ = freshSlim();
    installAjax($);
    expect(() => {
      $.active = 5;
    }).toThrow(TypeError);
    expect($.active).toBe(0);
    const live = $.ajaxSettings;
    expect(() => {
      $.ajaxSettings = {};
    }).toThrow(TypeError);
    expect($.ajaxSettings).toBe(live);
  });
});
