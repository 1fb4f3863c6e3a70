import { defineConfig } from "vitest/config";

// The full suite (`npm test`, what CI runs): unit, differential, seeds, ajax, stress, package,
// browser and type tests. `npm run test:unit` runs the everyday subset (vitest.unit.config.ts).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      // TypeScript 7 checks the type tests here; `npm test` runs TypeScript 6 over the same project.
      checker: "./node_modules/typescript7/bin/tsc",
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
    },
  },
});
