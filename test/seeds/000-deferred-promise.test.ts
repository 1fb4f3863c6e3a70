/**
 * Seed 000 — jQuery API reference, `deferred.promise([target])`. Its two code blocks were lost in
 * the scrape; they are jQuery's documented examples, reconstructed here as the brief describes
 * (`$("body").append(...)` and `alert(...)` write to a recorded log instead of the page).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as $ from "../../src/index.js";

describe("seed 000, example 1: asyncEvent() resolves or rejects on random timers and notifies on a timer", () => {
  let log: string[];
  const alert = (text: string) => log.push(`alert: ${text}`);
  const body = { append: (text: string) => log.push(`body: ${text}`) };

  /** The documented example, with `Math.random` driving which timer wins. */
  function asyncEvent() {
    const dfd = $.Deferred<string, string, string>();

    // Resolve after a random interval
    setTimeout(
      function () {
        dfd.resolve("hurray");
      },
      Math.floor(400 + Math.random() * 2000),
    );

    // Reject after a random interval
    setTimeout(
      function () {
        dfd.reject("sorry");
      },
      Math.floor(400 + Math.random() * 2000),
    );

    // Show a "working..." message every half-second
    setTimeout(function working() {
      if (dfd.state() === "pending") {
        dfd.notify("working... ");
        setTimeout(working, 500);
      }
    }, 1);

    // Return the Promise so caller can't change the Deferred
    return dfd.promise();
  }

  beforeEach(() => {
    log = [];
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Makes the resolve timer fire after `resolveAfter` ms and the reject timer after `rejectAfter`. */
  function timersAt(resolveAfter: number, rejectAfter: number) {
    vi.spyOn(Math, "random")
      .mockReturnValueOnce((resolveAfter - 400) / 2000)
      .mockReturnValueOnce((rejectAfter - 400) / 2000);
  }

  it("when the resolve timer wins, the done handler alerts and the later reject has no effect", async () => {
    timersAt(1200, 2000);
    const promise = asyncEvent();
    $.when(promise).then(
      function (status) {
        alert(status + ", things are going well");
      },
      function (status) {
        alert(status + ", you fail this time");
      },
      function (status) {
        body.append(status);
      },
    );
    await vi.advanceTimersByTimeAsync(2500);
    expect(promise.state()).toBe("resolved");
    expect(log).toEqual(["alert: hurray, things are going well"]);
  });

  it("when the reject timer wins, the fail handler alerts and the later resolve has no effect", async () => {
    timersAt(2300, 700);
    const promise = asyncEvent();
    $.when(promise).then(
      function (status) {
        alert(status + ", things are going well");
      },
      function (status) {
        alert(status + ", you fail this time");
      },
      function (status) {
        body.append(status);
      },
    );
    await vi.advanceTimersByTimeAsync(2500);
    expect(promise.state()).toBe("rejected");
    expect(log).toEqual(["alert: sorry, you fail this time"]);
  });

  it('through $.when the progress handler is never called: since jQuery 3.0 when(x) does not forward progress (jQuery 4 agrees), so "working..." needs asyncEvent().then(...)', async () => {
    timersAt(1200, 2000);
    const promise = asyncEvent();
    const viaWhen: string[] = [];
    $.when(promise).then(null, null, (status) => viaWhen.push(status));
    promise.then(
      function (status) {
        alert(status + ", things are going well");
      },
      function (status) {
        alert(status + ", you fail this time");
      },
      function (status) {
        body.append(status);
      },
    );
    await vi.advanceTimersByTimeAsync(2500);
    expect(viaWhen).toEqual([]);
    // Notified at 1, 501 and 1001 ms, then resolved at 1200 ms.
    expect(log).toEqual([
      "body: working... ",
      "body: working... ",
      "body: working... ",
      "alert: hurray, things are going well",
    ]);
  });

  it("the returned promise cannot change the Deferred", () => {
    timersAt(1200, 2000);
    const promise = asyncEvent() as unknown as Record<string, unknown>;
    for (const mutator of [
      "resolve",
      "reject",
      "notify",
      "resolveWith",
      "rejectWith",
      "notifyWith",
    ]) {
      expect(promise[mutator]).toBeUndefined();
    }
  });
});

describe("seed 000, example 2: the target argument promotes an existing object to a Promise", () => {
  it('obj.done(...).hello("Karl") greets Karl, and resolving with "John" greets John', () => {
    const log: string[] = [];
    const alert = (text: string) => log.push(text);

    // Existing object
    const obj = {
      hello: function (name: string) {
        alert("Hello " + name);
      },
    };
    // Create a Deferred
    const defer = $.Deferred<string>();

    // Set object as a promise
    defer.promise(obj);

    // Resolve the deferred
    defer.resolve("John");

    // Use the object as a Promise
    (obj as typeof obj & $.DeferredPromise<string>)
      .done(function (name) {
        obj.hello(name); // Will alert "Hello John"
      })
      .hello("Karl"); // Will alert "Hello Karl"

    expect(log).toEqual(["Hello John", "Hello Karl"]);
  });
});
