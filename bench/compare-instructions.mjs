/**
 * Instructions per unit for jq-deferred alone, for two or more builds side by side: a quick
 * before/after check while changing the core, without the full `npm run bench:instructions` run
 * (which also measures jQuery 4 and native promises and takes about ten minutes).
 *
 *   node bench/compare-instructions.mjs <dist/index.js> [<other/dist/index.js> …]
 *
 * Environment: BENCH_JOBS=done,then,… (default: the five Deferred workloads), BENCH_ROUNDS=r1,r2
 * (default 20,40, as the full run). Each count is the difference between a process running r2 and
 * one running r1 rounds, divided by the units they add (see instructions.mjs).
 */
import path from "node:path";
import { countInstructions } from "./instructions.mjs";
import { INSTRUCTION_SIZES, INSTRUCTION_WORKLOADS } from "./instruction-workloads.mjs";
import { snapshotLibrary } from "./run.mjs";

const sizes = INSTRUCTION_SIZES.full;
/** Units per round of each workload, as the full run divides by them. */
const unitsPerRound = (job) => {
  const workload = INSTRUCTION_WORKLOADS.find((candidate) => candidate.id === job);
  if (workload === undefined) throw new RangeError(`unknown workload "${job}"`);
  return workload.unitsPerRound(sizes);
};
const jobs = (process.env.BENCH_JOBS ?? "done,then,chain,whenPending,whenResolved").split(",");
const [r1, r2] = (process.env.BENCH_ROUNDS ?? "20,40").split(",").map(Number);
const libraries = process.argv.slice(2);
if (libraries.length === 0) {
  throw new TypeError("usage: node bench/compare-instructions.mjs <dist/index.js> [<other> …]");
}

for (const library of libraries) {
  const options = { jqDeferredPath: snapshotLibrary(path.resolve(library)), sizes };
  const counts = await Promise.all(
    jobs.map(async (job) => {
      const [a, b] = await Promise.all([
        countInstructions("jq-deferred", job, r1, options),
        countInstructions("jq-deferred", job, r2, options),
      ]);
      return `${job} ${Math.round((b - a) / (r2 - r1) / unitsPerRound(job))}`;
    }),
  );
  console.log(`${library}: ${counts.join(", ")}`);
}
