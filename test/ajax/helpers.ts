/**
 * Test helpers for ajax: a recorder that proves a jqXHR settles exactly once (through every
 * channel), and a leak check that nothing (timer or socket) outlives a request.
 */
import { expect } from "vitest";
import type { JqXHR } from "../../src/index.js";
import { activeTimers, eventually, type TestServer } from "./server.js";

export interface Outcome {
  /** Calls of done callbacks (arguments each). */
  done: unknown[][];
  /** Calls of fail callbacks. */
  fail: unknown[][];
  /** Calls of complete callbacks. */
  complete: unknown[][];
  /** Calls of always callbacks. */
  always: unknown[][];
}

/**
 * Subscribes to every outcome channel of `jqXHR` and resolves once `complete` has fired, then
 * waits a little longer so that a second settlement would be seen.
 */
export async function outcomeOf(jqXHR: JqXHR<unknown>): Promise<Outcome> {
  const outcome: Outcome = { done: [], fail: [], complete: [], always: [] };
  const completed = new Promise<void>((resolve) => {
    jqXHR
      .done((...args: unknown[]) => void outcome.done.push(args))
      .fail((...args: unknown[]) => void outcome.fail.push(args))
      .always((...args: unknown[]) => void outcome.always.push(args));
    jqXHR.complete((...args: unknown[]) => {
      outcome.complete.push(args);
      resolve();
    });
  });
  await completed;
  await new Promise((resolve) => setTimeout(resolve, 30));
  return outcome;
}

/** Asserts the outcome is exactly one settlement, with the matching complete call. */
export function expectSettledOnce(outcome: Outcome): void {
  expect(outcome.done.length + outcome.fail.length).toBe(1);
  expect(outcome.always).toHaveLength(1);
  expect(outcome.complete).toHaveLength(1);
}

/**
 * Asserts that no timer beyond `baselineTimers` is pending and that the server has no open
 * connection, allowing the sockets a moment to close.
 */
export async function expectNothingLeft(server: TestServer, baselineTimers: number): Promise<void> {
  expect(
    await eventually(
      () => server.openConnections(),
      (count) => count === 0,
    ),
  ).toBe(0);
  expect(await eventually(activeTimers, (count) => count <= baselineTimers)).toBeLessThanOrEqual(
    baselineTimers,
  );
}
