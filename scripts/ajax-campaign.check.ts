/**
 * The long run of the differential ajax harness, started by `node scripts/ajax-campaign.mjs`
 * (not part of `npm test`): AJAX_CAMPAIGN_RUNS generated scripts from seed AJAX_CAMPAIGN_SEED, in
 * batches, on full jQuery 4 and on jQuery 4 slim + the bridge. Prints how many agree, how many
 * show each documented difference, and writes every disagreement to reports/ajax-campaign.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { expect, it } from "vitest";
import { judge } from "../test/browser/ajax/compare.js";
import { startHarness } from "../test/browser/ajax/harness.js";
import { scriptArbitrary, type Script } from "../test/browser/ajax/scripts.js";

const runs = Number(process.env.AJAX_CAMPAIGN_RUNS ?? 1000);
const seed = Number(process.env.AJAX_CAMPAIGN_SEED ?? Date.now() % 2 ** 31);
const BATCH = 250;
const report = fileURLToPath(new URL("../reports/ajax-campaign.json", import.meta.url));

it(`agrees on ${runs} generated scripts (seed ${seed})`, async () => {
  const harness = await startHarness();
  const arbitrary = await scriptArbitrary();
  const failures: { script: Script; problems: string[] }[] = [];
  const differences = new Map<string, number>();
  const started = Date.now();
  try {
    const bodies = fc.sample(arbitrary, { seed, numRuns: runs });
    for (let first = 0; first < runs; first += BATCH) {
      const scripts = bodies
        .slice(first, first + BATCH)
        .map((body, index) => ({ id: 200_000 + first + index, ...body }));
      for (const outcome of await harness.run(scripts)) {
        const verdict = judge(outcome);
        for (const difference of verdict.differences) {
          differences.set(difference.id, (differences.get(difference.id) ?? 0) + 1);
        }
        if (verdict.problems.length > 0) {
          failures.push({ script: outcome.script, problems: verdict.problems });
        }
      }
      console.info(`${Math.min(first + BATCH, runs)}/${runs} scripts, ${failures.length} differ`);
    }
  } finally {
    await harness.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.info(
    `seed ${seed}: ${runs - failures.length}/${runs} agree in ${seconds} s; documented ` +
      `differences: ${JSON.stringify(Object.fromEntries(differences))}`,
  );
  mkdirSync(fileURLToPath(new URL("../reports/", import.meta.url)), { recursive: true });
  writeFileSync(report, JSON.stringify({ seed, runs, failures }, null, 1));
  expect(failures.length, `see ${report}`).toBe(0);
});
