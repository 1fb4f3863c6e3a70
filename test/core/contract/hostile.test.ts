/**
 * The hostile-value contract of issue 11, as fast-check property runs: every entry point (then,
 * catch and pipe handlers, resolve/reject/notify and their With forms, promise(target),
 * Deferred(beforeStart), when with one and two arguments, Callbacks and its methods) is driven
 * with the value kinds of hostile-values.ts, and each case must settle once (as the adoption
 * rules say) or throw a TypeError, drop no callback, raise nothing uncaught, leave nothing wedged.
 *
 * Each family runs in a child process (hostile.cases.ts) under two watchdogs: a case that spins
 * is killed after STALL_MS without progress, and the run as a whole after its bound; the last case
 * started is reported with its seed and index. A promise pending for ever is caught inside the
 * child by a bound per case.
 *
 * Environment: HOSTILE_SEED (default 20261204) and HOSTILE_RUNS (default 100 per family; raise it
 * for a campaign). To replay a reported case: `fc.sample(arbitrary, { seed, numRuns: index + 1 })`
 * gives it as its last element, with the family's arbitrary from hostile.cases.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bundle, bundleEntry, runIsolated } from "./isolated.js";

const SEED = Number(process.env["HOSTILE_SEED"] ?? 20261204);
const RUNS = Number(process.env["HOSTILE_RUNS"] ?? 100);
/** A case takes at most about half a second (the pending bound); more is a spinning case. */
const STALL_MS = 8_000;
/** The bound of a whole family run: every case pending for its full bound, and some margin. */
const RUN_MS = 20_000 + RUNS * 600;

const FAMILIES = [
  "then adoption",
  "thrown values",
  "pipe",
  "when(v)",
  "when(v, w)",
  "settle methods",
  "promise(target)",
  "Deferred(beforeStart)",
  "Callbacks",
];

let bundle: Bundle;
beforeAll(async () => {
  bundle = await bundleEntry("hostile.cases.ts");
}, 60_000);
afterAll(async () => {
  await bundle.remove();
});

interface FamilyResult {
  runs: number;
  violating: number;
  violations: { index: number; data: string; found: string[] }[];
}

describe(`hostile values (seed ${SEED}, ${RUNS} cases per family)`, () => {
  for (const family of FAMILIES) {
    it(
      `${family}: every case keeps the contract`,
      async () => {
        const run = await runIsolated(
          bundle.path,
          [family, String(SEED), String(RUNS)],
          RUN_MS,
          STALL_MS,
        );
        if (run.timedOut) {
          throw new Error(
            `${family}: killed by the watchdog (hangs or spins) on ${run.lastCase ?? "start-up"}`,
          );
        }
        const result = run.result as FamilyResult | undefined;
        if (result === undefined) {
          throw new Error(`${family}: ended without a result (exit ${run.code}):\n${run.stderr}`);
        }
        const report = result.violations
          .map(({ index, data, found }) => `  #${index} ${data}\n    ${found.join("\n    ")}`)
          .join("\n");
        expect(
          result.violating,
          `${result.violating} of ${result.runs} cases break the contract (seed ${SEED}):\n${report}`,
        ).toBe(0);
        expect(result.runs).toBe(RUNS);
      },
      RUN_MS + 10_000,
    );
  }
});
