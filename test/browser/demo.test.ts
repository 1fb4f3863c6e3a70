/**
 * The demo page (`npm run demo`) in headless Chromium at a phone's width (390 px) and a desktop's
 * (1280 px): no horizontal overflow before or after every card has run, each card shows its code
 * next to a result that is never blank, the Callbacks, promise(target) and jQuery slim cards do
 * what their code says, and the scheduler race draws bars proportional to time. Screenshots go to
 * reports/browser/demo-<width>.png. Needs `npm run build` (npm test does it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../demo/server.mjs";
import { assertChromium, CHROMIUM, FLAGS } from "./chromium.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CARDS = [
  "when-card",
  "progress-card",
  "scheduler-card",
  "errors-card",
  "callbacks-card",
  "target-card",
  "slim-card",
];

let server: RunningServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  assertChromium();
  const bundle = `${root}dist/browser/jq-deferred.min.js`;
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), "jq-deferred-demo-"));
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

/** Elements wider than the viewport, or reaching past its right edge (none is the goal). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const element of document.querySelectorAll("header, main, footer, .card, .card > *")) {
      const { right } = element.getBoundingClientRect();
      if (right > width + 0.5) found.push(`${element.id || element.className}: right ${right}`);
    }
    return found;
  });
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe.concurrent("the demo page at a phone's and a desktop's width", () => {
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ] as const) {
    it(`fits ${width} px, shows code and a result in every card, and runs them all`, async () => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/demo/`);
      await page.waitForSelector("body[data-ready=true]");

      // The first view: every card has its code and a result area with something in it.
      for (const card of CARDS) {
        const code = await text(page, `#${card} pre.code`);
        expect(code, card).toMatch(/function \w+\(/);
        expect((await text(page, `#${card} .result`)).trim(), card).not.toBe("");
      }
      expect(await overflowing(page)).toEqual([]);
      mkdirSync(`${root}reports/browser`, { recursive: true });
      writeFileSync(`${root}reports/browser/demo-${width}-first-view.png`, await page.screenshot());

      await page.click("#run-all");
      for (const card of CARDS) {
        await page.waitForSelector(`#${card}[data-state=done]`, { timeout: 30_000 });
      }
      expect(await overflowing(page)).toEqual([]);

      expect(await text(page, "#callbacks-log")).toMatch(
        /first listener: hello ada\nlate listener runs at once with the memory: ada\n/,
      );
      expect(await text(page, "#callbacks-log")).not.toMatch(/bob/);
      expect(await text(page, "#callbacks-log")).toMatch(/required: missing\n…stopped/);
      expect(await text(page, "#target-log")).toMatch(
        /upload\.state\(\) = "pending"[\s\S]*await upload → "\/files\/7\/report\.pdf", state "resolved"/,
      );
      expect(await text(page, "#target-log")).toMatch(
        /upload\.promise\(\) is the deferred's own promise: true/,
      );
      const slim = await text(page, "#slim-log");
      expect(slim).toMatch(/slim: \$\.ajax was undefined before install/);
      expect(slim).toMatch(
        /\$\.ajax → done\(\{"name":"slim","method":"GET"\}, "success", jqXHR 200\)/,
      );
      expect(slim).toMatch(/\$\.when\(\$\.get\(…\), \$\.get\(…\)\) → "Whip It"/);
      expect(slim).toMatch(/\$\.getJSON → fail\(jqXHR 404, "error", "Not Found"\)/);

      // The race: each bar's length is its time relative to the slower chain.
      const lanes = await page.evaluate(() =>
        ["microtask", "jquery"].map((name) => ({
          ms: Number.parseFloat(document.getElementById(`time-${name}`)!.textContent!),
          bar: document.getElementById(`lane-${name}`)!.getBoundingClientRect().width,
          track: document.getElementById(`lane-${name}`)!.parentElement!.getBoundingClientRect()
            .width,
        })),
      );
      const slowest = Math.max(...lanes.map((lane) => lane.ms));
      for (const lane of lanes) {
        const expected = Math.max(0.005, lane.ms / slowest) * lane.track;
        expect(Math.abs(lane.bar - expected), JSON.stringify(lanes)).toBeLessThanOrEqual(2);
      }
      expect(lanes[0]!.ms).toBeLessThan(lanes[1]!.ms);

      writeFileSync(
        `${root}reports/browser/demo-${width}.png`,
        await page.screenshot({ fullPage: true }),
      );
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
