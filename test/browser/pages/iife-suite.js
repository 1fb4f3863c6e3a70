// The classic-script build: one global, `jqDeferred`, usable from non-module scripts.
(function () {
  "use strict";
  var test = window.suite.test;
  var assert = window.suite.assert;

  test("the script defines exactly one new global, jqDeferred", function () {
    var added = Object.getOwnPropertyNames(window).filter(function (name) {
      return window.globalsBefore.indexOf(name) < 0;
    });
    assert.equal(added, ["jqDeferred"]);
  });

  test("jqDeferred exposes the public API", function () {
    var names = [
      "Callbacks",
      "Deferred",
      "defaultExceptionHook",
      "getScheduler",
      "install",
      "setScheduler",
      "when",
    ];
    names.forEach(function (name) {
      assert.is(typeof jqDeferred[name], "function", name);
    });
  });

  test("jqDeferred.when joins deferreds created in a classic script", function () {
    var d1 = jqDeferred.Deferred();
    var d2 = jqDeferred.Deferred();
    var seen = [];
    jqDeferred.when(d1, d2).done(function (v1, v2) {
      seen.push(v1, v2);
    });
    d1.resolve("Fish");
    d2.resolve("Pizza");
    assert.equal(seen, ["Fish", "Pizza"]);
  });

  test("jqDeferred.Deferred(fn).promise() settles from a timer and feeds then()", function () {
    return jqDeferred
      .Deferred(function (dfd) {
        setTimeout(dfd.resolve, 5, 20);
      })
      .promise()
      .then(function (x) {
        return x + 1;
      })
      .then(function (x) {
        assert.is(x, 21);
      });
  });

  window.suite.start();
})();
