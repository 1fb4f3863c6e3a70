/** The retry policy (not in jQuery): which failures are retried, and how long to wait first. */
import type { RetryOptions } from "../types/options.js";

/** A retry option with every default filled in. */
export interface RetryPolicy {
  readonly limit: number;
  readonly methods: readonly string[];
  readonly statusCodes: readonly number[];
  readonly maxRetryAfter: number;
  readonly delay: (attempt: number) => number;
}

/** Turns the `retry` option into a policy; `undefined`/0 means no retries. */
export function retryPolicy(option: number | RetryOptions | undefined): RetryPolicy {
  const given: RetryOptions = typeof option === "number" ? { limit: option } : (option ?? {});
  return {
    limit: given.limit ?? (option === undefined ? 0 : 2),
    methods: (given.methods ?? ["GET", "PUT", "HEAD", "DELETE", "OPTIONS"]).map((method) =>
      method.toUpperCase(),
    ),
    statusCodes: given.statusCodes ?? [408, 413, 429, 500, 502, 503, 504],
    maxRetryAfter: given.maxRetryAfter ?? Infinity,
    delay: given.delay ?? ((attempt) => 300 * 2 ** (attempt - 1)),
  };
}

/**
 * Milliseconds to wait before retry number `attempt`, or `undefined` if the failure is not
 * retried. `response` is the failed response (absent for a network failure); its `Retry-After`
 * (seconds or an HTTP date) overrides the policy's delay, and one beyond `maxRetryAfter` stops the
 * retries.
 */
export function retryDelay(
  policy: RetryPolicy,
  method: string,
  attempt: number,
  response: Response | undefined,
  now: number,
): number | undefined {
  if (attempt > policy.limit || !policy.methods.includes(method)) return undefined;
  if (response === undefined) return policy.delay(attempt);
  if (!policy.statusCodes.includes(response.status)) return undefined;
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"), now);
  if (retryAfter === undefined) return policy.delay(attempt);
  return retryAfter <= policy.maxRetryAfter ? retryAfter : undefined;
}

/** A `Retry-After` value (delta-seconds or HTTP-date) in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
