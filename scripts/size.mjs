// Size budgets of the browser bundles: `node scripts/size.mjs [--json]`.
//
// Measures the gzip size (zlib level 9) of what a browser user downloads, against the budgets in
// the table of docs/browser.md (the one place they are stated). "core" and "core+ajax" are what a
// bundler keeps from dist/browser/jq-deferred.min.js when an application imports only those names,
// re-minified by esbuild; the other rows are the shipped files as they are. Needs `npm run build`
// first. Exits 1 when a bundle is over its budget or missing, 2 when the budget table is unreadable.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const browserDir = `${root}dist/browser/`;
const esmBundle = `${browserDir}jq-deferred.min.js`;

export const CORE_NAMES = ["Deferred", "when", "Callbacks"];
const AJAX_NAMES = ["ajax", "get", "post", "getJSON", "ajaxSetup", "ajaxPrefilter"];

/** How each budgeted bundle is produced: the exact bytes whose gzip size is compared. */
const BUNDLES = {
  core: () => treeShaken(CORE_NAMES),
  "core+ajax": () => treeShaken([...CORE_NAMES, ...AJAX_NAMES]),
  "jq-deferred.min.js": () => readFileSync(esmBundle),
  "jq-deferred.iife.min.js": () => readFileSync(`${browserDir}jq-deferred.iife.min.js`),
};

/** What an application importing only `names` from the ESM bundle ships, minified. */
export async function treeShaken(names) {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(", ")} } from ${JSON.stringify(esmBundle)};`,
      resolveDir: root,
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

/** The budget table of docs/browser.md: rows whose first cell is a bundle name in backticks. */
export function readBudgets() {
  const text = readFileSync(`${root}docs/browser.md`, "utf8");
  const budgets = {};
  for (const match of text.matchAll(/^\|\s*`([^`]+)`\s*\|[^|\n]*\|\s*([\d.]+) KB\s*\|/gm)) {
    budgets[match[1]] = Math.round(Number(match[2]) * 1024);
  }
  for (const name of Object.keys(BUNDLES)) {
    if (!(name in budgets)) throw new RangeError(`docs/browser.md: no budget row for \`${name}\``);
  }
  return budgets;
}

/** Measures every bundle: `{ name, bytes, gzip, budget, ok }` rows (gzip/budget in bytes). */
export async function measure() {
  const budgets = readBudgets();
  const rows = [];
  for (const [name, produce] of Object.entries(BUNDLES)) {
    const bytes = await produce();
    const gzip = gzipSync(bytes, { level: 9 }).length;
    rows.push({
      name,
      bytes: bytes.length,
      gzip,
      budget: budgets[name],
      ok: gzip <= budgets[name],
    });
  }
  return rows;
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let rows;
  try {
    rows = await measure();
  } catch (error) {
    console.error(`size: ${error.message}`);
    process.exit(2);
  }
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(rows));
  } else {
    for (const row of rows) {
      const verdict = row.ok ? "ok" : "OVER BUDGET";
      console.log(
        `${row.name.padEnd(26)} ${kb(row.bytes).padStart(9)} min  ${kb(row.gzip).padStart(8)} gzip  budget ${kb(row.budget)}  ${verdict}`,
      );
    }
  }
  process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
}
