/**
 * Every ajax example of the seed documents (002, 003, 004), run against the test server and
 * translated only as far as TypeScript and Node require: `alert`/`console.log` write to a list,
 * `fadeIn(1000, dfd.resolve)` is a timer that calls `dfd.resolve`, `$.data` is a Map,
 * `$.parseJSON` is `JSON.parse`, and `form.ajaxSubmit(options)` is a stand-in that posts the form
 * with `$.ajax`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as $ from "../../src/index.js";
import { outcomeOf } from "./helpers.js";
import { startServer, type TestServer } from "./server.js";

// Seed 002's custom setting, declared the TypeScript way.
declare module "../../src/ajax/types/options.js" {
  interface AjaxSettings {
    parseError?: boolean;
  }
}

let server: TestServer;
let log: unknown[];
const alert = (message: unknown): void => void log.push(message);
const console = { log: (message: unknown): void => void log.push(message) };
const doSomethingAwesome = (): void => void log.push("doSomethingAwesome");
/** Stand-in for an animation: calls `done` after `ms` milliseconds. */
const fadeIn = (ms: number, done: () => void): void => void setTimeout(done, ms / 20);
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  log = [];
  $.ajaxSetup({ baseUrl: server.url });
});
afterEach(() => $.ajaxReset());

describe("seed 002: jqXHR and the promise interface", () => {
  test("success and error callbacks given as options", async () => {
    const request = $.ajax({
      url: "/some/url",
      success: function (r) {
        alert("Success: " + r);
      },
      error: function (r) {
        alert("Error: " + r);
      },
    });
    await outcomeOf(request);
    expect(log).toEqual(["Success: some data"]);
  });

  test("a success option and .success() on the returned jqXHR are equivalent", async () => {
    await outcomeOf(
      $.ajax({
        url: "/some/url",
        success: function () {
          alert("success");
        },
      }),
    );
    await outcomeOf(
      $.ajax({ url: "/some/url" }).success(function () {
        alert("success");
      }),
    );
    expect(log).toEqual(["success", "success"]);
  });

  test("callbacks added after completion run at once", async () => {
    const request = $.ajax({ url: "/some/url" });
    await outcomeOf(request);
    request.done((data) => alert(`late: ${String(data)}`));
    expect(log).toEqual(["late: some data"]);
  });

  test("Deferred().promise(jqXHR) alone redirects the promise methods to a deferred nobody resolves", async () => {
    $.ajaxPrefilter(function (options, originalOptions, jqXHR) {
      $.Deferred().promise(jqXHR);
    });
    const request = $.ajax("/some/url").done(() => alert("done"));
    const completed = new Promise((resolve) => request.complete(() => resolve(undefined)));
    await completed;
    await settle();
    expect(log).toEqual([]);
    expect(request.state()).toBe("pending");
    expect(request.status).toBe(200);
  });

  test("resolving the new deferred from the jqXHR's done makes done work again", async () => {
    $.ajaxPrefilter(function (options, originalOptions, jqXHR) {
      $.Deferred(function (defer) {
        jqXHR.done(defer.resolve);
      }).promise(jqXHR);
    });
    const request = $.ajax("/some/url").done((data, textStatus) =>
      alert(`${String(data)} ${textStatus}`),
    );
    await new Promise((resolve) => request.complete(() => resolve(undefined)));
    expect(log).toEqual(["some data success"]);
  });

  test("the new fail interface passes the parsed JSON body instead of the status text", async () => {
    $.ajaxPrefilter(function (options, originalOptions, jqXHR) {
      $.Deferred(function (defer) {
        jqXHR.done(defer.resolve).fail(function (this: unknown, jqXHR, statusText, _errorMsg) {
          const parsed = JSON.parse(jqXHR.responseText!);
          defer.rejectWith(this, [jqXHR, statusText, parsed]);
        });
      }).promise(jqXHR);
    });
    const request = $.ajax("/404-json");
    request.fail((jqXHR, statusText, body) => alert([statusText, body]));
    await new Promise((resolve) => request.complete(() => resolve(undefined)));
    expect(log).toEqual([["error", { error: "no such user", code: "E_NOUSER" }]]);
  });

  /** Seed 002's final prefilter, in its Deferred(fn).promise(jqXHR) and its pipe version. */
  const parseErrorPrefilters = {
    "Deferred(fn).promise(jqXHR)": function (
      options: $.PreparedAjaxSettings,
      originalOptions: $.AjaxSettings,
      jqXHR: $.JqXHR,
    ) {
      if (options.parseError) {
        $.Deferred(function (defer) {
          jqXHR.done(defer.resolve).fail(function (this: unknown, jqXHR, statusText, _errorMsg) {
            const parsed = JSON.parse(jqXHR.responseText!);
            defer.rejectWith(this, [jqXHR, statusText, parsed]);
          });
        }).promise(jqXHR);
        jqXHR.success = jqXHR.done;
        jqXHR.error = jqXHR.fail;
      }
    },
    pipe: function (
      options: $.PreparedAjaxSettings,
      originalOptions: $.AjaxSettings,
      jqXHR: $.JqXHR,
    ) {
      if (options.parseError) {
        jqXHR
          .pipe(null, function (this: unknown, jqXHR, statusText, _errorMsg) {
            const parsed = JSON.parse(jqXHR.responseText!);
            return $.Deferred().rejectWith(this, [jqXHR, statusText, parsed]);
          })
          .promise(jqXHR);
        jqXHR.success = jqXHR.done;
        jqXHR.error = jqXHR.fail;
      }
    },
  };

  describe.each(Object.entries(parseErrorPrefilters))(
    "the parseError prefilter (%s)",
    (_, prefilter) => {
      test("with parseError, error/fail callbacks (and the error option) get the parsed error body", async () => {
        $.ajaxPrefilter(prefilter);
        const context = { name: "context" };
        const contexts: unknown[] = [];
        const request = $.ajax({
          url: "/404-json",
          parseError: true,
          context,
          error: function (this: unknown, jqXHR, statusText, parsed) {
            contexts.push(this);
            alert(["option", statusText, parsed]);
          },
        });
        request.error((jqXHR, statusText, parsed) => alert(["error", statusText, parsed]));
        request.fail((jqXHR, statusText, parsed) => alert(["fail", statusText, parsed]));
        await new Promise((resolve) => request.complete(() => resolve(undefined)));
        const body = { error: "no such user", code: "E_NOUSER" };
        expect(log).toEqual([
          ["option", "error", body],
          ["error", "error", body],
          ["fail", "error", body],
        ]);
        expect(contexts).toEqual([context]);
      });

      test("with parseError, success still works", async () => {
        $.ajaxPrefilter(prefilter);
        const request = $.ajax({ url: "/json", parseError: true });
        request.success((data, textStatus) => alert([data, textStatus]));
        await new Promise((resolve) => request.complete(() => resolve(undefined)));
        expect(log).toEqual([[{ name: "jq-deferred", answer: 42 }, "success"]]);
      });

      test("without parseError, callers keep the usual interface (errorThrown is the status text)", async () => {
        $.ajaxPrefilter(prefilter);
        const request = $.ajax({ url: "/404-json" });
        request.fail((jqXHR, statusText, error) =>
          alert([statusText, error, jqXHR.ajaxError instanceof $.HttpError]),
        );
        await new Promise((resolve) => request.complete(() => resolve(undefined)));
        expect(log).toEqual([["error", "Not Found", true]]);
      });
    },
  );
});

describe("seed 003: using Deferreds in jQuery 1.5", () => {
  test("$.get(...).success().error(), with a success added later", async () => {
    const req = $.get("foo.htm")
      .success(function (response) {
        log.push(["success", response]);
      })
      .error(function () {
        log.push("error");
      });

    // this might execute before the $.get() above is complete
    doSomethingAwesome();

    req.success(function (response) {
      log.push(["more success", response]);
    });
    await outcomeOf(req);
    expect(log).toEqual([
      "doSomethingAwesome",
      ["success", "<div>foo</div>"],
      ["more success", "<div>foo</div>"],
    ]);
  });

  function doAjax() {
    return $.get("foo.htm");
  }

  function doMoreAjax() {
    return $.get("bar.htm");
  }

  test("$.when(doAjax(), doMoreAjax()) fires then once both requests have completed", async () => {
    const both = $.when(doAjax(), doMoreAjax())
      .then(function () {
        console.log("I fire once BOTH ajax requests have completed!");
      })
      .fail(function () {
        console.log("I fire if one or more requests failed.");
      });
    await both;
    expect(log).toEqual(["I fire once BOTH ajax requests have completed!"]);
  });

  test("$.when(...).fail fires if one of the requests fails", async () => {
    const failing = () => $.get("no-such-page.htm");
    await new Promise<void>((resolve) => {
      $.when(doAjax(), failing())
        .then(function () {
          console.log("I fire once BOTH ajax requests have completed!");
        })
        .fail(function () {
          console.log("I fire if one or more requests failed.");
          resolve();
        });
    });
    await settle();
    expect(log).toEqual(["I fire if one or more requests failed."]);
  });

  test("$.get('/foo/').done(fn), .success(fn) and $.get('/foo/', fn) are equivalent", async () => {
    const calls: unknown[][] = [];
    const fn = (...args: unknown[]) => void calls.push(args);
    await outcomeOf($.get("/foo/").done(fn));
    await outcomeOf($.get("/foo/").success(fn));
    await outcomeOf($.get("/foo/", fn));
    expect(calls).toHaveLength(3);
    for (const [data, textStatus, jqXHR] of calls) {
      expect(data).toBe("<div>foo folder</div>");
      expect(textStatus).toBe("success");
      expect((jqXHR as $.JqXHR).status).toBe(200);
    }
  });

  test("complete is not done: it gets (jqXHR, textStatus), after success or error alike", async () => {
    const calls: unknown[][] = [];
    await outcomeOf($.get("/foo/").complete((...args: unknown[]) => calls.push(args)));
    await outcomeOf($.get("/no-such-page").complete((...args: unknown[]) => calls.push(args)));
    expect(calls.map(([jqXHR, textStatus]) => [(jqXHR as $.JqXHR).status, textStatus])).toEqual([
      [200, "success"],
      [404, "error"],
    ]);
  });

  function getData() {
    return $.get("/foo/");
  }

  test("$.when(getData(), showDiv()): the animation AND the request are both done", async () => {
    function showDiv() {
      const dfd = $.Deferred();

      fadeIn(1000, dfd.resolve);

      return dfd.promise();
    }

    await $.when(getData(), showDiv()).then(function (ajaxResult) {
      console.log("The animation AND the AJAX request are both done!");

      // 'ajaxResult' is the server's response (here [data, textStatus, jqXHR], as when() has two arguments)
      log.push((ajaxResult as [unknown, string, $.JqXHR])[0]);
    });
    expect(log).toEqual([
      "The animation AND the AJAX request are both done!",
      "<div>foo folder</div>",
    ]);
  });

  test("showDiv written with $.Deferred(fn).promise() is equivalent", async () => {
    function showDiv() {
      return $.Deferred(function (dfd) {
        fadeIn(1000, dfd.resolve);
      }).promise();
    }
    const [ajaxResult, animation] = await new Promise<unknown[]>((resolve) => {
      $.when(getData(), showDiv()).done((...results: unknown[]) => resolve(results));
    });
    expect((ajaxResult as unknown[])[0]).toBe("<div>foo folder</div>");
    expect((ajaxResult as unknown[])[1]).toBe("success");
    expect(animation).toBeUndefined();
  });

  test("defer your deferreds: a success on getData() fires before the combined then", async () => {
    function getData() {
      return $.get("/foo/").success(function () {
        console.log("Fires after the AJAX request succeeds");
      });
    }

    function showDiv() {
      return $.Deferred(function (dfd) {
        fadeIn(1000, dfd.resolve);
      }).promise();
    }

    await $.when(getData(), showDiv()).then(function (_ajaxResult) {
      console.log("Fires after BOTH showDiv() AND the AJAX request succeed!");
    });
    expect(log).toEqual([
      "Fires after the AJAX request succeeds",
      "Fires after BOTH showDiv() AND the AJAX request succeed!",
    ]);
  });

  describe("chaining hotness: saveContact", () => {
    interface SaveResponse {
      success: boolean;
      errors?: string[];
      saved?: Record<string, string>;
    }

    /** Stand-in for the jQuery Form plugin's form.ajaxSubmit: posts the form's fields. */
    function formFor(row: Record<string, string>, action = "/contacts") {
      return {
        ajaxSubmit(options: $.AjaxSettings<SaveResponse>) {
          $.ajax({ url: action, type: "POST", data: row, ...options });
        },
      };
    }

    function saveContact(row: Record<string, string>, action?: string) {
      const form = formFor(row, action),
        messages: string[] = [],
        dfd = $.Deferred<SaveResponse, unknown[]>();

      /*
         bunch of client-side validation here
      */
      if (!row.name) messages.push("name is required");
      const valid = messages.length === 0;

      if (!valid) {
        dfd.resolve({
          success: false,
          errors: messages,
        });
      } else {
        form.ajaxSubmit({
          dataType: "json",
          success: dfd.resolve,
          error: dfd.reject,
        });
      }

      return dfd.promise();
    }

    function run(row: Record<string, string>, action?: string) {
      return new Promise<void>((resolve) => {
        saveContact(row, action)
          .then(function (response) {
            if (response.success) {
              // saving worked; rejoice
              log.push(["saved", response.saved]);
            } else {
              // client-side validation failed
              // output the contents of response.errors
              log.push(["invalid", response.errors]);
            }
            resolve();
          })
          .fail(function (err) {
            // AJAX request failed
            log.push(["failed", (err as $.JqXHR).status]);
            resolve();
          });
      });
    }

    test("a valid row is posted and the server's response reaches then", async () => {
      await run({ name: "Ada", email: "ada@example.com" });
      expect(log).toEqual([["saved", { name: "Ada", email: "ada@example.com" }]]);
    });

    test("an invalid row resolves with the validation errors, without a request", async () => {
      const before = server.requests.length;
      await run({ name: "" });
      expect(log).toEqual([["invalid", ["name is required"]]]);
      expect(server.requests.length).toBe(before);
    });

    test("a failing request reaches fail", async () => {
      await run({ name: "Ada" }, "/500");
      await settle();
      expect(log).toEqual([["failed", 500]]);
    });
  });

  test("non-observable tasks: startTask returns a jqXHR first, then the cached timestamp", async () => {
    const data = new Map<object, unknown>(); // stands in for $.data
    const element = {};
    const before = server.requests.length;

    function startTask(element: object) {
      const timestamp = data.get(element);

      if (timestamp) {
        return timestamp;
      } else {
        return $.get("/start-task/").success(function (timestamp) {
          data.set(element, timestamp);
        });
      }
    }

    function click() {
      return new Promise<void>((resolve) => {
        $.when(startTask(element)).done(function (timestamp) {
          log.push("<p>You first started this task on: " + String(timestamp) + "</p>");
          resolve();
        });
      });
    }

    await click();
    await click();
    expect(log).toEqual([
      "<p>You first started this task on: 2011-01-15T12:00:00Z</p>",
      "<p>You first started this task on: 2011-01-15T12:00:00Z</p>",
    ]);
    expect(server.requests.length).toBe(before + 1);
  });

  test("comment: $.when.apply over an array of request promises", async () => {
    const requests = ["foo.htm", "bar.htm", "/foo/"].map((url) => $.get(url));
    const results = await new Promise<unknown[]>((resolve) => {
      // eslint-disable-next-line prefer-spread -- the comment's point is Function.prototype.apply
      $.when.apply($, requests).done((...results: unknown[]) => resolve(results));
    });
    expect(results.map((result) => (result as unknown[])[0])).toEqual([
      "<div>foo</div>",
      "<div>bar</div>",
      "<div>foo folder</div>",
    ]);
  });
});

describe("seed 004: jQuery.when", () => {
  test("$.when($.ajax('test.aspx')).then((data, textStatus, jqXHR) => alert(jqXHR.status))", async () => {
    await $.when($.ajax("test.aspx")).then(function (data, textStatus, jqXHR) {
      alert(jqXHR.status); // Alerts 200
    });
    expect(log).toEqual([200]);
  });

  test("Whip It: a1 and a2 are [data, statusText, jqXHR] for each request", async () => {
    await new Promise<void>((resolve) => {
      $.when($.ajax("/page1.php"), $.ajax("/page2.php")).done(function (a1, a2) {
        // a1 and a2 are arguments resolved for the page1 and page2 ajax requests, respectively.
        // Each argument is an array with the following structure: [ data, statusText, jqXHR ]
        const data = String(a1[0]) + String(a2[0]); // a1[ 0 ] = "Whip", a2[ 0 ] = " It"
        if (/Whip It/.test(data)) {
          alert("We got what we came for!");
        }
        log.push(a1[1], a2[1], a1[2].status);
        resolve();
      });
    });
    expect(log).toEqual(["We got what we came for!", "success", "success", 200]);
  });

  test(".then(myFunc, myFailure): myFunc when both succeed", async () => {
    const myFunc = (...results: unknown[]) => void log.push(["myFunc", results.length]);
    const myFailure = () => void log.push("myFailure");
    await $.when($.ajax("/page1.php"), $.ajax("/page2.php")).then(myFunc, myFailure);
    expect(log).toEqual([["myFunc", 2]]);
  });

  test(".then(myFunc, myFailure): myFailure if either one has an error", async () => {
    const myFunc = () => void log.push("myFunc");
    const myFailure = (jqXHR: unknown, textStatus: unknown) =>
      void log.push(["myFailure", (jqXHR as $.JqXHR).status, textStatus]);
    await $.when($.ajax("/page1.php"), $.ajax("/no-such-page.php")).then(myFunc, myFailure);
    expect(log).toEqual([["myFailure", 404, "error"]]);
  });

  test("on a rejection, the unfinished requests kept in a closure can be cancelled", async () => {
    const slow = $.ajax("/never");
    const failing = $.ajax("/404-json");
    await new Promise<void>((resolve) => {
      $.when(slow, failing).fail(function () {
        slow.abort();
        resolve();
      });
    });
    expect(slow.state()).toBe("rejected");
    expect(slow.statusText).toBe("abort");
    expect(await server.openConnections()).toBeLessThanOrEqual(1);
  });
});
