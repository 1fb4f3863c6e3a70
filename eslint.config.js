import { readdirSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const root = fileURLToPath(new URL(".", import.meta.url));

/** `src` and every directory below it, as paths relative to the repository root. */
function sourceDirectories(dir = "src") {
  const below = readdirSync(posix.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => sourceDirectories(posix.join(dir, entry.name)));
  return [dir, ...below];
}

/** `text` as a regular expression that matches it literally. */
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The layering of docs/architecture.md, as `no-restricted-imports` patterns for the files directly
 * in `dir`. An import specifier is a path relative to the importing file, so the patterns are
 * written per directory, with the exact `../` prefix that leads from there to `src/core/` or to the
 * repository root; a directory added later gets its patterns without a change here. (One options
 * array per file: ESLint replaces, not merges, a rule's options given by two config objects.)
 */
function layeringRestrictions(dir) {
  const toSrc = `${posix.relative(dir, "src") || "."}/`;
  const toRoot = `${posix.relative(dir, ".")}/`;
  if (dir === "src/core" || dir.startsWith("src/core/")) {
    return [
      {
        regex: "^(?!\\.\\.?/)",
        message:
          "src/core imports no package and no node: builtin: the core is dependency-free and " +
          "platform-neutral, it runs unchanged in browsers and every runtime (docs/architecture.md).",
      },
      {
        regex: `^${literal(toSrc)}`,
        message:
          "src/core imports nothing outside src/core: it is the bottom layer, everything else is " +
          "built on it and it depends on nothing above it (docs/architecture.md).",
      },
    ];
  }
  return [
    {
      regex: `^${literal(toSrc)}core/(?!index\\.js$)`,
      message:
        "Outside src/core, import the core only through core/index.js, its public surface: the " +
        "core's files are its own to split or rename (docs/architecture.md).",
    },
    {
      regex: `^${literal(toRoot)}(test|bench|scripts|examples|demo)(/|$)`,
      message:
        "src/ never imports test/, bench/, scripts/, examples/ or demo/: the published build must " +
        "not depend on development files (docs/architecture.md).",
    },
  ];
}

/**
 * Calls that may stand alone as statements although they return one of our thenables: each returns
 * the object it was called on (or, for `promise()`, a view of the same settlement), so no new
 * promise is created whose rejection could go unobserved. `no-floating-promises` still reports a
 * dropped `then()`, `catch()`, `pipe()`, `when()` or `ajax()` result. Matched by method name and the
 * file that declares it (the core's public types, the jqXHR type), so a user-level method with the
 * same name elsewhere is not excused.
 */
const SAFE_THENABLE_CALLS = [
  {
    from: "file",
    path: "src/core/types.ts",
    name: [
      "done",
      "fail",
      "progress",
      "always",
      "resolve",
      "resolveWith",
      "reject",
      "rejectWith",
      "notify",
      "notifyWith",
      "promise",
    ],
  },
  {
    from: "file",
    path: "src/ajax/types/jqxhr.ts",
    name: [
      "setRequestHeader",
      "overrideMimeType",
      "statusCode",
      "abort",
      "success",
      "error",
      "complete",
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "coverage/",
      "docs/api/",
      "node_modules/",
      "scratch/",
      "reports/",
      ".stryker-tmp/",
      "test/.readme/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        queueMicrotask: "readonly",
        globalThis: "readonly",
        URL: "readonly",
        AbortController: "readonly",
        fetch: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-this-alias": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  ...sourceDirectories().map((dir) => ({
    files: [`${dir}/*.ts`],
    rules: { "no-restricted-imports": ["error", { patterns: layeringRestrictions(dir) }] },
  })),
  {
    // Type-aware rules, for the library's sources only. Type-checking src/ is most of their cost
    // (whole lint 8 s -> 17 s of CPU), whichever rule asks first; tests, benchmarks and scripts
    // stay on the syntactic rules, where the type checker (`tsc -p .`) already covers them.
    files: ["src/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      // `checkThenables`: our Deferreds and jqXHR are thenables, not `Promise`s, and a dropped
      // `then()` of ours loses a rejection just as a native one does.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { checkThenables: true, allowForKnownSafeCalls: SAFE_THENABLE_CALLS },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
    },
  },
  {
    files: ["test/**", "bench/**", "examples/**", "scripts/**", "demo/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // CommonJS scripts (the Promises/A+ runner drives the suite through require()).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Scripts that run in the browser pages of the demo and of the browser tests.
    files: ["test/browser/pages/**/*.js", "demo/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        location: "readonly",
        performance: "readonly",
        requestAnimationFrame: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        URLSearchParams: "readonly",
        jQuery: "readonly",
        jqDeferred: "readonly",
        mocha: "readonly",
      },
    },
  },
);
