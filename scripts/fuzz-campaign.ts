/**
 * The long differential fuzzing campaign (`npm run fuzz`): random Callbacks, Deferred and `when`
 * programs, each run on jQuery 4 and on jq-deferred under jQuery's timing, traces compared.
 *
 * Configuration (environment): FUZZ_PROGRAMS (total programs, default 100000), FUZZ_SEED (first
 * seed, default the current time), FUZZ_ROUND (programs per kind and round, default 2000). Each
 * round uses the next seed; a divergence is shrunk by fast-check, printed, and the campaign goes
 * on. The exit code is 1 if any divergence was found.
 */
import fc from "fast-check";
import { type Program, runBoth } from "../test/differential/harness.js";
import {
  callbacksProgramArb,
  compileCallbacks,
  compileDeferred,
  deferredProgramArb,
  whenProgramArb,
} from "../test/differential/programs.js";

const total = Number(process.env["FUZZ_PROGRAMS"] ?? 100_000);
const firstSeed = Number(process.env["FUZZ_SEED"] ?? Date.now() % 2_147_483_647);
const perRound = Number(process.env["FUZZ_ROUND"] ?? 2_000);

/** Share of each kind of program: Callbacks and Deferred programs dominate, `when` programs follow. */
const kinds = [
  { name: "Callbacks", share: 0.4, arbitrary: callbacksProgramArb, compile: compileCallbacks },
  { name: "Deferred", share: 0.4, arbitrary: deferredProgramArb, compile: compileDeferred },
  { name: "when", share: 0.2, arbitrary: whenProgramArb, compile: compileDeferred },
] as const;

const compared: Record<string, number> = { Callbacks: 0, Deferred: 0, when: 0 };
let current = "Callbacks";
const divergences: { kind: string; seed: number; counterexample: string; error: string }[] = [];

async function same(program: Program): Promise<boolean> {
  const { jquery, ours } = await runBoth(program);
  compared[current]!++;
  return JSON.stringify(jquery) === JSON.stringify(ours);
}

/** Where the shrunk counterexample's traces part, with a little context. */
async function firstDifference(program: Program): Promise<string> {
  const { jquery, ours } = await runBoth(program);
  let i = 0;
  while (i < jquery.length && JSON.stringify(jquery[i]) === JSON.stringify(ours[i])) i++;
  const window = (trace: string[][]) => JSON.stringify(trace.slice(Math.max(0, i - 3), i + 4));
  return `traces part at event ${i}:\n    jQuery: ${window(jquery)}\n    ours:   ${window(ours)}`;
}

const sum = () => Object.values(compared).reduce((a, b) => a + b, 0);
const started = Date.now();
console.log(`fuzz campaign: ${total} programs, first seed ${firstSeed}, ${perRound} per round`);

for (let round = 0; sum() < total; round++) {
  const seed = firstSeed + round;
  for (const kind of kinds) {
    const numRuns = Math.max(1, Math.min(Math.round(perRound * kind.share), total - sum()));
    if (sum() >= total) break;
    current = kind.name;
    const compile = kind.compile as (program: unknown) => Program;
    const property = fc.asyncProperty(kind.arbitrary as fc.Arbitrary<unknown>, (p) =>
      same(compile(p)),
    );
    const result = await fc.check(property, { seed, numRuns });
    if (result.failed) {
      const counterexample = JSON.stringify(result.counterexample);
      const error = `${String(result.errorInstance)}; ${await firstDifference(compile(result.counterexample![0]))}`;
      divergences.push({ kind: kind.name, seed, counterexample, error });
      console.log(`DIVERGENCE (${kind.name}, seed ${seed}):\n  ${counterexample}\n  ${error}`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `round ${round} (seed ${seed}): ${sum()} programs compared so far ` +
      `(Callbacks ${compared["Callbacks"]}, Deferred ${compared["Deferred"]}, when ${compared["when"]}), ` +
      `${divergences.length} divergences, ${seconds}s`,
  );
}

console.log(
  `fuzz campaign done: ${sum()} programs compared on jQuery 4 and jq-deferred ` +
    `(Callbacks ${compared["Callbacks"]}, Deferred ${compared["Deferred"]}, when ${compared["when"]}), ` +
    `seeds ${firstSeed}…, ${divergences.length} divergences, ${((Date.now() - started) / 1000).toFixed(0)}s`,
);
process.exit(divergences.length === 0 ? 0 : 1);
