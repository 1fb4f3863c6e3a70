/**
 * The slim side of the differential ajax harness, bundled by esbuild from src/ into the classic
 * script /generated/bridge.js: installs jq-deferred (with ajax) onto the page's jQuery 4 slim the
 * way an application does, and keeps the result for the test to read.
 */
import { install } from "../../../src/bridge/install.js";

const page = globalThis as unknown as {
  jQuery: Parameters<typeof install>[0];
  installResult: unknown;
};
page.installResult = install(page.jQuery, { ajax: true });
