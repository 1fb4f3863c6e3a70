/**
 * `npm run bench`: builds the package, runs every job of every contender in fresh processes over
 * several rounds, measures sizes, and reports medians, spreads and same-run ratios.
 *
 * Environment:
 *   BENCH_QUICK=1      small sizes and one round: a smoke run whose figures mean little
 *   BENCH_ROUNDS=n     processes per contender and job (default 3, about 3 minutes; quick: 1)
 *   BENCH_ONLY=a,b     only these contenders (jQuery 4 and native are always kept: ratios need them)
 *   BENCH_JOBS=a,b     only these jobs (see JOBS in workloads.mjs); a name ending in * stands
 *                      for every job starting with the rest (callbacks* is the 12 Callbacks jobs)
 *   BENCH_NO_BUILD=1   measure the existing dist/index.js instead of running `npm run build`
 *   BENCH_LIBRARY=f    measure this ESM bundle of the library instead of dist/index.js (implies
 *                      BENCH_NO_BUILD; for comparing builds while optimising)
 *
 * A full run writes bench/results/latest.json, docs/bench.md and docs/bench.svg; a quick or
 * partial run writes bench/results/quick.tmp.json only, so committed figures always come from
 * a complete run.
 */
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONTENDERS } from "./contenders.mjs";
import { markdownReport, svgChart } from "./report.mjs";
import { measureSizes } from "./size.mjs";
import { JOBS, METRICS, metricTitle, SIZES } from "./workloads.mjs";

const run = promisify(execFile);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(benchDir, "..");
/** Always measured, even when BENCH_ONLY names other contenders: the ratios and bounds need them. */
const REFERENCES = ["jquery4", "native", "array-loop"];

/** Node version, CPU model and core count: the line every published figure carries. */
export function machineLine() {
  const cpus = os.cpus();
  return `Node ${process.version}, ${cpus[0]?.model.trim() ?? "unknown CPU"} × ${cpus.length}, ${os.platform()} ${os.arch()}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Copies the built package aside (its ESM entry and chunks), so a concurrent `npm run build`
 * cleaning dist/ cannot pull it from under a run. Returns the copy of `entry`.
 */
export function snapshotLibrary(entry) {
  const directory = mkdtempSync(path.join(os.tmpdir(), "jq-deferred-bench-"));
  for (let attempt = 0; ; attempt++) {
    try {
      cpSync(path.dirname(entry), directory, { recursive: true });
      writeFileSync(path.join(directory, "package.json"), '{ "type": "module" }\n');
      return path.join(directory, path.basename(entry));
    } catch (error) {
      if (attempt >= 20) throw error;
      execFileSync(process.execPath, ["-e", "setTimeout(() => {}, 500)"]);
    }
  }
}

async function runWorker(contender, job, options) {
  const args = [
    ...(job.gc ? ["--expose-gc"] : []),
    path.join(benchDir, "worker.mjs"),
    contender,
    job.id,
    JSON.stringify(options),
  ];
  try {
    const { stdout } = await run(process.execPath, args, {
      cwd: ROOT,
      maxBuffer: 1 << 20,
      timeout: 300_000,
    });
    const line = stdout.trim().split("\n").pop();
    return { metrics: JSON.parse(line).metrics };
  } catch (error) {
    // A contender that cannot run a job (a bug in it, or a missing feature) is reported as
    // failing that job, with the exception it threw, instead of ending the whole run.
    const stderr = String(error.stderr ?? error.message);
    const thrown =
      stderr.split("\n").find((l) => /^\w*Error\b/.test(l)) ?? stderr.trim().split("\n")[0];
    return { failure: thrown };
  }
}

/** Whether `names` (as BENCH_JOBS gives them: an id, or a prefix followed by `*`) select `id`. */
export function selected(names, id) {
  return names.some((name) =>
    name.endsWith("*") ? id.startsWith(name.slice(0, -1)) : name === id,
  );
}

/** Runs `tasks` (functions returning promises) with at most `limit` at a time, in order. */
export async function inPool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

/**
 * Runs the benchmark and returns the results object (also written to disk when `write`).
 * @param {{ sizes?: object, quick?: boolean, rounds?: number, contenders?: string[],
 *   jobs?: string[], libraryPath?: string, concurrency?: number, write?: boolean,
 *   log?: (line: string) => void }} options
 */
export async function runBench(options = {}) {
  const quick = options.quick ?? false;
  const sizes = options.sizes ?? (quick ? SIZES.quick : SIZES.full);
  const rounds = options.rounds ?? (quick ? 1 : 3);
  const log = options.log ?? (() => undefined);
  const contenders = CONTENDERS.filter(
    (c) =>
      !options.contenders || options.contenders.includes(c.name) || REFERENCES.includes(c.name),
  );
  const jobs = JOBS.filter((job) => !options.jobs || selected(options.jobs, job.id));
  const jqDeferredPath = snapshotLibrary(options.libraryPath ?? path.join(ROOT, "dist/index.js"));
  // The commit of the snapshot measured, not of whatever is checked out when the run ends.
  const commit = gitDescribe();
  const workerOptions = { jqDeferredPath, sizes };
  const started = Date.now();

  // Round-robin: every round runs each job for each contender once, so drifting machine load
  // (the benchmark machine is shared) spreads over all contenders instead of hitting one.
  const tasks = [];
  const samples = {};
  const failures = {};
  const skipped = {};
  for (let round = 0; round < rounds; round++) {
    for (const job of jobs) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const { name, api, only } of order) {
        if (job.needs && !api.includes(job.needs)) continue;
        if (only && job.needs !== only) continue;
        if (job.skip?.[name]) {
          for (const metric of job.metrics) (skipped[metric] ??= {})[name] = job.skip[name];
          continue;
        }
        tasks.push(async () => {
          const jobStarted = Date.now();
          const { metrics, failure } = await runWorker(name, job, workerOptions);
          const seconds = ((Date.now() - jobStarted) / 1000).toFixed(1);
          if (failure !== undefined) {
            for (const metric of job.metrics) (failures[metric] ??= {})[name] = failure;
          } else {
            for (const [metric, value] of Object.entries(metrics)) {
              ((samples[metric] ??= {})[name] ??= []).push(value);
            }
          }
          log(
            `round ${round + 1}/${rounds} ${job.id} ${name} ${seconds} s` +
              (failure ? ` FAILED: ${failure}` : ""),
          );
        });
      }
    }
  }
  await inPool(tasks, options.concurrency ?? 1);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: machineLine(),
    commit,
    quick,
    rounds,
    sizes,
    durationSeconds: 0,
    contenders: contenders.map(({ name, label }) => ({ name, label })),
    metrics: [],
    size: await measureSizes(ROOT),
  };
  for (const metric of METRICS) {
    const perContender = samples[metric.id] ?? {};
    const failed = failures[metric.id] ?? {};
    const left = skipped[metric.id] ?? {};
    const reported = { ...perContender, ...failed, ...left };
    if (Object.keys(reported).length === 0) continue;
    const stats = {};
    for (const [name, reason] of Object.entries(left)) stats[name] = { skipped: reason };
    for (const [name, failure] of Object.entries(failed)) stats[name] = { failure };
    for (const [name, values] of Object.entries(perContender)) {
      if (failed[name]) continue;
      stats[name] = {
        median: median(values),
        min: Math.min(...values),
        max: Math.max(...values),
        samples: values,
      };
    }
    for (const entry of Object.values(stats).filter((e) => e.median !== undefined)) {
      // Same-run ratios: how many times less time/bytes than jQuery 4, and the share of native's.
      entry.timesBetterThanJquery4 =
        stats.jquery4?.median === undefined ? null : stats.jquery4.median / entry.median;
      entry.ratioToNative =
        stats.native?.median === undefined ? null : entry.median / stats.native.median;
    }
    results.metrics.push({ ...metric, title: metricTitle(metric, sizes), results: stats });
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);

  if (options.write) {
    const complete = !quick && !options.contenders && !options.jobs;
    const json = await formatted(JSON.stringify(results), "json");
    if (complete) {
      writeFileSync(path.join(benchDir, "results/latest.json"), json);
      writeFileSync(
        path.join(ROOT, "docs/bench.md"),
        await formatted(
          markdownReport(results, { document: true, instructions: instructionResults() }),
          "markdown",
        ),
      );
      writeFileSync(path.join(ROOT, "docs/bench.svg"), svgChart(results));
    } else {
      writeFileSync(path.join(benchDir, "results/quick.tmp.json"), json);
    }
  }
  return results;
}

/**
 * The committed instruction counts (bench/results/instructions.json, written by a complete
 * `npm run bench:instructions`), for the targets counted in instructions; `undefined` if absent.
 */
export function instructionResults() {
  const file = path.join(benchDir, "results/instructions.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

/** Formats generated text as the repository's Prettier settings would, so `npm run lint` passes. */
export async function formatted(text, parser) {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(path.join(ROOT, "package.json"))) ?? {};
  return prettier.format(text, { ...options, parser });
}

export function gitDescribe() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT })
      .toString()
      .trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT })
      .toString()
      .trim();
    return dirty ? `${commit} (src/ modified)` : commit;
  } catch {
    return "unknown";
  }
}

const list = (value) => (value ? value.split(",").map((s) => s.trim()) : undefined);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const library = process.env.BENCH_LIBRARY;
  if (!process.env.BENCH_NO_BUILD && !library) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  }
  const libraryPath = library ? path.resolve(library) : path.join(ROOT, "dist/index.js");
  if (!existsSync(libraryPath)) {
    throw new Error(`${libraryPath} is missing: run \`npm run build\` first`);
  }
  const results = await runBench({
    quick: process.env.BENCH_QUICK === "1",
    rounds: process.env.BENCH_ROUNDS ? Number(process.env.BENCH_ROUNDS) : undefined,
    contenders: list(process.env.BENCH_ONLY),
    jobs: list(process.env.BENCH_JOBS),
    libraryPath,
    write: !library,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    markdownReport(results, { document: false, instructions: instructionResults() }),
  );
}
