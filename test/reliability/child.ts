/**
 * Runs a reliability script in its own Node process, with `--expose-gc`, against the library
 * bundled from `src/` (so these tests exercise the same code as the rest of the suite, without a
 * prior `npm run build`). Heap figures and garbage collection are only meaningful in a process of
 * their own: the test runner's heap is shared with every other test of its worker.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Bundles `src/index.ts` into a temporary ES module; returns its path and a cleanup. */
export async function bundleLibrary(): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "jq-deferred-reliability-"));
  const path = join(dir, "jq-deferred.mjs");
  await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile: path,
    logLevel: "silent",
  });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Runs `test/reliability/scripts/<script>` with `--expose-gc` and the bundle's path in
 * `JQ_DEFERRED`, and returns the JSON object the script prints as its last line of output.
 */
export function runScript<T>(library: string, script: string, ...args: string[]): Promise<T> {
  const file = join(root, "test/reliability/scripts", script);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--expose-gc", file, ...args],
      { env: { ...process.env, JQ_DEFERRED: library }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${script} failed: ${error.message}\n${stderr}`));
          return;
        }
        const lines = stdout.trim().split("\n");
        resolve(JSON.parse(lines[lines.length - 1]!) as T);
      },
    );
  });
}
