/**
 * Seed 004 — jQuery API reference, jQuery.when(deferreds). `alert` and `console.log` write to the
 * example's log. The examples over `$.ajax(...)` are run by the ajax test suite.
 */
import { show } from "../harness.mjs";

export default {
  seed: "004",
  title: "jQuery.when(deferreds)",
  source: "https://api.jquery.com/jQuery.when/",
  examples: [
    {
      title: "A single non-Deferred argument: $.when({ testing: 123 }).done(...)",
      run($, io) {
        const alert = (text) => io.log(`alert: ${show(text)}`);
        $.when({ testing: 123 }).done(function (x) {
          alert(x.testing); // Alerts "123"
        });
      },
      expected: ["alert: 123"],
    },
    {
      title: "No arguments: $.when().then(...) on an already resolved promise",
      async run($, io) {
        const alert = (text) => io.log(`alert: ${show(text)}`);
        await $.when().then(function (x) {
          alert("I fired immediately");
          io.log(`x is ${show(x)}`);
        });
      },
      expected: ["alert: 'I fired immediately'", "x is undefined"],
      note: "Since jQuery 3.0, then() callbacks run asynchronously (here, on the next microtask); done() would run synchronously.",
    },
    {
      title: 'd1 and d2: the doneCallback gets "Fish" and "Pizza"',
      run($, io) {
        const console = { log: (value) => io.log(show(value)) };
        var d1 = $.Deferred();
        var d2 = $.Deferred();

        $.when(d1, d2).done(function (v1, v2) {
          console.log(v1); // "Fish"
          console.log(v2); // "Pizza"
        });

        d1.resolve("Fish");
        d2.resolve("Pizza");
      },
      expected: ["'Fish'", "'Pizza'"],
    },
    {
      title: "d1, d2 and d3: no value, one value, several values",
      run($, io) {
        const console = { log: (value) => io.log(show(value)) };
        var d1 = $.Deferred();
        var d2 = $.Deferred();
        var d3 = $.Deferred();

        $.when(d1, d2, d3).done(function (v1, v2, v3) {
          console.log(v1); // v1 is undefined
          console.log(v2); // v2 is "abc"
          console.log(v3); // v3 is an array [ 1, 2, 3, 4, 5 ]
        });

        d1.resolve();
        d2.resolve("abc");
        d3.resolve(1, 2, 3, 4, 5);
      },
      expected: ["undefined", "'abc'", "[ 1, 2, 3, 4, 5 ]"],
    },
    {
      title: "One Deferred rejects: the failCallbacks fire at once, others may still be pending",
      run($, io) {
        const requests = [$.Deferred(), $.Deferred(), $.Deferred()];
        $.when(...requests).then(
          () => io.log("myFunc (not called)"),
          function myFailure(jqXHR, statusText, errorThrown) {
            io.log(`myFailure: ${statusText}, ${errorThrown}`);
            io.log(`states: ${requests.map((request) => request.state()).join(", ")}`);
          },
        );
        requests[0].resolve("Whip");
        requests[1].reject({ status: 404 }, "error", "Not Found");
        return io.sleep(0);
      },
      expected: ["myFailure: error, Not Found", "states: resolved, rejected, pending"],
    },
  ],
};
