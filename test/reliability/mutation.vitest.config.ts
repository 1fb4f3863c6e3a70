import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The suites the mutation run (`npm run mutation`, stryker.config.mjs) uses against src/core: every
// in-process test of the core. Left out: tests that run a built bundle or a child process (they
// cannot see Stryker's mutants), the long stress runs, the browser, package and ajax suites, and
// the suites that cost seconds per run, times 1,200 mutants: the differential fuzzing against
// jQuery and the seed examples (real timers).
export default defineConfig({
  root: fileURLToPath(new URL("../../", import.meta.url)),
  test: {
    include: ["test/core/**/*.test.ts", "test/reliability/**/*.test.ts"],
    exclude: ["test/reliability/stress.test.ts", "test/reliability/leaks.test.ts"],
    testTimeout: 30_000,
  },
});
