/**
 * How the differential ajax harness judges an outcome: both sides' traces and the requests the
 * server saw must be equal, except where a documented difference (DIFFERENCES, also listed in
 * docs/ajax-differences.md) applies; then that difference's own check says what the slim side
 * must do instead. Nothing else may differ.
 */
import type { Outcome, TraceEntry } from "./harness.js";

/** A documented difference between jQuery 4's ajax and the bridge's. */
export interface Difference {
  id: string;
  /** What differs and why (docs/ajax-differences.md says the same). */
  description: string;
  /** Whether the outcome shows this difference. */
  applies(outcome: Outcome): boolean;
  /** What the bridge must do instead: a list of problems, empty when it does exactly that. */
  check(outcome: Outcome): string[];
  /**
   * The outcome with this difference taken out, for the comparison of everything else; absent
   * when the difference changes the whole course of the request (nothing else is compared).
   */
  normalise?(outcome: Outcome): Outcome;
}

const has = (trace: TraceEntry[], kind: string) => trace.some((entry) => entry[0] === kind);

/** The bridge's handling of a user callback that throws: the request fails and settles. */
function failsAndSettles({ slim }: Outcome): string[] {
  const problems: string[] = [];
  if (has(slim.trace, "stranded")) problems.push("the request was stranded");
  if (has(slim.trace, "threw")) problems.push("ajax() threw");
  if (!has(slim.trace, "fail")) problems.push("no fail callback ran");
  const end = slim.trace.find((entry) => entry[0] === "end");
  if (!end || end[1] !== 0) problems.push(`jQuery.active is ${String(end?.[1])} at the end`);
  return problems;
}

/** `value` with every string rewritten by `rewrite` (JSON values only). */
function mapStrings<T>(value: T, rewrite: (text: string) => string): T {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === "string" ? rewrite(item) : item,
  ) as T;
}

const OUR_CALLBACK = /jqDeferred\d+_\d+/g;
const CHARSET = /(;\s*charset=)([^;\s]+)/i;

export const DIFFERENCES: readonly Difference[] = [
  {
    id: "throwing-beforeSend",
    description:
      "A `beforeSend` that throws: jQuery lets the exception escape from `$.ajax()` after " +
      "`ajaxStart`, leaving `jQuery.active` counting a request that never ends. The bridge " +
      "fails the request instead (its `fail`/`error`/`complete` callbacks run, `ajaxStop` fires).",
    applies: ({ full }) => has(full.trace, "threw"),
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
  {
    id: "basic-auth-up-front",
    description:
      "`username`/`password`: XMLHttpRequest keeps the credentials until the server asks for " +
      "them (a 401 with WWW-Authenticate); fetch cannot hold credentials that way, so the " +
      "bridge sends `Authorization: Basic …` with the first request.",
    applies: ({ slim }) => slim.seen.some((seen) => seen.headers.authorization !== undefined),
    check: ({ script, slim }) => {
      const asked = script.requests.some((one) => one.options?.username !== undefined);
      const basic = slim.seen.every(
        (seen) =>
          seen.headers.authorization === undefined ||
          seen.headers.authorization.startsWith("Basic "),
      );
      return asked && basic ? [] : ["an Authorization header nobody asked for, or not Basic"];
    },
    normalise: (outcome) => ({
      ...outcome,
      slim: {
        ...outcome.slim,
        seen: outcome.slim.seen.map(({ headers: { authorization: _, ...headers }, ...seen }) => ({
          ...seen,
          headers,
        })),
      },
    }),
  },
  {
    id: "jsonp-callback-name",
    description:
      "Generated JSONP callback names: jQuery's are `jQuery<digits>_<nonce>` (its expando); " +
      "the bridge's are `jqDeferred<digits>_<nonce>`. Both are unique per request and removed " +
      "after it; servers that validate the name against jQuery's pattern need to accept both.",
    applies: ({ slim }) => /jqDeferred\d+_\d+/.test(JSON.stringify(slim)),
    check: ({ full }) =>
      JSON.stringify(full).includes("CALLBACK") ? [] : ["jQuery generated no callback name here"],
    normalise: (outcome) => ({
      ...outcome,
      slim: mapStrings(outcome.slim, (text) => text.replace(OUR_CALLBACK, "CALLBACK")),
    }),
  },
  {
    id: "charset-case",
    description:
      'A string body with `contentType: "…; charset=utf-8"`: Chromium\'s XMLHttpRequest ' +
      "rewrites the parameter to `charset=UTF-8`; fetch sends the header as the program wrote " +
      "it. Charset names are case-insensitive, so servers read both alike.",
    applies: ({ full, slim }) =>
      full.seen.some((seen, index) => {
        const ours = slim.seen[index]?.headers["content-type"];
        const theirs = seen.headers["content-type"];
        return (
          ours !== undefined &&
          theirs !== undefined &&
          ours !== theirs &&
          ours.toLowerCase() === theirs.toLowerCase()
        );
      }),
    check: () => [],
    normalise: (outcome) => {
      const lower = (side: Outcome["full"]) => ({
        ...side,
        seen: side.seen.map((seen) => ({
          ...seen,
          headers: mapStrings(seen.headers, (text) =>
            text.replace(CHARSET, (_, prefix: string, name: string) => prefix + name.toLowerCase()),
          ),
        })),
      });
      return { ...outcome, full: lower(outcome.full), slim: lower(outcome.slim) };
    },
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
 * Judges one outcome: no problems when the sides agree, or differ only as documented
 * differences allow (each of which then checks what the bridge does instead).
 */
export function judge(outcome: Outcome): { differences: Difference[]; problems: string[] } {
  const differences: Difference[] = [];
  const problems: string[] = [];
  let rest = outcome;
  for (const difference of DIFFERENCES) {
    if (!difference.applies(rest)) continue;
    differences.push(difference);
    problems.push(...difference.check(rest).map((problem) => `${difference.id}: ${problem}`));
    if (!difference.normalise) return { differences, problems };
    rest = difference.normalise(rest);
  }
  // A request aborted right after the call may or may not have reached the server (XHR and fetch
  // alike hand it to the network at once): what the server saw is a race, not ajax behaviour.
  const racy = outcome.script.requests.some((one) => one.abort === "sync");
  const parts = racy ? (["trace", "errors"] as const) : (["trace", "seen", "errors"] as const);
  for (const part of parts) {
    const found = firstDifference(rest.full[part], rest.slim[part], part);
    if (found !== undefined) problems.push(found);
  }
  return { differences, problems };
}
