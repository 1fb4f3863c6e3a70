/**
 * `npm run bench:instructions`: instructions executed per unit of work, counted by valgrind's
 * callgrind, for the contenders of the timing benchmark. Counts repeat within about 0.2 %
 * between runs where times on a shared machine move by up to 2×, so this is the stable second
 * measure next to `npm run bench`.
 *
 * Each (contender, workload) runs in two fresh processes, `node --predictable` (see NODE_FLAGS)
 * under `valgrind --tool=callgrind`, one doing R₁ rounds and one R₂ rounds of the workload
 * (instruction-workloads.mjs). Start-up, module loading, compilation and warm-up are the same
 * in both, so (I(R₂) − I(R₁)) / (R₂ − R₁) / units per round is the steady-state cost of one
 * unit.
 *
 * Environment:
 *   BENCH_ONLY=a,b     only these contenders (jQuery 4 and native are always kept: ratios need
 *                      them); jquery-deferred (the 1.8 port) is measured only when named here
 *   BENCH_JOBS=a,b     only these workloads (see INSTRUCTION_WORKLOADS); a name ending in *
 *                      stands for every workload starting with the rest (callbacks*, chain*)
 *   BENCH_ROUNDS=r1,r2 the two round counts (default 20,40)
 *   BENCH_NO_BUILD=1   measure the existing dist/index.js instead of running `npm run build`
 *   BENCH_LIBRARY=f    measure this ESM bundle of the library instead of dist/index.js (implies
 *                      BENCH_NO_BUILD)
 *
 * A complete run writes bench/results/instructions.json and docs/bench-instructions.md; a
 * partial one (BENCH_ONLY, BENCH_JOBS, BENCH_ROUNDS or BENCH_LIBRARY) writes
 * bench/results/instructions.tmp.json only, so committed figures always come from a complete run.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONTENDERS } from "./contenders.mjs";
import { INSTRUCTION_SIZES, INSTRUCTION_WORKLOADS } from "./instruction-workloads.mjs";
import { formatNumber, formatRatio, formatTimes, table } from "./report.mjs";
import {
  formatted,
  gitDescribe,
  inPool,
  machineLine,
  ROOT,
  selected,
  snapshotLibrary,
} from "./run.mjs";
import { metricTitle } from "./workloads.mjs";

const run = promisify(execFile);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const REFERENCES = ["jquery4", "native"];
/**
 * p-defer is native Promise behind a helper: its counts would repeat native's. jquery-deferred is
 * opt-in (BENCH_ONLY): its eleven cells would add about a third to the run time; so is the
 * Callbacks lower bound (array-loop), whose unrelated-function cells take a minute each.
 */
const MEASURED = ["jq-deferred", "jquery4", "bluebird", "native"];
const OPT_IN = ["jquery-deferred", "array-loop"];
export const DEFAULT_ROUNDS = [20, 40];
/**
 * `--predictable` implies `--single-threaded` (compiler and garbage collector on the main thread,
 * where callgrind counts them and their work does not depend on thread timing) and fixes V8's
 * random and hash seeds: two processes running the same rounds then differ by a few hundred
 * instructions in about 700 million (with `--single-threaded` alone: by several million).
 */
export const NODE_FLAGS = ["--predictable"];
export const COMMAND = "npm run bench:instructions";

/** valgrind's version line, or a clear error when it is not installed. */
export function valgrindVersion() {
  try {
    return execFileSync("valgrind", ["--version"]).toString().trim();
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new Error(
        "npm run bench:instructions needs valgrind, which is not installed: " +
          "apt-get install -y valgrind (Debian/Ubuntu), then run it again",
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Instructions executed by one fresh process running `rounds` rounds of a workload under
 * callgrind (its whole life: start-up included).
 */
export async function countInstructions(contender, workloadId, rounds, workerOptions) {
  const args = [
    "--tool=callgrind",
    "--callgrind-out-file=/dev/null",
    process.execPath,
    ...NODE_FLAGS,
    path.join(benchDir, "instruction-worker.mjs"),
    contender,
    workloadId,
    String(rounds),
    JSON.stringify(workerOptions),
  ];
  const { stderr } = await run("valgrind", args, {
    cwd: ROOT,
    maxBuffer: 1 << 24,
    timeout: 900_000,
  });
  const collected = /==\d+== Collected : (\d+)/.exec(stderr);
  if (!collected)
    throw new Error(`callgrind printed no instruction count:\n${stderr.slice(-2000)}`);
  return Number(collected[1]);
}

/** The first line of an error that names it, for the report. */
function failureLine(error) {
  const text = String(error.stderr || error.message);
  const lines = text.split("\n").map((l) => l.replace(/^==\d+==\s*/, ""));
  return lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.find((l) => l.trim()) ?? "failed";
}

/**
 * Runs the instruction benchmark and returns the results object (also written to disk when
 * `write`). `countInstructions` can be replaced (the smoke test does, since CI has no valgrind).
 * @param {{ sizes?: object, rounds?: number[], contenders?: string[], workloads?: string[],
 *   libraryPath?: string, concurrency?: number, write?: boolean, complete?: boolean,
 *   count?: typeof countInstructions, log?: (line: string) => void }} options
 */
export async function runInstructionBench(options = {}) {
  const sizes = options.sizes ?? INSTRUCTION_SIZES.full;
  const [fewer, more] = options.rounds ?? DEFAULT_ROUNDS;
  if (!(Number.isInteger(fewer) && Number.isInteger(more) && 0 < fewer && fewer < more)) {
    throw new RangeError(
      `runInstructionBench(options.rounds): need 0 < r1 < r2, got ${fewer},${more}`,
    );
  }
  const count = options.count ?? countInstructions;
  const log = options.log ?? (() => undefined);
  const valgrind = options.count ? "valgrind not used" : valgrindVersion();
  const chosen = (name) =>
    options.contenders
      ? options.contenders.includes(name) || REFERENCES.includes(name)
      : MEASURED.includes(name);
  const contenders = CONTENDERS.filter(
    (c) => (MEASURED.includes(c.name) || OPT_IN.includes(c.name)) && chosen(c.name),
  );
  const workloads = INSTRUCTION_WORKLOADS.filter(
    (w) => !options.workloads || selected(options.workloads, w.id),
  );
  const jqDeferredPath = snapshotLibrary(options.libraryPath ?? path.join(ROOT, "dist/index.js"));
  // The commit measured is the one the library was built from: others may commit during the run.
  const commit = gitDescribe();
  const workerOptions = { jqDeferredPath, sizes };
  const started = Date.now();

  const cells = {};
  const tasks = [];
  for (const workload of workloads) {
    for (const { name, api, only } of contenders) {
      if (workload.needs && !api.includes(workload.needs)) continue;
      if (only && workload.needs !== only) continue;
      const cell = ((cells[workload.id] ??= {})[name] = {});
      if (workload.skip?.[name]) {
        cell.skipped = workload.skip[name];
        continue;
      }
      for (const rounds of [fewer, more]) {
        tasks.push(async () => {
          const taskStarted = Date.now();
          try {
            (cell.instructions ??= {})[rounds] = await count(
              name,
              workload.id,
              rounds,
              workerOptions,
            );
          } catch (error) {
            cell.failure ??= failureLine(error);
          }
          const seconds = ((Date.now() - taskStarted) / 1000).toFixed(1);
          log(
            `${workload.id} ${name} ${rounds} rounds ${seconds} s` +
              (cell.failure ? ` FAILED: ${cell.failure}` : ""),
          );
        });
      }
    }
  }
  await inPool(tasks, options.concurrency ?? 2);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: `${machineLine()}, ${valgrind}`,
    commit,
    command: options.command ?? COMMAND,
    rounds: [fewer, more],
    sizes,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    contenders: contenders.map(({ name, label }) => ({ name, label })),
    workloads: [],
  };
  for (const workload of workloads) {
    const perContender = cells[workload.id] ?? {};
    const units = workload.unitsPerRound(sizes);
    const entries = {};
    for (const [name, cell] of Object.entries(perContender)) {
      if (cell.skipped) entries[name] = { skipped: cell.skipped };
      else if (cell.failure) entries[name] = { failure: cell.failure };
      else {
        const { [fewer]: low, [more]: high } = cell.instructions;
        entries[name] = {
          perUnit: (high - low) / (more - fewer) / units,
          instructions: [low, high],
        };
      }
    }
    const measured = (name) => entries[name]?.perUnit;
    for (const entry of Object.values(entries).filter((e) => e.perUnit !== undefined)) {
      // Same-run ratios, as in the timing report: times fewer than jQuery 4, share of native's.
      entry.timesFewerThanJquery4 =
        measured("jquery4") === undefined ? null : measured("jquery4") / entry.perUnit;
      entry.ratioToNative =
        measured("native") === undefined ? null : entry.perUnit / measured("native");
    }
    results.workloads.push({
      id: workload.id,
      title: metricTitle(workload, sizes),
      unit: workload.unit,
      unitsPerRound: units,
      results: entries,
    });
  }

  if (options.write) {
    const json = await formatted(JSON.stringify(results), "json");
    if (options.complete) {
      writeFileSync(path.join(benchDir, "results/instructions.json"), json);
      writeFileSync(
        path.join(ROOT, "docs/bench-instructions.md"),
        await formatted(instructionsReport(results, { document: true }), "markdown"),
      );
    } else {
      writeFileSync(path.join(benchDir, "results/instructions.tmp.json"), json);
    }
  }
  return results;
}

/**
 * The markdown report: one row per (workload, contender). `document: true` adds the title and
 * the explanation, for docs/bench-instructions.md; the console gets the same table.
 */
export function instructionsReport(results, { document }) {
  const labels = Object.fromEntries(results.contenders.map((c) => [c.name, c.label]));
  const [fewer, more] = results.rounds;
  const parts = [];
  if (document) {
    parts.push(
      "# Instruction counts",
      "",
      "Generated by `npm run bench:instructions` (bench/instructions.mjs); the raw figures are in " +
        "[bench/results/instructions.json](../bench/results/instructions.json). The timing " +
        "benchmark is [bench.md](bench.md).",
      "",
    );
  }
  parts.push(
    `Machine: ${results.machine}. Commit ${results.commit}, ${results.generatedAt}. ` +
      `Command: \`${results.command}\`; ${results.durationSeconds} s in all.`,
    "",
    "Instructions executed per unit, counted by `valgrind --tool=callgrind` on " +
      "`node --predictable` (which implies `--single-threaded`, so compilation and garbage " +
      "collection run, and are counted, on the main thread, and fixes V8's random seeds). " +
      `Each cell is two fresh processes running ${fewer} and ${more} rounds of ` +
      `the workload: (I${more} − I${fewer}) / ${more - fewer} / units per round, so start-up, ` +
      "compilation and warm-up cancel out. Counts repeat within 0.2 % between runs, unlike " +
      "times on a shared machine; they do not weigh cache misses or memory stalls, so they " +
      "complement the timing benchmark rather than replace it. **× jQuery 4** = jQuery 4's " +
      "count ÷ this one (higher is better). **÷ native** = this count ÷ native Promise's (lower " +
      'is better). Promise-only libraries have no synchronous `done`: their "done" rows use ' +
      "`then`. Callbacks rows count a whole list (add + all fires), not one call. In the " +
      '"unrelated functions" rows each of the 1,000 functions has its own code, still in V8\'s ' +
      "baseline tiers during the counted rounds: their own cost is most of the count, the same " +
      'for every contender ("array + loop", measured when BENCH_ONLY names array-loop, is that ' +
      "cost with no list around it).",
    "",
  );
  const rows = [];
  for (const workload of results.workloads) {
    let first = true;
    for (const { name } of results.contenders) {
      const entry = workload.results[name];
      if (!entry) continue;
      const label = name === "jq-deferred" ? `**${labels[name]}**` : labels[name];
      const heading = first ? `${workload.title} (per ${workload.unit})` : "";
      first = false;
      if (entry.perUnit === undefined) {
        rows.push([heading, label, "–", "–", entry.skipped ?? `fails: ${entry.failure}`]);
        continue;
      }
      rows.push([
        heading,
        label,
        formatNumber(entry.perUnit),
        formatTimes(entry.timesFewerThanJquery4),
        formatRatio(entry.ratioToNative),
      ]);
    }
  }
  parts.push(table(["Workload", "Contender", "Instructions", "× jQuery 4", "÷ native"], rows), "");
  return parts.join("\n");
}

const list = (value) => (value ? value.split(",").map((s) => s.trim()) : undefined);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  valgrindVersion();
  const library = process.env.BENCH_LIBRARY;
  if (!process.env.BENCH_NO_BUILD && !library) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  }
  const libraryPath = library ? path.resolve(library) : path.join(ROOT, "dist/index.js");
  if (!existsSync(libraryPath)) {
    throw new Error(`${libraryPath} is missing: run \`npm run build\` first`);
  }
  const rounds = list(process.env.BENCH_ROUNDS)?.map(Number);
  const contenders = list(process.env.BENCH_ONLY);
  const workloads = list(process.env.BENCH_JOBS);
  const settings = ["BENCH_ONLY", "BENCH_JOBS", "BENCH_ROUNDS", "BENCH_LIBRARY", "BENCH_NO_BUILD"]
    .filter((key) => process.env[key])
    .map((key) => `${key}=${process.env[key]} `)
    .join("");
  const results = await runInstructionBench({
    rounds,
    contenders,
    workloads,
    libraryPath,
    command: `${settings}${COMMAND}`,
    write: true,
    complete: !library && !rounds && !contenders && !workloads,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(instructionsReport(results, { document: false }));
}
