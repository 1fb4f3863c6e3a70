/**
 * `npm run examples`: runs every example of the five source documents (../shared/seeds) against
 * the built package, as a user would import it, and prints what each one did and when. Exits
 * with status 1 if any example does not behave as its document says.
 *
 *   npm run examples              # all of them, with the documents' real timings (about 8 s)
 *   npm run examples -- 003 004   # only the examples of seeds 003 and 004
 *   npm run examples -- --fast    # every delay divided by 10
 */
import { performance } from "node:perf_hooks";
import * as $ from "jq-deferred";
import { runExample } from "./harness.mjs";
import { seeds } from "./seeds/index.mjs";

const args = process.argv.slice(2);
const scale = args.includes("--fast") ? 0.1 : 1;
const only = args.filter((arg) => !arg.startsWith("--"));

const useColor = process.stdout.isTTY && !("NO_COLOR" in process.env);
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint("1");
const dim = paint("2");
const green = paint("32");
const red = paint("31");
const cyan = paint("36");

const ms = (value) => `${Math.round(value)} ms`.padStart(8);

console.log(
  bold("jq-deferred: the examples of the jQuery documents, run against the built package"),
);
console.log(dim("Each line shows when it happened, counted from the start of its example.\n"));

let passed = 0;
let failed = 0;
const started = performance.now();

for (const seed of seeds) {
  if (only.length > 0 && !only.includes(seed.seed)) continue;
  console.log(`${bold(cyan(`Seed ${seed.seed}`))}  ${bold(seed.title)}  ${dim(seed.source)}`);
  for (const example of seed.examples) {
    const outcome = await runExample(example, $, { scale });
    const mark = outcome.ok ? green("✔") : red("✘");
    console.log(`  ${mark} ${example.title} ${dim(`(${(outcome.duration / 1000).toFixed(2)} s)`)}`);
    for (const line of outcome.lines) console.log(`    ${dim(ms(line.at))}  ${line.text}`);
    if (example.note) console.log(`    ${dim(`note: ${example.note}`)}`);
    if (outcome.ok) {
      passed++;
    } else {
      failed++;
      console.log(red("    The document says it should print:"));
      for (const text of outcome.expected) console.log(red(`              ${text}`));
    }
  }
  console.log();
}

const total = passed + failed;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failed === 0) {
  console.log(
    green(bold(`${total} examples, all behave as their documents say.`)) + dim(` (${seconds} s)`),
  );
} else {
  console.log(red(bold(`${total} examples, ${failed} did not behave as their documents say.`)));
  process.exitCode = 1;
}
console.log(
  dim("The examples that make HTTP requests ($.ajax, $.get) run in the test suite: test/ajax."),
);
