/**
 * Instructions per unit, function by function, for one workload of one build of jq-deferred:
 * where `compare-instructions.mjs` gives one total, this says which function the total is spent
 * in, including the engine's (garbage collection, builtins).
 *
 *   node bench/function-instructions.mjs <dist/index.js | contender> [workload] [--top 30]
 *
 * The first argument is a build of jq-deferred, or the name of another contender of
 * contenders.mjs (`native`, `bluebird`, `jquery4`, …), profiled the same way: where a peer spends
 * its instructions is the yardstick for ours. Workloads as in instruction-workloads.mjs (done,
 * then, chain, whenPending, `callbacks:once`, …).
 * Like `npm run bench:instructions`, two processes run R₁ and R₂ rounds under callgrind
 * (BENCH_ROUNDS=r1,r2, default 20,40) and the difference is divided by the units they add, so
 * start-up cancels out. Each process also runs with `--perf-basic-prof`, which makes V8 write
 * the address range of every compiled function to /tmp/perf-<pid>.map; callgrind knows compiled
 * JavaScript only by address, and the map names it ("*name file:line", a star for optimized code).
 *
 * The compiled functions' own counts are exact from run to run. The engine's share is not: how
 * many scavenges fall in the measured rounds moves with the heap's history, so compare builds
 * on the JavaScript lines first. A function inlined into its caller is counted in the caller.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CONTENDERS } from "./contenders.mjs";
import { NODE_FLAGS } from "./instructions.mjs";
import { INSTRUCTION_SIZES, INSTRUCTION_WORKLOADS } from "./instruction-workloads.mjs";
import { snapshotLibrary } from "./run.mjs";

const run = promisify(execFile);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const sizes = INSTRUCTION_SIZES.full;
const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt === -1 ? 30 : Number(args.splice(topAt, 2)[1]);
const [library, workload = "then"] = args;
const definition = INSTRUCTION_WORKLOADS.find((candidate) => candidate.id === workload);
if (library === undefined || definition === undefined) {
  throw new TypeError(
    "usage: node bench/function-instructions.mjs <dist/index.js | contender> " +
      `[${INSTRUCTION_WORKLOADS.map((candidate) => candidate.id).join("|")}] [--top n]`,
  );
}
const [r1, r2] = (process.env.BENCH_ROUNDS ?? "20,40").split(",").map(Number);
/** Another contender named on the command line, or "jq-deferred" for a build given by its path. */
const contender =
  library !== "jq-deferred" && CONTENDERS.some((candidate) => candidate.name === library)
    ? library
    : "jq-deferred";
const jqDeferredPath =
  contender === "jq-deferred" ? snapshotLibrary(path.resolve(library)) : undefined;
const options = { jqDeferredPath, sizes };

/** Self instructions by function name for one process running `rounds` rounds. */
async function selfCounts(rounds) {
  const out = path.join(tmpdir(), `jq-deferred-functions-${process.pid}-${rounds}.cg`);
  const { stderr } = await run(
    "valgrind",
    [
      "--tool=callgrind",
      `--callgrind-out-file=${out}`,
      process.execPath,
      ...NODE_FLAGS,
      "--perf-basic-prof",
      path.join(benchDir, "instruction-worker.mjs"),
      contender,
      workload,
      String(rounds),
      JSON.stringify(options),
    ],
    { maxBuffer: 1 << 24, timeout: 900_000 },
  );
  const pid = /==(\d+)==/.exec(stderr)?.[1];
  if (pid === undefined)
    throw new Error(`callgrind printed no process id:\n${stderr.slice(-2000)}`);
  const mapFile = path.join("/tmp", `perf-${pid}.map`);
  try {
    return nameCounts(readFileSync(out, "utf8"), readCodeMap(readFileSync(mapFile, "utf8")));
  } finally {
    rmSync(out, { force: true });
    rmSync(mapFile, { force: true });
  }
}

/** The perf map's `start size name` lines, sorted by start address. */
function readCodeMap(text) {
  const ranges = [];
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (match) ranges.push([parseInt(match[1], 16), parseInt(match[2], 16), match[3]]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** The name of the compiled code that holds `address`, or "(unnamed code)". */
function codeAt(ranges, address) {
  let low = 0;
  let high = ranges.length - 1;
  let hit;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ranges[middle][0] <= address) {
      hit = ranges[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (hit === undefined || address >= hit[0] + hit[1]) return "(unnamed code)";
  return hit[2].replace(/^(JS:|LazyCompile:)\s*/, "").replace(/file:\/\/\S*\//, "");
}

/**
 * Self cost by function from a callgrind output file. Cost lines follow `fn=`; the line after a
 * `calls=` line is the inclusive cost of that call, which belongs to the callee, and is skipped.
 * Names are compressed: `(id) name` the first time, `(id)` after.
 */
function nameCounts(text, ranges) {
  const names = new Map();
  const nameOf = (spec) => {
    const match = /^\((\d+)\)(?: (.*))?$/.exec(spec);
    if (!match) return spec;
    if (match[2] !== undefined) names.set(match[1], match[2]);
    return names.get(match[1]);
  };
  const counts = new Map();
  let current;
  let skipNext = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("fn=")) current = nameOf(line.slice(3));
    else if (line.startsWith("cfn=")) nameOf(line.slice(4));
    else if (line.startsWith("calls=")) skipNext = true;
    else if (/^[0-9+\-*]/.test(line)) {
      if (skipNext) {
        skipNext = false;
        continue;
      }
      const address = /^0x([0-9a-f]+)$/.exec(current);
      const name = address ? codeAt(ranges, parseInt(address[1], 16)) : current;
      counts.set(name, (counts.get(name) ?? 0) + Number(line.split(" ")[1] ?? 0));
    }
  }
  return counts;
}

const [first, second] = await Promise.all([selfCounts(r1), selfCounts(r2)]);
const units = (r2 - r1) * definition.unitsPerRound(sizes);
const perUnit = [...new Set([...first.keys(), ...second.keys()])]
  .map((name) => [name, ((second.get(name) ?? 0) - (first.get(name) ?? 0)) / units])
  .sort((a, b) => b[1] - a[1]);
const total = perUnit.reduce((sum, [, count]) => sum + count, 0);
console.log(`${workload}: ${Math.round(total)} instructions per unit (${library})`);
for (const [name, count] of perUnit.slice(0, top)) {
  console.log(`${count.toFixed(1).padStart(9)}  ${name.slice(0, 120)}`);
}
