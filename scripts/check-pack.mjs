/**
 * The package as a new user gets it, from a fresh clone of the committed HEAD:
 *
 *   1. `git clone` HEAD into a temporary folder and `npm ci` there, which must print no warning
 *      (engines, install scripts);
 *   2. `npm pack` there: the `prepack` script must build dist/ from nothing;
 *   3. the tarball: its files (LICENSE, README, CHANGELOG, dist; no source maps, no src/), its size
 *      against the budget below, and every CDN path the README gives exists in it;
 *   4. publint, arethetypeswrong and a strict TypeScript consumer (scripts/check-package.mjs);
 *   5. a new project that `npm install`s the tarball runs test/package/smoke.mjs (ESM and CommonJS
 *      in one process share one copy and its state; default export; `jq-deferred/core`; browser
 *      builds by path);
 *   6. bundle sizes from the installed package: the bridge's `install(jQuery)` without ajax may
 *      weigh at most 1 KB gzip more than the core alone, and the core from `jq-deferred/core`
 *      weighs what the same names from the root weigh, with no ajax code.
 *
 *   node scripts/check-pack.mjs          # prints each step and the figures; exits 1 on a failure
 *
 * Only the npm cache is shared with this checkout (`npm ci --prefer-offline`), so it takes about a
 * minute once the cache is warm.
 */
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { checkTarball } from "./check-package.mjs";

/**
 * Packed size budget of the tarball: 142 kB when set, of which the declarations (with every doc
 * comment, for editors) and the two browser builds are most; it was 402 kB with source maps and a
 * copy of src/. Core v2 part 1 (the hostile-value guards, async context and its Node entry points,
 * 39 files instead of 27) brought it to 161 kB, and the budget to 170 kB. Part 2 (the getters,
 * the three-slot jobs and their records, the changelog's entries) brought it to 170.4 kB
 * (2026-12-06), and the budget to 175 kB.
 */
const TARBALL_BUDGET = 175 * 1000;
/** How much more than the core the bridge without ajax may weigh, gzip. */
const BRIDGE_OVER_CORE_BUDGET = 1024;
/**
 * How far the core bundled from `jq-deferred/core` may be from the same names bundled from the
 * root, gzip: both entries re-export one build, so only gzip's noise may differ.
 */
const CORE_ENTRY_DIFFERENCE = 64;

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "jq-deferred-fresh-"));

function run(label, command, args, cwd) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_UPDATE_NOTIFIER: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  console.log(`check-pack: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return output;
}

function fail(message) {
  throw new Error(message);
}

/** gzip -9 size of what a bundler keeps for `source`, resolved from the consumer project. */
async function bundledGzip(source, resolveDir) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { gzip: gzipSync(code, { level: 9 }).length, text: Buffer.from(code).toString("utf8") };
}

try {
  const clone = join(work, "clone");
  run("git clone of HEAD", "git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
  const install = run(
    "npm ci in the fresh clone",
    "npm",
    ["ci", "--prefer-offline", "--no-audit", "--no-fund"],
    clone,
  );
  const warnings = install.split("\n").filter((line) => /^npm warn/i.test(line));
  if (warnings.length > 0) fail(`npm ci printed warnings:\n${warnings.join("\n")}`);

  const packs = join(work, "packs");
  mkdirSync(packs);
  run("npm pack (prepack builds dist/)", "npm", ["pack", "--pack-destination", packs], clone);
  const tarballName = readdirSync(packs).find((name) => name.endsWith(".tgz"));
  if (tarballName === undefined) fail("npm pack wrote no tarball");
  const tarball = join(packs, tarballName);

  const files = run("tar -t", "tar", ["-tzf", tarball])
    .split("\n")
    .map((line) => line.replace(/^package\//, ""));
  for (const required of ["LICENSE", "README.md", "CHANGELOG.md", "package.json"]) {
    if (!files.includes(required)) fail(`the tarball has no ${required}`);
  }
  const manifest = JSON.parse(readFileSync(join(clone, "package.json"), "utf8"));
  const entryFiles = [...JSON.stringify(manifest.exports).matchAll(/"(\.\/dist\/[^"]+)"/g)]
    .map((match) => match[1])
    .filter((target) => !target.includes("*"));
  for (const file of [...entryFiles, manifest.main, manifest.unpkg].map((f) => f.slice(2))) {
    if (!files.includes(file)) fail(`package.json points at ${file}, which the tarball lacks`);
  }
  const unwanted = files.filter((file) => file.endsWith(".map") || file.startsWith("src/"));
  if (unwanted.length > 0) fail(`the tarball ships source maps or sources: ${unwanted.join(", ")}`);
  const readme = readFileSync(join(clone, "README.md"), "utf8");
  const cdnPaths = [...readme.matchAll(/jq-deferred@[\w.-]+\/([\w./-]+\.js)/g)].map((m) => m[1]);
  if (cdnPaths.length === 0) fail("the README gives no CDN path of the browser build");
  for (const path of cdnPaths) {
    if (!files.includes(path)) fail(`the README's CDN path ${path} is not in the tarball`);
  }
  const packed = statSync(tarball).size;
  console.log(`check-pack: tarball ${tarballName}: ${files.length} files, ${packed} B packed`);
  if (packed > TARBALL_BUDGET) fail(`the tarball is ${packed} B, over ${TARBALL_BUDGET} B`);

  checkTarball(tarball, work);

  const consumer = join(work, "new-project");
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, "package.json"),
    '{ "name": "new-project", "private": true, "type": "module" }\n',
  );
  run(
    "npm install of the tarball in a new project",
    "npm",
    ["install", "--no-audit", "--no-fund", tarball],
    consumer,
  );
  copyFileSync(join(root, "test/package/smoke.mjs"), join(consumer, "smoke.mjs"));
  console.log(run("smoke checks in the new project", process.execPath, ["smoke.mjs"], consumer));

  const core = await bundledGzip(
    'import { Deferred, when, Callbacks } from "jq-deferred"; console.log(Deferred, when, Callbacks);',
    consumer,
  );
  const coreEntry = await bundledGzip(
    'import { Deferred, when, Callbacks } from "jq-deferred/core"; console.log(Deferred, when, Callbacks);',
    consumer,
  );
  const bridge = await bundledGzip(
    'import { install } from "jq-deferred/jquery"; install(globalThis.jQuery);',
    consumer,
  );
  const over = bridge.gzip - core.gzip;
  console.log(
    `check-pack: core ${core.gzip} B gzip; install(jQuery) without ajax ${bridge.gzip} B gzip (${over >= 0 ? "+" : ""}${over} B)`,
  );
  const coreEntryOver = coreEntry.gzip - core.gzip;
  console.log(
    `check-pack: the same names from jq-deferred/core ${coreEntry.gzip} B gzip (${coreEntryOver >= 0 ? "+" : ""}${coreEntryOver} B)`,
  );
  if (Math.abs(coreEntryOver) > CORE_ENTRY_DIFFERENCE) {
    fail(
      `the core from jq-deferred/core differs from the root's by ${coreEntryOver} B gzip (at most ${CORE_ENTRY_DIFFERENCE} B)`,
    );
  }
  if (/parsererror/.test(coreEntry.text)) fail("jq-deferred/core bundles ajax code");
  if (over > BRIDGE_OVER_CORE_BUDGET) {
    fail(
      `install(jQuery) without ajax is ${over} B gzip over the core (budget ${BRIDGE_OVER_CORE_BUDGET} B)`,
    );
  }
  if (/parsererror/.test(bridge.text)) fail("install(jQuery) without ajax still bundles ajax code");
  console.log("check-pack: a fresh clone packs, and the tarball installs and works");
} catch (error) {
  console.error(`check-pack: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
