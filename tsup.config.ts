import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

/**
 * The package's entry points: `jq-deferred`, the core alone (`jq-deferred/core`, which loads no
 * ajax code), the bridge (`jq-deferred/jquery`) and its ajax installer (`jq-deferred/jquery/ajax`,
 * kept apart so that the plain bridge carries no ajax).
 */
const ENTRIES = {
  index: "src/index.ts",
  core: "src/core-entry.ts",
  jquery: "src/bridge/install.ts",
  "jquery-ajax": "src/bridge/ajax.ts",
};

/**
 * Not a public entry: Node's async-context source with the switch, so that Node's entry points
 * below can turn it on without loading the whole library (docs/async-context.md).
 */
const NODE_ASYNC_CONTEXT_ENTRY = { "node-async-context": "src/node/async-context.ts" };

/**
 * Loaded by every Node entry point before the library: makes `then` handlers run in the async
 * context of their registration. It lives in generated code under the `node` condition, so that
 * the core stays platform-neutral and browser bundles do not grow; package.json lists it in
 * `sideEffects`, so that a bundler targeting Node keeps it.
 */
const ASYNC_CONTEXT_SETUP = `"use strict";
// Node only (the \`node\` export condition): then/catch/pipe handlers run in the async context that
// was current when they were registered, as native promise handlers do (docs/async-context.md).
const { nodeAsyncContext, useAsyncContext } = require("./node-async-context.cjs");
useAsyncContext(nodeAsyncContext);
`;

/**
 * Writes Node's two wrappers of every entry, which package.json selects with the `node` condition:
 * - `dist/<entry>.node.cjs` (`require`): turns async context on (`async-context.node.cjs`), then
 *   exports the CommonJS build;
 * - `dist/<entry>.node.js` (`import`): an ES module re-exporting that wrapper, so that `import` and
 *   `require` in one process share one copy of the library and of its global state (scheduler,
 *   hooks, async context, ajax defaults and prefilters, rejection tracking). It imports the wrapper
 *   statically, although `createRequire(import.meta.url)(…)` would spare Node its CommonJS export
 *   scanner (cjs-module-lexer, about 1.5 ms on the first import of CommonJS in a process, Node 20):
 *   a bundler targeting Node follows a static import, but leaves that call as it is, and the bundle
 *   then looks for the wrapper next to itself (bench/import-time.mjs measures the cost).
 * Bundlers keep the real ES module build for tree-shaking. The names are read from the built
 * CommonJS module, so the wrapper always matches it.
 */
async function writeNodeWrappers(): Promise<void> {
  const require = createRequire(import.meta.url);
  await writeFile("dist/async-context.node.cjs", ASYNC_CONTEXT_SETUP);
  for (const name of Object.keys(ENTRIES)) {
    const path = require.resolve(`./dist/${name}.cjs`);
    // `tsup --watch` rebuilds in the same process: read the new build, not the cached one.
    delete require.cache[path];
    const built = require(path) as Record<string, unknown>;
    const names = Object.keys(built).filter((key) => key !== "default" && key !== "__esModule");
    // Getters over the CommonJS build's exports, with its `__esModule` mark: the same shape as
    // that build (`module.exports = require(…)` would contradict its `export default` types).
    const cjsLines = [
      '"use strict";',
      "// Node's `require` of this entry: async context on, then the CommonJS build.",
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'require("./async-context.node.cjs");',
      `const cjs = require("./${name}.cjs");`,
      ...[...names, ...("default" in built ? ["default"] : [])].map(
        (key) =>
          `Object.defineProperty(exports, "${key}", { enumerable: true, get: () => cjs.${key} });`,
      ),
    ];
    await writeFile(`dist/${name}.node.cjs`, `${cjsLines.join("\n")}\n`);
    const lines = [
      "// Node's `import` of this entry: the CommonJS build, so that ESM and CommonJS share one copy.",
      `import cjs from "./${name}.node.cjs";`,
      `export const { ${names.join(", ")} } = cjs;`,
    ];
    if ("default" in built) lines.push("export default cjs.default;");
    await writeFile(`dist/${name}.node.js`, `${lines.join("\n")}\n`);
  }
}

export default defineConfig([
  // The npm package: ESM and CommonJS builds of the library with declaration files for each.
  // Splitting keeps one shared copy of the core behind the entries, in CommonJS too, so they share
  // the scheduler and hooks. No source maps: the output is readable, unminified ES2022, and maps
  // would need a second copy of the sources in the package.
  {
    entry: { ...ENTRIES, ...NODE_ASYNC_CONTEXT_ENTRY },
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    target: "es2022",
    platform: "neutral",
    // dist/browser is cleaned and rebuilt by the browser config below, concurrently with this one.
    clean: ["!browser/**"],
    splitting: true,
    treeshake: true,
    onSuccess: writeNodeWrappers,
  },
  // Browser bundles: a minified ES module and a classic-script build defining the global
  // `jqDeferred` (see docs/browser.md). Reachable as `jq-deferred/dist/browser/<file>`, and the
  // `unpkg`/`jsdelivr` default is the classic script. esbuild's own tree-shaking only: the extra
  // rollup pass (`treeshake`) made both files about 100 B gzip larger, and wrote the classic script
  // with `exports.x = …` assignments, which publint takes for CommonJS.
  {
    entry: { "jq-deferred": "src/index.ts" },
    outDir: "dist/browser",
    format: ["esm", "iife"],
    globalName: "jqDeferred",
    outExtension: ({ format }) => ({ js: format === "iife" ? ".iife.min.js" : ".min.js" }),
    target: "es2022",
    platform: "browser",
    minify: true,
    clean: true,
  },
]);
