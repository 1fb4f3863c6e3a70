/**
 * The other differential tests drive both libraries with a fake timer queue. These check that the
 * queue is faithful: random programs run on jQuery with jsdom's real timers, on jq-deferred with
 * `setScheduler("jquery")` and Node's real timers, and on both with the fake queue, and all four
 * traces are equal. Program timers are zero-delay here, so real timers keep a deterministic FIFO
 * order even on a loaded machine.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jqueryLib, oursLib, runOn } from "./harness.js";
import {
  compileDeferred,
  deferredProgramArb,
  type DeferredProgram,
  whenProgramArb,
} from "./programs.js";

/** The same program with every timer delay set to 0. */
function zeroDelays<T>(value: T): T {
  if (Array.isArray(value)) return value.map(zeroDelays) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === "delay" && v !== null ? 0 : zeroDelays(v),
    ]),
  ) as T;
}

const programs: DeferredProgram[] = [
  ...fc.sample(deferredProgramArb, { seed: 7, numRuns: 25 }),
  ...fc.sample(whenProgramArb, { seed: 7, numRuns: 15 }),
].map(zeroDelays);

describe("setScheduler('jquery') on real timers matches jQuery on jsdom's timers", () => {
  it("for 40 random programs, and the fake timer queue gives the same traces", async () => {
    for (const data of programs) {
      const program = compileDeferred(data);
      const jqueryReal = await runOn(jqueryLib, program, { mode: "real" });
      const oursReal = await runOn(oursLib, program, { mode: "real", oursScheduler: "jquery" });
      const jqueryFake = await runOn(jqueryLib, program);
      const oursFake = await runOn(oursLib, program);
      const name = JSON.stringify(data);
      expect(oursReal, name).toEqual(jqueryReal);
      expect(jqueryFake, name).toEqual(jqueryReal);
      expect(oursFake, name).toEqual(oursReal);
    }
  });
});
