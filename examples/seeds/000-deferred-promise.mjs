/**
 * Seed 000 — jQuery API reference, deferred.promise([target]). The page's two code blocks were
 * lost in the scrape; these are jQuery's documented examples. `alert` and `$("body").append`
 * write to the example's log.
 */

/** jQuery's asyncEvent(): resolve and reject race on random timers; "working..." every 500 ms. */
function makeAsyncEvent($, setTimeout) {
  return function asyncEvent() {
    var dfd = $.Deferred();

    // Resolve after a random interval
    setTimeout(
      function () {
        dfd.resolve("hurray");
      },
      Math.floor(400 + Math.random() * 2000),
    );

    // Reject after a random interval
    setTimeout(
      function () {
        dfd.reject("sorry");
      },
      Math.floor(400 + Math.random() * 2000),
    );

    // Show a "working..." message every half-second
    setTimeout(function working() {
      if (dfd.state() === "pending") {
        dfd.notify("working... ");
        setTimeout(working, 500);
      }
    }, 1);

    // Return the Promise so caller can't change the Deferred
    return dfd.promise();
  };
}

/** Which of the two racing timers fired first (equal delays fire in the order they were set). */
function winner(io) {
  const [resolveAfter, rejectAfter] = io.delays;
  return resolveAfter <= rejectAfter ? "resolve" : "reject";
}

const outcomeLine = (io) =>
  winner(io) === "resolve"
    ? 'alert: "hurray, things are going well"'
    : 'alert: "sorry, you fail this time"';

/**
 * How many "working..." notifications come before the winning timer: one at 1 ms, then every
 * 500 ms while pending. When the winning timer lands within a few milliseconds of a notification
 * (timers drift a little with each hop), the notification nearest to it may land on either side:
 * a count one off is then accepted too.
 */
function workingCount(io) {
  const settleAt = Math.min(io.delays[0], io.delays[1]);
  const period = Math.max(1, Math.floor(500 * io.scale));
  const expected = Math.max(1, Math.ceil((settleAt - 1) / period));
  const observed = io.lines.filter((line) => line.text.startsWith("body:")).length;
  const sinceLastNotification = (settleAt - 1) % period || period;
  const drift = 10 + 5 * expected;
  const close = sinceLastNotification <= drift || period - sinceLastNotification <= drift;
  return close && Math.abs(observed - expected) === 1 && observed > 0 ? observed : expected;
}

export default {
  seed: "000",
  title: "deferred.promise([target])",
  source: "https://api.jquery.com/deferred.promise/",
  examples: [
    {
      title:
        "Example 1: asyncEvent() — resolve and reject race on random timers; $.when(asyncEvent()).then(done, fail, progress)",
      async run($, io) {
        const asyncEvent = makeAsyncEvent($, io.setTimeout);
        const alert = (text) => io.log(`alert: ${JSON.stringify(text)}`);
        const body = { append: (text) => io.log(`body: ${JSON.stringify(text)}`) };

        // Attach a done, fail, and progress handler for the asyncEvent
        $.when(asyncEvent()).then(
          function (status) {
            alert(status + ", things are going well");
          },
          function (status) {
            alert(status + ", you fail this time");
          },
          function (status) {
            body.append(status);
          },
        );

        await io.sleep(2500);
        io.log("the second timer had no effect");
      },
      expected: (io) => [outcomeLine(io), "the second timer had no effect"],
      note: 'No "working..." appears: since jQuery 3.0, $.when(x) follows x through done/fail only, so progress is not forwarded (jQuery 4 behaves the same). The next example attaches the handlers to asyncEvent() itself.',
    },
    {
      title: 'Example 1, handlers on asyncEvent() itself: the progress handler shows "working..."',
      async run($, io) {
        const asyncEvent = makeAsyncEvent($, io.setTimeout);
        const alert = (text) => io.log(`alert: ${JSON.stringify(text)}`);
        const body = { append: (text) => io.log(`body: ${JSON.stringify(text)}`) };

        asyncEvent().then(
          function (status) {
            alert(status + ", things are going well");
          },
          function (status) {
            alert(status + ", you fail this time");
          },
          function (status) {
            body.append(status);
          },
        );

        await io.sleep(2500);
      },
      expected: (io) => [
        ...Array.from({ length: workingCount(io) }, () => 'body: "working... "'),
        outcomeLine(io),
      ],
    },
    {
      title: "Example 2: use the target argument to promote an existing object to a Promise",
      run($, io) {
        const alert = (text) => io.log(`alert: ${JSON.stringify(text)}`);

        // Existing object
        var obj = {
            hello: function (name) {
              alert("Hello " + name);
            },
          },
          // Create a Deferred
          defer = $.Deferred();

        // Set object as a promise
        defer.promise(obj);

        // Resolve the deferred
        defer.resolve("John");

        // Use the object as a Promise
        obj
          .done(function (name) {
            obj.hello(name); // Will alert "Hello John"
          })
          .hello("Karl"); // Will alert "Hello Karl"
      },
      expected: ['alert: "Hello John"', 'alert: "Hello Karl"'],
    },
  ],
};
