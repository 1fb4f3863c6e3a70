/**
 * The type-level guarantees that need a tool rather than a type test: the project type-checks on
 * both supported TypeScript majors, the published declarations contain no `any`, the packed
 * package resolves its types for ESM and CommonJS (publint, arethetypeswrong), and every export
 * is documented with an example, and docs/types.md states the types the compiler gives. Each
 * check is a script in scripts/, runnable on its own; the negative cases show that each one fails
 * when it should. The scripts run as child processes, one at a time (they are compiler work, and
 * the rest of the suite runs alongside). Needs `npm run build` (as `npm test` does) for the checks
 * on dist/.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const temporary = mkdtempSync(join(tmpdir(), "jq-deferred-toolchain-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** Runs a Node script of this repository; resolves with its exit code and output. */
function runNode(...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ status, output: `${stdout}${stderr}` });
      },
    );
  });
}

function requireBuild(): void {
  if (!existsSync("dist/index.d.ts") || !existsSync("dist/index.d.cts")) {
    throw new Error("dist/ has no declaration files: run `npm run build` first (npm test does)");
  }
}

describe("TypeScript versions", () => {
  // The checks themselves run once per `npm test`, over the whole project (type tests included):
  // TypeScript 6 in the `test` script, TypeScript 7 as vitest's typecheck checker, where any error
  // in any file fails the run. Here: that both are wired in and are the majors they claim to be.
  it("npm test type-checks the project with TypeScript 6 before running vitest", async () => {
    const tsc = "node_modules/typescript/bin/tsc";
    expect((await runNode(tsc, "--version")).output).toMatch(/^Version 6\./);
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<
      string,
      string
    >;
    expect(scripts["test"]).toMatch(/node node_modules\/typescript\/bin\/tsc -p \. && vitest run/);
    expect(scripts["check:types"]).toContain(`${tsc} -p .`);
  });

  it("vitest's typecheck of the type tests (and every other file) runs TypeScript 7", async () => {
    const { default: config } = (await import("../../vitest.config.js")) as {
      default: { test: { typecheck: { enabled: boolean; checker: string; include: string[] } } };
    };
    const { typecheck } = config.test;
    expect(typecheck.enabled).toBe(true);
    expect(typecheck.include).toEqual(["test/types/**/*.test-d.ts"]);
    expect((await runNode(typecheck.checker, "--version")).output).toMatch(/^Version 7\./);
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<
      string,
      string
    >;
    expect(scripts["check:types"]).toContain("node node_modules/typescript7/bin/tsc -p .");
  });
});

describe("scripts/check-no-any.mjs", () => {
  it("finds no `any` in the published declaration files", async () => {
    requireBuild();
    const result = await runNode("scripts/check-no-any.mjs", "dist");
    expect(result.output).toMatch(/no `any`/);
    expect(result.status).toBe(0);
  });

  it("fails on an `any` type, but not on the word in a comment", async () => {
    const directory = join(temporary, "any");
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, "index.d.ts"),
      "/** any value */\nexport declare function f(x: Array<any>): void;\n",
    );
    const result = await runNode("scripts/check-no-any.mjs", directory);
    expect(result.status).toBe(1);
    expect(result.output).toContain("index.d.ts:2:");
    expect(result.output).not.toContain("index.d.ts:1:");
  });

  it("allows `any` only as the default of a type parameter, not in its constraint", async () => {
    const directory = join(temporary, "any-default");
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, "index.d.ts"),
      [
        "export declare function f<T = any[], U = Array<{ x: any }>>(x?: T, y?: U): void;",
        "export interface I<T extends any[] = any[]> { x: T }",
        "export type A<T = any> = (value: T) => any;",
        "",
      ].join("\n"),
    );
    const result = await runNode("scripts/check-no-any.mjs", directory);
    expect(result.status).toBe(1);
    expect(result.output).not.toContain("index.d.ts:1:");
    expect(result.output).toContain("index.d.ts:2:30");
    expect(result.output).not.toContain("index.d.ts:2:38");
    expect(result.output).toContain("index.d.ts:3:40");
    expect(result.output).not.toContain("index.d.ts:3:19");
  });
});

describe("scripts/check-package.mjs", () => {
  it("publint and arethetypeswrong find no problem in the packed package, and a strict consumer of it type-checks on TypeScript 6 and 7", async () => {
    requireBuild();
    const result = await runNode("scripts/check-package.mjs");
    expect(result.output).toContain("No problems found");
    expect(result.output).toMatch(/node16 \(from CJS\)\s+│ OK \(CJS\)/);
    expect(result.output).toMatch(/node16 \(from ESM\)\s+│ OK \(ESM\)/);
    expect(result.output).toContain("a strict consumer type-checks");
    expect(result.status).toBe(0);
  }, 240_000);
});

describe("scripts/check-docs.mjs", () => {
  it("every export of the entry points has a doc comment with an example", async () => {
    const result = await runNode("scripts/check-docs.mjs");
    expect(result.output).toMatch(/exported symbols documented with examples/);
    expect(result.status).toBe(0);
  }, 180_000);

  it("fails on an export without an example and on an undocumented interface member", async () => {
    const entry = join(temporary, "entry.ts");
    writeFileSync(
      entry,
      [
        "/** Documented, with an example.\n * @example\n * one();\n */",
        "export function one(): void {}",
        "/** Documented, but no example. */",
        "export function two(): void {}",
        "/** Options.\n * @example\n * const o: Options = { a: 1 };\n */",
        "export interface Options {\n  a: number;\n}",
      ].join("\n"),
    );
    const result = await runNode("scripts/check-docs.mjs", entry);
    expect(result.status).toBe(1);
    expect(result.output).toContain("two: no @example");
    expect(result.output).toContain("Options.a: no documentation comment");
    expect(result.output).not.toContain("one:");
  }, 180_000);
});

describe("scripts/check-types-doc.mjs", () => {
  it("every type stated in docs/types.md is the one the compiler gives, for @types/jquery and for jq-deferred", async () => {
    const result = await runNode("scripts/check-types-doc.mjs", "docs/types.md");
    expect(result.output).toMatch(/20 code blocks compile, \d+ documented types match/);
    expect(result.status).toBe(0);
  }, 180_000);

  it("fails when a stated type is wrong", async () => {
    const page = join(temporary, "page.md");
    writeFileSync(
      page,
      [
        "```ts",
        'import { Deferred } from "jq-deferred";',
        "Deferred<number>().done((n) => n);",
        "//                       ^? string",
        "```",
      ].join("\n"),
    );
    const result = await runNode("scripts/check-types-doc.mjs", page);
    expect(result.status).toBe(1);
    expect(result.output).toContain("n: documented `string`, compiler says `number`");
  }, 180_000);
});
