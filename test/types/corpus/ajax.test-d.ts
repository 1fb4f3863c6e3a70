/**
 * The corpus, ajax part: `$.ajax` and its shorthands, `ajaxSetup`, `ajaxPrefilter`, `statusCode`
 * and converters (see deferred.test-d.ts for the conventions).
 */
import { describe, expectTypeOf, test } from "vitest";
import { $ } from "./jquery.js";

declare function show(...values: unknown[]): void;
declare const element: HTMLElement;
declare const form: HTMLFormElement;

describe("corpus: ajax", () => {
  test("a01 getJSON then a field of the JSON", () => {
    $.getJSON("/people.json").done((json) => {
      expectTypeOf(json).toBeAny();
      show(json.people);
    });
  });

  test("a02 ajax with success and error options", () => {
    $.ajax({
      url: "/api/items",
      dataType: "json",
      success: (data, textStatus, jqXHR) => {
        expectTypeOf(data).toBeAny();
        show(data.items.length, textStatus, jqXHR.status);
      },
      error: (jqXHR, textStatus, errorThrown) => {
        expectTypeOf(errorThrown).toBeString();
        show(jqXHR.status, textStatus, errorThrown);
      },
    });
  });

  test("a03 fail reads errorThrown as the status text", () => {
    $.ajax("/missing").fail((xhr, status, err) => {
      expectTypeOf(err).toEqualTypeOf<string>();
      show("Request failed: " + status + ", " + err);
    });
  });

  test("a04 responseJSON of an error response", () => {
    $.ajax("/save").fail((xhr) => {
      expectTypeOf(xhr.responseJSON).toBeAny();
      show(xhr.responseJSON.message);
    });
  });

  test("a05 responseText and status", () => {
    $.post("/save", { id: 1 }).fail((xhr) => show(xhr.status, xhr.responseText));
  });

  test("a06 get with a success callback", () => {
    $.get("/foo", (data) => show(data.length));
  });

  test("a07 get with data and a data type", () => {
    $.get("/search", { q: "deferred" }, (results) => show(results[0]), "json");
  });

  test("a08 post a form", () => {
    $.post("/contact", "name=Ada").done((reply) => show(reply.ok));
    $.post("/upload", new FormData(form));
  });

  test("a09 get() and post() without arguments", () => {
    $.get().done((page) => show(page));
    $.post();
  });

  test("a10 getJSON with data and callback", () => {
    $.getJSON("/list", { page: 2 }, (list) => show(list.items));
  });

  test("a11 ajax settings object with type POST", () => {
    $.ajax({
      type: "POST",
      url: "/api",
      data: JSON.stringify({ a: 1 }),
      contentType: "application/json",
      dataType: "json",
    }).done((reply) => show(reply.id));
  });

  test("a12 method/headers/timeout/cache", () => {
    $.ajax({
      url: "/slow",
      method: "GET",
      headers: { "X-Token": "t" },
      timeout: 5000,
      cache: false,
    }).always(() => show("over"));
  });

  test("a13 context option and this in callbacks", () => {
    $.ajax({
      url: "/fragment",
      context: element,
      success: function (html) {
        this.innerHTML = html;
      },
    });
  });

  test("a14 beforeSend sets a header", () => {
    $.ajax({
      url: "/api",
      beforeSend: (xhr) => {
        xhr.setRequestHeader("X-Token", "secret");
      },
    });
  });

  test("a15 complete callback", () => {
    $.ajax({
      url: "/api",
      complete: (xhr, textStatus) => show(xhr.status, textStatus),
    });
  });

  test("a16 the deprecated success/error/complete methods", () => {
    $.ajax("/legacy")
      .success((data) => show(data))
      .error((xhr, status, err) => show(err))
      .complete(() => show("complete"));
  });

  test("a17 then on a request", () => {
    $.ajax("/user/7")
      .then((user) => user.name)
      .done((name) => show(name.toUpperCase()));
  });

  test("a18 then chaining two requests", () => {
    $.getJSON("/user/7")
      .then((user) => $.getJSON("/teams/" + user.teamId))
      .done((team) => show(team.name));
  });

  test("a19 fail after then reads the jqXHR", () => {
    $.ajax("/a")
      .then((data) => data.next)
      .fail((xhr) => show(xhr.status));
  });

  test("a20 abort a request", () => {
    const request = $.ajax("/search?q=a");
    request.abort();
    expectTypeOf(request.readyState).toEqualTypeOf<0 | 1 | 2 | 3 | 4>();
  });

  test("a21 response headers", () => {
    const request = $.ajax("/file");
    request.done(() => show(request.getResponseHeader("Content-Type")));
  });

  test("a22 await a request", async () => {
    const data = await $.ajax("/data.json");
    show(data.items);
  });

  test("a23 await getJSON in try/catch", async () => {
    try {
      const user = await $.getJSON("/user");
      show(user.name);
    } catch (xhr) {
      show(xhr);
    }
  });

  test("a24 progress of a download", () => {
    $.ajax("/big").progress((loaded, total) => show(total ? loaded / total : loaded));
  });

  test("a25 pipe on a request (seed 002 style)", () => {
    $.ajax("/api").pipe(null, (xhr, status) =>
      $.Deferred().reject(xhr, status, JSON.parse(xhr.responseText ?? "{}")),
    );
  });

  test("a26 typed data stays typed", () => {
    $.getJSON<{ name: string }>("/user/7").done((user) => {
      expectTypeOf(user.name).toEqualTypeOf<string>();
    });
  });

  test("a27 the typed error object", () => {
    $.ajax("/api").fail((jqXHR) => {
      if (jqXHR.ajaxError) show(jqXHR.ajaxError.name);
    });
  });
});

describe("corpus: statusCode", () => {
  test("s01 a statusCode map with function expressions", () => {
    $.ajax({
      url: "/page",
      statusCode: {
        404: function (xhr) {
          show("page not found", xhr);
        },
        200: function (data) {
          show(data);
        },
      },
    });
  });

  test("s02 statusCode on the jqXHR", () => {
    $.ajax("/page").statusCode({
      500: (xhr) => {
        expectTypeOf(xhr).toBeAny();
        show(xhr.status);
      },
    });
  });

  test("s03 this in a statusCode callback", () => {
    $.ajax({
      url: "/x",
      context: element,
      statusCode: {
        401: function () {
          show(this);
        },
      },
    });
  });
});

describe("corpus: converters, ajaxSetup, ajaxPrefilter", () => {
  test("v01 a converter from text", () => {
    $.ajax({
      url: "/report.csv",
      dataType: "csv",
      converters: { "text csv": (raw) => raw.split("\n") },
    }).done((rows) => show(rows.length));
  });

  test("v02 a converter given as a function reference", () => {
    $.ajax({ url: "/n", dataType: "number", converters: { "text number": Number } });
  });

  test("v03 ajaxSetup defaults", () => {
    $.ajaxSetup({ timeout: 10000, headers: { "X-App": "1" }, cache: false });
  });

  test("v04 ajaxSetup with converters", () => {
    $.ajaxSetup({ converters: { "text json": (text) => JSON.parse(text) } });
  });

  test("v05 a prefilter", () => {
    $.ajaxPrefilter((options, originalOptions, jqXHR) => {
      if (options.crossDomain) jqXHR.abort();
      show(options.url, originalOptions.url);
    });
  });

  test("v06 a prefilter for a data type", () => {
    $.ajaxPrefilter("json", (options) => {
      options.url += (options.url.indexOf("?") < 0 ? "?" : "&") + "v=1";
    });
  });

  test("v07 a prefilter redirecting the data type", () => {
    $.ajaxPrefilter((options) => {
      if (/\.txt$/.test(options.url)) return "text";
    });
  });

  test("v08 a prefilter adding a header", () => {
    $.ajaxPrefilter((options, originalOptions, jqXHR) => {
      jqXHR.setRequestHeader("X-Requested-By", "app");
    });
  });

  test("v09 dataFilter", () => {
    $.ajax({ url: "/wrapped", dataFilter: (raw) => raw.replace(/^\)\]\}',?\n/, "") });
  });
});
