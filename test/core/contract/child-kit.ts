/**
 * What the contract programs use inside their child process (see isolated.ts): a description of
 * any value that never throws, the observation of how a promise settles, the capture of uncaught
 * exceptions, and the main loop that runs one named case and prints its result.
 */

/** Prefix of the line a child prints before each case (the watchdog reports the last one). */
export const CASE_PREFIX = "CASE ";
/** Prefix of the line carrying a child's JSON result. */
export const RESULT_PREFIX = "RESULT ";

/** A short description of any value, hostile ones included (a revoked Proxy, a throwing getter). */
export function show(value: unknown): string {
  try {
    if (value === null || value === undefined) return String(value);
    switch (typeof value) {
      case "string":
        return JSON.stringify(value);
      case "number":
      case "boolean":
      case "bigint":
      case "symbol":
        return String(value);
      default:
        break;
    }
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (Array.isArray(value)) return `[${value.map(show).join(",")}]`;
    return typeof value === "function" ? "function" : "object";
  } catch {
    // Reading the value threw (a revoked Proxy, a throwing getter): describe it as such.
    return "unreadable";
  }
}

/** One call of a `done` or `fail` callback: its channel and raw arguments. */
export interface SettleCall {
  readonly channel: "done" | "fail";
  readonly args: unknown[];
}

/** How a promise settled within a bound: every done/fail call, in order. */
export class Settlement {
  readonly calls: SettleCall[] = [];

  /** "resolved", "rejected", "pending" (no call) or "twice" (more than one call). */
  get outcome(): string {
    if (this.calls.length === 0) return "pending";
    if (this.calls.length > 1) return "twice";
    return this.calls[0]!.channel === "done" ? "resolved" : "rejected";
  }

  /** The first argument of the only call. */
  get value(): unknown {
    return this.calls[0]?.args[0];
  }

  /** JSON-friendly summary: outcome and described arguments. */
  summary(): { outcome: string; args: string[] } {
    return { outcome: this.outcome, args: (this.calls[0]?.args ?? []).map(show) };
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Attaches done/fail callbacks to `promise` (one of ours) and waits until it settles (plus a
 * little, to see a second settlement), or `boundMs` at most.
 */
export async function settlement(promise: any, boundMs = 500): Promise<Settlement> {
  const result = new Settlement();
  promise.done((...args: unknown[]) => result.calls.push({ channel: "done", args }));
  promise.fail((...args: unknown[]) => result.calls.push({ channel: "fail", args }));
  const deadline = Date.now() + boundMs;
  while (result.calls.length === 0 && Date.now() < deadline) await sleep(2);
  await sleep(20);
  return result;
}

/** Everything reported as uncaught (exceptions and unhandled native rejections), described. */
export const uncaught: string[] = [];
/** The raw values of {@link uncaught}, for identity checks. */
export const uncaughtValues: unknown[] = [];

/** Runs the case named by the first command-line argument and prints its JSON result. */
export async function runCase(cases: Record<string, () => unknown>): Promise<void> {
  const name = process.argv[2] ?? "";
  const body = cases[name];
  if (body === undefined) throw new Error(`no case named ${JSON.stringify(name)}`);
  const record = (error: unknown) => {
    uncaught.push(show(error));
    uncaughtValues.push(error);
  };
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  process.stdout.write(`${CASE_PREFIX}${name}\n`);
  let observed: unknown;
  let threw: string | undefined;
  try {
    observed = await body();
  } catch (error) {
    threw = show(error);
  }
  // Exceptions surfaced as uncaught a little later (queued in a microtask or a timer) count too.
  await sleep(20);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ observed, threw, uncaught })}\n`);
}
