/**
 * The bridge's own entry point, `jq-deferred/jquery`, as users import it from the built package:
 * from ESM and CommonJS, sharing one core with the package root (so hooks and the scheduler set
 * through either apply to both). Each case runs in a fresh Node process against dist/.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function run(source: string, type: "module" | "commonjs"): string {
  return execFileSync(process.execPath, [`--input-type=${type}`, "-e", source], {
    cwd: root,
    encoding: "utf8",
  }).trim();
}

/** A stand-in with the shape install() needs: a function with a `fn` object. */
const FAKE_JQUERY = "const $ = function () {}; $.fn = {};";

describe("jq-deferred/jquery", () => {
  it("imports install from ESM and installs the root's own Deferred", () => {
    const out = run(
      `import { install } from "jq-deferred/jquery";
       import { Deferred, when } from "jq-deferred";
       ${FAKE_JQUERY}
       const result = install($);
       console.log(result.installed.join(","), $.Deferred === Deferred, $.when === when);`,
      "module",
    );
    expect(out).toBe("Deferred,when,Callbacks,fn.promise true true");
  });

  it("requires install from CommonJS and installs the root's own Deferred", () => {
    const out = run(
      `const { install } = require("jq-deferred/jquery");
       const { Deferred } = require("jq-deferred");
       ${FAKE_JQUERY}
       install($);
       console.log($.Deferred === Deferred, "ajax" in $);`,
      "commonjs",
    );
    expect(out).toBe("true false");
  });
});

describe("jq-deferred/jquery/ajax", () => {
  it("imports installAjax from ESM, sharing the root's ajax and Deferred", () => {
    const out = run(
      `import { installAjax } from "jq-deferred/jquery/ajax";
       import { ajax, ajaxSetup, Deferred } from "jq-deferred";
       ${FAKE_JQUERY}
       const { installed } = installAjax($);
       console.log(installed.includes("fn.load"), $.ajax === ajax, $.Deferred === Deferred,
         $.ajaxSettings === ajaxSetup());`,
      "module",
    );
    expect(out).toBe("true true true true");
  });

  it("requires installAjax from CommonJS, sharing the root's ajax", () => {
    const out = run(
      `const { installAjax } = require("jq-deferred/jquery/ajax");
       const { ajax } = require("jq-deferred");
       ${FAKE_JQUERY}
       installAjax($);
       console.log($.ajax === ajax, typeof $.fn.ajaxStart);`,
      "commonjs",
    );
    expect(out).toBe("true function");
  });
});
