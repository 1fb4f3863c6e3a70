/**
 * The corpus, Deferred part: everyday jQuery-era code, untyped as it was written, compiled under
 * strict TypeScript (6 and 7) with the bridge's `$`. Assertions pin the types a reader hovers.
 * Each `test` is one snippet; test/types/side-by-side.test.ts compiles the same snippets against
 * @types/jquery. Function parameters outside callbacks are annotated, as strict mode requires of
 * any code.
 */
import { describe, expectTypeOf, test } from "vitest";
import { $ } from "./jquery.js";

declare function show(...values: unknown[]): void;
declare const element: HTMLElement;

describe("corpus: Deferred", () => {
  test("d01 a deferred resolved later, its value used as is", () => {
    const dfd = $.Deferred();
    setTimeout(() => dfd.resolve({ people: ["Ada"] }), 10);
    dfd.done((data) => {
      expectTypeOf(data).toBeAny();
      show(data.people.length);
    });
  });

  test("d02 several resolution values", () => {
    const dfd = $.Deferred();
    dfd.done((a, b, c) => {
      expectTypeOf(b).toBeAny();
      show(a + b + c);
    });
    dfd.resolve(1, 2, 3);
  });

  test("d03 a rejection reason read as an error", () => {
    const dfd = $.Deferred();
    dfd.fail((err) => {
      expectTypeOf(err).toBeAny();
      show(err.message);
    });
    dfd.reject(new Error("offline"));
  });

  test("d04 progress notifications with a percentage", () => {
    const dfd = $.Deferred();
    dfd.progress((pct) => show(pct * 100 + "%"));
    dfd.notify(0.5);
  });

  test("d05 always with either outcome", () => {
    const dfd = $.Deferred();
    dfd.always((value) => {
      expectTypeOf(value).toBeAny();
      show(value);
    });
  });

  test("d06 function expressions, jQuery 1.x style", () => {
    const dfd = $.Deferred();
    dfd.done(function (response) {
      show(response.items[0].title);
    });
    dfd.fail(function (xhr, status) {
      show(xhr.status, status.toUpperCase());
    });
  });

  test("d07 a function returning dfd.promise()", () => {
    function wait(ms: number) {
      const dfd = $.Deferred();
      setTimeout(dfd.resolve, ms);
      return dfd.promise();
    }
    wait(100).done(() => show("done"));
    expectTypeOf(wait(1).state()).toEqualTypeOf<"pending" | "resolved" | "rejected">();
  });

  test("d08 beforeStart function", () => {
    const ready = $.Deferred(function (dfd) {
      setTimeout(() => dfd.resolve("go"), 10);
    }).promise();
    ready.done((word) => show(word.toUpperCase()));
  });

  test("d09 new $.Deferred()", () => {
    const dfd = new $.Deferred();
    dfd.resolve("x");
    dfd.done((x) => show(x.length));
  });

  test("d10 resolveWith a context", () => {
    const dfd = $.Deferred();
    dfd.done(function (this: HTMLElement, value) {
      show(this.id, value);
    });
    dfd.resolveWith(element, ["clicked"]);
  });

  test("d11 rejectWith and notifyWith with arguments", () => {
    function relay(this: unknown) {
      const dfd = $.Deferred();
      // eslint-disable-next-line prefer-rest-params
      dfd.notifyWith(this, arguments);
      // eslint-disable-next-line prefer-rest-params
      dfd.rejectWith(this, arguments);
      return dfd;
    }
    relay().fail((first) => show(first));
  });

  test("d12 a deferred passed around as a variable", () => {
    let pending = $.Deferred();
    pending.resolve();
    pending = $.Deferred();
    expectTypeOf(pending.state()).toBeString();
  });

  test("d13 detached resolve as a callback", () => {
    const dfd = $.Deferred();
    const image = new Image();
    image.onload = dfd.resolve;
    image.onerror = dfd.reject;
    dfd.done(() => show("loaded"));
  });

  test("d14 callbacks given as arrays", () => {
    const dfd = $.Deferred();
    dfd.done([(a) => show(a), (a) => show(a * 2)], (a) => show(a - 1));
  });

  test("d15 chained done/fail/always", () => {
    $.Deferred()
      .done((v) => show(v.name))
      .fail((e) => show(e.stack))
      .always(() => show("finally"))
      .resolve({ name: "x" });
  });

  test("d16 await of an untyped deferred", async () => {
    const value = await $.Deferred().resolve({ total: 3 });
    expectTypeOf(value).toBeAny();
    show(value.total + 1);
  });

  test("d17 state checks", () => {
    const dfd = $.Deferred();
    if (dfd.state() === "pending") dfd.resolve();
  });

  test("d18 a deferred stored on an object", () => {
    const loader = { ready: $.Deferred(), items: [] as string[] };
    loader.ready.done((items) => loader.items.push(...items));
    loader.ready.resolve(["a", "b"]);
  });
});

describe("corpus: promise(target)", () => {
  test("p01 promise() hides the mutators", () => {
    const promise = $.Deferred().promise();
    promise.done((v) => show(v.id));
    expectTypeOf(promise).not.toHaveProperty("resolve");
  });

  test("p02 promise(target) makes an object a promise", () => {
    const obj = { hello: (name: string) => "Hello " + name };
    const defer = $.Deferred();
    defer.promise(obj);
    defer.resolve("John");
    const promised = defer.promise(obj);
    promised.done((name) => show(promised.hello(name)));
    expectTypeOf(promised.hello).toEqualTypeOf<(name: string) => string>();
  });

  test("p03 a jqXHR-like object built by hand", () => {
    const fake = { status: 0, abort() {} };
    const deferred = $.Deferred();
    const request = deferred.promise(fake);
    request.done((data) => show(data.rows, request.status));
    request.abort();
  });

  test("p04 promise(target) of a rejected deferred", () => {
    const target = { name: "job" };
    const job = $.Deferred().reject("why").promise(target);
    job.fail((reason) => show(job.name, reason.length));
  });
});

describe("corpus: then, pipe, catch", () => {
  test("t01 then transforms untyped data", () => {
    $.Deferred()
      .resolve({ people: [{ name: "Ada" }] })
      .then((json) => json.people)
      .done((people) => {
        expectTypeOf(people).toBeAny();
        show(people[0].name);
      });
  });

  test("t02 then with both handlers", () => {
    $.Deferred()
      .then(
        (value) => value * 2,
        (err) => err.message,
      )
      .done((result) => show(result));
  });

  test("t03 a rejection after then is untyped", () => {
    $.Deferred()
      .then((v) => v.data)
      .fail((err) => {
        expectTypeOf(err).toBeAny();
        show(err.message);
      });
  });

  test("t04 then returning another deferred's promise", () => {
    function next(id: number) {
      return $.Deferred().resolve({ id }).promise();
    }
    $.Deferred()
      .resolve(1)
      .then((id) => next(id))
      .done((item) => show(item.id));
  });

  test("t05 chained thens on untyped values", () => {
    $.Deferred()
      .resolve("3")
      .then((text) => parseInt(text, 10))
      .then((n) => {
        expectTypeOf(n).toEqualTypeOf<number>();
        return n + 1;
      })
      .then((n) => show(n));
  });

  test("t06 catch returns a fallback", () => {
    $.Deferred()
      .reject("boom")
      .catch((reason) => "recovered from " + reason)
      .done((text) => expectTypeOf(text).toBeAny());
  });

  test("t07 catch after then, reading the error", () => {
    $.Deferred()
      .then((v) => v.missing.deep)
      .catch((e) => show(e.message));
  });

  test("t08 pipe as a filter (jQuery 1.7)", () => {
    const filtered = $.Deferred()
      .resolve(2)
      .pipe((value) => value * 2);
    filtered.done((value) => show(value + 1));
  });

  test("t09 pipe turning a failure into a success", () => {
    $.Deferred()
      .reject({ code: 404 })
      .pipe(null, (error) => $.Deferred().resolve(error.code))
      .done((code) => show(code));
  });

  test("t10 pipe chaining requests", () => {
    $.Deferred()
      .resolve({ next: "/page/2" })
      .pipe((page) => $.ajax(page.next))
      .done((data) => show(data.items));
  });

  test("t11 then progress handler", () => {
    $.Deferred()
      .then(null, null, (pct) => pct * 100)
      .progress((pct) => show(pct.toFixed(0)));
  });

  test("t12 then's returned promise's notifications reach progress", () => {
    const upload = $.Deferred();
    $.Deferred()
      .resolve()
      .then(() => upload.promise())
      .progress((loaded) => show(loaded));
  });

  test("t13 await after then", async () => {
    const people = await $.Deferred()
      .resolve({ people: [1, 2] })
      .then((json) => json.people);
    expectTypeOf(people).toBeAny();
  });

  test("t14 then handlers with different arities keep every value", () => {
    $.Deferred()
      .then(
        () => $.Deferred().resolve(1, 2, 3),
        () => "single",
      )
      .done((a, b, c) => show(a, b, c));
  });

  test("t15 then with a handler returning nothing", () => {
    $.Deferred()
      .then(() => {
        show("side effect");
      })
      .done((nothing) => expectTypeOf(nothing).toBeVoid());
  });

  test("t16 then handler using this", () => {
    $.Deferred().then(function (value) {
      show(this, value);
    });
  });

  test("t17 a loop that chains", () => {
    let last = $.Deferred().resolve().promise();
    for (const step of [1, 2, 3]) {
      last = last.then(() => $.Deferred().resolve(step));
    }
    last.done((value) => show(value));
  });
});
