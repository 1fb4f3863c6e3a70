/**
 * The differential oracle: runs one program on jQuery 4 (under jsdom) and on jq-deferred, and
 * returns the two traces for a deep-equality comparison.
 *
 * A program is a function of an {@link Env}. It uses `env.lib` (jQuery's or ours: `Deferred`,
 * `when`, `Callbacks`) and records what it observes with `env.log`, `env.fn` (a strict-mode
 * callback that records its name, `this` and arguments) and `env.call` (records a return value or
 * an exception). Objects are recorded by label (`env.label`), so "returned the deferred itself"
 * and "called with the sentinel as `this`" compare equal across the two libraries.
 *
 * Timing. jQuery schedules each `then` step with `window.setTimeout`; jq-deferred does the same
 * under `setScheduler("jquery")`. Two modes run that timing:
 * - "fake" (default): a deterministic timer queue driven here stands in for `setTimeout` in BOTH
 *   libraries (jQuery's window gets it as `setTimeout`; ours gets it through `setScheduler(fn)`,
 *   which schedules one task per job exactly like "jquery" mode). Microtasks (native promises)
 *   are drained between timer tasks, as the event loop does.
 * - "real": jsdom's real timers for jQuery and `setScheduler("jquery")` with Node's timers for
 *   ours, waiting (bounded) until no timer is outstanding. It validates the fake queue.
 */
import { createRequire } from "node:module";
import * as ours from "../../src/index.js";

const require = createRequire(import.meta.url);
const { JSDOM } = require("jsdom") as { JSDOM: new (html: string) => { window: any } };
const { jQueryFactory } = require("jquery/factory") as { jQueryFactory: (window: any) => any };

/** The subset of a library a program uses. */
export interface Lib {
  readonly name: "jquery" | "ours";
  readonly Deferred: any;
  readonly when: (...args: unknown[]) => any;
  readonly Callbacks: (flags?: unknown) => any;
}

const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>");
/** jsdom's window, handed to jQuery's factory. */
export const jqWindow: any = dom.window;
const jQuery = jQueryFactory(jqWindow);
const jqRealSetTimeout: (fn: () => void, delay?: number) => unknown = jqWindow.setTimeout;
const jqDefaultExceptionHook = jQuery.Deferred.exceptionHook;

export const jqueryLib: Lib = {
  name: "jquery",
  Deferred: jQuery.Deferred,
  when: jQuery.when,
  Callbacks: jQuery.Callbacks,
};
export const oursLib: Lib = {
  name: "ours",
  Deferred: ours.Deferred,
  when: ours.when,
  Callbacks: ours.Callbacks as (flags?: unknown) => any,
};
const oursDefaultExceptionHook = ours.Deferred.exceptionHook;

/**
 * A deterministic `setTimeout`: tasks run in order of due time, then of scheduling. A delay below
 * 1 counts as 1, as in Node and browsers.
 */
export class FakeClock {
  now = 0;
  #seq = 0;
  #tasks: { due: number; seq: number; fn: () => void }[] = [];

  readonly setTimeout = (fn: () => void, delay?: number): number => {
    const due = this.now + Math.max(1, Number(delay) || 0);
    const task = { due, seq: ++this.#seq, fn };
    const tasks = this.#tasks;
    let i = tasks.length;
    while (i > 0 && tasks[i - 1]!.due > due) i--;
    tasks.splice(i, 0, task);
    return task.seq;
  };

  get pending(): number {
    return this.#tasks.length;
  }

  /** Runs the next task; false if there is none. */
  runNext(): boolean {
    const task = this.#tasks.shift();
    if (task === undefined) return false;
    this.now = task.due;
    task.fn();
    return true;
  }
}

export type Mode = "fake" | "real";

/** Upper bound on timer tasks per run; a program that needs more is reported as not settling. */
const MAX_TASKS = 20_000;
/** Upper bound on the events of one run. */
const MAX_EVENTS = 20_000;
/** Upper bound on the wall-clock wait of a real-timer run. */
const REAL_TIMEOUT_MS = 3_000;

/** Everything a program sees and records through. */
export class Env {
  readonly trace: string[][] = [];
  readonly #labels = new Map<unknown, string>();
  /** Set by a program that creates native promises: its run drains microtasks between timers. */
  usesMicrotasks = false;
  /** Free counter for programs (e.g. a budget for re-entrant operations). */
  budget = 0;
  /** Set when the program exceeded {@link MAX_EVENTS}. */
  runaway = false;

  constructor(
    readonly lib: Lib,
    /** The program's own timers: the same timer source the library uses in this run. */
    readonly setTimeout: (fn: () => void, delay?: number) => void,
  ) {}

  /** Registers `value` under `name` (used in traces instead of the object); returns it. */
  label<T>(value: T, name: string): T {
    if (!this.#labels.has(value)) this.#labels.set(value, name);
    return value;
  }

  labelOf(value: unknown): string | undefined {
    return this.#labels.get(value);
  }

  /** A stable, library-independent description of a value. */
  describe(value: unknown, depth = 0): string {
    if (value === undefined) return "undefined";
    if (value === null) return "null";
    switch (typeof value) {
      case "number":
        return Object.is(value, -0) ? "-0" : String(value);
      case "string":
        return JSON.stringify(value);
      case "boolean":
      case "bigint":
      case "symbol":
        return String(value);
      default:
        break;
    }
    const label = this.#labels.get(value);
    if (label !== undefined) return `@${label}`;
    if (value === globalThis) return "@global";
    if (value === jqWindow) return "@window";
    if (depth > 4) return "…";
    if (Array.isArray(value)) return `[${value.map((v) => this.describe(v, depth + 1)).join(",")}]`;
    if (value instanceof Error) return `${value.name}(${JSON.stringify(value.message)})`;
    if (typeof value === "function") return "fn";
    const tag = Object.prototype.toString.call(value);
    if (tag === "[object Arguments]") {
      return `args[${Array.from(value as ArrayLike<unknown>, (v) => this.describe(v, depth + 1)).join(",")}]`;
    }
    const record = value as Record<string, unknown>;
    if (typeof record["then"] === "function" && typeof record["state"] === "function") {
      return `promise<${String((record["state"] as () => string)())}>`;
    }
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${k}:${this.describe(record[k], depth + 1)}`).join(",")}}`;
  }

  /**
   * Records an event: a name followed by described values. A program that keeps logging is a
   * runaway (e.g. a callback that re-fires its own list forever): the log throws to break it.
   */
  log(event: string, ...values: unknown[]): void {
    if (this.trace.length >= MAX_EVENTS) {
      this.runaway = true;
      throw new RangeError("runaway program: too many trace events");
    }
    this.trace.push([event, ...values.map((v) => this.describe(v))]);
  }

  /**
   * A strict-mode callback that records `[name, this, ...args]` when called, then returns what
   * `body` returns (if given).
   */
  fn(name: string, body?: (this: unknown, ...args: unknown[]) => unknown) {
    const env = this;
    return function recorded(this: unknown, ...args: unknown[]): unknown {
      env.log(name, this, ...args);
      return body === undefined ? undefined : body.apply(this, args);
    };
  }

  /** Calls `thunk`, recording `[name, "→", result]` or `[name, "threw", error]`. */
  call(name: string, thunk: () => unknown): unknown {
    try {
      const result = thunk();
      this.log(name, "→", result);
      return result;
    } catch (error) {
      this.log(name, "threw", error);
      return undefined;
    }
  }

  /** A native promise settled now or after `delay` (marks the run as needing microtask drains). */
  nativePromise(fulfil: boolean, value: unknown, delay?: number): Promise<unknown> {
    this.usesMicrotasks = true;
    const promise =
      delay === undefined
        ? fulfil
          ? Promise.resolve(value)
          : Promise.reject(value)
        : new Promise((resolve, reject) =>
            this.setTimeout(() => (fulfil ? resolve : reject)(value), delay),
          );
    // A program may never hand this promise to a library; its rejection is then expected.
    promise.catch(() => undefined);
    return promise;
  }
}

/** A program; it may return a function that records final observations once all timers ran. */
export type Program = (env: Env) => void | (() => void);

export interface RunOptions {
  mode?: Mode;
  /** Real mode only: jq-deferred's scheduler ("jquery" unless a test shows the default). */
  oursScheduler?: "jquery" | "microtask";
}

/** Runs `program` on one library and returns its trace (after all timers have run). */
export async function runOn(
  lib: Lib,
  program: Program,
  options: RunOptions = {},
): Promise<string[][]> {
  return options.mode === "real"
    ? runReal(lib, program, options.oursScheduler ?? "jquery")
    : runFake(lib, program);
}

function resetHooks(): void {
  jQuery.Deferred.exceptionHook = jqDefaultExceptionHook;
  jQuery.Deferred.getErrorHook = undefined;
  ours.Deferred.exceptionHook = oursDefaultExceptionHook;
  ours.Deferred.getErrorHook = undefined;
}

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

function start(env: Env, program: Program): (() => void) | undefined {
  try {
    return program(env) ?? undefined;
  } catch (error) {
    env.log("program threw", error);
    return undefined;
  }
}

async function runFake(lib: Lib, program: Program): Promise<string[][]> {
  const clock = new FakeClock();
  const env = new Env(lib, clock.setTimeout);
  resetHooks();
  if (lib.name === "jquery") jqWindow.setTimeout = clock.setTimeout;
  else ours.setScheduler((task) => clock.setTimeout(task));
  try {
    const finish = start(env, program);
    let tasks = 0;
    for (;;) {
      if (env.usesMicrotasks) await flushMicrotasks();
      if (clock.pending === 0) break;
      if (++tasks > MAX_TASKS) {
        env.log("did not settle");
        break;
      }
      try {
        clock.runNext();
      } catch (error) {
        env.log("uncaught", error);
      }
    }
    finish?.();
    if (lib.name === "ours" && !schedulerQueueIsEmpty())
      env.log("jobs left in the scheduler queue");
  } finally {
    jqWindow.setTimeout = jqRealSetTimeout;
    ours.setScheduler("microtask");
    resetHooks();
  }
  if (env.runaway) env.trace.push(["runaway program"]);
  return env.trace;
}

/**
 * Whether jq-deferred's scheduler queue is empty: a probe job is queued and one task is run, which
 * runs the oldest job. If that was not the probe, older jobs were left behind; they are run (and
 * so cleared) until the probe runs, so that a broken run cannot leak into the next one.
 */
function schedulerQueueIsEmpty(): boolean {
  const tasks: (() => void)[] = [];
  let probed = false;
  resetHooks();
  ours.setScheduler((task) => tasks.push(task));
  ours
    .Deferred()
    .resolve()
    .then(() => {
      probed = true;
    });
  let ran = 0;
  while (!probed && ran < MAX_TASKS) {
    const task = tasks.shift();
    if (task === undefined) break;
    ran++;
    try {
      task();
    } catch {
      // A stale job's exception belongs to the broken run; it is reported by the trace mismatch.
    }
  }
  return ran === 1;
}

async function runReal(
  lib: Lib,
  program: Program,
  scheduler: "jquery" | "microtask",
): Promise<string[][]> {
  let outstanding = 0;
  const counting =
    (original: (fn: () => void, delay?: number) => unknown) => (fn: () => void, delay?: number) => {
      outstanding++;
      return original(() => {
        outstanding--;
        try {
          fn();
        } catch (error) {
          env.log("uncaught", error);
        }
      }, delay);
    };
  const nodeSetTimeout = globalThis.setTimeout;
  const timers =
    lib.name === "jquery"
      ? counting(jqRealSetTimeout)
      : counting(nodeSetTimeout as (fn: () => void, delay?: number) => unknown);
  const env = new Env(lib, timers);
  resetHooks();
  if (lib.name === "jquery") {
    jqWindow.setTimeout = timers;
  } else {
    ours.setScheduler(scheduler);
    (globalThis as any).setTimeout = timers;
  }
  try {
    const finish = start(env, program);
    const deadline = Date.now() + REAL_TIMEOUT_MS;
    for (;;) {
      await new Promise<void>((resolve) => nodeSetTimeout(resolve, 2));
      if (outstanding === 0) {
        await flushMicrotasks();
        if (outstanding === 0) break;
      }
      if (Date.now() > deadline) {
        env.log("did not settle");
        break;
      }
    }
    finish?.();
  } finally {
    jqWindow.setTimeout = jqRealSetTimeout;
    (globalThis as any).setTimeout = nodeSetTimeout;
    ours.setScheduler("microtask");
    resetHooks();
  }
  if (env.runaway) env.trace.push(["runaway program"]);
  return env.trace;
}

/**
 * Runs `program` on jQuery, then on jq-deferred. A program that never ends is an error even if
 * both libraries loop alike: it compares nothing useful, and the jobs it leaves in jq-deferred's
 * (global) scheduler queue would leak into the next run.
 */
export async function runBoth(
  program: Program,
  options: RunOptions = {},
): Promise<{ jquery: string[][]; ours: string[][] }> {
  const jquery = await runOn(jqueryLib, program, options);
  const oursTrace = await runOn(oursLib, program, options);
  const endless = (event: string[]) =>
    event[0] === "did not settle" || event[0] === "runaway program";
  if (jquery.some(endless) || oursTrace.some(endless)) {
    throw new Error("The program did not end; the generators must not produce endless programs");
  }
  return { jquery, ours: oursTrace };
}

/** Counts the cases compared in a file, so each file can print and assert its total. */
export class CaseCounter {
  compared = 0;
  constructor(readonly name: string) {}
  report(): string {
    return `${this.name}: ${this.compared} differential cases compared`;
  }
}
