/**
 * Seed 001 — jQuery API reference, jQuery.Deferred([beforeStart]). The page has no code; this
 * example walks through what it describes, in its order.
 */

export default {
  seed: "001",
  title: "jQuery.Deferred([beforeStart])",
  source: "https://api.jquery.com/jQuery.Deferred/",
  examples: [
    {
      title:
        "beforeStart, the pending state, resolve running done callbacks at once, a second resolve ignored, late callbacks",
      async run($, io) {
        const dfd = $.Deferred(function (deferred) {
          io.log(`beforeStart: this is the new deferred: ${this === deferred}`);
          deferred.then((value) => io.log(`then callback (asynchronous): ${value}`));
        });
        io.log(`state: ${dfd.state()}`);
        dfd.done((value) => io.log(`done callback: ${value}`));
        dfd.fail(() => io.log("fail callback (never)"));
        dfd.resolve("first");
        io.log(`state: ${dfd.state()}`);
        dfd.resolve("second");
        dfd.reject("too late");
        io.log(`after resolve("second") and reject(): still ${dfd.state()}`);
        dfd.done((value) => io.log(`done callback added later runs at once: ${value}`));
        await io.sleep(0);
      },
      expected: [
        "beforeStart: this is the new deferred: true",
        "state: pending",
        "done callback: first",
        "state: resolved",
        'after resolve("second") and reject(): still resolved',
        "done callback added later runs at once: first",
        "then callback (asynchronous): first",
      ],
    },
    {
      title: "reject()/rejectWith(): the rejected state and the failCallbacks, with a context",
      run($, io) {
        const element = { id: "foo" };
        const dfd = $.Deferred();
        dfd.fail(function (reason) {
          io.log(`fail callback: ${reason}, this is the element: ${this === element}`);
        });
        dfd.always(() => io.log("always callback"));
        dfd.rejectWith(element, ["timeout"]);
        io.log(`state: ${dfd.state()}`);
      },
      expected: [
        "fail callback: timeout, this is the element: true",
        "always callback",
        "state: rejected",
      ],
    },
  ],
};
