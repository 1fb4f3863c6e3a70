/**
 * The differential ajax harness, Node side: starts the server (server.ts), bundles the bridge from
 * src/ (bridge-entry.ts), opens one Chromium page per side (full jQuery 4, jQuery 4 slim + the
 * bridge) and runs the same request scripts on both, returning both traces and what the server
 * saw of each side's requests. Used by ajax-differential.test.ts and scripts/ajax-campaign.mjs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { assertChromium, CHROMIUM, FLAGS } from "../chromium.js";
import type { Script } from "./scripts.js";
import { startAjaxServer, type AjaxServer, type SeenRequest, type Side } from "./server.js";

/** One trace entry: `[kind, ...details]` as the runner (pages/ajax-runner.js) records it. */
export type TraceEntry = [string, ...unknown[]];

export interface SideResult {
  trace: TraceEntry[];
  seen: SeenRequest[];
  /** Uncaught page errors and console errors while the script ran. */
  errors: string[];
}

export interface Outcome {
  script: Script;
  full: SideResult;
  slim: SideResult;
}

export interface Harness {
  /** Runs `scripts` on both sides (one after another on each page, both pages side by side). */
  run(scripts: Script[]): Promise<Outcome[]>;
  /** What `install()` returned on the slim page. */
  installResult(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Chromium's report of an HTTP error status, an aborted or refused request: the network's
 * outcome, which the traces already compare, not a page error.
 */
const EXPECTED_CONSOLE = /^Failed to load resource: /;

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./bridge-entry.ts", import.meta.url))],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export async function startHarness(): Promise<Harness> {
  assertChromium();
  const server: AjaxServer = await startAjaxServer({
    "/generated/bridge.js": await bundleBridge(),
  });
  const profile = mkdtempSync(join(tmpdir(), "jq-deferred-ajax-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
  } catch (error) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const browser = context;

  const pages = {} as Record<Side, { page: Page; errors: string[] }>;
  for (const side of ["full", "slim"] as const) {
    const page = await browser.newPage();
    const errors: string[] = [];
    // jQuery's generated JSONP callback names (in any case: a dataFilter may upper-case a body)
    // become CALLBACK, as the runner does in the traces.
    page.on("pageerror", (error) =>
      errors.push(`pageerror: ${error.message.replace(/jQuery\d+_\d+/gi, "CALLBACK")}`),
    );
    page.on("console", (message) => {
      if (message.type() === "error" && !EXPECTED_CONSOLE.test(message.text())) {
        errors.push(`console.error: ${message.text()}`);
      }
    });
    await page.goto(`${server.origins[side].page}/test/browser/pages/ajax.html?side=${side}`);
    await page.waitForFunction(() => "harnessReady" in window, null, { timeout: 10_000 });
    pages[side] = { page, errors };
  }

  const runSide = async (side: Side, scripts: Script[]): Promise<SideResult[]> => {
    const { page, errors } = pages[side];
    const results: SideResult[] = [];
    // One evaluate per script, so page errors can be attributed to the script that caused them.
    for (const script of scripts) {
      errors.length = 0;
      const [trace] = await page.evaluate(
        ([one, cross]) =>
          (
            window as unknown as {
              runScripts(scripts: unknown[], cross: string): Promise<TraceEntry[][]>;
            }
          ).runScripts([one], cross),
        [script, server.origins[side].cross] as const,
      );
      results.push({ trace: trace!, seen: server.seen(side, script.id), errors: [...errors] });
    }
    return results;
  };

  return {
    async run(scripts) {
      const [full, slim] = await Promise.all([runSide("full", scripts), runSide("slim", scripts)]);
      return scripts.map((script, index) => ({ script, full: full[index]!, slim: slim[index]! }));
    },
    installResult: () =>
      pages.slim.page.evaluate(() => (window as { installResult?: unknown }).installResult),
    async close() {
      await browser.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
