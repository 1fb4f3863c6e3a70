/**
 * Seed 003 — Eric Hynds, "Using Deferreds in jQuery 1.5", and its reader comments.
 * `$('#foo').fadeIn(1000, dfd.resolve)` becomes a 1000 ms timer that calls `dfd.resolve` with the
 * element as `this`, as jQuery's animations call their complete callback; `console.log` writes
 * to the example's log. The examples built on `$.get`/`$.ajax` are run by the ajax test suite.
 */

const foo = { id: "foo" };

/** `$('#foo').fadeIn(duration, complete)`, without a page. */
function fadeInWith(setTimeout) {
  return function fadeIn(duration, complete) {
    setTimeout(function () {
      complete.call(foo);
    }, duration);
  };
}

export default {
  seed: "003",
  title: "Using Deferreds in jQuery 1.5",
  source: "https://www.erichynds.com/blog/using-deferreds-in-jquery",
  examples: [
    {
      title: "Creating your own Deferred: showDiv() resolves when its fadeIn completes",
      async run($, io) {
        const console = { log: io.log };
        const fadeIn = fadeInWith(io.setTimeout);

        function showDiv() {
          var dfd = $.Deferred();

          fadeIn(1000, dfd.resolve);

          return dfd.promise();
        }

        const promise = showDiv();
        console.log(`showDiv() returned a promise, state ${promise.state()}`);
        await $.when(promise).then(function () {
          console.log(`The animation is done! (this is #${this.id})`);
        });
      },
      expected: [
        "showDiv() returned a promise, state pending",
        "The animation is done! (this is #foo)",
      ],
    },
    {
      title: "$.Deferred(fn).promise(): the two ways of writing showDiv() are equivalent",
      async run($, io) {
        const console = { log: io.log };
        const fadeIn = fadeInWith(io.setTimeout);

        function showDivLong() {
          var dfd = $.Deferred();

          fadeIn(1000, dfd.resolve);

          return dfd.promise();
        }

        // same as:

        function showDivShort() {
          return $.Deferred(function (dfd) {
            fadeIn(1000, dfd.resolve);
          }).promise();
        }

        const long = showDivLong();
        const short = showDivShort();
        console.log(`both read-only: ${!("resolve" in long)} ${!("resolve" in short)}`);
        long.done(() => console.log("long form resolved"));
        short.done(() => console.log("short form resolved"));
        await $.when(long, short);
      },
      expected: ["both read-only: true true", "long form resolved", "short form resolved"],
    },
    {
      title: "Julian's comment: $.when($.Deferred(fn)) inline, equivalent to $.when(showDiv())",
      async run($, io) {
        const console = { log: io.log };
        const fadeIn = fadeInWith(io.setTimeout);

        const inline = $.when(
          $.Deferred(function (dfd) {
            fadeIn(1000, dfd.resolve);
          }),
        ).then(function () {
          console.log("inline: The animation is done!");
        });

        function showDiv() {
          var dfd = $.Deferred();

          fadeIn(1000, dfd.resolve);

          return dfd.promise();
        }

        const named = $.when(showDiv()).then(function () {
          console.log("showDiv(): The animation is done!");
        });
        await $.when(inline, named);
      },
      expected: ["inline: The animation is done!", "showDiv(): The animation is done!"],
    },
    {
      title: "Chaining Hotness: saveContact() — validation failure, success and a failed request",
      async run($, io) {
        const console = { log: io.log };

        /** A stand-in for the Form plugin's ajaxSubmit: answers after 50 ms, no network. */
        const makeForm = (answer) => ({
          ajaxSubmit(options) {
            io.setTimeout(() => {
              if (answer === 500) options.error(500);
              else options.success({ success: true, id: answer });
            }, 50);
          },
        });

        function saveContact(row) {
          var form = makeForm(row.answer),
            valid = true,
            messages = [],
            dfd = $.Deferred();

          /*
            bunch of client-side validation here
          */
          if (!row.name) {
            valid = false;
            messages.push("name is required");
          }

          if (!valid) {
            dfd.resolve({
              success: false,
              errors: messages,
            });
          } else {
            form.ajaxSubmit({
              dataType: "json",
              success: dfd.resolve,
              error: dfd.reject,
            });
          }

          return dfd.promise();
        }

        const save = (row) =>
          saveContact(row)
            .then(function (response) {
              if (response.success) {
                // saving worked; rejoice
                console.log(`${row.label}: saved as contact ${response.id}`);
              } else {
                // client-side validation failed
                // output the contents of response.errors
                console.log(`${row.label}: validation failed: ${response.errors.join(", ")}`);
              }
            })
            .fail(function (err) {
              // AJAX request failed
              console.log(`${row.label}: request failed with ${err}`);
            });

        const rows = [
          { label: "empty form", name: "" },
          { label: "valid form", name: "Ada", answer: 7 },
          { label: "server error", name: "Bob", answer: 500 },
        ];
        await Promise.allSettled(rows.map(save));
      },
      expected: [
        "empty form: validation failed: name is required",
        "valid form: saved as contact 7",
        "server error: request failed with 500",
      ],
    },
    {
      title:
        "Non-observable Tasks: $.when(startTask(el)) works whether it returns a promise or a cached value",
      async run($, io) {
        const dataCache = new Map();
        const data = (element, key, value) => {
          if (value !== undefined) dataCache.set(key, value);
          return dataCache.get(key);
        };
        /** Stands in for $.get('/start-task/'): the server returns a timestamp after 100 ms. */
        const getStartTask = () =>
          $.Deferred((dfd) => io.setTimeout(() => dfd.resolve("2011-01-31 10:00"), 100)).promise();

        function startTask(element) {
          var timestamp = data(element, "timestamp");

          if (timestamp) {
            return timestamp;
          } else {
            return getStartTask().done(function (timestamp) {
              data(element, "timestamp", timestamp);
            });
          }
        }

        const launchApplication = {};
        function click() {
          const shown = $.when(startTask(launchApplication)).done(function (timestamp) {
            io.log(`#status: You first started this task on: ${timestamp}`);
          });
          io.log("loadApplication()");
          return shown;
        }

        io.log("first click (asks the server):");
        await click();
        io.log("second click (uses the cached timestamp, synchronously):");
        await click();
      },
      expected: [
        "first click (asks the server):",
        "loadApplication()",
        "#status: You first started this task on: 2011-01-31 10:00",
        "second click (uses the cached timestamp, synchronously):",
        "#status: You first started this task on: 2011-01-31 10:00",
        "loadApplication()",
      ],
    },
    {
      title: "The gotcha: $.when(obj) where obj has its own promise() method that returns nothing",
      async run($, io) {
        var obj = {
          promise: function () {
            // do something
          },
        };
        const fn = () => io.log("fn (never called)");

        // The TypeError passing through then(fn) reaches Deferred.exceptionHook, whose default
        // warns on the console (as jQuery's does); here it is shown in the log instead.
        const defaultHook = $.Deferred.exceptionHook;
        $.Deferred.exceptionHook = (error) =>
          io.log(`Deferred.exceptionHook saw the ${error.name}`);
        try {
          // jQuery 1.5 threw here. jQuery 4 and jq-deferred reject the returned promise instead;
          // jq-deferred's TypeError says what is wrong.
          const result = $.when(obj);
          result.then(fn);
          await result.catch(function (error) {
            io.log(`rejected with ${error.name}: ${error.message}`);
          });
        } finally {
          $.Deferred.exceptionHook = defaultHook;
        }
      },
      expected: [
        "Deferred.exceptionHook saw the TypeError",
        "rejected with TypeError: when(): the value has a promise() method, but it returned undefined instead of a promise with done/fail/progress methods",
      ],
    },
    {
      title: "Comment: $.when doesn't take an array, but you can .apply an array of promises to it",
      async run($, io) {
        const tasks = ["a", "b", "c"].map((name, index) =>
          $.Deferred(function (dfd) {
            io.setTimeout(() => dfd.resolve(`${name} done`), 30 * (3 - index));
          }).promise(),
        );
        await $.when.apply($, tasks).done(function () {
          io.log(`all three: ${Array.from(arguments).join(", ")}`);
        });
      },
      expected: ["all three: a done, b done, c done"],
    },
    {
      title: "Comment: abusing the syntax for grouping source code",
      async run($, io) {
        const console = { log: io.log };

        /* Init Dialog */
        await $.when(
          new (function () {
            console.log("Init Dialog");
          })(),
        )
          /* Init Tab I */
          .then(function () {
            console.log("Init Tab I");
          })
          /* Init Tab II */
          .then(function () {
            console.log("Init Tab II");
          })
          /* Show Dialog */
          .done(function () {
            console.log("Show Dialog");
          });
      },
      expected: ["Init Dialog", "Init Tab I", "Init Tab II", "Show Dialog"],
    },
  ],
};
