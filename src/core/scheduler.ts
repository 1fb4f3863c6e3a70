/**
 * When `then` callbacks run.
 *
 * Owns the FIFO queue of pending `then` jobs and the policy that drains it. Promises/A+ requires
 * the callbacks of `then` to run after the current call stack; jQuery 4 does that with one
 * `setTimeout` per callback, which costs at least a millisecond (4 ms when browsers clamp) per
 * link. By default we drain the whole queue in one microtask instead; `setScheduler("jquery")`
 * restores jQuery's exact timing, and a function can take over scheduling entirely.
 *
 * Jobs are stored flat, three slots each, in fixed-size blocks chained oldest to newest, so
 * queueing one allocates nothing but a new block every 256 jobs, and a long burst never copies or
 * regrows an array. A job is an object with a `run` method and the two values it is run with; this
 * module knows nothing else about it.
 */
import { rethrowLater } from "./errors.js";

/**
 * A function that runs `task` later, once, e.g. `(task) => setTimeout(task)`.
 *
 * @example
 * const onNextFrame: Scheduler = (task) => requestAnimationFrame(() => task());
 * setScheduler(onNextFrame);
 */
export type Scheduler = (task: () => void) => void;

/**
 * The scheduling policy:
 * - `"microtask"` (default): all pending `then` callbacks run in one microtask, in FIFO order.
 * - `"jquery"`: one `setTimeout(task)` per callback, exactly as jQuery 4 schedules them.
 * - a {@link Scheduler} function, called once per callback with a task that runs the oldest
 *   pending callback (so FIFO order holds whatever the function does with the tasks).
 *
 * @example
 * const setting: SchedulerSetting = process.env.JQUERY_TIMING ? "jquery" : "microtask";
 * setScheduler(setting);
 */
export type SchedulerSetting = "microtask" | "jquery" | Scheduler;

/** What the queue runs: `job.run(a, b)` (a `then` reaction, in practice). */
export interface Job {
  run(a: unknown, b: unknown): void;
}

/**
 * Slots per job, and per block: 256 jobs, about 6 KB. A const enum, so that the build writes the
 * numbers in place rather than keeping variables that optimized code loads and checks at every use
 * (see `State` in state.ts).
 */
const enum Slots {
  PER_JOB = 3,
  PER_BLOCK = 256 * PER_JOB,
}

/** A fixed-size run of jobs; `next` is the block queued after it. */
interface Block {
  readonly jobs: unknown[];
  next: Block | undefined;
}

function newBlock(): Block {
  const jobs = new Array<unknown>(Slots.PER_BLOCK);
  // `new Array(n)` holds small integers until an object is stored: store one now, so that every
  // block has the same elements kind and the stores of `enqueueJob` check one map, not two.
  jobs[0] = undefined;
  return { jobs, next: undefined };
}

/** The oldest block, read from `head`, and the newest, written at `tail` (slot indexes). */
let first: Block = newBlock();
let last: Block = first;
let head = 0;
let tail = 0;
let flushRequested = false;
let setting: SchedulerSetting = "microtask";

/** What `enqueueJob` does once a job is stored: the policy and `flushRequested` in one number. */
const enum Wake {
  /** The default policy, and a drain is already requested: nothing. */
  NOTHING = 0,
  /** The default policy, no drain requested: request one. */
  REQUEST_DRAIN = 1,
  /** Another policy: schedule the job under it. */
  SCHEDULE_ONE = 2,
}

/**
 * Derived from `setting` and `flushRequested`, and written wherever they are, so that queueing a
 * job tests one small integer rather than comparing a string and testing a variable of unknown
 * type (a then-chain link: about 20 instructions fewer).
 */
let wake: Wake = Wake.REQUEST_DRAIN;

function updateWake(): void {
  wake =
    setting !== "microtask"
      ? Wake.SCHEDULE_ONE
      : flushRequested
        ? Wake.NOTHING
        : Wake.REQUEST_DRAIN;
}

/** Queues `job.run(a, b)` and makes sure the current policy will run it. */
export function enqueueJob(job: Job, a: unknown, b: unknown): void {
  if (tail === Slots.PER_BLOCK) addBlock();
  const q = last.jobs;
  const at = tail;
  q[at] = job;
  q[at + 1] = a;
  q[at + 2] = b;
  tail = at + Slots.PER_JOB;
  if (wake !== Wake.NOTHING) wakeUp();
}

/**
 * Requests the drain that jobs about to be queued will need, if none is requested yet (under the
 * default policy; the others schedule each job as it is queued). `resolve`, `reject` and `notify`
 * call it just before they settle a promise that has `then` reactions, so the drain is requested
 * at the same point as before (no user code runs in between), and the queueing inlined into the
 * settlement finds it requested.
 *
 * Why: the wake-up branch of `enqueueJob` is taken once per drain, and first on the very first
 * job, before V8 collects feedback for its call. The settlement, optimized meanwhile with that
 * branch inlined, was deoptimized at the next drain; every function compiled after that inlined
 * the settlement at its bare size, and a create + then + resolve loop then had no budget left for
 * the constructors of `then`, called through V8's generic construct stub: 1,442 instructions per
 * unit, against 1,040 this way (`BENCH_ROUNDS=30,60 node bench/function-instructions.mjs`).
 */
export function prepareToQueue(): void {
  if (wake === Wake.REQUEST_DRAIN) wakeUp();
}

/** What `enqueueJob` does after storing a job, unless a drain is already requested. */
function wakeUp(): void {
  if (wake === Wake.SCHEDULE_ONE) {
    scheduleOne(setting as "jquery" | Scheduler);
  } else {
    flushRequested = true;
    updateWake();
    queueMicrotask(drainQueue);
  }
}

/**
 * Starts a new block. A new one, never a recycled one: a block kept for reuse ages into the old
 * generation, and every job stored into an old array takes the write barrier's slow path (a
 * then-chain cost about 130 instructions more per link that way).
 */
function addBlock(): void {
  last = last.next = newBlock();
  tail = 0;
}

/** Schedules one job under a policy other than the default. */
function scheduleOne(policy: "jquery" | Scheduler): void {
  if (policy === "jquery") setTimeout(runOldestJob);
  else scheduleWith(policy);
}

/**
 * Queues `job.run(a, b)` to run once the event loop has had a turn: under the default
 * policy from a timer, since a drain also runs every job queued while it drains, and a job that
 * keeps queueing another (a cycle of thenables) would hold the thread for ever; under `"jquery"`
 * or a function, like any job, as those already yield.
 */
export function enqueueYieldingJob(job: Job, a: unknown, b: unknown): void {
  if (setting === "microtask") setTimeout(() => job.run(a, b));
  else enqueueJob(job, a, b);
}

/**
 * Hands one task to a user's scheduler. Each queued job must get exactly one task, or the queue
 * would stay a job behind for good; and the caller (a `resolve()` half way through its reactions)
 * must not be interrupted. So a scheduler that throws is replaced, for this job, by a microtask,
 * and its exception surfaces as uncaught.
 */
function scheduleWith(scheduler: Scheduler): void {
  try {
    scheduler(runOldestJob);
  } catch (error) {
    queueMicrotask(runOldestJob);
    rethrowLater(error);
  }
}

/**
 * Sets when `then` callbacks run. Jobs already queued are not lost: they run under whichever
 * policy reaches them first.
 *
 * @example
 * setScheduler("jquery");              // jQuery 4's exact setTimeout timing
 * setScheduler((task) => setImmediate(task));
 * setScheduler("microtask");           // the default
 */
export function setScheduler(next: SchedulerSetting): void {
  if (next !== "microtask" && next !== "jquery" && typeof next !== "function") {
    throw new TypeError(
      `setScheduler(scheduler): expected "microtask", "jquery" or a function, got ${String(next)}`,
    );
  }
  setting = next;
  updateWake();
}

/**
 * The current scheduling policy (see {@link setScheduler}).
 *
 * @example
 * const previous = getScheduler();
 * setScheduler("jquery");
 * try {
 *   runLegacyCode();
 * } finally {
 *   setScheduler(previous);
 * }
 */
export function getScheduler(): SchedulerSetting {
  return setting;
}

function drainQueue(): void {
  // Jobs queued by the jobs of this drain run in it too; no other microtask is requested meanwhile.
  while (hasJobs()) runOldest();
  flushRequested = false;
  updateWake();
  head = tail = 0;
}

function runOldestJob(): void {
  if (hasJobs()) runOldest();
  if (!hasJobs() && !flushRequested) head = tail = 0;
}

function hasJobs(): boolean {
  return head < tail || first !== last;
}

/** Runs the oldest job; the queue must not be empty. */
function runOldest(): void {
  if (head === Slots.PER_BLOCK) {
    // The oldest block is drained (and, the queue not being empty, not the newest): move on.
    const drained = first;
    first = drained.next!;
    drained.next = undefined;
    head = 0;
  }
  const q = first.jobs;
  const index = head;
  const job = q[index] as Job;
  const a = q[index + 1];
  const b = q[index + 2];
  q[index] = q[index + 1] = q[index + 2] = undefined;
  head = index + Slots.PER_JOB;
  try {
    job.run(a, b);
  } catch (error) {
    // A job only throws when user code it triggered synchronously (a `done` callback of a
    // promise the job settled) threw. Surface it as an uncaught error without stopping the jobs
    // behind it.
    rethrowLater(error);
  }
}
