/**
 * Property-based differential fuzzing (issue 4): fast-check generates random Callbacks, Deferred
 * and `when` programs (see programs.ts), each runs on jQuery 4 and on jq-deferred under jQuery's
 * timing, and the traces must be identical. The seed is fixed so CI is reproducible; set
 * FUZZ_SEED / FUZZ_RUNS to explore (the long campaign is `npm run fuzz`).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runBoth } from "./harness.js";
import {
  callbacksProgramArb,
  compileCallbacks,
  compileDeferred,
  deferredProgramArb,
  whenProgramArb,
} from "./programs.js";

const seed = Number(process.env["FUZZ_SEED"] ?? 20260122);
const runs = Number(process.env["FUZZ_RUNS"] ?? 250);
let compared = 0;

async function sameTrace(program: Parameters<typeof runBoth>[0]): Promise<void> {
  const { jquery, ours } = await runBoth(program);
  compared++;
  expect(ours).toEqual(jquery);
}

afterAll(() => {
  console.log(
    `fuzz: ${compared} random programs compared on jQuery 4 and jq-deferred (seed ${seed})`,
  );
});

describe("random programs behave exactly as on jQuery 4", () => {
  it("Callbacks: random operation sequences under every flag combination, with re-entrant calls", async () => {
    const before = compared;
    await fc.assert(
      fc.asyncProperty(callbacksProgramArb, (program) => sameTrace(compileCallbacks(program))),
      { seed, numRuns: runs * 2 },
    );
    expect(compared - before).toBeGreaterThanOrEqual(runs * 2);
  });

  it("Deferred: random settle/notify orders, callbacks, then/catch/pipe chains and nested deferreds", async () => {
    const before = compared;
    await fc.assert(
      fc.asyncProperty(deferredProgramArb, (program) => sameTrace(compileDeferred(program))),
      { seed, numRuns: runs },
    );
    expect(compared - before).toBeGreaterThanOrEqual(runs);
  });

  it("when: random mixes of values, deferreds, native promises and thenables, settled in any order", async () => {
    const before = compared;
    await fc.assert(
      fc.asyncProperty(whenProgramArb, (program) => sameTrace(compileDeferred(program))),
      { seed, numRuns: runs },
    );
    expect(compared - before).toBeGreaterThanOrEqual(runs);
  });
});
