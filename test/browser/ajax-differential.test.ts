/**
 * The differential ajax harness (test/browser/ajax/): the same request scripts on full jQuery 4
 * and on jQuery 4 slim + jq-deferred's bridge, in headless Chromium, against one test server;
 * the traces (callbacks, global events, their order, `this`, arguments, textStatus, errorThrown,
 * data, jqXHR fields, `jQuery.active`) and the requests the server saw must be the same, except
 * for the documented differences of compare.ts, each asserted by its own case.
 *
 * Named cases cover each behaviour of jQuery's ajax contract; generated cases (fast-check, fixed
 * seed) combine options and replies. `node scripts/ajax-campaign.mjs --runs 5000` runs more.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIFFERENCES, judge, matches } from "./ajax/compare.js";
import { startHarness, type Harness, type Outcome } from "./ajax/harness.js";
import { NAMED_CASES } from "./ajax/named-cases.js";
import { scriptArbitrary, type Script } from "./ajax/scripts.js";

/** Generated scripts per `npm test` run, and their seed (the campaign script varies both). */
const GENERATED_RUNS = 300;
const SEED = 20261204;

let harness: Harness;
let named: Outcome[];

beforeAll(async () => {
  harness = await startHarness();
  named = await harness.run(NAMED_CASES.map((one) => one.script));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe("named cases: full jQuery 4 and jQuery 4 slim + the bridge trace alike", () => {
  NAMED_CASES.forEach((one, index) => {
    it(one.name, () => {
      const outcome = named[index]!;
      // The oracle: full jQuery does what the case is about.
      for (const pattern of one.oracle) {
        expect(
          outcome.full.trace.some((entry) => matches(entry, pattern)),
          `full jQuery's trace has ${JSON.stringify(pattern)}:\n${JSON.stringify(outcome.full.trace)}`,
        ).toBe(true);
      }
      const { differences, problems } = judge(outcome);
      const context = differences.map((difference) => difference.id).join(", ") || "traces";
      expect(
        problems,
        `${context}: ${problems.join("; ")}\nfull: ${JSON.stringify(outcome.full)}\nslim: ${JSON.stringify(outcome.slim)}`,
      ).toEqual([]);
    });
  });

  it("asserts every documented difference in at least one named case", () => {
    const shown = new Set(
      named.flatMap((outcome) => judge(outcome).differences.map((difference) => difference.id)),
    );
    expect(DIFFERENCES.map((difference) => difference.id).filter((id) => !shown.has(id))).toEqual(
      [],
    );
  });
});

describe("generated cases (fast-check, fixed seed)", () => {
  it(`agree on ${GENERATED_RUNS} scripts of options and replies`, async () => {
    const arbitrary = await scriptArbitrary();
    const scripts: Script[] = fc
      .sample(arbitrary, { seed: SEED, numRuns: GENERATED_RUNS })
      .map((body, index) => ({ id: 100_000 + index, ...body }));
    const outcomes = await harness.run(scripts);
    const failures = outcomes
      .map((outcome) => ({ outcome, ...judge(outcome) }))
      .filter(({ problems }) => problems.length > 0)
      .map(
        ({ outcome, problems }) => `${JSON.stringify(outcome.script)}\n  ${problems.join("\n  ")}`,
      );
    if (process.env.AJAX_HARNESS_DUMP) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(process.env.AJAX_HARNESS_DUMP, JSON.stringify(failures, null, 1));
    }
    expect(failures.slice(0, 5), `${failures.length} of ${scripts.length} scripts differ`).toEqual(
      [],
    );
  }, 110_000);
});
