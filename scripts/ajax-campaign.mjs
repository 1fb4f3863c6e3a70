#!/usr/bin/env node
// The long differential ajax campaign: `node scripts/ajax-campaign.mjs [--runs N] [--seed S]`.
//
// Runs scripts/ajax-campaign.check.ts through vitest (which compiles the TypeScript harness of
// test/browser/ajax/ as the tests do): N generated request scripts (default 1000) from seed S
// (default: the clock, printed) on full jQuery 4 and on jQuery 4 slim + the bridge in headless
// Chromium. Exits 1 when any script differs other than as documented (docs/ajax-differences.md);
// every disagreement is written to reports/ajax-campaign.json.
import { startVitest } from "vitest/node";

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`ajax-campaign: --${name} needs a non-negative integer`);
    process.exit(2);
  }
  return String(value);
}

process.env.AJAX_CAMPAIGN_RUNS = option("runs") ?? process.env.AJAX_CAMPAIGN_RUNS ?? "1000";
const seed = option("seed");
if (seed !== undefined) process.env.AJAX_CAMPAIGN_SEED = seed;

const vitest = await startVitest("test", [], {
  include: ["scripts/ajax-campaign.check.ts"],
  typecheck: { enabled: false },
  testTimeout: 0,
  watch: false,
});
await vitest?.close();
process.exitCode = vitest?.state.getCountOfFailedTests() ? 1 : process.exitCode;
