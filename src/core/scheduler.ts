/**
 * When `then` callbacks run.
 *
 * Owns the FIFO queue of pending `then` jobs and the policy that drains it. Promises/A+ requires
 * the callbacks of `then` to run after the current call stack; jQuery 4 does that with one
 * `setTimeout` per callback, which costs at least a millisecond (4 ms when browsers clamp) per
 * link. By default we drain the whole queue in one microtask instead; `setScheduler("jquery")`
 * restores jQuery's exact timing, and a function can take over scheduling entirely.
 *
 * Jobs are stored flat, five slots each, in fixed-size blocks chained oldest to newest, so queueing
 * one allocates nothing and a long burst never copies or regrows an array. Each slot tuple is
 * handed back to the runner registered by the Deferred core, which keeps this module free of any
 * knowledge of what a job means.
 */

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

type JobRunner = (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => void;

const SLOTS = 5;
/** Slots per block: 256 jobs, about 10 KB. */
const BLOCK_SLOTS = 256 * SLOTS;

/** A fixed-size run of jobs; `next` is the block queued after it. */
interface Block {
  readonly jobs: unknown[];
  next: Block | undefined;
}

const newBlock = (): Block => ({ jobs: new Array<unknown>(BLOCK_SLOTS), next: undefined });

/** The oldest block, read from `head`, and the newest, written at `tail` (slot indexes). */
let first: Block = newBlock();
let last: Block = first;
let head = 0;
let tail = 0;
/** One drained block kept for reuse, so a steady flow of bursts allocates no blocks. */
let spare: Block | undefined;
let flushRequested = false;
let setting: SchedulerSetting = "microtask";
let runner: JobRunner = () => undefined;

/** Registers the function that executes a job. Called once by the Deferred core. */
export function registerJobRunner(run: JobRunner): void {
  runner = run;
}

/** Queues a job and makes sure the current policy will run it. */
export function enqueueJob(a: unknown, b: unknown, c: unknown, d: unknown, e: unknown): void {
  if (tail === BLOCK_SLOTS) {
    const block = spare ?? newBlock();
    spare = undefined;
    last = last.next = block;
    tail = 0;
  }
  const q = last.jobs;
  const at = tail;
  q[at] = a;
  q[at + 1] = b;
  q[at + 2] = c;
  q[at + 3] = d;
  q[at + 4] = e;
  tail = at + SLOTS;
  if (setting === "microtask") {
    if (!flushRequested) {
      flushRequested = true;
      queueMicrotask(drainQueue);
    }
  } else if (setting === "jquery") {
    setTimeout(runOldestJob);
  } else {
    setting(runOldestJob);
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
  if (head === BLOCK_SLOTS) {
    // The oldest block is drained (and, the queue not being empty, not the newest): move on.
    const drained = first;
    first = drained.next!;
    drained.next = undefined;
    spare = drained;
    head = 0;
  }
  const q = first.jobs;
  const index = head;
  const a = q[index];
  const b = q[index + 1];
  const c = q[index + 2];
  const d = q[index + 3];
  const e = q[index + 4];
  q[index] = q[index + 1] = q[index + 2] = q[index + 3] = q[index + 4] = undefined;
  head = index + SLOTS;
  try {
    runner(a, b, c, d, e);
  } catch (error) {
    // A job only throws when user code it triggered synchronously (a `done` callback of a
    // promise the job settled, or an exception hook) threw. Surface it as an uncaught error
    // without stopping the jobs behind it.
    queueMicrotask(() => {
      throw error;
    });
  }
}
