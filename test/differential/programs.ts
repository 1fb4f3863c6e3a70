/**
 * Programs as data, their interpreter, and the fast-check arbitraries that generate them.
 *
 * A program is a plain JSON-like description (so fast-check can shrink and print it) that
 * `compileCallbacks`/`compileDeferred` turn into a {@link Program} for the harness. The same
 * program runs on jQuery and on jq-deferred; everything observable goes into the trace.
 *
 * The generators leave out exactly the documented differences (brief, "Documented
 * differences"): no callback or `done`/`fail`/`progress`/`always`/`pipe` filter throws (2, 4), no
 * progress handler throws or returns something that rejects (3), no multi-argument `when` over a
 * thenable that calls back twice (6), no `*With` with a non-array-like (5), no resolution value
 * whose `then` getter throws (8). Those are asserted in documented-differences.test.ts.
 */
import fc from "fast-check";
import type { Env, Program } from "./harness.js";

// -------------------------------------------------------------------------------------------------
// Values and contexts

/** A value a program passes around; materialised per run so objects get per-run labels. */
export type Val =
  | number
  | string
  | boolean
  | null
  | { undef: true }
  | { sentinel: number }
  | { array: Val[] }
  | { entity: number };

/** A `this` for `fireWith`/`resolveWith`/thenable callbacks. */
export type Ctx = "undefined" | "null" | "sentinel" | "self" | "number";

interface Scope {
  env: Env;
  sentinels: object[];
  /** Deferreds, promises, derived promises, `promise(target)` targets and `when` results. */
  entities: any[];
  /** The deferreds (the entities that can be settled). */
  deferreds: any[];
}

function newScope(env: Env): Scope {
  return { env, sentinels: [], entities: [], deferreds: [] };
}

function sentinel(scope: Scope, k: number): object {
  return (scope.sentinels[k] ??= scope.env.label({ sentinel: k }, `s${k}`));
}

function materialize(scope: Scope, v: Val): unknown {
  if (v === null || typeof v !== "object") return v;
  if ("undef" in v) return undefined;
  if ("sentinel" in v) return sentinel(scope, v.sentinel);
  if ("array" in v) return v.array.map((item) => materialize(scope, item));
  // Only plain deferreds: a value adopted by `then`/`pipe` that is itself a derived promise can
  // close a cycle that forwards progress forever (in both libraries).
  return pick(scope.deferreds, v.entity);
}

function context(scope: Scope, ctx: Ctx, self: unknown): unknown {
  switch (ctx) {
    case "undefined":
      return undefined;
    case "null":
      return null;
    case "sentinel":
      return sentinel(scope, 9);
    case "self":
      return self;
    case "number":
      return 7;
  }
}

function pick<T>(items: T[], index: number): T {
  return items[index % items.length]!;
}

const valueArb: fc.Arbitrary<Val> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<Val>(0, 1, 2, "", "x", true, false, null, { undef: true }),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 }).map((k): Val => ({ sentinel: k })) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom<Val>(1, "a", null, { undef: true }), { maxLength: 2 })
      .map((array): Val => ({ array })),
  },
);
const valueWithEntitiesArb: fc.Arbitrary<Val> = fc.oneof(
  { weight: 9, arbitrary: valueArb },
  { weight: 1, arbitrary: fc.nat(5).map((entity): Val => ({ entity })) },
);
const argsArb = (value = valueArb) => fc.array(value, { maxLength: 3 });
const ctxArb: fc.Arbitrary<Ctx> = fc.constantFrom<Ctx>(
  "undefined",
  "null",
  "sentinel",
  "self",
  "number",
);

// -------------------------------------------------------------------------------------------------
// Callbacks programs

export interface Flags {
  once: boolean;
  memory: boolean;
  unique: boolean;
  stopOnFalse: boolean;
}

/** What a callback returns: only exact `false` stops a `stopOnFalse` pass. */
export type Returns = "undefined" | "false" | "true" | "0" | "empty string";

export interface FnSpec {
  returns: Returns;
  /** Operations run from inside the callback, on its `nestedOn`-th invocation. */
  nested: CbOp[];
  nestedOn: number;
}

/** What `add` receives: a callback index, a nested array, or junk that must be ignored. */
export type AddItem = number | "junk string" | "junk number" | AddItem[];

export type CbOp =
  | { op: "add"; items: AddItem[] }
  | { op: "remove"; fns: number[] }
  | { op: "has"; fn: number | null }
  | { op: "empty" | "disable" | "lock" | "disabled" | "locked" | "fired" }
  | { op: "fire"; args: Val[]; how: "method" | "detached" | "borrowed" }
  | { op: "fireWith"; ctx: Ctx; args: Val[] | null; arrayLike: boolean };

export interface CallbacksProgram {
  flags: Flags;
  /** How the flags are given: a string (with odd whitespace and an unknown word) or an object. */
  style: "string" | "object";
  fns: FnSpec[];
  ops: CbOp[];
}

const FLAG_NAMES = ["once", "memory", "unique", "stopOnFalse"] as const;

export function flagsArgument(flags: Flags, style: "string" | "object"): unknown {
  if (style === "object") return { ...flags, bogus: true };
  const words = FLAG_NAMES.filter((name) => flags[name]);
  return words.length === 0 ? "" : ` ${words.join("  \t")} nonsense `;
}

const RETURNS: Record<Returns, unknown> = {
  undefined: undefined,
  false: false,
  true: true,
  "0": 0,
  "empty string": "",
};

/** Limit on re-entrant operations per run, so that self-firing callbacks terminate. */
const NESTED_BUDGET = 40;

export function compileCallbacks(program: CallbacksProgram): Program {
  return (env) => {
    const scope = newScope(env);
    env.budget = NESTED_BUDGET;
    const list = env.label(env.lib.Callbacks(flagsArgument(program.flags, program.style)), "list");
    const fns = program.fns.map((spec, k) => {
      let calls = 0;
      return env.label(
        env.fn(`f${k}`, () => {
          calls++;
          if (calls === spec.nestedOn && env.budget > 0) {
            env.budget--;
            for (const op of spec.nested) runCallbacksOp(scope, list, fns, op, `f${k}>`);
          }
          return RETURNS[spec.returns];
        }),
        `f${k}`,
      );
    });
    for (const op of program.ops) runCallbacksOp(scope, list, fns, op, "");
    return () => env.log("end", list.fired(), list.locked(), list.disabled(), list.has());
  };
}

function addItems(fns: unknown[], items: AddItem[]): unknown[] {
  return items.map((item) =>
    typeof item === "number"
      ? pick(fns, item)
      : item === "junk string"
        ? "callback"
        : item === "junk number"
          ? 42
          : addItems(fns, item),
  );
}

function runCallbacksOp(scope: Scope, list: any, fns: unknown[], op: CbOp, prefix: string): void {
  const env = scope.env;
  const name = `${prefix}${op.op}`;
  switch (op.op) {
    case "add":
      env.call(name, () => list.add(...addItems(fns, op.items)));
      return;
    case "remove":
      env.call(name, () => list.remove(...op.fns.map((k) => pick(fns, k))));
      return;
    case "has":
      env.call(name, () => (op.fn === null ? list.has() : list.has(pick(fns, op.fn))));
      return;
    case "fire": {
      const args = op.args.map((v) => materialize(scope, v));
      if (op.how === "method") env.call(name, () => list.fire(...args));
      else if (op.how === "detached") {
        const fire = list.fire;
        env.call(`${name}(detached)`, () => fire(...args));
      } else {
        const host = env.label({ fire: list.fire }, "host");
        env.call(`${name}(borrowed)`, () => host.fire(...args));
      }
      return;
    }
    case "fireWith": {
      const ctx = context(scope, op.ctx, list);
      const values = op.args?.map((v) => materialize(scope, v));
      const args =
        values === undefined || !op.arrayLike
          ? values
          : Object.assign({ length: values.length }, values);
      env.call(name, () => (args === undefined ? list.fireWith(ctx) : list.fireWith(ctx, args)));
      return;
    }
    default:
      env.call(name, () => list[op.op]());
  }
}

const addItemArb: fc.Arbitrary<AddItem> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(4) },
  { weight: 1, arbitrary: fc.constantFrom<AddItem>("junk string", "junk number") },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof(fc.nat(4), fc.array(fc.nat(4), { maxLength: 2 })), {
      maxLength: 3,
    }),
  },
);

function callbacksOpArb(depth: number): fc.Arbitrary<CbOp> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant("add" as const),
        items: fc.array(addItemArb, { minLength: 1, maxLength: 3 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant("remove" as const),
        fns: fc.array(fc.nat(4), { minLength: 1, maxLength: 2 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant("has" as const), fn: fc.option(fc.nat(4)) }),
    },
    {
      weight: depth > 0 ? 1 : 2,
      arbitrary: fc.record({
        op: fc.constantFrom(
          "empty" as const,
          "disable" as const,
          "lock" as const,
          "disabled" as const,
          "locked" as const,
          "fired" as const,
        ),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant("fire" as const),
        args: argsArb(),
        how: fc.constantFrom(
          "method" as const,
          "method" as const,
          "detached" as const,
          "borrowed" as const,
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant("fireWith" as const),
        ctx: ctxArb,
        args: fc.option(argsArb()),
        arrayLike: fc.boolean(),
      }),
    },
  );
}

const fnSpecArb: fc.Arbitrary<FnSpec> = fc.record({
  returns: fc.constantFrom<Returns>("undefined", "undefined", "false", "true", "0", "empty string"),
  nested: fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as CbOp[]) },
    { weight: 3, arbitrary: fc.array(callbacksOpArb(1), { minLength: 1, maxLength: 3 }) },
  ),
  nestedOn: fc.integer({ min: 1, max: 3 }),
});

export const flagsArb: fc.Arbitrary<Flags> = fc.record({
  once: fc.boolean(),
  memory: fc.boolean(),
  unique: fc.boolean(),
  stopOnFalse: fc.boolean(),
});

export const callbacksProgramArb: fc.Arbitrary<CallbacksProgram> = fc.record({
  flags: flagsArb,
  style: fc.constantFrom("string" as const, "object" as const),
  fns: fc.array(fnSpecArb, { minLength: 1, maxLength: 5 }),
  ops: fc.array(callbacksOpArb(0), { minLength: 1, maxLength: 14 }),
});

// -------------------------------------------------------------------------------------------------
// Deferred and when programs

/** A call made by a foreign thenable to the callbacks its `then` received. */
export interface ThenableCall {
  fulfil: boolean;
  args: Val[];
  ctx: Ctx;
}

/** What a `then`/`pipe` handler returns, or what `when` receives as an argument. */
export type Result =
  | { kind: "value"; v: Val }
  | { kind: "throw"; v: Val }
  | { kind: "entity"; e: number; viaPromise: boolean }
  | { kind: "self" }
  | { kind: "fresh"; fulfil: boolean; args: Val[]; delay: number | null; ctx: Ctx }
  | { kind: "native"; fulfil: boolean; v: Val; delay: number | null }
  | { kind: "thenable"; calls: ThenableCall[]; delay: number | null; throwAfter: boolean }
  | { kind: "badThen" };

export type Handler = { kind: "notfn" } | { kind: "fn"; result: Result; nested: DOp[] };

export type DOp =
  | {
      op: "settle";
      d: number;
      channel: "resolve" | "reject" | "notify";
      how: "method" | "with" | "borrowed" | "detached";
      ctx: Ctx;
      args: Val[];
    }
  | {
      op: "listen";
      e: number;
      method: "done" | "fail" | "progress" | "always";
      shape: "fn" | "array" | "two";
      nested: DOp[];
    }
  | { op: "then"; e: number; method: "then" | "catch" | "pipe"; handlers: (Handler | null)[] }
  | { op: "state"; e: number }
  | { op: "promise"; d: number; target: boolean }
  | { op: "when"; args: Result[] }
  | { op: "later"; delay: number; ops: DOp[] }
  | { op: "deferred"; beforeStart: boolean; useNew: boolean }
  | { op: "getErrorHook"; on: boolean };

export interface DeferredProgram {
  deferreds: number;
  ops: DOp[];
}

export function compileDeferred(program: DeferredProgram): Program {
  return (env) => {
    const scope = newScope(env);
    env.budget = NESTED_BUDGET;
    const Deferred = env.lib.Deferred;
    Deferred.exceptionHook = function exceptionHook(
      this: unknown,
      error: unknown,
      asyncError: unknown,
    ) {
      env.log("exceptionHook", this === Deferred ? "@Deferred" : this, error, asyncError);
    };
    for (let k = 0; k < program.deferreds; k++) createDeferred(scope, false, k % 2 === 1);
    for (const op of program.ops) runDeferredOp(scope, op, "");
    return () => {
      scope.entities.forEach((entity, k) =>
        env.log("final", env.labelOf(entity) ?? `entity${k}`, entity.state()),
      );
    };
  };
}

function createDeferred(scope: Scope, beforeStart: boolean, useNew: boolean): void {
  const env = scope.env;
  const name = `d${scope.deferreds.length}`;
  const Deferred = env.lib.Deferred;
  const init = beforeStart
    ? function beforeStartCallback(this: unknown, d: unknown) {
        env.label(d, name);
        env.log("beforeStart", this, d);
      }
    : undefined;
  const d = useNew ? new Deferred(init) : Deferred(init);
  env.label(d, name);
  env.label(d.promise(), `${name}.p`);
  scope.deferreds.push(d);
  scope.entities.push(d);
}

function runNested(scope: Scope, ops: DOp[], prefix: string): void {
  if (ops.length === 0 || scope.env.budget <= 0) return;
  scope.env.budget--;
  for (const op of ops) runDeferredOp(scope, op, prefix);
}

function runDeferredOp(scope: Scope, op: DOp, prefix: string): void {
  const env = scope.env;
  switch (op.op) {
    case "settle": {
      const d = pick(scope.deferreds, op.d);
      const dName = env.labelOf(d)!;
      const args = op.args.map((v) => materialize(scope, v));
      const name = `${prefix}${dName}.${op.channel}`;
      if (op.how === "method") env.call(name, () => d[op.channel](...args));
      else if (op.how === "with") {
        const ctx = context(scope, op.ctx, d);
        env.call(`${name}With`, () => d[`${op.channel}With`](ctx, args));
      } else if (op.how === "detached") {
        const fn = d[op.channel];
        env.call(`${name}(detached)`, () => fn(...args));
      } else {
        const host = env.label({ [op.channel]: d[op.channel] }, "host");
        env.call(`${name}(borrowed)`, () => host[op.channel](...args));
      }
      return;
    }
    case "listen": {
      const target = pick(scope.entities, op.e);
      const tName = env.labelOf(target)!;
      const name = `${prefix}${tName}.${op.method}`;
      let calls = 0;
      const make = (suffix: string) =>
        env.fn(`${name}${suffix}`, () => {
          if (++calls === 1) runNested(scope, op.nested, `${name}>`);
        });
      const input =
        op.shape === "fn"
          ? [make("")]
          : op.shape === "array"
            ? [[make("")]]
            : [make("#1"), [make("#2")]];
      env.call(name, () => target[op.method](...input));
      return;
    }
    case "then": {
      const source = pick(scope.entities, op.e);
      const name = `${prefix}${env.labelOf(source)!}.${op.method}`;
      const index = scope.entities.length;
      const derivedName = `e${index}`;
      // Set once `then` returns; read by a handler that returns its own derived promise.
      const derived: { promise?: unknown } = {};
      const handlers = op.handlers.map((handler, slot) =>
        handler === null
          ? undefined
          : handler.kind === "notfn"
            ? "not a function"
            : env.fn(`${derivedName}.h${slot}`, () => {
                runNested(scope, handler.nested, `${derivedName}.h${slot}>`);
                return produce(
                  scope,
                  handler.result,
                  () => derived.promise,
                  `${derivedName}.h${slot}`,
                  scope.deferreds,
                );
              }),
      );
      const args = op.method === "catch" ? [handlers[1]] : handlers;
      const result = env.call(name, () => source[op.method](...args));
      derived.promise = result;
      if (result !== undefined && env.labelOf(result) === undefined) {
        env.label(result, derivedName);
        scope.entities.push(result);
      }
      return;
    }
    case "state": {
      const target = pick(scope.entities, op.e);
      env.call(`${prefix}${env.labelOf(target)!}.state`, () => target.state());
      return;
    }
    case "promise": {
      const d = pick(scope.deferreds, op.d);
      const dName = env.labelOf(d)!;
      if (!op.target) {
        env.call(`${prefix}${dName}.promise`, () => d.promise());
        return;
      }
      const target = env.label({ own: 1 }, `t${scope.entities.length}`);
      env.call(`${prefix}${dName}.promise(target)`, () => d.promise(target));
      env.log("target keys", Object.keys(target).join(","));
      scope.entities.push(target);
      return;
    }
    case "when": {
      const args = op.args.map((arg, k) =>
        produce(scope, arg, () => undefined, `w.arg${k}`, scope.entities),
      );
      const result = env.call(`${prefix}when(${args.length})`, () => env.lib.when(...args));
      if (result !== undefined && env.labelOf(result) === undefined) {
        env.label(result, `w${scope.entities.length}`);
        scope.entities.push(result);
      }
      return;
    }
    case "later":
      env.setTimeout(() => {
        env.log(`${prefix}timer`, op.delay);
        for (const nested of op.ops) runDeferredOp(scope, nested, `${prefix}later>`);
      }, op.delay);
      return;
    case "deferred":
      createDeferred(scope, op.beforeStart, op.useNew);
      return;
    case "getErrorHook": {
      let count = 0;
      env.lib.Deferred.getErrorHook = op.on
        ? function getErrorHook() {
            env.log("getErrorHook");
            return `async#${++count}`;
          }
        : undefined;
      return;
    }
  }
}

/**
 * Builds the value a handler returns (or a `when` argument). `pool` is where "entity" results come
 * from: any entity for `when`, only plain deferreds for handlers, because a `pipe` filter or `then`
 * handler returning a promise derived from its own chain forwards progress around the cycle
 * forever, in both libraries.
 */
function produce(
  scope: Scope,
  result: Result,
  self: () => unknown,
  name: string,
  pool: unknown[],
): unknown {
  const env = scope.env;
  switch (result.kind) {
    case "value":
      return materialize(scope, result.v);
    case "throw":
      throw materialize(scope, result.v);
    case "entity": {
      const entity = pick(pool, result.e) as any;
      return result.viaPromise ? entity.promise() : entity;
    }
    case "self":
      return self();
    case "fresh": {
      const d = env.label(env.lib.Deferred(), `${name}.fresh`);
      env.label(d.promise(), `${name}.fresh.p`);
      const settle = () => {
        const args = result.args.map((v) => materialize(scope, v));
        d[result.fulfil ? "resolveWith" : "rejectWith"](context(scope, result.ctx, d), args);
      };
      if (result.delay === null) settle();
      else env.setTimeout(settle, result.delay);
      return d;
    }
    case "native":
      return env.label(
        env.nativePromise(result.fulfil, materialize(scope, result.v), result.delay ?? undefined),
        `${name}.native`,
      );
    case "thenable": {
      const thenable = {
        then(this: unknown, ...callbacks: unknown[]) {
          env.log(`${name}.thenable.then`, this, callbacks.map((c) => typeof c).join(","));
          const run = () => {
            for (const call of result.calls) {
              const callback = callbacks[call.fulfil ? 0 : 1] as (...args: unknown[]) => unknown;
              const ctx = context(scope, call.ctx, thenable);
              env.call(`${name}.thenable.${call.fulfil ? "fulfil" : "reject"}`, () =>
                callback.apply(
                  ctx,
                  call.args.map((v) => materialize(scope, v)),
                ),
              );
            }
          };
          if (result.delay === null) run();
          else env.setTimeout(run, result.delay);
          if (result.throwAfter) throw env.label(new Error(`${name} then threw`), `${name}.error`);
        },
      };
      return env.label(thenable, `${name}.thenable`);
    }
    case "badThen": {
      const bad = {};
      Object.defineProperty(bad, "then", {
        get() {
          throw env.label(new Error(`${name} then getter threw`), `${name}.getterError`);
        },
      });
      return env.label(bad, `${name}.badThen`);
    }
  }
}

const delayArb = fc.constantFrom<number | null>(null, null, 0, 1, 3);

function thenableArb(allowReject: boolean, allowRepeat: boolean): fc.Arbitrary<Result> {
  const call: fc.Arbitrary<ThenableCall> = fc.record({
    fulfil: allowReject ? fc.boolean() : fc.constant(true),
    args: argsArb(),
    ctx: ctxArb,
  });
  return fc.record({
    kind: fc.constant("thenable" as const),
    calls: fc.array(call, { minLength: allowRepeat ? 0 : 1, maxLength: allowRepeat ? 3 : 1 }),
    delay: delayArb,
    throwAfter: allowReject ? fc.boolean() : fc.constant(false),
  });
}

/**
 * What a handler may return. `slot` 0/1 are fulfil/reject handlers of `then`; 2 is a progress
 * handler (no throw, nothing that rejects); "pipe" filters must not throw (documented difference 2)
 * and "when" arguments must not call back twice, or call back and then throw (documented
 * difference 6).
 */
function resultArb(slot: 0 | 1 | 2 | "pipe" | "when"): fc.Arbitrary<Result> {
  const canReject = slot !== 2;
  const options: fc.WeightedArbitrary<Result>[] = [
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant("value" as const),
        // An entity is a thenable that may reject later, which a progress handler must not return.
        v: canReject ? valueWithEntitiesArb : valueArb,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("fresh" as const),
        fulfil: canReject ? fc.boolean() : fc.constant(true),
        args: argsArb(),
        delay: delayArb,
        ctx: ctxArb,
      }),
    },
    {
      weight: 2,
      arbitrary:
        slot === "when"
          ? // A thenable that calls back at once and then throws: jQuery's `when` counts the
            // argument and then rejects; the first call wins here (documented difference 6).
            thenableArb(canReject, false).map((t) =>
              t.kind === "thenable" && t.delay === null ? { ...t, throwAfter: false } : t,
            )
          : thenableArb(canReject, true),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("native" as const),
        fulfil: canReject ? fc.boolean() : fc.constant(true),
        v: valueArb,
        delay: delayArb,
      }),
    },
  ];
  if (slot === 0 || slot === 1) {
    options.push(
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("throw" as const), v: valueArb }) },
      { weight: 1, arbitrary: fc.constant({ kind: "self" as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: "badThen" as const }) },
    );
  }
  if (slot === "when")
    options.push({ weight: 1, arbitrary: fc.constant({ kind: "badThen" as const }) });
  if (slot !== 2) {
    // Existing deferreds may be rejected later, which a progress handler must not return.
    options.push({
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("entity" as const),
        e: fc.nat(6),
        viaPromise: fc.boolean(),
      }),
    });
  }
  return fc.oneof(...options);
}

/**
 * jQuery adopts the single argument of `when(x)` a second time when it settles synchronously
 * without a thenable value (its `then` or `promise()` is called twice); we adopt it once. That is
 * asserted in documented-differences.test.ts; here a lone foreign thenable calls back later.
 */
function adoptableOnce(args: Result[]): Result[] {
  const only = args[0];
  if (args.length !== 1 || only?.kind !== "thenable") return args;
  return [{ ...only, delay: only.delay ?? 0, throwAfter: false }];
}

function handlerArb(slot: 0 | 1 | 2 | "pipe", depth: number): fc.Arbitrary<Handler | null> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant({ kind: "notfn" as const }) },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("fn" as const),
        result: resultArb(slot),
        nested: depth > 0 ? fc.constant([] as DOp[]) : fc.array(deferredOpArb(1), { maxLength: 2 }),
      }),
    },
  );
}

/**
 * A deferred resolved or notified with a thenable (e.g. itself) that a pass-through `then()`
 * unwraps can loop forever in both libraries (each unwrapping subscribes again and meets the same
 * value). So only rejections carry deferreds here; resolving and notifying with thenables are
 * covered by deterministic tests.
 */
function withoutResolvedThenables<T extends { channel: string; args: Val[] }>(op: T): T {
  if (op.channel === "reject") return op;
  return {
    ...op,
    args: op.args.map((v) =>
      v !== null && typeof v === "object" && "entity" in v ? { sentinel: v.entity % 3 } : v,
    ),
  };
}

function deferredOpArb(depth: number): fc.Arbitrary<DOp> {
  const nestedOps =
    depth > 0 ? fc.constant([] as DOp[]) : fc.array(deferredOpArb(depth + 1), { maxLength: 2 });
  const options: fc.WeightedArbitrary<DOp>[] = [
    {
      weight: 6,
      arbitrary: fc
        .record({
          op: fc.constant("settle" as const),
          d: fc.nat(4),
          channel: fc.constantFrom("resolve" as const, "reject" as const, "notify" as const),
          how: fc.constantFrom(
            "method" as const,
            "with" as const,
            "with" as const,
            "borrowed" as const,
            "detached" as const,
          ),
          ctx: ctxArb,
          args: argsArb(valueWithEntitiesArb),
        })
        .map(withoutResolvedThenables),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant("listen" as const),
        e: fc.nat(8),
        method: fc.constantFrom(
          "done" as const,
          "fail" as const,
          "progress" as const,
          "always" as const,
        ),
        shape: fc.constantFrom("fn" as const, "fn" as const, "array" as const, "two" as const),
        nested: nestedOps,
      }),
    },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.record({
          op: fc.constant("then" as const),
          e: fc.nat(8),
          method: fc.constant("then" as const),
          handlers: fc.tuple(handlerArb(0, depth), handlerArb(1, depth), handlerArb(2, depth)),
        }),
        fc.record({
          op: fc.constant("then" as const),
          e: fc.nat(8),
          method: fc.constant("catch" as const),
          handlers: fc.tuple(fc.constant(null), handlerArb(1, depth), fc.constant(null)),
        }),
        fc.record({
          op: fc.constant("then" as const),
          e: fc.nat(8),
          method: fc.constant("pipe" as const),
          handlers: fc.tuple(
            handlerArb("pipe", depth),
            handlerArb("pipe", depth),
            // A progress filter's plain value becomes a notification value, which a `then`
            // downstream adopts: like a progress handler's, it must not reject (difference 3).
            handlerArb(2, depth),
          ),
        }),
      ),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("state" as const), e: fc.nat(8) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("promise" as const),
        d: fc.nat(4),
        target: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant("when" as const),
        args: fc.array(resultArb("when"), { maxLength: 4 }).map(adoptableOnce),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("deferred" as const),
        beforeStart: fc.boolean(),
        useNew: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant("getErrorHook" as const), on: fc.boolean() }),
    },
  ];
  if (depth === 0) {
    options.push({
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant("later" as const),
        delay: fc.constantFrom(0, 1, 2, 5),
        ops: fc.array(deferredOpArb(1), { minLength: 1, maxLength: 3 }),
      }),
    });
  }
  return fc.oneof(...options);
}

export const deferredProgramArb: fc.Arbitrary<DeferredProgram> = fc.record({
  deferreds: fc.integer({ min: 1, max: 3 }),
  ops: fc.array(deferredOpArb(0), { minLength: 1, maxLength: 12 }),
});

/** `when`-focused programs: a few deferreds, a `when` over a random mix, then settling in any order. */
export const whenProgramArb: fc.Arbitrary<DeferredProgram> = fc
  .record({
    deferreds: fc.integer({ min: 1, max: 3 }),
    when: fc.array(resultArb("when"), { maxLength: 5 }).map(adoptableOnce),
    listeners: fc.array(
      fc.oneof<fc.Arbitrary<DOp>[]>(
        fc.record({
          op: fc.constant("listen" as const),
          e: fc.constant(0),
          method: fc.constantFrom(
            "done" as const,
            "fail" as const,
            "progress" as const,
            "always" as const,
          ),
          shape: fc.constant("fn" as const),
          nested: fc.constant([] as DOp[]),
        }),
        fc.record({
          op: fc.constant("then" as const),
          e: fc.constant(0),
          method: fc.constant("then" as const),
          handlers: fc.constant<(Handler | null)[]>([
            { kind: "fn", result: { kind: "value", v: "fulfilled" }, nested: [] },
            { kind: "fn", result: { kind: "value", v: "rejected" }, nested: [] },
            null,
          ]),
        }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    settles: fc.array(deferredOpArb(1), { maxLength: 6 }),
  })
  .map(({ deferreds, when, listeners, settles }) => {
    // The when result is the entity created right after the initial deferreds: point the
    // listeners at it.
    const whenOp: DOp = { op: "when", args: when };
    const pointAtWhen = (op: DOp): DOp =>
      op.op === "listen" || op.op === "then" ? { ...op, e: deferreds } : op;
    return { deferreds, ops: [whenOp, ...listeners.map(pointAtWhen), ...settles] };
  });
