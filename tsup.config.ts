import { readFile, writeFile } from "node:fs/promises";
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
 * Not a public entry: Node's async-context setup (src/node/setup.ts), which turns async context on
 * when loaded, so that Node's entry points below turn it on without loading the whole library
 * (docs/async-context.md). It lives in generated code under the `node` condition, so that the core
 * stays platform-neutral and browser bundles do not grow; package.json lists it in `sideEffects`,
 * so that a bundler targeting Node keeps it.
 */
const NODE_ASYNC_CONTEXT = "node-async-context";

/**
 * Writes Node's two wrappers of every entry, which package.json selects with the `node` condition:
 * - `dist/<entry>.node.cjs` (`require`): the CommonJS build of the entry, copied with the
 *   async-context setup required first. A copy rather than a module requiring the build and the
 *   setup: each file Node loads costs it a resolution, a read and a compilation, so this one loads
 *   two files fewer (`node bench/import-time.mjs`, Node 20, warm: `require("jq-deferred/core")`
 *   3.24 ms with the two extra files, 2.81 ms without). The copy lies next to the build and
 *   requires the same chunks, so it shares their single copy of the library; the build's own code
 *   (the root's default-export object, which holds no state) is copied with it. The setup stays a
 *   file of its own, loaded once per process: written into each wrapper, it would run again for
 *   every further entry loaded, and turn async context back on after `useAsyncContext(false)`.
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
  for (const name of Object.keys(ENTRIES)) {
    const path = require.resolve(`./dist/${name}.cjs`);
    const source = await readFile(path, "utf8");
    const strict = "'use strict';\n";
    if (!source.startsWith(strict)) throw new Error(`dist/${name}.cjs: expected ${strict} first`);
    const cjs = [
      strict,
      "// Node's `require` of this entry: async context on, then a copy of the CommonJS build.\n",
      `require("./${NODE_ASYNC_CONTEXT}.cjs");\n`,
      source.slice(strict.length),
    ];
    await writeFile(`dist/${name}.node.cjs`, cjs.join(""));
    // `tsup --watch` rebuilds in the same process: read the new build, not the cached one.
    delete require.cache[path];
    const built = require(path) as Record<string, unknown>;
    const names = Object.keys(built).filter((key) => key !== "default" && key !== "__esModule");
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
    entry: { ...ENTRIES, [NODE_ASYNC_CONTEXT]: "src/node/setup.ts" },
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
