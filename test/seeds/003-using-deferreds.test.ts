/**
 * Seed 003 — Eric Hynds, "Using Deferreds in jQuery 1.5", and its reader comments.
 *
 * Translated only as far as Node requires: `$('#foo').fadeIn(1000, dfd.resolve)` becomes a timer
 * that calls `dfd.resolve` with the element as `this` (as jQuery's animation callbacks do);
 * `console.log` writes to a recorded log; `$.data(element, key)` is a Map. The examples that make
 * real requests (`$.get`, `$.ajax`, `.success/.error/.complete`, `$.when(getData(), showDiv())`,
 * `$.when(doAjax(), doMoreAjax())`) are run by the ajax suite, in test/ajax.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as $ from "../../src/index.js";

let log: string[];
const console = { log: (text: string) => log.push(text) };

/** `$('#foo').fadeIn(duration, complete)`: calls `complete` on the element when the animation ends. */
const foo = { id: "foo" };
function fadeIn(element: object, duration: number, complete: () => void) {
  setTimeout(() => complete.call(element), duration);
}

beforeEach(() => {
  log = [];
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("seed 003: Creating your own Deferred", () => {
  function showDiv() {
    const dfd = $.Deferred();

    fadeIn(foo, 1000, dfd.resolve);

    return dfd.promise();
  }

  it("showDiv() returns a promise that resolves when the animation completes", async () => {
    const promise = showDiv();
    $.when(promise).then(function () {
      console.log("The animation is done!");
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(promise.state()).toBe("pending");
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(promise.state()).toBe("resolved");
    expect(log).toEqual(["The animation is done!"]);
  });

  it("the detached dfd.resolve passed to fadeIn resolves with the element as context", async () => {
    const contexts: unknown[] = [];
    showDiv().done(function (this: unknown) {
      contexts.push(this);
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(contexts).toEqual([foo]);
  });

  it("the promise is read-only: the caller cannot resolve it before the animation ends", () => {
    const promise = showDiv() as unknown as Record<string, unknown>;
    expect(promise["resolve"]).toBeUndefined();
    expect(promise["reject"]).toBeUndefined();
  });
});

describe("seed 003: the $.Deferred(fn).promise() signature (1/15/2011 update)", () => {
  function showDivLong() {
    const dfd = $.Deferred();

    fadeIn(foo, 1000, dfd.resolve);

    return dfd.promise();
  }

  // same as:

  function showDivShort() {
    return $.Deferred(function (dfd) {
      fadeIn(foo, 1000, dfd.resolve);
    }).promise();
  }

  it("the two approaches to creating a deferred are equivalent", async () => {
    const long = showDivLong();
    const short = showDivShort();
    const seen: unknown[] = [];
    for (const promise of [long, short]) {
      expect(Object.keys(promise)).toEqual([]);
      expect("resolve" in promise).toBe(false);
      promise.done(function (this: unknown, ...args: unknown[]) {
        seen.push([this, args]);
      });
    }
    expect([long.state(), short.state()]).toEqual(["pending", "pending"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect([long.state(), short.state()]).toEqual(["resolved", "resolved"]);
    expect(seen).toEqual([
      [foo, []],
      [foo, []],
    ]);
  });

  it("Julian's comment: $.when($.Deferred(fn)) inline is equivalent to $.when(showDiv())", async () => {
    $.when(
      $.Deferred(function (dfd) {
        fadeIn(foo, 1000, dfd.resolve);
      }),
    ).then(function () {
      console.log("inline: the animation is done!");
    });

    function showDiv() {
      const dfd = $.Deferred();

      fadeIn(foo, 1000, dfd.resolve);

      return dfd.promise();
    }

    $.when(showDiv()).then(function () {
      console.log("showDiv: the animation is done!");
    });

    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(["inline: the animation is done!", "showDiv: the animation is done!"]);
  });

  it("Carter Thaxton's comment: returning $.Deferred(fn) without .promise() works too, but stays writable", async () => {
    function showDiv() {
      return $.Deferred(function (dfd) {
        fadeIn(foo, 1000, dfd.resolve);
      });
    }
    const dfd = showDiv();
    $.when(dfd).then(() => console.log("done"));
    expect(typeof dfd.resolve).toBe("function");
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(["done"]);
  });

  it('the author\'s reply: "returning the promise makes the deferred read only" — someone holding the deferred can resolve it early', async () => {
    const writable = $.Deferred(function (dfd) {
      fadeIn(foo, 1000, dfd.resolve);
    });
    const readOnly = writable.promise() as unknown as Record<string, unknown>;
    writable.resolve("early");
    expect(writable.state()).toBe("resolved");
    expect(readOnly["resolve"]).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    const values: unknown[] = [];
    writable.done((value) => values.push(value));
    expect(values).toEqual(["early"]);
  });
});

describe("seed 003: Registering callbacks", () => {
  it("done, fail and always accept functions or arrays of functions, in one call or several", () => {
    const behaviours = [() => console.log("first"), () => console.log("second")];
    $.Deferred()
      .done(behaviours, () => console.log("third"))
      .done([[() => console.log("fourth")]])
      .always(behaviours)
      .resolve();
    expect(log).toEqual(["first", "second", "third", "fourth", "first", "second"]);
  });

  it("callbacks fire in the order they were assigned", () => {
    const dfd = $.Deferred();
    for (const name of ["a", "b", "c", "d"]) dfd.done(() => console.log(name));
    dfd.resolve();
    expect(log).toEqual(["a", "b", "c", "d"]);
  });
});

describe("seed 003: Chaining Hotness — saveContact()", () => {
  interface ContactResponse {
    success: boolean;
    errors?: string[];
    id?: number;
  }

  /** A stand-in for the jQuery Form plugin's `form.ajaxSubmit(options)`; no network. */
  function makeForm(outcome: "saved" | "http error") {
    return {
      ajaxSubmit(options: {
        dataType: string;
        success: (response: ContactResponse) => void;
        error: (status: number) => void;
      }) {
        setTimeout(() => {
          if (outcome === "saved") options.success({ success: true, id: 7 });
          else options.error(500);
        }, 50);
      },
    };
  }

  function saveContact(row: { name: string }, outcome: "saved" | "http error" = "saved") {
    const form = makeForm(outcome),
      messages: string[] = [],
      dfd = $.Deferred<ContactResponse, number>();
    let valid = true;

    /*
      bunch of client-side validation here
    */
    if (row.name.trim() === "") {
      valid = false;
      messages.push("name is required");
    }

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

  function handle(promise: ReturnType<typeof saveContact>) {
    return promise
      .then(function (response) {
        if (response.success) {
          // saving worked; rejoice
          console.log(`saved contact ${String(response.id)}`);
        } else {
          // client-side validation failed
          // output the contents of response.errors
          console.log(`validation failed: ${response.errors!.join(", ")}`);
        }
      })
      .fail(function (err) {
        // AJAX request failed
        console.log(`request failed: ${String(err)}`);
      });
  }

  it("when client-side validation fails, the deferred is resolved with { success: false, errors }", async () => {
    const promise = saveContact({ name: "  " });
    expect(promise.state()).toBe("resolved");
    handle(promise);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["validation failed: name is required"]);
  });

  it("when the form submits, the success handler receives the response through the detached dfd.resolve", async () => {
    handle(saveContact({ name: "Ada" }));
    await vi.advanceTimersByTimeAsync(50);
    expect(log).toEqual(["saved contact 7"]);
  });

  it("when the submission fails, the rejection passes through then() to the fail() handler", async () => {
    handle(saveContact({ name: "Ada" }, "http error"));
    await vi.advanceTimersByTimeAsync(50);
    expect(log).toEqual(["request failed: 500"]);
  });
});

describe("seed 003: Non-observable Tasks", () => {
  const dataCache = new Map<object, Map<string, unknown>>();
  const data = (element: object, key: string, value?: unknown) => {
    const store = dataCache.get(element) ?? new Map<string, unknown>();
    dataCache.set(element, store);
    if (value !== undefined) store.set(key, value);
    return store.get(key);
  };
  let serverCalls: number;

  /** Stands in for `$.get('/start-task/')`: the server records and returns a timestamp. */
  function getStartTask() {
    serverCalls++;
    return $.Deferred<string>(function (dfd) {
      setTimeout(() => dfd.resolve("2011-01-31 10:00"), 100);
    }).promise();
  }

  function startTask(element: object) {
    const timestamp = data(element, "timestamp");

    if (timestamp) {
      return timestamp;
    } else {
      return getStartTask().done(function (timestamp) {
        data(element, "timestamp", timestamp);
      });
    }
  }

  function onClick(element: object) {
    $.when(startTask(element)).done(function (timestamp) {
      console.log("You first started this task on: " + String(timestamp));
    });
    console.log("loadApplication()");
  }

  beforeEach(() => {
    dataCache.clear();
    serverCalls = 0;
  });

  it("the first click waits for the server; later clicks use the cached value synchronously", async () => {
    const launchApplication = {};
    onClick(launchApplication);
    expect(log).toEqual(["loadApplication()"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual(["loadApplication()", "You first started this task on: 2011-01-31 10:00"]);
    log.length = 0;
    onClick(launchApplication);
    expect(log).toEqual(["You first started this task on: 2011-01-31 10:00", "loadApplication()"]);
    expect(serverCalls).toBe(1);
  });

  it("$.when() of something without a promise resolves with it at once", () => {
    const seen: unknown[] = [];
    $.when("a plain string").done((value) => seen.push(value));
    expect(seen).toEqual(["a plain string"]);
  });

  it("the gotcha, $.when(obj) where obj.promise() returns nothing: no exception escapes; the result is rejected with a TypeError and fn never runs (jQuery 4 also rejects, with an obscure TypeError)", async () => {
    const obj = {
      promise: function () {
        // do something
      },
    };
    const warn = vi.spyOn(globalThis.console, "warn").mockImplementation(() => undefined);
    const fn = vi.fn();
    const reasons: unknown[] = [];
    let result: ReturnType<typeof $.when> | undefined;
    expect(() => {
      result = $.when(obj);
      result.then(fn);
    }).not.toThrow();
    result!.fail((reason) => reasons.push(reason));
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).not.toHaveBeenCalled();
    expect(result!.state()).toBe("rejected");
    expect(reasons[0]).toBeInstanceOf(TypeError);
    expect((reasons[0] as Error).message).toContain("promise()");
    // The TypeError passing through then() reaches Deferred.exceptionHook, which warns (as jQuery's).
    expect(warn).toHaveBeenCalledWith("jQuery.Deferred exception", reasons[0], undefined);
    warn.mockRestore();
  });
});

describe("seed 003: reader comments", () => {
  it("$.when doesn't take an array, but you can .apply an array of promises to it", () => {
    const tasks = [1, 2, 3].map((n) =>
      $.Deferred<number>(function (dfd) {
        setTimeout(() => dfd.resolve(n * 10), n * 10);
      }).promise(),
    );
    const seen: unknown[] = [];
    // eslint-disable-next-line prefer-spread
    const all = $.when.apply($, tasks as never) as ReturnType<typeof $.when>;
    all.done(function (...results: unknown[]) {
      seen.push(results);
    });
    // Spread syntax does the same today.
    $.when(...tasks).done((...results: unknown[]) => seen.push(results));
    vi.advanceTimersByTime(30);
    expect(seen).toEqual([
      [10, 20, 30],
      [10, 20, 30],
    ]);
  });

  it("abusing the syntax for grouping source code: $.when(new function () {...}).then(...).then(...).done(...)", async () => {
    /* Init Dialog */
    $.when(
      new (
        function (this: object) {
          console.log("Init Dialog");
        } as unknown as new () => object
      )(),
    )
      /* Init Tab I */
      .then(function () {
        console.log("Init Tab I");
      })
      /* Init Tab II */
      .then(function () {
        console.log("Init Tab II");
      })
      /* Show Dialog */
      .done(function () {
        console.log("Show Dialog");
      });
    expect(log).toEqual(["Init Dialog"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(["Init Dialog", "Init Tab I", "Init Tab II", "Show Dialog"]);
  });

  it("return dfd.promise() instead of dfd: both work with $.when, only the deferred can be resolved by the caller", () => {
    const dfd = $.Deferred(function () {
      // something async
    });
    const seen: string[] = [];
    $.when(dfd).done(() => seen.push("via deferred"));
    $.when(dfd.promise()).done(() => seen.push("via promise"));
    expect("resolve" in dfd.promise()).toBe(false);
    dfd.resolve();
    return vi.advanceTimersByTimeAsync(0).then(() => {
      expect(seen).toEqual(["via deferred", "via promise"]);
    });
  });
});
