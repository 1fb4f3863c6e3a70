/**
 * Where the browser suites find Chromium, and how they start it: one place for every suite.
 * `CHROMIUM_PATH` overrides the default, Debian's `/usr/bin/chromium`.
 */
import { existsSync } from "node:fs";

/** The Chromium executable: `$CHROMIUM_PATH`, or Debian's package by default. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Headless, without a sandbox (CI runs as root) and without any background traffic. */
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Fails with the way out when Chromium is missing, instead of a launch error. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: set CHROMIUM_PATH, or install Debian's package (apt-get install -y chromium; .ci/run does this)`,
    );
  }
}
