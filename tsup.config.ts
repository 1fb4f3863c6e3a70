import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { defineConfig } from "tsup";
import { constBindings } from "./scripts/const-bindings.mjs";

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
 * Not a public entry: Node's async-context setup (src/node/setup.ts), built on its own so that its
 * compiled code, which requires the shared chunk by its generated name, can be written into Node's
 * wrappers below; its own files are then removed. It lives in generated code under the `node`
 * condition, so that the core stays platform-neutral and browser bundles do not grow.
 */
const NODE_ASYNC_CONTEXT = "node-async-context";

/** How every CommonJS file of the build starts. */
const STRICT = "'use strict';\n";

/**
 * The compiled setup (`dist/node-async-context.cjs`) as statements to run at the top of a wrapper,
 * in a function of its own so that its variables stay its own. It must export nothing: a wrapper
 * exports what its entry does.
 */
async function setupStatements(): Promise<string> {
  const source = await readFile(`dist/${NODE_ASYNC_CONTEXT}.cjs`, "utf8");
  if (!source.startsWith(STRICT) || /\bexports\b/.test(source)) {
    throw new Error(`dist/${NODE_ASYNC_CONTEXT}.cjs: expected ${STRICT} first and no exports`);
  }
  return `(function setUpAsyncContext() {\n${source.slice(STRICT.length).trim()}\n})();\n`;
}

/**
 * Removes the chunks that hold no code, and the lines that load them. esbuild writes one for a
 * module of re-exports alone that some entries share (src/core-exports.ts: the root and the core's
 * entry), and every file Node loads costs it a resolution, a read and a compilation.
 */
async function dropEmptyChunks(): Promise<void> {
  const files = await readdir("dist");
  const empty: string[] = [];
  for (const file of files.filter((name) => /^chunk-\w+\.c?js$/.test(name))) {
    const code = (await readFile(`dist/${file}`, "utf8")).replace(STRICT, "").trim();
    if (code === "") empty.push(file);
  }
  if (empty.length === 0) return;
  const names = empty.map((file) => file.replace(".", "\\.")).join("|");
  const loads = new RegExp(
    `^(?:require\\('\\./(?:${names})'\\)|import '\\./(?:${names})');\\n`,
    "gm",
  );
  for (const file of files.filter((name) => /\.c?js$/.test(name) && !empty.includes(name))) {
    const source = await readFile(`dist/${file}`, "utf8");
    const kept = source.replace(loads, "");
    // A reference written some other way would load a file that is no longer there.
    const stale = empty.find((chunk) => kept.includes(chunk));
    if (stale !== undefined) throw new Error(`dist/${file}: cannot remove its load of ${stale}`);
    if (kept !== source) await writeFile(`dist/${file}`, kept);
  }
  await Promise.all(empty.map((file) => rm(`dist/${file}`)));
}

/**
 * Writes Node's two wrappers of every entry, which package.json selects with the `node` condition:
 * - `dist/<entry>.node.cjs` (`require`): the CommonJS build of the entry, copied with the
 *   async-context setup written in first. Copies rather than modules requiring the build and the
 *   setup: each file Node loads costs it a resolution, a read and a compilation, 0.2 to 0.5 ms
 *   on Node 20, so `require("jq-deferred/core")` loads two files: this one and the
 *   chunk every entry shares (docs/architecture.md, "Loading in Node"). The copy lies next to the
 *   build and requires the same chunks, so it shares their single copy of the library; the build's
 *   own code (the default-export object, which holds no state) is copied with it. The setup runs
 *   once per wrapper loaded, and the core turns async context on for the first one only
 *   (`offerPlatformAsyncContext`), so a later entry does not undo `useAsyncContext(false)`.
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
  const setup = await setupStatements();
  for (const name of Object.keys(ENTRIES)) {
    const path = require.resolve(`./dist/${name}.cjs`);
    const source = await readFile(path, "utf8");
    if (!source.startsWith(STRICT)) throw new Error(`dist/${name}.cjs: expected ${STRICT} first`);
    const cjs = [
      STRICT,
      "// Node's `require` of this entry: async context on, then a copy of the CommonJS build.\n",
      setup,
      source.slice(STRICT.length),
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
  await Promise.all(["cjs", "js"].map((ext) => rm(`dist/${NODE_ASYNC_CONTEXT}.${ext}`)));
}

/**
 * Declares with `const` again the top-level bindings of the package's built files that bundling
 * wrote as `var` and that are never assigned (scripts/const-bindings.mjs says why,
 * docs/architecture.md gives the figures). In the ES modules, also the function declarations.
 * Not those of the CommonJS files, as measured: there the `var`s made `const` help as much (a
 * then-chain link 679 -> 624 instructions), but functions made `const` cost create + then +
 * resolve 22 more. Not the browser bundles either: they are minified for size, and
 * `const f = function f` repeats every name (the ES module bundle 0.5 KB gzip more).
 */
async function restoreConstBindings(): Promise<void> {
  for (const file of await readdir("dist")) {
    if (!/\.c?js$/.test(file)) continue;
    const source = await readFile(`dist/${file}`, "utf8");
    const { code } = constBindings(source, { functions: file.endsWith(".js") });
    if (code !== source) await writeFile(`dist/${file}`, code);
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
    // Declarations for the public entries only: the setup's files are removed once written in.
    dts: { entry: ENTRIES, compilerOptions: { ignoreDeprecations: "6.0" } },
    target: "es2022",
    platform: "neutral",
    // dist/browser is cleaned and rebuilt by the browser config below, concurrently with this one.
    clean: ["!browser/**"],
    splitting: true,
    treeshake: true,
    onSuccess: async () => {
      await dropEmptyChunks();
      await restoreConstBindings();
      await writeNodeWrappers();
    },
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
