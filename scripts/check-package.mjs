/**
 * Checks the package as it would be published: packs it once with `npm pack`, then runs publint
 * (package.json fields, exports, files) and @arethetypeswrong/cli (the types of every entry point
 * resolve, for ESM and CommonJS, under node10, node16 and bundler resolution) on that tarball, and
 * finally installs the tarball into a scratch consumer project and type-checks an ESM and a
 * CommonJS file that use every entry point, with `skipLibCheck: false`, on TypeScript 6 and 7
 * (node16+ resolution) and with bundler resolution.
 * Run after `npm run build`. Exits non-zero if any step reports a problem. scripts/check-pack.mjs
 * runs the same checks (`checkTarball`) on the tarball packed from a fresh clone.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** This checkout: the toolchain (publint, attw, both TypeScripts) comes from its node_modules. */
const root = fileURLToPath(new URL("..", import.meta.url));

function run(label, command, args) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  return output;
}

/** Type-checks code that uses the packed package, as a strict TypeScript project would. */
function checkConsumer(tarballPath, workDirectory) {
  const consumer = join(workDirectory, "consumer");
  const installed = join(consumer, "node_modules");
  mkdirSync(installed, { recursive: true });
  run("tar", "tar", ["-xzf", tarballPath, "-C", installed]);
  renameSync(join(installed, "package"), join(installed, "jq-deferred"));
  writeFileSync(join(consumer, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(consumer, "esm.ts"),
    [
      'import { ajax, Callbacks, Deferred, type DeferredPromise, when } from "jq-deferred";',
      'import { install } from "jq-deferred/jquery";',
      'import { installAjax } from "jq-deferred/jquery/ajax";',
      'import core, { Deferred as CoreDeferred, type UnhandledRejectionHooks } from "jq-deferred/core";',
      'import $ from "jq-deferred";',
      '$.when($.Deferred<[label: string]>().resolve("a"), 2).done((label, two) => label.length + two);',
      "const request = Deferred<[data: string, status: number], Error>();",
      "const both: DeferredPromise<[[data: string, status: number], number]> = when(request, 1);",
      "both.done(([data], one) => data.length + one);",
      'ajax<{ id: number }>("/item").done((item) => item.id.toFixed());',
      'Callbacks<[event: string]>().fire("click");',
      "const sameDeferred: typeof Deferred = CoreDeferred;",
      "const hooks: UnhandledRejectionHooks = { unhandled: (reason) => String(reason) };",
      "core.trackUnhandledRejections(hooks);",
      "core.when(CoreDeferred<[count: number]>().resolve(1)).done((count) => count.toFixed());",
      "export { install, installAjax, sameDeferred };",
    ].join("\n"),
  );
  writeFileSync(
    join(consumer, "cjs.cts"),
    [
      'import jq = require("jq-deferred");',
      'import bridge = require("jq-deferred/jquery");',
      'import ajaxBridge = require("jq-deferred/jquery/ajax");',
      'import core = require("jq-deferred/core");',
      "core.when(core.Deferred<[count: number]>()).done((count) => count.toFixed());",
      "ajaxBridge.installAjax.length;",
      "jq.Deferred<string>().done((text) => text.length);",
      "export = bridge.install;",
    ].join("\n"),
  );
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
      },
      files: ["esm.ts", "cjs.cts"],
    }),
  );
  // Node's resolution (ESM and CommonJS files) on both majors; bundler resolution on TypeScript 7.
  for (const [compiler, module, moduleResolution] of [
    ["typescript", "nodenext", "nodenext"],
    ["typescript7", "nodenext", "nodenext"],
    ["typescript7", "preserve", "bundler"],
  ]) {
    const tsc = resolve(root, "node_modules", compiler, "bin", "tsc");
    run(`${compiler} (${moduleResolution}) on a consumer project`, process.execPath, [
      tsc,
      "-p",
      consumer,
      "--module",
      module,
      "--moduleResolution",
      moduleResolution,
    ]);
  }
}

/**
 * publint and arethetypeswrong on a packed tarball, then a strict consumer project that installs it
 * and type-checks. Throws with the failing tool's output; `workDirectory` is scratch space.
 */
export function checkTarball(tarballPath, workDirectory) {
  const publint = run("publint", process.execPath, [
    join(root, "node_modules/publint/src/cli.js"),
    "run",
    tarballPath,
    "--strict",
  ]);
  console.log(publint);
  const attw = run("attw", process.execPath, [
    join(root, "node_modules/@arethetypeswrong/cli/dist/index.js"),
    tarballPath,
    "--profile",
    "strict",
    "--format",
    "table",
    "--no-emoji",
  ]);
  console.log(attw);
  checkConsumer(tarballPath, workDirectory);
  console.log("check-package: publint and attw report no problems; a strict consumer type-checks");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const packDirectory = mkdtempSync(join(tmpdir(), "jq-deferred-pack-"));
  try {
    run("npm pack", "npm", ["pack", "--ignore-scripts", "--pack-destination", packDirectory]);
    const tarball = readdirSync(packDirectory).find((name) => name.endsWith(".tgz"));
    if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${packDirectory}`);
    checkTarball(join(packDirectory, tarball), packDirectory);
  } catch (error) {
    console.error(`check-package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    rmSync(packDirectory, { recursive: true, force: true });
  }
}
