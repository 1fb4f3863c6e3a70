/**
 * The built package on this Node, as users load it by name: async context is on with no setup,
 * for `import` and for `require` (each in a process of its own, so neither loads the other), and
 * the programs of programs.mjs show native promises' stores. scripts/check-async-context.mjs runs
 * the same check on Node 18, 20, 22 and 24. Needs `npx tsup` first, like test/package/.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe.each(["import", "require"])("the built package loaded by %s", (loading) => {
  it("runs then/catch/pipe handlers in their registration's context by default, as native", () => {
    const output = execFileSync(
      process.execPath,
      ["scripts/check-async-context.mjs", `--here=${loading}`],
      { cwd: root, encoding: "utf8" },
    );
    expect(output).toBe("");
  });
});
