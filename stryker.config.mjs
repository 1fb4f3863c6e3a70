// Mutation testing of the Deferred core (`npm run mutation`). Runs the in-process core suites
// (test/reliability/mutation.vitest.config.ts) against each mutant of src/core, running only the
// tests that cover it. Two workers: the machine has two cores. Reports go to reports/mutation/.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "test/reliability/mutation.vitest.config.ts", related: false },
  mutate: ["src/core/**/*.ts", "!src/core/types.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  // Added to 1.5 × the covering tests' own time: a mutant that loops forever is cut off early.
  timeoutMS: 3_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // Not copied into the sandbox: outputs other runs may be rewriting (dist/ during a build) and
  // suites the mutation run does not use.
  ignorePatterns: ["dist", "coverage", "reports", "scratch", "bench", "docs", "test/browser"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  // A second run retests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  thresholds: { high: 90, low: 85, break: null },
};
