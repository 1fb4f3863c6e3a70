/**
 * The slim side of the differential ajax harness, bundled by esbuild from src/ into the classic
 * script /generated/bridge.js: installs jq-deferred's ajax onto the page's jQuery 4 slim the way
 * an application does, and keeps the result for the test to read.
 */
import { installAjax } from "../../../src/bridge/ajax.js";

const page = globalThis as unknown as {
  jQuery: Parameters<typeof installAjax>[0];
  installResult: unknown;
};
page.installResult = installAjax(page.jQuery);
