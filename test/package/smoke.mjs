/**
 * A plain-Node check of the built package as users load it by name, with no test runner, so that
 * it runs on every Node the package supports (CI runs it on Node 18, where the test runner does
 * not start) and inside a new project that installed the packed tarball (scripts/check-pack.mjs).
 *
 * It loads the package through ESM `import` and CommonJS `require` in one process and checks that
 * both get the same single copy: the same functions, and global state set through one seen through
 * the other (scheduler, Deferred.exceptionHook, ajax defaults and prefilters, rejection tracking).
 * Then the default export, the core alone (`jq-deferred/core`: the root's API but ajax and the
 * bridge, as the same objects and state), the bridge entries, and the browser builds by path.
 *
 *   node test/package/smoke.mjs   # prints one line per check, exits 1 on the first failure
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import $, * as esm from "jq-deferred";
import * as esmBridge from "jq-deferred/jquery";
import * as esmAjaxBridge from "jq-deferred/jquery/ajax";
import $core, * as esmCore from "jq-deferred/core";

const require = createRequire(import.meta.url);
const cjs = require("jq-deferred");
const cjsBridge = require("jq-deferred/jquery");
const cjsAjaxBridge = require("jq-deferred/jquery/ajax");
const cjsCore = require("jq-deferred/core");

/** Runs one named check and prints it; an assertion error stops the script with its message. */
async function check(name, body) {
  await body();
  console.log(`ok - ${name}`);
}

await check("import and require give the same functions (one copy of the library)", () => {
  const names = Object.keys(esm).filter((key) => key !== "default");
  assert.ok(names.length >= 20, `only ${names.length} named exports: ${names.join(", ")}`);
  for (const name of names) assert.equal(cjs[name], esm[name], `${name} differs between copies`);
  assert.equal(cjsBridge.install, esmBridge.install);
  assert.equal(esmBridge.install, esm.install);
  assert.equal(cjsAjaxBridge.installAjax, esmAjaxBridge.installAjax);
  assert.equal(esmAjaxBridge.installAjax, esm.installAjax);
});

await check("the default export is the whole API", () => {
  const names = Object.keys(esm).filter((key) => key !== "default");
  assert.deepEqual(Object.keys($).sort(), names.sort());
  for (const name of names) assert.equal($[name], esm[name], `default.${name}`);
  assert.equal(cjs.default.Deferred, esm.Deferred);
});

/** The root's exports that `jq-deferred/core` leaves out: the ajax family and the bridge. */
const NOT_IN_CORE =
  /^(ajax\w*|get|getJSON|getScript|post|param|ifModifiedCache|routeAjaxEvents|install|installAjax|\w+Error)$/;

await check(
  "jq-deferred/core has the root's API but ajax and the bridge, as the same objects",
  () => {
    const names = Object.keys(esmCore).filter((key) => key !== "default");
    for (const name of Object.keys(esm).filter((key) => key !== "default")) {
      assert.equal(names.includes(name), !NOT_IN_CORE.test(name), `${name} in jq-deferred/core`);
    }
    for (const name of names) {
      assert.equal(esmCore[name], esm[name], `${name}: import of the core and of the root differ`);
      assert.equal(cjsCore[name], esm[name], `${name}: require of the core and import of the root`);
      assert.equal($core[name], esm[name], `default.${name} of the core`);
    }
    assert.deepEqual(Object.keys($core).sort(), names.sort());
    assert.equal(cjsCore.default, $core);
  },
);

await check("settings made through jq-deferred/core apply to the root's, and back", async () => {
  esmCore.setScheduler("jquery");
  try {
    assert.equal(cjs.getScheduler(), "jquery");
  } finally {
    cjs.setScheduler("microtask");
  }
  assert.equal(cjsCore.getScheduler(), "microtask");
  const reported = [];
  cjsCore.trackUnhandledRejections({ unhandled: (reason) => reported.push(reason) });
  try {
    assert.equal(esm.isTrackingUnhandledRejections(), true);
    esm.Deferred().reject("rejected through the root");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(reported, ["rejected through the root"]);
  } finally {
    esmCore.trackUnhandledRejections(false);
  }
  assert.equal(cjs.isTrackingUnhandledRejections(), false);
});

await check("the scheduler set through import is the one require sees", async () => {
  const order = [];
  esm.setScheduler("jquery");
  try {
    assert.equal(cjs.getScheduler(), "jquery");
    const settled = cjs.Deferred().resolve(1);
    const done = settled.then(() => order.push("then"));
    queueMicrotask(() => order.push("microtask"));
    await done;
    // jQuery's scheduler runs then-callbacks on a timer, after the microtask.
    assert.deepEqual(order, ["microtask", "then"]);
  } finally {
    esm.setScheduler("microtask");
  }
  assert.equal(cjs.getScheduler(), "microtask");
});

await check(
  "Deferred.exceptionHook set through require is called for import's deferreds",
  async () => {
    const seen = [];
    const previous = cjs.Deferred.exceptionHook;
    cjs.Deferred.exceptionHook = (error) => seen.push(error.message);
    try {
      const failed = esm
        .Deferred()
        .resolve()
        .then(() => {
          throw new Error("from a then callback");
        });
      await failed.catch(() => undefined);
      assert.deepEqual(seen, ["from a then callback"]);
    } finally {
      cjs.Deferred.exceptionHook = previous;
    }
  },
);

await check("ajax defaults and prefilters set through import apply to require's ajax", async () => {
  const requested = [];
  esm.ajaxSetup({ baseUrl: "http://127.0.0.1:9/api/" });
  const removePrefilter = esm.ajaxPrefilter((options) => {
    requested.push(`prefilter ${options.url}`);
  });
  try {
    assert.equal(cjs.ajaxSetup().baseUrl, "http://127.0.0.1:9/api/");
    const fetch = async (url) => {
      requested.push(`fetch ${String(url instanceof globalThis.Request ? url.url : url)}`);
      return new globalThis.Response('{"id":7}', {
        headers: { "content-type": "application/json" },
      });
    };
    const data = await cjs.ajax("item", { fetch, dataType: "json" });
    assert.deepEqual(data, { id: 7 });
    assert.equal(requested.length, 2, requested.join("; "));
    assert.match(requested[0], /^prefilter /);
    assert.equal(requested[1], "fetch http://127.0.0.1:9/api/item");
  } finally {
    removePrefilter();
    cjs.ajaxReset();
  }
  assert.equal(esm.ajaxSetup().baseUrl, undefined);
});

await check("rejection tracking switched on through require is on for import", async () => {
  const reported = [];
  cjs.trackUnhandledRejections({ unhandled: (reason) => reported.push(reason) });
  try {
    assert.equal(esm.isTrackingUnhandledRejections(), true);
    esm.Deferred().reject("nobody listens");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(reported, ["nobody listens"]);
  } finally {
    esm.trackUnhandledRejections(false);
  }
  assert.equal(cjs.isTrackingUnhandledRejections(), false);
});

await check(
  "the bridge installs the core, and installAjax the ajax family, from either loader",
  () => {
    const slim = Object.assign(() => undefined, { fn: {} });
    cjsBridge.install(slim);
    assert.equal(typeof slim.Deferred, "function");
    assert.equal(slim.when(1).state(), "resolved");
    assert.equal(slim.ajax, undefined);
    const withAjax = Object.assign(() => undefined, { fn: {} });
    esmAjaxBridge.installAjax(withAjax);
    assert.equal(withAjax.Deferred, esm.Deferred);
    assert.equal(withAjax.ajax, cjs.ajax);
  },
);

await check("the browser builds are reachable by package path", () => {
  const iifePath = require.resolve("jq-deferred/dist/browser/jq-deferred.iife.min.js");
  const esmPath = require.resolve("jq-deferred/dist/browser/jq-deferred.min.js");
  assert.match(readFileSync(esmPath, "utf8"), /export\s*\{/);
  const manifest = require("jq-deferred/package.json");
  assert.equal(require.resolve(`jq-deferred/${manifest.unpkg.replace(/^\.\//, "")}`), iifePath);
  assert.equal(manifest.jsdelivr, manifest.unpkg);
  const window = { setTimeout, clearTimeout, queueMicrotask };
  window.globalThis = window;
  runInNewContext(readFileSync(iifePath, "utf8"), window);
  assert.equal(typeof window.jqDeferred.Deferred, "function");
  assert.equal(window.jqDeferred.Deferred().resolve(3).state(), "resolved");
});

console.log(`smoke: all checks passed on Node ${process.version}`);
