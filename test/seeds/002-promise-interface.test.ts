/**
 * Seed 002 — "jQuery Deferreds and the jQuery Promise Method". Every code block of the article
 * runs inside `$.ajax`/`$.ajaxPrefilter` and is run against real requests by the ajax suite, in
 * test/ajax. What the article teaches about deferreds themselves needs no network, and is checked
 * here on a stand-in jqXHR: an object given a deferred's promise interface with
 * `deferred.promise(jqXHR)`, settled the way `$.ajax` settles its own (`rejectWith(jqXHR, [jqXHR,
 * statusText, errorThrown])`).
 */
import { describe, expect, it } from "vitest";
import * as $ from "../../src/index.js";

interface StandInXHR {
  responseText: string;
  status: number;
  success?: unknown;
  error?: unknown;
}

/** A jqXHR-like object and the transport that settles it. */
function standInRequest() {
  const transport = $.Deferred();
  const jqXHR = transport.promise<StandInXHR>({ responseText: "", status: 0 });
  return {
    jqXHR,
    succeed(body: string) {
      jqXHR.status = 200;
      jqXHR.responseText = body;
      transport.resolveWith(jqXHR, [JSON.parse(body), "success", jqXHR]);
    },
    fail(status: number, body: string, errorMsg: string) {
      jqXHR.status = status;
      jqXHR.responseText = body;
      transport.rejectWith(jqXHR, [jqXHR, "error", errorMsg]);
    },
  };
}

describe("seed 002: making promises from other promises", () => {
  it("deferred.promise(jqXHR) endows an object with the promise interface of a deferred", () => {
    const { jqXHR, succeed } = standInRequest();
    const seen: unknown[] = [];
    jqXHR.done((data) => seen.push(data));
    succeed('{"ok":true}');
    expect(seen).toEqual([{ ok: true }]);
    expect(jqXHR.state()).toBe("resolved");
  });

  it("calling promise(jqXHR) with a new deferred discards the old interface bindings in favour of the new ones", () => {
    const { jqXHR, succeed } = standInRequest();
    const replacement = $.Deferred();
    replacement.promise(jqXHR);
    const seen: unknown[] = [];
    jqXHR.done(() => seen.push("done"));
    succeed("{}");
    expect(seen).toEqual([]);
    replacement.resolve();
    expect(seen).toEqual(["done"]);
  });

  it("redirecting with $.Deferred(fn).promise(jqXHR), where fn forwards jqXHR.done to defer.resolve", () => {
    const { jqXHR, succeed } = standInRequest();
    $.Deferred(function (defer) {
      jqXHR.done(defer.resolve);
    }).promise(jqXHR);
    const seen: unknown[] = [];
    jqXHR.done(function (this: unknown, data, statusText) {
      seen.push(this === jqXHR, data, statusText);
    });
    succeed('{"n":1}');
    expect(seen).toEqual([true, { n: 1 }, "success"]);
  });

  it("the parseError rewiring: fail callbacks receive the parsed JSON error body as their third argument", () => {
    const { jqXHR, fail } = standInRequest();
    $.Deferred(function (defer) {
      jqXHR.done(defer.resolve).fail(function (this: unknown, jqXHR, statusText) {
        const parsed = JSON.parse((jqXHR as StandInXHR).responseText);
        defer.rejectWith(this, [jqXHR, statusText, parsed]);
      });
    }).promise(jqXHR);
    jqXHR.success = jqXHR.done;
    jqXHR.error = jqXHR.fail;

    const seen: unknown[] = [];
    (jqXHR.error as typeof jqXHR.fail)(function (this: unknown, xhr, statusText, parsed) {
      seen.push(this === jqXHR, xhr === jqXHR, statusText, parsed);
    });
    fail(422, '{"field":"email","message":"taken"}', "Unprocessable Entity");
    expect(seen).toEqual([true, true, "error", { field: "email", message: "taken" }]);
  });

  it("the pipe version (update 2010-05-02) does the same with jqXHR.pipe(null, fn).promise(jqXHR)", () => {
    const { jqXHR, fail } = standInRequest();
    jqXHR
      .pipe(null, function (this: unknown, jqXHR, statusText) {
        const parsed = JSON.parse((jqXHR as StandInXHR).responseText);
        return $.Deferred().rejectWith(this, [jqXHR, statusText, parsed]);
      })
      .promise(jqXHR);
    jqXHR.success = jqXHR.done;
    jqXHR.error = jqXHR.fail;

    const seen: unknown[] = [];
    jqXHR.fail(function (this: unknown, xhr, statusText, parsed) {
      seen.push(this === jqXHR, xhr === jqXHR, statusText, parsed);
    });
    fail(400, '{"message":"bad"}', "Bad Request");
    expect(seen).toEqual([true, true, "error", { message: "bad" }]);
  });

  it("the pipe version leaves successful responses untouched", () => {
    const { jqXHR, succeed } = standInRequest();
    jqXHR
      .pipe(null, function (this: unknown, jqXHR, statusText) {
        return $.Deferred().rejectWith(this, [jqXHR, statusText, "unused"]);
      })
      .promise(jqXHR);
    const seen: unknown[] = [];
    jqXHR.done(function (this: unknown, data, statusText) {
      seen.push(this === jqXHR, data, statusText);
    });
    succeed('{"fine":true}');
    expect(seen).toEqual([true, { fine: true }, "success"]);
  });

  it("$.when(x, y, z) resolves when all resolve and fails when only one of them fails", () => {
    const [x, y, z] = [$.Deferred(), $.Deferred(), $.Deferred()];
    const outcomes: string[] = [];
    $.when(x, y, z)
      .done(() => outcomes.push("all resolved"))
      .fail(() => outcomes.push("one failed"));
    x.resolve();
    y.reject();
    z.resolve();
    expect(outcomes).toEqual(["one failed"]);
  });
});
