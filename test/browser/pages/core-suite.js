// A representative in-browser build of the core unit tests, run against the minified ES module
// bundle: Deferred, promise(target), then/catch/pipe, when, Callbacks, the schedulers and the
// exception hooks, including what only a browser can show (window "error" events, timer clamping).
import {
  Callbacks,
  Deferred,
  getScheduler,
  setScheduler,
  when,
} from "/dist/browser/jq-deferred.min.js";

const { test, assert, sleep } = window.suite;

/** Records what each call of a callback saw: `this` and arguments. */
function recorder() {
  const calls = [];
  const fn = function (...args) {
    calls.push({ context: this, args });
  };
  return { fn, calls };
}

/** Runs `body` with `setScheduler(setting)`, restoring the previous policy afterwards. */
async function withScheduler(setting, body) {
  const previous = getScheduler();
  setScheduler(setting);
  try {
    await body();
  } finally {
    setScheduler(previous);
  }
}

// Deferred

test("Deferred: resolve runs done callbacks synchronously with every value, once", () => {
  const dfd = Deferred();
  const done = recorder();
  dfd.done(done.fn);
  assert.is(dfd.state(), "pending");
  dfd.resolve(1, "two", [3]);
  dfd.resolve("ignored");
  dfd.reject("ignored");
  assert.is(dfd.state(), "resolved");
  assert.equal(
    done.calls.map((call) => call.args),
    [[1, "two", [3]]],
  );
});

test("Deferred: callbacks added after settling run immediately with the stored values", () => {
  const dfd = Deferred().reject("no");
  const seen = [];
  dfd.fail((reason) => seen.push(reason)).always((reason) => seen.push(`always ${reason}`));
  assert.equal(seen, ["no", "always no"]);
});

test("Deferred: resolveWith/rejectWith/notifyWith pass the context as this", () => {
  const ctx = { name: "ctx" };
  const progress = recorder();
  const done = recorder();
  const dfd = Deferred().progress(progress.fn).done(done.fn);
  dfd.notifyWith(ctx, [10]).resolveWith(ctx, ["ok"]);
  dfd.notify("after settling: ignored");
  assert.is(progress.calls.length, 1);
  assert.is(progress.calls[0].context, ctx);
  assert.is(done.calls[0].context, ctx);
  assert.equal(done.calls[0].args, ["ok"]);
});

test("Deferred: beforeStart receives the deferred as this and argument, with or without new", () => {
  let seen;
  const dfd = new Deferred(function (d) {
    seen = [this, d];
  });
  assert.is(seen[0], dfd);
  assert.is(seen[1], dfd);
});

test("Deferred: methods are detachable, so setTimeout(dfd.resolve, ms, value) works", async () => {
  const dfd = Deferred();
  setTimeout(dfd.resolve, 5, "later");
  const value = await new Promise((resolve) => dfd.done(resolve));
  assert.is(value, "later");
  assert.is(dfd.done, dfd.promise().done);
});

test("promise(): a read-only view that for…in shows jQuery's nine promise methods", () => {
  const promise = Deferred().promise();
  assert.is(promise.resolve, undefined);
  assert.is(promise.promise(), promise);
  const keys = [];
  for (const key in promise) keys.push(key);
  assert.equal(keys.sort(), [
    "always",
    "catch",
    "done",
    "fail",
    "pipe",
    "progress",
    "promise",
    "state",
    "then",
  ]);
});

test("promise(target): promotes an object, which then reflects the deferred", () => {
  const dfd = Deferred();
  const job = dfd.promise({ id: 7 });
  const seen = [];
  job.done((value) => seen.push(value));
  assert.is(job.state(), "pending");
  dfd.resolve("finished");
  assert.is(job.state(), "resolved");
  assert.equal(seen, ["finished"]);
});

// then / catch / pipe

test("then: handlers run asynchronously, after the current script", async () => {
  const order = [];
  const derived = Deferred()
    .resolve(1)
    .then((x) => {
      order.push(`then ${x}`);
      return x + 1;
    });
  order.push("sync");
  const value = await derived;
  assert.equal(order, ["sync", "then 1"]);
  assert.is(value, 2);
});

test("then: a thrown error rejects the derived promise; a rejection handler's value resolves it", async () => {
  const error = new Error("bad");
  const outcome = await Deferred()
    .resolve()
    .then(() => {
      throw error;
    })
    .then(null, (reason) => (reason === error ? "recovered" : "wrong reason"));
  assert.is(outcome, "recovered");
});

test("then: adopts thenables, including native promises, and returning itself is a TypeError", async () => {
  const adopted = await Deferred()
    .resolve()
    .then(() => Promise.resolve("native"));
  assert.is(adopted, "native");
  const self = Deferred()
    .resolve()
    .then(() => self);
  const reason = await self.catch((r) => r);
  assert.ok(reason instanceof TypeError, `expected a TypeError, got ${reason}`);
});

test("then: the progress handler's return value is notified to the derived promise", async () => {
  const dfd = Deferred();
  const seen = [];
  dfd.then(null, null, (percent) => `${percent}%`).progress((text) => seen.push(text));
  dfd.notify(50);
  await sleep(0);
  assert.equal(seen, ["50%"]);
});

test("pipe: the jQuery 1.8 filter runs synchronously and keeps the context", () => {
  const ctx = {};
  const seen = [];
  Deferred()
    .resolveWith(ctx, [2])
    .pipe((x) => x * 3)
    .done(function (x) {
      seen.push(x, this === ctx);
    });
  assert.equal(seen, [6, true]);
});

test("await: a deferred is a thenable native async functions can await", async () => {
  const dfd = Deferred();
  setTimeout(() => dfd.resolve("awaited"), 1);
  assert.is(await dfd, "awaited");
});

test("then: a 10,000-link chain settles without exhausting the stack", async () => {
  let promise = Deferred().resolve(0);
  for (let i = 0; i < 10000; i++) promise = promise.then((x) => x + 1);
  assert.is(await promise, 10000);
});

// when

test("when(): with no argument, resolves at once with no values", () => {
  const seen = [];
  when().done((...args) => seen.push(args.length));
  assert.equal(seen, [0]);
});

test("when(value): a non-thenable resolves with exactly that value", () => {
  const seen = [];
  when({ testing: 123 }).done((x) => seen.push(x.testing));
  assert.equal(seen, [123]);
});

test("when(d1, d2, d3): one argument per deferred, arrays for several values", () => {
  const d1 = Deferred();
  const d2 = Deferred();
  const d3 = Deferred();
  const seen = [];
  when(d1, d2, d3).done((v1, v2, v3) => seen.push(v1, v2, v3));
  d1.resolve();
  d2.resolve("abc");
  d3.resolve(1, 2, 3, 4, 5);
  assert.equal(seen, [undefined, "abc", [1, 2, 3, 4, 5]]);
});

test("when(...): rejects with the first rejection, and accepts native promises", async () => {
  const pending = Deferred();
  const reason = await when(pending, Promise.reject(new RangeError("first")), 3).then(
    () => "resolved",
    (r) => r,
  );
  assert.ok(reason instanceof RangeError, `expected the RangeError, got ${reason}`);
  assert.is(pending.state(), "pending");
});

// Callbacks

test("Callbacks('once memory'): fires once and replays to late callbacks", () => {
  const seen = [];
  const list = Callbacks("once memory");
  list.add((v) => seen.push(`a ${v}`));
  list.fire("x").fire("y");
  list.add((v) => seen.push(`b ${v}`));
  assert.equal(seen, ["a x", "b x"]);
});

test("Callbacks('unique stopOnFalse'): no duplicates; a false return ends the pass", () => {
  const seen = [];
  const first = () => {
    seen.push("first");
    return false;
  };
  const list = Callbacks("unique stopOnFalse");
  list.add(first, first, () => seen.push("second"));
  list.fire();
  assert.equal(seen, ["first"]);
});

test("Callbacks: a fire from inside a callback is queued after the current pass", () => {
  const seen = [];
  const list = Callbacks();
  list.add((v) => {
    seen.push(`one ${v}`);
    if (v === "A") list.fire("B");
  });
  list.add((v) => seen.push(`two ${v}`));
  list.fire("A");
  assert.equal(seen, ["one A", "two A", "one B", "two B"]);
});

test("Callbacks: a throwing callback does not wedge the list; the error reaches the caller after the pass", () => {
  const seen = [];
  const list = Callbacks();
  list.add(() => {
    throw new Error("thrown");
  });
  list.add(() => seen.push("still ran"));
  const caught = [];
  for (let pass = 0; pass < 2; pass++) {
    try {
      list.fire();
    } catch (error) {
      caught.push(error.message);
    }
  }
  assert.equal(caught, ["thrown", "thrown"]);
  assert.equal(seen, ["still ran", "still ran"]);
});

// schedulers and hooks

test("setScheduler: microtask runs then handlers before an earlier setTimeout; jquery after it", async () => {
  for (const [setting, expected] of [
    ["microtask", ["then", "timeout"]],
    ["jquery", ["timeout", "then"]],
  ]) {
    await withScheduler(setting, async () => {
      const order = [];
      setTimeout(() => order.push("timeout"));
      const done = Deferred()
        .resolve()
        .then(() => order.push("then"));
      await new Promise((resolve) => done.always(resolve));
      await sleep(5);
      assert.equal(order, expected, setting);
    });
  }
});

test("exceptionHook: receives errors thrown in then handlers, with getErrorHook's asyncError", async () => {
  const calls = [];
  const marker = new Error("scheduled here");
  const previous = Deferred.exceptionHook;
  Deferred.exceptionHook = (error, asyncError) => calls.push([error.message, asyncError]);
  Deferred.getErrorHook = () => marker;
  try {
    await Deferred()
      .resolve()
      .then(() => {
        throw new TypeError("oops");
      })
      .catch(() => undefined);
  } finally {
    Deferred.exceptionHook = previous;
    Deferred.getErrorHook = undefined;
  }
  assert.is(calls.length, 1);
  assert.is(calls[0][0], "oops");
  assert.is(calls[0][1], marker);
});

test("the default exceptionHook warns on the console for programmer errors only", async () => {
  const { defaultExceptionHook } = await import("/dist/browser/jq-deferred.min.js");
  const warnings = [];
  const warn = console.warn;
  const previous = Deferred.exceptionHook;
  console.warn = (...args) => warnings.push(args);
  Deferred.exceptionHook = defaultExceptionHook;
  try {
    for (const error of [
      new ReferenceError("x is not defined"),
      new Error("an ordinary failure"),
    ]) {
      await Deferred()
        .resolve()
        .then(() => {
          throw error;
        })
        .catch(() => undefined);
    }
  } finally {
    console.warn = warn;
    Deferred.exceptionHook = previous;
  }
  assert.is(warnings.length, 1);
  assert.is(warnings[0][0], "jQuery.Deferred exception");
  assert.is(warnings[0][1].message, "x is not defined");
});

test("an error thrown by a done callback of a then-derived promise reaches window's error event", async () => {
  const messages = [];
  const onError = (event) => {
    messages.push(event.error && event.error.message);
    event.preventDefault();
  };
  window.addEventListener("error", onError);
  try {
    Deferred()
      .resolve()
      .then(() => "value")
      .done(() => {
        throw new Error("escaped from done");
      });
    await sleep(20);
  } finally {
    window.removeEventListener("error", onError);
  }
  assert.equal(messages, ["escaped from done"]);
});

window.suite.start();
