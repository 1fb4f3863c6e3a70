/**
 * The bridge stays small: what an application ships for `install(jQuery)` is the core plus at
 * most 1 KB (min+gzip), with no ajax code, whether it imports the bridge's entry point or the
 * package root; ajax comes only with `installAjax` (`jq-deferred/jquery/ajax`), whose size is
 * reported. Each figure is an esbuild bundle of one import, minified and gzipped at level 9, as
 * scripts/size.mjs measures the browser bundles.
 */
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const KB = 1024;

/** Minified bundle of `source` (an ES module importing from the repository) and its gzip size. */
async function bundle(source: string): Promise<{ text: string; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]!.contents;
  return { text: result.outputFiles[0]!.text, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Names only the ajax code defines: none may appear in a bundle without ajax. */
const AJAX_MARKERS = ["XMLHttpRequest", "ajaxSend", "jsonpCallback"];

describe("bridge size (esbuild, minified, gzip -9)", () => {
  it("install(jQuery) costs at most 1 KB over the core and carries no ajax; installAjax is reported", async () => {
    const [core, install, installFromRoot, installAjax] = await Promise.all([
      bundle('export { Deferred, when, Callbacks } from "./src/index.ts";'),
      bundle('export { install } from "./src/bridge/install.ts";'),
      bundle('export { install } from "./src/index.ts";'),
      bundle('export { installAjax } from "./src/bridge/ajax.ts";'),
    ]);
    console.info(
      `bridge size: core ${core.gzip} B, install ${install.gzip} B (+${install.gzip - core.gzip} B), ` +
        `install via the root ${installFromRoot.gzip} B, installAjax ${installAjax.gzip} B`,
    );
    for (const [name, measured] of [
      ["install", install],
      ["install via the package root", installFromRoot],
    ] as const) {
      expect(
        measured.gzip,
        `${name}: ${measured.gzip} B vs core ${core.gzip} B`,
      ).toBeLessThanOrEqual(core.gzip + KB);
      for (const marker of AJAX_MARKERS) {
        expect(measured.text.includes(marker), `${name} contains ${marker}`).toBe(false);
      }
    }
    // The markers are real: the ajax bundle has them all.
    for (const marker of AJAX_MARKERS) {
      expect(installAjax.text.includes(marker), `installAjax contains ${marker}`).toBe(true);
    }
    expect(installAjax.gzip).toBeGreaterThan(install.gzip + 4 * KB);
  }, 60_000);

  it("the built entry points keep that split (dist/jquery.js vs dist/jquery-ajax.js)", async () => {
    const [install, installAjax] = await Promise.all([
      bundle('export { install } from "./dist/jquery.js";'),
      bundle('export { installAjax } from "./dist/jquery-ajax.js";'),
    ]);
    for (const marker of AJAX_MARKERS) expect(install.text.includes(marker)).toBe(false);
    expect(installAjax.gzip).toBeGreaterThan(install.gzip + 4 * KB);
  }, 60_000);
});
