/**
 * Hostile values (issue 11) where jQuery 4 is right: the programs of
 * test/core/contract/hostile-programs.ts (Proxies with throwing traps, revoked Proxies, objects
 * inheriting from or proxying our promises, `then` getters answering once, huge array-likes,
 * `promise(target)` on inheriting targets, a chain of 1,000 thenables) run on jQuery and on
 * jq-deferred through the differential harness, and the traces must be equal.
 *
 * Some of these programs spin for ever on a broken core, so they run in a child process under a
 * watchdog (test/core/contract/isolated.ts): a program that hangs is reported as such, and the
 * child starts again with the program after it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_PROGRAMS } from "../core/contract/hostile-programs.js";
import { type Bundle, bundleEntry, runIsolated } from "../core/contract/isolated.js";

/** No progress for this long means the current program spins. */
const STALL_MS = 8_000;

type Outcome =
  { jquery: string[][]; ours: string[][] } | { error: string } | { hung: "jquery" | "ours" };

const names = Object.keys(HOSTILE_PROGRAMS);
const outcomes = new Map<string, Outcome>();
let bundle: Bundle;

beforeAll(async () => {
  bundle = await bundleEntry("hostile-diff.child.ts", true);
  let first = 0;
  while (first < names.length) {
    const run = await runIsolated(bundle.path, [String(first)], 120_000, STALL_MS);
    for (const { name, outcome } of run.results as { name: string; outcome: Outcome }[]) {
      outcomes.set(name, outcome);
    }
    if (!run.timedOut) break;
    // The program that was running hangs (the progress line names the library); go on after it.
    const [library, ...rest] = (run.lastCase ?? `jquery ${names[first]!}`).split(" ");
    const hung = rest.join(" ");
    outcomes.set(hung, { hung: library === "ours" ? "ours" : "jquery" });
    first = names.indexOf(hung) + 1;
  }
}, 300_000);
afterAll(async () => {
  await bundle.remove();
});

describe("hostile values: jq-deferred behaves as jQuery 4", () => {
  for (const name of names) {
    it(name, () => {
      const outcome = outcomes.get(name);
      if (outcome === undefined) throw new Error("the program did not run");
      if ("hung" in outcome)
        throw new Error(
          `${outcome.hung === "ours" ? "jq-deferred" : "jQuery"} hangs or spins on this program`,
        );
      if ("error" in outcome) throw new Error(outcome.error);
      expect(outcome.ours).toEqual(outcome.jquery);
    });
  }
});
