/**
 * ajax is tree-shakeable: a bundle of core-only imports contains none of it, even when the bundler
 * ignores `sideEffects` and pure annotations (the ajax modules have no top-level side effects).
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** Strings that exist only in the ajax code. */
const AJAX_MARKERS = ["parsererror", "X-Requested-With", "application/x-www-form-urlencoded"];

async function bundle(source: string, ignoreAnnotations: boolean): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    ignoreAnnotations,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("tree shaking", () => {
  test.each([false, true])(
    "a core-only import bundles no ajax code (ignoreAnnotations: %s)",
    async (ignoreAnnotations) => {
      const code = await bundle(
        'import { Deferred, when, Callbacks } from "./src/index.ts"; console.log(Deferred, when, Callbacks);',
        ignoreAnnotations,
      );
      expect(code).toContain("resolveWith");
      for (const marker of AJAX_MARKERS) expect(code).not.toContain(marker);
    },
  );

  test("importing ajax bundles it (the markers are real)", async () => {
    const code = await bundle('import { ajax } from "./src/index.ts"; console.log(ajax);', false);
    for (const marker of AJAX_MARKERS) expect(code).toContain(marker);
  });
});
