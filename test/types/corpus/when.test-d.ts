/**
 * The corpus, `when` part (see deferred.test-d.ts for the conventions).
 */
import { describe, expectTypeOf, test } from "vitest";
import { $ } from "./jquery.js";

declare function show(...values: unknown[]): void;

describe("corpus: when", () => {
  test("w01 two untyped deferreds", () => {
    const a = $.Deferred();
    const b = $.Deferred();
    $.when(a, b).done((r1, r2) => {
      expectTypeOf(r1).toBeAny();
      show(r1 + r2);
    });
  });

  test("w02 two requests, each argument [data, textStatus, jqXHR]", () => {
    $.when($.ajax("/page1.php"), $.ajax("/page2.php")).done((a1, a2) => {
      expectTypeOf(a1[0]).toBeAny();
      show(a1[0] + a2[0], a1[2].status);
    });
  });

  test("w03 a single deferred passes all its values", () => {
    $.when($.Deferred().resolve(1, 2)).done((one, two) => show(one + two));
  });

  test("w04 a plain value", () => {
    $.when({ testing: 123 }).done((x) => {
      expectTypeOf(x.testing).toEqualTypeOf<number>();
    });
  });

  test("w05 no argument", () => {
    $.when().then(() => show("resolved at once"));
  });

  test("w06 when.apply over an array of requests", () => {
    const requests = ["/a", "/b"].map((url) => $.ajax(url));
    // eslint-disable-next-line prefer-spread -- as jQuery-era code spreads
    $.when.apply($, requests).done((...responses) => show(responses.length));
  });

  test("w07 when(...spread) over an untyped array", () => {
    const deferreds: ReturnType<typeof $.Deferred>[] = [];
    $.when(...deferreds).done((...results) => show(results[0]));
  });

  test("w08 fail of when reads the first rejection", () => {
    $.when($.Deferred(), $.Deferred()).fail((err) => {
      expectTypeOf(err).toBeAny();
      show(err.message);
    });
  });

  test("w09 when with a request failing", () => {
    $.when($.ajax("/a"), $.ajax("/b")).fail((jqXHR, textStatus, errorThrown) => {
      show(jqXHR.status, textStatus, errorThrown);
    });
  });

  test("w10 when then", () => {
    $.when($.getJSON("/a.json"), $.getJSON("/b.json")).then((a, b) => show(a[0].name, b[0].name));
  });

  test("w11 when with a native promise", () => {
    $.when(fetch("/x").then((r) => r.json())).done((json) => {
      expectTypeOf(json).toBeAny();
      show(json.items);
    });
  });

  test("w12 when over a mix of values and deferreds", () => {
    $.when(1, $.Deferred().resolve("two")).done((one, two) => {
      expectTypeOf(one).toEqualTypeOf<number>();
      show(one + two);
    });
  });

  test("w13 when callbacks with this", () => {
    $.when($.Deferred(), $.Deferred()).done(function () {
      show(this);
    });
  });

  test("w14 await when of two requests", async () => {
    const first = await $.when($.ajax("/a"), $.ajax("/b"));
    show(first[0]);
  });

  test("w15 progress of when", () => {
    $.when($.Deferred(), $.Deferred()).progress((a, b) => show(a, b));
  });
});
