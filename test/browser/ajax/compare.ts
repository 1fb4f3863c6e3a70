/**
 * How the differential ajax harness judges an outcome: both sides' traces and the requests the
 * server saw must be equal, except where a documented difference (DIFFERENCES, also listed in
 * docs/ajax-differences.md) applies; then that difference's own check says what the slim side
 * must do instead. Nothing else may differ.
 */
import type { Outcome, SideResult, TraceEntry } from "./harness.js";

/** A documented difference between jQuery 4's ajax and the bridge's. */
export interface Difference {
  id: string;
  /** What differs and why (docs/ajax-differences.md says the same). */
  description: string;
  /** Whether the outcome is one this difference is about (judged on full jQuery's trace). */
  applies(outcome: Outcome): boolean;
  /** What the bridge must do instead: a list of problems, empty when it does exactly that. */
  check(slim: SideResult): string[];
}

const has = (trace: TraceEntry[], kind: string) => trace.some((entry) => entry[0] === kind);

/** The bridge's handling of a user callback that throws: the request fails and settles. */
function failsAndSettles(slim: SideResult): string[] {
  const problems: string[] = [];
  if (has(slim.trace, "stranded")) problems.push("the request was stranded");
  if (has(slim.trace, "threw")) problems.push("ajax() threw");
  if (!slim.trace.some((entry) => entry[0] === "fail")) problems.push("no fail callback ran");
  const end = slim.trace.find((entry) => entry[0] === "end");
  if (!end || end[1] !== 0) problems.push(`jQuery.active is ${String(end?.[1])} at the end`);
  return problems;
}

export const DIFFERENCES: readonly Difference[] = [
  {
    id: "throwing-beforeSend",
    description:
      "A `beforeSend` that throws: jQuery lets the exception escape from `$.ajax()` after " +
      "`ajaxStart`, leaving `jQuery.active` counting a request that never ends. The bridge " +
      "fails the request instead (its `fail`/`error`/`complete` callbacks run, `ajaxStop` fires).",
    applies: ({ full }) => full.trace.some((entry) => entry[0] === "threw"),
    check: failsAndSettles,
  },
  {
    id: "throwing-dataFilter",
    description:
      "A `dataFilter` that throws: jQuery's exception escapes from the XHR event handler and " +
      "the request never settles (no callback, `jQuery.active` stays up). The bridge fails the " +
      'request with textStatus "parsererror" and the thrown value as errorThrown.',
    applies: ({ full }) =>
      full.errors.some((error) => error.includes("dataFilter failed")) &&
      has(full.trace, "stranded"),
    check: failsAndSettles,
  },
];

/**
 * Does `entry` match `pattern`? Elements are compared in order for the pattern's length; an
 * object in the pattern matches an object with at least its keys (recursively).
 */
export function matches(entry: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return (
      Array.isArray(entry) &&
      pattern.every((item, index) => index < entry.length && matches(entry[index], item))
    );
  }
  if (typeof pattern === "object" && pattern !== null) {
    return (
      typeof entry === "object" &&
      entry !== null &&
      Object.entries(pattern).every(([key, value]) =>
        matches((entry as Record<string, unknown>)[key], value),
      )
    );
  }
  return Object.is(entry, pattern);
}

/** The first place where two JSON values differ, as a path and both values; undefined if equal. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return `${path}: full ${JSON.stringify(a)} / slim ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}[${JSON.stringify(key)}]`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Judges one outcome: `[]` when the sides agree (or differ exactly as a documented difference
 * allows), else the problems found.
 */
export function judge(outcome: Outcome): { difference?: Difference; problems: string[] } {
  const difference = DIFFERENCES.find((candidate) => candidate.applies(outcome));
  if (difference) return { difference, problems: difference.check(outcome.slim) };
  const problems: string[] = [];
  const trace = firstDifference(outcome.full.trace, outcome.slim.trace, "trace");
  if (trace !== undefined) problems.push(trace);
  const seen = firstDifference(outcome.full.seen, outcome.slim.seen, "seen");
  if (seen !== undefined) problems.push(seen);
  const errors = firstDifference(outcome.full.errors, outcome.slim.errors, "errors");
  if (errors !== undefined) problems.push(errors);
  return { problems };
}
