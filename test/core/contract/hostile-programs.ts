/**
 * Hostile programs of the contract (issue 11) where jQuery 4 is right, for the differential
 * harness (test/differential/harness.ts): each runs on jQuery and on jq-deferred and the traces
 * must be equal. Where jQuery is wrong (it reads `then` outside a try in `when(resolved(v))`,
 * wedges a list after a throwing argument read, overflows its stack at 10,000 thenables, rejects
 * a multi-argument `when` on a thenable's late reject, lets its default exception hook throw), the
 * contract tests of test/core/contract assert native behaviour instead and no program is here.
 *
 * Hostile values are labelled before they reach a log, so that describing them reads nothing.
 */
import type { Env, Program } from "../../differential/harness.js";
import { revokedProxy, throwingProxy } from "./hostile-values.js";

/** Hostile values that every library must adopt (or refuse) the same way. */
const VALUES: Record<string, (env: Env) => unknown> = {
  "a Proxy whose traps throw": (env) =>
    env.label(throwingProxy(env.label(new Error("trap"), "trap error"), {}), "throwing proxy"),
  "a revoked Proxy": (env) => env.label(revokedProxy({}), "revoked proxy"),
  "Object.create(resolved promise)": (env) =>
    Object.create(env.lib.Deferred().resolve("inherited").promise()),
  "Object.create(rejected promise)": (env) =>
    Object.create(env.lib.Deferred().reject("inherited reason").promise()),
  "Object.create(resolved deferred)": (env) =>
    Object.create(env.lib.Deferred().resolve("inherited")),
  "new Proxy(resolved promise, {})": (env) =>
    new Proxy(env.lib.Deferred().resolve("proxied").promise(), {}),
  "new Proxy(resolved deferred, {})": (env) => new Proxy(env.lib.Deferred().resolve("proxied"), {}),
  "a thenable whose then getter answers once": () => {
    let reads = 0;
    return {
      get then() {
        return ++reads === 1 ? (resolve: (v: unknown) => void) => resolve("once") : undefined;
      },
    };
  },
};

/** Logs how `promise` settles: a TypeError is logged by kind, as engines word it differently. */
function logSettlement(env: Env, name: string, promise: any): void {
  const reason = (r: unknown) => (r instanceof TypeError ? "a TypeError" : r);
  promise.then(
    (...values: unknown[]) => env.log(`${name} resolved`, ...values),
    (r: unknown) => env.log(`${name} rejected`, reason(r)),
  );
}

export const HOSTILE_PROGRAMS: Record<string, Program> = {};

for (const [name, make] of Object.entries(VALUES)) {
  HOSTILE_PROGRAMS[`a then handler returns ${name}`] = (env) => {
    const derived = env.lib
      .Deferred()
      .resolve()
      .then(() => make(env));
    logSettlement(env, "derived", derived);
  };
  HOSTILE_PROGRAMS[`Deferred().resolve(${name}).then()`] = (env) => {
    logSettlement(env, "derived", env.lib.Deferred().resolve(make(env)).then());
  };
  HOSTILE_PROGRAMS[`when(${name})`] = (env) => {
    env.call("when", () => logSettlement(env, "when", env.lib.when(make(env))));
  };
  HOSTILE_PROGRAMS[`when(${name}, 1)`] = (env) => {
    env.call("when", () => logSettlement(env, "when", env.lib.when(make(env), 1)));
  };
}

HOSTILE_PROGRAMS["a then handler returns a chain of 1,000 thenables"] = (env) => {
  let next: object = { then: (resolve: (v: unknown) => void) => resolve("end") };
  for (let i = 1; i < 1_000; i++) {
    const inner = next;
    next = { then: (resolve: (v: unknown) => void) => resolve(inner) };
  }
  const chain = next;
  logSettlement(
    env,
    "derived",
    env.lib
      .Deferred()
      .resolve()
      .then(() => chain),
  );
};

for (const [name, make] of [
  ["Object.create(d)", (d: any) => Object.create(d)],
  ["Object.create(d.promise())", (d: any) => Object.create(d.promise())],
] as const) {
  HOSTILE_PROGRAMS[`d.promise(${name})`] = (env) => {
    const d = env.label(env.lib.Deferred(), "d");
    const target = env.label(make(d), "target");
    env.call("promise(target)", () => d.promise(target));
    env.call("state", () => target.state());
    env.call("done", () => target.done(env.fn("done")));
    logSettlement(
      env,
      "then",
      target.then((v: number) => v * 2),
    );
    d.resolve(3);
    env.call("state", () => target.state());
  };
}

HOSTILE_PROGRAMS["Callbacks().add({length: 2 ** 40})"] = (env) => {
  const list = env.label(env.lib.Callbacks(), "list");
  env.call("add", () => list.add({ length: 2 ** 40 }));
  list.add(env.fn("callback"));
  env.call("fire", () => list.fire(3));
};

HOSTILE_PROGRAMS["Deferred().done({length: Infinity})"] = (env) => {
  const d = env.label(env.lib.Deferred(), "d");
  env.call("done", () => d.done({ length: Infinity }, env.fn("done")));
  env.call("resolve", () => d.resolve(1));
  env.call("state", () => d.state());
};

HOSTILE_PROGRAMS["Callbacks().add(array-like of length 2 with a function)"] = (env) => {
  const list = env.label(env.lib.Callbacks(), "list");
  env.call("add", () => list.add({ length: 2, 0: env.fn("first"), 1: 5 }));
  env.call("fire", () => list.fire("x"));
};

// A callback that says it spreads like an array (`Symbol.isConcatSpreadable`) is one callback all
// the same, wherever it lands in a list: added alone, in a list of callbacks, first or later.
for (const lib of ["Deferred", "Callbacks"] as const) {
  HOSTILE_PROGRAMS[`${lib}: callbacks whose Symbol.isConcatSpreadable is set`] = (env) => {
    const spreading = (name: string) => {
      const fn = env.fn(name);
      (fn as unknown as Record<symbol, unknown>)[Symbol.isConcatSpreadable] = true;
      return fn;
    };
    const target = lib === "Deferred" ? env.label(env.lib.Deferred(), "d") : env.lib.Callbacks();
    const add = (...fns: unknown[]) =>
      lib === "Deferred" ? target.done(...fns) : target.add(...fns);
    add(spreading("alone first"));
    add(env.fn("plain"));
    add(spreading("alone later"));
    add([spreading("in a list"), env.fn("plain in the list")]);
    for (let i = 0; i < 8; i++) add(env.fn(`plain ${i}`));
    add(spreading("to a long list"));
    env.call("fire", () => (lib === "Deferred" ? target.resolve("v") : target.fire("v")));
  };
}
