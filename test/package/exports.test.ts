/**
 * The built package as users import it by name: ESM named and namespace imports, CommonJS
 * require, and `await` on a deferred. Each runs in a fresh Node process against dist/ through the
 * package's own `exports` map (Node resolves a package's own name from inside it).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function run(source: string, type: "module" | "commonjs"): string {
  return execFileSync(process.execPath, [`--input-type=${type}`, "-e", source], {
    cwd: root,
    encoding: "utf8",
  }).trim();
}

describe("package entry points", () => {
  it("imports named exports from ESM by package name", () => {
    const out = run(
      `import { Deferred, when, Callbacks } from "jq-deferred";
       const d = Deferred();
       when(d, 2).done((a, b) => console.log(a, b, typeof Callbacks));
       d.resolve(1);`,
      "module",
    );
    expect(out).toBe("1 2 function");
  });

  it("imports as a namespace so jQuery-style code reads verbatim", () => {
    const out = run(
      `import * as $ from "jq-deferred";
       const dfd = $.Deferred();
       $.when(dfd.promise()).done((v) => console.log("got", v));
       dfd.resolve("x");
       console.log(dfd.state());`,
      "module",
    );
    // when() over a pending deferred delivers through then(): after the synchronous log.
    expect(out).toBe("resolved\ngot x");
  });

  it("requires the CommonJS build by package name", () => {
    const out = run(
      `const { Deferred, when } = require("jq-deferred");
       const dfd = new Deferred();
       dfd.done((v) => console.log("done", v)).resolve(5);
       console.log(when().state());`,
      "commonjs",
    );
    expect(out).toBe("done 5\nresolved");
  });

  // What jq-deferred/core is for: loading the core without the ajax code. Every file a loader ran
  // is in the CommonJS module cache (the Node wrappers load the CommonJS build, for import too).
  const listLoadedAjax = `
    const files = Object.keys(require.cache).filter((file) => file.includes("/dist/"));
    const ajax = files.filter((file) => readFileSync(file, "utf8").includes("ajaxSetup"));
    console.log(files.length, JSON.stringify(ajax));`;

  it("loads jq-deferred/core through import without the ajax code", () => {
    const out = run(
      `import { readFileSync } from "node:fs";
       import { createRequire } from "node:module";
       import "jq-deferred/core";
       const require = createRequire(import.meta.url);
       ${listLoadedAjax}`,
      "module",
    );
    // core.node.cjs (a copy of core.cjs with the async-context setup written in) and the one chunk
    // every entry shares: each further file costs Node a resolution, a read and a compilation.
    expect(out).toBe("2 []");
  });

  it("loads jq-deferred/core through require without the ajax code", () => {
    const out = run(
      `const { readFileSync } = require("node:fs");
       require("jq-deferred/core");
       ${listLoadedAjax}`,
      "commonjs",
    );
    expect(out).toBe("2 []");
  });

  it("loads the ajax code with the package root (what the check above looks for)", () => {
    const out = run(
      `const { readFileSync } = require("node:fs");
       require("jq-deferred");
       ${listLoadedAjax}`,
      "commonjs",
    );
    const ajaxFiles = JSON.parse(out.slice(out.indexOf(" ") + 1)) as string[];
    expect(ajaxFiles.some((file) => /\/dist\/chunk-\w+\.cjs$/.test(file))).toBe(true);
  });

  it("turns async context on when jq-deferred/core is loaded alone", () => {
    const out = run(
      `import { AsyncLocalStorage } from "node:async_hooks";
       import { Deferred } from "jq-deferred/core";
       const request = new AsyncLocalStorage();
       const loaded = Deferred();
       request.run("req-1", () => loaded.then((body) => console.log(request.getStore(), body)));
       request.run("req-2", () => loaded.resolve("body"));`,
      "module",
    );
    expect(out).toBe("req-1 body");
  });

  // Each Node entry runs the async-context setup when loaded, and the core turns context on for the
  // first only: a second entry loaded later does not undo the program's own setting.
  it("leaves async context off when another entry is loaded after useAsyncContext(false)", () => {
    const program = (first: string, second: string, turnOff: boolean) =>
      run(
        `const { AsyncLocalStorage } = require("node:async_hooks");
         const { Deferred, useAsyncContext } = require("${first}");
         ${turnOff ? "useAsyncContext(false);" : ""}
         require("${second}");
         const request = new AsyncLocalStorage();
         const loaded = Deferred();
         request.run("req-1", () => loaded.then((body) => console.log(request.getStore(), body)));
         request.run("req-2", () => loaded.resolve("body"));`,
        "commonjs",
      );
    // On: the handler runs in its registration's context.
    expect(program("jq-deferred/core", "jq-deferred", false)).toBe("req-1 body");
    // Off: in the context of the resolve that queued it.
    expect(program("jq-deferred/core", "jq-deferred", true)).toBe("req-2 body");
    expect(program("jq-deferred", "jq-deferred/jquery/ajax", true)).toBe("req-2 body");
  });

  // esbuild turns a `require` of a built-in in a CommonJS dependency into a function that throws
  // when it bundles a program for Node as an ES module; the setup must not use one there.
  it("runs, async context on, in a program that esbuild bundles for Node as an ES module", async () => {
    const { build } = await import("esbuild");
    const project = mkdtempSync(join(tmpdir(), "jq-deferred-bundle-"));
    try {
      mkdirSync(join(project, "node_modules"));
      symlinkSync(root, join(project, "node_modules", "jq-deferred"), "dir");
      writeFileSync(
        join(project, "main.mjs"),
        `import { AsyncLocalStorage } from "node:async_hooks";
         import { Deferred } from "jq-deferred/core";
         import { when } from "jq-deferred";
         const request = new AsyncLocalStorage();
         const loaded = Deferred();
         request.run("req-1", () => when(loaded).then((body) => console.log(request.getStore(), body)));
         request.run("req-2", () => loaded.resolve("body"));`,
      );
      await build({
        entryPoints: [join(project, "main.mjs")],
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: join(project, "bundle.mjs"),
        logLevel: "silent",
      });
      const out = execFileSync(process.execPath, [join(project, "bundle.mjs")], {
        encoding: "utf8",
      });
      expect(out.trim()).toBe("req-1 body");
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("lets await read a deferred and its promise", () => {
    const out = run(
      `import { Deferred } from "jq-deferred";
       const dfd = Deferred();
       setTimeout(dfd.resolve, 5, "late", "ignored");
       console.log(await dfd, await dfd.promise());`,
      "module",
    );
    expect(out).toBe("late late");
  });
});
