/**
 * Runs contract programs in a Node process of their own, under a watchdog.
 *
 * Several contract violations are synchronous infinite loops: no timer in the same thread can
 * interrupt them, and one of them would wedge the test runner. So each program is bundled (with
 * the library from `src/`, by esbuild) and run in a child process that is killed after a bound.
 * The child prints progress and result lines; the parent keeps the last progress line, so a
 * killed run still says which case it was on.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { CASE_PREFIX, RESULT_PREFIX } from "./child-kit.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

/** A bundled entry point and how to delete it. */
export interface Bundle {
  readonly path: string;
  readonly remove: () => Promise<void>;
}

/**
 * Bundles `test/core/contract/<entry>` (and the library it imports) into one ES module. With
 * `externalPackages`, dependencies (jsdom, jQuery) stay imports, and the bundle is written under
 * `node_modules/.cache` so that they resolve.
 */
export async function bundleEntry(entry: string, externalPackages = false): Promise<Bundle> {
  const parent = externalPackages ? join(root, "node_modules/.cache") : tmpdir();
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, "jq-deferred-contract-"));
  const path = join(dir, entry.replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: path,
    logLevel: "silent",
    ...(externalPackages ? { packages: "external" as const } : {}),
  });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** What a child run produced. */
export interface IsolatedRun {
  /** Killed by the watchdog: the program did not end within the bound. */
  readonly timedOut: boolean;
  /** Exit code (null when killed). */
  readonly code: number | null;
  /** The last JSON result line (`RESULT {...}`), parsed; undefined when there was none. */
  readonly result: unknown;
  /** Every JSON result line, parsed, in order (a child may print one per case). */
  readonly results: unknown[];
  /** The last progress line (`CASE ...`), for a run that was killed mid-way. */
  readonly lastCase: string | undefined;
  readonly stderr: string;
  /** Wall-clock milliseconds the run took. */
  readonly ms: number;
}

/**
 * Runs `node --expose-gc <bundle> ...args`, killing it after `timeoutMs`, or once `stallMs` pass
 * without a new progress line (a case that spins), if given.
 */
export function runIsolated(
  bundle: string,
  args: readonly string[],
  timeoutMs: number,
  stallMs?: number,
): Promise<IsolatedRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", bundle, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let lastCase: string | undefined;
    let result: unknown;
    const results: unknown[] = [];
    const kill = () => {
      timedOut = true;
      child.kill("SIGKILL");
    };
    let stall: ReturnType<typeof setTimeout> | undefined;
    const progressed = () => {
      if (stallMs === undefined) return;
      clearTimeout(stall);
      stall = setTimeout(kill, stallMs);
    };
    const consume = (final: boolean) => {
      const lines = stdout.split("\n");
      stdout = final ? "" : lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(CASE_PREFIX)) {
          lastCase = line.slice(CASE_PREFIX.length);
          progressed();
        } else if (line.startsWith(RESULT_PREFIX)) {
          result = JSON.parse(line.slice(RESULT_PREFIX.length));
          results.push(result);
        }
      }
    };
    progressed();
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      consume(false);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      // Keep the end: a runaway program may print a lot.
      stderr = (stderr + chunk).slice(-20_000);
    });
    const watchdog = setTimeout(kill, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(watchdog);
      clearTimeout(stall);
      consume(true);
      resolve({ timedOut, code, result, results, lastCase, stderr, ms: Date.now() - started });
    });
  });
}
