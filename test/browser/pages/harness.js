// A minimal in-page test harness for the browser suite (a classic script, so every page can use
// it). `suite.test(name, fn)` registers a test (fn may return a promise); `suite.run()` runs them
// in order, each bounded by a timeout, and resolves to `[{ name, ok, error? }]`, which the Node
// side reads through `window.suiteResults`.
(function () {
  "use strict";
  var tests = [];
  var TIMEOUT_MS = 5000;

  function AssertionError(message) {
    var error = new Error(message);
    error.name = "AssertionError";
    return error;
  }

  function show(value) {
    try {
      return typeof value === "string"
        ? JSON.stringify(value)
        : JSON.stringify(value) || String(value);
    } catch {
      return String(value);
    }
  }

  /** Structural equality for primitives (Object.is), arrays and plain objects. */
  function deepEqual(a, b) {
    if (Object.is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    var keysA = Object.keys(a);
    var keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    return keysA.every(function (key) {
      return Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key]);
    });
  }

  var assert = {
    ok: function (value, message) {
      if (!value) throw AssertionError(message || "expected a truthy value, got " + show(value));
    },
    is: function (actual, expected, message) {
      if (!Object.is(actual, expected)) {
        throw AssertionError(
          (message ? message + ": " : "") + "expected " + show(expected) + ", got " + show(actual),
        );
      }
    },
    equal: function (actual, expected, message) {
      if (!deepEqual(actual, expected)) {
        throw AssertionError(
          (message ? message + ": " : "") + "expected " + show(expected) + ", got " + show(actual),
        );
      }
    },
  };

  function withTimeout(promise, name) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        reject(AssertionError("timed out after " + TIMEOUT_MS + " ms: " + name));
      }, TIMEOUT_MS);
      promise.then(
        function (value) {
          clearTimeout(timer);
          resolve(value);
        },
        function (error) {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  async function run() {
    var results = [];
    for (var i = 0; i < tests.length; i++) {
      var name = tests[i].name;
      try {
        await withTimeout(Promise.resolve().then(tests[i].fn), name);
        results.push({ name: name, ok: true });
      } catch (error) {
        results.push({ name: name, ok: false, error: String((error && error.stack) || error) });
      }
    }
    return results;
  }

  window.suite = {
    test: function (name, fn) {
      tests.push({ name: name, fn: fn });
    },
    assert: assert,
    /** Resolves after `ms` milliseconds. */
    sleep: function (ms) {
      return new Promise(function (resolve) {
        setTimeout(resolve, ms);
      });
    },
    /** Runs the registered tests and publishes the results as `window.suiteResults`. */
    start: function () {
      window.suiteResults = run();
      return window.suiteResults;
    },
  };
})();
