/**
 * Runs test/package/smoke.mjs against the built package (dist/, by package name) in a fresh Node
 * process: import and require in one process share one copy of the library and its global state,
 * the default export holds the whole API, jq-deferred/core is the root's core, and the browser
 * builds resolve by package path. Needs `npm run build` (npm test does it).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("./smoke.mjs", import.meta.url));

describe("the package loaded through import and require in one process", () => {
  it("shares one copy and passes every smoke check", () => {
    const output = execFileSync(process.execPath, [script], { encoding: "utf8" });
    const passed = output.split("\n").filter((line) => line.startsWith("ok - "));
    expect(passed).toHaveLength(10);
    expect(output).toMatch(/smoke: all checks passed/);
  });
});
