/**
 * The size budgets of the browser bundles (docs/browser.md), checked by scripts/size.mjs against
 * the built files. Needs `npm run build` (npm test does it).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../../scripts/size.mjs", import.meta.url));

interface SizeRow {
  name: string;
  bytes: number;
  gzip: number;
  budget: number;
  ok: boolean;
}

function measure(): Promise<{ code: number; rows: SizeRow[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, "--json"], (error, stdout, stderr) => {
      resolve({
        code: error ? ((error as { code?: number }).code ?? 1) : 0,
        rows: stdout.trim() ? (JSON.parse(stdout) as SizeRow[]) : [],
        stderr,
      });
    });
  });
}

describe("browser bundle sizes", () => {
  it("keeps every bundle within its gzip budget from docs/browser.md", async () => {
    const { code, rows, stderr } = await measure();
    expect(stderr).toBe("");
    expect(rows.map((row) => row.name)).toEqual([
      "core",
      "core+ajax",
      "jq-deferred.min.js",
      "jq-deferred.iife.min.js",
    ]);
    for (const row of rows) {
      expect(
        row.gzip,
        `${row.name}: ${row.gzip} B gzip, budget ${row.budget} B`,
      ).toBeLessThanOrEqual(row.budget);
      expect(row.gzip).toBeGreaterThan(0);
    }
    expect(code).toBe(0);
  });

  it("ships no ajax code with the core: nothing of it runs when the bundle loads", async () => {
    // A value computed at load time (a call) cannot be dropped by a bundler, even unused: the
    // ajax modules make theirs on first use, and this keeps it so.
    const { CORE_NAMES, treeShaken } = (await import(script)) as {
      CORE_NAMES: string[];
      treeShaken: (names: string[]) => Promise<Uint8Array>;
    };
    const core = new TextDecoder().decode(await treeShaken(CORE_NAMES));
    expect(core).toContain("jq-deferred.self");
    expect(core).not.toMatch(/ajax|jsonp|jqDeferred|fetch/i);
  });

  it("measures the core without the ajax family, which tree-shaking drops", async () => {
    const { rows } = await measure();
    const size = Object.fromEntries(rows.map((row) => [row.name, row.gzip]));
    expect(size.core).toBeLessThan(size["core+ajax"]! / 1.5);
  });
});
