import { defineConfig } from "vitest/config";

// The unit lane (`npm run test:unit`): everyday work, well under a minute, no build needed. It runs
// the sources' own suites: the core, ajax against a local server and jQuery's ajax, the bridge, the
// seed documents, the differential checks against jQuery 4 and the reliability checks. Left to the
// full run (`npm test`, which CI runs): anything that needs dist/ (package, browser, bundle sizes),
// the type tests, the Promises/A+ suite, the benchmark harness, the long stress and leak runs, and
// the ajax fuzzing campaign against jQuery under jsdom (7 s on its own).
export default defineConfig({
  test: {
    include: [
      "test/core/**/*.test.ts",
      "test/ajax/**/*.test.ts",
      "test/bridge/install.test.ts",
      "test/seeds/**/*.test.ts",
      "test/differential/**/*.test.ts",
      "test/reliability/**/*.test.ts",
      "test/readme.test.ts",
    ],
    exclude: [
      "test/reliability/stress.test.ts",
      "test/reliability/leaks.test.ts",
      "test/ajax/differential.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
