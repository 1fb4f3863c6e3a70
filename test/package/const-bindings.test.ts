/**
 * The build step that declares with `const` again the top-level bindings bundling wrote as `var`
 * (scripts/const-bindings.mjs): what it rewrites, what it must leave alone because the code run
 * while the bundle loads reads it first or assigns it, that the rewritten code means the same, and
 * that the built package has its hot bindings as `const`, which the benchmark figures rely on.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { constBindings } from "../../scripts/const-bindings.mjs";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

/** Runs `code` as a function body and returns what it returns. */
function evaluate(code: string): unknown {
  return new Function(code)() as unknown;
}

describe("constBindings", () => {
  it("makes const the vars that are never assigned again, and only those", () => {
    const { code, converted } = constBindings(
      "var a = 1;\nvar b = 2;\nvar c = 3, d = 4;\nvar e;\nb = 5;\nd++;\nreturn [a, b, c, d];",
      { functions: false },
    );
    expect(converted).toEqual(["a"]);
    expect(code).toContain("const a = 1;");
    expect(code).toContain("var b = 2;");
    // One declarator assigned later keeps the whole statement a var; so does one without a value.
    expect(code).toContain("var c = 3, d = 4;");
    expect(code).toContain("var e;");
    expect(evaluate(code)).toEqual([1, 5, 3, 5]);
  });

  it("sees every way of assigning a name: compound, logical, destructuring, for-in/of", () => {
    const names = ["p", "q", "r", "s", "t", "u"];
    const source = [
      ...names.map((name) => `var ${name} = 0;`),
      "p += 1;",
      "q ??= 1;",
      "[r] = [1];",
      "({ s } = { s: 1 });",
      "for (t of [1]) ;",
      "for (u in { k: 1 }) ;",
      "return [p, q, r, s, t, u];",
    ].join("\n");
    const { code, converted } = constBindings(source, { functions: true });
    expect(converted).toEqual([]);
    expect(evaluate(code)).toEqual([1, 0, 1, 1, 1, "k"]);
  });

  it("leaves a name that a var of the top-level code's blocks declares again", () => {
    const source = "var a = 1;\nvar b = 1;\nif (b) { var a = 2; }\nreturn [a, b];";
    const { code, converted } = constBindings(source, { functions: false });
    expect(converted).toEqual(["b"]);
    expect(evaluate(code)).toEqual([2, 1]);
  });

  it("does not take a property of the same name, or a key, for the binding", () => {
    const { code, converted } = constBindings(
      "var then = 1;\nvar o = { then: 2 };\no.then = 3;\nreturn [then, o.then];",
      { functions: false },
    );
    expect(converted).toEqual(["then", "o"]);
    expect(evaluate(code)).toEqual([1, 3]);
  });

  it("makes functions const in ES modules only when asked, with their names", () => {
    const source = "function later() { return 1; }\nreturn [later(), later.name];";
    expect(constBindings(source, { functions: false }).converted).toEqual([]);
    const { code, converted } = constBindings(source, { functions: true });
    expect(converted).toEqual(["later"]);
    expect(code).toContain("const later = function later() { return 1; };");
    expect(evaluate(code)).toEqual([1, "later"]);
  });

  it("leaves what loading reads before its statement: hoisted calls, transitively", () => {
    const source = [
      "var first = make();",
      "function make() { return helper() + value; }",
      "function helper() { return 1; }",
      "var value = 2;",
      "function unused() { return first; }",
      "return [first, unused()];",
    ].join("\n");
    const { code, converted } = constBindings(source, { functions: true });
    // `first` is read at load after its own statement only; `unused` never runs at load.
    expect(converted).toEqual(["first", "unused"]);
    // As a var, `value` was still undefined when `make` ran: the result says so, unchanged.
    expect(evaluate(code)).toEqual([Number.NaN, Number.NaN]);
    expect(evaluate(source)).toEqual([Number.NaN, Number.NaN]);
  });

  it("counts class static blocks, static fields and immediately called functions as load time", () => {
    const source = [
      "var A = class { static { setUp(); } };",
      "var B = class { static x = B; };",
      "var C = (() => later())();",
      "var D = class { method() { return inMethod(); } };",
      "function setUp() {}",
      "function later() { return 1; }",
      "function inMethod() { return 2; }",
      "return [typeof A, B.x === undefined, C, new D().method()];",
    ].join("\n");
    const { code, converted } = constBindings(source, { functions: true });
    expect(converted).toEqual(["A", "C", "D", "inMethod"]);
    expect(evaluate(code)).toEqual(["function", true, 1, 2]);
  });

  it("counts a function passed to a call at load as run then, and one in an object as not", () => {
    const source = [
      "var mapped = [1].map(() => first());",
      "var called = (function () { return second(); }).call(null);",
      "var table = Object.freeze({ read() { return third(); } });",
      "function first() { return 1; }",
      "function second() { return 2; }",
      "function third() { return 3; }",
      "return [mapped[0], called, table.read()];",
    ].join("\n");
    const { code, converted } = constBindings(source, { functions: true });
    expect(converted).toEqual(["mapped", "called", "table", "third"]);
    expect(evaluate(code)).toEqual([1, 2, 3]);
  });

  it("keeps minified code valid where statements touch", () => {
    const source = "var a=1;function b(){return a}function c(){return b()+1}return c()";
    const { code, converted } = constBindings(source, { functions: true });
    expect(converted).toEqual(["a", "b", "c"]);
    expect(evaluate(code)).toBe(2);
  });
});

describe("the built package", () => {
  /** The chunk of `dist/core.<ext>` that holds the core. */
  function coreChunk(extension: "js" | "cjs"): string {
    const entry = readFileSync(`${dist}core.${extension}`, "utf8");
    const name = /(chunk-\w+\.c?js)/.exec(entry)?.[1];
    expect(readdirSync(dist)).toContain(name);
    return readFileSync(`${dist}${name}`, "utf8");
  }

  it("declares the core's hot bindings with const in the ES module build", () => {
    const chunk = coreChunk("js");
    for (const name of ["PromiseCore", "Reaction", "THREW", "threw"]) {
      expect(chunk).toMatch(new RegExp(`^const ${name} = `, "m"));
    }
    for (const name of ["enqueueJob", "tryApply", "settleFromOutcome", "drainQueue"]) {
      expect(chunk).toMatch(new RegExp(`^const ${name} = function ${name}\\(`, "m"));
    }
    // Assigned by the scheduler: still variables.
    expect(chunk).toMatch(/^var wake = /m);
  });

  it("declares the vars, not the functions, with const in the CommonJS build", () => {
    const chunk = coreChunk("cjs");
    expect(chunk).toMatch(/^const PromiseCore = /m);
    expect(chunk).toMatch(/^function enqueueJob\(/m);
  });
});
