/**
 * Checks the package as it would be published: packs it once with `npm pack`, then runs publint
 * (package.json fields, exports, files) and @arethetypeswrong/cli (the types of every entry point
 * resolve, for ESM and CommonJS, under node10, node16 and bundler resolution) on that tarball.
 * Run after `npm run build`. Exits non-zero if either tool reports a problem.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const packDirectory = mkdtempSync(join(tmpdir(), "jq-deferred-pack-"));

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

try {
  run("npm pack", "npm", ["pack", "--ignore-scripts", "--pack-destination", packDirectory]);
  const tarball = readdirSync(packDirectory).find((name) => name.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${packDirectory}`);
  const tarballPath = join(packDirectory, tarball);

  const publint = run("publint", process.execPath, [
    "node_modules/publint/src/cli.js",
    "run",
    tarballPath,
    "--strict",
  ]);
  console.log(publint);
  const attw = run("attw", process.execPath, [
    "node_modules/@arethetypeswrong/cli/dist/index.js",
    tarballPath,
    "--profile",
    "strict",
    "--format",
    "table",
    "--no-emoji",
  ]);
  console.log(attw);
  console.log("check-package: publint and attw report no problems");
} catch (error) {
  console.error(`check-package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(packDirectory, { recursive: true, force: true });
}
