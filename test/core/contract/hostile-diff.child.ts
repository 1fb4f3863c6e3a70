/**
 * Runs the hostile differential programs (hostile-programs.ts) from a given index on, on jQuery
 * and on jq-deferred, in a child process under a watchdog (see isolated.ts and
 * test/differential/hostile.diff.test.ts): `node hostile-diff.child.mjs <first index>`. Prints a
 * `CASE` line before each program and a `RESULT` line with every pair of traces; a program that
 * hangs leaves its name as the last `CASE` line, and the parent starts again after it.
 */
import { jqueryLib, oursLib, runOn } from "../../differential/harness.js";
import { CASE_PREFIX, RESULT_PREFIX, show } from "./child-kit.js";
import { HOSTILE_PROGRAMS } from "./hostile-programs.js";

const first = Number(process.argv[2] ?? 0);
const names = Object.keys(HOSTILE_PROGRAMS);
// jQuery's timers run in jsdom, which reports their exceptions itself: what reaches the process
// as uncaught comes from jq-deferred, and is appended to its trace.
let uncaught: string[] = [];
process.on("uncaughtException", (error) => uncaught.push(show(error)));
for (const name of names.slice(first)) {
  uncaught = [];
  try {
    // One progress line per library, so that a hang names the library that hung.
    process.stdout.write(`${CASE_PREFIX}jquery ${name}\n`);
    const jquery = await runOn(jqueryLib, HOSTILE_PROGRAMS[name]!);
    process.stdout.write(`${CASE_PREFIX}ours ${name}\n`);
    const both = { jquery, ours: await runOn(oursLib, HOSTILE_PROGRAMS[name]!) };
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const error of uncaught) both.ours.push(["uncaught", error]);
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ name, outcome: both })}\n`);
  } catch (error) {
    process.stdout.write(
      `${RESULT_PREFIX}${JSON.stringify({ name, outcome: { error: show(error) } })}\n`,
    );
  }
}
// jsdom's window keeps timers alive; the results are out.
process.exit(0);
