/**
 * Smoke test of the instruction-count benchmark (`npm run bench:instructions`) without valgrind,
 * which CI does not have: every workload's rounds run at tiny sizes for every contender and
 * check their callbacks; the runner's arithmetic and report are checked on worker processes run
 * with plain node, with a stand-in for callgrind's count. No count or time is asserted.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTENDERS, loadContender } from "../../bench/contenders.mjs";
import {
  INSTRUCTION_SIZES,
  INSTRUCTION_WORKLOADS,
  runRounds,
} from "../../bench/instruction-workloads.mjs";
import {
  type CountInstructions,
  type InstructionResults,
  instructionsReport,
  NODE_FLAGS,
  runInstructionBench,
} from "../../bench/instructions.mjs";
import { ROOT } from "../../bench/run.mjs";

const run = promisify(execFile);
const TINY = INSTRUCTION_SIZES.tiny;

/** The one known contender bug: jquery-deferred's Callbacks "unique" calls a missing jQuery.inArray. */
const KNOWN_FAILURES = [
  ["callbacks:unique", "jquery-deferred", /jQuery\.inArray is not a function/],
  ["callbacksUnrelated:unique", "jquery-deferred", /jQuery\.inArray is not a function/],
];

let jqDeferredPath: string;

beforeAll(async () => {
  // Bundle the library from src/, so the test neither needs nor races a `npm run build`.
  jqDeferredPath = path.join(mkdtempSync(path.join(os.tmpdir(), "jq-instr-test-")), "index.js");
  await build({
    entryPoints: [path.join(ROOT, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile: jqDeferredPath,
    logLevel: "silent",
  });
}, 60_000);

describe("runRounds", () => {
  for (const { name, api, only } of CONTENDERS) {
    it(`runs and checks every workload ${name} has the API for`, async () => {
      const adapter = await loadContender(name, { jqDeferredPath });
      for (const workload of INSTRUCTION_WORKLOADS) {
        if (workload.needs && !api.includes(workload.needs)) continue;
        if (only && workload.needs !== only) continue;
        const rounds = runRounds(workload.id, adapter, TINY, 2);
        const known = KNOWN_FAILURES.find(([id, who]) => id === workload.id && who === name);
        if (known) await expect(rounds, workload.id).rejects.toThrow(known[2]!);
        else await expect(rounds, workload.id).resolves.toBeUndefined();
      }
    });
  }

  /** A jQuery-style adapter over jq-deferred with one member replaced. */
  async function brokenAdapter(overrides: Record<string, unknown>) {
    return { ...(await loadContender("jq-deferred", { jqDeferredPath })), ...overrides };
  }

  it("throws when a done callback runs more often than added", async () => {
    const adapter = await brokenAdapter({
      addDone: (d: { done(...fns: (() => void)[]): void }, fn: () => void) => d.done(fn, fn),
    });
    await expect(runRounds("done", adapter, TINY, 1)).rejects.toThrow(/ran 21 times, expected 20/);
  });

  it("throws when a then-chain ends with the wrong value", async () => {
    const adapter = await brokenAdapter({
      chain: (p: { then(fn: (v: number) => number): unknown }, fn: (v: number) => number) =>
        p.then((value) => fn(value) + 1),
    });
    await expect(runRounds("chain", adapter, TINY, 1)).rejects.toThrow(/the chain ended with/);
  });

  it("throws when when/all resolves with the wrong values", async () => {
    const adapter = await brokenAdapter({
      all: (_items: unknown[], fn: (...values: number[]) => void) => fn(0),
    });
    await expect(runRounds("whenResolved", adapter, TINY, 1)).rejects.toThrow(
      /resolved with 1 values, expected 10/,
    );
  });

  it("throws when a Callbacks list calls fewer callbacks than added", async () => {
    const adapter = await brokenAdapter({
      Callbacks: () => ({ add: () => undefined, fire: () => undefined }),
    });
    await expect(runRounds("callbacks:memory", adapter, TINY, 1)).rejects.toThrow(
      /made 0 calls, expected 30/,
    );
  });

  it("rejects an unknown workload with a RangeError", async () => {
    const adapter = await loadContender("native", { jqDeferredPath });
    await expect(runRounds("nope", adapter, TINY, 1)).rejects.toThrow(RangeError);
  });
});

describe("runInstructionBench", () => {
  /** Instructions each contender "costs" per unit in the stand-in count below. */
  const PER_UNIT: Record<string, number> = {
    "jq-deferred": 3,
    jquery4: 12,
    bluebird: 4,
    native: 2,
  };
  const workloads = ["done", "then", "callbacks:memory"];
  let results: InstructionResults;

  beforeAll(async () => {
    // Runs the real worker process with plain node, then stands in for callgrind's count:
    // a start-up cost plus PER_UNIT instructions per unit of every round.
    const count: CountInstructions = async (contender, workloadId, rounds, workerOptions) => {
      const worker = path.join(ROOT, "bench/instruction-worker.mjs");
      await run(process.execPath, [
        ...NODE_FLAGS,
        worker,
        contender,
        workloadId,
        String(rounds),
        JSON.stringify(workerOptions),
      ]);
      const workload = INSTRUCTION_WORKLOADS.find((w) => w.id === workloadId)!;
      return (
        1_000_000 + rounds * workload.unitsPerRound(workerOptions.sizes) * PER_UNIT[contender]!
      );
    };
    results = await runInstructionBench({
      sizes: TINY,
      rounds: [1, 3],
      workloads,
      libraryPath: jqDeferredPath,
      count,
    });
  }, 120_000);

  it("measures the default contenders: jq-deferred, jQuery 4, bluebird and native", () => {
    expect(results.contenders.map((c) => c.name)).toEqual([
      "jq-deferred",
      "jquery4",
      "bluebird",
      "native",
    ]);
    expect(results.workloads.map((w) => w.id)).toEqual(workloads);
  });

  it("gives (count at r2 − count at r1) / (r2 − r1) / units per round, with same-run ratios", () => {
    const done = results.workloads.find((w) => w.id === "done")!;
    expect(done.unitsPerRound).toBe(TINY.deferreds);
    for (const [name, perUnit] of Object.entries(PER_UNIT)) {
      expect(done.results[name]?.perUnit, name).toBe(perUnit);
      expect(done.results[name]?.ratioToNative, name).toBe(perUnit / 2);
      expect(done.results[name]?.timesFewerThanJquery4, name).toBe(12 / perUnit);
    }
  });

  it("skips jQuery 4's then workloads with the reason, and gives no jQuery 4 ratio there", () => {
    const then = results.workloads.find((w) => w.id === "then")!;
    expect(then.results["jquery4"]).toEqual({ skipped: expect.stringMatching(/setTimeout/) });
    expect(then.results["jq-deferred"]?.timesFewerThanJquery4).toBeNull();
    expect(then.results["jq-deferred"]?.ratioToNative).toBe(1.5);
  });

  it("measures Callbacks only for contenders that have them", () => {
    const callbacks = results.workloads.find((w) => w.id === "callbacks:memory")!;
    expect(Object.keys(callbacks.results).sort()).toEqual(["jq-deferred", "jquery4"]);
    expect(callbacks.unitsPerRound).toBe(1);
  });

  it("reports a worker that fails its check instead of a count", async () => {
    const failing = await runInstructionBench({
      sizes: TINY,
      rounds: [1, 2],
      contenders: ["native"],
      workloads: ["done"],
      libraryPath: jqDeferredPath,
      count: async () => {
        throw new Error("a callback ran 2 times, expected 1");
      },
    });
    expect(failing.workloads[0]?.results["native"]).toEqual({
      failure: "a callback ran 2 times, expected 1",
    });
  });

  it("rejects round counts that are not 0 < r1 < r2", async () => {
    await expect(runInstructionBench({ rounds: [3, 3], count: async () => 0 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe("instructionsReport", () => {
  it("has a row per measured contender, the skip reason, and the machine line", async () => {
    const results = await runInstructionBench({
      sizes: TINY,
      rounds: [1, 2],
      workloads: ["then"],
      libraryPath: jqDeferredPath,
      count: async (_contender, _workload, rounds) => rounds * 100,
    });
    const markdown = instructionsReport(results, { document: true });
    expect(markdown).toContain("# Instruction counts");
    expect(markdown).toContain(results.machine);
    expect(markdown).toMatch(/\| \*\*jq-deferred\*\* \| 5 \| – \| 1 \|/);
    expect(markdown).toMatch(/\| jQuery 4 \| – \| – \| skipped: one setTimeout per then callback/);
  });
});

describe("valgrindVersion", () => {
  it("explains how to install valgrind when it is missing", async () => {
    const script =
      `import(${JSON.stringify(path.join(ROOT, "bench/instructions.mjs"))})` +
      ".then((m) => m.valgrindVersion()).catch((e) => console.log(e.message))";
    const { stdout } = await run(process.execPath, ["-e", script], {
      env: { ...process.env, PATH: "" },
    });
    expect(stdout).toMatch(/needs valgrind.*apt-get install -y valgrind/);
  });
});
