// sinon for the Promises/A+ browser bundle: sinon's own browser build is loaded by a script tag
// (its UMD wrapper cannot be bundled), and defines the global this module hands to the tests.
"use strict";
module.exports = globalThis.sinon;
