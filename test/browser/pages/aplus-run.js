// Runs the loaded suite with a reporter that counts, and publishes `window.aplusResults`:
// `{ passes, failures: [{ title, error }], total }`.
(function () {
  "use strict";
  window.aplusResults = new Promise(function (resolve) {
    var passes = 0;
    var failures = [];
    mocha.reporter(function (runner) {
      runner.on("pass", function () {
        passes++;
      });
      runner.on("fail", function (test, error) {
        failures.push({ title: test.fullTitle(), error: String(error && error.message) });
      });
      runner.on("end", function () {
        resolve({ passes: passes, failures: failures, total: runner.total });
      });
    });
    mocha.run();
  });
})();
