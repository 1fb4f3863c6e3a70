// Sets up mocha and the adapter the Promises/A+ tests read from `global.adapter` when loaded.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var kind = params.get("adapter") || "deferred";
  jqDeferred.setScheduler(params.get("scheduler") || "microtask");
  // promises-aplus-tests uses 200 ms; a longer limit only changes how long a broken test takes to
  // fail, and keeps a loaded CI machine (the other test files run alongside) from failing good ones.
  mocha.setup({ ui: "bdd", timeout: 2000, slow: Infinity });

  function deferred() {
    var d = jqDeferred.Deferred();
    // The "when" adapter: a promise produced by when() over the pending deferred, as jQuery's.
    var promise = kind === "when" ? jqDeferred.when(d) : d.promise();
    // Called through the deferred itself, as jQuery's adapter does: a resolve called as a method of
    // another object would resolve with that object as context, which then handlers receive.
    return {
      promise: promise,
      resolve: function (value) {
        d.resolve(value);
      },
      reject: function (reason) {
        d.reject(reason);
      },
    };
  }
  window.adapter = {
    deferred: deferred,
    resolved: function (value) {
      var d = deferred();
      d.resolve(value);
      return d.promise;
    },
    rejected: function (reason) {
      var d = deferred();
      d.reject(reason);
      return d.promise;
    },
  };
})();
