/**
 * The workloads of `npm run bench:instructions`, as fixed-size rounds instead of timed runs.
 *
 * Each workload means the same as its timed twin in workloads.mjs and runs through the same
 * contender adapter (contenders.mjs); only the driving differs: a round is a synchronous loop of
 * a fixed number of units, then a wait until the last callback ran, then a check that every
 * callback ran as often and with the values expected (so a broken contender fails loudly
 * instead of reporting a small, meaningless count). instructions.mjs counts the instructions of
 * a process running R₁ and R₂ rounds and divides the difference by (R₂ − R₁) × units per round.
 */
import { setImmediate as nextMacrotask, setTimeout as sleep } from "node:timers/promises";
import {
  CALLBACK_FLAGS,
  CALLBACK_VARIANTS,
  callbacksJob,
  checkCombined,
  combinedValues,
  expectedCallbackCalls,
  relatedFunctions,
  unrelatedFunctions,
} from "./workloads.mjs";

/**
 * Units per round: `full` for the valgrind run, `tiny` for the smoke test, which runs the rounds
 * without valgrind. A process under callgrind runs about 50 times slower and jQuery 4's
 * deferreds cost tens of thousands of instructions each, so rounds are small; V8 has optimised
 * the hot code after about 20,000 deferreds. A round makes several `when` calls, so it does
 * enough work for garbage-collection steps to average out: 10 over resolved inputs (cheap), 2
 * over pending ones (each input is a new deferred, which costs jQuery 4 tens of thousands).
 * The 20,000-link chain is here (its target compares its cost per link with the 1,000-link
 * chain's); `then` over 100,000 deferreds is not: its target is in time only, and counts per
 * deferred would repeat the 1,000-deferred round's.
 */
export const INSTRUCTION_SIZES = {
  full: {
    deferreds: 1_000,
    links: 1_000,
    linksLong: 20_000,
    whenInputs: 1_000,
    whenPendingCalls: 2,
    whenResolvedCalls: 10,
    callbacksAdded: 1_000,
    callbacksFires: 100,
  },
  tiny: {
    deferreds: 20,
    links: 10,
    linksLong: 50,
    whenInputs: 10,
    whenPendingCalls: 2,
    whenResolvedCalls: 2,
    callbacksAdded: 10,
    callbacksFires: 3,
  },
};

/**
 * Why a contender sits out a workload: jQuery 4 runs every `then` callback in its own
 * `setTimeout`, so a round waits for timers and its process under valgrind takes minutes.
 */
const JQUERY_THEN_SKIP = "skipped: one setTimeout per then callback (minutes under valgrind)";

/**
 * The workloads, in report order (titles are filled in by workloads.mjs's `metricTitle`).
 * `unitsPerRound(sizes)` is the divisor of one round's count;
 * `unit` names it; `needs` names an adapter member without which the workload does not apply;
 * `skip` maps a contender to the reason it is not measured.
 */
export const INSTRUCTION_WORKLOADS = [
  {
    id: "done",
    title: "create + 1 done + resolve",
    unit: "deferred",
    unitsPerRound: (sizes) => sizes.deferreds,
  },
  {
    id: "then",
    title: "create + 1 then + resolve",
    unit: "deferred",
    unitsPerRound: (sizes) => sizes.deferreds,
    skip: { jquery4: JQUERY_THEN_SKIP },
  },
  {
    id: "chain",
    title: "then-chain: build + resolve to last callback",
    unit: "link",
    unitsPerRound: (sizes) => sizes.links,
    skip: { jquery4: JQUERY_THEN_SKIP },
  },
  {
    id: "chainLong",
    title: "then-chain of {linksLong}: build + resolve to last callback",
    unit: "link",
    unitsPerRound: (sizes) => sizes.linksLong,
    skip: { jquery4: JQUERY_THEN_SKIP },
  },
  {
    id: "whenPending",
    title: "when / all of {whenInputs} pending, then resolved (incl. making and resolving them)",
    unit: "input",
    unitsPerRound: (sizes) => sizes.whenInputs * sizes.whenPendingCalls,
  },
  {
    id: "whenResolved",
    title: "when / all of {whenInputs} resolved (inputs made once, before the rounds)",
    unit: "input",
    unitsPerRound: (sizes) => sizes.whenInputs * sizes.whenResolvedCalls,
  },
  ...CALLBACK_VARIANTS.flatMap((variant) =>
    CALLBACK_FLAGS.map((flags) => ({
      id: `${variant}:${flags}`,
      title:
        `Callbacks("${flags}"): add {callbacksAdded}` +
        (variant === "callbacksUnrelated" ? " unrelated functions" : "") +
        " + fire {callbacksFires}",
      unit: "list",
      unitsPerRound: () => 1,
      needs: "Callbacks",
    })),
  ),
];

/**
 * Waits until `finished()` holds: one macrotask is enough for microtask-based contenders and for
 * bluebird (whose setImmediate was queued first); jQuery's setTimeout-based `then` needs more,
 * so further waits are 1 ms timers, at most `limitMs` of them.
 */
async function settled(finished, what, limitMs = 10_000) {
  await nextMacrotask();
  for (let waited = 0; !finished(); waited++) {
    if (waited >= limitMs)
      throw new Error(`${what}: the callbacks had not run after ${limitMs} ms`);
    await sleep(1);
  }
}

/** Counts calls of `tick`; more than `expected` calls throw at once. */
function counter(expected) {
  const state = { count: 0 };
  state.tick = () => {
    if (++state.count > expected)
      throw new Error(`a callback ran ${state.count} times, expected ${expected}`);
  };
  return state;
}

/** One round of create + one `method` callback + resolve, for `count` deferreds. */
function createAndResolveRound(adapter, method, count) {
  const add = adapter[method];
  return async () => {
    const calls = counter(count);
    const tick = calls.tick;
    for (let i = 0; i < count; i++) {
      const d = adapter.deferred();
      add(d, tick);
      adapter.resolve(d, i);
    }
    await settled(() => calls.count === count, method);
  };
}

/** One round: build a then-chain of `links` links and resolve it; checks the value at the end. */
function thenChainRound(adapter, links) {
  const increment = (value) => value + 1;
  return async () => {
    let last;
    const root = adapter.deferred();
    let promise = adapter.addThen(root, increment);
    for (let i = 1; i < links; i++) promise = adapter.chain(promise, increment);
    adapter.chain(promise, (value) => {
      last = value;
    });
    adapter.resolve(root, 0);
    await settled(() => last !== undefined, "chain");
    if (last !== links) throw new Error(`the chain ended with ${last}, expected ${links}`);
  };
}

/**
 * One round: `calls` times, `inputs` fresh pending deferreds, `when`/`all` over them, then each
 * resolved. Creating and resolving the inputs is part of the count, as it is of the timed twin.
 */
function whenPendingRound(adapter, inputs, calls) {
  return async () => {
    const combined = new Array(calls);
    for (let call = 0; call < calls; call++) {
      const items = [];
      for (let i = 0; i < inputs; i++) items.push(adapter.deferred());
      adapter.all(items, (...values) => {
        combined[call] = combinedValues(values);
      });
      for (let i = 0; i < inputs; i++) adapter.resolve(items[i], i);
    }
    await settled(() => combined[calls - 1] !== undefined, "whenPending");
    for (const values of combined) checkCombined(values, inputs);
  };
}

/**
 * One round: `calls` times `when`/`all` over the same `inputs` deferreds, resolved once before
 * the first round, so the count per input is the combining alone (making the inputs is
 * start-up and cancels out).
 */
function whenResolvedRound(adapter, inputs, calls) {
  const items = [];
  for (let i = 0; i < inputs; i++) {
    const d = adapter.deferred();
    adapter.resolve(d, i);
    items.push(d);
  }
  return async () => {
    const combined = new Array(calls);
    for (let call = 0; call < calls; call++) {
      adapter.all(items, (...values) => {
        combined[call] = combinedValues(values);
      });
    }
    await settled(() => combined[calls - 1] !== undefined, "whenResolved");
    for (const values of combined) checkCombined(values, inputs);
  };
}

/**
 * One round: a `Callbacks(flags)` list, `added` distinct functions added (closures of one
 * function, or `unrelated` ones: see workloads.mjs), fired `fires` times.
 */
function callbacksRound(adapter, flags, unrelated, added, fires) {
  const counter = { calls: 0 };
  const functions = (unrelated ? unrelatedFunctions : relatedFunctions)(added, counter);
  const expected = expectedCallbackCalls(flags, added, fires);
  return async () => {
    counter.calls = 0;
    const list = adapter.Callbacks(flags);
    for (let i = 0; i < added; i++) list.add(functions[i]);
    for (let i = 0; i < fires; i++) list.fire(i);
    if (counter.calls !== expected) {
      throw new Error(`Callbacks("${flags}") made ${counter.calls} calls, expected ${expected}`);
    }
  };
}

/**
 * The round function of one workload for one loaded contender: each call runs one round and
 * resolves once it has been checked.
 * @param {string} workloadId
 * @param {object} adapter
 * @param {typeof INSTRUCTION_SIZES.full} sizes
 */
export function instructionRound(workloadId, adapter, sizes) {
  switch (workloadId) {
    case "done":
      return createAndResolveRound(adapter, "addDone", sizes.deferreds);
    case "then":
      return createAndResolveRound(adapter, "addThen", sizes.deferreds);
    case "chain":
      return thenChainRound(adapter, sizes.links);
    case "chainLong":
      return thenChainRound(adapter, sizes.linksLong);
    case "whenPending":
      return whenPendingRound(adapter, sizes.whenInputs, sizes.whenPendingCalls);
    case "whenResolved":
      return whenResolvedRound(adapter, sizes.whenInputs, sizes.whenResolvedCalls);
    default: {
      const callbacks = callbacksJob(workloadId);
      if (callbacks !== undefined) {
        if (!adapter.Callbacks)
          throw new RangeError(`${workloadId}: the contender has no Callbacks`);
        const { flags, unrelated } = callbacks;
        return callbacksRound(
          adapter,
          flags,
          unrelated,
          sizes.callbacksAdded,
          sizes.callbacksFires,
        );
      }
      throw new RangeError(`instructionRound(workloadId): unknown workload "${workloadId}"`);
    }
  }
}

/** Runs `rounds` rounds of a workload, one after another. */
export async function runRounds(workloadId, adapter, sizes, rounds) {
  const round = instructionRound(workloadId, adapter, sizes);
  for (let i = 0; i < rounds; i++) await round();
}
