/**
 * The hostile-value property runs of hostile.test.ts, run in a child process under a watchdog:
 * `node hostile.cases.mjs <family> <seed> <runs>`.
 *
 * Each family drives entry points with values drawn by fast-check (hostile-values.ts) and checks
 * the contract of issue 11 on every case: the call settles the promise it concerns exactly once
 * (as the adoption rules say, rejecting with the error a read threw) or throws a TypeError (or the
 * error the value's own code threw) synchronously where the call itself is invalid; no callback
 * registered before settlement is dropped; nothing is raised as uncaught when a rejection handler
 * is attached; a list or deferred stays usable afterwards. A case that loops is caught by the
 * watchdog, which reports the last `CASE` line (seed and index, to replay with
 * `fc.sample(arbitrary, { seed, numRuns: index + 1 })[index]`).
 */
import fc from "fast-check";
import { Callbacks, Deferred, when } from "../../../src/index.js";
import { CASE_PREFIX, RESULT_PREFIX, settlement, show, type Settlement } from "./child-kit.js";
import { type Adoption, arrayLikeSpec, build, type Built, valueSpec } from "./hostile-values.js";

const D = Deferred as any;
const whenAny = when as (...values: unknown[]) => any;
const lib = { Deferred: D };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a promise may stay pending before the case counts it as pending for ever. */
const SETTLE_BOUND_MS = 500;

/** The exceptions raised as uncaught while the current case runs. */
let uncaught: unknown[] = [];
process.on("uncaughtException", (error) => uncaught.push(error));
process.on("unhandledRejection", (reason) => uncaught.push(reason));

/** Checks that `settled` meets `adoption`; returns the violations found. */
function checkAdoption(settled: Settlement, adoption: Adoption, what: string): string[] {
  const got = `${settled.outcome} ${settled.calls[0]?.args.map(show).join(", ") ?? ""}`;
  if (settled.outcome === "pending") return [`${what}: pending for ever (${SETTLE_BOUND_MS} ms)`];
  if (settled.outcome === "twice") return [`${what}: settled more than once`];
  if ("resolves" in adoption) {
    return settled.outcome === "resolved" && Object.is(settled.value, adoption.resolves)
      ? []
      : [`${what}: expected to resolve with ${show(adoption.resolves)}, got ${got}`];
  }
  if ("rejects" in adoption) {
    return settled.outcome === "rejected" && Object.is(settled.value, adoption.rejects)
      ? []
      : [`${what}: expected to reject with ${show(adoption.rejects)}, got ${got}`];
  }
  return settled.outcome === "rejected" && settled.value instanceof TypeError
    ? []
    : [`${what}: expected to reject with a TypeError, got ${got}`];
}

/**
 * Whether `error`, thrown by a call, is allowed: a TypeError, an error the value threw, or, for an
 * argument list whose length the engine cannot pass (a huge, infinite or 2 ** 53 `length`), the
 * engine's RangeError (jQuery throws it too).
 */
function allowedThrow(error: unknown, built: Built): boolean {
  const hugeLength =
    built.kind.startsWith("array-like with") &&
    built.kind.endsWith("length") &&
    !built.kind.includes("throwing");
  return (
    error instanceof TypeError ||
    built.errors.has(error) ||
    (error instanceof RangeError && hugeLength)
  );
}

/** Runs `thunk`; returns its result, or the violation if it threw what it must not. */
function call<T>(
  thunk: () => T,
  built: Built,
  what: string,
  mayThrow: boolean,
): { ok: true; value: T } | { ok: false; threw: unknown; violation?: string } {
  try {
    return { ok: true, value: thunk() };
  } catch (error) {
    if (mayThrow && allowedThrow(error, built)) return { ok: false, threw: error };
    return { ok: false, threw: error, violation: `${what} threw ${show(error)}` };
  }
}

type Check<C> = (data: C) => Promise<string[]>;
interface Family<C> {
  readonly arbitrary: fc.Arbitrary<C>;
  readonly check: Check<C>;
}
const family = <C>(arbitrary: fc.Arbitrary<C>, check: Check<C>): Family<C> => ({
  arbitrary,
  check,
});

// ---- Families -----------------------------------------------------------------------------------

const ADOPTING_FORMS = [
  "then handler returns v",
  "then rejection handler returns v",
  "catch handler returns v",
  "resolve(v).then()",
  "when(resolved with v)",
] as const;

const families: Record<string, Family<any>> = {
  /** The A+ resolution procedure: every way a value reaches `then`'s adoption. */
  "then adoption": family(
    fc.record({ form: fc.constantFrom(...ADOPTING_FORMS), value: valueSpec }),
    async ({ form, value }) => {
      const built = build(value, lib);
      const made = call(
        () => {
          switch (form) {
            case "then handler returns v":
              return D()
                .resolve()
                .then(() => built.value);
            case "then rejection handler returns v":
              return D()
                .reject()
                .then(null, () => built.value);
            case "catch handler returns v":
              return D()
                .reject()
                .catch(() => built.value);
            case "resolve(v).then()":
              return D().resolve(built.value).then();
            case "when(resolved with v)":
              return whenAny(D().resolve(built.value));
          }
        },
        built,
        form,
        false,
      );
      if (!made.ok) return [made.violation!];
      return checkAdoption(await settlement(made.value, SETTLE_BOUND_MS), built.byThen, form);
    },
  ),

  /** A handler that throws the value: the derived promise rejects with that very value. */
  "thrown values": family(
    fc.record({ handler: fc.constantFrom("catch", "fail", "then"), value: valueSpec }),
    async ({ handler, value }) => {
      const built = build(value, lib);
      const derived = D()
        .resolve()
        .then(() => {
          throw built.value;
        });
      const seen: unknown[] = [];
      if (handler === "catch") derived.catch((r: unknown) => seen.push(r));
      else if (handler === "fail") derived.fail((r: unknown) => seen.push(r));
      else derived.then(null, (r: unknown) => seen.push(r));
      const settled = await settlement(derived, SETTLE_BOUND_MS);
      const violations = checkAdoption(settled, { rejects: built.value }, `thrown, ${handler}`);
      if (seen.length !== 1 || !Object.is(seen[0], built.value)) {
        violations.push(`the ${handler} handler saw ${seen.length} calls`);
      }
      return violations;
    },
  ),

  /** `pipe` filters returning the value: settles once; a rejection carries an allowed reason. */
  pipe: family(
    fc.record({ channel: fc.constantFrom("done", "fail"), value: valueSpec }),
    async ({ channel, value }) => {
      const built = build(value, lib);
      const source = D();
      const filter = () => built.value;
      const piped = channel === "done" ? source.pipe(filter) : source.pipe(null, filter);
      const settling = call(
        () => (channel === "done" ? source.resolve() : source.reject()),
        built,
        `${channel} of a piped deferred`,
        true,
      );
      if (!settling.ok && settling.violation !== undefined) return [settling.violation];
      const settled = await settlement(piped, SETTLE_BOUND_MS);
      if (settled.outcome === "pending") return ["pipe: pending for ever"];
      if (settled.outcome === "twice") return ["pipe: settled more than once"];
      if (settled.outcome === "rejected") {
        const reason = settled.value;
        const expected = built.byWhen;
        const fine =
          allowedThrow(reason, built) ||
          ("rejects" in expected && Object.is(reason, expected.rejects)) ||
          (channel === "fail" && Object.is(reason, built.value));
        if (!fine) return [`pipe: rejected with ${show(reason)}`];
      }
      return [];
    },
  ),

  /** Single-argument `when`: jQuery's adoptValue (promise method first, then `then`). */
  "when(v)": family(fc.record({ value: valueSpec }), async ({ value }) => {
    const built = build(value, lib);
    const made = call(() => whenAny(built.value), built, "when(v)", false);
    if (!made.ok) return [made.violation!];
    return checkAdoption(await settlement(made.value, SETTLE_BOUND_MS), built.byWhen, "when(v)");
  }),

  /** Multi-argument `when`: one slot per argument, the first rejection rejects. */
  "when(v, w)": family(
    fc.record({ first: valueSpec, second: fc.option(valueSpec, { nil: undefined }) }),
    async ({ first, second }) => {
      const a = build(first, lib);
      // Without a second value, a deferred resolved a little later.
      const later = D();
      const b: Built =
        second === undefined
          ? {
              kind: "deferred resolved later",
              value: later,
              byThen: { resolves: "later" },
              byWhen: { resolves: "later" },
              errors: new Set(),
            }
          : build(second, lib);
      setTimeout(() => later.resolve("later"), 1);
      const made = call(() => whenAny(a.value, b.value), a, "when(v, w)", false);
      if (!made.ok) return [made.violation!];
      const settled = await settlement(made.value, SETTLE_BOUND_MS);
      if (settled.outcome === "pending") return ["when(v, w): pending for ever"];
      if (settled.outcome === "twice") return ["when(v, w): settled more than once"];
      const rejections = [a.byWhen, b.byWhen].filter((x) => !("resolves" in x));
      if (rejections.length === 0) {
        const want = [a.byWhen, b.byWhen].map((x) => (x as { resolves: unknown }).resolves);
        const got = settled.calls[0]!.args;
        const ok =
          settled.outcome === "resolved" &&
          got.length === 2 &&
          Object.is(got[0], want[0]) &&
          Object.is(got[1], want[1]);
        return ok
          ? []
          : [`when(v, w): expected [${want.map(show)}], got ${settled.outcome} [${got.map(show)}]`];
      }
      const reason = settled.value;
      const ok =
        settled.outcome === "rejected" &&
        rejections.some((x) =>
          "rejects" in x ? Object.is(reason, x.rejects) : reason instanceof TypeError,
        );
      return ok ? [] : [`when(v, w): expected a rejection, got ${settled.outcome} ${show(reason)}`];
    },
  ),

  /** resolve/reject/notify and their With forms: callbacks registered before run once. */
  "settle methods": family(
    fc.record({
      method: fc.constantFrom(
        "resolve",
        "reject",
        "notify",
        "resolveWith",
        "rejectWith",
        "notifyWith",
      ),
      value: fc.oneof(valueSpec, arrayLikeSpec),
    }),
    async ({ method, value }) => {
      const built = build(value, lib);
      const d = D();
      const seen: Record<string, unknown[][]> = { done: [], fail: [], progress: [] };
      d.done((...args: unknown[]) => seen["done"]!.push(args));
      d.fail((...args: unknown[]) => seen["fail"]!.push(args));
      d.progress((...args: unknown[]) => seen["progress"]!.push(args));
      const derived = d.then();
      const withForm = method.endsWith("With");
      const listName = method.startsWith("resolve")
        ? "done"
        : method.startsWith("reject")
          ? "fail"
          : "progress";
      const result = call(
        () => (withForm ? d[method]({}, built.value) : d[method](built.value)),
        built,
        method,
        withForm,
      );
      const violations: string[] = [];
      if (!result.ok && result.violation !== undefined) violations.push(result.violation);
      if (result.ok && result.value !== d) violations.push(`${method} did not return the deferred`);
      const state = d.state();
      const calls = seen[listName]!.length;
      if (!withForm) {
        const args = seen[listName]![0];
        if (calls !== 1 || args?.length !== 1 || !Object.is(args[0], built.value)) {
          violations.push(`${method}(v): the ${listName} callback saw ${calls} calls`);
        }
      } else if (result.ok && calls !== 1) {
        violations.push(`${method}: the ${listName} callback saw ${calls} calls`);
      } else if (!result.ok && state !== "pending" && calls !== 1) {
        violations.push(`${method} threw with the state ${state} and ${calls} callback calls`);
      }
      // Not wedged: a deferred still pending can be resolved, and its callbacks run.
      if (d.state() === "pending") {
        d.resolve("after");
        if (seen["done"]!.length !== 1)
          violations.push("resolve() after the call dropped callbacks");
      }
      const settled = await settlement(derived, SETTLE_BOUND_MS);
      if (settled.outcome === "pending" || settled.outcome === "twice") {
        violations.push(`the promise of then(): ${settled.outcome}`);
      }
      return violations;
    },
  ),

  /** promise(target): attaches own methods (or throws a TypeError for a target that refuses). */
  "promise(target)": family(fc.record({ value: valueSpec }), async ({ value }) => {
    const built = build(value, lib);
    const d = D();
    const result = call(() => d.promise(built.value), built, "promise(target)", true);
    if (!result.ok) return result.violation === undefined ? [] : [result.violation];
    const target = result.value;
    const objectLike =
      (typeof built.value === "object" && built.value !== null) ||
      typeof built.value === "function";
    if (built.value === null || built.value === undefined) {
      return target === d.promise() ? [] : ["promise(null or undefined) is not the promise"];
    }
    if (!objectLike) return [];
    if (target !== built.value) return ["promise(target) did not return the target"];
    const seen: unknown[] = [];
    const added = call(
      () => target.done((v: unknown) => seen.push(v)),
      built,
      "target.done",
      false,
    );
    if (!added.ok) return [added.violation!];
    d.resolve("v");
    const violations: string[] = [];
    if (seen.length !== 1 || seen[0] !== "v")
      violations.push(`target.done saw ${seen.length} calls`);
    if (target.state() !== "resolved")
      violations.push(`target.state() is ${String(target.state())}`);
    return violations;
  }),

  /** Deferred(beforeStart): a function is called with the deferred; anything else is refused. */
  "Deferred(beforeStart)": family(fc.record({ value: valueSpec }), async ({ value }) => {
    const built = build(value, lib);
    const result = call(() => D(built.value), built, "Deferred(beforeStart)", true);
    if (!result.ok) {
      // A TypeError for anything but a function is clear; null and undefined mean "none".
      if (result.violation !== undefined) return [result.violation];
      return built.value === null || built.value === undefined
        ? [`Deferred(${show(built.value)}) threw`]
        : [];
    }
    const d = result.value;
    const seen: unknown[] = [];
    d.done((v: unknown) => seen.push(v));
    if (d.state() === "pending") d.resolve("v");
    return seen.length === 1 ? [] : [`a done callback saw ${seen.length} calls`];
  }),

  /** Callbacks: every method with a hostile value ends at once, and the list stays usable. */
  Callbacks: family(
    fc.record({
      op: fc.constantFrom("Callbacks(flags)", "add", "remove", "has", "fire", "fireWith"),
      value: fc.oneof(valueSpec, arrayLikeSpec),
    }),
    async ({ op, value }) => {
      const built = build(value, lib);
      let list: any = Callbacks();
      // A callback registered before the call: a fire must reach it exactly once.
      const before: unknown[][] = [];
      list.add((...args: unknown[]) => before.push(args));
      const result = call(
        () => {
          switch (op) {
            case "Callbacks(flags)":
              list = Callbacks(built.value as any);
              return list;
            case "add":
              return list.add(built.value);
            case "remove":
              return list.remove(built.value);
            case "has":
              return list.has(built.value);
            case "fire":
              return list.fire(built.value);
            case "fireWith":
              return list.fireWith({}, built.value);
          }
        },
        built,
        op,
        true,
      );
      const violations = !result.ok && result.violation !== undefined ? [result.violation] : [];
      if ((op === "fire" || op === "fireWith") && result.ok && before.length !== 1) {
        violations.push(`${op}: the callback registered before saw ${before.length} calls`);
      }
      // Not wedged: a callback added now runs when the list fires (unless the flags say "once"
      // and the list already fired, or "stopOnFalse" stopped it: a new list for those).
      if (list.locked() || list.disabled()) list = Callbacks();
      const probe: unknown[] = [];
      list.add((v: unknown) => probe.push(v));
      const fired = call(() => list.fire("probe"), built, "fire after the call", true);
      if (!fired.ok && fired.violation !== undefined) violations.push(fired.violation);
      if (!probe.includes("probe")) violations.push(`after ${op}, a new callback was not called`);
      return violations;
    },
  ),
};

/** The names of the families, for the test file. */
export const FAMILIES = Object.keys(families);

async function main(): Promise<void> {
  const [name = "", seedText = "0", runsText = "100"] = process.argv.slice(2);
  const chosen = families[name];
  if (chosen === undefined) throw new Error(`no family named ${JSON.stringify(name)}`);
  const seed = Number(seedText);
  const runs = Number(runsText);
  const samples = fc.sample(chosen.arbitrary, { seed, numRuns: runs });
  const violations: { index: number; data: string; found: string[] }[] = [];
  let violating = 0;
  for (let index = 0; index < samples.length; index++) {
    const data = samples[index];
    const described = JSON.stringify(data);
    process.stdout.write(`${CASE_PREFIX}family=${name} seed=${seed} index=${index} ${described}\n`);
    uncaught = [];
    let found: string[];
    try {
      found = await chosen.check(data);
    } catch (error) {
      found = [`the check itself threw ${show(error)}`];
    }
    await sleep(0);
    if (uncaught.length > 0) found.push(`uncaught: ${uncaught.map(show).join("; ")}`);
    if (found.length > 0) {
      violating++;
      if (violations.length < 12) violations.push({ index, data: described, found });
    }
  }
  process.stdout.write(
    `${RESULT_PREFIX}${JSON.stringify({ family: name, seed, runs: samples.length, violating, violations })}\n`,
  );
}

// The default exception hook stays: item 9 of the issue is about it meeting hostile reasons.
if (process.argv[1]?.endsWith("hostile.cases.mjs")) await main();
