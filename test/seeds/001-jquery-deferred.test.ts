/**
 * Seed 001 — jQuery API reference, `jQuery.Deferred([beforeStart])`. The page has no code
 * examples; each of its statements about behaviour is checked here, in the page's order.
 */
import { describe, expect, it } from "vitest";
import * as $ from "../../src/index.js";

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("seed 001: jQuery.Deferred([beforeStart])", () => {
  it("the jQuery.Deferred() factory creates a new deferred object", () => {
    const a = $.Deferred();
    const b = $.Deferred();
    expect(a).not.toBe(b);
    expect(typeof a.resolve).toBe("function");
    expect(typeof a.promise).toBe("function");
  });

  it("beforeStart is called just before the method returns, with the new deferred as this and as first argument", () => {
    const calls: unknown[] = [];
    let returned = false;
    const dfd = $.Deferred(function (this: unknown, deferred) {
      calls.push(this, deferred, returned);
    });
    returned = true;
    expect(calls).toEqual([dfd, dfd, false]);
  });

  it("the called function can attach callbacks using deferred.then()", async () => {
    const log: string[] = [];
    const dfd = $.Deferred<string>(function (deferred) {
      deferred.then((value) => log.push(`then saw ${value}`));
    });
    dfd.resolve("it");
    await nextTurn();
    expect(log).toEqual(["then saw it"]);
  });

  it("a Deferred object starts in the pending state", () => {
    expect($.Deferred().state()).toBe("pending");
  });

  it("callbacks added with then(), always(), done() or fail() are queued to be executed later", async () => {
    const log: string[] = [];
    const dfd = $.Deferred();
    dfd.then(() => log.push("then"));
    dfd.always(() => log.push("always"));
    dfd.done(() => log.push("done"));
    dfd.fail(() => log.push("fail"));
    await nextTurn();
    expect(log).toEqual([]);
    dfd.resolve();
    await nextTurn();
    expect(log).toEqual(["always", "done", "then"]);
  });

  it("resolve() transitions the Deferred into the resolved state and immediately executes any doneCallbacks", () => {
    const log: string[] = [];
    const dfd = $.Deferred<string>().done((value) => log.push(`done ${value}`));
    dfd.resolve("now");
    expect(dfd.state()).toBe("resolved");
    expect(log).toEqual(["done now"]);
  });

  it("resolveWith() does the same with a chosen context", () => {
    const element = { id: "foo" };
    const log: unknown[] = [];
    const dfd = $.Deferred().done(function (this: unknown) {
      log.push(this);
    });
    dfd.resolveWith(element);
    expect(dfd.state()).toBe("resolved");
    expect(log).toEqual([element]);
  });

  it("reject() or rejectWith() transitions it into the rejected state and immediately executes any failCallbacks", () => {
    const log: unknown[] = [];
    const first = $.Deferred<never, string>().fail((reason) => log.push(reason));
    first.reject("bad");
    const second = $.Deferred().fail(function (this: unknown, reason) {
      log.push(this, reason);
    });
    second.rejectWith("ctx", ["worse"]);
    expect([first.state(), second.state()]).toEqual(["rejected", "rejected"]);
    expect(log).toEqual(["bad", "ctx", "worse"]);
  });

  it("once the object has entered the resolved or rejected state, it stays in that state", () => {
    const resolved = $.Deferred().resolve();
    resolved.reject().notify().resolve();
    const rejected = $.Deferred().reject();
    rejected.resolve().reject();
    expect(resolved.state()).toBe("resolved");
    expect(rejected.state()).toBe("rejected");
  });

  it("callbacks can still be added to the resolved or rejected Deferred — they will execute immediately", () => {
    const log: string[] = [];
    $.Deferred<string>()
      .resolve("earlier")
      .done((value) => log.push(`done ${value}`))
      .always((value) => log.push(`always ${value}`));
    $.Deferred<never, string>()
      .reject("earlier")
      .fail((value) => log.push(`fail ${value}`));
    expect(log).toEqual(["done earlier", "always earlier", "fail earlier"]);
  });

  it("multiple callbacks can be provided, and invoked regardless of whether the original dispatch has already occurred", () => {
    const log: string[] = [];
    const dfd = $.Deferred<string>();
    dfd.done((value) => log.push(`first ${value}`), [(value) => log.push(`second ${value}`)]);
    dfd.resolve("x");
    dfd.done((value) => log.push(`third ${value}`));
    expect(log).toEqual(["first x", "second x", "third x"]);
  });

  it('a chain-aware function wrapper: resolve(args) "calls" the registered functions with the arguments supplied', () => {
    const log: unknown[] = [];
    const dfd = $.Deferred<[string, number, boolean]>();
    dfd.done((...args) => log.push(args));
    dfd.resolve("a", 1, true);
    expect(log).toEqual([["a", 1, true]]);
  });

  it("a second call to deferred.resolve() is ignored", () => {
    const log: string[] = [];
    const dfd = $.Deferred<string>().done((value) => log.push(value));
    dfd.resolve("first");
    dfd.resolve("second");
    expect(log).toEqual(["first"]);
  });

  it("functions added by then() after the Deferred is resolved are called with the arguments previously provided (since jQuery 3.0, on the next tick rather than immediately)", async () => {
    const log: unknown[] = [];
    const dfd = $.Deferred<[string, number]>().resolve("previous", 2);
    dfd.then((...args) => log.push(args));
    expect(log).toEqual([]);
    await nextTurn();
    expect(log).toEqual([["previous", 2]]);
  });

  it("a Deferred or Promise returned by an API such as jQuery.when() takes callbacks through then(), done() and fail()", async () => {
    const log: string[] = [];
    const api = () => $.when($.Deferred<string>().resolve("from when"));
    api()
      .done((value) => log.push(`done ${value}`))
      .fail(() => log.push("fail"));
    await api().then((value) => log.push(`then ${value}`));
    expect(log).toEqual(["done from when", "then from when"]);
  });
});
