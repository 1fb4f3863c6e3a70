/**
 * Differential tests for `Deferred` (spec §2): settle/notify orders with callbacks attached
 * before, between and after; contexts; what `then` handlers return; `pipe`; exception hooks. Each
 * case runs on jQuery 4 and on jq-deferred under jQuery's timing and the traces must be equal.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type Env, jqWindow, type Program, runBoth } from "./harness.js";
import {
  compileDeferred,
  type Ctx,
  type DOp,
  type Handler,
  type Result,
  type Val,
} from "./programs.js";

let compared = 0;
afterAll(() => console.log(`Deferred: ${compared} differential cases compared`));

async function same(program: Program, name: string): Promise<void> {
  const { jquery, ours } = await runBoth(program);
  compared++;
  expect(ours, name).toEqual(jquery);
}

const sameOps = (ops: DOp[], name = JSON.stringify(ops), deferreds = 2) =>
  same(compileDeferred({ deferreds, ops }), name);

const listener = (method: "done" | "fail" | "progress" | "always", e = 0): DOp => ({
  op: "listen",
  e,
  method,
  shape: "fn",
  nested: [],
});
const recordingHandler = (v: Val): Handler => ({
  kind: "fn",
  result: { kind: "value", v },
  nested: [],
});
const thenAll = (e = 0): DOp => ({
  op: "then",
  e,
  method: "then",
  handlers: [recordingHandler("f"), recordingHandler("r"), recordingHandler("p")],
});
const passThrough = (e = 0): DOp => ({
  op: "then",
  e,
  method: "then",
  handlers: [null, null, null],
});
const pipeAll = (e = 0): DOp => ({
  op: "then",
  e,
  method: "pipe",
  handlers: [recordingHandler("pf"), recordingHandler("pr"), recordingHandler("pp")],
});
const listenAll = (e = 0): DOp[] => [
  listener("done", e),
  listener("fail", e),
  listener("progress", e),
  listener("always", e),
  thenAll(e),
  passThrough(e),
  pipeAll(e),
];

type Event = {
  channel: "resolve" | "reject" | "notify";
  how: "method" | "with";
  ctx: Ctx;
  args: Val[];
};
const EVENTS: Event[] = [
  { channel: "notify", how: "method", ctx: "undefined", args: [1] },
  { channel: "notify", how: "with", ctx: "sentinel", args: ["n", 2] },
  { channel: "resolve", how: "method", ctx: "undefined", args: [3, "multi"] },
  { channel: "resolve", how: "with", ctx: "sentinel", args: [] },
  { channel: "reject", how: "method", ctx: "undefined", args: [0] },
  { channel: "reject", how: "with", ctx: "self", args: [null, false] },
];
const settle = (event: Event, d = 0): DOp => ({ op: "settle", d, ...event });

describe("Deferred settle and notify orders match jQuery 4", () => {
  it("every sequence of three events, with all listeners attached before, between and after", async () => {
    for (const a of EVENTS) {
      for (const b of EVENTS) {
        for (const c of EVENTS) {
          for (const attachAt of [0, 1, 2, 3]) {
            const events = [a, b, c].map((event) => settle(event));
            const ops = [...events.slice(0, attachAt), ...listenAll(), ...events.slice(attachAt)];
            ops.push({ op: "state", e: 0 }, listener("progress"), listener("done"));
            await sameOps(ops, `attach at ${attachAt}: ${JSON.stringify([a, b, c])}`);
          }
        }
      }
    }
  });

  it("resolve, reject and notify called detached and borrowed (context = the caller's this)", async () => {
    for (const channel of ["resolve", "reject", "notify"] as const) {
      for (const how of ["method", "with", "borrowed", "detached"] as const) {
        for (const ctx of ["undefined", "null", "sentinel", "self", "number"] as const) {
          await sameOps([
            ...listenAll(),
            { op: "settle", d: 0, channel, how, ctx, args: [1, 2] },
            ...listenAll(),
          ]);
        }
      }
    }
  });

  it("callbacks given as arrays and nested arrays; always; promise() and promise(target)", async () => {
    for (const shape of ["fn", "array", "two"] as const) {
      for (const method of ["done", "fail", "progress", "always"] as const) {
        for (const event of EVENTS) {
          await sameOps([
            { op: "promise", d: 0, target: true },
            { op: "listen", e: 2, method, shape, nested: [] },
            settle(event),
            { op: "listen", e: 2, method, shape, nested: [] },
            { op: "listen", e: 0, method, shape, nested: [] },
          ]);
        }
      }
    }
  });

  it("callbacks that settle, notify and add callbacks re-entrantly", async () => {
    const inner: DOp[][] = [
      [settle(EVENTS[0]!)],
      [settle(EVENTS[2]!)],
      [settle(EVENTS[4]!)],
      [settle(EVENTS[2]!, 1)],
      [listener("done"), listener("progress"), thenAll()],
      [settle(EVENTS[1]!), listener("progress")],
    ];
    for (const nested of inner) {
      for (const method of ["done", "fail", "progress", "always"] as const) {
        for (const event of EVENTS) {
          await sameOps([
            { op: "listen", e: 0, method, shape: "fn", nested },
            listener("progress"),
            listener("done"),
            thenAll(),
            settle(event),
            settle(EVENTS[0]!),
            settle(EVENTS[2]!),
            listener(method),
          ]);
        }
      }
    }
  });

  it("Deferred(beforeStart), with and without new", async () => {
    for (const useNew of [false, true]) {
      await sameOps([
        { op: "deferred", beforeStart: true, useNew },
        ...listenAll(2),
        settle(EVENTS[2]!, 2),
      ]);
    }
  });
});

/** Every kind of value a fulfil or reject handler can return. */
const RETURNS: Result[] = [
  { kind: "value", v: 5 },
  { kind: "value", v: { undef: true } },
  { kind: "value", v: null },
  { kind: "value", v: { sentinel: 0 } },
  { kind: "throw", v: { sentinel: 1 } },
  { kind: "throw", v: "plain" },
  { kind: "self" },
  { kind: "badThen" },
  { kind: "entity", e: 1, viaPromise: false },
  { kind: "entity", e: 1, viaPromise: true },
  { kind: "fresh", fulfil: true, args: [1, 2], delay: null, ctx: "sentinel" },
  { kind: "fresh", fulfil: true, args: [1], delay: 2, ctx: "undefined" },
  { kind: "fresh", fulfil: false, args: ["no"], delay: null, ctx: "undefined" },
  { kind: "fresh", fulfil: false, args: ["late"], delay: 1, ctx: "self" },
  { kind: "native", fulfil: true, v: 7, delay: null },
  { kind: "native", fulfil: false, v: 8, delay: 1 },
  { kind: "thenable", calls: [], delay: null, throwAfter: false },
  {
    kind: "thenable",
    calls: [{ fulfil: true, args: [1, 2], ctx: "sentinel" }],
    delay: null,
    throwAfter: false,
  },
  {
    kind: "thenable",
    calls: [{ fulfil: false, args: [3], ctx: "undefined" }],
    delay: 1,
    throwAfter: false,
  },
  {
    kind: "thenable",
    calls: [
      { fulfil: true, args: [4], ctx: "undefined" },
      { fulfil: false, args: [5], ctx: "undefined" },
      { fulfil: true, args: [6], ctx: "undefined" },
    ],
    delay: null,
    throwAfter: true,
  },
  { kind: "thenable", calls: [], delay: null, throwAfter: true },
];

/** What a progress handler may return without reaching a documented difference. */
const PROGRESS_RETURNS: Result[] = [
  { kind: "value", v: 5 },
  { kind: "value", v: { undef: true } },
  { kind: "fresh", fulfil: true, args: [1, 2], delay: null, ctx: "sentinel" },
  { kind: "fresh", fulfil: true, args: [1], delay: 2, ctx: "undefined" },
  { kind: "native", fulfil: true, v: 7, delay: null },
  {
    kind: "thenable",
    calls: [{ fulfil: true, args: [1, 2], ctx: "sentinel" }],
    delay: null,
    throwAfter: false,
  },
  {
    kind: "thenable",
    calls: [{ fulfil: true, args: [3], ctx: "undefined" }],
    delay: 1,
    throwAfter: false,
  },
  {
    kind: "thenable",
    calls: [
      { fulfil: true, args: [4], ctx: "undefined" },
      { fulfil: true, args: [6], ctx: "undefined" },
    ],
    delay: null,
    throwAfter: false,
  },
];

const handler = (result: Result): Handler => ({ kind: "fn", result, nested: [] });
const observeDerived = (e: number): DOp[] => [
  listener("done", e),
  listener("fail", e),
  listener("progress", e),
  thenAll(e),
];

describe("then/catch handlers: what they return decides the derived promise, as in jQuery 4", () => {
  it("fulfil and reject handlers returning values, deferreds, native promises, thenables, or throwing", async () => {
    for (const result of RETURNS) {
      for (const channel of ["resolve", "reject"] as const) {
        for (const settledFirst of [false, true]) {
          const event = settle({ channel, how: "with", ctx: "sentinel", args: [1, 2] });
          const then: DOp = {
            op: "then",
            e: 0,
            method: channel === "resolve" ? "then" : "catch",
            handlers:
              channel === "resolve" ? [handler(result), null, null] : [null, handler(result), null],
          };
          const ops = settledFirst ? [event, then] : [then, event];
          await sameOps([settle(EVENTS[2]!, 1), ...ops, ...observeDerived(2), passThrough(2)]);
        }
      }
    }
  });

  it("progress handlers returning values, resolving deferreds, native promises and thenables", async () => {
    for (const result of PROGRESS_RETURNS) {
      for (const then of [
        { op: "then", e: 0, method: "then", handlers: [null, null, handler(result)] },
        {
          op: "then",
          e: 0,
          method: "then",
          handlers: [handler({ kind: "value", v: "f" }), null, handler(result)],
        },
      ] as DOp[]) {
        for (const after of [
          [],
          [settle(EVENTS[2]!)],
          [{ op: "later", delay: 3, ops: [settle(EVENTS[3]!)] }],
        ] as DOp[][]) {
          await sameOps([
            then,
            ...observeDerived(2),
            settle(EVENTS[0]!),
            settle(EVENTS[1]!),
            ...after,
          ]);
          await sameOps([settle(EVENTS[0]!), then, ...observeDerived(2), ...after]);
        }
      }
    }
  });

  it("handlers that are not functions pass values and contexts through", async () => {
    for (const event of EVENTS) {
      await sameOps([
        {
          op: "then",
          e: 0,
          method: "then",
          handlers: [{ kind: "notfn" }, { kind: "notfn" }, { kind: "notfn" }],
        },
        { op: "then", e: 0, method: "catch", handlers: [null, { kind: "notfn" }, null] },
        ...observeDerived(2),
        ...observeDerived(3),
        settle(event),
        settle(EVENTS[2]!),
      ]);
    }
  });

  it("chains of then with handlers that run nested operations", async () => {
    for (const event of EVENTS) {
      await sameOps([
        {
          op: "then",
          e: 0,
          method: "then",
          handlers: [
            {
              kind: "fn",
              result: { kind: "entity", e: 1, viaPromise: true },
              nested: [settle(EVENTS[1]!, 1)],
            },
            { kind: "fn", result: { kind: "value", v: "caught" }, nested: [settle(EVENTS[2]!, 1)] },
            { kind: "fn", result: { kind: "value", v: "p" }, nested: [listener("done", 1)] },
          ],
        },
        thenAll(2),
        thenAll(3),
        passThrough(4),
        ...observeDerived(5),
        settle(event),
        { op: "later", delay: 2, ops: [settle(EVENTS[3]!, 1), settle(EVENTS[2]!)] },
      ]);
    }
  });
});

describe("pipe matches jQuery 4 (synchronous, state-preserving, context-propagating)", () => {
  const PIPE_RETURNS: Result[] = [
    { kind: "value", v: 5 },
    { kind: "value", v: { undef: true } },
    { kind: "entity", e: 1, viaPromise: false },
    { kind: "entity", e: 1, viaPromise: true },
    { kind: "fresh", fulfil: true, args: [1, 2], delay: null, ctx: "sentinel" },
    { kind: "fresh", fulfil: false, args: ["x"], delay: 1, ctx: "undefined" },
    { kind: "native", fulfil: true, v: 1, delay: null },
    {
      kind: "thenable",
      calls: [{ fulfil: true, args: [1], ctx: "undefined" }],
      delay: null,
      throwAfter: false,
    },
  ];
  it("filters on each channel returning values, deferreds and (unadopted) thenables", async () => {
    for (const result of PIPE_RETURNS) {
      for (const event of EVENTS) {
        for (const slot of [0, 1, 2]) {
          const handlers: (Handler | null)[] = [null, null, null];
          handlers[slot] = handler(result);
          await sameOps([
            { op: "then", e: 0, method: "pipe", handlers },
            ...observeDerived(2),
            settle(event),
            settle(EVENTS[3]!),
            { op: "later", delay: 2, ops: [settle(EVENTS[1]!, 1), settle(EVENTS[4]!, 1)] },
          ]);
        }
      }
    }
  });
});

describe("resolution values that are thenables are stored raw and unwrapped only by then()", () => {
  it("resolve(otherDeferred) and notify(otherDeferred)", async () => {
    for (const channel of ["resolve", "notify", "reject"] as const) {
      // A notified thenable that rejects is documented difference 3 (documented-differences.test.ts).
      for (const other of channel === "notify" ? [EVENTS[2]!] : [EVENTS[2]!, EVENTS[4]!]) {
        await sameOps([
          ...listenAll(),
          { op: "settle", d: 0, channel, how: "method", ctx: "undefined", args: [{ entity: 1 }] },
          ...observeDerived(4),
          ...observeDerived(5),
          { op: "later", delay: 2, ops: [settle(EVENTS[1]!, 1), settle(other, 1)] },
        ]);
      }
    }
  });
});

describe("Deferred.exceptionHook and getErrorHook are called as in jQuery 4", () => {
  const withHooks =
    (body: (env: Env, d: any) => void): Program =>
    (env) => {
      const Deferred = env.lib.Deferred;
      Deferred.exceptionHook = function (this: unknown, error: unknown, asyncError: unknown) {
        env.log("exceptionHook", this === Deferred ? "@Deferred" : this, error, asyncError);
      };
      let n = 0;
      Deferred.getErrorHook = function (this: unknown) {
        env.log("getErrorHook", this === Deferred ? "@Deferred" : this);
        return `async#${++n}`;
      };
      const d = env.label(Deferred(), "d");
      body(env, d);
    };

  it("throwing fulfil/reject handlers, pass-through rejections and ignored post-resolution throws", async () => {
    const error = (env: Env, name: string) => env.label(new TypeError(name), name);
    const programs: Record<string, (env: Env, d: any) => void> = {
      "throwing fulfil handler": (env, d) => {
        d.then(
          env.fn("h", () => {
            throw error(env, "boom");
          }),
        ).fail(env.fn("failed"));
        d.resolve(1);
      },
      "throwing reject handler, then a pass-through chain": (env, d) => {
        d.then(
          null,
          env.fn("r", () => {
            throw error(env, "again");
          }),
        )
          .then()
          .then(null, env.fn("r2"));
        d.reject(1);
      },
      "pass-through rejection reaches the hook": (env, d) => {
        d.then(env.fn("f")).catch(env.fn("c"));
        d.rejectWith(env.label({}, "ctx"), [error(env, "reason")]);
      },
      "throw after a thenable already resolved is ignored but hooked": (env, d) => {
        d.then(() => ({
          then(resolve: (v: unknown) => void) {
            resolve("first");
            throw error(env, "late");
          },
        })).done(env.fn("done"));
        d.resolve();
      },
      "hooks removed before the handler runs": (env, d) => {
        d.then(
          env.fn("h", () => {
            throw error(env, "unhooked");
          }),
        ).fail(env.fn("failed"));
        d.resolve();
        env.lib.Deferred.exceptionHook = undefined;
        env.lib.Deferred.getErrorHook = undefined;
      },
      "progress notification scheduling consults getErrorHook": (env, d) => {
        d.then(null, null, env.fn("p")).progress(env.fn("progress"));
        d.notify(1).notify(2);
      },
    };
    for (const [name, body] of Object.entries(programs)) await same(withHooks(body), name);
  });

  it("the default exceptionHook warns only for the native programmer-error types", async () => {
    for (const ErrorType of [
      Error,
      TypeError,
      RangeError,
      ReferenceError,
      SyntaxError,
      EvalError,
      URIError,
    ]) {
      await same((env) => {
        const warn = (...args: unknown[]) => env.log("console.warn", ...args);
        const consoles = [globalThis.console, env.lib.name === "jquery" ? jqConsole() : undefined];
        const saved = consoles.map((c) => c?.warn);
        for (const c of consoles) if (c) c.warn = warn;
        const error = env.label(new ErrorType("oops"), "error");
        env.lib
          .Deferred()
          .resolve()
          .then(() => {
            throw error;
          });
        return () => consoles.forEach((c, k) => c && (c.warn = saved[k]!));
      }, ErrorType.name);
    }
  });
});

function jqConsole(): Console {
  return jqWindow.console as Console;
}

/*
 * A deferred's `then` subscribers are one, a short list copied to its exact size on every
 * subscription, then a list grown in place (state.ts). Across those shapes every handler runs, in
 * the order of subscription, for a notification remembered before some subscribed and for the
 * settlement, and a subscriber added after the settlement runs last.
 */
describe("many then subscribers on one deferred, as in jQuery 4", () => {
  it.each([1, 2, 7, 8, 9, 20])("%i subscribers", async (count) => {
    const { jquery, ours } = await runBoth((env: Env) => {
      for (const settle of ["resolve", "reject"] as const) {
        const d = env.label(env.lib.Deferred(), settle);
        for (let i = 0; i < count; i++) {
          if (i === Math.floor(count / 2)) d.notify(`notified before ${i}`);
          d.then(
            env.fn(`${settle} ${i} fulfilled`),
            env.fn(`${settle} ${i} rejected`),
            env.fn(`${settle} ${i} progress`),
          );
        }
        d[settle]("value");
        d.then(env.fn(`${settle} late fulfilled`), env.fn(`${settle} late rejected`));
      }
    });
    expect(ours).toEqual(jquery);
  });
});

/*
 * `then` is a plain function of its own for each promise, as jQuery's is: the same one from the
 * deferred and its promise, usable detached, with three parameters, and even callable with `new`
 * (jQuery's is a function expression; ours is one too, for the optimizer's sake, see methods.ts).
 */
describe("the then function itself, as in jQuery 4", () => {
  it("is shared, detachable, of length 3 and constructible", async () => {
    const { jquery, ours } = await runBoth((env: Env) => {
      const d = env.lib.Deferred();
      const then = d.promise().then as (...args: unknown[]) => { state(): string };
      env.log("same function from the deferred", then === d.then);
      env.log("length", then.length);
      const detached = env.call("detached", () => then(env.fn("detached fulfilled")).state());
      const Then = then as unknown as new (...args: unknown[]) => { state(): string };
      env.call("with new", () => new Then(env.fn("constructed fulfilled")).state());
      d.resolve("value");
      return () => env.log("detached derived was pending", detached);
    });
    expect(ours).toEqual(jquery);
  });
});

describe("case count", () => {
  it("compared every enumerated case", () => {
    const orders = 6 ** 3 * 4;
    const contexts = 3 * 4 * 5;
    const shapes = 3 * 4 * 6;
    const reentrant = 6 * 4 * 6;
    const handlerReturns = 21 * 2 * 2 + 8 * 2 * 3 * 2 + 6 + 6;
    const pipe = 8 * 6 * 3;
    const thenableValues = 5;
    const hooks = 6 + 7;
    expect(compared).toBe(
      orders + contexts + shapes + reentrant + 2 + handlerReturns + pipe + thenableValues + hooks,
    );
  });
});
