/**
 * The README's quick start is run as written (with "jq-deferred" pointed at the sources), and every
 * `// → …` comment in it is checked against what the line before it actually logged.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";

const root = new URL("..", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");

/** The first ```ts block after the given heading. */
function codeBlockAfter(heading: string): string {
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`no ts block under "## ${heading}" in README.md`);
  return match[1]!;
}

/** The values each `// → a, b` comment promises, parsed as JavaScript literals. */
function expectedOutputs(code: string): unknown[][] {
  return [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => {
    const literals = m[1]!
      .trim()
      .replace(/" (?=\S)/g, '", ')
      .replace(/(\d) (?=\S)/g, "$1, ");
    return new Function(`return [${literals}];`)() as unknown[];
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("README quick start", () => {
  it("runs and logs exactly what its // → comments say", async () => {
    const code = codeBlockAfter("Quick start");
    const source = pathToFileURL(fileURLToPath(new URL("src/index.ts", root))).href;
    const dir = new URL("test/.readme/", root);
    mkdirSync(dir, { recursive: true });
    const file = new URL("quick-start.ts", dir);
    writeFileSync(file, code.replaceAll('"jq-deferred"', JSON.stringify(source)));

    const logged: unknown[][] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    await import(/* @vite-ignore */ `${file.href}?t=${Date.now()}`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // showDiv()'s 100 ms timer

    const expected = expectedOutputs(code);
    expect(expected.length).toBe(3);
    const byText = (list: unknown[][]) => list.map((args) => JSON.stringify(args)).sort();
    expect(byText(logged)).toEqual(byText(expected));
  });
});
