/**
 * Seed 002 — "jQuery Deferreds and the jQuery Promise Method". Its code runs inside
 * `$.ajaxPrefilter`; the requests themselves are exercised by the ajax test suite. Here the
 * prefilter's body runs on a stand-in jqXHR: an object given a deferred's promise interface with
 * `deferred.promise(jqXHR)` and rejected the way `$.ajax` rejects (`rejectWith(jqXHR, [jqXHR,
 * "error", errorThrown])`) with a JSON error body.
 */

/** A jqXHR-like object whose request fails with `status` and a JSON body. */
function failingRequest($, io, status, body) {
  const transport = $.Deferred();
  const jqXHR = transport.promise({ responseText: "", status: 0 });
  io.setTimeout(() => {
    jqXHR.status = status;
    jqXHR.responseText = body;
    transport.rejectWith(jqXHR, [jqXHR, "error", "Unprocessable Entity"]);
  }, 50);
  return { jqXHR, done: () => transport.promise() };
}

const parseJSON = (text) => JSON.parse(text);

export default {
  seed: "002",
  title: "jqXHR and the promise interface (on a stand-in jqXHR)",
  source: "lithostech.com, 2011: jQuery Deferreds and the jQuery Promise Method",
  examples: [
    {
      title:
        "parseError rewiring: $.Deferred(fn).promise(jqXHR) hands fail callbacks the parsed error body",
      async run($, io) {
        const { jqXHR, done } = failingRequest($, io, 422, '{"field":"email","error":"taken"}');

        // The body of Julian's $.ajaxPrefilter, for a request with options.parseError:
        $.Deferred(function (defer) {
          jqXHR.done(defer.resolve).fail(function (jqXHR, statusText) {
            var parsed = parseJSON(jqXHR.responseText);
            defer.rejectWith(this, [jqXHR, statusText, parsed]);
          });
        }).promise(jqXHR);
        jqXHR.success = jqXHR.done;
        jqXHR.error = jqXHR.fail;

        jqXHR.error(function (xhr, statusText, parsed) {
          io.log(`error callback: ${xhr.status} ${statusText} ${JSON.stringify(parsed)}`);
        });
        await done().catch(() => undefined);
      },
      expected: ['error callback: 422 error {"field":"email","error":"taken"}'],
    },
    {
      title: "the pipe version: jqXHR.pipe(null, fn).promise(jqXHR)",
      async run($, io) {
        const { jqXHR, done } = failingRequest($, io, 422, '{"field":"name","error":"missing"}');

        jqXHR
          .pipe(null, function (jqXHR, statusText) {
            var parsed = parseJSON(jqXHR.responseText);
            return $.Deferred().rejectWith(this, [jqXHR, statusText, parsed]);
          })
          .promise(jqXHR);
        jqXHR.success = jqXHR.done;
        jqXHR.error = jqXHR.fail;

        jqXHR.fail(function (xhr, statusText, parsed) {
          io.log(`fail callback: ${xhr.status} ${statusText} ${JSON.stringify(parsed)}`);
        });
        await done().catch(() => undefined);
      },
      expected: ['fail callback: 422 error {"field":"name","error":"missing"}'],
    },
  ],
};
