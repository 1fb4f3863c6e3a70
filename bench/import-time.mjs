/**
 * How long loading each public entry point of the built package takes in Node: the wall time of an
 * ESM `import()` and of a CommonJS `require()`, measured inside fresh Node processes with
 * `performance.now()` around the load alone (Node's own start-up is not counted).
 *
 *   npx tsup && node bench/import-time.mjs [--runs 15] [--json]
 *
 * The entries are loaded by name from a scratch project whose node_modules links to this package,
 * so Node resolves them through the `exports` map as a user's program does, and picks the `node`
 * condition's wrappers, which also turn async context on. Two columns:
 * - cold: the first package the process loads. It includes what Node sets up on first use, for any
 *   package: its `exports` resolver, and for `import` its ES module file loader. The `baseline` row
 *   is that cost alone: a one-line package with an `exports` map.
 * - warm: the process has loaded the one-line package first, with the same loader, as a program
 *   that has loaded anything else has; this is what the entry itself costs. (For `import`, Node's
 *   scanner of CommonJS exports is still loaded on first use, by our ES module wrappers. And the
 *   second package a process resolves through an `exports` map, whichever it is, pays about
 *   0.45 ms more than the later ones on Node 20: V8 compiles the regular expression Node checks
 *   every `exports` target with to machine code on its second use; `--no-regexp-tier-up` shows it.)
 * Rows marked with a star load parts of the core entry by file path with `require`, to show where
 * its time goes: `dist/core.node.cjs` is the Node wrapper (the async-context setup, then a copy of
 * the build), `dist/core.cjs` the build without the setup; their difference is what the setup
 * costs.
 *
 * The processes of every row take turns (run 1 of each row, then run 2…), so that a busy moment of
 * the machine spreads over all rows instead of landing on one; one unrecorded round first fills the
 * file cache. Prints the median, minimum and maximum of each cell in milliseconds.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The package's public entry points, by the specifier a user writes. */
const ENTRIES = [
  "jq-deferred",
  "jq-deferred/core",
  "jq-deferred/jquery",
  "jq-deferred/jquery/ajax",
];

/** The one-line package of the `baseline` row, which also warms the processes of the warm column. */
const BASELINE = "import-time-baseline";

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const runs = option("--runs", 15);
if (!Number.isInteger(runs) || runs < 1) throw new TypeError("--runs: expected a positive integer");
if (!existsSync(join(root, "dist/core.node.cjs"))) {
  console.error("import-time: dist/ is missing or predates jq-deferred/core; run `npx tsup` first");
  process.exit(2);
}

/** A scratch project: node_modules/jq-deferred links to this package, next to the baseline. */
function scratchProject() {
  const project = mkdtempSync(join(tmpdir(), "jq-deferred-import-time-"));
  const modules = join(project, "node_modules");
  const baseline = join(modules, BASELINE);
  mkdirSync(baseline, { recursive: true });
  symlinkSync(root, join(modules, "jq-deferred"), "dir");
  writeFileSync(join(project, "package.json"), '{ "private": true, "type": "module" }\n');
  writeFileSync(
    join(baseline, "package.json"),
    JSON.stringify({
      name: BASELINE,
      type: "module",
      exports: { ".": { import: "./index.js", require: "./index.cjs" } },
    }),
  );
  writeFileSync(join(baseline, "index.js"), "export const value = 1;\n");
  writeFileSync(join(baseline, "index.cjs"), "exports.value = 1;\n");
  return project;
}

/** One fresh Node process that loads `specifier` (after the baseline when `warm`), in ms. */
function measureOnce(project, { loader, specifier }, warm) {
  const load = (target) =>
    loader === "import"
      ? `await import(${JSON.stringify(target)});`
      : `require(${JSON.stringify(target)});`;
  const source = [
    warm ? load(BASELINE) : "",
    "const start = performance.now();",
    load(specifier),
    "console.log(performance.now() - start);",
  ].join("\n");
  const output = execFileSync(
    process.execPath,
    [`--input-type=${loader === "import" ? "module" : "commonjs"}`, "-e", source],
    { cwd: project, encoding: "utf8" },
  );
  const ms = Number(output.trim());
  if (!Number.isFinite(ms))
    throw new Error(`loading ${specifier} printed ${JSON.stringify(output)}`);
  return ms;
}

const rows = [
  ...[BASELINE, ...ENTRIES].flatMap((specifier) =>
    ["import", "require"].map((loader) => ({ name: specifier, loader, specifier })),
  ),
  ...["core.node.cjs", "core.cjs"].map((file) => ({
    name: `* dist/${file}`,
    loader: "require",
    specifier: join(root, "dist", file),
  })),
];

/** Median, minimum and maximum of some samples. */
function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
}

const project = scratchProject();
try {
  // The baseline loaded after itself is a cache hit: it has no warm cell.
  const cells = rows.flatMap((row) =>
    (row.name === BASELINE ? [false] : [false, true]).map((warm) => ({ row, warm, samples: [] })),
  );
  for (const cell of cells) measureOnce(project, cell.row, cell.warm);
  for (let run = 0; run < runs; run += 1) {
    for (const cell of cells) cell.samples.push(measureOnce(project, cell.row, cell.warm));
  }
  for (const cell of cells) cell.row[cell.warm ? "warm" : "cold"] = summary(cell.samples);
} finally {
  rmSync(project, { recursive: true, force: true });
}

if (process.argv.includes("--json")) {
  const shown = rows.map(({ name, loader, cold, warm }) => ({ name, loader, cold, warm }));
  console.log(JSON.stringify({ node: process.version, runs, rows: shown }));
} else {
  const cell = (stats) =>
    stats === undefined
      ? "".padEnd(22)
      : `${stats.median.toFixed(2).padStart(6)} (${stats.min.toFixed(2)}–${stats.max.toFixed(2)})`.padEnd(
          22,
        );
  console.log(`Node ${process.version}, ${runs} fresh processes per cell, ms: median (min–max)`);
  console.log(`${"entry".padEnd(24)} ${"loader".padEnd(8)} ${"cold".padEnd(22)} warm`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(24)} ${row.loader.padEnd(8)} ${cell(row.cold)} ${cell(row.warm)}`,
    );
  }
  console.log("* a part of jq-deferred/core, loaded by file path (where its time goes)");
}
