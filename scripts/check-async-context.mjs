/**
 * Checks the built package (dist/) against native promises on every supported Node major: the
 * programs of test/async-context/programs.mjs must show each `then`/`catch`/`pipe` handler the
 * same AsyncLocalStorage store as native promises do, with no setup (Node's entry points turn
 * async context on), loaded by `import` and, in another process, by `require`, under the
 * "microtask", "jquery" and a custom scheduler; `done` callbacks must see the resolver's store; and
 * `useAsyncContext(false)` must bring back the drain's context (so the check can tell). Node 24
 * reimplemented AsyncLocalStorage (AsyncContextFrame), hence all four majors, each taken from the
 * registry's `node` package.
 *
 *   npx tsup && node scripts/check-async-context.mjs      # Node 18, 20, 22 and 24
 *   node scripts/check-async-context.mjs 22 24              # chosen majors
 *   node scripts/check-async-context.mjs --here=import     # this Node only, one way of loading
 *
 * Prints one line per Node major and way of loading; exits 1 on any difference.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  differencesFromNative,
  jqApi,
  SYNCHRONOUS_CALLBACKS,
  traceOf,
} from "../test/async-context/programs.mjs";

const MAJORS = ["18", "20", "22", "24"];
const root = fileURLToPath(new URL("..", import.meta.url));
const script = fileURLToPath(import.meta.url);

/** A custom scheduler that runs every task of a burst from one timer. */
function batchingScheduler() {
  const pending = [];
  return (task) => {
    pending.push(task);
    if (pending.length === 1) setTimeout(() => pending.splice(0).forEach((run) => run()));
  };
}

/** The checks, in this process, on the package loaded one way; returns the problems found. */
async function checkHere(loading) {
  const lib =
    loading === "require"
      ? createRequire(import.meta.url)("jq-deferred")
      : await import("jq-deferred");
  const problems = [];
  for (const [name, scheduler] of [
    ["microtask", "microtask"],
    ["jquery", "jquery"],
    ["custom", batchingScheduler()],
  ]) {
    lib.setScheduler(scheduler);
    for (const { name: program, native, ours } of await differencesFromNative(lib)) {
      const lines = ours.filter((line, i) => line !== native[i]);
      problems.push(
        `${name} scheduler, ${program}: ${lines.join("; ")} (native: ${native.join("; ")})`,
      );
    }
    const sync = await traceOf(SYNCHRONOUS_CALLBACKS.program, jqApi(lib), lib);
    if (JSON.stringify(sync) !== JSON.stringify(SYNCHRONOUS_CALLBACKS.expected)) {
      problems.push(`${name} scheduler, done/fail/always/progress: ${sync.join("; ")}`);
    }
  }
  lib.setScheduler("microtask");
  lib.useAsyncContext(false);
  const off = await differencesFromNative(lib);
  if (off.length === 0) problems.push("useAsyncContext(false) left the traces equal to native");
  return problems;
}

const here = process.argv.find((arg) => arg.startsWith("--here="));
if (here !== undefined) {
  const problems = await checkHere(here.slice("--here=".length));
  for (const problem of problems) console.log(`  ${problem}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} else {
  const chosen = process.argv.slice(2);
  let failed = false;
  for (const major of chosen.length > 0 ? chosen : MAJORS) {
    for (const loading of ["import", "require"]) {
      const result = spawnSync(
        "npx",
        ["--yes", `--package=node@${major}`, "--", "node", script, `--here=${loading}`],
        { cwd: root, encoding: "utf8" },
      );
      const version = spawnSync(
        "npx",
        ["--yes", `--package=node@${major}`, "--", "node", "--version"],
        { cwd: root, encoding: "utf8" },
      ).stdout.trim();
      const ok = result.status === 0;
      failed ||= !ok;
      console.log(
        `${ok ? "ok" : "FAIL"} - Node ${version || major}, ${loading}: same stores as native promises`,
      );
      if (!ok) console.log(`${result.stdout}${result.stderr}`.trimEnd());
    }
  }
  process.exitCode = failed ? 1 : 0;
}
