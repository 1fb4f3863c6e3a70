// The three functions of Node's `assert` that the Promises/A+ suite uses, for its browser bundle:
// `assert(value)`, `assert.strictEqual` and `assert.notStrictEqual` (both by Object.is, as Node's).
"use strict";

class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

function assert(value, message) {
  if (!value) throw new AssertionError(message || `expected a truthy value, got ${String(value)}`);
}

assert.strictEqual = function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(message || `expected ${String(expected)}, got ${String(actual)}`);
  }
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) {
    throw new AssertionError(message || `expected anything but ${String(expected)}`);
  }
};

assert.AssertionError = AssertionError;
module.exports = assert;
