/**
 * promise(target): promoting an existing object (a jqXHR, a plain object, a function) to a
 * promise, and the detached and borrowed use of every method that makes it work (spec §2.1, §2.5).
 */
import { describe, expect, it } from "vitest";
import { Deferred } from "../../src/index.js";
import { recorder } from "./helpers.js";

const PROMISE_KEYS = [
  "state",
  "always",
  "catch",
  "pipe",
  "then",
  "promise",
  "progress",
  "done",
  "fail",
] as const;

describe("promise(target)", () => {
  it("copies the nine promise methods onto the target and returns the target", () => {
    const dfd = Deferred();
    const target = { id: 7 };
    const result = dfd.promise(target);
    expect(result).toBe(target);
    for (const key of PROMISE_KEYS) expect(typeof result[key]).toBe("function");
    expect(result.id).toBe(7);
  });

  it("copies the very same function objects as the promise's", () => {
    const dfd = Deferred();
    const target = dfd.promise({});
    const promise = dfd.promise();
    for (const key of PROMISE_KEYS) expect(target[key]).toBe(promise[key]);
  });

  it("does not give the target any mutator", () => {
    const target = Deferred().promise({});
    for (const mutator of [
      "resolve",
      "resolveWith",
      "reject",
      "rejectWith",
      "notify",
      "notifyWith",
    ]) {
      expect(mutator in target).toBe(false);
    }
  });

  it("extends functions too", () => {
    const dfd = Deferred();
    const fn = Object.assign(() => "still callable", {});
    const result = dfd.promise(fn);
    expect(result).toBe(fn);
    expect(result()).toBe("still callable");
    const { fn: done, calls } = recorder();
    result.done(done);
    dfd.resolve("through the function");
    expect(calls.map((call) => call.args)).toEqual([["through the function"]]);
  });

  it("makes the target follow the deferred: state, callbacks and then", async () => {
    const dfd = Deferred();
    const job = dfd.promise({ name: "job" });
    const { fn, calls } = recorder();
    job.done(fn);
    expect(job.state()).toBe("pending");
    dfd.resolve("ok");
    expect(job.state()).toBe("resolved");
    expect(calls.map((call) => call.args)).toEqual([["ok"]]);
    await expect(job.then((value) => `${String(value)}!`)).resolves.toBe("ok!");
  });

  it("returns the target from its callback adders, so calls chain on the target", () => {
    const target = Deferred().promise({ extra: () => "extra" });
    expect(target.done(() => undefined)).toBe(target);
    expect(target.fail(() => undefined)).toBe(target);
    expect(target.progress(() => undefined)).toBe(target);
    expect(target.always(() => undefined)).toBe(target);
    expect(target.done(() => undefined).extra()).toBe("extra");
  });

  it("target.promise() returns the deferred's promise, not the target", () => {
    const dfd = Deferred();
    const target = dfd.promise({});
    expect(target.promise()).toBe(dfd.promise());
  });

  it("overwrites methods the target already had (redirecting an existing promise interface)", () => {
    const original = Deferred();
    const jqXHR = original.promise({ status: 200 });
    const replacement = Deferred();
    replacement.promise(jqXHR);
    const { fn, calls } = recorder();
    jqXHR.done(fn);
    original.resolve("old interface");
    expect(calls).toEqual([]);
    replacement.resolve("new interface");
    expect(calls.map((call) => call.args)).toEqual([["new interface"]]);
  });

  it("can be called on the promise or on another target, with the same effect", () => {
    const dfd = Deferred();
    const first = dfd.promise().promise({});
    const second = first.promise({});
    expect(second.done).toBe(dfd.done);
  });

  it("rejects a primitive target with a TypeError naming target (difference #5)", () => {
    const dfd = Deferred();
    for (const primitive of [1, "text", true, Symbol("s"), 10n]) {
      expect(() => dfd.promise(primitive as never)).toThrow(TypeError);
      expect(() => dfd.promise(primitive as never)).toThrow(/target/);
    }
  });

  it("rejects a frozen target with a TypeError that says why (difference #5)", () => {
    const dfd = Deferred();
    const frozen = Object.freeze({});
    expect(() => dfd.promise(frozen)).toThrow(TypeError);
    expect(() => dfd.promise(frozen)).toThrow(/frozen/);
  });
});

describe("detached and borrowed methods", () => {
  it("every method keeps working when read off the deferred and called alone", async () => {
    const dfd = Deferred();
    const { done, fail, progress, always, notify, resolve, state, then, promise } = dfd;
    const order: string[] = [];
    done(() => order.push("done"));
    fail(() => order.push("fail"));
    progress((value: unknown) => order.push(`progress ${String(value)}`));
    always(() => order.push("always"));
    const derived = then((value: unknown) => `then ${String(value)}`);
    notify(1);
    resolve("v");
    expect(state()).toBe("resolved");
    expect(promise()).toBe(dfd.promise());
    expect(order).toEqual(["progress 1", "done", "always"]);
    await expect(derived).resolves.toBe("then v");
  });

  it("callback adders return whatever they were called on", () => {
    const dfd = Deferred();
    const holder = { done: dfd.done, always: dfd.always };
    expect(holder.done(() => undefined)).toBe(holder);
    expect(holder.always(() => undefined)).toBe(holder);
  });

  it("a resolve borrowed onto another object (obj.m = dfd.resolve) resolves with that object as context", () => {
    const dfd = Deferred();
    const { fn, calls } = recorder();
    dfd.done(fn);
    const object = { m: dfd.resolve };
    object.m(1);
    expect(calls).toEqual([{ context: object, args: [1] }]);
  });

  it("a resolve passed as another deferred's done callback (jqXHR.done(defer.resolve)) resolves with that deferred's context and values", () => {
    const source = Deferred();
    const follower = Deferred();
    const { fn, calls } = recorder();
    follower.done(fn);
    source.done(follower.resolve);
    source.resolveWith("xhr", ["data", "success"]);
    expect(calls).toEqual([{ context: "xhr", args: ["data", "success"] }]);
  });

  it("copying a deferred's for…in keys onto a plain object ($.extend) gives working methods", () => {
    const dfd = Deferred();
    const copy: Record<string, (...args: unknown[]) => unknown> = {};
    for (const key in dfd) {
      copy[key] = (dfd as unknown as Record<string, (...args: unknown[]) => unknown>)[key]!;
    }
    const { fn, calls } = recorder();
    copy["done"]!(fn);
    copy["resolve"]!("via copy");
    expect(dfd.state()).toBe("resolved");
    expect(calls).toEqual([{ context: copy, args: ["via copy"] }]);
  });
});
