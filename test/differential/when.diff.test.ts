/**
 * Differential tests for `when` (spec §3): zero, one, two and three arguments drawn from raw values
 * (falsy ones included), resolved/rejected/pending deferreds, multi-value resolutions with
 * contexts, deferreds resolved with thenables, native promises and foreign thenables, in every
 * order for pairs. Each case runs on jQuery 4 and on jq-deferred and the traces must be equal.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runBoth } from "./harness.js";
import { compileDeferred, type DOp, type Result, type Val } from "./programs.js";

let compared = 0;
afterAll(() => console.log(`when: ${compared} differential cases compared`));

const value = (v: Val): Result => ({ kind: "value", v });
const entity = (e: number, viaPromise = false): Result => ({ kind: "entity", e, viaPromise });

/** The eight deferreds every case starts with, and how they settle. */
const SETUP: DOp[] = [
  { op: "settle", d: 0, channel: "resolve", how: "method", ctx: "undefined", args: [1] },
  { op: "settle", d: 1, channel: "resolve", how: "with", ctx: "sentinel", args: [2, "two"] },
  { op: "settle", d: 2, channel: "reject", how: "method", ctx: "undefined", args: ["no"] },
  { op: "settle", d: 5, channel: "notify", how: "method", ctx: "undefined", args: ["working"] },
  {
    op: "settle",
    d: 6,
    channel: "resolve",
    how: "method",
    ctx: "undefined",
    args: [{ entity: 3 }],
  },
  {
    op: "settle",
    d: 7,
    channel: "resolve",
    how: "method",
    ctx: "undefined",
    args: [{ entity: 4 }],
  },
  {
    op: "later",
    delay: 1,
    ops: [
      { op: "settle", d: 3, channel: "resolve", how: "with", ctx: "sentinel", args: [3, "three"] },
      { op: "settle", d: 5, channel: "resolve", how: "method", ctx: "undefined", args: [5] },
    ],
  },
  {
    op: "later",
    delay: 2,
    ops: [
      { op: "settle", d: 4, channel: "reject", how: "with", ctx: "sentinel", args: ["late", 4] },
    ],
  },
];

/** Arguments that behave the same whether or not they settle synchronously. */
const ARGUMENTS: Record<string, Result> = {
  "0": value(0),
  '""': value(""),
  false: value(false),
  null: value(null),
  undefined: value({ undef: true }),
  '"some string"': value("x"),
  true: value(true),
  "a plain object": value({ sentinel: 1 }),
  "an array": value({ array: [1, "a", null] }),
  "a resolved deferred": entity(0),
  "a deferred resolved with a context and two values": entity(1),
  "its promise()": entity(1, true),
  "a rejected deferred": entity(2),
  "a deferred resolved later": entity(3),
  "a deferred rejected later": entity(4),
  "a notified deferred resolved later": entity(5),
  "a deferred resolved with a pending deferred": entity(6),
  "a deferred resolved with a deferred that rejects": entity(7),
  "a fulfilled native promise": { kind: "native", fulfil: true, v: 7, delay: null },
  "a rejected native promise": { kind: "native", fulfil: false, v: 8, delay: null },
  "a native promise fulfilled later": { kind: "native", fulfil: true, v: 9, delay: 1 },
  "a thenable fulfilling later with a context and two values": {
    kind: "thenable",
    calls: [{ fulfil: true, args: [1, 2], ctx: "sentinel" }],
    delay: 1,
    throwAfter: false,
  },
  "a thenable fulfilling later with no value": {
    kind: "thenable",
    calls: [{ fulfil: true, args: [], ctx: "undefined" }],
    delay: 0,
    throwAfter: false,
  },
  "a thenable rejecting later": {
    kind: "thenable",
    calls: [{ fulfil: false, args: ["r"], ctx: "undefined" }],
    delay: 2,
    throwAfter: false,
  },
  "a thenable that never calls back": {
    kind: "thenable",
    calls: [],
    delay: null,
    throwAfter: false,
  },
  "an object whose then getter throws": { kind: "badThen" },
};

/**
 * Thenables that call back synchronously: in several-argument `when` only (jQuery adopts a lone
 * synchronous argument twice, see documented-differences.test.ts).
 */
const SYNCHRONOUS_THENABLES: Record<string, Result> = {
  "a thenable fulfilling at once": {
    kind: "thenable",
    calls: [{ fulfil: true, args: ["now"], ctx: "undefined" }],
    delay: null,
    throwAfter: false,
  },
  "a thenable rejecting at once": {
    kind: "thenable",
    calls: [{ fulfil: false, args: ["now"], ctx: "sentinel" }],
    delay: null,
    throwAfter: false,
  },
  "a thenable whose then throws": { kind: "thenable", calls: [], delay: null, throwAfter: true },
};

const observe = (e: number): DOp[] => [
  { op: "listen", e, method: "done", shape: "fn", nested: [] },
  { op: "listen", e, method: "fail", shape: "fn", nested: [] },
  { op: "listen", e, method: "progress", shape: "fn", nested: [] },
  {
    op: "then",
    e,
    method: "then",
    handlers: [
      { kind: "fn", result: { kind: "value", v: "fulfilled" }, nested: [] },
      { kind: "fn", result: { kind: "value", v: "rejected" }, nested: [] },
      null,
    ],
  },
  { op: "then", e, method: "then", handlers: [null, null, null] },
  { op: "state", e },
];

async function sameWhen(args: Result[], name: string): Promise<void> {
  const ops: DOp[] = [...SETUP, { op: "when", args }, ...observe(8)];
  const { jquery, ours } = await runBoth(compileDeferred({ deferreds: 8, ops }));
  compared++;
  expect(ours, name).toEqual(jquery);
}

const single = Object.entries(ARGUMENTS);
const several = [...single, ...Object.entries(SYNCHRONOUS_THENABLES)];

describe("when matches jQuery 4", () => {
  it("with no argument: resolved at once with no values", async () => {
    await sameWhen([], "when()");
  });

  it("with one argument of every kind (like Promise.resolve)", async () => {
    for (const [name, arg] of single) await sameWhen([arg], name);
  });

  it("with every ordered pair of arguments (like Promise.all)", async () => {
    for (const [first, a] of several) {
      for (const [second, b] of several) await sameWhen([a, b], `${first}, ${second}`);
    }
  });

  it("with three arguments in rotating combinations", async () => {
    const n = several.length;
    for (let i = 0; i < n; i++) {
      for (const step of [1, 5, 11]) {
        const picks = [several[i]!, several[(i + step) % n]!, several[(i + 2 * step + 3) % n]!];
        await sameWhen(
          picks.map(([, arg]) => arg),
          picks.map(([name]) => name).join(", "),
        );
      }
    }
  });

  it("compared every case", () => {
    expect(compared).toBe(1 + single.length + several.length ** 2 + several.length * 3);
  });
});
