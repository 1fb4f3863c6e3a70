/**
 * The browser bundles in real headless Chromium (Debian's /usr/bin/chromium or $CHROMIUM_PATH,
 * through playwright-core): an in-page build of the core unit tests against the ES module bundle,
 * the Promises/A+ suite in mocha against the IIFE, the IIFE from a plain script tag, jQuery 4 slim plus
 * install() running the seed documents' examples, and the demo page clicked through and
 * screenshotted. Pages come from demo/server.mjs on 127.0.0.1. Needs `npm run build` (npm test
 * does it); a missing Chromium or bundle fails the suite with the reason.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../demo/server.mjs";
import { assertChromium, CHROMIUM, FLAGS } from "./chromium.js";

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
  assertChromium();
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

/**
 * Chromium's console line for an HTTP error response. Pages that request error statuses on purpose
 * (404, 422, 500, 503) get one per such request; it is the browser's report, not a page error.
 */
const HTTP_ERROR_REPORT = /^Failed to load resource: the server responded with a status of \d{3}\b/;

/** Opens `path` and returns the page with the list of its uncaught errors and console errors. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !HTTP_ERROR_REPORT.test(message.text())) {
      errors.push(`console.error: ${message.text()}`);
    }
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

describe.concurrent("core unit checks in Chromium (ES module bundle)", () => {
  it("passes every in-page check of Deferred, then, when, Callbacks, schedulers and hooks", async () => {
    const { results, errors } = await runSuite("/test/browser/pages/core.html");
    expect(failuresOf(results)).toEqual([]);
    expect(results).toHaveLength(registeredTests("core-suite.js"));
    expect(results.length).toBeGreaterThanOrEqual(25);
    expect(errors).toEqual([]);
  });
});

// Every test has its own page, and most of their time is spent waiting on timers, so they all run
// side by side. The two A+ runs take the longest; Node's run (test/aplus) covers the other two
// adapter/scheduler pairs.
describe.concurrent("Promises/A+ suite in Chromium (IIFE bundle, mocha in the page)", () => {
  for (const [adapter, scheduler] of [
    ["deferred", "microtask"],
    ["when", "jquery"],
  ] as const) {
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

describe.concurrent("IIFE build from a plain <script> tag", () => {
  it("defines only the jqDeferred global, which works from classic scripts", async () => {
    const { results, errors } = await runSuite("/test/browser/pages/iife.html");
    expect(failuresOf(results)).toEqual([]);
    expect(results).toHaveLength(registeredTests("iife-suite.js"));
    expect(errors).toEqual([]);
  });
});

describe.concurrent("jQuery 4 slim + install() in Chromium", () => {
  it("runs every seed document's example, including $.when($.ajax(...), $.ajax(...))", async () => {
    const { results, errors } = await runSuite("/test/browser/pages/jquery-slim.html");
    expect(failuresOf(results)).toEqual([]);
    expect(results).toHaveLength(registeredTests("seeds-suite.js"));
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(errors).toEqual([]);
  });
});

/** Luminance statistics of a PNG, computed by the browser itself on a canvas. */
async function imageStatistics(png: Buffer): Promise<{ stddev: number; colours: number }> {
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/test/browser/pages/blank.html`);
    return await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const context2d = canvas.getContext("2d")!;
        context2d.drawImage(image, 0, 0);
        const { data } = context2d.getImageData(0, 0, image.width, image.height);
        let sum = 0;
        let squares = 0;
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4) {
          const luminance = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
          sum += luminance;
          squares += luminance * luminance;
          colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        }
        const pixels = data.length / 4;
        const mean = sum / pixels;
        return { stddev: Math.sqrt(squares / pixels - mean * mean), colours: colours.size };
      },
      `data:image/png;base64,${png.toString("base64")}`,
    );
  } finally {
    await page.close();
  }
}

describe.concurrent("the demo page (npm run demo)", () => {
  it("runs its four scenarios when clicked through and renders a page that is not blank", async () => {
    const { page, errors } = await open("/demo/");
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.waitForSelector("body[data-ready=true]");
    const runCard = async (button: string, card: string) => {
      await page.click(button);
      await page.waitForSelector(`${card}[data-state=done]`, { timeout: 20_000 });
    };
    const text = (selector: string) => page.locator(selector).innerText();

    await runCard("#run-when", "#when-card");
    const whenLog = await text("#when-log");
    expect(whenLog).toMatch(/A\.done\(success\)/);
    expect(whenLog).toMatch(/B\.done\(success\)/);
    expect(whenLog).toMatch(/when\.done\(A, B\)/);
    expect(whenLog).toMatch(/then\(onFulfilled\)/);

    await page.check("#fail-b");
    await runCard("#run-when", "#when-card");
    expect(await text("#when-log")).toMatch(/when\.fail\(503\)/);

    await runCard("#run-progress", "#progress-card");
    expect(await text("#job-text")).toBe("resolved: 40 steps");
    expect(await text("#download-text")).toBe("done: 40 KB");
    expect(await text("#progress-log")).toMatch(/job: +progress ×40, then done\("40 steps"\)/);
    await page.click("#run-progress");
    await page.waitForSelector("#cancel-progress:not([disabled])");
    await page.click("#cancel-progress");
    await page.waitForSelector("#progress-card[data-state=done]", { timeout: 20_000 });
    expect(await text("#job-text")).toBe("rejected: cancelled");

    await runCard("#run-schedulers", "#scheduler-card");
    expect(await text("#time-microtask")).toMatch(/^[\d.]+ ms$/);
    expect(await text("#time-jquery")).toMatch(/^[\d.]+ ms$/);
    expect(await text("#scheduler-verdict")).toMatch(/microtask scheduler finished \d+× sooner/);

    await runCard("#run-errors", "#errors-card");
    const steps = await text("#error-steps");
    expect(steps).toMatch(/exceptionHook\(TypeError: /);
    expect(steps).toMatch(/asyncError: Error: the then\(\) callback was scheduled here/);
    expect(steps).toMatch(/catch\(\) got a TypeError/);
    expect(steps).toMatch(/unhandled rejection reported: nobody is listening/);
    expect(steps).toMatch(/handled late/);

    const png = await page.screenshot({ fullPage: true });
    mkdirSync(`${root}reports/browser`, { recursive: true });
    writeFileSync(`${root}reports/browser/demo.png`, png);
    const { stddev, colours } = await imageStatistics(png);
    expect(stddev).toBeGreaterThan(15);
    expect(colours).toBeGreaterThan(500);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
