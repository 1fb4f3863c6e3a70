/**
 * Commit subjects stay within 72 characters (details, figures and alternatives go in the body), so
 * `git log --oneline` and tools that show one line per commit stay readable.
 *
 *   node scripts/check-commits.mjs [range]   # default: every commit after RULE_SINCE
 *
 * The rule holds from the commit after RULE_SINCE on; earlier history is left as it was written.
 * When branches written before the rule are merged, RULE_SINCE moves to that merge commit (or their
 * subjects are reworded before merging), so that CI checks only what follows.
 * Exits 1 and lists the offending commits when a subject is longer.
 */
import { execFileSync } from "node:child_process";

const MAX_SUBJECT = 72;
/** The last commit before the rule: its descendants are checked. */
const RULE_SINCE = "577d197";

const range = process.argv[2] ?? `${RULE_SINCE}..HEAD`;
let log;
try {
  log = execFileSync("git", ["log", "--format=%h%x09%s", range], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
} catch (error) {
  console.error(
    `check-commits: git log ${range} failed (a shallow clone lacks the history: git fetch --unshallow)\n${error.stderr ?? error}`,
  );
  process.exit(2);
}
const commits = log.split("\n").filter(Boolean);
const long = commits
  .map((line) => line.split("\t"))
  .filter(([, subject]) => [...subject].length > MAX_SUBJECT);

for (const [hash, subject] of long) {
  console.error(`${hash}: ${[...subject].length} characters: ${subject}`);
}
if (long.length > 0) {
  console.error(`check-commits: ${long.length} subject(s) over ${MAX_SUBJECT} characters`);
  process.exitCode = 1;
} else {
  console.log(
    `check-commits: ${commits.length} commit subject(s) within ${MAX_SUBJECT} characters`,
  );
}
