// The seed documents' examples on jQuery 4 slim after `jqDeferred.installAjax(jQuery)`,
// written as the documents write them. Translations, where jQuery 4 slim or a test needs them:
// animations (`fadeIn(1000, dfd.resolve)`) become CSS transitions whose `transitionend` resolves;
// random timers are scaled down; `$.parseJSON` (removed in jQuery 4) becomes `JSON.parse`;
// `.bind` (removed in jQuery 4) becomes `.on`; `alert`/`console.log` become recorded lines;
// URLs point at the test server's endpoints.
(function ($) {
  "use strict";
  var test = window.suite.test;
  var assert = window.suite.assert;
  var sleep = window.suite.sleep;

  window.installResult = jqDeferred.installAjax($);

  /** Resolves when the jQuery promise settles, with `{ state, args }`. */
  function settled(promise) {
    return new Promise(function (resolve) {
      promise.always(function () {
        resolve({ state: promise.state(), args: Array.prototype.slice.call(arguments) });
      });
    });
  }

  /** What a failed request's `(jqXHR, textStatus, errorThrown)` says, for assertion messages. */
  function whyFailed(args) {
    var error = args[2];
    var cause = error && error.cause ? " (cause: " + error.cause + ")" : "";
    return "request failed: " + args[1] + ", " + error + cause;
  }

  /** A short CSS transition on `#foo`, standing in for `$('#foo').fadeIn(1000, callback)`. */
  function fadeIn(element, callback) {
    element.css({ transition: "none", opacity: 0 });
    // Flush styles so that opacity 0 is the transition's starting point.
    element[0].getBoundingClientRect();
    element.one("transitionend", function (event) {
      callback.call(this, event);
    });
    element.css({ transition: "opacity 60ms linear", opacity: 1 });
  }

  test("the bridge installed every missing member onto slim", function () {
    assert.equal(window.installResult.kept, []);
    assert.equal(window.installResult.installed, [
      "Deferred",
      "when",
      "Callbacks",
      "fn.promise",
      "ajax",
      "get",
      "post",
      "getJSON",
      "getScript",
      "ajaxSetup",
      "ajaxPrefilter",
      "ajaxTransport",
      "ajaxSettings",
      "active",
      "fn.load",
      "fn.ajaxStart",
      "fn.ajaxStop",
      "fn.ajaxComplete",
      "fn.ajaxError",
      "fn.ajaxSuccess",
      "fn.ajaxSend",
    ]);
  });

  // Seed 000: deferred.promise()

  test("000 example 1: asyncEvent resolves or rejects on random timers; $.when passes on no progress, as in jQuery 4", async function () {
    $("#status").empty();
    var direct = [];
    function asyncEvent() {
      var dfd = $.Deferred();
      setTimeout(
        function () {
          dfd.resolve("hurray");
        },
        Math.floor(40 + Math.random() * 200),
      );
      setTimeout(
        function () {
          dfd.reject("sorry");
        },
        Math.floor(40 + Math.random() * 200),
      );
      setTimeout(function working() {
        if (dfd.state() === "pending") {
          dfd.notify("working... ");
          setTimeout(working, 50);
        }
      }, 1);
      return dfd.promise();
    }
    var event = asyncEvent();
    event.progress(function (status) {
      direct.push(status);
    });
    var outcome = await new Promise(function (resolve) {
      $.when(event).then(
        function (status) {
          resolve(status + ", things are going well");
        },
        function (status) {
          resolve(status + ", you fail this time");
        },
        function (status) {
          $("#status").append(status);
        },
      );
    });
    assert.ok(
      outcome === "hurray, things are going well" || outcome === "sorry, you fail this time",
      outcome,
    );
    // Since jQuery 3, when() over one promise adopts only its outcome, not its notifications (full
    // jQuery 4 prints no "working..." here either); the promise itself does notify.
    assert.is($("#status").text(), "");
    assert.ok(direct.length >= 1 && direct.every((status) => status === "working... "), direct);
  });

  test("000 example 2: promote an existing object to a promise", function () {
    var lines = [];
    var obj = {
        hello: function (name) {
          lines.push("Hello " + name);
        },
      },
      defer = $.Deferred();
    defer.promise(obj);
    defer.resolve("John");
    obj
      .done(function (name) {
        obj.hello(name);
      })
      .hello("Karl");
    assert.equal(lines, ["Hello John", "Hello Karl"]);
  });

  // Seed 001: jQuery.Deferred()

  test("001: beforeStart gets the new deferred; settled deferreds run late callbacks and ignore a second resolve", function () {
    var seen = [];
    var dfd = $.Deferred(function (d) {
      seen.push(this === d);
      d.then(function () {});
    });
    dfd.resolve("first");
    dfd.resolve("second");
    dfd.done(function (value) {
      seen.push(value);
    });
    assert.equal(seen, [true, "first"]);
    assert.is(dfd.state(), "resolved");
  });

  // Seed 004: jQuery.when()

  test("004: $.when($.ajax(...)).then(data, textStatus, jqXHR) sees status 200", async function () {
    var result = await settled($.when($.ajax("/api/text?value=hello")));
    assert.is(result.state, "resolved", result.state === "rejected" ? whyFailed(result.args) : "");
    assert.equal(result.args.slice(0, 2), ["hello", "success"]);
    assert.is(result.args[2].status, 200);
  });

  test("004: a non-promise resolves at once; no argument resolves at once", function () {
    var lines = [];
    $.when({ testing: 123 }).done(function (x) {
      lines.push(x.testing);
    });
    $.when().then(function () {
      lines.push("I fired immediately");
    });
    assert.equal(lines, [123]);
    return sleep(0).then(function () {
      assert.equal(lines, [123, "I fired immediately"]);
    });
  });

  test("004: Fish and Pizza; undefined, 'abc' and [1, 2, 3, 4, 5]", function () {
    var lines = [];
    var d1 = $.Deferred();
    var d2 = $.Deferred();
    $.when(d1, d2).done(function (v1, v2) {
      lines.push(v1, v2);
    });
    d1.resolve("Fish");
    d2.resolve("Pizza");
    var e1 = $.Deferred();
    var e2 = $.Deferred();
    var e3 = $.Deferred();
    $.when(e1, e2, e3).done(function (v1, v2, v3) {
      lines.push(v1, v2, v3);
    });
    e1.resolve();
    e2.resolve("abc");
    e3.resolve(1, 2, 3, 4, 5);
    assert.equal(lines, ["Fish", "Pizza", undefined, "abc", [1, 2, 3, 4, 5]]);
  });

  test("004: $.when($.ajax(page1), $.ajax(page2)) — 'We got what we came for!'", async function () {
    var lines = [];
    await new Promise(function (resolve, reject) {
      $.when($.ajax("/api/text?value=Whip"), $.ajax("/api/text?value=%20It&delay=30"))
        .done(function (a1, a2) {
          var data = a1[0] + a2[0];
          if (/Whip It/.test(data)) lines.push("We got what we came for!");
          lines.push(a1[1], a2[2].status);
          resolve();
        })
        .fail(reject);
    });
    assert.equal(lines, ["We got what we came for!", "success", 200]);
  });

  test("004: .then(myFunc, myFailure) calls myFailure when either request fails", async function () {
    var outcome = await new Promise(function (resolve) {
      function myFunc() {
        resolve("myFunc");
      }
      function myFailure(jqXHR, textStatus, errorThrown) {
        resolve(["myFailure", jqXHR.status, textStatus, errorThrown, jqXHR.ajaxError.name]);
      }
      $.when($.ajax("/api/text?value=Whip"), $.ajax("/api/fail?status=404")).then(
        myFunc,
        myFailure,
      );
    });
    // errorThrown is jQuery's, the status text; the typed error is jqXHR.ajaxError, whose name
    // must survive the bundle's minification.
    assert.equal(outcome, ["myFailure", 404, "error", "Not Found", "HttpError"]);
  });

  // Seed 003: using Deferreds in jQuery 1.5

  test("003: $.get(...).success(...).error(...), and success added after completion still fires", async function () {
    var lines = [];
    var req = $.get("/api/text?value=foo")
      .success(function (response) {
        lines.push("success " + response);
      })
      .error(function () {
        lines.push("error");
      });
    lines.push("doSomethingAwesome");
    await settled(req);
    req.success(function (response) {
      lines.push("late success " + response);
    });
    assert.equal(lines, ["doSomethingAwesome", "success foo", "late success foo"]);
  });

  test("003: $.when(doAjax(), doMoreAjax()).then(...).fail(...)", async function () {
    var lines = [];
    function doAjax() {
      return $.get("/api/text?value=foo");
    }
    function doMoreAjax() {
      return $.get("/api/text?value=bar");
    }
    await settled(
      $.when(doAjax(), doMoreAjax())
        .then(function () {
          lines.push("I fire once BOTH ajax requests have completed!");
        })
        .fail(function () {
          lines.push("I fire if one or more requests failed.");
        }),
    );
    assert.equal(lines, ["I fire once BOTH ajax requests have completed!"]);
  });

  test("003: $.get(url).done(fn), .success(fn) and $.get(url, fn) are equivalent", async function () {
    var seen = [];
    function fn(data, textStatus) {
      seen.push(data + " " + textStatus);
    }
    await settled($.get("/api/text?value=a").done(fn));
    await settled($.get("/api/text?value=a").success(fn));
    await settled($.get("/api/text?value=a", fn));
    assert.equal(seen, ["a success", "a success", "a success"]);
  });

  test("003: getData() and showDiv() (an animation) joined by $.when", async function () {
    var lines = [];
    function getData() {
      return $.get("/api/text?value=server%20response").success(function () {
        lines.push("Fires after the AJAX request succeeds");
      });
    }
    function showDiv() {
      return $.Deferred(function (dfd) {
        fadeIn($("#foo"), dfd.resolve);
      }).promise();
    }
    var ajaxResult = await new Promise(function (resolve) {
      $.when(getData(), showDiv()).then(function (ajaxResult) {
        lines.push("Fires after BOTH showDiv() AND the AJAX request succeed!");
        resolve(ajaxResult);
      });
    });
    assert.equal(lines, [
      "Fires after the AJAX request succeeds",
      "Fires after BOTH showDiv() AND the AJAX request succeed!",
    ]);
    assert.is(ajaxResult[0], "server response");
    assert.is($("#foo").css("opacity"), "1");
  });

  test("003: showDiv() written with a deferred and with $.Deferred(fn).promise() behave alike", async function () {
    function showDivA() {
      var dfd = $.Deferred();
      fadeIn($("#foo"), dfd.resolve);
      return dfd.promise();
    }
    function showDivB() {
      return $.Deferred(function (dfd) {
        fadeIn($("#foo"), dfd.resolve);
      }).promise();
    }
    var a = await settled(showDivA());
    var b = await settled(showDivB());
    assert.equal([a.state, b.state], ["resolved", "resolved"]);
    assert.is(a.args[0].originalEvent.constructor.name, "TransitionEvent");
  });

  test("003: saveContact chains validation failures and ajax results into one promise", async function () {
    function saveContact(row) {
      var valid = row.name !== "",
        messages = [],
        dfd = $.Deferred();
      if (!valid) {
        messages.push("name is required");
        dfd.resolve({ success: false, errors: messages });
      } else {
        $.ajax({
          type: "POST",
          url: "/api/contact",
          data: row,
          dataType: "json",
          success: dfd.resolve,
          error: dfd.reject,
        });
      }
      return dfd.promise();
    }
    var lines = [];
    function report(response) {
      if (response.success) lines.push("saved " + response.id + " " + response.name);
      else lines.push("invalid: " + response.errors.join(", "));
    }
    await settled(saveContact({ name: "" }).then(report));
    await settled(saveContact({ name: "Ada" }).then(report));
    assert.equal(lines, ["invalid: name is required", "saved 42 Ada"]);
  });

  test("003: startTask is observable the first time and a plain value afterwards", async function () {
    var requests = 0;
    function startTask(element) {
      var timestamp = $.data(element, "timestamp");
      if (timestamp) {
        return timestamp;
      } else {
        requests++;
        return $.get("/api/timestamp").success(function (timestamp) {
          $.data(element, "timestamp", timestamp);
        });
      }
    }
    var statuses = [];
    var clicked = $.Deferred();
    $("#launchApplication").on("click", function (event) {
      event.preventDefault();
      $.when(startTask(this)).done(function (timestamp) {
        $("#status").html("<p>You first started this task on: " + timestamp + "</p>");
        statuses.push($("#status").text());
        if (statuses.length === 2) clicked.resolve();
      });
    });
    $("#launchApplication")[0].click();
    await sleep(100);
    $("#launchApplication")[0].click();
    await settled(clicked);
    assert.is(requests, 1);
    assert.is(statuses[0], statuses[1]);
    assert.ok(/^You first started this task on: \d{4}-/.test(statuses[0]), statuses[0]);
  });

  test("003: $.when(obj) over an object whose promise() returns nothing rejects with a TypeError (documented difference)", async function () {
    var obj = {
      promise: function () {
        // do something
      },
    };
    var result = await settled($.when(obj));
    assert.is(result.state, "rejected");
    assert.ok(result.args[0] instanceof TypeError, String(result.args[0]));
  });

  test("003: $.when.apply($, promises) waits for a list built on the fly", async function () {
    var promises = ["a", "b", "c"].map(function (value) {
      return $.get("/api/text?value=" + value);
    });
    var result = await settled($.when.apply($, promises));
    assert.equal(
      result.args.map(function (args) {
        return args[0];
      }),
      ["a", "b", "c"],
    );
  });

  test("003 comments: $.when(new function(){...}).then(...).then(...).done(...) runs in order", async function () {
    var lines = [];
    await settled(
      $.when(
        new (function () {
          lines.push("Init Dialog");
        })(),
      )
        .then(function () {
          lines.push("Init Tab I");
        })
        .then(function () {
          lines.push("Init Tab II");
        })
        .done(function () {
          lines.push("Show Dialog");
        }),
    );
    assert.equal(lines, ["Init Dialog", "Init Tab I", "Init Tab II", "Show Dialog"]);
  });

  test("003 comments: Julian's $.when($.Deferred(fn)) with an animation", async function () {
    var result = await settled(
      $.when(
        $.Deferred(function (dfd) {
          fadeIn($("#foo"), dfd.resolve);
        }),
      ).then(function () {
        return "The animation is done!";
      }),
    );
    assert.equal(result.args, ["The animation is done!"]);
  });

  // Seed 002: jqXHR and the promise interface; $.ajaxPrefilter

  test("002: $.ajax({ url, success, error }) and $.ajax({ url }).success(...) are equivalent", async function () {
    var lines = [];
    await settled(
      $.ajax({
        url: "/api/text?value=r",
        success: function (r) {
          lines.push("Success: " + r);
        },
        error: function (r) {
          lines.push("Error: " + r);
        },
      }),
    );
    await settled(
      $.ajax({ url: "/api/text?value=r" }).success(function () {
        lines.push("success");
      }),
    );
    assert.equal(lines, ["Success: r", "success"]);
  });

  test("002: the parseError prefilter rewires the jqXHR with $.Deferred(...).promise(jqXHR)", async function () {
    $.ajaxPrefilter(function (options, originalOptions, jqXHR) {
      if (options.parseError) {
        $.Deferred(function (defer) {
          jqXHR.done(defer.resolve).fail(function (jqXHR, statusText) {
            var parsed = JSON.parse(jqXHR.responseText);
            defer.rejectWith(this, [jqXHR, statusText, parsed]);
          });
        }).promise(jqXHR);
        jqXHR.success = jqXHR.done;
        jqXHR.error = jqXHR.fail;
      }
    });
    var failed = await settled($.ajax({ url: "/api/fail?status=422", parseError: true }));
    assert.is(failed.state, "rejected");
    assert.is(failed.args[0].status, 422);
    assert.equal(failed.args[2].fields, { email: "is not an email address" });
    var succeeded = await settled($.ajax({ url: "/api/text?value=fine", parseError: true }));
    assert.equal(succeeded.args.slice(0, 2), ["fine", "success"]);
  });

  test("002: the pipe version of the prefilter gives the same parsed error body", async function () {
    // The option is renamed so that this prefilter and the one above never act on one request.
    $.ajaxPrefilter(function (options, originalOptions, jqXHR) {
      if (options.parseErrorWithPipe) {
        jqXHR
          .pipe(null, function (jqXHR, statusText) {
            var parsed = JSON.parse(jqXHR.responseText);
            return $.Deferred().rejectWith(this, [jqXHR, statusText, parsed]);
          })
          .promise(jqXHR);
        jqXHR.success = jqXHR.done;
        jqXHR.error = jqXHR.fail;
      }
    });
    var lines = [];
    await settled(
      $.ajax({ url: "/api/fail?status=500", parseErrorWithPipe: true }).error(
        function (jqXHR, statusText, parsed) {
          lines.push(jqXHR.status, statusText, parsed.error);
        },
      ),
    );
    assert.equal(lines, [500, "error", "validation failed"]);
  });

  // $.fn.promise on slim

  test("$('body > p').promise() resolves at once with the collection (no queues in slim)", function () {
    var collection = $("body > p");
    var seen = [];
    collection.promise().done(function (arg) {
      seen.push(this === collection, arg === collection, arg.length);
    });
    assert.equal(seen, [true, true, 2]);
  });

  window.suite.start();
})(jQuery);
