/**
 * Instruction by instruction, where one optimized function of jq-deferred spends its time in one
 * workload: the machine code V8 compiled for it, each instruction with how many times it ran per
 * call. Where `function-instructions.mjs` says that a function costs 260 instructions per unit,
 * this shows which of them: map checks, tag tests of small integers, bounds checks, write barriers,
 * a generic truth test, the inlined callees.
 *
 *   node bench/annotate-instructions.mjs <dist/index.js> <workload> <function name> [--min 0.5]
 *
 * One process runs the workload (BENCH_ROUNDS=r, default 30 rounds) under callgrind with
 * `--dump-instr=yes`, and with `--print-opt-code --print-opt-code-filter=<function name>`, which
 * makes V8 print the code it optimizes for that function (and for nothing else), with addresses.
 * The same process's callgrind output gives the executions of each address. A count per call is
 * a count divided by the executions of the code's first instruction, which runs once per call; so
 * the figures are exact, whatever the rounds, as long as the code is not replaced in between (a
 * function optimized twice is listed twice). Functions inlined into the named one are in its code;
 * `--trace-turbo-inlining` says which.
 *
 * Prints, for each code object compiled for the function, the instructions run per call and the
 * hot instructions (at least `--min` per call), then writes the full annotated listing to
 * <tmpdir>/jq-deferred-annotated-<function name>.txt.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { NODE_FLAGS } from "./instructions.mjs";
import { INSTRUCTION_SIZES, INSTRUCTION_WORKLOADS } from "./instruction-workloads.mjs";
import { snapshotLibrary } from "./run.mjs";

const run = promisify(execFile);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const minAt = args.indexOf("--min");
const minPerCall = minAt === -1 ? 0.5 : Number(args.splice(minAt, 2)[1]);
const [library, workload, functionName] = args;
if (
  library === undefined ||
  functionName === undefined ||
  !INSTRUCTION_WORKLOADS.some((candidate) => candidate.id === workload)
) {
  throw new TypeError(
    "usage: node bench/annotate-instructions.mjs <dist/index.js> " +
      `<${INSTRUCTION_WORKLOADS.map((candidate) => candidate.id).join("|")}> <function name> ` +
      "[--min n]",
  );
}
const rounds = process.env.BENCH_ROUNDS ?? "30";
const options = {
  jqDeferredPath: snapshotLibrary(path.resolve(library)),
  sizes: INSTRUCTION_SIZES.full,
};

const out = path.join(tmpdir(), `jq-deferred-annotate-${process.pid}.cg`);
let listing;
try {
  const { stdout } = await run(
    "valgrind",
    [
      "--tool=callgrind",
      "--dump-instr=yes",
      `--callgrind-out-file=${out}`,
      process.execPath,
      ...NODE_FLAGS,
      "--print-opt-code",
      `--print-opt-code-filter=${functionName}`,
      path.join(benchDir, "instruction-worker.mjs"),
      "jq-deferred",
      workload,
      rounds,
      JSON.stringify(options),
    ],
    { maxBuffer: 1 << 28, timeout: 900_000 },
  );
  listing = annotate(stdout, executionsByAddress(readFileSync(out, "utf8")));
} finally {
  rmSync(out, { force: true });
}

/**
 * Executions of each instruction address, from a callgrind file written with `--dump-instr=yes`:
 * cost lines are `<address> <line> <count>`, where an address may be absolute (`0x…`), relative to
 * the previous one (`+n`, `-n`) or the same (`*`). The line after `calls=` is the inclusive cost
 * of a call, which belongs to the callee, and is skipped.
 */
function executionsByAddress(text) {
  const counts = new Map();
  let address = 0;
  let skipNext = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("calls=")) {
      skipNext = true;
      continue;
    }
    const match = /^(0x[0-9a-f]+|[+-]\d+|\*)\s+\S+\s+(\d+)/.exec(line);
    if (match === null) continue;
    const [, where, count] = match;
    if (where.startsWith("0x")) address = parseInt(where, 16);
    else if (where !== "*") address += Number(where);
    if (skipNext) {
      skipNext = false;
      continue;
    }
    counts.set(address, (counts.get(address) ?? 0) + Number(count));
  }
  return counts;
}

/** V8's printed code, split into code objects, each instruction with its executions per call. */
function annotate(printed, counts) {
  const codes = [];
  let code;
  for (const line of printed.split("\n")) {
    const name = /^name = (.*)$/.exec(line);
    if (name) {
      code = { name: name[1], lines: [], calls: undefined, total: 0 };
      codes.push(code);
      continue;
    }
    const instruction = /^(0x[0-9a-f]+)\s/.exec(line);
    if (code === undefined || instruction === null) {
      code?.lines.push({ count: undefined, text: line });
      continue;
    }
    const count = counts.get(parseInt(instruction[1], 16)) ?? 0;
    code.calls ??= count;
    code.total += count;
    code.lines.push({ count, text: line });
  }
  return codes.filter((candidate) => candidate.calls !== undefined);
}

const report = [];
const annotated = [];
for (const code of listing) {
  const perCall = (count) => (code.calls === 0 ? 0 : count / code.calls);
  report.push(
    `${code.name}: ${code.calls} calls, ${perCall(code.total).toFixed(1)} instructions per call`,
  );
  for (const { count, text } of code.lines) {
    annotated.push(
      count === undefined ? `         ${text}` : `${perCall(count).toFixed(2).padStart(8)} ${text}`,
    );
  }
  for (const { count, text } of code.lines) {
    if (count !== undefined && code.calls > 0 && perCall(count) >= minPerCall) {
      report.push(`${perCall(count).toFixed(2).padStart(8)}  ${text.replace(/\s+/g, " ")}`);
    }
  }
}
const annotatedFile = path.join(tmpdir(), `jq-deferred-annotated-${functionName}.txt`);
writeFileSync(annotatedFile, annotated.join("\n"));
console.log(report.join("\n") || `no optimized code named ${functionName} ran`);
console.log(`full listing: ${annotatedFile}`);
