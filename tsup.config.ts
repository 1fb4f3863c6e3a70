import { defineConfig } from "tsup";

export default defineConfig([
  // The npm package: ESM and CommonJS builds of the library with declaration files for each.
  // `jquery` is the bridge's own entry point (`jq-deferred/jquery`), `jquery-ajax` its ajax installer
  // (`jq-deferred/jquery/ajax`, kept apart so the plain bridge carries no ajax); splitting keeps one shared copy
  // of the core behind both entries, in CommonJS too, so they share the scheduler and hooks.
  {
    entry: {
      index: "src/index.ts",
      jquery: "src/bridge/install.ts",
      "jquery-ajax": "src/bridge/ajax.ts",
    },
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    target: "es2022",
    platform: "neutral",
    sourcemap: true,
    // dist/browser is cleaned and rebuilt by the browser config below, concurrently with this one.
    clean: ["!browser/**"],
    splitting: true,
    treeshake: true,
  },
  // Browser bundles: a minified ES module and a classic-script build defining the global
  // `jqDeferred`, each with a source map (see docs/browser.md).
  {
    entry: { "jq-deferred": "src/index.ts" },
    outDir: "dist/browser",
    format: ["esm", "iife"],
    globalName: "jqDeferred",
    outExtension: ({ format }) => ({ js: format === "iife" ? ".iife.min.js" : ".min.js" }),
    target: "es2022",
    platform: "browser",
    minify: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
  },
]);
