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
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { CASE_PREFIX, RESULT_PREFIX } from "./child-kit.js";

const here = fileURLToPath(new URL(".", import.meta.url));

/** A bundled entry point and how to delete it. */
export interface Bundle {
  readonly path: string;
  readonly remove: () => Promise<void>;
}

/** Bundles `test/core/contract/<entry>` (and the library it imports) into one ES module. */
export async function bundleEntry(entry: string): Promise<Bundle> {
  const dir = await mkdtemp(join(tmpdir(), "jq-deferred-contract-"));
  const path = join(dir, entry.replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: path,
    logLevel: "silent",
  });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** What a child run produced. */
export interface IsolatedRun {
  /** Killed by the watchdog: the program did not end within the bound. */
  readonly timedOut: boolean;
  /** Exit code (null when killed). */
  readonly code: number | null;
  /** The JSON result line (`RESULT {...}`), parsed; undefined when there was none. */
  readonly result: unknown;
  /** The last progress line (`CASE ...`), for a run that was killed mid-way. */
  readonly lastCase: string | undefined;
  readonly stderr: string;
  /** Wall-clock milliseconds the run took. */
  readonly ms: number;
}

/**
 * Runs `node --expose-gc <bundle> ...args`, killing it after `timeoutMs`. `env` is added to the
 * child's environment.
 */
export function runIsolated(
  bundle: string,
  args: readonly string[],
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<IsolatedRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", bundle, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let lastCase: string | undefined;
    let result: unknown;
    const consume = (final: boolean) => {
      const lines = stdout.split("\n");
      stdout = final ? "" : lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(CASE_PREFIX)) lastCase = line.slice(CASE_PREFIX.length);
        else if (line.startsWith(RESULT_PREFIX))
          result = JSON.parse(line.slice(RESULT_PREFIX.length));
      }
    };
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      consume(false);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      // Keep the end: a runaway program may print a lot.
      stderr = (stderr + chunk).slice(-20_000);
    });
    const watchdog = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(watchdog);
      consume(true);
      resolve({ timedOut, code, result, lastCase, stderr, ms: Date.now() - started });
    });
  });
}
