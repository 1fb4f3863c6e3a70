/**
 * Size: minified + gzipped bytes of this library and of its peers, bundled the same way
 * (esbuild, ESM, minify, tree-shaking; gzip level 9).
 *
 * - core: `Deferred`, `Callbacks`, `when` imported from src/index.ts, so tree-shaking keeps only
 *   what they need.
 * - core + ajax: the core plus every export src/index.ts takes from ./ajax/ (reported as absent
 *   when there is none).
 * - jQuery 4: its own src/core.js + callbacks.js + deferred.js + deferred/exceptionHook.js, i.e.
 *   Deferred, Callbacks and when with the helpers they need.
 * - jquery-deferred, bluebird (its core build, the promise without utilities), p-defer: each
 *   package's entry point. Native Promise costs nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const CORE_EXPORTS = ["Callbacks", "Deferred", "when"];

/** The value names src/index.ts re-exports from its ./ajax/ modules (type-only names excluded). */
export function ajaxExports(indexSource) {
  const names = [];
  const statement = /export\s*\{([^}]*)\}\s*from\s*["']\.\/ajax\/[^"']*["']/g;
  for (const match of indexSource.matchAll(statement)) {
    for (const item of match[1].split(",")) {
      const name = item.trim();
      if (name === "" || name.startsWith("type ")) continue;
      names.push(
        name
          .split(/\s+as\s+/)
          .pop()
          .trim(),
      );
    }
  }
  return names;
}

/** min+gz bytes of the bundle of an ESM entry given as source text resolved from `root`. */
async function bundledBytes(root, contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "size-entry.ts" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

/**
 * Measures every size; `null` marks one that does not exist (with the reason in `absent`).
 * @param {string} root  the repository root
 */
export async function measureSizes(root) {
  const index = path.join(root, "src/index.ts");
  const names = (list) => list.join(", ");
  const sizes = {};
  sizes["jq-deferred core"] = await bundledBytes(
    root,
    `export { ${names(CORE_EXPORTS)} } from ${JSON.stringify(index)};`,
  );
  const ajax = ajaxExports(readFileSync(index, "utf8"));
  sizes["jq-deferred core + ajax"] =
    ajax.length === 0
      ? { absent: "src/index.ts exports nothing from src/ajax/ yet" }
      : await bundledBytes(
          root,
          `export { ${names([...CORE_EXPORTS, ...ajax])} } from ${JSON.stringify(index)};`,
        );
  const jquerySrc = path.join(root, "node_modules/jquery/src");
  sizes["jQuery 4 callbacks + deferred + helpers"] = await bundledBytes(
    root,
    ["core.js", "callbacks.js", "deferred.js", "deferred/exceptionHook.js"]
      .map((file) => `import ${JSON.stringify(path.join(jquerySrc, file))};`)
      .join("\n") + `\nexport { jQuery } from ${JSON.stringify(path.join(jquerySrc, "core.js"))};`,
  );
  sizes["jquery-deferred (1.8 port)"] = await bundledBytes(
    root,
    `export * from "jquery-deferred";`,
  );
  sizes["bluebird (core build)"] = await bundledBytes(
    root,
    `export { default } from "bluebird/js/browser/bluebird.core.js";`,
  );
  sizes["p-defer"] = await bundledBytes(root, `export { default } from "p-defer";`);
  return sizes;
}
