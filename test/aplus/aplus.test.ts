/**
 * The official Promises/A+ compliance suite, run against the built package through jQuery's two
 * adapters (the deferred's promise, and a promise from `when`), and through two adapters that hand
 * every value the suite produces, raw, to `when` (single- and multi-argument forms; see
 * run-aplus.cjs), under both schedulers. Each run is a child process because the suite drives its
 * own mocha instance.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const runner = fileURLToPath(new URL("./run-aplus.cjs", import.meta.url));

function runSuite(adapter: string, timing: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [runner, adapter, timing],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          output: stdout + stderr,
        });
      },
    );
  });
}

describe("Promises/A+ compliance (promises-aplus-tests)", () => {
  // "when-raw" and "when-raw-multi" make the 2.3.3 tests (then getters that count their reads or
  // throw, thenables calling back twice) go through when's own adoption of the raw value.
  for (const adapter of ["deferred", "when", "when-raw", "when-raw-multi"]) {
    for (const timing of ["microtask", "jquery"]) {
      it(`passes all 872 tests through the ${adapter} adapter with the ${timing} scheduler`, async () => {
        const { code, output } = await runSuite(adapter, timing);
        expect(output).toMatch(/\b872 passing\b/);
        expect(output).not.toMatch(/\bfailing\b/);
        expect(code).toBe(0);
      }, 120_000);
    }
  }
});
