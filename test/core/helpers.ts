/**
 * Small shared helpers for the core unit tests: waiting for scheduled `then` callbacks and
 * recording what callbacks saw.
 */
import { Deferred } from "../../src/index.js";

/**
 * Resolves after every pending microtask and one macrotask: enough for the default (microtask)
 * scheduler to have run every queued `then` callback, and for one `setTimeout(fn)` hop.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits `count` macrotask turns (for chains scheduled one `setTimeout` per hop). */
export async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await nextTurn();
}

/** One recorded call: the `this` a callback saw and the arguments it received. */
export interface Call {
  context: unknown;
  args: unknown[];
}

/** A callback that records each call's `this` and arguments, in `calls`. */
export function recorder(): { fn: (this: unknown, ...args: unknown[]) => void; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fn(this: unknown, ...args: unknown[]) {
      calls.push({ context: this, args });
    },
  };
}

/** Runs `body` with `Deferred.exceptionHook` replaced by a recorder, restoring it afterwards. */
export async function withExceptionHook<T>(
  body: (seen: Array<{ error: unknown; asyncError: unknown }>) => T | Promise<T>,
): Promise<T> {
  const saved = Deferred.exceptionHook;
  const seen: Array<{ error: unknown; asyncError: unknown }> = [];
  Deferred.exceptionHook = (error, asyncError) => {
    seen.push({ error, asyncError });
  };
  try {
    return await body(seen);
  } finally {
    Deferred.exceptionHook = saved;
  }
}
