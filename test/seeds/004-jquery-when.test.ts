/**
 * Seed 004 — jQuery API reference, `jQuery.when(deferreds)`. `alert` and `console.log` write to a
 * recorded log. The examples over `$.ajax("test.aspx")`, `$.ajax("/page1.php")` and
 * `$.ajax("/page2.php")` make requests and are run by the ajax suite, in test/ajax.
 */
import { beforeEach, describe, expect, it } from "vitest";
import * as $ from "../../src/index.js";

let log: unknown[];
const alert = (text: unknown) => log.push(`alert: ${String(text)}`);
const console = { log: (value: unknown) => log.push(value) };
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  log = [];
});

describe("seed 004: jQuery.when(deferreds)", () => {
  it("a single argument that is not a Deferred or a Promise is treated as resolved: doneCallbacks run immediately with it", () => {
    $.when({ testing: 123 }).done(function (x) {
      alert(x.testing); // Alerts "123"
    });
    expect(log).toEqual(["alert: 123"]);
  });

  it("failCallbacks of such a single argument are never called", async () => {
    $.when({ testing: 123 }).fail(() => alert("never"));
    await nextTurn();
    expect(log).toEqual([]);
  });

  it('with no arguments, returns a resolved promise: $.when().then(...) alerts "I fired immediately" (on the next tick, since then() is asynchronous)', async () => {
    const promise = $.when();
    expect(promise.state()).toBe("resolved");
    promise.then(function (x) {
      alert("I fired immediately");
      log.push(x);
    });
    await nextTurn();
    expect(log).toEqual(["alert: I fired immediately", undefined]);
  });

  it("a single Deferred: the returned promise follows it (since jQuery 3.0 a new promise, not the Deferred's own)", async () => {
    const dfd = $.Deferred<[string, string]>();
    const promise = $.when(dfd);
    expect(promise).not.toBe(dfd.promise());
    promise.then(function (data, textStatus) {
      alert(`${data} ${textStatus}`);
    });
    dfd.resolve("data", "success");
    await nextTurn();
    expect(log).toEqual(["alert: data success"]);
  });

  it('d1 and d2: the doneCallback receives "Fish" and "Pizza" in argument order', () => {
    const d1 = $.Deferred<string>();
    const d2 = $.Deferred<string>();

    $.when(d1, d2).done(function (v1, v2) {
      console.log(v1); // "Fish"
      console.log(v2); // "Pizza"
    });

    d1.resolve("Fish");
    d2.resolve("Pizza");

    expect(log).toEqual(["Fish", "Pizza"]);
  });

  it("d1, d2 and d3: no value gives undefined, one value gives that value, several give an array", () => {
    const d1 = $.Deferred<[]>();
    const d2 = $.Deferred<string>();
    const d3 = $.Deferred<[number, number, number, number, number]>();

    $.when(d1, d2, d3).done(function (v1, v2, v3) {
      console.log(v1); // v1 is undefined
      console.log(v2); // v2 is "abc"
      console.log(v3); // v3 is an array [ 1, 2, 3, 4, 5 ]
    });

    d1.resolve();
    d2.resolve("abc");
    d3.resolve(1, 2, 3, 4, 5);

    expect(log).toEqual([undefined, "abc", [1, 2, 3, 4, 5]]);
  });

  it("the master Deferred resolves only once all the Deferreds resolve", () => {
    const d1 = $.Deferred();
    const d2 = $.Deferred();
    const master = $.when(d1, d2);
    d1.resolve();
    expect(master.state()).toBe("pending");
    d2.resolve();
    expect(master.state()).toBe("resolved");
  });

  it("when one Deferred is rejected, the failCallbacks fire immediately, with that Deferred's rejection arguments, while others may still be unresolved", () => {
    const request1 = $.Deferred();
    const request2 = $.Deferred();
    const request3 = $.Deferred();
    $.when(request1, request2, request3).fail(function (jqXHR, statusText, errorMsg) {
      alert(`${String(statusText)}: ${String(errorMsg)}`);
      // keep references to cancel the unfinished requests
      log.push([request1.state(), request2.state(), request3.state()]);
    });
    request1.resolve("ok");
    request2.reject({ status: 500 }, "error", "Internal Server Error");
    expect(log).toEqual([
      "alert: error: Internal Server Error",
      ["resolved", "rejected", "pending"],
    ]);
  });

  it("myFunc runs when all succeed, myFailure when either fails: $.when(a, b).then(myFunc, myFailure)", async () => {
    const myFunc = (a1: unknown, a2: unknown) => log.push(["myFunc", a1, a2]);
    const myFailure = (reason: unknown) => log.push(["myFailure", reason]);
    $.when($.Deferred().resolve("Whip"), $.Deferred().resolve(" It")).then(myFunc, myFailure);
    $.when($.Deferred().resolve("Whip"), $.Deferred().reject("404")).then(myFunc, myFailure);
    await nextTurn();
    expect(log).toEqual([
      ["myFunc", "Whip", " It"],
      ["myFailure", "404"],
    ]);
  });
});
