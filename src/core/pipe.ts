/**
 * `pipe`: jQuery's pre-3.0 `then`, kept by jQuery 4 as it was: synchronous, state-preserving,
 * context-propagating, with no exception capture. A filter's return value is adopted only if it
 * has a `promise()` method (read once, thenable.ts); anything else is passed on as the value.
 */
import { captureContext, type ContextRunner } from "./async-context.js";
import { type AnyFunction, ErrorCollector, threw, tryApply } from "./errors.js";
import { addCallback, Channel, fireChannel, PromiseCore, settler } from "./state.js";
import { subscribeThroughPromise } from "./thenable.js";
import { oneValue } from "./values.js";

/** `pipe(onDone, onFail, onProgress)` on `core`: returns the next promise of the chain. */
export function pipe(
  core: PromiseCore,
  onDone: unknown,
  onFail: unknown,
  onProgress: unknown,
): PromiseCore {
  const next = new PromiseCore();
  const filters = [onProgress, onDone, onFail];
  // Filters run in the async context of the `pipe` call, as a `then` handler would.
  const runIn = captureContext?.();
  for (const channel of [Channel.NOTIFY, Channel.RESOLVE, Channel.REJECT] as const) {
    const filter = filters[channel];
    const fn = typeof filter === "function" ? (filter as AnyFunction) : undefined;
    addCallback(core, channel, function pipeFilter(this: unknown, ...args: unknown[]) {
      runPipeForward(next, channel, fn, this, args, runIn);
    });
  }
  return next;
}

/**
 * How many pipe forwards may nest on the stack. A pipe settles the next promise synchronously, so
 * a chain of pipes recurses once per link; jQuery overflows the stack after a few thousand. Beyond
 * this depth a forward waits for the outermost one to finish it, in a loop, so a chain of any
 * length settles before `resolve` returns, in jQuery's order up to this depth.
 */
const MAX_PIPE_NESTING = 256;
let pipeNesting = 0;
/** Forwards waiting for the outermost one, each as its six `forwardPipe` arguments. */
const pipeBacklog: unknown[][] = [];

/** Runs one pipe link: its filter, then settles `next` from the result, as jQuery's pipe does. */
function forwardPipe(
  next: PromiseCore,
  channel: Channel,
  filter: AnyFunction | undefined,
  context: unknown,
  args: unknown[],
  runIn: ContextRunner | undefined,
): void {
  // Only the filter runs in the captured context: `next`'s done/fail callbacks, like any
  // deferred's, run in the context of whoever settles it (here, the caller of `resolve`).
  const returned =
    filter === undefined
      ? undefined
      : runIn === undefined
        ? filter.apply(context, args)
        : runIn(Reflect.apply, filter, context, args);
  let followed: boolean;
  try {
    followed = subscribeThroughPromise(returned, "pipe", () => [
      ["progress", settler(next, Channel.NOTIFY)],
      ["done", settler(next, Channel.RESOLVE)],
      ["fail", settler(next, Channel.REJECT)],
    ]);
  } catch (error) {
    // The filter returned a value that cannot be read (a throwing `promise` getter, a revoked
    // Proxy) or whose promise() misbehaves: like `then`'s adoption, that rejects the next promise,
    // which would otherwise stay pending for ever.
    fireChannel(next, Channel.REJECT, undefined, [error]);
    return;
  }
  if (!followed) fireChannel(next, channel, context, filter ? oneValue(returned) : args);
}

function runPipeForward(
  next: PromiseCore,
  channel: Channel,
  filter: AnyFunction | undefined,
  context: unknown,
  args: unknown[],
  runIn: ContextRunner | undefined,
): void {
  if (pipeNesting >= MAX_PIPE_NESTING) {
    pipeBacklog.push([next, channel, filter, context, args, runIn]);
    return;
  }
  if (pipeNesting > 0) {
    pipeNesting++;
    try {
      forwardPipe(next, channel, filter, context, args, runIn);
    } finally {
      pipeNesting--;
    }
    return;
  }
  // The outermost forward: like a nested one, an exception reaches the caller of `resolve`, but
  // only after every waiting forward has run.
  const errors = new ErrorCollector();
  pipeNesting = 1;
  if (
    threw(
      tryApply(forwardPipe as AnyFunction, undefined, [
        next,
        channel,
        filter,
        context,
        args,
        runIn,
      ]),
    )
  ) {
    errors.record();
  }
  for (let i = 0; i < pipeBacklog.length; i++) {
    const waiting = pipeBacklog[i]!;
    pipeBacklog[i] = [];
    if (threw(tryApply(forwardPipe as AnyFunction, undefined, waiting))) errors.record();
  }
  pipeBacklog.length = 0;
  pipeNesting = 0;
  errors.rethrow();
}
