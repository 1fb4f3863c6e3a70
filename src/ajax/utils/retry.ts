/** The retry policy (not in jQuery): which failures are retried, and how long to wait first. */
import type { RetryOptions } from "../types/options.js";

/**
 * The longest wait a timer can take (2^31 − 1 ms, about 24.8 days): `setTimeout` runs a longer
 * delay at once. A retry that would wait longer is not made; the failure stands.
 */
export const MAX_RETRY_WAIT = 2 ** 31 - 1;

/** A retry option with every default filled in. */
export interface RetryPolicy {
  readonly limit: number;
  readonly methods: readonly string[];
  readonly statusCodes: readonly number[];
  readonly maxRetryAfter: number;
  readonly delay: (attempt: number) => number;
}

/**
 * Turns the `retry` option into a policy; `undefined`/0 means no retries. Throws a `TypeError`
 * naming the field for a malformed option (the request then fails with a `RequestError`).
 */
export function retryPolicy(option: number | RetryOptions | undefined): RetryPolicy {
  const given: RetryOptions = typeof option === "number" ? { limit: option } : (option ?? {});
  if (typeof given !== "object") {
    throw new TypeError(`retry must be a number or an object, got ${typeof given}`);
  }
  const methods: unknown = given.methods ?? ["GET", "PUT", "HEAD", "DELETE", "OPTIONS"];
  if (!Array.isArray(methods) || !methods.every((method) => typeof method === "string")) {
    throw new TypeError(`retry.methods must be an array of method names, got ${typeof methods}`);
  }
  const statusCodes: unknown = given.statusCodes ?? [408, 413, 429, 500, 502, 503, 504];
  if (!Array.isArray(statusCodes)) {
    throw new TypeError(`retry.statusCodes must be an array of numbers, got ${typeof statusCodes}`);
  }
  const delay: unknown = given.delay ?? ((attempt: number) => 300 * 2 ** (attempt - 1));
  if (typeof delay !== "function") {
    throw new TypeError(`retry.delay must be a function, got ${typeof delay}`);
  }
  return {
    limit: Number(given.limit ?? (option === undefined ? 0 : 2)),
    methods: methods.map((method) => method.toUpperCase()),
    statusCodes: statusCodes as number[],
    maxRetryAfter: Number(given.maxRetryAfter ?? Infinity),
    delay: delay as (attempt: number) => number,
  };
}

/**
 * Milliseconds to wait before retry number `attempt`, or `undefined` if the failure is not
 * retried. `response` is the failed response (absent for a network failure); its `Retry-After`
 * (seconds or an HTTP date) overrides the policy's delay, and one beyond `maxRetryAfter` stops the
 * retries. A wait beyond {@link MAX_RETRY_WAIT} (or not a number) also stops them: the retry
 * would otherwise run at once. Throws what `delay` throws.
 */
export function retryDelay(
  policy: RetryPolicy,
  method: string,
  attempt: number,
  response: Response | undefined,
  now: number,
): number | undefined {
  if (attempt > policy.limit || !policy.methods.includes(method)) return undefined;
  if (response !== undefined && !policy.statusCodes.includes(response.status)) return undefined;
  const retryAfter =
    response === undefined ? undefined : parseRetryAfter(response.headers.get("Retry-After"), now);
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfter) return undefined;
  const wait = retryAfter ?? Number(policy.delay(attempt));
  return wait >= 0 && wait <= MAX_RETRY_WAIT ? wait : undefined;
}

/** A `Retry-After` value (delta-seconds or HTTP-date) in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
