/**
 * Every TypeScript example the project shows compiles: the ```ts blocks of README.md and
 * docs/*.md and the `@example` sections of the API docs in src/ (scripts/check-examples.mjs, run
 * as a child process). The other cases show that the checker fails where it should: an error is
 * reported at its line in the document, and a deliberately wrong example must say so with
 * `// @ts-expect-error`, which then requires the error.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const temporary = mkdtempSync(join(tmpdir(), "jq-deferred-examples-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function checkExamples(...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/check-examples.mjs", ...args],
      { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ status, output: `${stdout}${stderr}` });
      },
    );
  });
}

function markdown(name: string, ...blocks: string[]): string {
  const path = join(temporary, name);
  writeFileSync(path, blocks.map((code) => `Some text.\n\n\`\`\`ts\n${code}\n\`\`\`\n`).join("\n"));
  return path;
}

describe("scripts/check-examples.mjs", () => {
  it("every ```ts block of README.md and docs/*.md and every @example in src/ compiles", async () => {
    const result = await checkExamples();
    expect(result.output).toMatch(/check-examples: \d+ examples compile/);
    expect(result.status).toBe(0);
  }, 120_000);

  it("covers README.md, every guide and the API docs", async () => {
    const { output } = await checkExamples("--list");
    const places = output.split("\n").filter((line) => /:\d+$/.test(line));
    expect(places.some((place) => place.startsWith("README.md:"))).toBe(true);
    expect(places.some((place) => place.startsWith("docs/types.md:"))).toBe(true);
    expect(places.some((place) => place.startsWith("docs/ajax.md:"))).toBe(true);
    expect(places.some((place) => place.startsWith("src/core/types.ts:"))).toBe(true);
    expect(places.some((place) => place.startsWith("src/bridge/install.ts:"))).toBe(true);
    expect(places.length).toBeGreaterThan(100);
  }, 120_000);

  it("reports an example that does not compile at its line in the document", async () => {
    const path = markdown(
      "broken.md",
      'const dfd = Deferred<string>();\ndfd.resolve("fine");',
      'const typed = Deferred<number>();\ntyped.resolve("not a number");',
    );
    const result = await checkExamples(path);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/broken\.md:12 {2}TS2345/);
    expect(result.output).not.toMatch(/broken\.md:[45] /);
  }, 120_000);

  it("accepts a deliberately wrong example only with a visible @ts-expect-error that holds", async () => {
    const marked = markdown(
      "marked.md",
      'const typed = Deferred<number>();\n// @ts-expect-error a number is expected\ntyped.resolve("text");',
    );
    expect((await checkExamples(marked)).status).toBe(0);
    const stale = markdown(
      "stale.md",
      "const typed = Deferred<number>();\n// @ts-expect-error nothing is wrong here\ntyped.resolve(1);",
    );
    const result = await checkExamples(stale);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/stale\.md:5 {2}TS2578/);
  }, 120_000);

  it("imports what an API example uses from the package, and from its own module", async () => {
    const path = join(temporary, "module.ts");
    writeFileSync(
      path,
      "/**\n * @example\n * when(Deferred<string>(), 2).done((text, two) => text.repeat(two));\n */\nexport {};\n",
    );
    const result = await checkExamples(path);
    expect(result.output).toContain("check-examples: 1 examples compile");
    expect(result.status).toBe(0);
  }, 120_000);
});
