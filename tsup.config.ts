import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

/**
 * The package's entry points: `jq-deferred`, the bridge (`jq-deferred/jquery`) and its ajax
 * installer (`jq-deferred/jquery/ajax`, kept apart so that the plain bridge carries no ajax).
 */
const ENTRIES = {
  index: "src/index.ts",
  jquery: "src/bridge/install.ts",
  "jquery-ajax": "src/bridge/ajax.ts",
};

/**
 * Writes `dist/<entry>.node.js` for every entry: an ES module that re-exports the CommonJS build.
 * package.json sends Node's `import` there (the `node` condition), so `import` and `require` in one
 * process share one copy of the library and of its global state (scheduler, hooks, ajax defaults
 * and prefilters, rejection tracking). Bundlers keep the real ES module build for tree-shaking.
 * The names are read from the built CommonJS module, so the wrapper always matches it.
 */
async function writeNodeWrappers(): Promise<void> {
  const require = createRequire(import.meta.url);
  for (const name of Object.keys(ENTRIES)) {
    const path = require.resolve(`./dist/${name}.cjs`);
    // `tsup --watch` rebuilds in the same process: read the new build, not the cached one.
    delete require.cache[path];
    const built = require(path) as Record<string, unknown>;
    const names = Object.keys(built).filter((key) => key !== "default" && key !== "__esModule");
    const lines = [
      "// Node's `import` of this entry: the CommonJS build, so that ESM and CommonJS share one copy.",
      `import cjs from "./${name}.cjs";`,
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
    entry: ENTRIES,
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
