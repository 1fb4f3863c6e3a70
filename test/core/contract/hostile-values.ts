/**
 * The hostile values of the contract (issue 11) as fast-check arbitraries, and what adopting each
 * one must give.
 *
 * A value is described as data (`ValueSpec`), so that fast-check can print and replay it; `build`
 * makes a fresh value from its description for one run, with the library under test. Each built
 * value carries its expected adoption: by `then` (the Promises/A+ resolution procedure, as native
 * promises do it) and by `when` (jQuery's `adoptValue`: a `promise` method first, then `then`).
 */
import fc from "fast-check";

/** The kinds of value a user can pass; `param` picks a variant where a kind has several. */
export const VALUE_KINDS = [
  // Ordinary values.
  "primitive",
  "plain object",
  "plain function",
  "transparent Proxy",
  // Proxies that throw or are revoked.
  "Proxy with throwing traps",
  "function Proxy with throwing traps",
  "revoked Proxy",
  "revoked function Proxy",
  // Objects inheriting from, or proxying, one of our promises or deferreds.
  "Object.create(promise)",
  "Object.create(deferred)",
  "Proxy of promise",
  "Proxy of deferred",
  // Getters.
  "then getter that throws",
  "then getter answering once",
  "promise getter that throws",
  "promise getter answering once",
  // Thenables that misbehave.
  "thenable calling back synchronously",
  "thenable calling back later",
  "thenable resolving then rejecting",
  "thenable rejecting then resolving",
  "thenable resolving twice",
  "thenable resolving then throwing",
  "thenable throwing",
  // Array-likes.
  "array-like with throwing length",
  "array-like with huge length",
  "array-like with Infinity length",
  "array-like with negative or fractional length",
  "array-like with throwing index",
  "Proxy array-like with throwing index",
  // Values that are hard to inspect (as thrown values, reasons).
  "null-prototype object",
  "object whose name getter throws",
  "object whose toString throws",
] as const;

export type ValueKind = (typeof VALUE_KINDS)[number];

/** A value described as data: its kind and a small parameter selecting a variant. */
export interface ValueSpec {
  readonly kind: ValueKind;
  readonly param: number;
}

export const valueSpec: fc.Arbitrary<ValueSpec> = fc.record({
  kind: fc.constantFrom(...VALUE_KINDS),
  param: fc.nat(5),
});

/** The array-likes alone, to weigh them up where argument lists are read. */
export const arrayLikeSpec: fc.Arbitrary<ValueSpec> = fc.record({
  kind: fc.constantFrom(
    ...VALUE_KINDS.filter((kind) => kind.startsWith("array-like") || kind.includes("array-like")),
  ),
  param: fc.nat(5),
});

/** What adopting a value must give. */
export type Adoption =
  | { readonly resolves: unknown }
  | { readonly rejects: unknown }
  | { readonly rejectsTypeError: true };

/** The library functions `build` needs. */
export interface BuildLib {
  readonly Deferred: (...args: any[]) => any;
}

/** One built value with its expected adoptions, and the errors its hostile code may throw. */
export interface Built {
  readonly kind: string;
  readonly value: unknown;
  /** By `then` (a handler returning it, `resolve(v).then()`), as the A+ resolution procedure. */
  readonly byThen: Adoption;
  /** By single-argument `when`: a `promise` method is looked for first. */
  readonly byWhen: Adoption;
  /** Errors this value's own code can throw (the contract allows a call to throw those). */
  readonly errors: ReadonlySet<unknown>;
}

const PRIMITIVES: readonly unknown[] = [undefined, null, 0, "", "text", false];

/** A Proxy of `target` every trap of which throws `error` (so any read, of any kind, throws it). */
export function throwingProxy<T extends object>(error: unknown, target: T): T {
  const trap = () => {
    throw error;
  };
  return new Proxy(target, {
    get: trap,
    has: trap,
    getPrototypeOf: trap,
    getOwnPropertyDescriptor: trap,
    ownKeys: trap,
    defineProperty: trap,
    set: trap,
    isExtensible: trap,
    apply: trap,
  });
}

/** A revoked Proxy of `target`: any operation on it throws a TypeError. */
export function revokedProxy<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** Makes a fresh value from its description. */
export function build(spec: ValueSpec, lib: BuildLib): Built {
  const errors = new Set<unknown>();
  /** A fresh error this value's code throws. */
  const error = (what: string) => {
    const made = new Error(`${spec.kind}: ${what}`);
    errors.add(made);
    return made;
  };
  const self = (value: unknown, byWhen?: Adoption): Built => ({
    kind: spec.kind,
    value,
    byThen: { resolves: value },
    byWhen: byWhen ?? { resolves: value },
    errors,
  });
  const same = (value: unknown, adoption: Adoption): Built => ({
    kind: spec.kind,
    value,
    byThen: adoption,
    byWhen: adoption,
    errors,
  });
  const settledSource = (target: "promise" | "deferred") => {
    // param picks: resolved, rejected, or resolved a little later.
    const d = lib.Deferred();
    const outcome = spec.param % 3;
    if (outcome === 0) d.resolve(`value ${spec.param}`);
    else if (outcome === 1) d.reject(`reason ${spec.param}`);
    else setTimeout(() => d.resolve(`value ${spec.param}`), 1);
    const adoption: Adoption =
      outcome === 1 ? { rejects: `reason ${spec.param}` } : { resolves: `value ${spec.param}` };
    return { source: target === "promise" ? d.promise() : d, adoption };
  };

  switch (spec.kind) {
    case "primitive":
      return self(PRIMITIVES[spec.param % PRIMITIVES.length]);
    case "plain object":
      return self({ param: spec.param });
    case "plain function":
      return self(() => spec.param);
    case "transparent Proxy":
      return self(new Proxy({ param: spec.param }, {}));
    case "Proxy with throwing traps":
    case "function Proxy with throwing traps": {
      const thrown = error("trap");
      const target = spec.kind === "Proxy with throwing traps" ? {} : () => undefined;
      const value = throwingProxy(thrown, target);
      return same(value, { rejects: thrown });
    }
    case "revoked Proxy":
    case "revoked function Proxy": {
      const proxy = revokedProxy(spec.kind === "revoked Proxy" ? {} : () => undefined);
      return same(proxy, { rejectsTypeError: true });
    }
    case "Object.create(promise)":
    case "Object.create(deferred)": {
      const { source, adoption } = settledSource(
        spec.kind === "Object.create(promise)" ? "promise" : "deferred",
      );
      return same(Object.create(source), adoption);
    }
    case "Proxy of promise":
    case "Proxy of deferred": {
      const { source, adoption } = settledSource(
        spec.kind === "Proxy of promise" ? "promise" : "deferred",
      );
      return same(new Proxy(source, {}), adoption);
    }
    case "then getter that throws": {
      const thrown = error("then getter");
      return same(
        Object.defineProperty({}, "then", {
          get() {
            throw thrown;
          },
        }),
        { rejects: thrown },
      );
    }
    case "then getter answering once": {
      let reads = 0;
      const value = {
        get then() {
          return ++reads === 1
            ? (resolve: (v: unknown) => void) => resolve(`once ${spec.param}`)
            : undefined;
        },
      };
      return same(value, { resolves: `once ${spec.param}` });
    }
    case "promise getter that throws": {
      const thrown = error("promise getter");
      const value = Object.defineProperty({}, "promise", {
        get() {
          throw thrown;
        },
      });
      // `then` adoption looks at `then` only; `when` looks at `promise` first.
      return self(value, { rejects: thrown });
    }
    case "promise getter answering once": {
      let reads = 0;
      const value = {
        get promise() {
          return ++reads === 1
            ? () => lib.Deferred().resolve(`promised ${spec.param}`).promise()
            : undefined;
        },
      };
      return self(value, { resolves: `promised ${spec.param}` });
    }
    case "thenable calling back synchronously":
      return same(
        { then: (resolve: (v: unknown) => void) => resolve(spec.param) },
        {
          resolves: spec.param,
        },
      );
    case "thenable calling back later":
      return same(
        { then: (resolve: (v: unknown) => void) => setTimeout(() => resolve(spec.param), 1) },
        { resolves: spec.param },
      );
    case "thenable resolving then rejecting":
      return same(
        {
          then(resolve: (v: unknown) => void, reject: (r: unknown) => void) {
            resolve(spec.param);
            reject("late reason");
          },
        },
        { resolves: spec.param },
      );
    case "thenable rejecting then resolving":
      return same(
        {
          then(resolve: (v: unknown) => void, reject: (r: unknown) => void) {
            reject(`reason ${spec.param}`);
            resolve("late value");
          },
        },
        { rejects: `reason ${spec.param}` },
      );
    case "thenable resolving twice":
      return same(
        {
          then(resolve: (v: unknown) => void) {
            resolve(spec.param);
            resolve("second value");
          },
        },
        { resolves: spec.param },
      );
    case "thenable resolving then throwing": {
      const thrown = error("then, after resolving");
      return same(
        {
          then(resolve: (v: unknown) => void) {
            resolve(spec.param);
            throw thrown;
          },
        },
        { resolves: spec.param },
      );
    }
    case "thenable throwing": {
      const thrown = error("then");
      return same(
        {
          then() {
            throw thrown;
          },
        },
        { rejects: thrown },
      );
    }
    case "array-like with throwing length": {
      const thrown = error("length getter");
      return self(
        Object.defineProperty({}, "length", {
          get() {
            throw thrown;
          },
        }),
      );
    }
    case "array-like with huge length":
      return self({ length: 2 ** (30 + spec.param * 4) });
    case "array-like with Infinity length":
      return self({ length: Infinity });
    case "array-like with negative or fractional length":
      return self({ length: [-1, 1.5, -Infinity, NaN, "1", 2 ** 53][spec.param % 6] });
    case "array-like with throwing index": {
      const thrown = error("index getter");
      return self(
        Object.defineProperty({ length: 1 + (spec.param % 2) }, "0", {
          get() {
            throw thrown;
          },
        }),
      );
    }
    case "Proxy array-like with throwing index": {
      const thrown = error("index trap");
      return self(
        new Proxy(
          { length: 2 },
          {
            get(target, key) {
              if (key === "0" || key === "1") throw thrown;
              return Reflect.get(target, key);
            },
          },
        ),
      );
    }
    case "null-prototype object":
      return self(Object.create(null));
    case "object whose name getter throws": {
      const thrown = error("name getter");
      const value = new TypeError("hostile");
      Object.defineProperty(value, "name", {
        get() {
          throw thrown;
        },
      });
      return self(value);
    }
    case "object whose toString throws": {
      const thrown = error("toString");
      return self({
        toString() {
          throw thrown;
        },
        valueOf() {
          throw thrown;
        },
      });
    }
  }
}
